//! `helpdoc check --lint-drafts`: imports draft pages in memory, loads and checks them with every
//! rule and the project's configuration, and reports each finding at the line and column of the
//! draft the writer edits. Nothing is written anywhere.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use super::draft_rules::DraftSite;

use super::{Generated, ImportError, SchemaLocation, convert_alone, read_pages};
use crate::check::{CheckOptions, Checked, check};
use crate::diag::{Diagnostic, FileId, Label, SourceFile, SourceMap};
use crate::load::{ContentFile, load_memory};

/// Why draft linting could not run.
#[derive(Debug)]
pub enum LintError {
    /// A draft could not be read.
    Import(ImportError),
}

impl std::fmt::Display for LintError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LintError::Import(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for LintError {}

/// Lints draft pages with the project's configuration: the options' project, and `helpdoc.toml`
/// and the word list in the `content` folder, when they exist (one of these that the guarded
/// reader refuses is an error at its name, as in `check`).
pub fn lint_drafts(
    pages: &[PathBuf],
    content: &Path,
    options: &CheckOptions,
) -> Result<Checked, LintError> {
    let drafts = read_pages(pages).map_err(LintError::Import)?;
    let mut conversion = convert_alone(&drafts, &SchemaLocation::Url("schema".into()));
    let images: BTreeMap<String, Vec<u8>> = conversion
        .read_images(&drafts)
        .map_err(LintError::Import)?
        .into_iter()
        .map(|(bytes, to)| (to, bytes))
        .collect();
    let files = conversion
        .files
        .iter()
        .map(|file| ContentFile {
            path: PathBuf::from(&file.rel_path),
            text: file.text.clone(),
        })
        .collect();
    let config_folder = content.is_dir().then_some(content);
    let loaded = load_memory(files, images, config_folder, options);
    // Each imported file's id in the check run, and where it came from in the drafts.
    let origins: HashMap<FileId, &Generated> = loaded
        .files
        .iter()
        .zip(&conversion.files)
        .map(|(id, file)| (*id, file))
        .collect();
    let checked = check(loaded);
    let mut sources = SourceMap::new();
    for draft in &drafts {
        sources.add(SourceFile::new(draft.name.clone(), draft.text.clone()));
    }
    // Files that are not imported drafts (the configuration, the word list) are copied over.
    let mut copied: HashMap<FileId, FileId> = HashMap::new();
    let mut remap = |label: &Label, sources: &mut SourceMap| -> Label {
        if let Some(file) = origins.get(&label.file) {
            let (draft, range) = file.origin(label.range.clone());
            return Label::new(FileId(draft), range, label.text.clone());
        }
        let id = *copied.entry(label.file).or_insert_with(|| {
            let file = checked.sources.file(label.file);
            sources.add(SourceFile::new(file.name.clone(), file.text.clone()))
        });
        Label::new(id, label.range.clone(), label.text.clone())
    };
    let site = DraftSite::read(&drafts);
    let mut diagnostics: Vec<Diagnostic> = site.findings(&drafts, &checked.config);
    for diagnostic in &checked.diagnostics {
        let mut moved = diagnostic.clone();
        moved.primary = diagnostic.primary.as_ref().map(|l| remap(l, &mut sources));
        moved.secondary = diagnostic
            .secondary
            .iter()
            .map(|l| remap(l, &mut sources))
            .filter(|l| Some(l) != moved.primary.as_ref())
            .collect();
        // `/docs/…` and `#…` links to drafts that have the page and anchor work on the site:
        // the import makes them links of the content, whatever `[site] routes` declares (a
        // broken or unsafe link is one that goes nowhere).
        let works = matches!(&*moved.code, "unsafe-link" | "broken-link")
            && moved.primary.as_ref().is_some_and(|label| {
                label.file.0 < drafts.len() && site.works(label.file.0, &label.range)
            });
        if works {
            continue;
        }
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
