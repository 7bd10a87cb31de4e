//! The help for one found error as plain text for a terminal (`helpdoc lookup`), safe to print.

use std::fmt::Write;

use super::{Found, MatchedBy};
use crate::bundle::{FormattedText, HelpStep, ProcedureRef};

/// The help as plain text: title, message, summary, each cause with its steps and the procedure
/// to follow, and the docs links. The bundle is untrusted: control characters (a terminal's
/// escape sequences) and invisible characters are shown as `<U+XXXX>`.
pub fn help_text(found: &Found<'_>) -> String {
    let error = found.error;
    let mut out = String::new();
    let mut line = |indent: usize, text: &str| {
        if text.is_empty() {
            out.push('\n');
        }
        for (i, part) in text.lines().enumerate() {
            let lead = if i == 0 { "" } else { "  " };
            let _ = writeln!(out, "{:indent$}{lead}{}", "", safe(part));
        }
    };
    line(0, &error.title);
    let how = match found.by {
        MatchedBy::Code => "found by its code",
        MatchedBy::Message => "found by its message",
        MatchedBy::Template => "found by its message template",
    };
    line(0, &format!("Message: {} ({how})", error.message));
    if let Some(code) = &error.code {
        line(0, &format!("Code: {code}"));
    }
    for (name, value) in &found.values {
        line(0, &format!("  {name} = {value}"));
    }
    if let Some(summary) = &error.summary {
        line(0, "");
        line(0, &summary.text);
    }
    if let Some(intro) = &error.intro {
        line(0, "");
        line(0, &intro.text);
    }
    let recoverable = if error.user_recoverable {
        "The user can fix this."
    } else {
        "An administrator or support needs to fix this."
    };
    line(0, "");
    line(0, recoverable);
    for (i, cause) in error.causes.iter().enumerate() {
        line(0, "");
        line(0, &format!("Cause {}: {}", i + 1, cause.text));
        for more in &cause.more_causes {
            line(0, &format!("  or: {}", more.text));
        }
        let resolution = &cause.resolution;
        formatted(&mut line, 2, resolution.intro.as_ref());
        steps(&mut line, 2, &resolution.steps);
        if let Some(procedure) = &resolution.procedure {
            follow(&mut line, 2, procedure);
        }
        if let Some(url) = &cause.docs_url {
            line(2, &format!("More: {url}"));
        }
    }
    if let Some(url) = &error.docs_url {
        line(0, "");
        line(0, &format!("Docs: {url}"));
    }
    for link in error.learn_more.iter().chain(&error.source) {
        line(0, &format!("{} {} <{}>", link.label, link.title, link.url));
    }
    out
}

fn formatted(line: &mut impl FnMut(usize, &str), indent: usize, text: Option<&FormattedText>) {
    if let Some(text) = text {
        line(indent, &text.text);
    }
}

fn steps(line: &mut impl FnMut(usize, &str), indent: usize, steps: &[HelpStep]) {
    for (i, step) in steps.iter().enumerate() {
        line(indent, &format!("{}. {}", i + 1, step.text));
        formatted(line, indent + 3, step.details.as_ref());
        formatted(line, indent + 3, step.result.as_ref());
        formatted(line, indent + 3, step.after_result.as_ref());
        self::steps(line, indent + 3, &step.substeps);
        for branch in &step.branches {
            if let Some(title) = &branch.title {
                line(indent + 3, title);
            }
            formatted(line, indent + 3, branch.details.as_ref());
            line(
                indent + 3,
                &format!(
                    "If {}: follow \"{}\"",
                    branch.condition.text, branch.procedure.title
                ),
            );
            if let Some(url) = &branch.procedure.docs_url {
                line(indent + 5, url);
            }
        }
    }
}

fn follow(line: &mut impl FnMut(usize, &str), indent: usize, procedure: &ProcedureRef) {
    line(indent, &format!("Follow \"{}\"", procedure.title));
    steps(line, indent + 2, &procedure.steps);
    if let Some(url) = &procedure.docs_url {
        line(indent + 2, url);
    }
}

/// `text` with control and invisible characters shown as `<U+XXXX>` (tabs kept).
fn safe(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if (c.is_control() && c != '\t') || crate::text::invisible::is_invisible(c) {
            let _ = write!(out, "<U+{:04X}>", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::safe;

    #[test]
    fn escapes_terminal_controls() {
        assert_eq!(
            safe("a\u{1b}[31mb\u{202e}c\td"),
            "a<U+001B>[31mb<U+202E>c\td"
        );
    }
}
