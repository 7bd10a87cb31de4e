//! Renders diagnostics rustc-style for people and as JSON lines for editors and CI.

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use serde_json::json;

use std::ops::Range;

use super::words::count;
use super::{Diagnostic, Label, Severity, SourceFile, SourceMap};

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
        let same_file: Vec<&Label> = diagnostic
            .secondary
            .iter()
            .filter(|l| l.file == primary.file)
            .collect();
        let labels: Vec<&Label> = std::iter::once(primary).chain(same_file).collect();
        let window = Window::around(file, &labels);
        let mut group = if window.is_shown() {
            let mut snippet = window.snippet(file);
            snippet = snippet.annotation(window.annotation(AnnotationKind::Primary, primary, file));
            for label in &labels[1..] {
                snippet =
                    snippet.annotation(window.annotation(AnnotationKind::Context, label, file));
            }
            title.element(snippet)
        } else {
            let group = title.element(origin(file, primary));
            labels.iter().enumerate().fold(group, |group, (i, label)| {
                // The primary label's place is the `-->` line above; the others name theirs.
                group.element(Level::NOTE.message(unshown(file, label, &window, i > 0)))
            })
        };
        for label in diagnostic
            .secondary
            .iter()
            .filter(|l| l.file != primary.file)
        {
            let other = sources.file(label.file);
            let window = Window::around(other, &[label]);
            group = if window.is_shown() {
                group.element(window.snippet(other).annotation(window.annotation(
                    AnnotationKind::Context,
                    label,
                    other,
                )))
            } else {
                group.element(Level::NOTE.message(unshown(other, label, &window, true)))
            };
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

/// The longest source line a diagnostic quotes, in bytes. The renderer's work grows with the
/// lines it is given, so a one-line (minified) file with many findings would take time quadratic
/// in its size; past this, a diagnostic names the place and its labels instead of quoting.
const MAX_SHOWN_LINE_BYTES: usize = 2048;

/// `--> file:line:column` of a label, for a diagnostic whose lines are too long to show.
fn origin<'a>(file: &'a SourceFile, label: &Label) -> Origin<'a> {
    let at = file.line_col(char_span(&label.range, &file.text).start);
    Origin::path(file.name.as_str())
        .line(at.line)
        .char_column(at.column)
}

/// A label of a diagnostic whose lines are not shown: its text, and its place when asked.
fn unshown(file: &SourceFile, label: &Label, window: &Window, with_place: bool) -> String {
    let mut note = String::new();
    if with_place {
        let at = file.line_col(char_span(&label.range, &file.text).start);
        note.push_str(&format!("{}:{}:{}: ", file.name, at.line, at.column));
    }
    if !label.text.is_empty() {
        note.push_str(&label.text);
        note.push(' ');
    }
    note.push_str(&format!(
        "(the source line is {} bytes long, too long to show)",
        window.longest_line
    ));
    note
}

/// The whole lines of a file that a diagnostic's labels cover: only these are given to the
/// renderer, so rendering costs the size of the snippet, not of the file (a file with thousands
/// of findings would otherwise take quadratic time).
struct Window {
    /// Byte range of the lines in the file's text.
    range: Range<usize>,
    /// The 1-based number of the first line.
    first_line: usize,
    /// The length of its longest line, in bytes.
    longest_line: usize,
}

impl Window {
    fn around(file: &SourceFile, labels: &[&Label]) -> Window {
        let text = file.text.as_str();
        let spans: Vec<Range<usize>> = labels.iter().map(|l| char_span(&l.range, text)).collect();
        let low = spans.iter().map(|s| s.start).min().unwrap_or(0);
        let high = spans.iter().map(|s| s.end).max().unwrap_or(0);
        let start = text[..low].rfind('\n').map_or(0, |i| i + 1);
        let end = text[high..].find('\n').map_or(text.len(), |i| high + i);
        Window {
            range: start..end,
            first_line: file.line_col(start).line,
            longest_line: text[start..end]
                .split('\n')
                .map(str::len)
                .max()
                .unwrap_or(0),
        }
    }

    /// Whether the lines are short enough to quote (see [`MAX_SHOWN_LINE_BYTES`]).
    fn is_shown(&self) -> bool {
        self.longest_line <= MAX_SHOWN_LINE_BYTES
    }

    fn snippet<'a>(&self, file: &'a SourceFile) -> Snippet<'a, annotate_snippets::Annotation<'a>> {
        Snippet::source(&file.text[self.range.clone()])
            .line_start(self.first_line)
            .path(file.name.as_str())
            .fold(true)
    }

    fn annotation<'a>(
        &self,
        kind: AnnotationKind,
        label: &'a Label,
        file: &SourceFile,
    ) -> annotate_snippets::Annotation<'a> {
        let span = char_span(&label.range, &file.text);
        let shift = self.range.start;
        kind.span(span.start - shift..span.end - shift)
            .label(if label.text.is_empty() {
                None
            } else {
                Some(label.text.as_str())
            })
    }
}

/// A label's range inside the text and on character boundaries (widened outward if it is not).
fn char_span(range: &Range<usize>, text: &str) -> Range<usize> {
    let mut start = range.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = range.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// Renders one diagnostic as a single-line JSON object for editors and CI.
pub fn render_json_line(diagnostic: &Diagnostic, sources: &SourceMap) -> String {
    render_json(diagnostic, sources).to_string()
}

/// A diagnostic as the JSON object [`render_json_line`] prints (the preview's error overlay
/// shows the same fields).
pub fn render_json(diagnostic: &Diagnostic, sources: &SourceMap) -> serde_json::Value {
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
}

/// The closing line: "error: 3 errors and 1 warning in 2 files (of 24 checked)" or
/// "checked 24 files: no problems found".
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
    if errors == 0 && warnings == 0 {
        return format!(
            "checked {}: no problems found",
            count(files_checked, "file")
        );
    }
    let failing = errors > 0 || (deny_warnings && warnings > 0);
    let mut counts = Vec::new();
    if errors > 0 {
        counts.push(count(errors, "error"));
    }
    if warnings > 0 {
        counts.push(count(warnings, "warning"));
    }
    // Problems with no place in the content (an exporter's own) are in no file.
    let place = match files.len() {
        0 => format!("({} checked)", count(files_checked, "file")),
        n => format!("in {} (of {files_checked} checked)", count(n, "file")),
    };
    format!(
        "{}: {} {place}",
        if failing { "error" } else { "warning" },
        counts.join(" and "),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_show_the_labelled_lines_with_their_numbers() {
        let text: String = (1..=5000).map(|i| format!("key{i}: {i}\n")).collect();
        let at = text.find("key4000").unwrap_or_default();
        let mut sources = SourceMap::new();
        let file = sources.add(SourceFile::new("big.yaml", text));
        let diagnostic = Diagnostic::error("x", "bad")
            .at(file, at..at + 7, "here")
            .also(file, 0..4, "first");
        let out = render_human(&diagnostic, &sources, false);
        assert!(out.contains("big.yaml:4000:1"), "{out}");
        assert!(out.contains("4000 | key4000: 4000"), "{out}");
        assert!(out.contains("   1 | key1: 1"), "{out}");
        assert!(out.lines().count() < 20, "{out}");
    }
}
