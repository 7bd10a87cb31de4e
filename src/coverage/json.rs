//! JSON catalogs: an object of code → message (nested objects give dotted codes, as i18next writes them), or a list of `{"code", "message"}` objects.

use crate::diag::SourceFile;
use crate::load::{Limits, Node, NodeValue, ParseProblem, Syntax};

use super::catalog::{CatalogEntry, problem};

/// What a JSON catalog looks like, for the help of its errors.
const SHAPE: &str = "write an object of code → message (`{\"E_AUTH\": \"Sign-in failed\"}`), or a list of objects with `code` and `message`";

/// Parses a JSON catalog with the project's spanned JSON parser, so every entry has its place.
pub fn parse(source: &SourceFile, limits: &Limits) -> Result<Vec<CatalogEntry>, Vec<ParseProblem>> {
    let node = spanned(source, limits)?;
    let mut entries = Vec::new();
    match &node.value {
        NodeValue::Map(_) => flatten(&node, "", &mut entries),
        NodeValue::Seq(items) => {
            for item in items {
                entries.push(listed(item).map_err(|p| vec![p])?);
            }
        }
        _ => {
            return Err(vec![problem(
                node.span.clone(),
                format!(
                    "a JSON catalog is an object or a list, not {}",
                    node.type_name()
                ),
                SHAPE,
            )]);
        }
    }
    Ok(entries)
}

/// The JSON document as a spanned tree (an empty file is a problem of its own).
pub fn spanned(source: &SourceFile, limits: &Limits) -> Result<Node, Vec<ParseProblem>> {
    if source.text.trim().is_empty() {
        return Err(vec![problem(0..0, "the catalog is empty", SHAPE)]);
    }
    crate::load::parse(source, Syntax::Json, limits)
}

/// The string values of an object, each coded by its key path. Values that are not text
/// (numbers, lists, `null`) are not messages and are left out.
fn flatten(node: &Node, prefix: &str, entries: &mut Vec<CatalogEntry>) {
    let NodeValue::Map(fields) = &node.value else {
        return;
    };
    for field in fields {
        let code = format!("{prefix}{}", field.key);
        match &field.value.value {
            NodeValue::String(message) => entries.push(CatalogEntry {
                code: Some(code),
                message: message.clone(),
                span: field.key_span.clone(),
            }),
            NodeValue::Map(_) => flatten(&field.value, &format!("{code}."), entries),
            _ => {}
        }
    }
}

/// One `{"code": …, "message": …}` item of a list catalog (`code` may be left out).
fn listed(item: &Node) -> Result<CatalogEntry, ParseProblem> {
    let Some(message) = item.get("message").and_then(Node::as_str) else {
        return Err(problem(
            item.span.clone(),
            "this catalog item has no `message` text",
            SHAPE,
        ));
    };
    let code = match item.get("code").map(|c| &c.value) {
        None | Some(NodeValue::Null) => None,
        Some(NodeValue::String(code)) => Some(code.clone()),
        Some(NodeValue::Number(code)) => Some(code.to_string()),
        Some(_) => {
            let at = item
                .get("code")
                .map_or(item.span.clone(), |c| c.span.clone());
            return Err(problem(at, "an error code is text or a number", SHAPE));
        }
    };
    let at = item
        .get("code")
        .or(item.get("message"))
        .map_or(item.span.clone(), |n| n.span.clone());
    Ok(CatalogEntry {
        code,
        message: message.to_string(),
        span: at,
    })
}
