// Generates src/bundle.d.ts from the bundle's JSON Schema (schema/help-bundle.schema.json); `--check` only compares.

import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const SCHEMA = here('../../../schema/help-bundle.schema.json');
export const TYPES = here('../src/bundle.d.ts');

/** The TypeScript declarations for the current schema. */
export async function generate() {
  const schema = JSON.parse(readFileSync(SCHEMA, 'utf8'));
  return compile(schema, 'HelpBundle', {
    bannerComment:
      '// Generated from schema/help-bundle.schema.json by `npm run types` (json-schema-to-typescript). Do not edit.',
    additionalProperties: false,
    format: false,
    style: { singleQuote: true },
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = await generate();
  if (process.argv.includes('--check')) {
    if (readFileSync(TYPES, 'utf8') !== text) {
      console.error('src/bundle.d.ts is stale: run `npm run types` in clients/js');
      process.exit(1);
    }
  } else {
    writeFileSync(TYPES, text);
  }
}
