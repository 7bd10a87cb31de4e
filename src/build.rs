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

/// The exporters for `--format` (empty: every built-in).
pub fn select_exporters(
    names: &[String],
    exporters_dir: &Path,
) -> Result<Vec<Box<dyn Exporter>>, String> {
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
            None => crate::export::plugins::load(name, exporters_dir)?.ok_or_else(|| {
                let known: Vec<String> = builtins().iter().map(|e| e.name().to_string()).collect();
                format!(
                    "unknown format `{name}`: the built-in formats are {}, and {} has no exporter of that name",
                    known.join(", "),
                    exporters_dir.join(name).display()
                )
            })?,
        };
        selected.push(exporter);
    }
    Ok(selected)
}

/// Runs every exporter on the resolved publications (see [`crate::publish::prepare`]). Writes
/// nothing: the caller decides, from the notes, whether to [`write`].
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
