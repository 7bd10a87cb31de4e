//! Settings that moved from content files to `helpdoc.toml`: they keep working, with a warning that says where they go now.

use crate::content::ContentSet;
use crate::diag::Diagnostic;
use crate::load::ProjectConfig;
use crate::model::Document;

/// A publication's `formats.json.docs_base_url`, which moved to `base_url` under `[site]`.
const DOCS_BASE_URL: &str = "/formats/json/docs_base_url";

/// A `moved-setting` warning for each publication that still sets a moved setting.
pub fn moved_settings(content: &ContentSet, config: &ProjectConfig) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for doc in &content.docs {
        let Document::Publication(publication) = &doc.document else {
            continue;
        };
        let Some(base) = &publication.formats.json.docs_base_url else {
            continue;
        };
        let at = doc
            .node
            .get("formats")
            .and_then(|formats| formats.get("json"))
            .and_then(|json| json.entry("docs_base_url"))
            .map_or_else(
                || doc.node.locate(DOCS_BASE_URL).node.span.clone(),
                |entry| entry.key_span.clone(),
            );
        let help = if config.site.base_url.as_deref() == Some(base.as_str()) {
            "delete it here: `base_url` under `[site]` in helpdoc.toml already says the same"
                .to_string()
        } else {
            format!(
                "delete it here and write it in the project's helpdoc.toml as\n[site]\nbase_url = {}\n(until then it still works, and wins over `[site]` for this publication)",
                toml_string(base)
            )
        };
        found.push(
            Diagnostic::warning(
                "moved-setting",
                "`formats.json.docs_base_url` has moved to `base_url` under `[site]` in helpdoc.toml",
            )
            .at(doc.file, at, "moved")
            .help(help),
        );
    }
    found
}

/// `text` as a TOML basic string.
fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}
