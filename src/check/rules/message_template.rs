//! Rule `message-template`: an error's `message` or `match` wording whose `{placeholders}` cannot be read (see `crate::lookup::template`).

use super::{Finding, Findings, Level, Rule, RuleContext, RuleMeta, TextSite};
use crate::check::locate::span_in_value;
use crate::content::ContentDoc;
use crate::model::{Document, Topic};

/// See the module docs.
pub struct MessageTemplate;

/// What `helpdoc rules` says about this rule, and its level when the project sets none.
const META: RuleMeta = RuleMeta {
    code: "message-template",
    description: "an error message or `match` wording with a placeholder that cannot be read: an unclosed or stray brace, two placeholders with nothing between them, or no words outside the placeholders",
    why: "the in-product help finds errors by their message; a wording it cannot read finds nothing, or finds the wrong error",
    example: "message: Unable to connect: {reason}{detail}",
    default_level: Level::Deny,
};

impl Rule for MessageTemplate {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_document(
        &self,
        cx: &RuleContext<'_>,
        doc: &ContentDoc,
        _texts: &[TextSite],
        findings: &mut Findings,
    ) {
        let Document::Topic(Topic::Error(error)) = &doc.document else {
            return;
        };
        let source = &cx.sources.file(doc.file).text;
        for (pointer, wording) in crate::lookup::wordings(&error.message, &error.match_wordings) {
            let Err(problem) = crate::lookup::parse(wording) else {
                continue;
            };
            let node = doc.node.locate(&pointer).node;
            let range = span_in_value(node, source, wording, problem.range.clone());
            findings.push(Finding::new(
                doc.file,
                range,
                problem.message,
                "not a readable template",
                problem.help,
            ));
        }
    }
}
