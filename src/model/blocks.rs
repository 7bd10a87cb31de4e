//! Blocks: the body elements of topics, steps, causes and fragments.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{RichText, Step, TopicId};

/// One body element. Written as a one-key map naming its type, e.g. `- paragraph: Text` or
/// `- include: intacct-modules`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Block {
    /// A paragraph of rich text.
    Paragraph(RichText),
    /// A bulleted or numbered list.
    List(List),
    /// A table: an optional header row, and optionally a header column.
    Table(Table),
    /// An image stored inside the content folder.
    Image(Image),
    /// A note, tip, caution or warning box.
    Admonition(Admonition),
    /// A code sample, shown verbatim.
    Code(CodeBlock),
    /// The blocks of a reusable fragment, by fragment id.
    Include(TopicId),
    /// Labelled alternative panes (ways of doing the same thing); the reader picks one.
    Tabs(Tabs),
    /// A summary line that opens to show more blocks.
    Collapsible(Collapsible),
    /// A table whose rows come from a data file under `data/`.
    DataTable(super::DataTable),
    /// A list of one column's values from a data file under `data/`.
    DataList(super::DataList),
    /// Tabs of tables from a data file: one pane per value of a column.
    DataTabs(super::DataTabs),
}

/// Alternative panes: one way of doing something per pane ("Role-based" / "User-based").
/// Docusaurus shows them as tabs, HTML as accessible tabs, PDF and the in-product bundle one after
/// another under their labels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tabs {
    /// Tab sets with the same group id switch together (choosing "User-based" in one chooses it in
    /// all of them on the site), matched by label. Lowercase words joined by hyphens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"), length(max = 120))]
    pub group_id: Option<String>,
    /// The panes, in order; the first is shown first. At least two, with different labels.
    pub panes: Vec<TabPane>,
}

/// One pane of a [`Tabs`] block: a label, then its blocks, then its numbered steps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TabPane {
    /// The tab's label ("Role-based permissions"); unique within its tab set.
    pub label: String,
    /// Blocks shown first in the pane.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<Block>,
    /// Numbered steps shown after the pane's blocks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<Step>,
}

/// A collapsible block: a one-line summary that opens to show its blocks (expanded in the PDF).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Collapsible {
    /// The line readers click to open it ("Show the granular permissions").
    pub summary: String,
    /// Whether it starts open on the web (the PDF always shows the blocks).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub open: bool,
    /// The blocks it hides.
    pub blocks: Vec<Block>,
}

/// A list of rich-text items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct List {
    /// Numbered when true, bulleted otherwise.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ordered: bool,
    /// Lay the items out in this many columns (reading down, then across) where there is room:
    /// for a set of names whose order and layout carry no meaning. Still one list for screen
    /// readers; a narrow screen shows fewer columns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 2, max = 6))]
    pub columns: Option<u8>,
    /// The items, in order.
    pub items: Vec<RichText>,
}

/// A table: body rows of rich-text cells, with a header row, a header column, or both.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// A short caption, read out by screen readers and shown above the table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// The header cells, naming the columns. Leave it out for a table whose columns need no
    /// names (a grid whose first column names each row: set `row_headers`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub header: Vec<RichText>,
    /// When true, the first cell of each body row is that row's header (`th scope="row"`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub row_headers: bool,
    /// The body rows; each should have as many cells as the header.
    pub rows: Vec<Vec<RichText>>,
}

/// An image file inside the content folder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Image {
    /// Path relative to the content file, inside the content folder (PNG, JPEG, GIF or SVG).
    pub src: String,
    /// What the image shows, for readers who cannot see it. Required for publishing; a draft may
    /// leave it out and gets a `missing-alt-text` finding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alt: Option<String>,
    /// An optional caption shown under the image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<RichText>,
}

/// The kind of an admonition box: Docusaurus 3's types (`note`, `tip`, `info`, `warning`,
/// `danger`) and its `caution`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AdmonitionType {
    /// Neutral extra information.
    Note,
    /// A shortcut or good practice.
    Tip,
    /// Background the reader may want: how something works, why it is so.
    Info,
    /// Something that can go wrong if ignored.
    Caution,
    /// Something that can lose data or access.
    Warning,
    /// Something that causes harm that cannot be undone (deleted data, a locked-out company).
    Danger,
}

impl AdmonitionType {
    /// Every type, in order of severity.
    pub const ALL: [AdmonitionType; 6] = [
        AdmonitionType::Note,
        AdmonitionType::Tip,
        AdmonitionType::Info,
        AdmonitionType::Caution,
        AdmonitionType::Warning,
        AdmonitionType::Danger,
    ];

    /// The lowercase name, as written in content and as Docusaurus spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            AdmonitionType::Note => "note",
            AdmonitionType::Tip => "tip",
            AdmonitionType::Info => "info",
            AdmonitionType::Caution => "caution",
            AdmonitionType::Warning => "warning",
            AdmonitionType::Danger => "danger",
        }
    }

    /// The label readers see when the box has no title, in every format: the one definition
    /// the exporters and the in-product bundle share.
    pub fn label(self) -> &'static str {
        match self {
            AdmonitionType::Note => "Note",
            AdmonitionType::Tip => "Tip",
            AdmonitionType::Info => "Info",
            AdmonitionType::Caution => "Caution",
            AdmonitionType::Warning => "Warning",
            AdmonitionType::Danger => "Danger",
        }
    }
}

/// A boxed note, tip, info, caution, warning or danger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Admonition {
    /// Which kind of box.
    #[serde(rename = "type")]
    pub kind: AdmonitionType,
    /// An optional title; without one the kind's name is shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// A one-paragraph body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<RichText>,
    /// Further body blocks, after `text`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<Block>,
}

/// A verbatim code sample.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CodeBlock {
    /// The language, for syntax highlighting (e.g. `xml`, `json`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The code, shown exactly as written.
    pub code: String,
}
