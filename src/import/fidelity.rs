//! `helpdoc import --report`: compares each imported page with its draft — anchors, headings,
//! steps, causes, admonitions, images, tables, links — counting each in the draft as Docusaurus
//! publishes it and in the content files written, and naming what did not map.

use std::collections::BTreeSet;

use pulldown_cmark::{Event, Options, Parser, Tag};

use super::markdown::{BlockKind, DBlock, parse_body};
use super::regions::{self, RegionKind};
use super::{Conversion, DraftPage, frontmatter, site};
use crate::diag::SourceFile;
use crate::load::{Limits, Node, NodeValue, Syntax, parse};
use crate::model::DocumentKind;

/// The constructs the report counts, in its order.
pub const CONSTRUCTS: [&str; 8] = [
    "heading anchors",
    "headings",
    "causes",
    "admonitions",
    "images",
    "tables",
    "steps",
    "links",
];

/// One construct of one page: how many the draft publishes, how many the import kept as
/// structure, and the ones it did not keep (anchors and headings by name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// One of [`CONSTRUCTS`].
    pub construct: &'static str,
    /// In the draft.
    pub published: usize,
    /// In the content files.
    pub imported: usize,
    /// What did not map, by name where it has one.
    pub missing: Vec<String>,
}

/// The report for one page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageReport {
    /// The page as shown to the writer.
    pub page: String,
    /// Whether the page's publication was written.
    pub imported: bool,
    /// One row per construct.
    pub rows: Vec<Row>,
}

impl PageReport {
    /// Whether everything on the page mapped.
    pub fn complete(&self) -> bool {
        self.imported
            && self
                .rows
                .iter()
                .all(|r| r.missing.is_empty() && r.imported >= r.published)
    }
}

/// Counts of one page's constructs.
#[derive(Debug, Default)]
struct Counts {
    anchors: BTreeSet<String>,
    headings: Vec<String>,
    causes: usize,
    admonitions: usize,
    images: usize,
    tables: usize,
    steps: usize,
    links: usize,
}

/// The report for every page of a conversion.
pub fn report(pages: &[DraftPage], conversion: &Conversion) -> Vec<PageReport> {
    let served = site::read(pages);
    pages
        .iter()
        .enumerate()
        .map(|(index, page)| {
            let draft = in_draft(page, &served[index].0.anchors);
            let files: Vec<(&super::Generated, Option<usize>)> = conversion
                .files
                .iter()
                .filter_map(|f| f.holds(index).map(|section| (f, section)))
                .collect();
            let mut done = Counts::default();
            for (file, section) in &files {
                let source = SourceFile::new(file.rel_path.clone(), file.text.clone());
                let Ok(node) = parse(&source, Syntax::Yaml, &Limits::default()) else {
                    continue;
                };
                // In a folder's publication, only the page's own section is its.
                match section {
                    None => count_written(&node, None, &mut done),
                    Some(n) => {
                        if let Some(NodeValue::Seq(sections)) =
                            node.get("sections").map(|s| &s.value)
                        {
                            if let Some(own) = sections.get(*n) {
                                count_written(own, Some("sections"), &mut done);
                            }
                        }
                    }
                }
            }
            let publications = DocumentKind::Publication.plural();
            let imported = files
                .iter()
                .any(|(f, _)| std::path::Path::new(&f.rel_path).starts_with(publications));
            let missing_anchors: Vec<String> =
                draft.anchors.difference(&done.anchors).cloned().collect();
            let kept_headings: BTreeSet<&String> = done.headings.iter().collect();
            let missing_headings: Vec<String> = draft
                .headings
                .iter()
                .filter(|h| !kept_headings.contains(h))
                .cloned()
                .collect();
            let row = |construct, published: usize, imported: usize, missing: Vec<String>| Row {
                construct,
                published,
                imported,
                missing,
            };
            let kept_anchors = draft.anchors.len() - missing_anchors.len();
            let kept = draft.headings.len() - missing_headings.len();
            PageReport {
                page: page.name.clone(),
                imported,
                rows: vec![
                    row(
                        CONSTRUCTS[0],
                        draft.anchors.len(),
                        kept_anchors,
                        missing_anchors,
                    ),
                    row(CONSTRUCTS[1], draft.headings.len(), kept, missing_headings),
                    row(CONSTRUCTS[2], draft.causes, done.causes, Vec::new()),
                    row(
                        CONSTRUCTS[3],
                        draft.admonitions,
                        done.admonitions,
                        Vec::new(),
                    ),
                    row(CONSTRUCTS[4], draft.images, done.images, Vec::new()),
                    row(CONSTRUCTS[5], draft.tables, done.tables, Vec::new()),
                    row(CONSTRUCTS[6], draft.steps, done.steps, Vec::new()),
                    row(CONSTRUCTS[7], draft.links, done.links, Vec::new()),
                ],
            }
        })
        .collect()
}

/// What the draft publishes: its anchors as Docusaurus makes them, its headings (but a lone `#`
/// heading, the page title), the `:::` boxes, the images, tables and links Markdown finds once
/// MDX tags are set aside, the items of numbered lists, and the items of a list that follows a
/// paragraph introducing causes ("This could be for one of two reasons:").
fn in_draft(page: &DraftPage, anchors: &[String]) -> Counts {
    let front = frontmatter::split(&page.text, &mut Vec::new());
    let (masked, found) = regions::mask(&page.text, front.body_start);
    let mut counts = Counts {
        anchors: anchors.iter().cloned().collect(),
        admonitions: found
            .iter()
            .filter(|r| matches!(r.kind, RegionKind::Admonition { .. }))
            .count(),
        ..Counts::default()
    };
    let options = Options::ENABLE_TABLES | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut heading: Option<(u8, String)> = None;
    let mut headings: Vec<(u8, String)> = Vec::new();
    for event in Parser::new_ext(&masked[front.body_start..], options) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level as u8, String::new()))
            }
            Event::End(pulldown_cmark::TagEnd::Heading(_)) => headings.extend(heading.take()),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, h)) = &mut heading {
                    h.push_str(&t);
                }
            }
            Event::Start(Tag::Image { .. }) => counts.images += 1,
            Event::Start(Tag::Table(_)) => counts.tables += 1,
            Event::Start(Tag::Link { .. }) => counts.links += 1,
            _ => {}
        }
    }
    // A page's one `#` heading, first, is its title, not a heading of its content.
    if headings.first().is_some_and(|(level, _)| *level == 1)
        && headings.iter().filter(|(level, _)| *level == 1).count() == 1
    {
        headings.remove(0);
    }
    counts.headings = headings
        .iter()
        .map(|(_, h)| strip_id(h.trim()).to_string())
        .collect();
    let body = parse_body(&page.text, front.body_start, &mut Vec::new());
    let mut blocks: Vec<&DBlock> = body.intro.iter().collect();
    let mut sections: Vec<&super::markdown::DSection> = body.sections.iter().collect();
    while let Some(section) = sections.pop() {
        blocks.extend(&section.blocks);
        sections.extend(&section.children);
    }
    counts.causes = cause_items(&blocks);
    counts.steps = step_items(&blocks);
    counts
}

/// The items of numbered lists among `blocks` (and the blocks inside them), but lists of causes.
fn step_items(blocks: &[&DBlock]) -> usize {
    let mut count = 0;
    for (i, block) in blocks.iter().enumerate() {
        let causes = i > 0 && super::page::leads_in_causes(blocks[i - 1]);
        if let BlockKind::List {
            ordered: true,
            items,
        } = &block.kind
            && !causes
        {
            count += items.len();
        }
        for inner in block.kind.children() {
            count += step_items(&inner.iter().collect::<Vec<_>>());
        }
    }
    count
}

/// A heading's text without a `{#id}`.
fn strip_id(heading: &str) -> &str {
    match heading
        .trim_end()
        .strip_suffix('}')
        .and_then(|h| h.rsplit_once("{#"))
    {
        Some((text, _)) => text.trim_end(),
        None => heading,
    }
}

/// The items of lists that follow a paragraph introducing causes, among `blocks` (and the blocks
/// inside them).
fn cause_items(blocks: &[&DBlock]) -> usize {
    let mut count = 0;
    for pair in blocks.windows(2) {
        if super::page::leads_in_causes(pair[0])
            && let BlockKind::List { items, .. } = &pair[1].kind
        {
            count += items.len();
        }
    }
    for block in blocks {
        for inner in block.kind.children() {
            count += cause_items(&inner.iter().collect::<Vec<_>>());
        }
    }
    count
}

/// Counts what a written content file holds, walking its YAML. `key` is the key `node` is under.
fn count_written(node: &Node, key: Option<&str>, counts: &mut Counts) {
    match &node.value {
        NodeValue::Map(entries) => {
            let is_topic_or_section = node.get("title").is_some() && node.get("id").is_some();
            if is_topic_or_section {
                if let Some(id) = node.get("id").and_then(Node::as_str) {
                    counts.anchors.insert(id.to_string());
                }
                if let Some(title) = node.get("title").and_then(Node::as_str) {
                    counts.headings.push(plain(title));
                }
            }
            if key == Some("steps") || key == Some("substeps") {
                if let Some(id) = node.get("id").and_then(Node::as_str) {
                    counts.anchors.insert(id.to_string());
                }
            }
            for entry in entries {
                match entry.key.as_str() {
                    "aliases" => {
                        if let NodeValue::Seq(items) = &entry.value.value {
                            counts
                                .anchors
                                .extend(items.iter().filter_map(Node::as_str).map(str::to_string));
                        }
                    }
                    "cause" => counts.causes += 1,
                    "causes" if node.get("resolution").is_some() => {
                        if let NodeValue::Seq(items) = &entry.value.value {
                            counts.causes += items.len();
                        }
                    }
                    "admonition" => counts.admonitions += 1,
                    "image" => counts.images += 1,
                    "table" => counts.tables += 1,
                    _ => {}
                }
                count_written(&entry.value, Some(entry.key.as_str()), counts);
            }
        }
        NodeValue::Seq(items) => {
            for item in items {
                if matches!(key, Some("steps") | Some("substeps")) {
                    counts.steps += 1;
                }
                count_written(item, key, counts);
            }
        }
        NodeValue::String(text) if !matches!(key, Some("id" | "src" | "$schema" | "kind")) => {
            counts.links += Parser::new(text)
                .filter(|e| matches!(e, Event::Start(Tag::Link { .. })))
                .count();
        }
        _ => {}
    }
}

/// The text a reader sees of a title written in Markdown.
fn plain(markdown: &str) -> String {
    Parser::new(markdown)
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.to_string()),
            _ => None,
        })
        .collect()
}

/// The report as lines for the terminal: per page a table of published and imported counts, and
/// what did not map; then the totals.
pub fn render(reports: &[PageReport]) -> Vec<String> {
    let mut lines = Vec::new();
    if reports.is_empty() {
        return lines;
    }
    let mut totals = vec![(0usize, 0usize); CONSTRUCTS.len()];
    for report in reports {
        let state = if report.complete() {
            "everything mapped"
        } else {
            "some things did not map"
        };
        lines.push(format!("{}: {state}", report.page));
        for (i, row) in report.rows.iter().enumerate() {
            totals[i].0 += row.published;
            totals[i].1 += row.imported;
            lines.push(format!(
                "  {:<16} published {:>3}  imported {:>3}",
                row.construct, row.published, row.imported
            ));
            for missing in &row.missing {
                lines.push(format!("    not mapped: {missing}"));
            }
        }
    }
    let pages = reports.iter().filter(|r| r.imported).count();
    lines.push("all pages:".into());
    for (construct, (published, imported)) in CONSTRUCTS.iter().zip(&totals) {
        lines.push(format!(
            "  {construct:<16} published {published:>3}  imported {imported:>3}"
        ));
    }
    lines.push(format!(
        "  {:<16} published {:>3}  imported {:>3}",
        "pages",
        reports.len(),
        pages
    ));
    lines
}
