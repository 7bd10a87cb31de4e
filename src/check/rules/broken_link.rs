//! Rule `broken-link`: a cross-reference in text (`[text](topic:ID#ANCHOR)`) to a topic or anchor that does not exist, or a site link (`[text](/route)`) to a route `[site] routes` does not declare.

use super::{Finding, Findings, Level, Rule, RuleContext, RuleMeta, TextSite};
use crate::check::suggest::did_you_mean;
use crate::content::ContentDoc;
use crate::model::DocumentFamily;
use crate::model::inline::normal_route;
use crate::model::walk::anchors;

/// See the module docs.
pub struct BrokenLink;

/// What `helpdoc rules` says about this rule, and its level when the project sets none.
const META: RuleMeta = RuleMeta {
    code: "broken-link",
    description: "a `topic:ID` or `topic:ID#ANCHOR` link in text whose topic or anchor does not exist, or a `/route` link to a route that `[site] routes` in helpdoc.toml does not declare",
    why: "a broken link is a dead end exactly where the reader needed the next step; exporters can only show its text",
    example: "- paragraph: See [roles](topic:roles-permisions#assign).",
    default_level: Level::Deny,
};

impl Rule for BrokenLink {
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
            for link in &site.links().site_links {
                let Some((message, label, help)) = site_route_problem(cx, &link.route) else {
                    continue;
                };
                let range = site.source_range(cx, link.range.clone());
                findings.push(Finding::new(doc.file, range, message, label, help));
            }
            for xref in &site.links().xrefs {
                // Located only for a finding: most links are fine.
                let range = || site.source_range(cx, xref.range.clone());
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

/// What is wrong with a link to the site route `route`, if anything: a route `[site] routes` does
/// not declare (with the closest declared one), or no `[site] base_url` for the other formats'
/// absolute address.
fn site_route_problem(cx: &RuleContext<'_>, route: &str) -> Option<(String, &'static str, String)> {
    let site = &cx.config.site;
    let declared = (site.routes.iter()).any(|r| normal_route(r) == normal_route(route));
    if !declared {
        let help = did_you_mean(route, site.routes.iter().map(String::as_str)).unwrap_or_else(|| {
            format!("declare it under `[site]` in helpdoc.toml (`routes = [\"{route}\"]`) once the docs site has that page, or link a topic with `topic:ID`")
        });
        return Some((
            format!(
                "this link refers to the site route `{route}`, which `[site] routes` does not declare"
            ),
            "undeclared route",
            help,
        ));
    }
    if site.base_url.is_none() {
        return Some((
            format!("the site route `{route}` needs the site's address for HTML, PDF and the help bundle"),
            "no `[site] base_url`",
            "set `base_url` under `[site]` in helpdoc.toml; the other formats link its origin followed by the route".to_string(),
        ));
    }
    None
}
