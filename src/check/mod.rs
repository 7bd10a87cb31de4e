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
    crate::load::load_folder(root, options).map(|loaded| check_with(loaded, options.notes_only))
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
    let stage = if notes_only {
        Resolve::NotesOnly
    } else {
        Resolve::Afterwards
    };
    check_staged(loaded, stage, |_, _| ()).0
}

/// [`check`] for `build`: as soon as loading, references and the expansion budget have found no
/// error, the publications are resolved and `then` runs on them (the exporters, for `build`) while
/// the content rules still run on another core. The findings are the same, in the same order, as
/// [`check`]'s; `then`'s result is returned only when they have no error (resolving is not part
/// of a check with errors, so neither its notes nor the publications are kept then), and the
/// caller decides from the findings whether to write it.
pub fn check_then<T: Send>(
    loaded: Loaded,
    then: impl FnOnce(&ContentSet, &[crate::resolve::ResolvedPublication]) -> T + Send,
) -> (Checked, Option<T>) {
    check_staged(loaded, Resolve::Early, then)
}

/// When [`check_staged`] resolves the publications.
#[derive(Clone, Copy, PartialEq)]
enum Resolve {
    /// After every finding, when there is no error; only the notes are kept.
    NotesOnly,
    /// After every finding, when there is no error.
    Afterwards,
    /// Beside the content rules, when nothing before them found an error; undone if they do.
    Early,
}

/// The one sequence of checks behind [`check_with`] and [`check_then`].
fn check_staged<T: Send>(
    loaded: Loaded,
    stage: Resolve,
    then: impl FnOnce(&ContentSet, &[crate::resolve::ResolvedPublication]) -> T + Send,
) -> (Checked, Option<T>) {
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
    // Independent passes over the loaded content, on every core. The expansion budget is checked
    // before anything is expanded: resolving would build what it measures.
    let errors_before = diagnostics.iter().any(Diagnostic::is_error);
    // The rules run on a thread of their own, so that neither they nor the exporters (which block
    // on threads of their own) hold the thread pool's workers while waiting.
    let (findings, (references, aliases, expansion, early)) = std::thread::scope(|scope| {
        let rules = scope.spawn(|| run_rules(&cx));
        let (references, expansion) = rayon::join(
            || references::check_references(&content, &sources),
            || expansion::check_expansion(&content, limits.max_expanded_bytes),
        );
        let aliases = aliases::check_aliases(&content);
        let clean = !errors_before
            && !references
                .iter()
                .chain(&aliases)
                .chain(&expansion)
                .any(Diagnostic::is_error);
        let early = (stage == Resolve::Early && clean).then(|| {
            let prepared = crate::publish::prepare(&content, &config.site);
            // A panic on content the rules find wrong is not reported: a check with errors never
            // resolves. On content without errors it is the panic it always was.
            let made = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                then(&content, &prepared.publications)
            }));
            (prepared, made)
        });
        let findings = rules
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (findings, (references, aliases, expansion, early))
    });
    drop(cx);
    diagnostics.extend(references);
    diagnostics.extend(aliases);
    diagnostics.extend(findings);
    diagnostics.extend(expansion);
    // What building would note, on content that can be built (`build` stops before on errors).
    let mut publications = Vec::new();
    let mut made = None;
    if !diagnostics.iter().any(Diagnostic::is_error) {
        let notes = match (stage, early) {
            (Resolve::NotesOnly, _) => crate::publish::notes(&content, &config.site),
            (_, Some((prepared, result))) => {
                made = Some(result.unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
                publications = prepared.publications;
                prepared.notes
            }
            (_, None) => {
                let prepared = crate::publish::prepare(&content, &config.site);
                publications = prepared.publications;
                prepared.notes
            }
        };
        diagnostics.extend(publishing::note_diagnostics(
            notes, &content, &sources, &config,
        ));
    }
    crate::diag::sort(&mut diagnostics, &sources);
    let checked = Checked {
        sources,
        diagnostics,
        content,
        files_checked: files.len(),
        publications,
        config,
    };
    (checked, made)
}
