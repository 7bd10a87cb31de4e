//! Reads the `id` and `kind` of a content file that failed to load, so it stays known by its id.
//!
//! A topic with one typo is still the topic other files mean when they name its id: if it
//! vanished, every reference to it would be reported as dangling (with a "did you mean" pointing
//! elsewhere), sending the writer to "fix" correct references. So a file that parsed is asked for
//! its top-level `id`; a file that did not parse is scanned for its `id` and `kind`, line by line
//! (YAML) or token by token (JSON), up to the first occurrence.

use std::ops::Range;

use crate::content::InvalidDoc;
use crate::diag::FileId;
use crate::load::{Node, Syntax};
use crate::model::DocumentKind;

/// The identity of a file that parsed but is not a valid document, if its `id` can be read.
/// `kind` is its kind when that is known and fits the file (the caller has checked both).
pub(super) fn from_tree(
    file: FileId,
    node: &Node,
    kind: Option<DocumentKind>,
) -> Option<InvalidDoc> {
    let id = node.get("id")?;
    identity(file, id.as_str()?.to_string(), id.span.clone(), kind)
}

/// The identity of a file that did not parse (or decode), if its `id` can be read from its text.
/// Its kind is kept when it is one helpdoc knows.
pub(super) fn from_text(file: FileId, text: &str, syntax: Syntax) -> Option<InvalidDoc> {
    let (id, id_span) = top_level(text, syntax, "id")?;
    let kind = top_level(text, syntax, "kind").and_then(|(kind, _)| DocumentKind::parse(&kind));
    identity(file, id, id_span, kind)
}

fn identity(
    file: FileId,
    id: String,
    id_span: Range<usize>,
    kind: Option<DocumentKind>,
) -> Option<InvalidDoc> {
    (!id.trim().is_empty()).then_some(InvalidDoc {
        file,
        id,
        id_span,
        kind,
    })
}

/// The first top-level string value of `key`, with its byte range, read without parsing the file.
fn top_level(text: &str, syntax: Syntax, key: &str) -> Option<(String, Range<usize>)> {
    match syntax {
        Syntax::Yaml => yaml_top_level(text, key),
        Syntax::Json => json_top_level(text, key),
    }
}

/// A top-level YAML key starts its line at column 0 (block scalars and nested mappings are
/// indented), so `key:` there is the key itself, wherever the file went wrong.
fn yaml_top_level(text: &str, key: &str) -> Option<(String, Range<usize>)> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let Some(rest) = line.strip_prefix(key).and_then(|r| r.strip_prefix(':')) else {
            continue;
        };
        let rest = rest.trim_end_matches(['\n', '\r']);
        if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
            continue; // `id:x` is a plain scalar, not the key `id`
        }
        let value = rest.trim_start();
        let at = start + key.len() + 1 + (rest.len() - value.len());
        let (scalar, len) = yaml_scalar(value)?;
        return Some((scalar, at..at + len));
    }
    None
}

/// A one-line YAML scalar and its length in the text: quoted, or plain up to a comment.
fn yaml_scalar(value: &str) -> Option<(String, usize)> {
    if let Some(quote @ ('"' | '\'')) = value.chars().next() {
        let end = value[1..].find(quote)? + 1;
        return Some((value[1..end].to_string(), end + 1));
    }
    let plain = value.split(" #").next().unwrap_or(value).trim_end();
    let structural = ['|', '>', '[', '{', '&', '*', '!', '#'];
    if plain.is_empty() || plain.starts_with(structural) {
        return None;
    }
    Some((plain.to_string(), plain.len()))
}

/// Scans JSON tokens, tracking nesting, for `"key": "value"` in the outermost object.
fn json_top_level(text: &str, key: &str) -> Option<(String, Range<usize>)> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth = depth.saturating_sub(1),
            b'"' => {
                let end = json_string_end(bytes, i)?;
                let after = skip_space(bytes, end + 1);
                let is_key = bytes.get(after) == Some(&b':');
                if depth == 1 && is_key && &text[i + 1..end] == key {
                    let value = skip_space(bytes, after + 1);
                    if bytes.get(value) != Some(&b'"') {
                        return None;
                    }
                    let value_end = json_string_end(bytes, value)?;
                    return Some((text[value + 1..value_end].to_string(), value..value_end + 1));
                }
                i = end;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The index of the quote closing the JSON string that opens at `start`.
fn json_string_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return Some(i),
            _ => i += 1,
        }
    }
    None
}

fn skip_space(bytes: &[u8], mut i: usize) -> usize {
    while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(text: &str, syntax: Syntax) -> Option<(String, Option<DocumentKind>, String)> {
        let doc = from_text(FileId(0), text, syntax)?;
        let at = text[doc.id_span.clone()].to_string();
        Some((doc.id, doc.kind, at))
    }

    #[test]
    fn reads_the_id_of_yaml_that_does_not_parse() {
        let text = "kind: procedure\nid: set-role  # the role\nsteps:\n   - bad\n  - indent\n";
        assert_eq!(
            scan(text, Syntax::Yaml),
            Some((
                "set-role".into(),
                Some(DocumentKind::Procedure),
                "set-role".into()
            ))
        );
        let quoted = "id: 'set-role'\nkind: procdure\n";
        assert_eq!(
            scan(quoted, Syntax::Yaml),
            Some(("set-role".into(), None, "'set-role'".into()))
        );
    }

    #[test]
    fn ignores_nested_and_look_alike_yaml_keys() {
        assert_eq!(scan("steps:\n  - id: open\n", Syntax::Yaml), None);
        assert_eq!(scan("id:open\n", Syntax::Yaml), None);
        assert_eq!(scan("id: >-\n  text\n", Syntax::Yaml), None);
    }

    #[test]
    fn reads_the_outermost_json_id_only() {
        let text = r#"{"steps": [{"id": "open"}], "kind": "concept", "id": "roles", "title": "x" "#;
        assert_eq!(
            scan(text, Syntax::Json),
            Some((
                "roles".into(),
                Some(DocumentKind::Concept),
                "\"roles\"".into()
            ))
        );
        assert_eq!(scan(r#"{"title": "id", "x": ["id"]}"#, Syntax::Json), None);
    }
}
