#!/usr/bin/env node
// Compile AND evaluate each Markdown/MDX file with @mdx-js/mdx 3 `evaluate` (format 'mdx', as
// Docusaurus compiles it), render it with a string-building JSX runtime, and report whether any
// code from the page ran. Each file is evaluated twice: whole (plain MDX reads the front matter as
// Markdown) and with its front matter stripped (as Docusaurus does); imports resolve (baseUrl is
// set), so an ESM breakout runs rather than failing.
// Usage: node tests/clients/mdx-evaluate.mjs FILE...
//   prints one JSON line per file: {"file", "ran", "error", "html"}; `ran` is the value any page
//   code stored in globalThis.__helpdoc_ran (null when nothing ran), `html` the stripped page.
//   Exits 2 on a usage error only: the caller judges the results.
import { readFile } from 'node:fs/promises';
import { evaluate } from '@mdx-js/mdx';
import { Fragment, jsx, render } from './mdx-string-runtime.mjs';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: mdx-evaluate.mjs FILE.md...');
  process.exit(2);
}

const options = { format: 'mdx', Fragment, jsx, jsxs: jsx, baseUrl: import.meta.url };

async function evaluateAndRender(value, path) {
  const { default: Content } = await evaluate({ value, path }, options);
  return render(Content({}));
}

for (const file of files) {
  globalThis.__helpdoc_ran = undefined;
  const result = { file, ran: null, error: null, html: '' };
  try {
    const value = await readFile(file, 'utf8');
    await evaluateAndRender(value, file);
    const front = /^---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(value);
    result.html = await evaluateAndRender(front ? value.slice(front[0].length) : value, file);
  } catch (err) {
    result.error = String(err?.reason ?? err?.message ?? err).split('\n')[0];
  }
  result.ran = globalThis.__helpdoc_ran ?? null;
  console.log(JSON.stringify(result));
}
