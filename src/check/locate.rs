//! Maps a position inside a string value back to the bytes the writer typed.

use std::ops::Range;

use crate::load::Node;

/// The source span of `range` (a byte range inside the string `value` held by `node`). Exact for
/// plain and simply quoted scalars; for block scalars and escaped strings it finds the text in the
/// source when it occurs once there, and falls back to the whole value.
pub fn span_in_value(node: &Node, source: &str, value: &str, range: Range<usize>) -> Range<usize> {
    let Some(written) = source.get(node.span.clone()) else {
        return node.span.clone();
    };
    let start = node.span.start;
    for offset in [0, 1] {
        if written.get(offset..offset + value.len()) == Some(value) {
            return start + offset + range.start..start + offset + range.end;
        }
    }
    let needle = value.get(range.clone()).unwrap_or_default();
    if !needle.is_empty() && !needle.contains('\n') {
        let mut hits = written.match_indices(needle);
        if let (Some((at, _)), None) = (hits.next(), hits.next()) {
            return start + at..start + at + needle.len();
        }
    }
    node.span.clone()
}
