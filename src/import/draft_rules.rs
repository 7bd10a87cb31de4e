//! The findings `--lint-drafts` makes on the draft pages themselves, which the imported content
//! no longer shows: headings that skip a level, links between drafts whose text quotes another
//! title than the linked page's, and which `unsafe-link` findings are site links that work.

use std::ops::Range;

use super::DraftPage;
use super::site::{self, DraftLink, SitePage};
use crate::check::rules::{
    HeadingLevelSkip, Rule, StaleLinkText, heading_skips, quotes_another_title,
};
use crate::diag::{Diagnostic, FileId, Severity};
use crate::load::ProjectConfig;
use crate::model::inline::XRefSite;

/// The drafts as their site serves them, with their links.
pub struct DraftSite {
    pages: Vec<SitePage>,
    /// Each page's links.
    links: Vec<Vec<DraftLink>>,
}

impl DraftSite {
    /// Reads the drafts' routes, anchors, titles and links.
    pub fn read(drafts: &[DraftPage]) -> DraftSite {
        let (pages, links) = site::read(drafts).into_iter().unzip();
        DraftSite { pages, links }
    }

    /// Whether `range` of the draft `page` is (in) a link to a page or anchor among the drafts
    /// that exists: a site link that works on the site, not an unsafe link.
    pub fn works(&self, page: usize, range: &Range<usize>) -> bool {
        let pages = &self.pages;
        self.links[page].iter().any(|link| {
            link.range.start <= range.start
                && range.end <= link.range.end
                && site::follow(pages, page, &link.target).is_some_and(|(_, found)| found)
        })
    }

    /// The findings of the draft-only rules, at each rule's configured level.
    pub fn findings(&self, drafts: &[DraftPage], config: &ProjectConfig) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let pages = &self.pages;
        for (index, draft) in drafts.iter().enumerate() {
            let file = FileId(index);
            if let Some(severity) = severity(config, &HeadingLevelSkip) {
                let front = super::frontmatter::split(&draft.text, &mut Vec::new());
                let titled = front.text("title").is_some();
                for skip in heading_skips(&draft.text, front.body_start, titled) {
                    out.push(
                        diagnostic(
                            &HeadingLevelSkip,
                            severity,
                            format!(
                                "a level-{} heading right after a level-{} one",
                                skip.level, skip.after
                            ),
                        )
                        .at(file, skip.range, "skips a level")
                        .help(format!(
                            "make it a level-{} heading ({}), or add the heading it belongs under",
                            skip.after + 1,
                            "#".repeat(usize::from(skip.after) + 1)
                        )),
                    );
                }
            }
            if let Some(severity) = severity(config, &StaleLinkText) {
                for link in &self.links[index] {
                    let Some((target, true)) = site::follow(pages, index, &link.target) else {
                        continue;
                    };
                    // A link to a heading may name it in its own words.
                    if target == index || link.target.contains('#') {
                        continue;
                    }
                    let titles: Vec<&str> =
                        pages[target].titles.iter().map(String::as_str).collect();
                    let Some(title) = titles.first() else {
                        continue;
                    };
                    let xref = XRefSite {
                        topic: link.target.clone(),
                        anchor: None,
                        text: link.text.clone(),
                        range: link.range.clone(),
                    };
                    if quotes_another_title(&draft.text, &xref, &titles) {
                        out.push(
                            diagnostic(
                                &StaleLinkText,
                                severity,
                                format!(
                                    "the link text \"{}\" is not the title of the page it links to, \"{title}\"",
                                    link.text
                                ),
                            )
                            .at(file, link.range.clone(), "stale link text")
                            .help(format!(
                                "write [{title}]({}), or check that the link points at the page you mean",
                                link.target
                            )),
                        );
                    }
                }
            }
        }
        out
    }
}

/// The severity of a rule's findings, or `None` when it is allowed.
fn severity(config: &ProjectConfig, rule: &dyn Rule) -> Option<Severity> {
    match config.level(rule) {
        crate::check::rules::Level::Allow => None,
        crate::check::rules::Level::Warn => Some(Severity::Warning),
        crate::check::rules::Level::Deny => Some(Severity::Error),
    }
}

fn diagnostic(rule: &dyn Rule, severity: Severity, message: String) -> Diagnostic {
    match severity {
        Severity::Error => Diagnostic::error(rule.meta().code, message),
        Severity::Warning => Diagnostic::warning(rule.meta().code, message),
    }
}
