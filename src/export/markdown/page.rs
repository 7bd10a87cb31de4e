//! Assembles a page (one top-level section: front matter, the imports its components need, title
//! heading, topics, nested sections) and the publication's `_category_.json`.

use serde::Serialize;

use crate::resolve::{ResolvedPublication, ResolvedSection};

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

/// A section's heading, intro, topics and nested sections; topics sit one level below it.
fn section(section: &ResolvedSection, level: usize, page: &Page<'_>) -> Vec<String> {
    let title = inline::plain(&section.title, Mode::Line, page);
    lines::join(
        [
            heading_aliases(&section.aliases, page),
            heading(level, &title, &section.id),
            blocks::blocks(&section.intro, page),
        ]
        .into_iter()
        .chain(section.topics.iter().map(|t| topic(t, level + 1, page)))
        .chain(
            section
                .sections
                .iter()
                .map(|s| self::section(s, level + 1, page)),
        ),
    )
}

/// The sidebar category for a publication's folder (`_category_.json`).
#[derive(Serialize)]
struct Category<'a> {
    label: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    position: Option<u32>,
}

/// `_category_.json`: the label from `formats.markdown.category_label` (or the title) and the
/// sidebar position.
pub fn category(publication: &ResolvedPublication) -> String {
    let options = &publication.formats.markdown;
    let category = Category {
        label: non_empty(options.category_label.as_deref()).unwrap_or(&publication.title),
        position: options.sidebar_position,
    };
    let mut json = serde_json::to_string_pretty(&category).unwrap_or_else(|_| String::from("{}"));
    json.push('\n');
    json
}
