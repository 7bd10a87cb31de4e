//! Assembles a page (one top-level section: front matter, the imports its components need, title
//! heading, intro, topics and nested sections in order, outro, read-next links) and the
//! publication's `_category_.json`.

use serde::Serialize;

use crate::resolve::{ReadNext, ResolvedItem, ResolvedPublication, ResolvedSection};

use super::blocks::{self, heading};
use super::context::Page;
use super::escape::yaml_string;
use super::inline::{self, Mode};
use super::lines;
use super::steps::heading_aliases;
use super::topic::topic;

/// The Markdown of a top-level section's page.
pub fn page(section: &ResolvedSection, page: &Page<'_>) -> String {
    let mut front = vec![
        "---".to_string(),
        format!("title: {}", yaml_string(&section.title)),
    ];
    if let Some(label) = non_empty(section.sidebar_label.as_deref()) {
        front.push(format!("sidebar_label: {}", yaml_string(label)));
    }
    if let Some(description) = non_empty(section.description.as_deref()) {
        front.push(format!("description: {}", yaml_string(description)));
    }
    if let Some(slug) = non_empty(section.slug.as_deref()) {
        front.push(format!("slug: {}", yaml_string(slug)));
    }
    if !section.keywords.is_empty() {
        let keywords: Vec<String> = section.keywords.iter().map(|k| yaml_string(k)).collect();
        front.push(format!("keywords: [{}]", keywords.join(", ")));
    }
    if section.hide_table_of_contents {
        front.push("hide_table_of_contents: true".to_string());
    }
    front.push(format!("sidebar_position: {}", page.index + 1));
    front.push("---".to_string());
    let body = self::section(section, 1, page);
    // MDX allows `import` anywhere at the top level; Docusaurus reads it right after the front matter.
    let mut text = lines::join([front, page.imports(), body]).join("\n");
    text.push('\n');
    text
}

fn non_empty(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

/// A section's heading, intro, topics and nested sections in order, and outro; topics and nested
/// sections sit one level below it. A page ends with its read-next links.
fn section(section: &ResolvedSection, level: usize, page: &Page<'_>) -> Vec<String> {
    let title = inline::plain(&section.title, Mode::Line, page);
    lines::join(
        [
            heading_aliases(&section.aliases, page),
            heading(level, &title, &section.id),
            blocks::blocks(&section.intro, page),
        ]
        .into_iter()
        .chain(section.items.iter().map(|item| match item {
            ResolvedItem::Topic(t) => topic(t, level + 1, page),
            ResolvedItem::Section(s) => self::section(s, level + 1, page),
        }))
        .chain([
            blocks::blocks(&section.outro, page),
            read_next(&section.read_next, page),
        ]),
    )
}

/// "Read next:" and a list of links to pages and topics (nothing without links).
fn read_next(links: &[ReadNext], page: &Page<'_>) -> Vec<String> {
    if links.is_empty() {
        return Vec::new();
    }
    let items = links.iter().map(|link| {
        let text = super::escape::text(&link.title, false, Some(']'));
        // A page's link names the page alone: Docusaurus gives the title heading no anchor.
        let href = if link.page {
            page.page_href(&link.id)
        } else {
            page.href(&link.id, None)
        };
        match href {
            Some(href) => format!("- [{text}]({href})"),
            None => format!("- {text}"),
        }
    });
    lines::join([vec!["**Read next:**".to_string()], items.collect()])
}

/// The sidebar category for a publication's folder (`_category_.json`).
#[derive(Serialize)]
struct Category<'a> {
    label: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    position: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    collapsed: Option<bool>,
}

/// `_category_.json`: the label from `formats.markdown.category_label` (or the title), the
/// sidebar position and whether the category starts collapsed.
pub fn category(publication: &ResolvedPublication) -> String {
    let options = &publication.formats.markdown;
    let category = Category {
        label: non_empty(options.category_label.as_deref()).unwrap_or(&publication.title),
        position: options.sidebar_position,
        collapsed: options.collapsed,
    };
    let mut json = serde_json::to_string_pretty(&category).unwrap_or_else(|_| String::from("{}"));
    json.push('\n');
    json
}
