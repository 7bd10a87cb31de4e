//! Publications: ordered assemblies of topics into a guide, a set of docs pages or a help bundle.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Alias, Block, CauseStyle, TopicId};

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
    /// Values for `{{name}}` placeholders in topic text.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub variables: BTreeMap<String, String>,
    /// Only topics for one of these audiences (or for every audience) are included; empty means all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub audience: Vec<String>,
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

/// A titled group of topics, optionally with nested sections.
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
    /// Topic ids, in reading order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<TopicId>,
    /// Nested sections, after the topics.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Section>,
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$"))]
    pub language: Option<String>,
}
