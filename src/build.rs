//! `helpdoc build` orchestration: run each exporter on the resolved publications, write atomically.

use std::path::Path;

use crate::content::ContentSet;
use crate::export::registry::{builtin, builtins};
use crate::export::{Artifact, BuildInfo, ExportContext, Exporter};
use crate::output::{OutputError, OutputFolder};
use crate::resolve::{Note, ResolvedPublication, load_images};

/// What the exporters made, before anything is written.
#[derive(Debug, Default)]
pub struct Exports {
    /// Each exporter's name and files, in exporter order.
    pub outputs: Vec<(String, Vec<Artifact>)>,
    /// What the exporters noted while running (an image the PDF cannot decode); what the content
    /// alone decides was noted before, by [`crate::publish::prepare`].
    pub notes: Vec<Note>,
}

/// What a build wrote.
#[derive(Debug, Default)]
pub struct BuildSummary {
    /// The formats built.
    pub formats: Vec<String>,
    /// How many files the output folder now holds.
    pub files: usize,
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
    let info = BuildInfo::from_environment();
    let images = load_images(content);
    // Exporters are independent: run them on parallel threads, and keep their results in
    // `exporters` order so notes, errors and the output stay the same as a sequential run.
    let results: Vec<_> = std::thread::scope(|scope| {
        let running: Vec<_> = exporters
            .iter()
            .map(|exporter| {
                let (images, info) = (&images, &info);
                scope.spawn(move || {
                    let wanted: Vec<&ResolvedPublication> =
                        publications.iter().filter(|p| exporter.wants(p)).collect();
                    exporter.export(&ExportContext {
                        publications: &wanted,
                        all_publications: publications,
                        images,
                        build: info,
                    })
                })
            })
            .collect();
        running
            .into_iter()
            .map(|thread| {
                thread
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    let mut exports = Exports::default();
    for (exporter, result) in exporters.iter().zip(results) {
        let exported = result.map_err(BuildError::Export)?;
        exports.notes.extend(exported.warnings);
        exports
            .outputs
            .push((exporter.name().to_string(), exported.artifacts));
    }
    Ok(exports)
}

/// Writes what the exporters made into `out` (opened, and locked, by the caller), atomically.
pub fn write(exports: &Exports, out: &OutputFolder) -> Result<BuildSummary, BuildError> {
    // A stop waits for a write under way, so the output is never left half replaced.
    let writing = crate::shutdown::start_write().ok_or(BuildError::Stopped)?;
    let manifest = out
        .write_build(&exports.outputs)
        .map_err(BuildError::Output)?;
    drop(writing);
    Ok(BuildSummary {
        formats: exports
            .outputs
            .iter()
            .map(|(name, _)| name.clone())
            .collect(),
        files: manifest.files.len(),
    })
}
