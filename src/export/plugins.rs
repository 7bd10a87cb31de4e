//! Exporter plugins in the project's `exporters/<name>/` folder, described by `exporter.toml`:
//! a template pack (`type = "template-pack"`, a base format and templates that replace its
//! embedded defaults one file at a time) or a command exporter (`type = "command"`, an external
//! program that reads the export context as JSON on stdin).

use std::path::Path;

use serde::Deserialize;

use super::Exporter;
use super::command::TimeoutSeconds;

/// The manifest file in each plugin folder.
pub const PLUGIN_MANIFEST: &str = "exporter.toml";

/// The largest `exporter.toml` read, in bytes.
const MAX_MANIFEST_BYTES: u64 = 64 * 1024;

/// What `exporter.toml` says.
#[derive(Debug, Clone)]
pub enum PluginManifest {
    /// Templates over a built-in format (`type = "template-pack"`).
    TemplatePack(TemplatePackManifest),
    /// An external program (`type = "command"`).
    Command(CommandManifest),
}

/// A template pack's manifest.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplatePackManifest {
    #[serde(rename = "type")]
    _type: String,
    /// The built-in format whose templates are replaced (`html` or `markdown`).
    pub base: String,
    /// A one-line description.
    #[serde(default)]
    pub description: Option<String>,
}

/// A command exporter's manifest.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommandManifest {
    #[serde(rename = "type")]
    _type: String,
    /// The program and its arguments, run from the plugin folder.
    pub command: Vec<String>,
    /// Seconds before the program is killed (default 60, at most a day).
    #[serde(default)]
    pub timeout_seconds: TimeoutSeconds,
    /// A one-line description.
    #[serde(default)]
    pub description: Option<String>,
}

/// A manifest's `type`, read first to choose how to read the rest (reading the rest as its own
/// struct keeps every error's position, which a serde-tagged enum loses).
#[derive(Deserialize)]
struct ManifestType {
    #[serde(rename = "type")]
    kind: toml::Spanned<String>,
}

impl PluginManifest {
    /// Reads a manifest; an error is a message and the byte range it is about, where known.
    pub fn parse(text: &str) -> Result<Self, (String, Option<std::ops::Range<usize>>)> {
        let located = |e: toml::de::Error| (e.message().to_string(), e.span());
        let kind = toml::from_str::<ManifestType>(text).map_err(located)?.kind;
        match kind.get_ref().as_str() {
            "template-pack" => toml::from_str(text)
                .map(PluginManifest::TemplatePack)
                .map_err(located),
            "command" => toml::from_str(text)
                .map(PluginManifest::Command)
                .map_err(located),
            other => Err((
                format!("unknown plugin type `{other}`, expected `template-pack` or `command`"),
                Some(kind.span()),
            )),
        }
    }
}

/// Loads the plugin `name` from `dir`. `Ok(None)` when there is no such plugin folder.
pub fn load(name: &str, dir: &Path) -> Result<Option<Box<dyn Exporter>>, String> {
    let is_plain_name = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !is_plain_name {
        return Err(format!(
            "`{name}` is not a valid exporter name (use letters, digits, `-` and `_`)"
        ));
    }
    let folder = dir.join(name);
    let manifest_path = folder.join(PLUGIN_MANIFEST);
    let Ok(exporters) = crate::load::ReadRoot::new(dir, "the exporters folder") else {
        return Ok(None);
    };
    let text = match exporters.read_text(&manifest_path, MAX_MANIFEST_BYTES) {
        Ok(text) => text,
        Err(refused) if refused.is_missing() => return Ok(None),
        Err(refused) => return Err(refused.explained()),
    };
    let manifest = PluginManifest::parse(&text).map_err(|(message, span)| {
        let at = span.map_or(String::new(), |span| {
            let at = crate::diag::SourceFile::new("", text.clone()).line_col(span.start);
            format!(":{}:{}", at.line, at.column)
        });
        format!("{}{at}: {message}", manifest_path.display())
    })?;
    match manifest {
        PluginManifest::TemplatePack(pack) => {
            super::template_pack::load(name, &folder, &manifest_path, &pack.base).map(Some)
        }
        PluginManifest::Command(manifest) => super::command::CommandExporter::new(
            name,
            &folder,
            manifest.command,
            manifest.timeout_seconds,
        )
        .map(|e| Some(Box::new(e) as Box<dyn Exporter>))
        .map_err(|e| format!("{}: {e}", manifest_path.display())),
    }
}
