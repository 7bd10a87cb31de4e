//! Printing what a run found: diagnostics in the chosen format, then the summary line.

use std::io::Write;

use helpdoc::check::Checked;
use helpdoc::diag::{Diagnostic, SourceMap, render_human, render_json_line, summary_line};

use super::{ContentArgs, FormatArg};

/// Leaves a large value for the operating system to reclaim: the command ends the process
/// next, and freeing tens of thousands of parsed documents one by one takes a tenth of a second
/// on a large content set.
/// A content folder that cannot be loaded, with its `help:` line: the same for every command.
pub(crate) fn report_load_error(error: &helpdoc::check::CheckError) {
    eprintln!("error: {error}");
    eprintln!("help: {}", error.help());
}

pub(crate) fn exiting<T>(value: T) {
    std::mem::forget(value);
}

/// Prints a check's diagnostics in the chosen format, then the summary line (on stderr, so JSON
/// output on stdout stays one object per line).
pub(crate) fn report(checked: &Checked, args: &ContentArgs) {
    report_diagnostics(&checked.diagnostics, checked, args);
}

/// Prints `diagnostics` (placed in `checked`'s files) as [`report`] does: `check` and `build`
/// show every problem through this one renderer, with the same `help:` lines.
pub(crate) fn report_diagnostics(
    diagnostics: &[Diagnostic],
    checked: &Checked,
    args: &ContentArgs,
) {
    print_diagnostics(diagnostics, &checked.sources, checked.files_checked, args);
}

/// Prints `diagnostics` (placed in `sources`' files) and the summary line for `files_checked`
/// files: what [`report_diagnostics`] prints, for `watch`, whose engine holds no [`Checked`].
pub(crate) fn print_diagnostics(
    diagnostics: &[Diagnostic],
    sources: &SourceMap,
    files_checked: usize,
    args: &ContentArgs,
) {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let color = super::ui::get().color;
    for diagnostic in diagnostics {
        match args.diagnostic_format {
            FormatArg::Human => {
                eprintln!("{}\n", render_human(diagnostic, sources, color))
            }
            FormatArg::Json => {
                let _ = writeln!(out, "{}", render_json_line(diagnostic, sources));
            }
        }
    }
    let summary = summary_line(diagnostics, files_checked, args.deny_warnings);
    // A clean run's summary is news only without `--quiet`; a count of problems always is.
    if diagnostics.is_empty() {
        super::ui::say!("{summary}");
    } else {
        eprintln!("{summary}");
    }
}

/// Whether these diagnostics fail the run: any error, or any warning under `--deny-warnings`.
pub(crate) fn failing(diagnostics: &[Diagnostic], args: &ContentArgs) -> bool {
    diagnostics
        .iter()
        .any(|d| d.is_error() || args.deny_warnings)
}
