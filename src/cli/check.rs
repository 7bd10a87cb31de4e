//! `helpdoc check`: every problem in the content (or in draft pages), printed, and the exit code.

use std::path::Path;

use helpdoc::check::{CheckOptions, check_folder};

use super::import::refused_images;
use super::report::{exiting, failing, report, report_load_error};
use super::{CheckArgs, EXIT_CONTENT, EXIT_ENVIRONMENT, EXIT_OK, project_here};

/// `helpdoc check`: prints every diagnostic and a summary line.
pub(crate) fn check(args: &CheckArgs) -> u8 {
    let project = match project_here() {
        Ok(project) => project,
        Err(code) => return code,
    };
    let content = args.content.folder(project.as_ref());
    let options = CheckOptions {
        project,
        // `check` builds nothing: the publications are resolved for their notes, not kept.
        notes_only: true,
        ..CheckOptions::default()
    };
    if !args.lint_drafts.is_empty() {
        return lint_drafts(args, &content, &options);
    }
    let checked = match check_folder(&content, &options) {
        Ok(checked) => checked,
        Err(error) => {
            report_load_error(&error);
            return EXIT_ENVIRONMENT;
        }
    };
    report(&checked, &args.content);
    let code = if failing(&checked.diagnostics, &args.content) {
        EXIT_CONTENT
    } else {
        EXIT_OK
    };
    exiting(checked);
    code
}

/// `helpdoc check --lint-drafts`: checks draft pages, reporting at their lines and columns.
fn lint_drafts(args: &CheckArgs, content: &Path, options: &CheckOptions) -> u8 {
    let checked = match helpdoc::import::lint::lint_drafts(&args.lint_drafts, content, options) {
        Ok(checked) => checked,
        Err(helpdoc::import::lint::LintError::Import(helpdoc::import::ImportError::Images(
            refused,
        ))) => return refused_images(&refused),
        Err(error) => {
            eprintln!("error: {error}");
            return EXIT_ENVIRONMENT;
        }
    };
    report(&checked, &args.content);
    if failing(&checked.diagnostics, &args.content) {
        EXIT_CONTENT
    } else {
        EXIT_OK
    }
}
