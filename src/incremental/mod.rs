//! The incremental engine behind `helpdoc serve` and `helpdoc watch`: after a change it reads
//! again only the files that changed, checks again only the documents whose inputs changed,
//! resolves again only the publications that read something that changed and exports again only
//! those whose resolved form changed; what it reports and makes is always what a full `check` and
//! `build` would (the `incremental` property test holds it to that).
//!
//! The dependency graph is recorded rather than declared: each cached result (one document's
//! references and rule findings, one publication's size, resolve, notes and exports) keeps what it
//! read of the content set ([`crate::content::reads`]: the ids it looked up, found or not, the
//! docs pages it looked up, whether it listed every id or walked every document), and
//! `stale::Changes` knows in which round each of those last changed. Whole-set results are
//! combined every round from per-file or per-publication parts (the docs-pages indexes from each
//! publication's placements, the publishing notes) or kept while what they compare is unchanged
//! (duplicate ids, `duplicate-topic`: `check.rs`); include cycles and the expansion budget run
//! again over the cached results. A change to `helpdoc.toml` or the word
//! list starts over; a change to any other file in the content folder (an image) makes every
//! cached result stale, but files are not read again.

mod check;
mod files;
mod outputs;
mod stale;
mod unwritten;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::build::{BuildError, Exports};
use crate::check::rules::{ActiveRules, Speller, active_rules};
use crate::check::{Checked, check_with};
use crate::content::ContentSet;
use crate::diag::{Diagnostic, SourceMap};
use crate::export::{BuildInfo, ExportError, Exported, Exporter};
use crate::load::{
    CONFIG_FILE, LoadError, LoadOptions, ProjectConfig, ReadRoot, SchemaValidators, WORDLIST_FILE,
    discover, load_folder, load_prelude,
};
use crate::resolve::{ImageStore, ResolvedPublication};
use crate::site::DocsPages;
use files::{Files, Reader};
use outputs::PublicationCache;
use stale::Changes;
pub use unwritten::Unwritten;

/// How much the last update did again (for `--verbose` and for tests).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Work {
    /// Whether it started over (first run, configuration changed, content over its size cap).
    pub full: bool,
    /// Content files read.
    pub read: usize,
    /// Documents whose references and rules ran.
    pub checked: usize,
    /// Publications resolved.
    pub resolved: usize,
    /// (exporter, publication) exports run.
    pub exported: usize,
    /// The ids of the publications exported again (by any exporter).
    pub exported_publications: BTreeSet<String>,
    /// The ids of the publications whose resolved form changed (exported again or not: one
    /// no format wants any more has files to lose).
    pub changed_publications: BTreeSet<String>,
}

/// Keeps a content folder checked and built, updating on changes.
pub struct Engine {
    root: PathBuf,
    exporters: Vec<Box<dyn Exporter>>,
    mode: Option<Mode>,
    round: u64,
    work: Work,
}

enum Mode {
    Incremental(Box<State>),
    /// The content is over `max_total_bytes`: every update is a full check and build.
    Full(Box<(Checked, Option<Result<Exports, BuildError>>)>),
}

struct State {
    folder: ReadRoot,
    validators: &'static SchemaValidators,
    config: ProjectConfig,
    limits: crate::load::Limits,
    prelude: Vec<Diagnostic>,
    first: usize,
    files: Files,
    sources: SourceMap,
    content: ContentSet,
    changes: Changes,
    speller: Option<Speller>,
    active: ActiveRules,
    canonical_root: Option<PathBuf>,
    diagnostics: Vec<Diagnostic>,
    pages: DocsPages,
    export_pages: DocsPages,
    publications: BTreeMap<PathBuf, PublicationCache>,
    /// The publications resolved on the last round without errors, in content order.
    order: Vec<PathBuf>,
    resolved: Vec<ResolvedPublication>,
    /// Whether the last round had errors (then nothing is resolved or exported).
    errors: bool,
    images: ImageStore,
    /// Whether `images` holds every image the content names (not after a change to a file
    /// that is not a content file: an image may have changed).
    images_loaded: bool,
    build: BuildInfo,
    whole: BTreeMap<usize, Result<Exported, ExportError>>,
    /// The files read again this round (their publication caches start over).
    reloaded: BTreeSet<PathBuf>,
    whole_rules: check::WholeSet,
    /// The publication files `pages` was combined from, in content order.
    pages_of: Option<Vec<PathBuf>>,
    /// The publication files `export_pages` was combined from, in content order.
    export_pages_of: Option<Vec<PathBuf>>,
}

impl Engine {
    /// An engine for the content folder `root`, building with `exporters` (none: check only).
    /// Nothing is read until [`Engine::update`].
    pub fn new(root: &Path, exporters: Vec<Box<dyn Exporter>>) -> Engine {
        Engine {
            root: root.to_path_buf(),
            exporters,
            mode: None,
            round: 0,
            work: Work::default(),
        }
    }

    /// Uses other exporters from now on (a changed template pack): every export runs again.
    pub fn set_exporters(&mut self, exporters: Vec<Box<dyn Exporter>>) {
        self.exporters = exporters;
        if let Some(Mode::Incremental(state)) = &mut self.mode {
            for cache in state.publications.values_mut() {
                cache.exports.clear();
            }
        } else {
            self.mode = None;
        }
    }

    /// Brings everything up to date after the files at `changed` changed (created, written,
    /// renamed or deleted; folders too). The first update, or one after a configuration change,
    /// reads everything with `options`.
    pub fn update(&mut self, changed: &[PathBuf], options: &LoadOptions) -> Result<(), LoadError> {
        self.round += 1;
        let changed: Vec<PathBuf> = changed.iter().map(|p| self.in_root(p)).collect();
        let changed = changed.as_slice();
        let restart = changed.iter().any(|p| is_config(p)) || self.mode.is_none();
        if restart {
            self.mode = None;
            self.start(options)?;
            return Ok(());
        }
        let exporters = &self.exporters;
        let round = self.round;
        match &mut self.mode {
            Some(Mode::Incremental(state)) => {
                let root = self.root.clone();
                let work = state.apply(&root, changed, round);
                if work.is_none() {
                    // Over the size cap now: start over, which falls back to full builds.
                    self.mode = None;
                    return self.start(options);
                }
                let mut work = work.unwrap_or_default();
                state.rebuild(exporters, round, &mut work);
                self.work = work;
            }
            _ => self.start(options)?,
        }
        Ok(())
    }

    /// `path` as the content folder's files are named (the watcher reports absolute paths, the
    /// folder may be given relative to where helpdoc runs); other paths unchanged.
    fn in_root(&self, path: &Path) -> PathBuf {
        let forms = [
            std::path::absolute(&self.root).ok(),
            self.root.canonicalize().ok(),
        ];
        forms
            .iter()
            .flatten()
            .find_map(|form| path.strip_prefix(form).ok())
            .map_or_else(|| path.to_path_buf(), |relative| self.root.join(relative))
    }

    fn start(&mut self, options: &LoadOptions) -> Result<(), LoadError> {
        let round = self.round;
        match State::load(&self.root, options, round)? {
            Some(mut state) => {
                let mut work = Work {
                    full: true,
                    read: state.files.len(),
                    ..Work::default()
                };
                state.rebuild(&self.exporters, round, &mut work);
                self.mode = Some(Mode::Incremental(Box::new(state)));
                self.work = work;
            }
            None => {
                let checked = check_with(load_folder(&self.root, options)?, false);
                let exports = (!checked.has_errors() && !self.exporters.is_empty()).then(|| {
                    crate::build::export(&checked.content, &checked.publications, &self.exporters)
                });
                self.mode = Some(Mode::Full(Box::new((checked, exports))));
                self.work = Work {
                    full: true,
                    ..Work::default()
                };
            }
        }
        Ok(())
    }

    /// How much the last update did.
    pub fn work(&self) -> &Work {
        &self.work
    }

    /// Every problem, sorted as `check` sorts them.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match &self.mode {
            Some(Mode::Incremental(state)) => &state.diagnostics,
            Some(Mode::Full(full)) => &full.0.diagnostics,
            None => &[],
        }
    }

    /// Whether any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics().iter().any(Diagnostic::is_error)
    }

    /// Every file read.
    pub fn sources(&self) -> Option<&SourceMap> {
        match &self.mode {
            Some(Mode::Incremental(state)) => Some(&state.sources),
            Some(Mode::Full(full)) => Some(&full.0.sources),
            None => None,
        }
    }

    /// How many content files the last update checked (for the summary line).
    pub fn files_checked(&self) -> usize {
        match &self.mode {
            Some(Mode::Incremental(state)) => state.files.len(),
            Some(Mode::Full(full)) => full.0.files_checked,
            None => 0,
        }
    }

    /// The project configuration the content was checked with.
    pub fn config(&self) -> Option<&ProjectConfig> {
        match &self.mode {
            Some(Mode::Incremental(state)) => Some(&state.config),
            Some(Mode::Full(full)) => Some(&full.0.config),
            None => None,
        }
    }

    /// The loaded content.
    pub fn content(&self) -> Option<&ContentSet> {
        match &self.mode {
            Some(Mode::Incremental(state)) => Some(&state.content),
            Some(Mode::Full(full)) => Some(&full.0.content),
            None => None,
        }
    }

    /// The resolved publications, in content order (none when the content has errors).
    pub fn publications(&self) -> &[ResolvedPublication] {
        match &self.mode {
            Some(Mode::Incremental(state)) if !state.errors => &state.resolved,
            Some(Mode::Full(full)) => &full.0.publications,
            _ => &[],
        }
    }

    /// What the exporters made, as [`crate::build::export`] would have made it: `None` when the
    /// content has errors or there are no exporters.
    pub fn exports(&self) -> Option<Result<Exports, BuildError>> {
        self.exports_of(None)
    }

    /// [`Engine::exports`], with only the files of the `selected` publications (and those made
    /// for no one publication) when given, as [`crate::build::export_publications`] would have
    /// made them: [`crate::build::write`] then keeps the other publications' files as they are.
    /// The exporters' notes are every publication's, so a build fails on them as a full one does.
    pub fn exports_of(
        &self,
        selected: Option<&BTreeSet<String>>,
    ) -> Option<Result<Exports, BuildError>> {
        let keep = |exporter: &dyn Exporter, artifact: &crate::export::Artifact| {
            !exporter.names_publications()
                || selected.is_none_or(|ids| {
                    artifact
                        .publication
                        .as_ref()
                        .is_none_or(|id| ids.contains(id))
                })
        };
        let mut exports = Exports {
            selected: selected.cloned(),
            ..Exports::default()
        };
        match &self.mode {
            Some(Mode::Incremental(state)) if !state.errors && !self.exporters.is_empty() => {
                Some(state.gather(&self.exporters).map(|outputs| {
                    for ((name, parts), exporter) in outputs.into_iter().zip(&self.exporters) {
                        let mut artifacts = Vec::new();
                        for part in parts {
                            artifacts.extend(
                                part.artifacts
                                    .iter()
                                    .filter(|a| keep(exporter.as_ref(), a))
                                    .cloned(),
                            );
                            exports.notes.extend(part.warnings.iter().cloned());
                        }
                        exports.outputs.push((name, artifacts));
                    }
                    exports
                }))
            }
            Some(Mode::Full(full)) => full.1.as_ref().map(|r| match r {
                Ok(full) => {
                    exports.notes.clone_from(&full.notes);
                    for ((name, artifacts), exporter) in full.outputs.iter().zip(&self.exporters) {
                        let kept = artifacts.iter().filter(|a| keep(exporter.as_ref(), a));
                        exports
                            .outputs
                            .push((name.clone(), kept.cloned().collect()));
                    }
                    Ok(exports)
                }
                Err(BuildError::Export(e)) => Err(BuildError::Export(e.clone())),
                Err(BuildError::Output(e)) => Err(BuildError::Export(ExportError {
                    exporter: String::new(),
                    message: e.to_string(),
                })),
                Err(BuildError::Stopped) => Err(BuildError::Stopped),
            }),
            _ => None,
        }
    }

    /// Calls `each` with every artifact's exporter name and the artifact, in build order, without
    /// copying them (the preview's pages); the first export error instead.
    pub fn for_each_artifact(
        &self,
        mut each: impl FnMut(&str, &crate::export::Artifact),
    ) -> Option<Result<(), BuildError>> {
        match &self.mode {
            Some(Mode::Incremental(state)) if !state.errors && !self.exporters.is_empty() => {
                Some(state.gather(&self.exporters).map(|outputs| {
                    for (name, parts) in outputs {
                        for artifact in parts.iter().flat_map(|p| &p.artifacts) {
                            each(&name, artifact);
                        }
                    }
                }))
            }
            Some(Mode::Full(_)) => self.exports().map(|r| {
                r.map(|exports| {
                    for (name, artifacts) in &exports.outputs {
                        artifacts.iter().for_each(|a| each(name, a));
                    }
                })
            }),
            _ => None,
        }
    }
}

/// Whether a change to `path` changes the configuration (`helpdoc.toml`, the word list).
fn is_config(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|name| name == CONFIG_FILE || name == WORDLIST_FILE)
}

impl State {
    /// Reads everything; `None` when the content is over `max_total_bytes` (the caller falls
    /// back to full builds, which report it).
    fn load(root: &Path, options: &LoadOptions, round: u64) -> Result<Option<State>, LoadError> {
        if !root.is_dir() {
            // The same error a full load gives.
            return load_folder(root, options).map(|_| None);
        }
        let paths = discover(root).map_err(|error| LoadError::ContentFolder {
            path: root.to_path_buf(),
            error,
        })?;
        let prelude = load_prelude(root, options)?;
        let first = prelude.sources.len();
        let mut state = State {
            folder: prelude.folder,
            validators: SchemaValidators::shared(),
            active: active_rules(&prelude.config),
            config: prelude.config,
            limits: prelude.limits,
            prelude: prelude.diagnostics,
            first,
            files: Files::new(),
            sources: prelude.sources,
            content: ContentSet::new(root.to_path_buf(), Vec::new(), Vec::new()),
            changes: Changes::default(),
            speller: None,
            canonical_root: root.canonicalize().ok(),
            diagnostics: Vec::new(),
            pages: DocsPages::default(),
            export_pages: DocsPages::default(),
            publications: BTreeMap::new(),
            order: Vec::new(),
            resolved: Vec::new(),
            errors: false,
            images: ImageStore::new(),
            images_loaded: false,
            build: BuildInfo::from_environment(),
            whole: BTreeMap::new(),
            reloaded: BTreeSet::new(),
            whole_rules: check::WholeSet::default(),
            pages_of: None,
            export_pages_of: None,
        };
        let added: BTreeSet<PathBuf> = paths
            .into_iter()
            .filter(|p| crate::load::Kind::of(root, p).is_some())
            .collect();
        if !state.add(&added, round) {
            return Ok(None);
        }
        state.images = crate::resolve::load_images(&state.content);
        state.images_loaded = true;
        Ok(Some(state))
    }

    /// Adds and reads the files at `added`; false when the content is now over its size cap.
    fn add(&mut self, added: &BTreeSet<PathBuf>, round: u64) -> bool {
        for path in added {
            self.files
                .entry(path.clone())
                .or_insert_with(files::new_entry);
        }
        files::renumber(
            &mut self.files,
            self.first,
            &mut self.sources,
            &mut self.content,
        );
        let root = self.content.root.clone();
        let reader = Reader {
            root: &root,
            folder: &self.folder,
            limits: &self.limits,
            validators: self.validators,
        };
        files::reload(
            &mut self.files,
            added,
            &reader,
            &mut self.sources,
            &mut self.content,
            &mut self.changes,
            round,
        );
        self.content.reindex();
        self.within_cap()
    }

    fn within_cap(&self) -> bool {
        let total = self
            .files
            .values()
            .fold(0u64, |t, e| t.saturating_add(e.bytes));
        total <= self.limits.max_total_bytes
    }

    /// Applies the changes at `changed` (paths under the content folder, or elsewhere: the
    /// exporters); `None` when the content is now over its size cap.
    fn apply(&mut self, root: &Path, changed: &[PathBuf], round: u64) -> Option<Work> {
        let mut work = Work::default();
        let plain = changed
            .iter()
            .all(|p| files::is_content_path(root, p) && !p.is_dir());
        let mut reload: BTreeSet<PathBuf> = BTreeSet::new();
        let mut added: BTreeSet<PathBuf> = BTreeSet::new();
        let mut removed: BTreeSet<PathBuf> = BTreeSet::new();
        if plain {
            for path in changed {
                let exists = std::fs::symlink_metadata(path).is_ok();
                match (exists, self.files.contains_key(path)) {
                    (true, true) => {
                        reload.insert(path.clone());
                    }
                    (true, false) => {
                        added.insert(path.clone());
                    }
                    (false, true) => {
                        removed.insert(path.clone());
                    }
                    (false, false) => {}
                }
            }
        } else {
            // A folder, an image or another file: list the folder again, and make every cached
            // result stale (images and what the checks see of the folder may have changed).
            self.changes.everything = round;
            let found: BTreeSet<PathBuf> = discover(root).unwrap_or_default().into_iter().collect();
            removed.extend(self.files.keys().filter(|p| !found.contains(*p)).cloned());
            added.extend(
                found
                    .iter()
                    .filter(|p| !self.files.contains_key(*p))
                    .cloned(),
            );
            reload.extend(
                changed
                    .iter()
                    .filter(|p| self.files.contains_key(*p) && found.contains(*p))
                    .cloned(),
            );
            self.images_loaded = false;
        }
        if !removed.is_empty() || !added.is_empty() {
            self.changes.structure = round;
            files::remove(
                &mut self.files,
                &removed,
                &mut self.content,
                &mut self.changes,
                round,
            );
            for path in &added {
                self.files.insert(path.clone(), files::new_entry());
            }
            files::renumber(
                &mut self.files,
                self.first,
                &mut self.sources,
                &mut self.content,
            );
        }
        reload.extend(added.iter().cloned());
        work.read = reload.len();
        self.reloaded.extend(reload.iter().cloned());
        let root = self.content.root.clone();
        let reader = Reader {
            root: &root,
            folder: &self.folder,
            limits: &self.limits,
            validators: self.validators,
        };
        let claims = files::reload(
            &mut self.files,
            &reload,
            &reader,
            &mut self.sources,
            &mut self.content,
            &mut self.changes,
            round,
        );
        if claims || !removed.is_empty() || !added.is_empty() {
            self.content.reindex();
        }
        if !self.images_loaded {
            self.images = crate::resolve::load_images(&self.content);
            self.images_loaded = true;
        } else {
            let docs: Vec<_> = reload
                .iter()
                .filter_map(|path| {
                    let file = self.files.get(path)?.file;
                    let at = self
                        .content
                        .docs
                        .binary_search_by_key(&file, |d| d.file)
                        .ok()?;
                    Some(self.content.docs[at].clone())
                })
                .collect();
            crate::resolve::add_images(&mut self.images, &self.content, &docs);
        }
        self.within_cap().then_some(work)
    }

    /// Checks, resolves and exports what is stale.
    fn rebuild(&mut self, exporters: &[Box<dyn Exporter>], round: u64, work: &mut Work) {
        let reloaded: Vec<crate::diag::FileId> = (self.reloaded.iter())
            .filter_map(|path| Some(self.files.get(path)?.file))
            .collect();
        let inputs = check::Inputs {
            reloaded: &reloaded,
            content: &self.content,
            sources: &self.sources,
            config: &self.config,
            root: self.canonical_root.as_deref(),
            active: &self.active,
            changes: &self.changes,
            round,
        };
        let (mut diagnostics, checked) = check::run(
            &mut self.files,
            &self.prelude,
            &inputs,
            &mut self.speller,
            &mut self.whole_rules,
        );
        work.checked = checked;
        // Publications whose file is gone lose their caches; a publication file read again
        // starts over.
        if self.changes.structure == round {
            self.publications
                .retain(|path, _| self.files.contains_key(path));
        }
        for path in std::mem::take(&mut self.reloaded) {
            self.publications.remove(&path);
        }
        let sizes = outputs::sizes(&self.content, &mut self.publications, &self.changes, round);
        diagnostics.extend(crate::check::expansion::check_measured(
            &self.content,
            &sizes,
            self.limits.max_expanded_bytes,
        ));
        self.errors = diagnostics.iter().any(Diagnostic::is_error);
        if !self.errors {
            self.refresh_pages(round);
            let (order, resolved, count) = outputs::resolve(
                &self.content,
                &self.config.site,
                &self.pages,
                &mut self.publications,
                &self.changes,
                round,
                &self.order,
                std::mem::take(&mut self.resolved),
            );
            (self.order, self.resolved, work.resolved) = (order, resolved, count);
            work.changed_publications = self
                .order
                .iter()
                .zip(&self.resolved)
                .filter(|(path, _)| {
                    self.publications
                        .get(*path)
                        .is_some_and(|c| c.changed_at == round)
                })
                .map(|(_, publication)| publication.id.clone())
                .collect();
            let mut notes = Vec::new();
            let mut format_notes = Vec::new();
            for path in &self.order {
                if let Some(resolved) = &self.publications[path].resolved {
                    notes.extend(resolved.value.notes.iter().cloned());
                    format_notes.extend(resolved.value.format_notes.iter().cloned());
                }
            }
            notes.extend(format_notes);
            diagnostics.extend(crate::check::publishing::note_diagnostics(
                notes,
                &self.content,
                &self.sources,
                &self.config,
            ));
            if !exporters.is_empty() {
                self.export(exporters, round, work);
            }
        }
        crate::diag::sort(&mut diagnostics, &self.sources);
        self.diagnostics = diagnostics;
    }

    /// Makes the docs-pages index from the content again when a publication's placements
    /// changed (a topic's audience decides whether it is placed), and notes the pages that moved.
    fn refresh_pages(&mut self, round: u64) {
        if let Some(pages) = outputs::content_pages(
            &self.content,
            &mut self.publications,
            &self.changes,
            round,
            &mut self.pages_of,
        ) {
            self.changes.pages(self.pages.changed_topics(&pages), round);
            self.pages = pages;
        }
    }

    fn export(&mut self, exporters: &[Box<dyn Exporter>], round: u64, work: &mut Work) {
        let build = BuildInfo::from_environment();
        if build.date() != self.build.date() || build.long_date() != self.build.long_date() {
            for cache in self.publications.values_mut() {
                cache.exports.clear();
            }
        }
        self.build = build;
        // The JSON bundles' index comes from the resolved publications: made again only when
        // one of them changed.
        if let Some(export_pages) = outputs::resolved_pages(
            &self.order,
            &self.resolved,
            &mut self.publications,
            &mut self.export_pages_of,
        ) {
            self.changes
                .pages(self.export_pages.changed_topics(&export_pages), round);
            self.export_pages = export_pages;
        }
        (work.exported, work.exported_publications) = outputs::export(
            &self.order,
            &self.resolved,
            exporters,
            &self.images,
            &self.build,
            &self.export_pages,
            &mut self.publications,
            &self.changes,
            round,
        );
        self.whole = outputs::export_whole(
            &self.resolved,
            exporters,
            &self.images,
            &self.build,
            &self.export_pages,
        );
    }

    fn gather<'a>(
        &'a self,
        exporters: &[Box<dyn Exporter>],
    ) -> Result<Vec<(String, Vec<&'a Exported>)>, BuildError> {
        outputs::gather(
            &self.order,
            &self.resolved,
            exporters,
            &self.whole,
            &self.publications,
        )
    }
}
