//! Template packs: a plugin folder whose `templates/` files replace the embedded defaults of a
//! base format one file at a time (`exporters/<name>/exporter.toml` with `type = "template-pack"`).

use std::path::Path;

use super::Exporter;
use super::html::{HtmlExporter, TemplateSet, templates::file_names};
use crate::load::ReadRoot;

/// The folder inside a pack that holds the replacement files.
pub const TEMPLATES_DIR: &str = "templates";

/// The largest template file read, in bytes.
const MAX_TEMPLATE_BYTES: u64 = 1024 * 1024;

/// The formats a template pack can be based on.
pub const BASES: [&str; 1] = ["html"];

/// Loads the pack in `folder` as an exporter named `name` (its output folder). Every replacement
/// is checked here, before anything is built: unknown file names, templates that do not compile,
/// missing or recursive partials.
pub fn load(
    name: &str,
    folder: &Path,
    manifest: &Path,
    base: &str,
) -> Result<Box<dyn Exporter>, String> {
    match base {
        "html" => {
            let templates = TemplateSet::with_overrides(read_overrides(folder)?)?;
            let html = HtmlExporter::with_templates(name, templates);
            Ok(Box::new(super::line_ends::Checked(Box::new(html))))
        }
        other => Err(format!(
            "{}: template packs can be based on {} only, not `{other}`",
            manifest.display(),
            BASES.map(|b| format!("`{b}`")).join(", ")
        )),
    }
}

/// The pack's files as (file name, text, path for messages), sorted by name. Each is read only
/// if it is a regular file inside the pack: a link to a file outside it is refused, never copied
/// into the output.
fn read_overrides(folder: &Path) -> Result<Vec<(String, String, String)>, String> {
    let dir = folder.join(TEMPLATES_DIR);
    let pack = ReadRoot::new(folder, "the template pack")
        .map_err(|e| format!("{}: cannot read the template pack ({e})", folder.display()))?;
    let entries = std::fs::read_dir(&dir).map_err(|e| {
        format!(
            "{}: cannot read the pack's templates folder ({e}); put the files that replace the defaults ({}) there",
            dir.display(),
            file_names()
        )
    })?;
    let mut paths = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| format!("{}: {e}", dir.display()))?;
        paths.push(entry.path());
    }
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let shown = path.display().to_string();
            let file_name = path
                .file_name()
                .and_then(|n| n.to_str())
                .map(str::to_string)
                .ok_or_else(|| format!("{shown}: the file name is not valid UTF-8"))?;
            if path.is_dir() {
                return Err(format!(
                    "{shown}: only files belong in `{TEMPLATES_DIR}/`; the files a template pack can replace are {}",
                    file_names()
                ));
            }
            let text = pack
                .read_text(&path, MAX_TEMPLATE_BYTES)
                .map_err(|refused| refused.explained())?;
            Ok((file_name, text, shown))
        })
        .collect()
}
