#!/usr/bin/env node
// Validate JSON documents with Ajv (JSON Schema 2020-12, strict mode, ajv-formats), picking each
// file's schema by matching its `$schema` against the `$id`s of the schemas in DIR.
// Usage: node tests/clients/ajv-validate.mjs --schema-dir DIR FILE.json...
//   prints "ok FILE" or "FAIL FILE: /pointer message" per error; exits 1 if any file failed.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const args = process.argv.slice(2);
const dirAt = args.indexOf('--schema-dir');
if (dirAt < 0 || !args[dirAt + 1]) {
  console.error('usage: ajv-validate.mjs --schema-dir DIR FILE.json...');
  process.exit(2);
}
const dir = args[dirAt + 1];
const files = args.filter((_, i) => i !== dirAt && i !== dirAt + 1);

const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
// Integer and float widths that schemars writes as `format`: accept the value, check the range.
ajv.addFormat('uint32', { type: 'number', validate: (n) => Number.isInteger(n) && n >= 0 && n <= 4294967295 });
ajv.addFormat('float', { type: 'number', validate: (n) => Number.isFinite(n) });

for (const name of (await readdir(dir)).filter((n) => n.endsWith('.json')).sort()) {
  ajv.addSchema(JSON.parse(await readFile(path.join(dir, name), 'utf8')));
}

let failed = false;
for (const file of files) {
  let doc;
  try {
    doc = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    console.log(`FAIL ${file}: cannot parse: ${e.message}`);
    failed = true;
    continue;
  }
  const validate = typeof doc?.$schema === 'string' ? ajv.getSchema(doc.$schema) : undefined;
  if (!validate) {
    console.log(`FAIL ${file}: no schema in ${dir} has the \`$id\` ${JSON.stringify(doc?.$schema)}`);
    failed = true;
    continue;
  }
  if (validate(doc)) {
    console.log(`ok ${file}`);
  } else {
    failed = true;
    for (const e of validate.errors) console.log(`FAIL ${file}: ${e.instancePath || '/'} ${e.message}`);
  }
}
process.exit(failed ? 1 : 0);
