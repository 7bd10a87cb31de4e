//! `helpdoc build` orchestration: resolve each publication, run each exporter, write atomically.

use std::path::Path;

use rayon::prelude::*;

use crate::content::ContentSet;
use crate::export::registry::{builtin, builtins};
use crate::export::{BuildInfo, ExportContext, Exporter};
use crate::output::{OutputError, write_build};
use crate::resolve::{load_images, resolve_publication};

/// What a build did.
#[derive(Debug, Default)]
pub struct BuildSummary {
    /// The formats built.
    pub formats: Vec<String>,
    /// How many files the output folder now holds.
    pub files: usize,
    /// Notes for the writer.
    pub warnings: Vec<String>,
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

/// Builds every publication with every exporter and writes the result into `out`.
pub fn build(
    content: &ContentSet,
    exporters: &[Box<dyn Exporter>],
    out: &Path,
    force: bool,
) -> Result<BuildSummary, BuildError> {
    let info = BuildInfo::from_environment();
    let images = load_images(content);
    // Publications resolve independently, on every core; results (and their notes) are taken
    // in content order.
    let sources: Vec<_> = content.publications().collect();
    let resolved: Vec<_> = sources
        .par_iter()
        .map(|p| resolve_publication(content, p))
        .collect();
    let mut warnings = Vec::new();
    let publications: Vec<_> = resolved
        .into_iter()
        .map(|(resolved, notes)| {
            warnings.extend(notes);
            resolved
        })
        .collect();
    // Exporters are independent: run them on parallel threads, and keep their results in
    // `exporters` order so warnings, errors and the output stay the same as a sequential run.
    let results: Vec<_> = std::thread::scope(|scope| {
        let running: Vec<_> = exporters
            .iter()
            .map(|exporter| {
                let (publications, images, info) = (&publications, &images, &info);
                scope.spawn(move || {
                    let wanted: Vec<&crate::resolve::ResolvedPublication> =
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
    let mut outputs = Vec::new();
    for (exporter, result) in exporters.iter().zip(results) {
        let exported = result.map_err(BuildError::Export)?;
        warnings.extend(
            exported
                .warnings
                .into_iter()
                .map(|w| format!("{}: {w}", exporter.name())),
        );
        outputs.push((exporter.name().to_string(), exported.artifacts));
    }
    // A stop waits for a write under way, so the output is never left half replaced.
    let writing = crate::shutdown::start_write().ok_or(BuildError::Stopped)?;
    let manifest = write_build(out, &content.root, &outputs, force).map_err(BuildError::Output)?;
    drop(writing);
    warnings.sort();
    warnings.dedup();
    Ok(BuildSummary {
        formats: outputs.iter().map(|(name, _)| name.clone()).collect(),
        files: manifest.files.len(),
        warnings,
    })
}
