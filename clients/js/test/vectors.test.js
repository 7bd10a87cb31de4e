// The JS client on the shared lookup vectors (tests/vectors/lookup.json), which the Rust lookup passes too.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { lookup, normalizeMessage, FORMAT_VERSION } from '../src/index.js';

const vectors = JSON.parse(
  readFileSync(new URL('../../../tests/vectors/lookup.json', import.meta.url), 'utf8'),
);

test('every lookup case', () => {
  for (const c of vectors.cases) {
    const found = lookup(vectors.bundle, { code: c.code, message: c.message });
    const got = found && { id: found.error.id, by: found.by, values: { ...found.values } };
    assert.deepEqual(got, c.expect, c.name);
  }
});

test('every normalization pair', () => {
  for (const { input, output } of vectors.normalize) {
    assert.equal(normalizeMessage(input), output, JSON.stringify(input));
  }
});

test('a bundle of another format version is refused', () => {
  assert.equal(vectors.bundle.format_version, FORMAT_VERSION);
  const old = { ...vectors.bundle, format_version: 1 };
  assert.throws(() => lookup(old, { message: 'Missing permissions' }), /format_version 1/);
});

test('a placeholder named __proto__ stays a plain value', () => {
  const bundle = structuredClone(vectors.bundle);
  bundle.index.templates = [
    { id: 'sync-failed', literals: ['odd ', ''], placeholders: ['__proto__'] },
  ];
  const found = lookup(bundle, { message: 'Odd value' });
  assert.equal(Object.getPrototypeOf(found.values), Object.prototype);
  assert.deepEqual(Object.keys(found.values), ['__proto__']);
  assert.equal(found.values.__proto__, 'value');
});

test('index keys are own properties only', () => {
  assert.equal(lookup(vectors.bundle, { code: 'constructor', message: 'toString' }), null);
});
