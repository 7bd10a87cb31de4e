#!/usr/bin/env node
// Reads YAML texts with js-yaml, the parser Docusaurus reads front matter with (its own copy).
// Usage: node tests/clients/yaml-load.mjs CASES.json
//   CASES.json is a list of {"yaml": TEXT, "key": KEY, "expected": STRING}; prints "FAIL ..." for
//   each text whose KEY is not exactly the string EXPECTED; exits 1 if any failed.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(new URL('./docusaurus-site/package.json', import.meta.url));
const yaml = require('js-yaml');

const [file] = process.argv.slice(2);
if (!file) {
  console.error('usage: yaml-load.mjs CASES.json');
  process.exit(2);
}
const cases = JSON.parse(await readFile(file, 'utf8'));
let failed = 0;
for (const { yaml: text, key, expected } of cases) {
  let value;
  try {
    value = yaml.load(text)[key];
  } catch (error) {
    value = `<error: ${error.message}>`;
  }
  if (value !== expected) {
    failed += 1;
    console.log(`FAIL ${JSON.stringify(text)}: read ${JSON.stringify(value)}, expected ${JSON.stringify(expected)}`);
  }
}
console.log(`${cases.length - failed} of ${cases.length} read back`);
process.exit(failed ? 1 : 0);
