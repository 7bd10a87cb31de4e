#!/usr/bin/env node
// Render one Markdown/MDX file to static HTML with @mdx-js/mdx 3 `evaluate` (format 'mdx', as
// Docusaurus compiles it), using a tiny string-building JSX runtime instead of React.
// Usage: node tests/clients/mdx-render.mjs FILE   (prints the HTML; front matter is skipped)
// Evaluating runs the compiled page, so run mdx-compile.mjs --strict on untrusted output first.
import { readFile } from 'node:fs/promises';
import { evaluate } from '@mdx-js/mdx';
import { Fragment, jsx, render } from './mdx-string-runtime.mjs';
import { helpdocImports } from './helpdoc-imports.mjs';

const file = process.argv[2];
if (!file || process.argv.length > 3) {
  console.error('usage: mdx-render.mjs FILE.md');
  process.exit(2);
}

let value = await readFile(file, 'utf8');
// Docusaurus strips front matter before compiling; do the same.
const front = /^---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(value);
if (front) value = value.slice(front[0].length);
// helpdoc's own imports (whole ESM nodes, never text in code) become stand-in components.
const components = {};
const swapHelpdocImports = () => (tree) => {
  tree.children = tree.children.filter((node) => {
    const known = node.type === 'mdxjsEsm' && helpdocImports(node.value);
    for (const { name, standIn } of known || []) components[name] = standIn;
    return !known;
  });
};
const { default: Content } = await evaluate({ value, path: file }, {
  format: 'mdx',
  remarkPlugins: [swapHelpdocImports],
  Fragment,
  jsx,
  jsxs: jsx,
});
console.log(render(Content({ components })));
