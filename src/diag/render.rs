//! Renders diagnostics rustc-style for people and as JSON lines for editors and CI.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde_json::json;

use super::{Diagnostic, Severity, SourceMap};

/// How `check` and `build` print diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum DiagnosticFormat {
    /// rustc-style snippets with the offending text underlined.
    #[default]
    Human,
    /// One JSON object per line.
    Json,
}

/// Renders one diagnostic as a rustc-style snippet (no trailing newline).
pub fn render_human(diagnostic: &Diagnostic, sources: &SourceMap, color: bool) -> String {
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let mut title = level
        .primary_title(diagnostic.message.as_str())
        .id(diagnostic.code.as_str());
    let mut groups = Vec::new();
    if let Some(primary) = &diagnostic.primary {
        let file = sources.file(primary.file);
        let mut snippet = Snippet::source(file.text.as_str())
            .path(file.name.as_str())
            .fold(true);
        snippet = snippet.annotation(annotation(AnnotationKind::Primary, primary, &file.text));
        for label in diagnostic
            .secondary
            .iter()
            .filter(|l| l.file == primary.file)
        {
            snippet = snippet.annotation(annotation(AnnotationKind::Context, label, &file.text));
        }
        let mut group = title.element(snippet);
        for label in diagnostic
            .secondary
            .iter()
            .filter(|l| l.file != primary.file)
        {
            let other = sources.file(label.file);
            group = group.element(
                Snippet::source(other.text.as_str())
                    .path(other.name.as_str())
                    .fold(true)
                    .annotation(annotation(AnnotationKind::Context, label, &other.text)),
            );
        }
        if let Some(help) = &diagnostic.help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        groups.push(group);
    } else {
        title = title.id(diagnostic.code.as_str());
        let mut group = Group::with_title(title);
        if let Some(help) = &diagnostic.help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        groups.push(group);
    }
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    renderer.render(&groups)
}

fn annotation<'a>(
    kind: AnnotationKind,
    label: &'a super::Label,
    text: &str,
) -> annotate_snippets::Annotation<'a> {
    // Spans must fall on character boundaries: widen them outward if they do not.
    let mut start = label.range.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = label.range.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    kind.span(start..end).label(if label.text.is_empty() {
        None
    } else {
        Some(label.text.as_str())
    })
}

/// Renders one diagnostic as a single-line JSON object for editors and CI.
pub fn render_json_line(diagnostic: &Diagnostic, sources: &SourceMap) -> String {
    let (file, start, end) = match &diagnostic.primary {
        Some(label) => {
            let file = sources.file(label.file);
            (
                Some(file.name.as_str()),
                Some(file.line_col(label.range.start)),
                Some(file.line_col(label.range.end.max(label.range.start))),
            )
        }
        None => (None, None, None),
    };
    json!({
        "severity": diagnostic.severity.as_str(),
        "code": diagnostic.code,
        "message": diagnostic.message,
        "file": file,
        "line": start.map(|p| p.line),
        "column": start.map(|p| p.column),
        "end_line": end.map(|p| p.line),
        "end_column": end.map(|p| p.column),
        "label": diagnostic.primary.as_ref().map(|l| l.text.as_str()),
        "help": diagnostic.help,
    })
    .to_string()
}

/// The closing line: "error: 3 errors and 1 warning in 2 files" or "checked 24 files: no problems".
pub fn summary_line(
    diagnostics: &[Diagnostic],
    files_checked: usize,
    deny_warnings: bool,
) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let mut files: Vec<_> = diagnostics
        .iter()
        .filter_map(|d| d.primary.as_ref().map(|l| l.file))
        .collect();
    files.sort();
    files.dedup();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    if errors == 0 && warnings == 0 {
        return format!(
            "checked {}: no problems found",
            plural(files_checked, "file")
        );
    }
    let failing = errors > 0 || (deny_warnings && warnings > 0);
    let mut counts = Vec::new();
    if errors > 0 {
        counts.push(plural(errors, "error"));
    }
    if warnings > 0 {
        counts.push(plural(warnings, "warning"));
    }
    format!(
        "{}: {} in {} (of {} checked)",
        if failing { "error" } else { "warning" },
        counts.join(" and "),
        plural(files.len().max(1), "file"),
        files_checked
    )
}
