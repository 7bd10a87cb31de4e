//! Maps a position inside a string value back to the bytes the writer typed.

use std::ops::Range;

use crate::load::Node;

/// The source span of `range` (a byte range inside the string `value` held by `node`). Exact for
/// plain and quoted scalars, escapes, and literal (`|`) and folded (`>`) blocks; when the written
/// text cannot be aligned with the value it finds the text in the source when it occurs once
/// there, and falls back to the whole value.
pub fn span_in_value(node: &Node, source: &str, value: &str, range: Range<usize>) -> Range<usize> {
    span_in_written(node.span.clone(), source, value, range)
}

/// [`span_in_value`] for a value written at `span` of `source` (a YAML scalar, or a CSV field,
/// quoted or not).
pub fn span_in_written(
    span: Range<usize>,
    source: &str,
    value: &str,
    range: Range<usize>,
) -> Range<usize> {
    let Some(written) = source.get(span.clone()) else {
        return span;
    };
    let start = span.start;
    for offset in [0, 1] {
        if written.get(offset..offset + value.len()) == Some(value) {
            return start + offset + range.start..start + offset + range.end;
        }
    }
    if let Some(offsets) = align(written, value)
        && let (Some(from), Some(to)) = (offsets.get(range.start), offsets.get(range.end))
    {
        return start + from..start + to.max(from);
    }
    let needle = value.get(range.clone()).unwrap_or_default();
    if !needle.is_empty() && !needle.contains('\n') {
        let mut hits = written.match_indices(needle);
        if let (Some((at, _)), None) = (hits.next(), hits.next()) {
            return start + at..start + at + needle.len();
        }
    }
    span
}

/// For each byte offset of `value` (and its end), the offset in `written` (a scalar as written:
/// plain, quoted or block) where that character is; `None` when they cannot be aligned. Line
/// breaks and the indentation after them stand for the spaces and line breaks that folding makes.
fn align(written: &str, value: &str) -> Option<Vec<usize>> {
    let bytes = written.as_bytes();
    let mut at = 0;
    let mut quote = None;
    match bytes.first() {
        Some(b'|' | b'>') => {
            at = written.find('\n')? + 1;
            at = skip_indentation(bytes, at);
        }
        Some(&q @ (b'"' | b'\'')) => {
            quote = Some(q);
            at = 1;
        }
        _ => {}
    }
    let mut offsets = vec![0; value.len() + 1];
    for (i, c) in value.char_indices() {
        if bytes.get(at) == Some(&b'\\') && quote == Some(b'"') {
            if bytes.get(at + 1) == Some(&b'\n') {
                at = skip_indentation(bytes, at + 2);
            }
            if bytes.get(at) == Some(&b'\\') {
                offsets[i] = at;
                at += escape_len(bytes, at);
                continue;
            }
        }
        if (c == ' ' || c == '\n') && bytes.get(at) == Some(&b'\n') {
            offsets[i] = at;
            while bytes.get(at).is_some_and(|b| *b == b'\n' || *b == b'\r') {
                at = skip_indentation(bytes, at + 1);
            }
            continue;
        }
        // A quote doubled inside quotes: YAML's single-quoted scalars and CSV's quoted fields
        // (in YAML's double-quoted scalars a `"` is escaped, so `""` never occurs inside).
        if let Some(q) = quote.filter(|&q| c == q as char)
            && bytes[at..].starts_with(&[q, q])
        {
            offsets[i] = at;
            at += 2;
            continue;
        }
        if !written.get(at..)?.starts_with(c) {
            return None;
        }
        offsets[i] = at;
        at += c.len_utf8();
    }
    offsets[value.len()] = at;
    // Bytes inside a multi-byte character point at its start.
    for i in 1..value.len() {
        if !value.is_char_boundary(i) {
            offsets[i] = offsets[i - 1];
        }
    }
    Some(offsets)
}

fn skip_indentation(bytes: &[u8], mut at: usize) -> usize {
    while bytes.get(at).is_some_and(|b| *b == b' ' || *b == b'\t') {
        at += 1;
    }
    at
}

/// The length of the escape sequence starting at `bytes[at] == b'\\'`.
fn escape_len(bytes: &[u8], at: usize) -> usize {
    match bytes.get(at + 1) {
        Some(b'x') => 4,
        Some(b'u') => 6,
        Some(b'U') => 10,
        _ => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offsets(written: &str, value: &str, word: &str) -> Option<String> {
        let map = align(written, value)?;
        let start = value.find(word)?;
        written
            .get(map[start]..map[start + word.len()])
            .map(str::to_string)
    }

    #[test]
    fn aligns_blocks_and_escapes() {
        assert_eq!(
            offsets(
                "|-\n    one dont\n    two dont\n",
                "one dont\ntwo dont",
                "two dont"
            )
            .as_deref(),
            Some("two dont")
        );
        assert_eq!(
            offsets(
                ">-\n  a long\n  line here\n",
                "a long line here",
                "long line"
            )
            .as_deref(),
            Some("long\n  line")
        );
        assert_eq!(
            offsets("\"say \\\"hi\\\" dont\"", "say \"hi\" dont", "dont").as_deref(),
            Some("dont")
        );
        assert_eq!(
            offsets("'it''s dont'", "it's dont", "dont").as_deref(),
            Some("dont")
        );
        assert!(align("other", "value").is_none());
    }
}
