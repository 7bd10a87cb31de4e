//! `helpdoc build`: check, export every publication (or those asked for), write the outputs
//! atomically, and say what was written where. `watch` writes through the same output folder
//! and summary.

use std::collections::BTreeSet;
use std::path::Path;

use helpdoc::build::BuildSummary;
use helpdoc::check::check_folder;
use helpdoc::diag::words::count;
use helpdoc::export::Exporter;
use helpdoc::output::{OutputFolder, Wait};

use super::folders::Folders;
use super::progress::Progress;
use super::report::{exiting, failing, report, report_diagnostics, report_load_error};
use super::ui::{self, say};
use super::{BuildArgs, EXIT_CONTENT, EXIT_ENVIRONMENT, EXIT_OK};

/// `helpdoc build`.
pub(crate) fn build(args: &BuildArgs) -> u8 {
    let folders = match Folders::resolve(
        args.content.content.as_deref(),
        args.out.as_deref(),
        args.exporters.as_deref(),
    ) {
        Ok(folders) => folders,
        Err(code) => return code,
    };
    // Formats are resolved before the content is checked: a mistyped `--format` fails at once,
    // and the exporters can prepare while the check runs.
    match helpdoc::build::select_exporters(&args.format, &folders.exporters) {
        Ok(exporters) => run(args, &folders, &exporters),
        Err(message) => {
            eprintln!("error: {message}");
            EXIT_ENVIRONMENT
        }
    }
}

/// Checks, resolves the publications, runs the exporters and writes their artifacts
/// atomically. Writes nothing when the content has errors.
pub(crate) fn run(args: &BuildArgs, folders: &Folders, exporters: &[Box<dyn Exporter>]) -> u8 {
    let started = std::time::Instant::now();
    let progress = Progress::start(&format!("checking {}", folders.content.display()));
    // The exporters' start-up work (fonts) runs while the content is checked.
    let checked = std::thread::scope(|scope| {
        scope.spawn(|| helpdoc::build::prepare(exporters));
        check_folder(&folders.content, &folders.check_options())
    });
    progress.clear();
    let checked = match checked {
        Ok(checked) => checked,
        Err(error) => {
            report_load_error(&error);
            return EXIT_ENVIRONMENT;
        }
    };
    if !checked.diagnostics.is_empty() {
        report(&checked, &args.content);
    }
    if failing(&checked.diagnostics, &args.content) {
        eprintln!("error: no outputs were written; fix the problems above and build again");
        return EXIT_CONTENT;
    }
    let selected = if args.publications.is_empty() {
        None
    } else {
        match helpdoc::build::select_publications(&checked.publications, &args.publications) {
            Ok(selected) => Some(selected),
            Err(error) => {
                eprintln!("error: {error}");
                return EXIT_ENVIRONMENT;
            }
        }
    };
    // The output lock is taken before exporting, so a folder helpdoc may not write is refused
    // before the slow part.
    let built = open_output(args, folders, &checked.content.root).and_then(|out| {
        let names: Vec<&str> = exporters.iter().map(|e| e.name()).collect();
        let progress = Progress::start(&format!("exporting {}", names.join(", ")));
        let exports = match selected.clone() {
            Some(selected) => helpdoc::build::export_publications(
                &checked.content,
                &checked.publications,
                selected,
                exporters,
            ),
            None => helpdoc::build::export(&checked.content, &checked.publications, exporters),
        }?;
        progress.clear();
        // What the exporters noted is reported like the check's findings, and decides the same
        // way whether anything is written.
        let notes = helpdoc::check::publishing::note_diagnostics(
            exports.notes.clone(),
            &checked.content,
            &checked.sources,
            &checked.config,
        );
        if !notes.is_empty() {
            report_diagnostics(&notes, &checked, &args.content);
        }
        if failing(&notes, &args.content) {
            return Ok(None);
        }
        let progress = Progress::start(&format!("writing {}", folders.out.display()));
        let written = helpdoc::build::write(&exports, &out).map(Some);
        progress.clear();
        written
    });
    exiting(checked);
    match built {
        Ok(None) => {
            eprintln!("error: no outputs were written; fix the problems above and build again");
            EXIT_CONTENT
        }
        Ok(Some(summary)) => {
            print_summary(&summary, &folders.out, selected.as_ref(), started.elapsed());
            EXIT_OK
        }
        Err(error) => {
            eprintln!("error: {error}");
            eprintln!(
                "note: the previous contents of {} are unchanged",
                folders.out.display()
            );
            EXIT_ENVIRONMENT
        }
    }
}

/// Opens (guards and locks) the output folder, saying so when another build makes it wait.
pub(crate) fn open_output(
    args: &BuildArgs,
    folders: &Folders,
    content_root: &Path,
) -> Result<OutputFolder, helpdoc::build::BuildError> {
    let mut waiting = || {
        say!(
            "waiting for another helpdoc build to finish writing into {}",
            folders.out.display()
        )
    };
    let wait = if args.no_wait {
        Wait::NoWait
    } else {
        Wait::Block(&mut waiting)
    };
    OutputFolder::open(&folders.out, content_root, args.force, wait)
        .map_err(helpdoc::build::BuildError::Output)
}

/// The summary: one line for the build, then each format's folder and file count (with
/// `--verbose`, every file written).
pub(crate) fn print_summary(
    summary: &BuildSummary,
    out: &Path,
    selected: Option<&BTreeSet<String>>,
    elapsed: std::time::Duration,
) {
    let ui = ui::get();
    if ui.quiet {
        return;
    }
    let of = match selected {
        Some(ids) => format!(" of {}", ids.iter().cloned().collect::<Vec<_>>().join(", ")),
        None => String::new(),
    };
    eprintln!(
        "built {}{of} into {} in {:.2?}",
        summary.formats.join(", "),
        out.display(),
        elapsed
    );
    let folders: Vec<String> = summary
        .written
        .iter()
        .map(|(format, _)| out.join(format).display().to_string())
        .collect();
    let width = folders.iter().map(String::len).max().unwrap_or(0);
    let mut written = 0;
    for ((_, files), folder) in summary.written.iter().zip(&folders) {
        written += files.len();
        eprintln!("  {folder:width$}  {}", count(files.len(), "file"));
        if ui.verbose {
            for file in files {
                eprintln!("      {}", out.join(file).display());
            }
        }
    }
    if summary.files > written {
        eprintln!(
            "  (and {} from earlier builds kept in {})",
            count(summary.files - written, "file"),
            out.display()
        );
    }
}
