//! Parses strict JSON into a [`Node`] tree with byte spans, using jsonc-parser's AST.

use std::collections::HashMap;

use jsonc_parser::ast::{ObjectPropName, Value as Ast};
use jsonc_parser::{CollectOptions, ParseOptions, parse_to_ast};
use serde_json::Number;

use super::node::{Entry, Node, NodeValue};
use super::{Limits, ParseProblem};
use crate::diag::SourceFile;
use crate::text::line_breaks::normalize;

/// Parses one JSON document (no comments, trailing commas or other JSON5 extensions).
pub fn parse(source: &SourceFile, limits: &Limits) -> Result<Node, Vec<ParseProblem>> {
    let options = ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    };
    let parsed =
        parse_to_ast(&source.text, &CollectOptions::default(), &options).map_err(|error| {
            let range = error.range();
            let message = error.kind().to_string();
            let code = if message.contains("nesting depth") {
                "too-deep"
            } else {
                "json-syntax"
            };
            vec![
                ParseProblem::syntax(
                    range.start..range.end.max(range.start),
                    format!("invalid JSON: {message}"),
                )
                .with_code(code),
            ]
        })?;
    let Some(value) = parsed.value else {
        return Err(vec![ParseProblem::empty_file()]);
    };
    let mut problems = Vec::new();
    let node = convert(value, 0, limits, &mut problems);
    if problems.is_empty() {
        Ok(node)
    } else {
        Err(problems)
    }
}

fn convert(
    value: Ast<'_>,
    depth: usize,
    limits: &Limits,
    problems: &mut Vec<ParseProblem>,
) -> Node {
    let (span, value) = match value {
        Ast::NullKeyword(n) => (n.range, NodeValue::Null),
        Ast::BooleanLit(b) => (b.range, NodeValue::Bool(b.value)),
        // `\r` and `\u2028` escapes (and unescaped LS and PS) are characters of a JSON string;
        // content text holds `\n` line breaks only.
        Ast::StringLit(s) => (s.range, NodeValue::String(normalize(&s.value).into_owned())),
        Ast::NumberLit(n) => {
            let number = n
                .value
                .parse::<i64>()
                .ok()
                .map(Number::from)
                .or_else(|| n.value.parse::<f64>().ok().and_then(Number::from_f64));
            (n.range, number.map_or(NodeValue::Null, NodeValue::Number))
        }
        Ast::Array(array) if depth < limits.max_depth => {
            let items = array
                .elements
                .into_iter()
                .map(|v| convert(v, depth + 1, limits, problems))
                .collect();
            (array.range, NodeValue::Seq(items))
        }
        Ast::Object(object) if depth < limits.max_depth => {
            let mut entries: Vec<Entry> = Vec::with_capacity(object.properties.len());
            // Where each key is in `entries`: finds duplicates without a scan per key.
            let mut index = HashMap::with_capacity(object.properties.len());
            for prop in object.properties {
                let (key, key_span) = match prop.name {
                    ObjectPropName::String(s) => {
                        (normalize(&s.value).into_owned(), s.range.start..s.range.end)
                    }
                    ObjectPropName::Word(w) => (w.value.to_string(), w.range.start..w.range.end),
                };
                let value = convert(prop.value, depth + 1, limits, problems);
                if let Some(first) = index.get(&key).map(|&i: &usize| &entries[i]) {
                    problems.push(
                        ParseProblem::new(
                            "duplicate-key",
                            key_span,
                            format!("the key `{key}` appears twice in the same object"),
                            "remove one of them, or merge their values",
                        )
                        .with_related(first.key_span.clone(), "first written here"),
                    );
                } else {
                    index.insert(key.clone(), entries.len());
                    entries.push(Entry {
                        key,
                        key_span,
                        value,
                    });
                }
            }
            (object.range, NodeValue::Map(entries))
        }
        Ast::Array(a) => return too_deep(a.range.start..a.range.end, limits, problems),
        Ast::Object(o) => return too_deep(o.range.start..o.range.end, limits, problems),
    };
    Node {
        span: span.start..span.end,
        value,
    }
}

fn too_deep(
    span: std::ops::Range<usize>,
    limits: &Limits,
    problems: &mut Vec<ParseProblem>,
) -> Node {
    if !problems.iter().any(|p| p.code == "too-deep") {
        problems.push(ParseProblem::new(
            "too-deep",
            span.start..span.start + 1,
            format!(
                "the document nests deeper than {}",
                crate::diag::words::count(limits.max_depth, "level")
            ),
            "flatten the structure; content never needs this much nesting",
        ));
    }
    Node {
        span,
        value: NodeValue::Null,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_in_strings_and_keys_become_newlines() {
        let text = "{\"a\\r\": \"x\\r\\ny\\rz\\u2028w\\u0085v\u{2029}u\"}";
        let node = parse(
            &SourceFile::new("t.json", text.to_string()),
            &Limits::default(),
        )
        .unwrap();
        assert_eq!(node.get("a\n").unwrap().as_str(), Some("x\ny\nz\nw\nv\nu"));
    }
}
