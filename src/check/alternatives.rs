//! The shape of tab sets and collapsibles: at least two panes, each with a label of its own and
//! some content; a collapsible with a summary and blocks.

use std::collections::HashMap;

use crate::content::ContentDoc;
use crate::diag::Diagnostic;
use crate::model::{Block, Collapsible, Tabs};

/// The problems of one block (nothing for blocks other than tabs and collapsibles). `pointer` is
/// the block's JSON pointer in `doc`.
pub fn check_block(doc: &ContentDoc, block: &Block, pointer: &str, out: &mut Vec<Diagnostic>) {
    match block {
        Block::Tabs(tabs) => check_tabs(doc, tabs, &format!("{pointer}/tabs"), out),
        Block::Collapsible(c) => check_collapsible(doc, c, &format!("{pointer}/collapsible"), out),
        _ => {}
    }
}

fn span(doc: &ContentDoc, pointer: &str) -> std::ops::Range<usize> {
    doc.node.locate(pointer).node.span.clone()
}

fn check_tabs(doc: &ContentDoc, tabs: &Tabs, at: &str, out: &mut Vec<Diagnostic>) {
    if tabs.panes.len() < 2 {
        out.push(
            Diagnostic::error(
                "too-few-panes",
                format!(
                    "a tab set needs at least two panes, this one has {}",
                    tabs.panes.len()
                ),
            )
            .at(doc.file, span(doc, &format!("{at}/panes")), "here")
            .help("add another pane (`- label: …` with `blocks:` or `steps:`), or write the content without `tabs:`"),
        );
    }
    // Labels are the panes' values on the site and in tab groups: unique, ignoring case and the
    // spaces around them (readers cannot tell such labels apart).
    let mut seen: HashMap<String, String> = HashMap::new();
    for (i, pane) in tabs.panes.iter().enumerate() {
        let here = format!("{at}/panes/{i}");
        let label = pane.label.trim();
        if label.is_empty() {
            out.push(
                Diagnostic::error("empty-label", "this tab pane's label is empty")
                    .at(doc.file, span(doc, &format!("{here}/label")), "no label")
                    .help("name the way of working the pane describes, e.g. `label: Role-based permissions`"),
            );
        } else if let Some(first) = seen.get(&label.to_lowercase()) {
            out.push(
                Diagnostic::error(
                    "duplicate-tab-label",
                    format!("two panes of this tab set are labelled `{label}`"),
                )
                .at(
                    doc.file,
                    span(doc, &format!("{here}/label")),
                    "used again here",
                )
                .also(doc.file, span(doc, first), "first used here")
                .help("give each pane a different label (case does not count)"),
            );
        } else {
            seen.insert(label.to_lowercase(), format!("{here}/label"));
        }
        if pane.blocks.is_empty() && pane.steps.is_empty() {
            out.push(
                Diagnostic::error(
                    "empty-pane",
                    format!("the tab pane `{label}` has no content"),
                )
                .at(doc.file, span(doc, &here), "empty")
                .help("add `blocks:` or `steps:` to the pane, or remove it"),
            );
        }
    }
}

fn check_collapsible(doc: &ContentDoc, c: &Collapsible, at: &str, out: &mut Vec<Diagnostic>) {
    if c.summary.trim().is_empty() {
        out.push(
            Diagnostic::error("empty-label", "this collapsible's summary is empty")
                .at(doc.file, span(doc, &format!("{at}/summary")), "no summary")
                .help("say what opening it shows, e.g. `summary: Show the granular permissions`"),
        );
    }
    if c.blocks.is_empty() {
        out.push(
            Diagnostic::error("empty-collapsible", "this collapsible has no blocks")
                .at(doc.file, span(doc, &format!("{at}/blocks")), "empty")
                .help("add the blocks it should hide, or remove it"),
        );
    }
}
