//! `helpdoc rules`: the rule registry, printed.

use std::io::Write;

use super::{EXIT_ENVIRONMENT, EXIT_OK, RulesArgs};

/// `helpdoc rules`: prints the rule registry: content rules, the publishing notes, then the
/// coverage findings.
pub(crate) fn rules(args: &RulesArgs) -> u8 {
    let wanted = |code: &str| args.code.as_deref().is_none_or(|c| c == code);
    let rules: Vec<_> = helpdoc::check::rules::RULES
        .iter()
        .map(|r| r.meta())
        .filter(|r| wanted(r.code))
        .collect();
    let notes: Vec<_> = helpdoc::resolve::NOTE_RULES
        .iter()
        .filter(|r| wanted(r.code))
        .collect();
    let coverage: Vec<_> = helpdoc::coverage::COVERAGE_RULES
        .iter()
        .filter(|r| wanted(r.code))
        .collect();
    if rules.is_empty() && notes.is_empty() && coverage.is_empty() {
        eprintln!(
            "error: no rule is called `{}`",
            args.code.as_deref().unwrap_or_default()
        );
        let codes = helpdoc::check::rules::all_codes();
        if let Some(help) =
            helpdoc::check::suggest::did_you_mean(args.code.as_deref().unwrap_or_default(), codes)
        {
            eprintln!("help: {help}");
        }
        return EXIT_ENVIRONMENT;
    }
    let level_name = |level| match level {
        helpdoc::check::rules::Level::Allow => "allow",
        helpdoc::check::rules::Level::Warn => "warn",
        helpdoc::check::rules::Level::Deny => "deny",
    };
    let mut out = std::io::stdout().lock();
    for rule in rules {
        let level = level_name(rule.default_level);
        let _ = writeln!(out, "{} ({level} by default)", rule.code);
        let _ = writeln!(out, "    {}", rule.description);
        let _ = writeln!(out, "    why: {}", rule.why);
        for (i, line) in rule.example.lines().enumerate() {
            let lead = if i == 0 { "example:" } else { "        " };
            let _ = writeln!(out, "    {lead} {line}");
        }
        let _ = writeln!(out);
    }
    for note in notes {
        let _ = writeln!(
            out,
            "{} ({} by default; found when publications are resolved and exported)",
            note.code,
            if note.deny { "deny" } else { "warn" }
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
