//! Rule `unsafe-link`: a link in text with a scheme other than https, http or mailto, a relative target, or a malformed site route.

use super::{Finding, Findings, Level, Rule, RuleContext, RuleMeta, TextSite};
use crate::content::ContentDoc;

/// See the module docs.
pub struct UnsafeLink;

/// The problem code rich-text parsing gives such links.
pub const CODE: &str = "unsafe-link";

/// What `helpdoc rules` says about this rule, and its level when the project sets none.
const META: RuleMeta = RuleMeta {
    code: CODE,
    description: "a link to `javascript:`, `data:` or another unsafe scheme, to a relative path that no output format can resolve, or to a malformed site route (`/a/../b`, `//host`)",
    why: "script links run code in the reader's browser or product; relative links break in every channel but one. Exporters show such links as plain text",
    example: "- paragraph: Click [here](javascript:alert(1)).",
    default_level: Level::Deny,
};

impl Rule for UnsafeLink {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_document(
        &self,
        cx: &RuleContext<'_>,
        doc: &ContentDoc,
        texts: &[TextSite],
        findings: &mut Findings,
    ) {
        for site in texts.iter().filter(|s| s.role.is_none()) {
            for problem in site.links().problems.iter().cloned() {
                if problem.code != CODE {
                    continue;
                }
                findings.push(Finding::new(
                    doc.file,
                    site.source_range(cx, problem.range),
                    problem.message,
                    "here",
                    problem.help,
                ));
            }
        }
    }
}
