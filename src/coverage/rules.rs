//! The coverage findings' codes, each with a default level that `[rules]` in `helpdoc.toml` changes, as for content rules.

use crate::check::rules::{Level, RuleConfig};
use crate::diag::{Diagnostic, Severity};

/// A kind of coverage finding.
#[derive(Debug, PartialEq, Eq)]
pub struct CoverageRule {
    /// The code, used in diagnostics and in `helpdoc.toml`.
    pub code: &'static str,
    /// One line: what it catches.
    pub description: &'static str,
    /// Why it matters.
    pub why: &'static str,
    /// Its level when the project does not set one.
    pub default_level: Level,
}

/// An error in the catalog that no help covers.
pub const UNDOCUMENTED_ERROR: CoverageRule = CoverageRule {
    code: "undocumented-error",
    description: "an error in the product's catalog that no error topic covers (by code or message)",
    why: "users who see it get no help beside it",
    default_level: Level::Warn,
};

/// Help for an error the catalog no longer has.
pub const ORPHAN_HELP: CoverageRule = CoverageRule {
    code: "orphan-help",
    description: "an error topic for a message the product's catalog no longer has (symptoms are never orphans)",
    why: "the product renamed or dropped the error, so the help is never shown",
    default_level: Level::Warn,
};

/// Help whose placeholders differ from the catalog message's.
pub const PLACEHOLDER_MISMATCH: CoverageRule = CoverageRule {
    code: "placeholder-mismatch",
    description: "an error topic's message placeholders differ from those of its catalog message",
    why: "the help's template no longer matches what the product shows, so it is not found",
    default_level: Level::Deny,
};

/// Every coverage rule, sorted by code.
pub static COVERAGE_RULES: &[&CoverageRule] =
    &[&ORPHAN_HELP, &PLACEHOLDER_MISMATCH, &UNDOCUMENTED_ERROR];

impl CoverageRule {
    /// A finding of this rule at its level in `config`; `None` when the level is `allow`.
    pub fn finding(&self, config: &RuleConfig, message: String) -> Option<Diagnostic> {
        let level = config.level_of(self.code).unwrap_or(self.default_level);
        let severity = match level {
            Level::Allow => return None,
            Level::Warn => Severity::Warning,
            Level::Deny => Severity::Error,
        };
        Some(match severity {
            Severity::Warning => Diagnostic::warning(self.code, message),
            Severity::Error => Diagnostic::error(self.code, message),
        })
    }
}
