// The one message normalization of the lookup contract (docs/in-product-json.md), with a map back to the message.

/** Dropped from the end of a normalized message (with whitespace between them). */
const TRAILING = new Set(['.', '!', '?', '\u2026', '\u3002']);

/** Typographic quotes and apostrophes folded to ASCII. */
const QUOTES = new Map([
  ['\u2018', "'"], ['\u2019', "'"], ['\u201A', "'"], ['\u201B', "'"], ['\u02BC', "'"],
  ['\u201C', '"'], ['\u201D', '"'], ['\u201E', '"'], ['\u201F', '"'],
]);

const WHITE_SPACE = /^\p{White_Space}$/u;

/**
 * Normalizes `message` and keeps, for each UTF-16 unit of the result, the range of the
 * message's NFKC form it came from (captured values are cut from that form).
 * Steps: NFKC; lowercase (whole string, so the final-sigma rule applies; per character the
 * mapping has the same length); quotes folded; White_Space runs collapsed and trimmed; trailing
 * `. ! ? … 。` dropped.
 * @param {string} message
 * @returns {{ source: string, text: string, starts: number[], ends: number[] }}
 */
export function normalizeMapped(message) {
  const source = String(message).normalize('NFKC');
  const lowered = [...source.toLowerCase()];
  let li = 0;
  let text = '';
  const starts = [];
  const ends = [];
  let pending = null;
  const push = (unit, s, e) => {
    text += unit;
    for (let k = 0; k < unit.length; k++) {
      starts.push(s);
      ends.push(e);
    }
  };
  let at = 0;
  for (const c of source) {
    const end = at + c.length;
    const count = [...c.toLowerCase()].length;
    for (let k = 0; k < count && li < lowered.length; k++) {
      const lower = lowered[li++];
      if (WHITE_SPACE.test(lower)) {
        if (text.length > 0) pending = pending ? [pending[0], end] : [at, end];
        continue;
      }
      if (pending) {
        push(' ', pending[0], pending[1]);
        pending = null;
      }
      push(QUOTES.get(lower) ?? lower, at, end);
    }
    at = end;
  }
  // Drop trailing punctuation and spaces, one code point at a time.
  for (;;) {
    const last = text.codePointAt(text.length - 1 - (isLowSurrogate(text, text.length - 1) ? 1 : 0));
    if (last === undefined) break;
    const ch = String.fromCodePoint(last);
    if (ch !== ' ' && !TRAILING.has(ch)) break;
    text = text.slice(0, text.length - ch.length);
    starts.length = text.length;
    ends.length = text.length;
  }
  return { source, text, starts, ends };
}

function isLowSurrogate(text, i) {
  const u = text.charCodeAt(i);
  return i > 0 && u >= 0xdc00 && u <= 0xdfff;
}

/**
 * The normalized form of a message: what `index.by_message` is keyed by.
 * @param {string} message
 * @returns {string}
 */
export function normalizeMessage(message) {
  return normalizeMapped(message).text;
}

/**
 * The part of the NFKC source that the normalized range [start, end) came from, trimmed.
 * @param {{ source: string, starts: number[], ends: number[] }} mapped
 */
export function sourceOf(mapped, start, end) {
  if (start >= end) return '';
  const from = mapped.starts[start];
  const to = mapped.ends[end - 1];
  if (from === undefined || to === undefined || from > to) return '';
  return mapped.source.slice(from, to).replace(/^\p{White_Space}+|\p{White_Space}+$/gu, '');
}
