//! `helpdoc build`: check, export every publication, write the outputs atomically, and say what happened.

use helpdoc::check::{CheckOptions, check_folder};
use helpdoc::diag::words::count;

use super::report::{exiting, failing, report, report_diagnostics};
use super::{BuildArgs, EXIT_CONTENT, EXIT_ENVIRONMENT, EXIT_OK, folder, project_here};
use helpdoc::load::Project;

/// `helpdoc build`: checks, resolves every publication, runs the exporters and writes their
/// artifacts atomically. Writes nothing when the content has errors.
pub(crate) fn build(args: &BuildArgs) -> u8 {
    let started = std::time::Instant::now();
    let project = match project_here() {
        Ok(project) => project,
        Err(code) => return code,
    };
    let content = args.content.folder(project.as_ref());
    let out_folder = folder(
        args.out.as_ref(),
        project.as_ref(),
        Project::output,
        "build",
    );
    let exporters_folder = folder(
        args.exporters.as_ref(),
        project.as_ref(),
        Project::exporters,
        "exporters",
    );
    let options = CheckOptions {
        project,
        ..CheckOptions::default()
    };
    // Formats are resolved before the content is checked: a mistyped `--format` fails at once,
    // and the exporters can prepare while the check runs.
    let exporters = match helpdoc::build::select_exporters(&args.format, &exporters_folder) {
        Ok(exporters) => exporters,
        Err(message) => {
            eprintln!("error: {message}");
            return EXIT_ENVIRONMENT;
        }
    };
    // The exporters' start-up work (fonts) runs while the content is checked.
    let checked = std::thread::scope(|scope| {
        scope.spawn(|| helpdoc::build::prepare(&exporters));
        check_folder(&content, &options)
    });
    let checked = match checked {
        Ok(checked) => checked,
        Err(error) => {
            eprintln!("error: {error}");
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
    let mut waiting = || {
        eprintln!(
            "waiting for another helpdoc build to finish writing into {}",
            out_folder.display()
        )
    };
    let wait = if args.no_wait {
        helpdoc::output::Wait::NoWait
    } else {
        helpdoc::output::Wait::Block(&mut waiting)
    };
    let out =
        helpdoc::output::OutputFolder::open(&out_folder, &checked.content.root, args.force, wait)
            .map_err(helpdoc::build::BuildError::Output);
    let built = out.and_then(|out| {
        let exports = helpdoc::build::export(&checked.content, &checked.publications, &exporters)?;
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
        helpdoc::build::write(&exports, &out).map(Some)
    });
    exiting(checked);
    match built {
        Ok(None) => {
            eprintln!("error: no outputs were written; fix the problems above and build again");
            EXIT_CONTENT
        }
        Ok(Some(summary)) => {
            eprintln!(
                "built {} into {} ({}) in {:.2?}",
                summary.formats.join(", "),
                out_folder.display(),
                count(summary.files, "file"),
                started.elapsed()
            );
            EXIT_OK
        }
        Err(error) => {
            eprintln!("error: {error}");
            eprintln!(
                "note: the previous contents of {} are unchanged",
                out_folder.display()
            );
            EXIT_ENVIRONMENT
        }
    }
}
