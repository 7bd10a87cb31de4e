//! Content rules: findings about drafting leftovers and quality, one rule per file, each with a
//! configurable level (`allow`, `warn`, `deny`) set in `helpdoc.toml`.

mod empty_section;
mod missing_alt_text;
mod placeholder;

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;

use crate::content::{ContentDoc, ContentSet};
use crate::diag::{Diagnostic, Severity, SourceMap};

/// How a rule's findings are reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Not reported.
    Allow,
    /// Reported as a warning.
    Warn,
    /// Reported as an error.
    Deny,
}

/// A content rule. Adding a rule is adding a file that implements this and listing it in [`RULES`].
pub trait Rule: Sync {
    /// The rule's code, used in diagnostics and in `helpdoc.toml`.
    fn code(&self) -> &'static str;
    /// One line: what it catches.
    fn description(&self) -> &'static str;
    /// Why it matters to readers.
    fn why(&self) -> &'static str;
    /// A short example of text it flags.
    fn example(&self) -> &'static str;
    /// Its level when the project does not set one.
    fn default_level(&self) -> Level;
    /// Reports findings for the whole content set.
    fn check(&self, cx: &RuleContext<'_>, findings: &mut Findings);
}

/// Every rule, sorted by code.
pub static RULES: &[&dyn Rule] = &[
    &empty_section::EmptySection,
    &missing_alt_text::MissingAltText,
    &placeholder::Placeholder,
];

/// What a rule can read.
pub struct RuleContext<'a> {
    /// The loaded content.
    pub content: &'a ContentSet,
    /// The source texts.
    pub sources: &'a SourceMap,
}

/// A finding before its level is applied.
pub struct Finding {
    /// Where.
    pub doc_file: crate::diag::FileId,
    /// Byte range.
    pub range: Range<usize>,
    /// What is wrong (names the offending text).
    pub message: String,
    /// The label under the underline.
    pub label: String,
    /// How to fix it.
    pub help: String,
}

/// Collects one rule's findings.
#[derive(Default)]
pub struct Findings {
    items: Vec<Finding>,
}

impl Findings {
    /// Adds a finding at a JSON pointer in a document (the whole value).
    pub fn at_pointer(
        &mut self,
        doc: &ContentDoc,
        pointer: &str,
        message: String,
        label: &str,
        help: String,
    ) {
        let range = doc.node.locate(pointer).node.span.clone();
        self.push(Finding {
            doc_file: doc.file,
            range,
            message,
            label: label.to_string(),
            help,
        });
    }

    /// Adds a finding.
    pub fn push(&mut self, finding: Finding) {
        self.items.push(finding);
    }
}

/// Rule levels from the project's `helpdoc.toml` (`[rules]` table: `code = "allow" | "warn" | "deny"`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleConfig {
    /// Levels by rule code.
    #[serde(default)]
    pub rules: BTreeMap<String, Level>,
}

impl RuleConfig {
    /// The level for a rule.
    pub fn level(&self, rule: &dyn Rule) -> Level {
        self.rules
            .get(rule.code())
            .copied()
            .unwrap_or(rule.default_level())
    }

    /// Codes in the config that name no rule.
    pub fn unknown_codes(&self) -> Vec<&str> {
        self.rules
            .keys()
            .map(String::as_str)
            .filter(|c| !RULES.iter().any(|r| r.code() == *c))
            .collect()
    }
}

/// Runs every rule that is not allowed, and returns its findings as diagnostics.
pub fn run_rules(cx: &RuleContext<'_>, config: &RuleConfig) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in RULES {
        let severity = match config.level(*rule) {
            Level::Allow => continue,
            Level::Warn => Severity::Warning,
            Level::Deny => Severity::Error,
        };
        let mut findings = Findings::default();
        rule.check(cx, &mut findings);
        for f in findings.items {
            let mut d = match severity {
                Severity::Error => Diagnostic::error(rule.code(), f.message),
                Severity::Warning => Diagnostic::warning(rule.code(), f.message),
            };
            d = d.at(f.doc_file, f.range, f.label).help(f.help);
            out.push(d);
        }
    }
    out
}
