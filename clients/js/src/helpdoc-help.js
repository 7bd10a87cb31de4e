// <helpdoc-help>: a framework-free custom element that shows a help bundle's entry for a product's error beside a form.

import { lookup } from './index.js';

/**
 * The elements and attributes helpdoc writes in a bundle's `html` fields (docs/in-product-json.md,
 * "Text and HTML"). helpdoc already guarantees them; the element checks each fragment against
 * this list anyway and shows the field's `text` twin when a fragment strays (a hand-edited or
 * foreign bundle), so nothing but this markup can reach the page.
 */
const ALLOWED_ELEMENTS = new Set([
  'STRONG', 'EM', 'CODE', 'BR', 'A', 'P', 'UL', 'OL', 'LI', 'TABLE', 'CAPTION', 'THEAD',
  'TBODY', 'TR', 'TH', 'TD', 'PRE', 'DIV',
]);
const ALLOWED_ATTRIBUTES = { A: ['href', 'rel'], DIV: ['class'] };

/** The words the element writes itself; replace any of them with the `labels` property. */
export const DEFAULT_LABELS = Object.freeze({
  values: 'From the message',
  causes: 'Possible causes',
  result: 'Result:',
  branch: 'If {condition}, follow {procedure} instead.',
  procedure: 'Follow',
  admin: 'You may need an administrator to fix this.',
  docs: 'Read the full article',
  noHelp: 'No help is available for this message yet.',
});

const STYLE = `
:host {
  display: block;
  font: var(--helpdoc-help-font, inherit);
  color: var(--helpdoc-help-color, #1f2328);
  line-height: 1.5;
}
:host([state="idle"]) { display: none; }
[part~="panel"] {
  background: var(--helpdoc-help-background, #f6f8fa);
  border: var(--helpdoc-help-border, 1px solid #d0d7de);
  border-radius: var(--helpdoc-help-radius, 8px);
  padding: var(--helpdoc-help-padding, 1rem 1.25rem);
  overflow-wrap: anywhere;
}
[part~="title"] { margin: 0 0 0.5rem; font-size: var(--helpdoc-help-title-size, 1.25rem); line-height: 1.3; }
.cause-title { margin: 1rem 0 0.25rem; font-size: 1rem; }
.cause-text { font-weight: 600; }
p, ul, ol, dl, table, pre { margin: 0.5rem 0; }
ol, ul { padding-inline-start: 1.5rem; }
li + li { margin-top: 0.25rem; }
.block li + li { margin-top: 0; }
[part~="empty"] ::slotted(*), [part~="empty"] p { margin: 0; }
[part~="values"] { display: grid; grid-template-columns: auto 1fr; gap: 0.125rem 0.5rem; }
[part~="values"] dt { color: var(--helpdoc-help-muted, #57606a); }
[part~="values"] dd { margin: 0; font-family: var(--helpdoc-help-mono, ui-monospace, monospace); white-space: pre-wrap; }
.values-label, .admin { color: var(--helpdoc-help-muted, #57606a); }
.values-label { margin-bottom: 0; font-size: 0.875rem; }
code, pre { font-family: var(--helpdoc-help-mono, ui-monospace, monospace); font-size: 0.9em; }
pre { overflow-x: auto; }
.as-text { white-space: pre-line; }
table { border-collapse: collapse; }
th, td { border: 1px solid var(--helpdoc-help-muted, #57606a); padding: 0.25rem 0.5rem; text-align: start; }
.admonition { border-inline-start: 4px solid var(--helpdoc-help-accent, #0a58ca); padding-inline-start: 0.75rem; }
.admonition p { margin: 0.25rem 0; }
a { color: var(--helpdoc-help-accent, #0a58ca); text-underline-offset: 0.15em; }
a:focus-visible {
  outline: 3px solid var(--helpdoc-help-focus-ring, var(--helpdoc-help-accent, #0a58ca));
  outline-offset: 2px;
  border-radius: 2px;
}
[part~="docs-link"] { display: inline-block; margin-top: 0.75rem; font-weight: 600; }
`;

/**
 * `<helpdoc-help>`: set `bundle` (a parsed help bundle) and the `code` / `message` attributes,
 * or call `show({ code, message })`; the element looks the error up with the client's `lookup`
 * and shows the entry (title, captured values, causes, steps, docs link), or its no-help state.
 * Attribute `state` reflects what it shows: `idle` (no query), `found`, `no-help` or `error`
 * (the bundle cannot be read; an `helpdoc-help-error` event carries the reason).
 */
export class HelpdocHelp extends HTMLElement {
  static observedAttributes = ['code', 'message', 'heading-level'];

  #bundle = null;
  #labels = DEFAULT_LABELS;
  #found = null;
  #content;
  /** True while `show()` sets its attributes, so they cause one render, not three. */
  #batching = false;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = STYLE;
    this.#content = document.createElement('div');
    root.append(style, this.#content);
  }

  connectedCallback() {
    // A property set before this element was defined sits on the instance, hiding the setter.
    for (const name of ['bundle', 'labels']) {
      if (Object.hasOwn(this, name)) {
        const value = this[name];
        delete this[name];
        this[name] = value;
      }
    }
    this.#render();
  }

  attributeChangedCallback() {
    if (this.isConnected && !this.#batching) this.#render();
  }

  /** The parsed help bundle to look errors up in. */
  get bundle() {
    return this.#bundle;
  }

  set bundle(bundle) {
    this.#bundle = bundle ?? null;
    this.#render();
  }

  /** The element's own words ({@link DEFAULT_LABELS}); a partial object overrides some of them. */
  get labels() {
    return this.#labels;
  }

  set labels(labels) {
    this.#labels = { ...DEFAULT_LABELS, ...labels };
    this.#render();
  }

  /** What the last lookup found (`{ error, by, values }`), or null. */
  get found() {
    return this.#found;
  }

  /**
   * Shows the help for an error (sets the `code` and `message` attributes); `show({})` clears it.
   * @param {{ code?: string | null, message?: string | null }} query
   * @returns the lookup's result, or null
   */
  show({ code, message } = {}) {
    this.#batching = true;
    try {
      setOrRemove(this, 'code', code);
      setOrRemove(this, 'message', message);
    } finally {
      this.#batching = false;
    }
    this.#render();
    return this.#found;
  }

  #render() {
    const code = this.getAttribute('code');
    const message = this.getAttribute('message');
    this.#found = null;
    const view = this.#content;
    view.replaceChildren();
    if (!this.#bundle || (code == null && message == null)) {
      this.setAttribute('state', 'idle');
      return;
    }
    try {
      this.#found = lookup(this.#bundle, { code, message });
    } catch (error) {
      this.setAttribute('state', 'error');
      view.append(this.#noHelp());
      this.dispatchEvent(new CustomEvent('helpdoc-help-error', { detail: error }));
      return;
    }
    if (!this.#found) {
      this.setAttribute('state', 'no-help');
      view.append(this.#noHelp());
      return;
    }
    this.setAttribute('state', 'found');
    view.append(this.#entry(this.#found));
  }

  #noHelp() {
    const panel = el('div', { part: 'panel empty' });
    const slot = el('slot', { name: 'no-help' });
    slot.append(el('p', {}, this.#labels.noHelp));
    panel.append(slot);
    return panel;
  }

  /** @param {import('./index.d.ts').Found} found */
  #entry({ error, values }) {
    const level = headingLevel(this.getAttribute('heading-level'));
    const sub = Math.min(level + 1, 6);
    const labels = this.#labels;
    const panel = el('section', { part: 'panel', 'aria-labelledby': 'helpdoc-help-title' });
    if (this.#bundle.language) panel.lang = this.#bundle.language;
    panel.append(el(`h${level}`, { part: 'title', id: 'helpdoc-help-title' }, error.title));

    const names = Object.keys(values);
    if (names.length) {
      panel.append(el('p', { class: 'values-label' }, labels.values));
      const list = el('dl', { part: 'values' });
      for (const name of names) list.append(el('dt', {}, name), el('dd', {}, values[name]));
      panel.append(list);
    }
    if (error.summary) panel.append(inline('p', error.summary));
    if (error.intro) panel.append(block(error.intro));
    if (!error.user_recoverable) panel.append(el('p', { class: 'admin' }, labels.admin));

    const many = error.causes.length > 1;
    if (many) panel.append(el(`h${sub}`, { class: 'cause-title' }, labels.causes));
    const causes = el(many ? 'ol' : 'div', { part: 'causes' });
    for (const cause of error.causes) {
      const item = el(many ? 'li' : 'div', { class: 'cause' });
      item.append(inline('p', cause, 'cause-text'));
      item.append(...this.#resolution(cause.resolution));
      causes.append(item);
    }
    panel.append(causes);

    if (safeUrl(error.docs_url)) {
      panel.append(el('a', { part: 'docs-link', href: error.docs_url }, labels.docs));
    }
    return panel;
  }

  /** @param {import('./index.d.ts').HelpResolution} resolution */
  #resolution({ intro, steps, procedure }) {
    const parts = [];
    if (intro) parts.push(block(intro));
    if (steps.length) parts.push(this.#steps(steps));
    if (procedure) {
      if (procedure.steps.length) {
        parts.push(el('p', {}, procedure.title), this.#steps(procedure.steps));
      } else if (safeUrl(procedure.docs_url)) {
        const p = el('p', {}, `${this.#labels.procedure}: `);
        p.append(el('a', { href: procedure.docs_url }, procedure.title));
        parts.push(p);
      }
    }
    return parts;
  }

  /** @param {import('./index.d.ts').HelpStep[]} steps */
  #steps(steps) {
    const list = el('ol', { part: 'steps' });
    for (const step of steps) {
      const item = el('li', {});
      item.append(inline('span', step));
      if (step.details) item.append(block(step.details));
      if (step.result) {
        const result = inline('p', step.result);
        result.prepend(`${this.#labels.result} `);
        item.append(result);
      }
      for (const branch of step.branches) item.append(this.#branch(branch));
      if (step.substeps.length) item.append(this.#steps(step.substeps));
      list.append(item);
    }
    return list;
  }

  /** "If CONDITION, follow PROCEDURE instead.", with the condition's safe HTML and a link. */
  #branch({ condition, procedure }) {
    const p = el('p', {});
    const [before, middle, after] = splitTemplate(this.#labels.branch);
    p.append(before, inline('span', condition), middle);
    p.append(
      safeUrl(procedure.docs_url)
        ? el('a', { href: procedure.docs_url }, procedure.title)
        : procedure.title,
      after,
    );
    return p;
  }
}

/** Splits the `branch` label around its `{condition}` and `{procedure}` slots. */
function splitTemplate(label) {
  const [before, rest = ''] = label.split('{condition}');
  const [middle, after = ''] = rest.split('{procedure}');
  return [before, middle, after];
}

function setOrRemove(element, name, value) {
  if (value == null) element.removeAttribute(name);
  else element.setAttribute(name, String(value));
}

/** The `heading-level` attribute as 1–6 (default 2): the element's title fits the page's outline. */
function headingLevel(value) {
  const level = Number.parseInt(value ?? '', 10);
  return level >= 1 && level <= 6 ? level : 2;
}

/** An element with attributes and text children (text is never parsed as markup). */
function el(tag, attributes, ...text) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...text);
  return node;
}

/** An inline bundle field (`{text, html}`) in a `tag` element. */
function inline(tag, field, className) {
  const node = el(tag, className ? { class: className } : {});
  node.append(safeFragment(field));
  return node;
}

/** A block bundle field (paragraphs, lists, tables, admonitions) in a `div`. */
function block(field) {
  const node = el('div', { class: 'block' });
  node.append(safeFragment(field));
  return node;
}

/**
 * The one place markup enters the page: a bundle `html` field, parsed in an inert `<template>`
 * (no script runs, nothing loads) and used only when every element and attribute is on the
 * bundle's allow-list and every link is http(s) or mailto; otherwise the field's `text`.
 * @param {{ text: string, html: string }} field
 */
function safeFragment(field) {
  const template = document.createElement('template');
  template.innerHTML = field.html;
  const fragment = template.content;
  for (const node of fragment.querySelectorAll('*')) {
    const allowed = ALLOWED_ATTRIBUTES[node.tagName] ?? [];
    const ok =
      ALLOWED_ELEMENTS.has(node.tagName) &&
      [...node.attributes].every((a) => allowed.includes(a.name)) &&
      (node.tagName !== 'A' || safeUrl(node.getAttribute('href'), ['mailto:']));
    if (!ok) return el('span', { class: 'as-text' }, field.text);
  }
  return fragment;
}

/** Whether `url` is an absolute http(s) address (or one of the `extra` schemes). */
function safeUrl(url, extra = []) {
  if (typeof url !== 'string') return false;
  try {
    return ['http:', 'https:', ...extra].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

if (!customElements.get('helpdoc-help')) customElements.define('helpdoc-help', HelpdocHelp);
