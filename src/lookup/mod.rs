//! The lookup contract (`docs/in-product-json.md`): find the help for what a product shows, by code, then exact message, then message template.
//!
//! Every implementation (this one, `clients/js`) passes the shared vectors in
//! `tests/vectors/lookup.json`.

pub mod normalize;
mod render;
pub mod template;

use std::collections::BTreeMap;
use std::path::Path;

use crate::bundle::{HelpBundle, HelpError};

pub use normalize::{Normalized, normalize_message};
pub use render::help_text;
pub use template::{Pattern, Template, TemplateError, parse, placeholders};

/// Which step of the contract found the error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchedBy {
    /// `index.by_code`.
    Code,
    /// `index.by_message`: the normalized message, or a `match` wording.
    Message,
    /// `index.templates`: a message with placeholders.
    Template,
}

/// An error found for a product's code and message.
#[derive(Debug, Clone, PartialEq)]
pub struct Found<'b> {
    /// The bundle's entry.
    pub error: &'b HelpError,
    /// How it was found.
    pub by: MatchedBy,
    /// Each placeholder's value, cut from the message (NFKC applied; case and inner spacing
    /// kept). A name used twice keeps its first value. Empty unless found by a template.
    pub values: BTreeMap<String, String>,
}

/// Looks up the help for a product's error: its `code` first, then its `message` normalized
/// ([`normalize_message`]) in `index.by_message`, then `index.templates` in order (the first
/// match wins: the bundle lists templates with the most literal text first).
pub fn lookup<'b>(bundle: &'b HelpBundle, code: Option<&str>, message: &str) -> Option<Found<'b>> {
    let entry = |id: &str| bundle.errors.iter().find(|e| e.id == id);
    let found = |error, by, values| Found { error, by, values };
    if let Some(error) = code
        .and_then(|c| bundle.index.by_code.get(c))
        .and_then(|id| entry(id))
    {
        return Some(found(error, MatchedBy::Code, BTreeMap::new()));
    }
    let normalized = Normalized::new(message);
    if let Some(error) = bundle
        .index
        .by_message
        .get(&normalized.text)
        .and_then(|id| entry(id))
    {
        return Some(found(error, MatchedBy::Message, BTreeMap::new()));
    }
    bundle.index.templates.iter().find_map(|t| {
        let ranges = template::match_literals(&t.literals, &normalized.text)?;
        let error = entry(&t.id)?;
        let mut values = BTreeMap::new();
        for (name, range) in t.placeholders.iter().zip(ranges) {
            values
                .entry(name.clone())
                .or_insert_with(|| normalized.source_of(range.start, range.end).to_string());
        }
        Some(found(error, MatchedBy::Template, values))
    })
}

/// An error's message and its `match` wordings, each with its JSON pointer in the topic
/// (`/message`, `/match/0`, …): every wording that finds the error.
pub fn wordings<'a>(message: &'a str, match_wordings: &'a [String]) -> Vec<(String, &'a str)> {
    std::iter::once(("/message".to_string(), message))
        .chain(
            match_wordings
                .iter()
                .enumerate()
                .map(|(i, w)| (format!("/match/{i}"), w.as_str())),
        )
        .collect()
}

/// `helpdoc lookup`'s work: reads the bundle at `path`, looks up `code` and `message`, and returns
/// the help as text ([`help_text`]), or `None` when the bundle has none.
pub fn lookup_text(
    path: &Path,
    code: Option<&str>,
    message: &str,
) -> Result<Option<String>, String> {
    let bundle = read_bundle(path)?;
    Ok(lookup(&bundle, code, message).map(|found| help_text(&found)))
}

/// The largest bundle `helpdoc lookup` reads, in bytes.
pub const MAX_BUNDLE_BYTES: u64 = 256 * 1024 * 1024;

/// Reads a help bundle file (a regular file of at most [`MAX_BUNDLE_BYTES`]) and checks its
/// `format_version`.
pub fn read_bundle(path: &Path) -> Result<HelpBundle, String> {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let root = crate::load::ReadRoot::new(folder, "the bundle's folder")
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let text = root
        .read_text(path, MAX_BUNDLE_BYTES)
        .map_err(|e| e.explained())?;
    let version: Option<u64> = serde_json::from_str::<serde_json::Value>(&text)
        .map_err(|e| format!("{}: not JSON: {e}", path.display()))?
        .get("format_version")
        .and_then(serde_json::Value::as_u64);
    if version != Some(u64::from(crate::bundle::FORMAT_VERSION)) {
        return Err(format!(
            "{}: a help bundle of format version {}, but this helpdoc reads version {}; rebuild it with this helpdoc",
            path.display(),
            version.map_or("(none)".to_string(), |v| v.to_string()),
            crate::bundle::FORMAT_VERSION
        ));
    }
    serde_json::from_str(&text).map_err(|e| format!("{}: not a help bundle: {e}", path.display()))
}
