#!/usr/bin/env node
// Drive `helpdoc serve` in headless Debian Chromium: edit a topic and see the page change with
// the scroll position kept; break the file and see the error overlay name it; fix it and see
// the overlay go. Usage: node tests/clients/serve-check.mjs URL TOPIC.yaml
// The topic must hold the text `Marker one` and be long enough to scroll. Exit 1 on a failure.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';

const [url, topic] = process.argv.slice(2);
if (!url || !topic) {
  console.error('usage: serve-check.mjs URL TOPIC.yaml');
  process.exit(2);
}
const original = readFileSync(topic, 'utf8');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Polls `probe` in the page (which may be reloading) until it returns true.
async function until(page, what, probe, seconds = 30) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    try {
      if (await page.evaluate(probe)) return;
    } catch {
      // The page is reloading; try again.
    }
    await sleep(50);
  }
  throw new Error(`timed out waiting for: ${what}`);
}

const profile = mkdtempSync(join(tmpdir(), 'helpdoc-serve-'));
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  pipe: true,
  userDataDir: profile,
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-dev-shm-usage',
  ],
});
let failed = false;
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1000, height: 700 });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e?.message ?? e)));
  await page.goto(url, { waitUntil: 'load' });
  await until(page, 'the first text', () => document.body.innerText.includes('Marker one'));
  await page.evaluate(() => window.scrollTo(0, 1500));
  const before = await page.evaluate(() => window.scrollY);
  if (before < 1400) throw new Error(`the page does not scroll far enough (scrollY ${before})`);

  const written = Date.now();
  writeFileSync(topic, original.replace('Marker one', 'Marker two'));
  await until(page, 'the edited text', () => document.body.innerText.includes('Marker two'));
  console.log(`file written -> page updated: ${Date.now() - written} ms`);
  await until(page, 'the scroll position restored', `Math.abs(window.scrollY - ${before}) < 5`, 10);
  console.log(`edit shown, scroll kept at ${await page.evaluate(() => window.scrollY)}`);

  writeFileSync(topic, 'kind: concept\nid: web-services\ntitle: [unclosed\n');
  await until(page, 'the error overlay', () => {
    const where = document.querySelector('#helpdoc-error-overlay .helpdoc-where');
    return where !== null && /topic\.yaml:\d+:\d+/.test(where.textContent);
  });
  const overlay = await page.evaluate(() => document.getElementById('helpdoc-error-overlay').innerText);
  console.log(`overlay shown: ${overlay.split('\n').slice(0, 3).join(' | ')}`);
  if (!(await page.evaluate(() => document.body.innerText.includes('Marker two')))) {
    throw new Error('the last good page is not kept under the overlay');
  }

  writeFileSync(topic, original.replace('Marker one', 'Marker three'));
  await until(page, 'the overlay gone and the fixed text shown', () =>
    document.getElementById('helpdoc-error-overlay') === null &&
    document.body.innerText.includes('Marker three'));
  await until(page, 'the scroll position kept after the fix', `Math.abs(window.scrollY - ${before}) < 5`, 10);
  console.log('overlay gone after the fix');
  if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
} catch (error) {
  console.error(`FAIL: ${error.message}`);
  failed = true;
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
