//! The ids a page holds besides the ones writers give: what exporters generate, and the page's own.
//!
//! Aliases must not take any id on their page ([`crate::check::aliases`]), so the exporters and
//! that check share these definitions.

use crate::model::Topic;

/// Ids the page templates hold whatever the content (the standalone HTML page's landmarks and
/// Docusaurus's root element).
pub const PAGE_IDS: [&str; 4] = [
    "helpdoc_main",
    "helpdoc_title",
    "helpdoc_toc",
    "__docusaurus",
];

/// The id of a generated part of a topic in the standalone HTML page: `topic__part` (authored
/// ids never hold `_`, so these cannot meet one).
pub fn part_id(topic: &str, part: &str) -> String {
    format!("{topic}__{part}")
}

/// The name of a cause written without an id, by its 0-based position: `cause-N`. Markdown
/// anchors it as `topic--cause-N`, HTML as `topic__cause-N`.
pub fn cause_part(index: usize) -> String {
    format!("cause-{}", index + 1)
}

/// Every id the exporters generate for a topic's parts that have no id of their own.
pub fn generated_ids(topic: &Topic) -> Vec<String> {
    let id = topic.meta().id.as_str();
    match topic {
        Topic::Prerequisite(_) => vec![part_id(id, "check"), part_id(id, "if-not-met")],
        Topic::Error(error) => (error.causes.iter().enumerate())
            .filter(|(_, cause)| cause.id.is_none())
            .flat_map(|(i, _)| {
                let part = cause_part(i);
                [super::anchor_id(id, Some(&part)), part_id(id, &part)]
            })
            .collect(),
        Topic::Concept(_) | Topic::Procedure(_) => Vec::new(),
    }
}
