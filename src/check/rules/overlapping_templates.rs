//! Rule `overlapping-templates`: two error topics whose message templates can match the same product message.

use std::collections::HashMap;

use super::{Finding, Findings, Level, Rule, RuleContext, RuleMeta};
use crate::content::ContentDoc;
use crate::lookup::{Pattern, Template};
use crate::model::DocumentKind;
use crate::model::Topic;

/// See the module docs.
pub struct OverlappingTemplates;

/// One template and where it is written.
struct Site<'a> {
    doc: &'a ContentDoc,
    pointer: String,
    wording: &'a str,
    template: Template,
}

/// What `helpdoc rules` says about this rule, and its level when the project sets none.
const META: RuleMeta = RuleMeta {
    code: "overlapping-templates",
    description: "two error topics with message templates that some product message matches both",
    why: "the in-product help then shows whichever template has more literal text, which may be the wrong help",
    example: "`Unable to connect: {reason}` in one topic and `Unable to {action}` in another both match \"Unable to connect: timeout\"",
    default_level: Level::Deny,
};

impl Rule for OverlappingTemplates {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn content_reads_kind(&self, kind: DocumentKind) -> bool {
        // Only error topics have message templates.
        kind == DocumentKind::Error
    }
    fn check_content(&self, cx: &RuleContext<'_>, findings: &mut Findings) {
        let mut sites = Vec::new();
        for (doc, topic) in cx.content.topics() {
            let Topic::Error(error) = topic else { continue };
            for (pointer, wording) in crate::lookup::wordings(&error.message, &error.match_wordings)
            {
                if let Ok(Pattern::Template(template)) = crate::lookup::parse(wording) {
                    sites.push(Site {
                        doc,
                        pointer,
                        wording,
                        template,
                    });
                }
            }
        }
        // Two templates can only match the same text when one's leading literal text starts
        // with the other's: look up each leading text's prefixes instead of comparing all pairs.
        let mut by_lead: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, site) in sites.iter().enumerate() {
            by_lead
                .entry(&site.template.literals[0])
                .or_default()
                .push(i);
        }
        for (i, site) in sites.iter().enumerate() {
            let lead = &site.template.literals[0];
            let prefixes = lead
                .char_indices()
                .map(|(at, _)| at)
                .chain([lead.len()])
                .map(|at| &lead[..at]);
            for prefix in prefixes {
                for &j in by_lead.get(prefix).into_iter().flatten() {
                    // Equal leads are found from both sides: report the pair once.
                    let other = &sites[j];
                    if (prefix.len() == lead.len() && j <= i)
                        || other.doc.id() == site.doc.id()
                        || !site.template.overlaps(&other.template)
                    {
                        continue;
                    }
                    let (first, second) = if j < i { (other, site) } else { (site, other) };
                    report(first, second, findings);
                }
            }
        }
    }
}

fn report(first: &Site<'_>, second: &Site<'_>, findings: &mut Findings) {
    let span = |site: &Site<'_>| site.doc.node.locate(&site.pointer).node.span.clone();
    findings.push(
        Finding::new(
            second.doc.file,
            span(second),
            format!(
                "the template \"{}\" of `{}` and the template \"{}\" of `{}` can match the same message",
                second.wording,
                second.doc.id(),
                first.wording,
                first.doc.id()
            ),
            "overlaps",
            "reword one so that no product message matches both (keep more of the product's literal text), or merge the topics".into(),
        )
        .also(first.doc.file, span(first), "the other template"),
    );
}
