//! Parses YAML (1.2 core schema) into a [`Node`] tree with byte spans, using saphyr-parser's events.
//!
//! Building from events (rather than a DOM) lets helpdoc report duplicate keys with both places,
//! refuse aliases (so "billion laughs" documents cannot expand) and bound nesting without recursion.

use std::borrow::Cow;
use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, Span};
use serde_json::Number;

use super::node::{Entry, Node, NodeValue};
use super::{Limits, ParseProblem};
use crate::diag::SourceFile;
use crate::text::line_breaks::normalize;

/// A container being built.
enum Open {
    Seq {
        start: usize,
        items: Vec<Node>,
    },
    Map {
        start: usize,
        entries: Vec<Entry>,
        /// Where each key is in `entries`, once there are more than [`SCAN_KEYS`] (see
        /// [`find_key`]).
        index: HashMap<String, usize>,
        pending_key: Option<(String, std::ops::Range<usize>)>,
    },
}

/// Parses one YAML document. Returns every problem found before parsing had to stop.
pub fn parse(source: &SourceFile, limits: &Limits) -> Result<Node, Vec<ParseProblem>> {
    let mut parser = Parser::new_from_str(&source.text);
    let mut stack: Vec<Open> = Vec::new();
    let mut root: Option<Node> = None;
    let mut problems = Vec::new();
    let mut documents = 0;
    let range = |span: &Span| {
        let start = source.offset_of(span.start.line(), span.start.col());
        let end = source.offset_of(span.end.line(), span.end.col()).max(start);
        start..end
    };
    while let Some(next) = parser.next_event() {
        let (event, span) = match next {
            Ok(pair) => pair,
            Err(error) => {
                let marker = error.marker();
                let at = source.offset_of(marker.line(), marker.col());
                if error.info().contains("recursion limit") {
                    problems.push(ParseProblem::new(
                        "too-deep",
                        at..at,
                        "the document nests too deeply for a content file",
                        "flatten the structure; content never needs this much nesting",
                    ));
                } else {
                    problems.push(ParseProblem::syntax(at..at, yaml_message(error.info())));
                }
                return Err(problems);
            }
        };
        let node = match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    let at = range(&span);
                    problems.push(ParseProblem::new(
                        "yaml-syntax",
                        at,
                        "a content file holds one YAML document, but this is a second one",
                        "split the documents into separate files, or remove the `---` line",
                    ));
                    return Err(problems);
                }
                continue;
            }
            Event::Alias(_) if problems.iter().any(|p| p.code == "yaml-alias") => {
                // One finding per file is enough; more aliases add nothing for the writer.
                Node {
                    span: range(&span),
                    value: NodeValue::Null,
                }
            }
            Event::Alias(_) => {
                problems.push(ParseProblem::new(
                    "yaml-alias",
                    range(&span),
                    "YAML aliases (`*name`) are not supported in content files",
                    "write the value out, or put shared blocks in a fragment and `include` it",
                ));
                Node {
                    span: range(&span),
                    value: NodeValue::Null,
                }
            }
            Event::Scalar(text, style, _, tag) => {
                let span = range(&span);
                let value = match tag.as_deref() {
                    Some(tag) if tag.handle == "tag:yaml.org,2002:" && tag.suffix == "str" => {
                        string(text)
                    }
                    Some(tag) => {
                        problems.push(tag_problem(tag, span.clone()));
                        string(text)
                    }
                    None if style == ScalarStyle::Plain => plain_scalar(text),
                    None => string(text),
                };
                Node { span, value }
            }
            Event::SequenceStart(_, ref tag) | Event::MappingStart(_, ref tag) => {
                let is_seq = matches!(event, Event::SequenceStart(..));
                // `!!seq` on a list and `!!map` on a mapping say what the value already is; any
                // other tag would change how a YAML tool reads the value, which helpdoc does not.
                if let Some(tag) = tag.as_deref()
                    && !(tag.handle == "tag:yaml.org,2002:"
                        && tag.suffix == if is_seq { "seq" } else { "map" })
                {
                    problems.push(tag_problem(tag, tag_range(&source.text, range(&span))));
                }
                if stack.len() >= limits.max_depth {
                    problems.push(ParseProblem::new(
                        "too-deep",
                        range(&span),
                        format!(
                            "the document nests deeper than {}",
                            crate::diag::words::count(limits.max_depth, "level")
                        ),
                        "flatten the structure; content never needs this much nesting",
                    ));
                    return Err(problems);
                }
                let start = range(&span).start;
                stack.push(if is_seq {
                    Open::Seq {
                        start,
                        items: Vec::new(),
                    }
                } else {
                    Open::Map {
                        start,
                        entries: Vec::new(),
                        index: HashMap::new(),
                        pending_key: None,
                    }
                });
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let end = range(&span).end;
                // The tree is kept for the whole run (diagnostics point into it): no spare
                // capacity in its lists.
                match stack.pop() {
                    Some(Open::Seq { start, mut items }) => {
                        items.shrink_to_fit();
                        let end = items.last().map_or(end, |n| n.span.end);
                        Node {
                            span: start..end.max(start),
                            value: NodeValue::Seq(items),
                        }
                    }
                    Some(Open::Map {
                        start, mut entries, ..
                    }) => {
                        entries.shrink_to_fit();
                        let end = entries.last().map_or(end, |e| e.value.span.end);
                        Node {
                            span: start..end.max(start),
                            value: NodeValue::Map(entries),
                        }
                    }
                    None => continue,
                }
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => continue,
        };
        match stack.last_mut() {
            None => root = Some(node),
            Some(Open::Seq { items, .. }) => items.push(node),
            Some(Open::Map {
                entries,
                index,
                pending_key,
                ..
            }) => match pending_key.take() {
                None => match node.value {
                    NodeValue::String(key) => *pending_key = Some((key, node.span)),
                    NodeValue::Null | NodeValue::Bool(_) | NodeValue::Number(_) => {
                        let key = source.text[node.span.clone()].to_string();
                        *pending_key = Some((key, node.span));
                    }
                    NodeValue::Seq(_) | NodeValue::Map(_) => {
                        problems.push(ParseProblem::new(
                            "yaml-syntax",
                            node.span.clone(),
                            "a mapping key must be plain text, not a list or mapping",
                            "use a field name as the key",
                        ));
                        *pending_key = Some((String::new(), node.span));
                    }
                },
                Some((key, key_span)) => {
                    if let Some(first) = find_key(entries, index, &key).map(|i| &entries[i]) {
                        problems.push(
                            ParseProblem::new(
                                "duplicate-key",
                                key_span.clone(),
                                format!("the key `{key}` appears twice in the same mapping"),
                                "remove one of them, or merge their values",
                            )
                            .with_related(first.key_span.clone(), "first written here"),
                        );
                    } else {
                        if !index.is_empty() {
                            index.insert(key.clone(), entries.len());
                        }
                        entries.push(Entry {
                            key,
                            key_span,
                            value: node,
                        });
                    }
                }
            },
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    root.ok_or_else(|| vec![ParseProblem::empty_file()])
}

/// Mappings in content files are small: up to this many keys, a scan finds a duplicate key
/// faster than hashing (and copies no key); a larger mapping gets an index, so that a huge one
/// is not quadratic.
const SCAN_KEYS: usize = 16;

/// Where `key` already is in a mapping's `entries`, using (and building, once the mapping is
/// large) its `index`.
fn find_key(entries: &[Entry], index: &mut HashMap<String, usize>, key: &str) -> Option<usize> {
    if entries.len() <= SCAN_KEYS {
        return entries.iter().position(|e| e.key == key);
    }
    if index.is_empty() {
        index.extend(entries.iter().enumerate().map(|(i, e)| (e.key.clone(), i)));
    }
    index.get(key).copied()
}

/// The refusal of a YAML tag (`!foo`, `!!set`) on a value at `range`.
fn tag_problem(tag: &saphyr_parser::Tag, range: std::ops::Range<usize>) -> ParseProblem {
    ParseProblem::new(
        "yaml-tag",
        range,
        format!(
            "YAML tags such as `{}{}` are not supported in content files",
            tag.handle, tag.suffix
        ),
        "remove the tag; quote the value if it must be a string",
    )
}

/// Where a collection's tag is written: the parser places a tagged collection at its first token
/// (or line), after the tag, so look back over white space for the `!…` word before `range`.
fn tag_range(text: &str, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let before = text[..range.start].trim_end();
    let start = before
        .rfind(|c: char| c.is_whitespace())
        .map_or(0, |i| i + 1);
    if before[start..].starts_with('!') {
        start..before.len()
    } else {
        range
    }
}

/// Resolves an unquoted scalar by the YAML 1.2 core schema (no `yes`/`no` booleans).
fn plain_scalar(text: Cow<'_, str>) -> NodeValue {
    match &*text {
        "" | "~" | "null" | "Null" | "NULL" => return NodeValue::Null,
        "true" | "True" | "TRUE" => return NodeValue::Bool(true),
        "false" | "False" | "FALSE" => return NodeValue::Bool(false),
        _ => {}
    }
    let first = text.as_bytes()[0];
    if first.is_ascii_digit() || matches!(first, b'-' | b'+' | b'.') {
        if let Ok(int) = text.parse::<i64>() {
            return NodeValue::Number(int.into());
        }
        if let Some(hex) = text.strip_prefix("0x")
            && let Ok(int) = i64::from_str_radix(hex, 16)
        {
            return NodeValue::Number(int.into());
        }
        if let Some(oct) = text.strip_prefix("0o")
            && let Ok(int) = i64::from_str_radix(oct, 8)
        {
            return NodeValue::Number(int.into());
        }
        let is_float_syntax = text
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E'));
        if is_float_syntax
            && let Ok(float) = text.parse::<f64>()
            && let Some(number) = Number::from_f64(float)
        {
            return NodeValue::Number(number);
        }
    }
    string(text)
}

/// A string value, its line breaks written as `\n` (YAML reads `\N`, `\L`, `\P` and `\r`
/// escapes, and unescaped NEL, LS and PS, as characters of the string). The scanner's own
/// string is kept when there is nothing to change (no copy).
fn string(text: Cow<'_, str>) -> NodeValue {
    NodeValue::String(match normalize(&text) {
        Cow::Borrowed(_) => text.into_owned(),
        Cow::Owned(normalized) => normalized,
    })
}

/// Rewords the YAML scanner's messages for writers.
fn yaml_message(info: &str) -> String {
    let hint = if info.contains("mapping values are not allowed") {
        " (a `: ` inside a plain value starts a new key: put the value in quotes)"
    } else if info.contains("did not find expected") || info.contains("while parsing a block") {
        " (check the indentation of this line against the lines above)"
    } else if info.contains("tab") {
        " (YAML indentation must use spaces, not tabs)"
    } else if info.contains("found character that cannot start any token") {
        " (quote values that start with `@`, `` ` `` or `%`, and indent with spaces, not tabs)"
    } else {
        ""
    };
    format!("invalid YAML: {info}{hint}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Result<Node, Vec<ParseProblem>> {
        parse(
            &SourceFile::new("t.yaml", text.to_string()),
            &Limits::default(),
        )
    }

    #[test]
    fn spans_point_at_values() {
        let text = "id: abc\nlist:\n  - one\n  - 'two'\n";
        let node = parse_str(text).unwrap();
        let value = node.get("list").unwrap();
        let NodeValue::Seq(items) = &value.value else {
            panic!("not a list")
        };
        assert_eq!(&text[items[0].span.clone()], "one");
        assert_eq!(&text[items[1].span.clone()], "'two'");
        assert_eq!(&text[node.entry("id").unwrap().key_span.clone()], "id");
    }

    #[test]
    fn core_schema_scalars() {
        assert_eq!(plain_scalar("yes".into()), NodeValue::String("yes".into()));
        assert_eq!(plain_scalar("true".into()), NodeValue::Bool(true));
        assert_eq!(plain_scalar("12".into()), NodeValue::Number(12.into()));
        assert_eq!(
            plain_scalar("1.5".into()),
            NodeValue::Number(Number::from_f64(1.5).unwrap())
        );
        assert_eq!(
            plain_scalar("1.2.3".into()),
            NodeValue::String("1.2.3".into())
        );
        assert_eq!(plain_scalar("~".into()), NodeValue::Null);
    }

    #[test]
    fn duplicate_keys_name_both_places() {
        let problems = parse_str("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert_eq!(problems[0].code, "duplicate-key");
        assert_eq!(problems[0].range, 10..11);
        assert_eq!(problems[0].related.as_ref().unwrap().0, 0..1);
    }

    #[test]
    fn duplicate_keys_in_large_mappings_name_both_places() {
        let mut text: String = (0..40).map(|i| format!("k{i}: {i}\n")).collect();
        text.push_str("k3: again\nk39: again\n");
        let problems = parse_str(&text).unwrap_err();
        let firsts: Vec<&str> = problems
            .iter()
            .map(|p| &text[p.related.as_ref().unwrap().0.clone()])
            .collect();
        assert_eq!(firsts, ["k3", "k39"]);
    }

    #[test]
    fn tags_on_lists_and_mappings_are_refused_where_written() {
        for text in [
            "a: !foo\n  - 1\n",
            "a: !foo [1]\n",
            "a: !foo\n  b: 1\n",
            "a: !foo {b: 1}\n",
            "a: !!set\n  b: null\n",
        ] {
            let problems = parse_str(text).unwrap_err();
            assert_eq!(problems.len(), 1, "{text:?}");
            assert_eq!(problems[0].code, "yaml-tag", "{text:?}");
            let tag = &text[problems[0].range.clone()];
            assert!(tag.starts_with('!'), "{text:?} points at {tag:?}");
        }
        assert!(parse_str("a: !!seq [1]\nb: !!map {c: 1}\nd: !!str x\n").is_ok());
    }

    #[test]
    fn line_separators_in_strings_become_newlines() {
        let node = parse_str("a: \"x\\ry\\Lz\\Pw\\Nv\"\nb: p\u{2028}q\n").unwrap();
        assert_eq!(node.get("a").unwrap().as_str(), Some("x\ny\nz\nw\nv"));
        assert_eq!(node.get("b").unwrap().as_str(), Some("p\nq"));
    }

    #[test]
    fn aliases_are_refused() {
        let problems = parse_str("a: &x [1, 2]\nb: *x\n").unwrap_err();
        assert_eq!(problems[0].code, "yaml-alias");
    }
}
