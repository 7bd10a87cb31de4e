//! The content files of the engine: each path with its file id (in path order, after the
//! configuration files, as a full load numbers them), its loading problems and its cached checks;
//! reading changed files again and keeping the content set and source map in step.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::stale::{Cached, Changes};
use crate::check::conditions::DocConditions;
use crate::content::{ContentSet, InvalidDoc};
use crate::diag::{Diagnostic, FileId, SourceFile, SourceMap};
use crate::load::{Kind, Limits, LoadedFile, ReadRoot, SchemaValidators, load_file};

/// What a file's id claims: the id, the kind (when known) and whether the document is valid.
pub type Claim = (String, Option<crate::model::DocumentKind>, bool);

/// One content file.
#[derive(Debug)]
pub struct Entry {
    /// Its id in the source map.
    pub file: FileId,
    /// Its size in bytes when read (for `max_total_bytes`).
    pub bytes: u64,
    /// Its loading problems.
    pub diagnostics: Vec<Diagnostic>,
    /// The id its document claims, if one could be read.
    pub claim: Option<Claim>,
    /// For a data file: its key in [`ContentSet::data`].
    pub data_key: Option<String>,
    /// Its references checked ([`crate::check::references::document_references`]).
    pub references: Option<Cached<Vec<Diagnostic>>>,
    /// Its content rules' findings, one list per active rule.
    pub rules: Option<Cached<Vec<Vec<Diagnostic>>>>,
    /// Its aliases that are not slugs ([`crate::check::aliases::slug_problems`]: they read
    /// the document alone).
    pub slugs: Option<Vec<Diagnostic>>,
    /// For a publication: the alias clashes on its page
    /// ([`crate::check::aliases::publication_clashes`]), with what they read.
    pub clashes: Option<Cached<Vec<Diagnostic>>>,
    /// Its condition and variable problems, for the conditions context they were found with
    /// (all are dropped when it changes: [`crate::check::conditions::Context`]).
    pub conditions: Option<DocConditions>,
}

impl Entry {
    /// Forgets every cached check of the document (it was read again).
    fn forget_checks(&mut self) {
        self.references = None;
        self.rules = None;
        self.slugs = None;
        self.clashes = None;
        self.conditions = None;
    }

    /// Every diagnostic it holds (for renumbering files).
    fn diagnostics_mut(&mut self) -> impl Iterator<Item = &mut Diagnostic> {
        let references = self.references.iter_mut().flat_map(|c| c.value.iter_mut());
        let rules = (self.rules.iter_mut()).flat_map(|c| c.value.iter_mut().flatten());
        let clashes = self.clashes.iter_mut().flat_map(|c| c.value.iter_mut());
        (self.diagnostics.iter_mut())
            .chain(references)
            .chain(rules)
            .chain(self.slugs.iter_mut().flatten())
            .chain(clashes)
            .chain(
                self.conditions
                    .iter_mut()
                    .flat_map(DocConditions::diagnostics_mut),
            )
    }
}

/// Every content file, by path (so in path order).
pub type Files = BTreeMap<PathBuf, Entry>;

/// Whether `path` (under `root`) is one the content folder's discovery would list and a full load
/// reads (a content document or a data file: [`Kind::of`]), with no hidden folder or file on the way.
pub fn is_content_path(root: &Path, path: &Path) -> bool {
    let Ok(relative) = path.strip_prefix(root) else {
        return false;
    };
    Kind::of(root, path).is_some()
        && !relative
            .components()
            .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
}

/// Gives every file its id in path order after the `first` configuration files, renumbering the
/// cached problems, the content set and the source map to match. `placeholder` names new files
/// until they are read.
pub fn renumber(
    files: &mut Files,
    first: usize,
    sources: &mut SourceMap,
    content: &mut ContentSet,
) {
    let mut map: Vec<Option<usize>> = vec![None; sources.len()];
    let mut old_files: Vec<Option<SourceFile>> = std::mem::take(sources)
        .into_files()
        .into_iter()
        .map(Some)
        .collect();
    let mut new_files: Vec<SourceFile> = Vec::with_capacity(first + files.len());
    for slot in old_files.iter_mut().take(first) {
        new_files.push(
            slot.take()
                .unwrap_or_else(|| SourceFile::new("", String::new())),
        );
    }
    for (i, m) in map.iter_mut().enumerate().take(first) {
        *m = Some(i);
    }
    for (index, (path, entry)) in files.iter_mut().enumerate() {
        let new = FileId(first + index);
        let moved = old_files
            .get_mut(entry.file.0)
            .and_then(Option::take)
            .filter(|_| entry.file.0 >= first);
        if let Some(m) = map.get_mut(entry.file.0).filter(|_| moved.is_some()) {
            *m = Some(new.0);
        }
        new_files
            .push(moved.unwrap_or_else(|| {
                SourceFile::new(crate::load::display_name(path), String::new())
            }));
        entry.file = new;
    }
    let remap = |file: &mut FileId| {
        if let Some(Some(new)) = map.get(file.0) {
            *file = FileId(*new);
        }
    };
    for entry in files.values_mut() {
        for d in entry.diagnostics_mut() {
            renumber_diagnostic(d, &remap);
        }
    }
    for doc in &mut content.docs {
        remap(&mut doc.file);
    }
    for doc in &mut content.invalid {
        remap(&mut doc.file);
    }
    for set in content.data.sets.values_mut() {
        remap(&mut set.file);
    }
    *sources = SourceMap::from_files(new_files);
}

fn renumber_diagnostic(diagnostic: &mut Diagnostic, remap: &impl Fn(&mut FileId)) {
    if let Some(label) = &mut diagnostic.primary {
        remap(&mut label.file);
    }
    for label in &mut diagnostic.secondary {
        remap(&mut label.file);
    }
}

/// Removes the data set of a data file from the content set. Any view of it may change, so every
/// cached result becomes stale.
fn remove_data(content: &mut ContentSet, key: &str, changes: &mut Changes, round: u64) {
    content.data.sets.remove(key);
    content.data.broken.remove(key);
    changes.everything = round;
}

/// Removes the document of `file` (valid or not) from the content set.
fn remove_doc(content: &mut ContentSet, file: FileId) {
    if let Ok(i) = content.docs.binary_search_by_key(&file, |d| d.file) {
        content.docs.remove(i);
    }
    if let Ok(i) = content.invalid.binary_search_by_key(&file, |d| d.file) {
        content.invalid.remove(i);
    }
}

/// Removes the files at `paths` (deleted); notes their ids as changed.
pub fn remove(
    files: &mut Files,
    paths: &BTreeSet<PathBuf>,
    content: &mut ContentSet,
    changes: &mut Changes,
    round: u64,
) {
    for path in paths {
        if let Some(entry) = files.remove(path) {
            remove_doc(content, entry.file);
            if let Some(key) = &entry.data_key {
                remove_data(content, key, changes, round);
            }
            if let Some((id, kind, _)) = &entry.claim {
                changes.id(id, round);
                changes.kind(*kind, round);
            } else {
                changes.kind(None, round);
            }
            changes.id_set = round;
        }
    }
}

/// What reading files again needs.
pub struct Reader<'a> {
    /// The content folder's path (what a file is depends on where it is in it).
    pub root: &'a Path,
    /// The content folder, through the guards.
    pub folder: &'a ReadRoot,
    /// The caps.
    pub limits: &'a Limits,
    /// The schemas.
    pub validators: &'a SchemaValidators,
}

/// Reads the files at `paths` (already in `files`, numbered) again, on every core, and puts
/// their documents, texts and problems in place. Returns whether any id claim changed.
pub fn reload(
    files: &mut Files,
    paths: &BTreeSet<PathBuf>,
    reader: &Reader<'_>,
    sources: &mut SourceMap,
    content: &mut ContentSet,
    changes: &mut Changes,
    round: u64,
) -> bool {
    let jobs: Vec<(&PathBuf, FileId)> = paths
        .iter()
        .filter_map(|p| Some((p, files.get(p)?.file)))
        .collect();
    let loaded: Vec<(PathBuf, u64, LoadedFile)> = jobs
        .par_iter()
        .map(|(path, file)| {
            let kind =
                Kind::of(reader.root, path).unwrap_or(Kind::Document(crate::load::Syntax::Yaml));
            let bytes = std::fs::metadata(path).map_or(0, |m| m.len());
            let loaded = load_file(
                reader.folder,
                path,
                &kind,
                *file,
                reader.limits,
                reader.validators,
            );
            ((*path).clone(), bytes, loaded)
        })
        .collect();
    let mut claims_changed = false;
    for (path, bytes, loaded) in loaded {
        let Some(entry) = files.get_mut(&path) else {
            continue;
        };
        let LoadedFile {
            source,
            doc,
            data,
            diagnostics,
        } = loaded;
        sources.replace(entry.file, source);
        remove_doc(content, entry.file);
        if let Some(key) = entry.data_key.take() {
            remove_data(content, &key, changes, round);
        }
        if let Some((key, set)) = data {
            match set {
                Some(set) => {
                    content.data.sets.insert(key.clone(), set);
                }
                None => {
                    content.data.broken.insert(key.clone());
                }
            }
            changes.everything = round;
            entry.data_key = Some(key);
        }
        let claim = match &doc {
            Some(Ok(doc)) => Some((doc.id().to_string(), Some(doc.kind()), true)),
            Some(Err(InvalidDoc { id, kind, .. })) => Some((id.clone(), *kind, false)),
            None => None,
        };
        match doc {
            Some(Ok(doc)) => {
                let at = content.docs.partition_point(|d| d.file < entry.file);
                content.docs.insert(at, doc);
            }
            Some(Err(doc)) => {
                let at = content.invalid.partition_point(|d| d.file < entry.file);
                content.invalid.insert(at, doc);
            }
            None => {}
        }
        for (id, ..) in entry.claim.iter().chain(claim.iter()) {
            changes.id(id, round);
        }
        for side in [&entry.claim, &claim] {
            changes.kind(side.as_ref().and_then(|(_, kind, _)| *kind), round);
        }
        if entry.claim != claim {
            changes.id_set = round;
            claims_changed = true;
        }
        entry.claim = claim;
        entry.bytes = bytes;
        entry.diagnostics = diagnostics;
        entry.forget_checks();
    }
    claims_changed
}

/// A new, unread entry (numbered by [`renumber`], read by [`reload`]).
pub fn new_entry() -> Entry {
    Entry {
        file: FileId(usize::MAX),
        bytes: 0,
        diagnostics: Vec::new(),
        claim: None,
        data_key: None,
        references: None,
        rules: None,
        slugs: None,
        clashes: None,
        conditions: None,
    }
}
