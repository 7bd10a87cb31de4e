//! `helpdoc check`: loads every content file, validates it against its schema, resolves references
//! across files and runs the content rules, collecting every problem in one run.

pub mod aliases;
mod alternatives;
mod causes;
pub mod conditions;
mod data_views;
pub mod expansion;
mod languages;
pub mod locate;
pub mod migration;
pub mod publishing;
pub mod references;
pub mod rules;
pub mod svg;

pub use crate::diag::suggest;
pub use crate::load::{
    CONFIG_FILE, LoadError as CheckError, LoadOptions as CheckOptions, SchemaValidators, Validated,
    display_name,
};
pub use references::{IMAGE_EXTENSIONS, image_problem};

use std::path::Path;

use crate::content::ContentSet;
use crate::diag::{Diagnostic, SourceMap};
use crate::load::{Loaded, ProjectConfig};
use rules::{RuleContext, run_rules};

/// Everything a check run produced.
#[derive(Debug)]
pub struct Checked {
    /// Every file read.
    pub sources: SourceMap,
    /// Every problem, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    /// The documents that loaded (including ones with semantic errors).
    pub content: ContentSet,
    /// How many content files were checked.
    pub files_checked: usize,
    /// Every publication resolved, for `build` to export; empty when the content has errors
    /// (nothing is built then).
    pub publications: Vec<crate::resolve::ResolvedPublication>,
    /// The project configuration, for the levels of notes found during export.
    pub config: ProjectConfig,
}

impl Checked {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Loads the content folder at `root` (see [`crate::load::load_folder`]) and checks it.
pub fn check_folder(root: &Path, options: &CheckOptions) -> Result<Checked, CheckError> {
    warm_up();
    crate::load::load_folder(root, options).map(|loaded| check_with(loaded, options.notes_only))
}

/// Starts, once per process and on a thread of its own, the work every check does whatever the
/// content: the rules' fixed tables (the placeholder rule's automaton over its word list; the
/// schema validators need nothing: they are compiled into helpdoc). Begun before the content
/// folder is read, it is ready by the time its files are parsed. A rule that needs a table before
/// then builds it itself (the warm-up waits for it), so nothing is built twice. The thread keeps
/// the normal priority because a rule may wait for it (see [`crate::export::pdf::prebreak`]).
pub fn warm_up() {
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        let warming = std::thread::Builder::new()
            .name("helpdoc-warm-up".into())
            .spawn(rules::warm_up);
        // Without the thread, the tables are built when first needed.
        drop(warming);
    });
}

/// Checks loaded content with its configuration: the loading problems, the configuration's rule
/// codes, references, content rules, the expansion budget and, on content without errors, what
/// building would note. The publications are resolved for `build` when there is no error.
pub fn check(loaded: Loaded) -> Checked {
    check_with(loaded, false)
}

/// [`check`], or with `notes_only` what building would note without keeping the resolved
/// publications ([`Checked::publications`] stays empty): for `check`, which builds nothing.
pub fn check_with(loaded: Loaded, notes_only: bool) -> Checked {
    let Loaded {
        sources,
        mut diagnostics,
        content,
        config,
        limits,
        files,
    } = loaded;
    diagnostics.extend(rules::unknown_codes(&config));
    diagnostics.extend(migration::moved_settings(&content, &config));
    diagnostics.extend(conditions::check_conditions(&content, &sources, &config));
    let cx = RuleContext::new(&content, &sources, &config);
    // Three independent passes over the loaded content, on every core. The expansion budget is
    // checked before anything is expanded: resolving below would build what it measures.
    let ((references, findings), expansion) = rayon::join(
        || {
            rayon::join(
                || references::check_references(&content, &sources),
                || run_rules(&cx),
            )
        },
        || expansion::check_expansion(&content, limits.max_expanded_bytes),
    );
    drop(cx);
    diagnostics.extend(references);
    diagnostics.extend(aliases::check_aliases(&content));
    diagnostics.extend(findings);
    diagnostics.extend(expansion);
    // What building would note, on content that can be built (`build` stops before on errors).
    let mut publications = Vec::new();
    if !diagnostics.iter().any(Diagnostic::is_error) {
        let notes = if notes_only {
            crate::publish::notes(&content, &config.site)
        } else {
            let prepared = crate::publish::prepare(&content, &config.site);
            publications = prepared.publications;
            prepared.notes
        };
        diagnostics.extend(publishing::note_diagnostics(
            notes, &content, &sources, &config,
        ));
    }
    crate::diag::sort(&mut diagnostics, &sources);
    Checked {
        sources,
        diagnostics,
        content,
        files_checked: files.len(),
        publications,
        config,
    }
}
