#!/usr/bin/env node
// Serves the <helpdoc-help> demo on 127.0.0.1 with a help bundle: `node demo/serve.mjs BUNDLE.json [--port N]`.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The client's folder; only its `demo/` and `src/` folders are served. */
const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const SERVED = ['demo', 'src'];
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

/**
 * Starts the demo server: `/demo/` is the page, `/demo/in-product-help.json` the given bundle
 * (read on each request, so a rebuilt bundle shows on reload), `/src/` the client.
 * @param {{ bundle: string, port?: number }} options
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function serveDemo({ bundle, port = 0 }) {
  const server = createServer(async (req, res) => {
    const file = resolveRequest(req.url ?? '/', bundle);
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed');
    if (!file) return send(res, 404, 'not found');
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      send(res, 404, 'not found');
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const { port: actual } = server.address();
  return {
    url: `http://127.0.0.1:${actual}/demo/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The file a request path names, or null: only known files under `demo/` and `src/`. */
function resolveRequest(url, bundle) {
  let path;
  try {
    path = decodeURIComponent(new URL(url, 'http://localhost').pathname);
  } catch {
    return null;
  }
  if (path === '/demo/in-product-help.json') return bundle;
  if (path.endsWith('/')) path += 'index.html';
  const parts = path.split('/').filter(Boolean);
  if (parts.some((p) => p === '..' || p === '.' || p.includes('\\') || p.includes('\0'))) return null;
  if (!SERVED.includes(parts[0]) || !TYPES[extname(path)]) return null;
  const file = join(ROOT, ...parts);
  return file.startsWith(ROOT + sep) ? file : null;
}

function send(res, status, text) {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const portAt = args.indexOf('--port');
  const port = portAt >= 0 ? Number(args.splice(portAt, 2)[1]) : 0;
  if (args.length !== 1 || !Number.isInteger(port)) {
    console.error('usage: node demo/serve.mjs BUNDLE.json [--port N]   (build one: helpdoc build --format json)');
    process.exit(2);
  }
  const { url } = await serveDemo({ bundle: args[0], port });
  console.log(`demo at ${url} (Ctrl-C stops)`);
}
