//! Publications: ordered assemblies of topics into a guide, a set of docs pages or a help bundle.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Alias, Block, CauseStyle, DimensionValues, TopicId};

/// A deliverable assembled from topics: title, sections, variables, audience and format options.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "helpdoc publication")]
pub struct Publication {
    /// The schema this file is written against.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Always `publication`.
    pub kind: PublicationKind,
    /// Stable id; output files are named after it.
    pub id: TopicId,
    /// The publication's title (cover page, HTML title, page title).
    pub title: String,
    /// A subtitle for the cover page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    /// One-sentence description (Markdown frontmatter, HTML and PDF metadata).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The product the publication documents, shown on the cover.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product: Option<String>,
    /// The product or guide version, shown on the cover.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The author or publisher (PDF metadata, cover).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Values for `{{name}}` placeholders in topic text: a text, or a text per value of one
    /// dimension (`{version: {2024-r1: "…", 2024-r2: "…"}}`), filled with the value this
    /// publication selects.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub variables: BTreeMap<String, Variable>,
    /// Deprecated: write `select: {audience: [...]}` (audience is a dimension declared in
    /// helpdoc.toml). Still read as that selection.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub audience: Vec<String>,
    /// The values of each dimension this publication is for (`{edition: enterprise}`): content
    /// whose `when` matches none of them is left out of every format. A dimension not named
    /// here is not filtered on (every value is selected).
    #[serde(default, skip_serializing_if = "DimensionValues::is_empty")]
    pub select: DimensionValues,
    /// Values whose content is kept but marked (`{edition: enterprise}` marks what applies only
    /// to the enterprise edition "Enterprise only"), in every format.
    #[serde(default, skip_serializing_if = "DimensionValues::is_empty")]
    pub flag: DimensionValues,
    /// The sections, in reading order. In Markdown each top-level section is one page.
    pub sections: Vec<Section>,
    /// How error causes are shown in every format: `headings` (default; each cause is a heading
    /// in the contents) or `list` (labelled paragraphs, no headings).
    #[serde(default, skip_serializing_if = "is_default_cause_style")]
    pub cause_style: CauseStyle,
    /// Per-format options.
    #[serde(default)]
    pub formats: FormatOptions,
}

/// A variable's value: one text, or a text per value of one dimension.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Variable {
    /// The same text in every variant.
    Text(String),
    /// One dimension (the map's only key) and a text per value of it:
    /// `{version: {2024-r1: "Company > Setup", 2024-r2: "Platform > Setup"}}`.
    PerValue(BTreeMap<String, BTreeMap<String, String>>),
}

fn is_default_cause_style(style: &CauseStyle) -> bool {
    *style == CauseStyle::default()
}

/// The `kind` tag of a publication file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PublicationKind {
    /// `kind: publication`.
    Publication,
}

/// A titled group of topics, optionally with nested sections, between `intro` and `outro`
/// blocks. A top-level section is a page (in Markdown, one file): it may also end with
/// `read_next` links and carry the page options `slug`, `keywords` and `hide_table_of_contents`.
/// A nested section is a grouping heading inside its page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Stable id; the section's anchor and, for top-level sections, its Markdown page name.
    pub id: TopicId,
    /// The section heading.
    pub title: String,
    /// Old anchors of this section (e.g. the slug of a former title), kept so old links still land here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<Alias>,
    /// Shorter label for the docs sidebar (top-level sections only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sidebar_label: Option<String>,
    /// Description for the page's frontmatter (top-level sections only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Blocks shown under the section heading, before its topics.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub intro: Vec<Block>,
    /// Topic ids, in reading order (before `contents` and `sections`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<TopicId>,
    /// Topics and grouping sections in any order: a string is a topic id, a mapping is a
    /// section (a grouping heading with its own topics). Read after `topics`, before `sections`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contents: Vec<SectionItem>,
    /// Nested sections, after the topics and contents.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Section>,
    /// Blocks that close the section, after its topics and nested sections.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outro: Vec<Block>,
    /// "Read next" links at the end of the page: ids of pages (top-level sections) of this
    /// publication or of topics it includes (top-level sections only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub read_next: Vec<TopicId>,
    /// The page's URL path on the docs site instead of its file name: Docusaurus `slug`, such as
    /// `/connect` or `connect-intacct` (top-level sections only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(
        pattern = r"^/?[a-z0-9]+(?:[-_][a-z0-9]+)*(?:/[a-z0-9]+(?:[-_][a-z0-9]+)*)*/?$|^/$"
    ))]
    pub slug: Option<String>,
    /// Search keywords for the page (Docusaurus `keywords`, HTML `<meta name="keywords">`, PDF
    /// Keywords; top-level sections only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    /// Hides the page's table of contents on the docs site (Docusaurus
    /// `hide_table_of_contents`; the other formats keep theirs; top-level sections only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hide_table_of_contents: Option<bool>,
}

/// The deepest a section may nest: a page (depth 0) holds groups (1) that hold groups (2). The
/// deepest heading is HTML's: the publication title is `h1`, a page `h2`, a section at depth `d`
/// `h(2+d)`, its topics one below and a topic's own parts (causes, "How to check") one below
/// those, so `2 + d + 2 <= 6`. Markdown and PDF start one level higher and stay within it.
pub const MAX_SECTION_DEPTH: usize = 2;

/// One entry of a section's `contents`: a topic id, or a grouping section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum SectionItem {
    /// A topic, by id.
    Topic(TopicId),
    /// A grouping section with its own heading and topics (boxed: a section is large).
    Section(Box<Section>),
}

/// A section's child in reading order (see [`Section::children`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Child<'s> {
    /// A topic id.
    Topic(&'s TopicId),
    /// A nested section.
    Section(&'s Section),
}

impl Section {
    /// The section's topics and nested sections in reading order (`topics`, then `contents`, then
    /// `sections`), each with its JSON pointer relative to the section (`/topics/0`,
    /// `/contents/2`, `/sections/1`). The one definition of that order: checks, resolving and
    /// every exporter read it from here.
    pub fn children(&self) -> impl Iterator<Item = (String, Child<'_>)> + '_ {
        let topics = (self.topics.iter().enumerate())
            .map(|(i, id)| (format!("/topics/{i}"), Child::Topic(id)));
        let contents = self.contents.iter().enumerate().map(|(i, item)| {
            let child = match item {
                SectionItem::Topic(id) => Child::Topic(id),
                SectionItem::Section(section) => Child::Section(section),
            };
            (format!("/contents/{i}"), child)
        });
        let sections = (self.sections.iter().enumerate())
            .map(|(i, s)| (format!("/sections/{i}"), Child::Section(s)));
        topics.chain(contents).chain(sections)
    }

    /// The first topic in the section's reading order (through its nested sections): where a
    /// reader of the section starts, and what an imported link to a whole page names.
    pub fn first_topic(&self) -> Option<&TopicId> {
        self.children().find_map(|(_, child)| match child {
            Child::Topic(id) => Some(id),
            Child::Section(section) => section.first_topic(),
        })
    }

    /// Whether the section sets a field that only a page (a top-level section) uses; returns the
    /// field's name.
    pub fn page_only_field(&self) -> Option<&'static str> {
        [
            ("read_next", !self.read_next.is_empty()),
            ("slug", self.slug.is_some()),
            ("keywords", !self.keywords.is_empty()),
            (
                "hide_table_of_contents",
                self.hide_table_of_contents.is_some(),
            ),
        ]
        .into_iter()
        .find_map(|(name, set)| set.then_some(name))
    }
}

/// Options for each output format.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FormatOptions {
    /// Docusaurus Markdown options.
    #[serde(default)]
    pub markdown: MarkdownOptions,
    /// Standalone HTML options.
    #[serde(default)]
    pub html: HtmlOptions,
    /// PDF options.
    #[serde(default)]
    pub pdf: PdfOptions,
    /// In-product JSON options.
    #[serde(default)]
    pub json: JsonOptions,
}

impl FormatOptions {
    /// Whether the publication is written as Markdown pages: unless `markdown.enabled` turns
    /// them off.
    pub fn wants_markdown(&self) -> bool {
        self.markdown.enabled.unwrap_or(true)
    }
}

/// Docusaurus Markdown options.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MarkdownOptions {
    /// Whether to write this publication as Markdown pages (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// The sidebar category label (`_category_.json`); defaults to the title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category_label: Option<String>,
    /// The category's position in the docs sidebar.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sidebar_position: Option<u32>,
    /// Whether the sidebar category starts collapsed (`_category_.json` `collapsed`; Docusaurus
    /// collapses categories by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collapsed: Option<bool>,
}

/// Standalone HTML options.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HtmlOptions {
    /// Whether to write this publication as an HTML file (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
}

/// Page sizes for the PDF.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PageSize {
    /// ISO A4, 210 × 297 mm.
    #[default]
    A4,
    /// US Letter, 8.5 × 11 in.
    Letter,
}

/// PDF options.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PdfOptions {
    /// Whether to write this publication as a PDF (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// The page size.
    #[serde(default)]
    pub page_size: PageSize,
    /// Extra text on the cover page, under the subtitle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cover_text: Option<String>,
    /// Page margins in millimetres (each 5 to 60; default 25 top and bottom, 22 left and right).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub margins_mm: Option<PdfMargins>,
    /// Body text size in points (7 to 14, default 10); headings scale with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub font_size: Option<f32>,
    /// Colour of headings, rules and the cover, as `#RRGGBB` (default `#16497A`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accent_color: Option<String>,
    /// Colour of link text, as `#RRGGBB` (default `#0D5CAD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link_color: Option<String>,
    /// The document language for PDF readers and screen readers, as a BCP 47 tag (default `en`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

/// PDF page margins in millimetres; unset sides keep their default.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PdfMargins {
    /// Top margin (the running header sits inside it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top: Option<f32>,
    /// Bottom margin (the page footer sits inside it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bottom: Option<f32>,
    /// Left margin.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub left: Option<f32>,
    /// Right margin.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub right: Option<f32>,
}

/// In-product JSON options.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JsonOptions {
    /// Whether to write this publication's errors as an in-product help bundle (default: only when
    /// the publication contains error topics).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Base URL of the published docs, for deep links (e.g. `https://docs.example.com/intacct/`).
    /// Cross-references to topics the publication does not include become links into these docs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub docs_base_url: Option<String>,
    /// The language of the help text, as a BCP 47 tag (default `en`); the bundle names it.
    /// Checked by `check` with the one tag check (no schema pattern: its error would not say
    /// what is wrong with the tag).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}
