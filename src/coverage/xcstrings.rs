//! Apple string catalogs (`.xcstrings`, JSON): each key of `strings` is an entry; its message is the source language's text, or the key itself when Xcode left the source text out.

use crate::diag::SourceFile;
use crate::load::{Limits, Node, NodeValue, ParseProblem};

use super::catalog::{CatalogEntry, problem};

const SHAPE: &str = "an .xcstrings file is Xcode's JSON: `{\"sourceLanguage\": \"en\", \"strings\": {KEY: {…}}, \"version\": \"1.0\"}`";

/// Parses a string catalog.
pub fn parse(source: &SourceFile, limits: &Limits) -> Result<Vec<CatalogEntry>, Vec<ParseProblem>> {
    let root = super::json::spanned(source, limits)?;
    let strings = match root.get("strings") {
        Some(
            strings @ Node {
                value: NodeValue::Map(_),
                ..
            },
        ) => strings,
        Some(other) => {
            return Err(vec![problem(
                other.span.clone(),
                "`strings` must be an object",
                SHAPE,
            )]);
        }
        None => {
            return Err(vec![problem(
                root.span.start..root.span.start + 1,
                "this string catalog has no `strings` object",
                SHAPE,
            )]);
        }
    };
    let language = root
        .get("sourceLanguage")
        .and_then(Node::as_str)
        .unwrap_or("en");
    let NodeValue::Map(keys) = &strings.value else {
        return Ok(Vec::new());
    };
    Ok(keys
        .iter()
        .map(|entry| CatalogEntry {
            code: Some(entry.key.clone()),
            message: source_text(&entry.value, language)
                .unwrap_or(&entry.key)
                .to_string(),
            span: entry.key_span.clone(),
        })
        .collect())
}

/// The source language's text of one string: its `stringUnit`, or for a plural its `other` form.
fn source_text<'a>(string: &'a Node, language: &str) -> Option<&'a str> {
    let localization = string.get("localizations")?.get(language)?;
    let unit = localization.get("stringUnit").or_else(|| {
        localization
            .get("variations")?
            .get("plural")?
            .get("other")?
            .get("stringUnit")
    })?;
    unit.get("value")?.as_str()
}
