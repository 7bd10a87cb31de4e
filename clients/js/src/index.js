// helpdoc's in-product help client: look up the help for a product's error in a help bundle, by the contract of docs/in-product-json.md.

import { normalizeMapped, normalizeMessage, sourceOf } from './normalize.js';

export { normalizeMessage };

/** The bundle format version this client reads. */
export const FORMAT_VERSION = 3;

/** Prepared lookup structures, built once per bundle object. */
const prepared = new WeakMap();

/**
 * Matches a template's normalized literals against the whole normalized text; returns each
 * placeholder's [start, end) in it, or null. Each placeholder takes one or more characters and
 * ends where the next literal first occurs (the leftmost split).
 * @param {string[]} literals
 * @param {string} text
 */
export function matchLiterals(literals, text) {
  const first = literals[0];
  const last = literals[literals.length - 1];
  const end = text.length - last.length;
  let at = first.length;
  if (end < at || !text.startsWith(first) || !text.endsWith(last)) return null;
  const ranges = [];
  for (let i = 1; i < literals.length - 1; i++) {
    const from = at + charLength(text, at);
    if (from > end) return null;
    const found = text.slice(0, end).indexOf(literals[i], from);
    if (found < 0) return null;
    ranges.push([at, found]);
    at = found + literals[i].length;
  }
  if (at >= end) return null;
  ranges.push([at, end]);
  return ranges;
}

function charLength(text, at) {
  const cp = text.codePointAt(at);
  return cp === undefined ? 1 : cp > 0xffff ? 2 : 1;
}

/**
 * Builds (once per bundle) the error map and the templates keyed by their leading literal text,
 * so a lookup only tries templates whose leading text starts the message: a few Map lookups
 * (one per distinct leading-text length), whatever the bundle's size.
 * @param {import('./index.d.ts').HelpBundle} bundle
 */
export function prepare(bundle) {
  let ready = prepared.get(bundle);
  if (ready) return ready;
  if (!bundle || bundle.format_version !== FORMAT_VERSION) {
    throw new Error(
      `helpdoc bundle format_version ${bundle?.format_version} is not ${FORMAT_VERSION}: rebuild the bundle or update @helpdoc/help-client`,
    );
  }
  const errors = new Map(bundle.errors.map((e) => [e.id, e]));
  const byLead = new Map();
  bundle.index.templates.forEach((t, order) => {
    const lead = t.literals[0];
    if (!byLead.has(lead)) byLead.set(lead, []);
    byLead.get(lead).push({ ...t, order });
  });
  const leadLengths = [...new Set([...byLead.keys()].map((l) => l.length))].sort((a, b) => a - b);
  ready = { errors, byLead, leadLengths };
  prepared.set(bundle, ready);
  return ready;
}

/**
 * Finds the help for a product's error: code first, then the normalized message, then the
 * templates (most literal text first).
 * @param {import('./index.d.ts').HelpBundle} bundle
 * @param {{ code?: string | null, message?: string | null }} query
 * @returns {import('./index.d.ts').Found | null}
 */
export function lookup(bundle, { code, message } = {}) {
  const { errors, byLead, leadLengths } = prepare(bundle);
  const own = (object, key) => (Object.hasOwn(object, key) ? object[key] : undefined);
  if (code != null) {
    const error = errors.get(own(bundle.index.by_code, String(code)));
    if (error) return { error, by: 'code', values: {} };
  }
  const mapped = normalizeMapped(message ?? '');
  const exact = errors.get(own(bundle.index.by_message, mapped.text));
  if (exact) return { error: exact, by: 'message', values: {} };
  let best = null;
  for (const length of leadLengths) {
    if (length > mapped.text.length) break;
    for (const t of byLead.get(mapped.text.slice(0, length)) ?? []) {
      if (best && t.order > best.t.order) break;
      const ranges = matchLiterals(t.literals, mapped.text);
      if (ranges && errors.has(t.id)) {
        best = { t, ranges };
        break;
      }
    }
  }
  if (!best) return null;
  const values = {};
  best.t.placeholders.forEach((name, i) => {
    if (!Object.hasOwn(values, name)) {
      // defineProperty: a placeholder named `__proto__` stays a plain value.
      Object.defineProperty(values, name, {
        value: sourceOf(mapped, best.ranges[i][0], best.ranges[i][1]),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  });
  return { error: errors.get(best.t.id), by: 'template', values };
}
