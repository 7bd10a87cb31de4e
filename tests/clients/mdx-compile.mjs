#!/usr/bin/env node
// Compile each .md/.mdx file with @mdx-js/mdx `compile` (MDX 3, format 'mdx'), as Docusaurus would.
// Usage: node tests/clients/mdx-compile.mjs [--strict] FILE...
//   prints "ok FILE" or "FAIL FILE: message (line:col)"; exits 1 if any file failed.
// --strict additionally fails on anything that would run code when the page is built/rendered:
//   {expressions}, import/export (ESM), JSX attribute expressions, on* attributes, <script> elements;
//   the one exception is `import` lines that helpdoc itself writes (helpdoc-imports.mjs), each whole.
//   (Plain MDX happily compiles `{process.exit()}`: it is valid MDX that executes at render time.)
import { readFile } from 'node:fs/promises';
import { compile } from '@mdx-js/mdx';
import { helpdocImports } from './helpdoc-imports.mjs';

const args = process.argv.slice(2);
const strict = args.includes('--strict');
const files = args.filter((a) => a !== '--strict');
if (files.length === 0) {
  console.error('usage: mdx-compile.mjs [--strict] FILE.md|FILE.mdx...');
  process.exit(2);
}

const pos = (node) => {
  const s = node?.position?.start;
  return s ? `${s.line}:${s.column}` : '?:?';
};

// remark plugin: collect code-executing constructs.
function strictCheck(found) {
  return () => (tree) => {
    const walk = (node) => {
      switch (node.type) {
        case 'mdxjsEsm':
          if (!helpdocImports(node.value)) found.push(`import/export statement (${pos(node)})`);
          break;
        case 'mdxFlowExpression':
        case 'mdxTextExpression':
          found.push(`expression {${node.value}} (${pos(node)})`);
          break;
        case 'mdxJsxFlowElement':
        case 'mdxJsxTextElement':
          if (String(node.name).toLowerCase() === 'script') found.push(`<script> element (${pos(node)})`);
          for (const attr of node.attributes ?? []) {
            if (attr.type === 'mdxJsxExpressionAttribute') {
              found.push(`spread attribute {${attr.value}} (${pos(node)})`);
            } else if (attr.value && typeof attr.value === 'object') {
              found.push(`attribute expression ${attr.name}={${attr.value.value}} (${pos(node)})`);
            } else if (/^on/i.test(attr.name)) {
              found.push(`event-handler attribute ${attr.name} (${pos(node)})`);
            }
          }
          break;
      }
      for (const child of node.children ?? []) walk(child);
    };
    walk(tree);
  };
}

let failed = 0;
for (const file of files) {
  const found = [];
  try {
    const value = await readFile(file, 'utf8');
    await compile(
      { value, path: file },
      { format: 'mdx', remarkPlugins: strict ? [strictCheck(found)] : [] },
    );
    if (found.length) {
      failed++;
      console.log(`FAIL ${file}: code-executing MDX (strict): ${found.join('; ')}`);
    } else {
      console.log(`ok ${file}`);
    }
  } catch (err) {
    failed++;
    const reason = String(err?.reason ?? err?.message ?? err).split('\n')[0];
    const line = err?.line ?? err?.place?.line ?? err?.place?.start?.line;
    const col = err?.column ?? err?.place?.column ?? err?.place?.start?.column;
    const where = line != null ? ` (${line}:${col ?? '?'})` : '';
    const rule = err?.ruleId ? ` [${err.source ?? 'mdx'}:${err.ruleId}]` : '';
    console.log(`FAIL ${file}: ${reason}${where}${rule}`);
  }
}
process.exit(failed ? 1 : 0);
