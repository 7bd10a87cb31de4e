//! `helpdoc build`: check, export every publication (or those asked for), write the outputs
//! atomically, and say what was written where. `watch` writes through the same output folder
//! and summary.

use std::collections::BTreeSet;
use std::path::Path;

use helpdoc::build::{BuildError, BuildSummary, Exports, SelectError};
use helpdoc::check::check_then;
use helpdoc::content::ContentSet;
use helpdoc::diag::words::count;
use helpdoc::export::Exporter;
use helpdoc::load::load_folder;
use helpdoc::output::{OutputError, OutputFolder, Wait};
use helpdoc::resolve::ResolvedPublication;

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
    let names: Vec<&str> = exporters.iter().map(|e| e.name()).collect();
    let progress = Progress::start(&format!(
        "checking {} and exporting {}",
        folders.content.display(),
        names.join(", ")
    ));
    // The exporters' start-up work (fonts) runs while the content is loaded, and the exporters
    // run while the content rules do (see `check_then`); what they made is kept in memory until
    // the findings say it may be written.
    let checked = std::thread::scope(|scope| {
        scope.spawn(|| helpdoc::build::prepare(exporters));
        load_folder(&folders.content, &folders.check_options()).map(|loaded| {
            check_then(loaded, |content, publications| {
                stage_early(args, folders, exporters, content, publications)
            })
        })
    });
    progress.clear();
    let (checked, staged) = match checked {
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
    // Content without errors has been exported by now, unless the output folder was busy or
    // its parent folders were missing.
    let staged = match staged.flatten() {
        Some(staged) => staged,
        None => {
            let progress = Progress::start(&format!("exporting {}", names.join(", ")));
            let staged = stage(
                args,
                folders,
                exporters,
                &checked.content,
                &checked.publications,
            );
            progress.clear();
            staged
        }
    };
    let (selected, exported) = match staged {
        Ok(staged) => staged,
        Err(error) => {
            eprintln!("error: {error}");
            return EXIT_ENVIRONMENT;
        }
    };
    let built = exported.and_then(|(out, exports)| {
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

/// The publications asked for (`--publication`; `None` for all) with the locked output folder
/// and the exporters' files (or why the folder cannot be written or an exporter failed); or why
/// the publications asked for cannot be built.
type Staged = Result<
    (
        Option<BTreeSet<String>>,
        Result<(OutputFolder, Exports), BuildError>,
    ),
    SelectError,
>;

/// [`stage`], while the content is still being checked: it prints and writes nothing, so it is
/// not started (`None`) when the output folder is locked by another build (taking the lock waits,
/// and says so) or its parent folders do not exist yet (creating them writes). [`stage`] then runs
/// once the check's findings allow the build.
fn stage_early(
    args: &BuildArgs,
    folders: &Folders,
    exporters: &[Box<dyn Exporter>],
    content: &ContentSet,
    publications: &[ResolvedPublication],
) -> Option<Staged> {
    let selected = match chosen(args, publications) {
        Ok(selected) => selected,
        Err(error) => return Some(Err(error)),
    };
    let parent = folders.out.parent().filter(|p| !p.as_os_str().is_empty());
    if !parent.unwrap_or(Path::new(".")).is_dir() {
        return None;
    }
    let out = match OutputFolder::open(&folders.out, &content.root, args.force, Wait::NoWait) {
        Err(OutputError::Busy { .. }) => return None,
        opened => opened.map_err(BuildError::Output),
    };
    let exported = export_into(out, selected.as_ref(), exporters, content, publications);
    Some(Ok((selected, exported)))
}

/// Chooses the publications asked for, opens (guards and locks) the output folder and runs the
/// exporters. The lock is taken before exporting, so a folder helpdoc may not write, or one another
/// build is writing, is refused before the slow part.
fn stage(
    args: &BuildArgs,
    folders: &Folders,
    exporters: &[Box<dyn Exporter>],
    content: &ContentSet,
    publications: &[ResolvedPublication],
) -> Staged {
    let selected = chosen(args, publications)?;
    let out = open_output(args, folders, &content.root);
    let exported = export_into(out, selected.as_ref(), exporters, content, publications);
    Ok((selected, exported))
}

/// The publications asked for (`--publication`), or `None` for all.
fn chosen(
    args: &BuildArgs,
    publications: &[ResolvedPublication],
) -> Result<Option<BTreeSet<String>>, SelectError> {
    if args.publications.is_empty() {
        return Ok(None);
    }
    helpdoc::build::select_publications(publications, &args.publications).map(Some)
}

/// Runs the exporters on the `selected` publications (all when `None`), for the opened `out`.
fn export_into(
    out: Result<OutputFolder, BuildError>,
    selected: Option<&BTreeSet<String>>,
    exporters: &[Box<dyn Exporter>],
    content: &ContentSet,
    publications: &[ResolvedPublication],
) -> Result<(OutputFolder, Exports), BuildError> {
    let out = out?;
    let exports = match selected {
        Some(selected) => {
            helpdoc::build::export_publications(content, publications, selected.clone(), exporters)
        }
        None => helpdoc::build::export(content, publications, exporters),
    }?;
    Ok((out, exports))
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
