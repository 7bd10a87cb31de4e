// src/bundle.d.ts is what json-schema-to-typescript makes of schema/help-bundle.schema.json today.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { generate, TYPES } from '../scripts/generate-types.mjs';

test('generated types match the bundle schema', async () => {
  assert.equal(
    readFileSync(TYPES, 'utf8'),
    await generate(),
    'src/bundle.d.ts is stale: run `npm run types` in clients/js',
  );
});
