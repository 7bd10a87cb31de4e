#!/usr/bin/env node
// Open standalone HTML files in headless Debian Chromium and check them with axe-core.
// Usage: node tests/clients/axe-check.mjs [--dark] [--width PX] [--screenshot OUT.png] FILE.html...
// Fails (exit 1) on: any axe violation (default rule set: wcag2a/aa + best-practice), any console
// message, dialog (alert/confirm/prompt) or uncaught page error, `window.__helpdoc_pwned` being set
// (hostile fixtures set it from injected script), or any request leaving file:/data:/blob:
// (standalone output must be self-contained; such requests are blocked).
// When the page has collapsibles or tab sets, axe runs a second time with every collapsible toggled
// and the last tab of every set selected.
// --screenshot: full-page PNG of the FIRST file.  --dark: prefers-color-scheme: dark.
// --width: the viewport width (default 1200). At every width the page must not scroll sideways
// (WCAG 1.4.10 reflow); below 960 px the text must start within the first 1,200 px (the contents
// fold away instead of filling the first screens).
// CHROMIUM=/path overrides the browser (default /usr/bin/chromium). Nothing downloads a browser.
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import puppeteer from 'puppeteer-core';

const require = createRequire(import.meta.url);
const usage = () => {
  console.error('usage: axe-check.mjs [--dark] [--width PX] [--screenshot OUT.png] FILE.html...');
  process.exit(2);
};

let dark = false;
let screenshot = null;
let width = 1200;
const files = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--dark') dark = true;
  else if (argv[i] === '--screenshot') screenshot = argv[++i] ?? usage();
  else if (argv[i] === '--width') width = Number(argv[++i] ?? usage());
  else if (argv[i].startsWith('--')) usage();
  else files.push(argv[i]);
}
if (files.length === 0) usage();

const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
const profile = mkdtempSync(join(tmpdir(), 'helpdoc-axe-'));
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  pipe: true, // CDP over pipes: no debugging port, works even without loopback networking
  userDataDir: profile,
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-dev-shm-usage', '--allow-file-access-from-files',
  ],
});

let failed = 0;
try {
  for (const [index, file] of files.entries()) {
    const problems = [];
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.setViewport({ width, height: 800 });
    if (dark) await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    page.on('console', (m) => problems.push(`console.${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`page error: ${String(e?.message ?? e).split('\n')[0]}`));
    page.on('dialog', async (d) => {
      problems.push(`dialog (${d.type()}): ${d.message()}`);
      await d.dismiss().catch(() => {});
    });
    await page.setRequestInterception(true);
    page.on('request', (req) => {
      const url = req.url();
      if (/^(file|data|blob|about):/i.test(url)) return req.continue();
      problems.push(`external request blocked: ${url}`);
      return req.abort('blockedbyclient');
    });

    try {
      await page.goto(pathToFileURL(resolve(file)).href, { waitUntil: 'load', timeout: 30000 });
    } catch (err) {
      failed++;
      console.log(`FAIL ${file}\n  cannot load: ${String(err?.message ?? err).split('\n')[0]}`);
      await context.close();
      continue;
    }
    await new Promise((r) => setTimeout(r, 250)); // let timers/onerror handlers fire
    const pwned = await page.evaluate(() => window.__helpdoc_pwned);
    if (pwned !== undefined) problems.push(`script executed: window.__helpdoc_pwned = ${JSON.stringify(pwned)}`);

    const layout = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      inner: window.innerWidth,
      main: document.querySelector('main')?.getBoundingClientRect().top ?? 0,
    }));
    if (layout.scroll > layout.inner) problems.push(`scrolls sideways at ${width}px: ${layout.scroll}px wide`);
    if (width < 960 && layout.main > 1200) problems.push(`the text starts ${Math.round(layout.main)}px down at ${width}px`);

    // Inject axe via CDP evaluation (works even under a strict Content-Security-Policy).
    const seen = problems.length;
    await page.evaluate(axeSource);
    const axeRun = async (state) => {
      const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
      for (const v of results.violations) {
        problems.push(`axe ${v.id} [${v.impact}]${state}: ${v.help}`);
        for (const n of v.nodes) problems.push(`    at ${n.target.join(' ')}`);
      }
      return results;
    };
    const results = await axeRun('');
    // Then again with every collapsible toggled (closed ones open, open ones closed) and the last
    // tab of every tab set selected, so both states of each are judged.
    const toggled = await page.evaluate(() => {
      const details = [...document.querySelectorAll('main details')];
      details.forEach((d) => { d.open = !d.open; });
      const lists = [...document.querySelectorAll('[role="tablist"]')];
      lists.forEach((list) => [...list.querySelectorAll('[role="tab"]')].pop()?.click());
      return details.length + lists.length;
    });
    if (toggled) await axeRun(' (collapsibles toggled, last tabs selected)');
    problems.splice(seen, problems.length - seen, ...problems.slice(seen).filter((p) => !p.startsWith('console.')));
    if (screenshot && index === 0) {
      await page.screenshot({ path: screenshot, fullPage: true });
      console.log(`screenshot ${screenshot}${dark ? ' (dark)' : ''}`);
    }
    await context.close();

    if (problems.length) {
      failed++;
      console.log(`FAIL ${file}`);
      for (const p of problems) console.log(`  ${p}`);
    } else {
      console.log(`ok ${file} (axe ${results.testEngine.version}, no violations)`);
    }
  }
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
