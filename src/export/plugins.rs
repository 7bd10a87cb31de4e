//! Exporter plugins in the project's `exporters/<name>/` folder, described by `exporter.toml`:
//! a template pack (`type = "template-pack"`, a base format and templates that replace its
//! embedded defaults one file at a time) or a command exporter (`type = "command"`, an external
//! program that reads the export context as JSON on stdin).

use std::path::Path;

use serde::Deserialize;

use super::Exporter;

/// The manifest file in each plugin folder.
pub const PLUGIN_MANIFEST: &str = "exporter.toml";

/// The largest `exporter.toml` read, in bytes.
const MAX_MANIFEST_BYTES: u64 = 64 * 1024;

/// What `exporter.toml` says.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case", deny_unknown_fields)]
pub enum PluginManifest {
    /// Templates over a built-in format.
    TemplatePack {
        /// The built-in format whose templates are replaced (`html` or `markdown`).
        base: String,
        /// A one-line description.
        #[serde(default)]
        description: Option<String>,
    },
    /// An external program.
    Command {
        /// The program and its arguments, run from the plugin folder.
        command: Vec<String>,
        /// Seconds before the program is killed (default 60).
        #[serde(default)]
        timeout_seconds: Option<u64>,
        /// A one-line description.
        #[serde(default)]
        description: Option<String>,
    },
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
    let manifest: PluginManifest = toml::from_str(&text)
        .map_err(|e| format!("{}: {}", manifest_path.display(), e.message()))?;
    match manifest {
        PluginManifest::TemplatePack { base, .. } => {
            super::template_pack::load(name, &folder, &manifest_path, &base).map(Some)
        }
        PluginManifest::Command {
            command,
            timeout_seconds,
            ..
        } => super::command::CommandExporter::new(name, &folder, command, timeout_seconds)
            .map(|e| Some(Box::new(e) as Box<dyn Exporter>))
            .map_err(|e| format!("{}: {e}", manifest_path.display())),
    }
}
