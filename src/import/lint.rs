//! `helpdoc check --lint-drafts`: imports draft pages into a temporary folder, checks them with
//! every rule, and reports each finding at the line and column of the draft the writer edits.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::source_map::DraftMap;
use super::{ImportError, SchemaLocation, convert, read_pages};
use crate::check::rules::WORDLIST_FILE;
use crate::check::{CONFIG_FILE, CheckOptions, Checked, check_folder, display_name};
use crate::diag::{Diagnostic, FileId, Label, SourceFile, SourceMap};
use crate::load::{ReadRoot, Refused};

/// Why draft linting could not run.
#[derive(Debug)]
pub enum LintError {
    /// A draft could not be read.
    Import(ImportError),
    /// The temporary folder could not be made or written.
    Io(std::io::Error),
    /// The imported drafts could not be checked.
    Check(String),
    /// The project's `helpdoc.toml` or word list was refused.
    Config(Refused),
}

impl std::fmt::Display for LintError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LintError::Import(e) => e.fmt(f),
            LintError::Io(e) => write!(f, "cannot prepare the drafts for checking: {e}"),
            LintError::Check(e) => f.write_str(e),
            LintError::Config(refused) => f.write_str(&refused.explained()),
        }
    }
}

impl std::error::Error for LintError {}

/// Where a file of the temporary check run really is.
enum Origin<'a> {
    /// An imported draft: its index in the new source map, and the map back to it.
    Draft(FileId, &'a DraftMap),
    /// A copied configuration file: its real name.
    Config(String),
}

/// Lints draft pages with the project's configuration (`helpdoc.toml` and the word list in the
/// `content` folder, when they exist).
pub fn lint_drafts(
    pages: &[PathBuf],
    content: &Path,
    options: &CheckOptions,
) -> Result<Checked, LintError> {
    let drafts = read_pages(pages).map_err(LintError::Import)?;
    // Held until the temporary folder is removed (locals drop in reverse order).
    let _task = crate::shutdown::start_task()
        .ok_or_else(crate::shutdown::stopping)
        .map_err(LintError::Io)?;
    let temp = tempfile::tempdir().map_err(LintError::Io)?;
    let root = temp.path().join("drafts");
    let mut conversion = convert(&drafts, &SchemaLocation::Url("schema".into()), &root);
    for (bytes, to) in conversion.read_images(&drafts).map_err(LintError::Import)? {
        let path = root.join(to);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(LintError::Io)?;
        }
        std::fs::write(&path, bytes).map_err(LintError::Io)?;
    }
    for file in &conversion.files {
        let path = root.join(&file.rel_path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(LintError::Io)?;
        }
        std::fs::write(&path, &file.text).map_err(LintError::Io)?;
    }
    let mut sources = SourceMap::new();
    for draft in &drafts {
        sources.add(SourceFile::new(draft.name.clone(), draft.text.clone()));
    }
    let mut origins: HashMap<String, Origin> = HashMap::new();
    for file in &conversion.files {
        origins.insert(
            display_name(&root.join(&file.rel_path)),
            Origin::Draft(FileId(file.page), &file.map),
        );
    }
    // The project's configuration is copied through the guarded reader: one it refuses stops
    // the run rather than being silently left out.
    let folder = ReadRoot::new(content, "the content folder").ok();
    for name in [CONFIG_FILE, WORDLIST_FILE] {
        let real = content.join(name);
        let Some(read) = folder
            .as_ref()
            .map(|f| f.read(&real, options.limits.max_file_bytes))
        else {
            continue;
        };
        let bytes = match read {
            Ok(bytes) => bytes,
            Err(refused) if refused.is_missing() => continue,
            Err(refused) => return Err(LintError::Config(refused)),
        };
        std::fs::write(root.join(name), bytes).map_err(LintError::Io)?;
        origins.insert(
            display_name(&root.join(name)),
            Origin::Config(display_name(&real)),
        );
    }
    std::fs::create_dir_all(&root).map_err(LintError::Io)?;
    let checked = check_folder(&root, options).map_err(|e| LintError::Check(e.to_string()))?;
    let mut copied: HashMap<FileId, FileId> = HashMap::new();
    let mut remap = |label: &Label, sources: &mut SourceMap| -> Label {
        let file = checked.sources.file(label.file);
        match origins.get(&file.name) {
            Some(Origin::Draft(id, map)) => {
                Label::new(*id, map.map_range(label.range.clone()), label.text.clone())
            }
            other => {
                let id = *copied.entry(label.file).or_insert_with(|| {
                    let name = match other {
                        Some(Origin::Config(real)) => real.clone(),
                        _ => file.name.clone(),
                    };
                    sources.add(SourceFile::new(name, file.text.clone()))
                });
                Label::new(id, label.range.clone(), label.text.clone())
            }
        }
    };
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    for diagnostic in &checked.diagnostics {
        let mut moved = diagnostic.clone();
        moved.primary = diagnostic.primary.as_ref().map(|l| remap(l, &mut sources));
        moved.secondary = diagnostic
            .secondary
            .iter()
            .map(|l| remap(l, &mut sources))
            .filter(|l| Some(l) != moved.primary.as_ref())
            .collect();
        // A text used twice in the YAML (a page title is also its section's title) is one place
        // in the draft: report it once.
        if !diagnostics.contains(&moved) {
            diagnostics.push(moved);
        }
    }
    crate::diag::sort(&mut diagnostics, &sources);
    Ok(Checked {
        sources,
        diagnostics,
        content: checked.content,
        files_checked: drafts.len(),
        publications: checked.publications,
        config: checked.config,
    })
}
