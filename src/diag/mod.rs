//! Diagnostics: one type for every problem helpdoc reports, with source positions and a fix hint.

mod render;
mod source_map;
pub mod suggest;
pub mod words;

pub use render::{render_human, render_json, render_json_line, summary_line};
pub use source_map::{FileId, LineCol, SourceFile, SourceMap};

use std::ops::Range;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Reported, but does not fail the run (unless `--deny-warnings`).
    Warning,
    /// Fails the run; nothing is built.
    Error,
}

impl Severity {
    /// The lowercase name used in rendered output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A place in a source file and what to say about it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Label {
    /// The file.
    pub file: FileId,
    /// Byte range in the file's text (may be empty: a point).
    pub range: Range<usize>,
    /// A short text shown under the underline.
    pub text: String,
}

impl Label {
    /// A label over `range` in `file`.
    pub fn new(file: FileId, range: Range<usize>, text: impl Into<String>) -> Self {
        Label {
            file,
            range,
            text: text.into(),
        }
    }
}

/// One problem: what, where, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A stable kebab-case code (`dangling-ref`, `schema`, `yaml-syntax`, a lint rule's name, …).
    pub code: String,
    /// One sentence saying what is wrong.
    pub message: String,
    /// Where it is; `None` for problems with no source position (e.g. an unreadable folder).
    pub primary: Option<Label>,
    /// Related places ("first defined here").
    pub secondary: Vec<Label>,
    /// How to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error with the given code and message.
    pub fn error(code: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic::new(Severity::Error, code, message)
    }

    /// A warning with the given code and message.
    pub fn warning(code: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic::new(Severity::Warning, code, message)
    }

    fn new(severity: Severity, code: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            code: code.into(),
            message: message.into(),
            primary: None,
            secondary: Vec::new(),
            help: None,
        }
    }

    /// Sets the primary label.
    pub fn at(mut self, file: FileId, range: Range<usize>, text: impl Into<String>) -> Self {
        self.primary = Some(Label::new(file, range, text));
        self
    }

    /// Adds a secondary label.
    pub fn also(mut self, file: FileId, range: Range<usize>, text: impl Into<String>) -> Self {
        self.secondary.push(Label::new(file, range, text));
        self
    }

    /// Sets the help text.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets the help text if there is one.
    pub fn maybe_help(mut self, help: Option<String>) -> Self {
        if help.is_some() {
            self.help = help;
        }
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Sorts diagnostics by file, position, then code, so output is the same in any load order.
pub fn sort(diagnostics: &mut [Diagnostic], sources: &SourceMap) {
    diagnostics.sort_by(|a, b| {
        let key = |d: &Diagnostic| {
            d.primary.as_ref().map(|l| {
                (
                    sources.file(l.file).name.as_str(),
                    l.range.start,
                    l.range.end,
                )
            })
        };
        key(a)
            .cmp(&key(b))
            .then_with(|| a.code.cmp(&b.code))
            .then_with(|| a.message.cmp(&b.message))
    });
}
