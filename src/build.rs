//! `helpdoc build` orchestration: run each exporter on the resolved publications, write atomically.

use std::collections::BTreeSet;
use std::path::Path;

use crate::content::ContentSet;
use crate::export::registry::{builtin, builtins};
use crate::export::{Artifact, BuildInfo, ExportContext, Exporter};
use crate::output::{OutputError, OutputFolder, Scope};
use crate::resolve::{Note, ResolvedPublication, load_images};

/// What the exporters made, before anything is written.
#[derive(Debug, Default)]
pub struct Exports {
    /// Each exporter's name and files, in exporter order.
    pub outputs: Vec<(String, Vec<Artifact>)>,
    /// What the exporters noted while running (an image the PDF cannot decode); what the content
    /// alone decides was noted before, by [`crate::publish::prepare`].
    pub notes: Vec<Note>,
    /// The publications built, when not all were (see [`export_publications`]).
    pub selected: Option<BTreeSet<String>>,
}

/// What a build wrote.
#[derive(Debug, Default)]
pub struct BuildSummary {
    /// The formats built.
    pub formats: Vec<String>,
    /// How many files the output folder now holds.
    pub files: usize,
    /// Each format built, with the files written now (relative to the output folder, sorted).
    pub written: Vec<(String, Vec<String>)>,
}

/// Why a build failed after checking.
#[derive(Debug)]
pub enum BuildError {
    /// An exporter failed.
    Export(crate::export::ExportError),
    /// Outputs could not be written.
    Output(OutputError),
    /// helpdoc was asked to stop before it began writing the outputs.
    Stopped,
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::Export(e) => e.fmt(f),
            BuildError::Output(e) => e.fmt(f),
            BuildError::Stopped => f.write_str("stopped before writing the outputs"),
        }
    }
}

impl std::error::Error for BuildError {}

/// Why the exporters for `--format` could not be chosen.
#[derive(Debug)]
pub enum SelectError {
    /// No built-in format and no plugin in the exporters folder has this name.
    UnknownFormat {
        /// The name asked for.
        name: String,
        /// The built-in formats.
        known: Vec<String>,
        /// Where a plugin of that name would be.
        folder: std::path::PathBuf,
    },
    /// The plugin of that name is broken (its message names the file and what is wrong).
    Plugin(String),
    /// `--publication` names no publication of the content.
    UnknownPublication {
        /// The id asked for.
        id: String,
        /// The closest publication id, if one is close.
        suggestion: Option<String>,
    },
}

impl std::fmt::Display for SelectError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SelectError::UnknownFormat {
                name,
                known,
                folder,
            } => write!(
                f,
                "unknown format `{name}`: the built-in formats are {}, and {} has no exporter of that name",
                known.join(", "),
                folder.display()
            ),
            SelectError::Plugin(message) => f.write_str(message),
            SelectError::UnknownPublication { id, suggestion } => {
                write!(f, "no publication has the id `{id}`")?;
                match suggestion {
                    Some(close) => write!(f, "; did you mean `{close}`?"),
                    None => f.write_str("; the ids are the `id:` fields of the publication files"),
                }
            }
        }
    }
}

impl std::error::Error for SelectError {}

/// The exporters for `--format` (empty: every built-in).
pub fn select_exporters(
    names: &[String],
    exporters_dir: &Path,
) -> Result<Vec<Box<dyn Exporter>>, SelectError> {
    if names.is_empty() {
        return Ok(builtins());
    }
    let mut selected: Vec<Box<dyn Exporter>> = Vec::new();
    for name in names.iter().map(|n| n.trim()) {
        if selected.iter().any(|e| e.name() == name) {
            continue;
        }
        let exporter = match builtin(name) {
            Some(exporter) => exporter,
            None => crate::export::plugins::load(name, exporters_dir)
                .map_err(SelectError::Plugin)?
                .ok_or_else(|| SelectError::UnknownFormat {
                    name: name.to_string(),
                    known: builtins().iter().map(|e| e.name().to_string()).collect(),
                    folder: exporters_dir.join(name),
                })?,
        };
        selected.push(exporter);
    }
    Ok(selected)
}

/// The ids `asked` for (`--publication`), each checked against the resolved publications.
pub fn select_publications(
    publications: &[ResolvedPublication],
    asked: &[String],
) -> Result<BTreeSet<String>, SelectError> {
    let mut selected = BTreeSet::new();
    for id in asked.iter().map(|id| id.trim()) {
        if !publications.iter().any(|p| p.id == id) {
            let suggestion = publications
                .iter()
                .map(|p| (strsim::jaro_winkler(id, &p.id), &p.id))
                .filter(|(score, _)| *score > 0.8)
                .max_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, close)| close.clone());
            return Err(SelectError::UnknownPublication {
                id: id.to_string(),
                suggestion,
            });
        }
        selected.insert(id.to_string());
    }
    Ok(selected)
}

/// Does the exporters' start-up work (loading fonts), meant to run while the content is checked.
/// A failure here is not reported: it shows again, as a clear error, when the exporter runs, and a
/// panic in one exporter's preparation must not take the check down with it.
pub fn prepare(exporters: &[Box<dyn Exporter>]) {
    for exporter in exporters {
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| exporter.prepare()));
    }
}

/// Runs every exporter on the resolved publications (see [`crate::publish::prepare`]). Writes
/// nothing: the caller decides, from the notes, whether to [`write`](fn@write).
pub fn export(
    content: &ContentSet,
    publications: &[ResolvedPublication],
    exporters: &[Box<dyn Exporter>],
) -> Result<Exports, BuildError> {
    export_some(content, publications, None, exporters)
}

/// Runs every exporter on the `selected` publications only (see [`select_publications`]);
/// [`write`](fn@write) then keeps the other publications' files from the previous build. An
/// exporter that cannot say which publication made each file is run on every publication.
pub fn export_publications(
    content: &ContentSet,
    publications: &[ResolvedPublication],
    selected: BTreeSet<String>,
    exporters: &[Box<dyn Exporter>],
) -> Result<Exports, BuildError> {
    export_some(content, publications, Some(selected), exporters)
}

fn export_some(
    content: &ContentSet,
    publications: &[ResolvedPublication],
    selected: Option<BTreeSet<String>>,
    exporters: &[Box<dyn Exporter>],
) -> Result<Exports, BuildError> {
    let chosen = |exporter: &dyn Exporter, publication: &ResolvedPublication| {
        exporter.wants(publication)
            && (!exporter.names_publications()
                || selected
                    .as_ref()
                    .is_none_or(|s| s.contains(&publication.id)))
    };
    let info = BuildInfo::from_environment();
    let images = load_images(content);
    let pages = crate::site::DocsPages::index(publications);
    let run = |exporter: &dyn Exporter| {
        let wanted: Vec<&ResolvedPublication> = publications
            .iter()
            .filter(|p| chosen(exporter, p))
            .collect();
        exporter.export(&ExportContext {
            publications: &wanted,
            pages: &pages,
            images: &images,
            build: &info,
        })
    };
    let results = run_exporters(exporters, &run);
    let mut exports = Exports {
        selected,
        ..Exports::default()
    };
    for (exporter, result) in exporters.iter().zip(results) {
        let exported = result.map_err(BuildError::Export)?;
        exports.notes.extend(exported.warnings);
        exports
            .outputs
            .push((exporter.name().to_string(), exported.artifacts));
    }
    Ok(exports)
}

/// Runs `run` on every exporter on parallel threads (see [`Exporter::weight`]), and returns the
/// results in `exporters` order, so notes, errors and the output stay those of a sequential run.
fn run_exporters<R: Send>(
    exporters: &[Box<dyn Exporter>],
    run: &(dyn Fn(&dyn Exporter) -> R + Sync),
) -> Vec<R> {
    let mut busy: Vec<(usize, u32)> = (exporters.iter().enumerate())
        .filter_map(|(index, exporter)| exporter.weight().map(|weight| (index, weight)))
        .collect();
    busy.sort_by_key(|&(index, weight)| (std::cmp::Reverse(weight), index));
    let cores = crate::cores::available();
    let next = std::sync::atomic::AtomicUsize::new(0);
    // One worker per core takes the weighted exporters, heaviest first; the rest wait on
    // processes, each on a thread of its own.
    let take = || {
        let mut done = Vec::new();
        loop {
            let taken = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(&(index, _)) = busy.get(taken) else {
                return done;
            };
            done.push((index, run(exporters[index].as_ref())));
        }
    };
    let mut results: Vec<(usize, R)> = std::thread::scope(|scope| {
        let waiting: Vec<_> = (exporters.iter().enumerate())
            .filter(|(_, exporter)| exporter.weight().is_none())
            .map(|(index, exporter)| scope.spawn(move || vec![(index, run(exporter.as_ref()))]))
            .collect();
        // This thread is one of the workers: one thread fewer to start and wake, and it usually
        // takes the heaviest exporter, being already running when the others start.
        let workers: Vec<_> = (1..cores.min(busy.len()))
            .map(|_| scope.spawn(take))
            .collect();
        let mut results = take();
        for thread in workers.into_iter().chain(waiting) {
            results.extend(
                thread
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            );
        }
        results
    });
    results.sort_by_key(|&(index, _)| index);
    results.into_iter().map(|(_, result)| result).collect()
}

/// Writes what the exporters made into `out` (opened, and locked, by the caller), atomically.
pub fn write(exports: &Exports, out: &OutputFolder) -> Result<BuildSummary, BuildError> {
    // A stop waits for a write under way, so the output is never left half replaced.
    let writing = crate::shutdown::start_write().ok_or(BuildError::Stopped)?;
    let scope = match &exports.selected {
        Some(selected) => Scope::Publications(selected),
        None => Scope::Everything,
    };
    let manifest = out
        .write_build(&exports.outputs, scope)
        .map_err(BuildError::Output)?;
    drop(writing);
    let written = exports
        .outputs
        .iter()
        .map(|(format, artifacts)| {
            let mut files: Vec<String> = artifacts
                .iter()
                .map(|a| format!("{format}/{}", a.path))
                .collect();
            files.sort();
            (format.clone(), files)
        })
        .collect();
    Ok(BuildSummary {
        formats: exports
            .outputs
            .iter()
            .map(|(name, _)| name.clone())
            .collect(),
        files: manifest.files.len(),
        written,
    })
}
