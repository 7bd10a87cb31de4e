//! `helpdoc coverage`: the help compared with a product's error catalogs, printed as `check` prints.

use helpdoc::check::{CheckOptions, check_folder};
use helpdoc::diag::Diagnostic;

use super::report::{failing, report, report_diagnostics, report_load_error};
use super::{CoverageArgs, EXIT_CONTENT, EXIT_ENVIRONMENT, EXIT_OK, project_here};

/// Checks the content, then compares it with the catalogs and prints the findings.
pub(crate) fn coverage(args: &CoverageArgs) -> u8 {
    let project = match project_here() {
        Ok(project) => project,
        Err(code) => return code,
    };
    let content = args.content.folder(project.as_ref());
    let options = CheckOptions {
        project,
        ..CheckOptions::default()
    };
    let mut checked = match check_folder(&content, &options) {
        Ok(checked) => checked,
        Err(error) => {
            report_load_error(&error);
            return EXIT_ENVIRONMENT;
        }
    };
    if checked.has_errors() {
        checked.diagnostics.retain(Diagnostic::is_error);
        report(&checked, &args.content);
        eprintln!("error: coverage needs content that loads; fix the errors above first");
        return EXIT_CONTENT;
    }
    let options = helpdoc::coverage::CoverageOptions {
        catalogs: args.catalogs.clone(),
        select: args.select.clone(),
        select_lists: args.select_list.clone(),
    };
    let diagnostics = match helpdoc::coverage::check_coverage(
        &checked.content,
        &checked.config,
        &mut checked.sources,
        &options,
    ) {
        Ok(diagnostics) => diagnostics,
        Err(error) => {
            eprintln!("error: {error}");
            return EXIT_ENVIRONMENT;
        }
    };
    checked.files_checked += args.catalogs.len();
    report_diagnostics(&diagnostics, &checked, &args.content);
    if failing(&diagnostics, &args.content) {
        EXIT_CONTENT
    } else {
        EXIT_OK
    }
}
