// Benchmark: JS lookup over a synthesized bundle of N errors (default 1,000, 10,000 and 100,000): bundle load time, median exact and templated lookup.

import { lookup, prepare } from '../src/index.js';

const WORDS = ['unable', 'missing', 'invalid', 'cannot', 'sync', 'export', 'import', 'access',
  'connection', 'payment', 'invoice', 'vendor', 'report', 'token', 'session', 'quota'];

/** A bundle of `n` errors; every third has a template message. Shaped like helpdoc's output. */
function synthesize(n) {
  const errors = [];
  const byMessage = {};
  const templates = [];
  for (let i = 0; i < n; i++) {
    const id = `error-${i}`;
    const w = WORDS[i % WORDS.length];
    const v = WORDS[(i * 7) % WORDS.length];
    const templated = i % 3 === 0;
    const message = templated
      ? `${w} ${v} failed for record ${i}: {reason}`
      : `${w} ${v} error number ${i} happened`;
    errors.push({
      id, message, error_type: 'product_error', title: `Resolve ${message}`,
      user_recoverable: true,
      docs_url: `https://docs.example.com/p/page#${id}`,
      causes: [{ text: 'Something went wrong.', html: 'Something went wrong.',
        resolution: { steps: [{ text: 'Try again.', html: 'Try again.', substeps: [], branches: [] }] } }],
    });
    if (templated) {
      templates.push({ id, literals: [`${w} ${v} failed for record ${i}: `, ''], placeholders: ['reason'] });
    } else {
      byMessage[message.toLowerCase()] = id;
    }
  }
  templates.sort((a, b) => b.literals.join('').length - a.literals.join('').length || (a.id < b.id ? -1 : 1));
  return {
    $schema: 'https://helpdoc.dev/schema/help-bundle.schema.json', format_version: 3,
    generator: { name: 'helpdoc', version: '0.1.0' }, publication: { id: 'bench', title: 'Bench' },
    language: 'en', generated: '2026-01-01', errors, index: { by_code: {}, by_message: byMessage, templates },
  };
}

const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function time(fn, rounds) {
  const samples = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    fn(r);
    samples.push(Number(process.hrtime.bigint() - t0) / 1e3);
  }
  return median(samples);
}

const sizes = process.argv.slice(2).map(Number).filter(Boolean);
for (const n of sizes.length ? sizes : [1000, 10000, 100000]) {
  const text = JSON.stringify(synthesize(n));
  let bundle;
  const parseUs = time(() => { bundle = JSON.parse(text); }, 5);
  const copies = Array.from({ length: 5 }, () => JSON.parse(text));
  const prepareUs = time((r) => prepare(copies[r]), 5);
  prepare(bundle);
  const exact = (r) => {
    const i = 3 * (r % Math.floor((n - 2) / 3)) + 1;
    const w = WORDS[i % WORDS.length];
    const v = WORDS[(i * 7) % WORDS.length];
    return `${w.toUpperCase()} ${v}  error number ${i} happened.`;
  };
  const templated = (r) => {
    const i = 3 * (r % Math.floor(n / 3));
    return `${WORDS[i % WORDS.length]} ${WORDS[(i * 7) % WORDS.length]} failed for record ${i}: Connection timed out`;
  };
  // Warm up, and check the answers.
  for (let r = 0; r < 2000; r++) {
    if (lookup(bundle, { message: exact(r) })?.by !== 'message') throw new Error(`exact ${r}`);
    if (lookup(bundle, { message: templated(r) })?.values.reason !== 'Connection timed out') throw new Error(`template ${r}`);
  }
  const exactUs = time((r) => lookup(bundle, { message: exact(r) }), 20001);
  const templateUs = time((r) => lookup(bundle, { message: templated(r) }), 20001);
  const missUs = time((r) => lookup(bundle, { message: `unable missing nothing like ${r}` }), 20001);
  console.log(
    `${n} errors (${(text.length / 1e6).toFixed(1)} MB, ${bundle.index.templates.length} templates): ` +
      `load ${(parseUs / 1e3).toFixed(1)} ms JSON.parse + ${(prepareUs / 1e3).toFixed(1)} ms prepare; ` +
      `median lookup: exact ${exactUs.toFixed(2)} µs, templated ${templateUs.toFixed(2)} µs, no match ${missUs.toFixed(2)} µs`,
  );
}
