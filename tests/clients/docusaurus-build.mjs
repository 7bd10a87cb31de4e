#!/usr/bin/env node
// Builds Markdown folders in the pinned Docusaurus 3 site (tests/clients/docusaurus-site/), with
// broken links, anchors, Markdown links and images as errors.
// Usage: node tests/clients/docusaurus-build.mjs [--out BUILD_DIR] [NAME=]DOCS_DIR...
//   Each DOCS_DIR (e.g. helpdoc's `markdown/<publication>` folder) is copied to `docs/NAME/` (NAME
//   defaults to the folder's name) of a temporary copy of the site, so many publications build at
//   once as one site; the committed site folder is never written. `--out` keeps the built HTML.
//   Prints "ok N pages" or "FAIL" with Docusaurus's own error; exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const site = join(dirname(fileURLToPath(import.meta.url)), 'docusaurus-site');

function usage(message) {
  console.error(`docusaurus-build: ${message}`);
  console.error('usage: docusaurus-build.mjs [--out BUILD_DIR] [NAME=]DOCS_DIR...');
  process.exit(2);
}

let out = null;
const folders = new Map(); // NAME -> DOCS_DIR
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--out') {
    out = args[++i] ?? usage('--out needs a folder');
    continue;
  }
  const at = args[i].indexOf('=');
  const dir = resolve(at > 0 ? args[i].slice(at + 1) : args[i]);
  const name = at > 0 ? args[i].slice(0, at) : basename(dir);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name) || name === 'index.md') {
    usage(`\`${name}\` is not a plain folder name for docs/ (write NAME=${dir})`);
  }
  if (folders.has(name)) usage(`two folders would become docs/${name} (name one with NAME=DIR)`);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) usage(`${dir} is not a folder`);
  folders.set(name, dir);
}
if (folders.size === 0) usage('no folder to build');
const bin = join(site, 'node_modules/@docusaurus/core/bin/docusaurus.mjs');
if (!existsSync(bin)) {
  console.error('docusaurus-build: the site is not installed (run .ci/install-test-tools first)');
  process.exit(2);
}

const temp = mkdtempSync(join(tmpdir(), 'helpdoc-docusaurus-'));
let status = 1;
try {
  // The committed site (config, package.json, home page) without its dependencies, which are linked.
  for (const entry of readdirSync(site)) {
    if (entry === 'node_modules' || entry === 'build' || entry === '.docusaurus') continue;
    cpSync(join(site, entry), join(temp, entry), { recursive: true });
  }
  symlinkSync(join(site, 'node_modules'), join(temp, 'node_modules'), 'dir');
  for (const [name, dir] of folders) cpSync(dir, join(temp, 'docs', name), { recursive: true });

  const outDir = out ? resolve(out) : join(temp, 'build');
  const run = spawnSync(process.execPath, [bin, 'build', '--out-dir', outDir, '--no-minify'], {
    cwd: temp,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 10 * 60 * 1000, // a hung build fails instead of holding up the suite
    env: {
      ...process.env,
      NODE_ENV: 'production',
      // No update check against the registry, and no webpack cache written into the shared
      // node_modules (the temporary site links it).
      NO_UPDATE_NOTIFIER: '1',
      DOCUSAURUS_NO_PERSISTENT_CACHE: '1',
      FORCE_COLOR: '0',
      NO_COLOR: '1',
    },
  });
  if (run.error) throw run.error;
  status = run.status ?? 1;
  if (status === 0) {
    const pages = countPages(outDir);
    console.log(`ok ${pages} pages`);
  } else {
    console.log(`FAIL docusaurus build ${run.signal ? `stopped by ${run.signal}` : `exited with ${run.status}`}`);
    process.stdout.write(run.stdout);
    process.stdout.write(run.stderr);
  }
} finally {
  rmSync(temp, { recursive: true, force: true });
}
process.exit(status);

/** The number of HTML pages Docusaurus wrote. */
function countPages(dir) {
  let count = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) count += countPages(path);
    else if (entry.name.endsWith('.html')) count += 1;
  }
  return count;
}
