#!/usr/bin/env node
// Drive the tab sets of a standalone HTML page in headless Debian Chromium, as a keyboard user
// would (node:test output): the ARIA tab pattern (tablist/tab/tabpanel, one tab in the Tab order,
// Left/Right/Home/End, Tab into the panel), tab sets of one group switching together, no console
// output (a script blocked by the page's Content-Security-Policy would log one), every pane
// visible when printed and without script, and collapsibles expanded in print.
// Usage: node tests/clients/tabs-keyboard.mjs FILE.html
// CHROMIUM=/path overrides the browser (default /usr/bin/chromium). Nothing downloads a browser.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import puppeteer from 'puppeteer-core';

const file = process.argv[2];
if (!file || process.argv.length > 3) {
  console.error('usage: tabs-keyboard.mjs FILE.html');
  process.exit(2);
}
const url = pathToFileURL(resolve(file)).href;
const profile = mkdtempSync(join(tmpdir(), 'helpdoc-tabs-'));
let browser;

before(async () => {
  browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    pipe: true,
    userDataDir: profile,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
});
after(async () => {
  await browser?.close();
  rmSync(profile, { recursive: true, force: true });
});

/** Opens the page (at `hash`, if given); returns it with the console messages and page errors it produced. */
async function open({ script = true, hash = '' } = {}) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setJavaScriptEnabled(script);
  const problems = [];
  page.on('console', (m) => problems.push(`console.${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.setViewport({ width: 1200, height: 800 });
  await page.goto(url + hash, { waitUntil: 'load' });
  return { page, problems, close: () => context.close() };
}

/** The state of tab set `n`: each tab's label, aria-selected, tabindex, and whether its panel shows. */
const state = (page, n) =>
  page.evaluate((n) => {
    const set = document.querySelectorAll('.tabs[data-tabs]')[n];
    return [...set.querySelectorAll('[role="tab"]')].map((tab) => {
      const panel = document.getElementById(tab.getAttribute('aria-controls'));
      return {
        label: tab.textContent,
        selected: tab.getAttribute('aria-selected'),
        tabindex: tab.tabIndex,
        shown: panel.getClientRects().length > 0,
        labelledBy: panel.getAttribute('aria-labelledby') === tab.id && panel.getAttribute('role'),
      };
    });
  }, n);

const focused = (page) =>
  page.evaluate(() => ({
    role: document.activeElement.getAttribute('role'),
    text: document.activeElement.getAttribute('role') === 'tab' ? document.activeElement.textContent : null,
  }));

test('every tab set is an ARIA tablist with one selected tab in the Tab order', async () => {
  const { page, problems, close } = await open();
  const sets = await page.evaluate(() => document.querySelectorAll('.tabs[data-tabs]').length);
  assert.ok(sets >= 1, 'the page has tab sets');
  for (let n = 0; n < sets; n++) {
    const tabs = await state(page, n);
    assert.ok(tabs.length >= 2);
    tabs.forEach((tab, i) => {
      assert.equal(tab.selected, String(i === 0), `set ${n} tab ${i}`);
      assert.equal(tab.tabindex, i === 0 ? 0 : -1, `set ${n} tab ${i}`);
      assert.equal(tab.shown, i === 0, `set ${n} panel ${i}`);
      assert.equal(tab.labelledBy, 'tabpanel', `set ${n} panel ${i}`);
    });
  }
  assert.deepEqual(problems, [], 'no console output (the script ran under the page policy)');
  await close();
});

test('arrow keys, Home and End move the selection; Tab enters the panel', async () => {
  const { page, problems, close } = await open();
  await page.focus('.tabs[data-tabs] [role="tab"]');
  const labels = (await state(page, 0)).map((t) => t.label);
  const last = labels.length - 1;
  const expectSelected = async (i) => {
    assert.equal((await focused(page)).text, labels[i]);
    const tabs = await state(page, 0);
    tabs.forEach((tab, j) => {
      assert.equal(tab.selected, String(j === i));
      assert.equal(tab.tabindex, j === i ? 0 : -1);
      assert.equal(tab.shown, j === i);
    });
  };
  await page.keyboard.press('ArrowRight');
  await expectSelected(1);
  await page.keyboard.press('End');
  await expectSelected(last);
  await page.keyboard.press('ArrowRight');
  await expectSelected(0); // wraps
  await page.keyboard.press('ArrowLeft');
  await expectSelected(last); // wraps back
  await page.keyboard.press('Home');
  await expectSelected(0);
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).role, 'tabpanel', 'Tab goes from the tab to its panel');
  assert.deepEqual(problems, []);
  await close();
});

test('an address naming an anchor in an unselected pane opens that pane, on load and on change', async () => {
  // Some anchor (a step's id) that sits in a pane which is not selected when the page opens.
  const { page: first, close: closeFirst } = await open();
  const id = await first.evaluate(() => {
    const hidden = [...document.querySelectorAll('.tab-pane[hidden] [id]')];
    return hidden.map((el) => el.id).find((id) => !id.startsWith('helpdoc_')) ?? null;
  });
  await closeFirst();
  assert.ok(id, 'the page has an anchor inside a pane that starts unselected');
  const shown = (page) =>
    page.evaluate((id) => {
      const el = document.getElementById(id);
      const pane = el.closest('.tab-pane');
      const tab = document.getElementById(pane.getAttribute('aria-labelledby'));
      return { visible: el.getClientRects().length > 0, selected: tab.getAttribute('aria-selected') };
    }, id);
  const { page, problems, close } = await open({ hash: '#' + encodeURIComponent(id) });
  assert.deepEqual(await shown(page), { visible: true, selected: 'true' }, `#${id} on load`);
  // Back to the first pane of that set, then a link to the anchor: the pane opens again.
  await page.evaluate((id) => {
    const set = document.getElementById(id).closest('.tabs[data-tabs]');
    set.querySelector('[role="tab"]').click();
    location.hash = '';
  }, id);
  assert.equal((await shown(page)).visible, false, 'the first pane hides it again');
  await page.evaluate((id) => { location.hash = '#' + encodeURIComponent(id); }, id);
  await page.waitForFunction((id) => document.getElementById(id).getClientRects().length > 0, { timeout: 5000 }, id);
  assert.deepEqual(await shown(page), { visible: true, selected: 'true' }, `#${id} on hashchange`);
  assert.deepEqual(problems, []);
  await close();
});

test('a click selects a tab, and sets of one group switch together', async () => {
  const { page, problems, close } = await open();
  const groups = await page.evaluate(() =>
    [...document.querySelectorAll('.tabs[data-tabs]')].map((s) => s.getAttribute('data-group')),
  );
  const first = groups.findIndex((g) => g && groups.indexOf(g) !== groups.lastIndexOf(g));
  assert.ok(first >= 0, 'two tab sets share a group');
  const second = groups.indexOf(groups[first], first + 1);
  const tabs = await page.$$(`.tabs[data-tabs]:nth-of-type(1) [role="tab"]`);
  assert.ok(tabs.length > 0);
  const target = await page.evaluateHandle(
    (n) => document.querySelectorAll('.tabs[data-tabs]')[n].querySelectorAll('[role="tab"]')[1],
    first,
  );
  await target.click();
  const label = (await state(page, first))[1].label;
  assert.equal((await state(page, first))[1].selected, 'true');
  const other = await state(page, second);
  assert.equal(other.find((t) => t.selected === 'true').label, label, 'the grouped set follows');
  assert.deepEqual(problems, []);
  await close();
});

test('printed, every pane shows under its label and every collapsible is expanded', async () => {
  const { page, close } = await open();
  await page.emulateMediaType('print');
  const shown = await page.evaluate(() => ({
    panes: [...document.querySelectorAll('.tab-pane')].map((p) => p.getClientRects().length > 0),
    labels: [...document.querySelectorAll('.tab-label')].map((l) => l.getClientRects().length > 0),
    lists: [...document.querySelectorAll('[role="tablist"]')].map((l) => l.getClientRects().length > 0),
    closed: [...document.querySelectorAll('details.collapsible:not([open]) > :not(summary)')].map(
      (c) => c.getBoundingClientRect().height > 0,
    ),
  }));
  assert.ok(shown.panes.length >= 2 && shown.panes.every(Boolean), JSON.stringify(shown));
  assert.ok(shown.labels.every(Boolean), JSON.stringify(shown));
  assert.ok(shown.lists.every((l) => !l), 'the tablist is not printed');
  assert.ok(shown.closed.length >= 1 && shown.closed.every(Boolean), JSON.stringify(shown));
  await close();
});

test('without script, every pane shows under its label', async () => {
  const { page, close } = await open({ script: false });
  const shown = await page.evaluate(() => ({
    lists: document.querySelectorAll('[role="tablist"]').length,
    panes: [...document.querySelectorAll('.tab-pane')].map((p) => p.getClientRects().length > 0),
    labels: [...document.querySelectorAll('.tab-label')].map((l) => l.getClientRects().length > 0),
  }));
  assert.equal(shown.lists, 0, 'no script ran');
  assert.ok(shown.panes.length >= 2 && shown.panes.every(Boolean), JSON.stringify(shown));
  assert.ok(shown.labels.every(Boolean), JSON.stringify(shown));
  await close();
});
