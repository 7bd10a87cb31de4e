//! The subcommands' bodies: each returns the process exit code (0 ok, 1 content errors, 2 usage or environment).

use std::io::{IsTerminal, Write};

use crate::check::{CheckOptions, Checked, check_folder};
use crate::cli::ContentArgs;
use crate::diag::words::count;
use crate::diag::{Diagnostic, DiagnosticFormat, render_human, render_json_line, summary_line};

use crate::cli::{BuildArgs, CheckArgs, CoverageArgs, ImportArgs, RulesArgs, SchemaArgs};

/// Exit code: success.
pub const EXIT_OK: u8 = 0;
/// Exit code: the content has errors.
pub const EXIT_CONTENT: u8 = 1;
/// Exit code: bad usage or an environment failure (unreadable folder, unwritable output).
pub const EXIT_ENVIRONMENT: u8 = 2;

/// `helpdoc schema`: writes (or with `--check`, compares) the schema files.
pub fn schema(args: &SchemaArgs) -> u8 {
    let files = crate::schema::all_schema_files();
    if args.check {
        let mut stale = Vec::new();
        let folder = crate::load::ReadRoot::new(&args.out, "the schema folder").ok();
        for (name, text) in &files {
            let path = args.out.join(name);
            // Anything longer than the expected text differs: read no more than that.
            let committed = folder
                .as_ref()
                .and_then(|f| f.read(&path, text.len() as u64).ok());
            if committed.as_deref() != Some(text.as_bytes()) {
                stale.push(path.display().to_string());
            }
        }
        if stale.is_empty() {
            println!("schemas in {} are up to date", args.out.display());
            return EXIT_OK;
        }
        eprintln!(
            "error: these schema files differ from the model: {}",
            stale.join(", ")
        );
        eprintln!(
            "help: run `helpdoc schema --out {}` and commit the result",
            args.out.display()
        );
        return EXIT_CONTENT;
    }
    if let Err(error) = std::fs::create_dir_all(&args.out) {
        eprintln!("error: cannot create {}: {error}", args.out.display());
        return EXIT_ENVIRONMENT;
    }
    for (name, text) in &files {
        let path = args.out.join(name);
        if let Err(error) = crate::output::write_file_atomic(&path, text.as_bytes()) {
            eprintln!("error: cannot write {}: {error}", path.display());
            return EXIT_ENVIRONMENT;
        }
    }
    let _ = writeln!(
        std::io::stdout(),
        "wrote {} to {}",
        count(files.len(), "schema file"),
        args.out.display()
    );
    EXIT_OK
}

/// `helpdoc check`: prints every diagnostic and a summary line.
pub fn check(args: &CheckArgs) -> u8 {
    let options = CheckOptions::default();
    if !args.lint_drafts.is_empty() {
        return lint_drafts(args, &options);
    }
    let checked = match check_folder(&args.content.content, &options) {
        Ok(checked) => checked,
        Err(error) => {
            eprintln!("error: {error}");
            eprintln!("help: run helpdoc from your project folder, or pass `--content DIR`");
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

/// `helpdoc coverage`: checks the content, then compares it with the catalogs and prints the
/// findings as `check` prints its own.
pub fn coverage(args: &CoverageArgs) -> u8 {
    let mut checked = match check_folder(&args.content.content, &CheckOptions::default()) {
        Ok(checked) => checked,
        Err(error) => {
            eprintln!("error: {error}");
            eprintln!("help: run helpdoc from your project folder, or pass `--content DIR`");
            return EXIT_ENVIRONMENT;
        }
    };
    if checked.has_errors() {
        checked.diagnostics.retain(Diagnostic::is_error);
        report(&checked, &args.content);
        eprintln!("error: coverage needs content that loads; fix the errors above first");
        return EXIT_CONTENT;
    }
    let options = crate::coverage::CoverageOptions {
        catalogs: args.catalogs.clone(),
        select: args.select.clone(),
        select_lists: args.select_list.clone(),
    };
    let diagnostics = match crate::coverage::check_coverage(
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

/// Leaves a large value for the operating system to reclaim: the command ends the process
/// next, and freeing tens of thousands of parsed documents one by one takes a tenth of a second
/// on a large content set.
fn exiting<T>(value: T) {
    std::mem::forget(value);
}

/// `helpdoc check --lint-drafts`: checks draft pages, reporting at their lines and columns.
fn lint_drafts(args: &CheckArgs, options: &CheckOptions) -> u8 {
    let checked =
        match crate::import::lint::lint_drafts(&args.lint_drafts, &args.content.content, options) {
            Ok(checked) => checked,
            Err(crate::import::lint::LintError::Import(crate::import::ImportError::Images(
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

/// `helpdoc import`: writes content files for the drafts and prints what it could not map.
pub fn import(args: &ImportArgs) -> u8 {
    let options = crate::import::ImportOptions {
        pages: args.pages.clone(),
        out: args.out.clone(),
        force: args.force,
        schema_url: args.schema_url.clone(),
    };
    match crate::import::import(&options) {
        Ok(summary) => {
            for note in &summary.notes {
                eprintln!("{note}");
            }
            if let Some(note) = &summary.schema_note {
                eprintln!("note: {note}");
            }
            let replaced = match summary.overwritten {
                0 => String::new(),
                n => format!(" ({n} replaced)"),
            };
            eprintln!(
                "imported {} into {}: {}{replaced}",
                count(args.pages.len(), "page"),
                args.out.display(),
                count(summary.written.len(), "file")
            );
            eprintln!(
                "next: run `helpdoc check --content {}` to see what to fix",
                args.out.display()
            );
            EXIT_OK
        }
        Err(crate::import::ImportError::Images(refused)) => {
            let code = refused_images(&refused);
            eprintln!("note: nothing was written");
            code
        }
        Err(error) => {
            eprintln!("error: {error}");
            if matches!(error, crate::import::ImportError::Exists(_)) {
                eprintln!(
                    "help: nothing was written; pass `--force` to replace them, or import into another folder"
                );
            }
            EXIT_ENVIRONMENT
        }
    }
}

/// Prints the images the drafts name that were refused (each line already located and with its
/// help): a mistake in the drafts, so the content exit code.
fn refused_images(refused: &[String]) -> u8 {
    for line in refused {
        eprintln!("{line}");
    }
    EXIT_CONTENT
}

/// `helpdoc rules`: prints the rule registry: content rules, then the publishing notes.
pub fn rules(args: &RulesArgs) -> u8 {
    let wanted = |code: &str| args.code.as_deref().is_none_or(|c| c == code);
    let rules: Vec<_> = crate::check::rules::RULES
        .iter()
        .filter(|r| wanted(r.code()))
        .collect();
    let notes: Vec<_> = crate::resolve::NOTE_RULES
        .iter()
        .filter(|r| wanted(r.code))
        .collect();
    let coverage: Vec<_> = crate::coverage::COVERAGE_RULES
        .iter()
        .filter(|r| wanted(r.code))
        .collect();
    if rules.is_empty() && notes.is_empty() && coverage.is_empty() {
        eprintln!(
            "error: no rule is called `{}`",
            args.code.as_deref().unwrap_or_default()
        );
        let codes = crate::check::rules::all_codes();
        if let Some(help) =
            crate::check::suggest::did_you_mean(args.code.as_deref().unwrap_or_default(), codes)
        {
            eprintln!("help: {help}");
        }
        return EXIT_ENVIRONMENT;
    }
    let mut out = std::io::stdout().lock();
    let level_name = |level| match level {
        crate::check::rules::Level::Allow => "allow",
        crate::check::rules::Level::Warn => "warn",
        crate::check::rules::Level::Deny => "deny",
    };
    for rule in rules {
        let level = level_name(rule.default_level());
        let _ = writeln!(out, "{} ({level} by default)", rule.code());
        let _ = writeln!(out, "    {}", rule.description());
        let _ = writeln!(out, "    why: {}", rule.why());
        for (i, line) in rule.example().lines().enumerate() {
            let lead = if i == 0 { "example:" } else { "        " };
            let _ = writeln!(out, "    {lead} {line}");
        }
        let _ = writeln!(out);
    }
    for note in notes {
        let _ = writeln!(
            out,
            "{} (warn by default; found when publications are resolved and exported)",
            note.code
        );
        let _ = writeln!(out, "    {}", note.description);
        let _ = writeln!(out, "    why: {}", note.why);
        let _ = writeln!(out, "    fix: {}", note.help);
        let _ = writeln!(out);
    }
    for rule in coverage {
        let level = level_name(rule.default_level);
        let _ = writeln!(
            out,
            "{} ({level} by default; found by `helpdoc coverage`)",
            rule.code
        );
        let _ = writeln!(out, "    {}", rule.description);
        let _ = writeln!(out, "    why: {}", rule.why);
        let _ = writeln!(out);
    }
    let _ = writeln!(
        out,
        "Set a level in helpdoc.toml in the content folder: [rules] followed by lines such as `spelling = \"warn\"` (allow, warn, deny)."
    );
    EXIT_OK
}

/// Prints a check's diagnostics in the chosen format, then the summary line (on stderr, so JSON
/// output on stdout stays one object per line).
pub fn report(checked: &Checked, args: &ContentArgs) {
    report_diagnostics(&checked.diagnostics, checked, args);
}

/// Prints `diagnostics` (placed in `checked`'s files) as [`report`] does: `check` and `build`
/// show every problem through this one renderer, with the same `help:` lines.
fn report_diagnostics(diagnostics: &[Diagnostic], checked: &Checked, args: &ContentArgs) {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    for diagnostic in diagnostics {
        match args.diagnostic_format {
            DiagnosticFormat::Human => {
                eprintln!("{}\n", render_human(diagnostic, &checked.sources, color))
            }
            DiagnosticFormat::Json => {
                let _ = writeln!(out, "{}", render_json_line(diagnostic, &checked.sources));
            }
        }
    }
    eprintln!(
        "{}",
        summary_line(diagnostics, checked.files_checked, args.deny_warnings)
    );
}

/// Whether these diagnostics fail the run: any error, or any warning under `--deny-warnings`.
fn failing(diagnostics: &[Diagnostic], args: &ContentArgs) -> bool {
    diagnostics
        .iter()
        .any(|d| d.is_error() || args.deny_warnings)
}

/// `helpdoc build`: checks, resolves every publication, runs the exporters and writes their
/// artifacts atomically. Writes nothing when the content has errors.
pub fn build(args: &BuildArgs) -> u8 {
    let started = std::time::Instant::now();
    // Formats are resolved before the content is checked: a mistyped `--format` fails at once,
    // and the exporters can prepare while the check runs.
    let exporters = match crate::build::select_exporters(&args.format, &args.exporters) {
        Ok(exporters) => exporters,
        Err(message) => {
            eprintln!("error: {message}");
            return EXIT_ENVIRONMENT;
        }
    };
    // The exporters' start-up work (fonts) runs while the content is checked.
    let checked = std::thread::scope(|scope| {
        scope.spawn(|| {
            for exporter in &exporters {
                // A failure here shows again, as a clear error, when the exporter runs.
                let _ =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| exporter.prepare()));
            }
        });
        check_folder(&args.content.content, &CheckOptions::default())
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
            args.out.display()
        )
    };
    let wait = if args.no_wait {
        crate::output::Wait::NoWait
    } else {
        crate::output::Wait::Block(&mut waiting)
    };
    let out = crate::output::OutputFolder::open(&args.out, &checked.content.root, args.force, wait)
        .map_err(crate::build::BuildError::Output);
    let built = out.and_then(|out| {
        let exports = crate::build::export(&checked.content, &checked.publications, &exporters)?;
        // What the exporters noted is reported like the check's findings, and decides the same
        // way whether anything is written.
        let notes = crate::check::publishing::note_diagnostics(
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
        crate::build::write(&exports, &out).map(Some)
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
                args.out.display(),
                count(summary.files, "file"),
                started.elapsed()
            );
            EXIT_OK
        }
        Err(error) => {
            eprintln!("error: {error}");
            eprintln!(
                "note: the previous contents of {} are unchanged",
                args.out.display()
            );
            EXIT_ENVIRONMENT
        }
    }
}
