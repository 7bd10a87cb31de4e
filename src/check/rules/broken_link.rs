//! Rule `broken-link`: a cross-reference in text (`[text](topic:ID#ANCHOR)`) to a topic or anchor that does not exist.

use super::{Finding, Findings, Level, Rule, RuleContext, TextSite};
use crate::check::suggest::did_you_mean;
use crate::content::ContentDoc;
use crate::model::DocumentFamily;
use crate::model::walk::anchors;

/// See the module docs.
pub struct BrokenLink;

impl Rule for BrokenLink {
    fn code(&self) -> &'static str {
        "broken-link"
    }
    fn description(&self) -> &'static str {
        "a `topic:ID` or `topic:ID#ANCHOR` link in text whose topic or anchor does not exist"
    }
    fn why(&self) -> &'static str {
        "a broken link is a dead end exactly where the reader needed the next step; exporters can only show its text"
    }
    fn example(&self) -> &'static str {
        "- paragraph: See [roles](topic:roles-permisions#assign)."
    }
    fn default_level(&self) -> Level {
        Level::Deny
    }
    fn check_document(
        &self,
        cx: &RuleContext<'_>,
        doc: &ContentDoc,
        texts: &[TextSite],
        findings: &mut Findings,
    ) {
        for site in texts.iter().filter(|s| s.role.is_none()) {
            for xref in &site.links().xrefs {
                // Located only for a finding: most links are fine.
                let range = || site.source_range(cx, doc, xref.range.clone());
                let Some(target) = cx.content.topic(&xref.topic) else {
                    let exists = (cx.content.invalid(&xref.topic))
                        .is_some_and(|doc| doc.may_be(DocumentFamily::Topic));
                    if exists {
                        // The topic failed to load (reported in its own file): the link is
                        // right, and its anchor cannot be checked until the topic is fixed.
                        continue;
                    }
                    let help = did_you_mean(&xref.topic, cx.content.ids())
                        .unwrap_or_else(|| "check the id, or add a topic with this id".to_string());
                    findings.push(Finding::new(
                        doc.file,
                        range(),
                        format!("this link refers to unknown topic `{}`", xref.topic),
                        "no topic has this id",
                        help,
                    ));
                    continue;
                };
                let Some(anchor) = &xref.anchor else {
                    continue;
                };
                let known: Vec<String> = anchors(target).into_iter().map(|(a, _)| a).collect();
                if known.contains(anchor) {
                    continue;
                }
                let help =
                    did_you_mean(anchor, known.iter().map(String::as_str)).unwrap_or_else(|| {
                        if known.is_empty() {
                            format!(
                                "`{}` defines no anchors; give the step or cause you mean an `id`",
                                xref.topic
                            )
                        } else {
                            format!("the anchors in `{}` are: {}", xref.topic, known.join(", "))
                        }
                    });
                findings.push(Finding::new(
                    doc.file,
                    range(),
                    format!("topic `{}` has no anchor `{anchor}`", xref.topic),
                    "unknown anchor",
                    help,
                ));
            }
        }
    }
}
