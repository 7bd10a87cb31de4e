#!/usr/bin/env node
// The <helpdoc-help> demo (clients/js/demo) in headless Debian Chromium, served over 127.0.0.1:
// lookups (exact, normalized, templated, none), captured values as text, axe, keyboard reach.
// Usage: node tests/clients/help-component.mjs BUNDLE.json [--screenshots DIR]
// (BUNDLE.json: `helpdoc build --format json` of the shipped content; DIR keeps desktop.png
// at 1280 px and phone.png at 390 px, taken in a temporary folder otherwise.)
// CHROMIUM=/path overrides the browser.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import puppeteer from 'puppeteer-core';
import { serveDemo } from '../../clients/js/demo/serve.mjs';

const args = process.argv.slice(2);
const shotsAt = args.indexOf('--screenshots');
const keepShots = shotsAt >= 0 ? args.splice(shotsAt, 2)[1] : null;
if (args.length !== 1) {
  console.error('usage: help-component.mjs BUNDLE.json [--screenshots DIR]');
  process.exit(2);
}
const bundle = JSON.parse(await readFile(args[0], 'utf8'));
const entry = (id) => bundle.errors.find((e) => e.id === id);
const require = createRequire(import.meta.url);
const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

let server;
let browser;
let page;
let profile;
let shots;
const problems = [];

before(async () => {
  server = await serveDemo({ bundle: args[0] });
  profile = mkdtempSync(join(tmpdir(), 'helpdoc-help-'));
  shots = keepShots ?? mkdtempSync(join(tmpdir(), 'helpdoc-help-shots-'));
  browser = await puppeteer.launch({
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
  page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  page.on('console', (m) => problems.push(`console.${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${String(e?.message ?? e).split('\n')[0]}`));
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    if (req.url().startsWith(new URL(server.url).origin + '/')) return req.continue();
    problems.push(`request outside the demo blocked: ${req.url()}`);
    return req.abort('blockedbyclient');
  });
  await page.goto(server.url, { waitUntil: 'load' });
  await page.waitForSelector('html[data-ready="true"]', { timeout: 10000 });
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  if (shots && !keepShots) rmSync(shots, { recursive: true, force: true });
});

/** Submits the mock form with the service failing with `message`; returns what the help shows. */
async function submit(message) {
  await page.$eval('#mock-error', (input, value) => { input.value = value; }, message);
  await page.click('#submit');
  return page.$eval('helpdoc-help', (help) => {
    const root = help.shadowRoot;
    const title = root.querySelector('[part~="title"]');
    return {
      state: help.getAttribute('state'),
      titleTag: title?.tagName ?? null,
      title: title?.textContent ?? null,
      values: [...root.querySelectorAll('[part~="values"] dt')].map((dt) => [dt.textContent, dt.nextElementSibling.textContent]),
      causes: root.querySelectorAll('.cause').length,
      steps: root.querySelectorAll('[part~="steps"] > li').length,
      docs: root.querySelector('[part~="docs-link"]')?.getAttribute('href') ?? null,
      links: [...root.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')),
      elements: [...root.querySelectorAll('*')].map((e) => e.tagName.toLowerCase()),
      alert: document.getElementById('form-error').textContent,
      visible: help.checkVisibility(),
    };
  });
}

/** Runs axe on the page as it is now; returns the violations as lines. */
async function axe() {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.flatMap((v) => [`${v.id} [${v.impact}]: ${v.help}`, ...v.nodes.map((n) => `  at ${JSON.stringify(n.target)}`)]);
}

/** Presses Tab from the Connect button until focus leaves the page; returns each help link reached (its index). */
async function tabThroughHelp() {
  await page.focus('#submit');
  const reached = new Set();
  const outlines = [];
  for (let i = 0; i < 200; i++) {
    await page.keyboard.press('Tab');
    const at = await page.evaluate(() => {
      let active = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      if (!active || active === document.body) return { done: true };
      const links = [...document.querySelector('helpdoc-help').shadowRoot.querySelectorAll('a[href]')];
      return { done: false, index: links.indexOf(active), outline: getComputedStyle(active).outlineStyle, id: active.id };
    });
    if (at.done || at.id === 'mock-error') break; // left the help: the demo settings come next
    if (at.index >= 0) {
      reached.add(at.index);
      outlines.push(at.outline);
    }
  }
  return { reached, outlines };
}

test('an exact message shows its help, with a heading at the configured level', async () => {
  const shown = await submit('Missing permissions');
  const error = entry('missing-permissions');
  assert.equal(shown.state, 'found');
  assert.equal(shown.visible, true);
  assert.equal(shown.title, error.title);
  assert.equal(shown.titleTag, 'H2');
  assert.equal(shown.causes, error.causes.length);
  assert.equal(shown.docs, error.docs_url);
  assert.deepEqual(shown.values, []);
  await page.$eval('helpdoc-help', (help) => help.setAttribute('heading-level', '4'));
  assert.equal(await page.$eval('helpdoc-help', (h) => h.shadowRoot.querySelector('[part~="title"]').tagName), 'H4');
  await page.$eval('helpdoc-help', (help) => help.setAttribute('heading-level', '2'));
});

test('a normalized message ("  MISSING PERMISSIONS! ") finds the same help', async () => {
  const shown = await submit('  MISSING PERMISSIONS! ');
  assert.equal(shown.state, 'found');
  assert.equal(shown.title, entry('missing-permissions').title);
  assert.equal(shown.alert, '  MISSING PERMISSIONS! ');
});

test('a templated message shows the help and the captured value as text', async () => {
  const error = entry('unable-to-connect');
  const shown = await submit('Unable to connect to Intacct: timeout');
  assert.equal(shown.state, 'found');
  assert.equal(shown.title, error.title);
  assert.deepEqual(shown.values, [['reason', 'timeout']]);
  assert.equal(shown.steps, error.causes.flatMap((c) => c.resolution.steps).length);
  assert.equal(shown.docs, error.docs_url);

  const hostile = 'Unable to connect to Intacct: <img src=x onerror="window.__pwned=1"><b>bold</b>';
  const shownHostile = await submit(hostile);
  assert.deepEqual(shownHostile.values, [['reason', '<img src=x onerror="window.__pwned=1"><b>bold</b>']]);
  assert.ok(!shownHostile.elements.includes('img') && !shownHostile.elements.includes('b'), shownHostile.elements.join(' '));
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
});

test('bundle HTML outside the allow-list, and non-http links, are shown as text', async () => {
  const shown = await page.$eval('helpdoc-help', (help) => {
    const original = help.bundle;
    const forged = structuredClone(original);
    const error = forged.errors.find((e) => e.id === 'missing-permissions');
    error.summary = { text: 'summary as text', html: '<img src=x onerror="window.__pwned=2">summary' };
    error.causes[0].html = '<a href="javascript:window.__pwned=3">cause</a>';
    error.causes[0].text = 'cause as text';
    error.docs_url = 'javascript:window.__pwned=4';
    help.bundle = forged;
    help.show({ message: 'Missing permissions' });
    const root = help.shadowRoot;
    const result = {
      text: root.querySelector('[part~="panel"]').textContent,
      elements: [...root.querySelectorAll('img, [href^="javascript"]')].length,
      docs: root.querySelector('[part~="docs-link"]'),
    };
    help.bundle = original;
    return result;
  });
  assert.match(shown.text, /summary as text/);
  assert.match(shown.text, /cause as text/);
  assert.equal(shown.elements, 0);
  assert.equal(shown.docs, null);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
});

test('a bundle of another format_version gives the error state and event, with the no-help text', async () => {
  const shown = await page.$eval('helpdoc-help', (help) => {
    const original = help.bundle;
    let reason = null;
    help.addEventListener('helpdoc-help-error', (e) => { reason = e.detail.message; }, { once: true });
    help.bundle = { ...original, format_version: 1 };
    help.show({ message: 'Missing permissions' });
    const result = { state: help.getAttribute('state'), reason, title: help.shadowRoot.querySelector('[part~="title"]') };
    help.bundle = original;
    return result;
  });
  assert.equal(shown.state, 'error');
  assert.match(shown.reason ?? '', /format_version 1 is not 3/);
  assert.equal(shown.title, null);
});

test('a bundle set before the element is defined still takes effect', async () => {
  const state = await page.evaluate(async () => {
    const early = document.createElement('helpdoc-help-late');
    early.bundle = document.getElementById('help').bundle;
    early.setAttribute('message', 'Missing permissions');
    document.body.append(early);
    const { HelpdocHelp } = await import('/src/helpdoc-help.js');
    customElements.define('helpdoc-help-late', class extends HelpdocHelp {});
    const result = early.getAttribute('state');
    early.remove();
    return result;
  });
  assert.equal(state, 'found');
});

test('a message without help shows the no-help state', async () => {
  const shown = await submit('Something unexpected happened');
  assert.equal(shown.state, 'no-help');
  assert.equal(shown.visible, true);
  assert.equal(shown.title, null);
  const slotted = await page.$eval('helpdoc-help', (help) => help.shadowRoot.querySelector('slot[name="no-help"]').assignedElements().map((e) => e.textContent));
  assert.match(slotted.join(''), /no help for this message/);
  assert.deepEqual(await axe(), []);
});

test('axe reports no violations and Tab reaches every help link, with a visible focus', async () => {
  for (const message of ['Missing permissions', 'Unable to connect to Intacct: timeout']) {
    const shown = await submit(message);
    assert.ok(shown.links.length >= 2, `${message}: links ${shown.links}`);
    assert.deepEqual(await axe(), [], message);
    const { reached, outlines } = await tabThroughHelp();
    const missed = shown.links.filter((_, i) => !reached.has(i));
    assert.deepEqual(missed, [], `${message}: Tab never reached these links`);
    assert.ok(outlines.every((o) => o !== 'none'), `${message}: focus outline ${outlines}`);
  }
});

test('screenshots at desktop and phone width; at 390 px axe passes and nothing scrolls sideways', async () => {
  await submit('Unable to connect to Intacct: timeout');
  await page.focus('#submit');
  await page.screenshot({ path: join(shots, 'desktop.png'), fullPage: true });
  // Switching to a mobile viewport reloads the page: wait for the bundle, then fail again.
  await page.setViewport({ width: 390, height: 844, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
  await page.waitForSelector('html[data-ready="true"]', { timeout: 10000 });
  assert.equal((await submit('Unable to connect to Intacct: timeout')).state, 'found');
  assert.deepEqual(await axe(), [], 'phone width');
  await page.screenshot({ path: join(shots, 'phone.png'), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px at 390px`);
});

test('the page logged nothing and made no request outside the demo', () => {
  assert.deepEqual(problems, []);
});
