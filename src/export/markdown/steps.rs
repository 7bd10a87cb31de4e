//! Renders steps as numbered lists: the action, its blocks (admonitions included, indented inside
//! the item), the result, branches to other procedures, and sub-steps as a nested list.

use crate::resolve::{ResolvedBranch, ResolvedStep, wording};

use super::blocks;
use super::context::Page;
use super::escape;
use super::inline::{self, Mode};
use super::lines;

/// Renders steps as an ordered list.
pub fn steps(steps: &[ResolvedStep], page: &Page<'_>) -> Vec<String> {
    steps
        .iter()
        .enumerate()
        .flat_map(|(i, step)| lines::list_item(&format!("{}. ", i + 1), self::step(step, page)))
        .collect()
}

fn step(step: &ResolvedStep, page: &Page<'_>) -> Vec<String> {
    let mut action = inline::render(&step.action, Mode::Flow, page);
    let aliases: String = step.aliases.iter().map(|a| anchor_tag(a, page)).collect();
    action = format!("{aliases}{action}");
    if let Some(anchor) = &step.anchor {
        action = format!("{}{action}", anchor_tag(anchor, page));
    }
    let result = step.result.as_ref().map(|r| blocks::paragraph(r, page));
    let branches = step
        .branches
        .iter()
        .map(|branch| branch_lines(branch, page));
    lines::join(
        [lines::split(&action), blocks::blocks(&step.blocks, page)]
            .into_iter()
            .chain(result)
            .chain([blocks::blocks(&step.after_result, page)])
            .chain(branches)
            .chain([steps(&step.substeps, page)]),
    )
}

/// A branch: its callout (an admonition ending with the go-to sentence), or the sentence alone.
fn branch_lines(branch: &ResolvedBranch, page: &Page<'_>) -> Vec<String> {
    if let Some(callout) = &branch.callout {
        return blocks::block(callout, page);
    }
    let (before, between, after) = wording::BRANCH;
    let condition = inline::render(&branch.condition, Mode::Flow, page);
    let target = link(&branch.go_to, &branch.title, page);
    lines::split(&format!("{before}{condition}{between}{target}{after}"))
}

/// The `import` that [`anchor_tag`] needs: Docusaurus's own `Link` component.
pub const LINK_IMPORT: &str = "import Link from '@docusaurus/Link';";

/// An empty anchor that a link can jump to, for an id that has no heading (a step's).
///
/// Docusaurus checks anchors only against the ids its components report while rendering
/// (`useBrokenLinks().collectAnchor`: headings, `Link`, MDX list items and `Details`). A raw
/// `<a id>` written as JSX in MDX stays a plain element, is never reported, and every link to it
/// fails a build with `onBrokenAnchors: 'throw'`. `<Link id>` without a target reports its id and
/// renders the same `<a id="…"></a>`; the page imports `Link` (see [`LINK_IMPORT`]).
pub fn anchor_tag(anchor: &str, page: &Page<'_>) -> String {
    page.import(LINK_IMPORT);
    format!("<Link id=\"{}\" />", escape::attribute(anchor))
}

/// Alias anchors for a heading: each an [`anchor_tag`] on its own line before it, so each is a
/// JSX element of its own (not a paragraph) and the browser lands just above the heading.
pub fn heading_aliases(aliases: &[String], page: &Page<'_>) -> Vec<String> {
    aliases.iter().map(|a| anchor_tag(a, page)).collect()
}

/// A link to a topic by id, with its title as text (plain text if it is not in the publication).
pub fn link(topic: &str, title: &str, page: &Page<'_>) -> String {
    let text = escape::text(title, false, Some(']'));
    match page.href(topic, None) {
        Some(href) => format!("[{text}]({href})"),
        None => text,
    }
}
