//! Renders steps as numbered lists: the action, its blocks (admonitions included, indented inside
//! the item), the result, branches to other procedures, and sub-steps as a nested list.

use crate::resolve::ResolvedStep;

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
    if let Some(anchor) = &step.anchor {
        action = format!("{}{action}", anchor_tag(anchor));
    }
    let result = step.result.as_ref().map(|r| blocks::paragraph(r, page));
    let branches = step.branches.iter().map(|(condition, procedure, title)| {
        let condition = inline::render(condition, Mode::Flow, page);
        let target = link(procedure, title, page);
        lines::split(&format!("If {condition}, go to {target}."))
    });
    lines::join(
        [lines::split(&action), blocks::blocks(&step.blocks, page)]
            .into_iter()
            .chain(result)
            .chain(branches)
            .chain([steps(&step.substeps, page)]),
    )
}

/// An empty anchor element that a link can jump to: steps and causes have ids but no heading.
pub fn anchor_tag(anchor: &str) -> String {
    format!("<a id=\"{}\"></a>", escape::id(anchor))
}

/// A link to a topic by id, with its title as text (plain text if it is not in the publication).
pub fn link(topic: &str, title: &str, page: &Page<'_>) -> String {
    let text = escape::text(title, false, Some(']'));
    match page.href(topic, None) {
        Some(href) => format!("[{text}]({href})"),
        None => text,
    }
}
