//! `helpdoc coverage`: checks the help against a product's error catalogs: every error has help, all help is for an error the product still has, and placeholders agree.
//!
//! Catalogs are read in five formats (one module each), the errors among their entries chosen by
//! a [`Selection`], and matched to the error topics by `report`: findings are diagnostics with
//! codes and levels, like `check`'s.

mod android;
mod apple_strings;
mod catalog;
mod json;
mod placeholders;
mod po;
mod report;
mod rules;
mod selection;
mod xcstrings;

pub use catalog::{Catalog, CatalogEntry, Format};
pub use placeholders::{Placeholder, catalog_placeholders, help_placeholders};
pub use rules::{COVERAGE_RULES, CoverageRule};
pub use selection::{CoverageConfig, Selection};

use std::path::{Path, PathBuf};

use crate::check::rules::RuleConfig;
use crate::content::ContentSet;
use crate::diag::{Diagnostic, SourceMap};
use crate::load::{Limits, ReadRoot, Refused};

/// What `helpdoc coverage` was asked to compare.
#[derive(Debug, Clone, Default)]
pub struct CoverageOptions {
    /// The catalog files.
    pub catalogs: Vec<PathBuf>,
    /// Glob patterns on entry codes selecting the errors (added to `[coverage] select`).
    pub select: Vec<String>,
    /// Files listing error codes, one per line (added to `[coverage] select_list`).
    pub select_lists: Vec<PathBuf>,
}

/// Failures that stop a coverage run before anything is compared (exit code 2).
#[derive(Debug)]
pub enum CoverageError {
    /// A catalog or list file could not be read.
    Read(Refused),
    /// A catalog file's extension names no format helpdoc reads.
    Format(PathBuf),
}

impl std::fmt::Display for CoverageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CoverageError::Read(refused) => write!(f, "{}", refused.explained()),
            CoverageError::Format(path) => write!(
                f,
                "{}: not a catalog format helpdoc reads\nhelp: name catalogs by their format: {}",
                path.display(),
                Format::known_extensions()
            ),
        }
    }
}

impl std::error::Error for CoverageError {}

/// Compares the catalogs with the error topics of `content` (loaded without errors, with its
/// project configuration `config`). Catalog files are added to `sources`; the findings come
/// back sorted. A catalog that does not parse gives its located errors and no comparison, which
/// would only report every help as an orphan.
pub fn check_coverage(
    content: &ContentSet,
    config: &RuleConfig,
    sources: &mut SourceMap,
    options: &CoverageOptions,
) -> Result<Vec<Diagnostic>, CoverageError> {
    let limits = Limits::default().with(&config.limits);
    let selection = selection(&content.root, config, options, &limits)?;
    let mut diagnostics = Vec::new();
    let mut catalogs = Vec::new();
    for path in &options.catalogs {
        let format = Format::of(path).ok_or_else(|| CoverageError::Format(path.clone()))?;
        let (catalog, problems) =
            catalog::read(path, format, &limits, sources).map_err(CoverageError::Read)?;
        diagnostics.extend(problems);
        catalogs.push(catalog);
    }
    if diagnostics.is_empty() {
        let selected = catalogs
            .iter()
            .flat_map(|c| &c.entries)
            .any(|e| selection.selects(e));
        if !selected {
            diagnostics.push(
                Diagnostic::error("coverage-selection", "no catalog entry is selected as an error")
                    .help("check the `--select` patterns and lists (and `[coverage]` in helpdoc.toml): they match entry codes such as `error.auth.denied`, with `*` for any run of characters"),
            );
        }
        diagnostics.extend(report::report(content, &catalogs, &selection, config));
    }
    crate::diag::sort(&mut diagnostics, sources);
    Ok(diagnostics)
}

/// The selection from `[coverage]` in the project configuration and the command line. A list
/// named in `helpdoc.toml` is read from the content folder; one named on the command line from
/// its own folder.
fn selection(
    root: &Path,
    config: &RuleConfig,
    options: &CoverageOptions,
    limits: &Limits,
) -> Result<Selection, CoverageError> {
    let mut selection = Selection::new(
        config
            .coverage
            .select
            .iter()
            .chain(&options.select)
            .cloned(),
    );
    if let Some(list) = &config.coverage.select_list {
        let path = root.join(list);
        let folder = ReadRoot::new(root, "the content folder").map_err(|error| {
            CoverageError::Read(Refused {
                path: path.clone(),
                why: crate::load::guarded::Why::Unreadable(error),
            })
        })?;
        let text = folder
            .read_text(&path, limits.max_file_bytes)
            .map_err(CoverageError::Read)?;
        selection.add_list(&text);
    }
    for path in &options.select_lists {
        let text = catalog::folder_of(path)
            .and_then(|folder| folder.read_text(path, limits.max_file_bytes))
            .map_err(CoverageError::Read)?;
        selection.add_list(&text);
    }
    Ok(selection)
}
