//! Blocks: the body elements of topics, steps, causes and fragments.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Condition, RichText, Step, TopicId};

/// One body element. Written as a one-key map naming its type, e.g. `- paragraph: Text` or
/// `- include: intacct-modules`, plus, optionally, a `when:` key for a block that only some
/// variants show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields, remote = "Self")]
#[schemars(rename = "Block", transform = with_when)]
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
    /// A block with a `when:` key: read and written as the block's own map plus that key.
    #[serde(skip)]
    When(Box<ConditionalBlock>),
}

/// A block that only some variants show (`- paragraph: …` with `when: {edition: enterprise}`).
#[derive(Debug, Clone, PartialEq)]
pub struct ConditionalBlock {
    /// The variants the block is for.
    pub when: Condition,
    /// The block (never itself a `When`).
    pub block: Block,
}

impl Block {
    /// The block and its condition: `(block, None)` for a block without `when`.
    pub fn parts(&self) -> (&Block, Option<&Condition>) {
        match self {
            Block::When(conditional) => (&conditional.block, Some(&conditional.when)),
            block => (block, None),
        }
    }
}

/// Reads a block's map: `when`, if present, is taken out and the rest read as the block.
impl<'de> Deserialize<'de> for Block {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let mut map = serde_json::Map::<String, serde_json::Value>::deserialize(deserializer)?;
        let when = map.remove("when");
        let block = Block::deserialize(serde_json::Value::Object(map)).map_err(D::Error::custom)?;
        match when {
            None => Ok(block),
            Some(when) => Ok(Block::When(Box::new(ConditionalBlock {
                when: Condition::deserialize(when).map_err(D::Error::custom)?,
                block,
            }))),
        }
    }
}

/// Writes a block as its map, plus `when` for a conditional block.
impl Serialize for Block {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::Error;
        let Block::When(conditional) = self else {
            return Block::serialize(self, serializer);
        };
        let mut value = Block::serialize(&conditional.block, serde_json::value::Serializer)
            .map_err(S::Error::custom)?;
        if let serde_json::Value::Object(map) = &mut value {
            let when = serde_json::to_value(&conditional.when).map_err(S::Error::custom)?;
            map.insert("when".to_string(), when);
        }
        value.serialize(serializer)
    }
}

/// Adds the optional `when` key to every alternative of the block schema.
fn with_when(schema: &mut schemars::Schema) {
    let when = serde_json::json!({"$ref": "#/$defs/Condition"});
    if let Some(alternatives) = schema.get_mut("oneOf").and_then(|v| v.as_array_mut()) {
        for alternative in alternatives {
            if let Some(properties) = alternative
                .get_mut("properties")
                .and_then(|v| v.as_object_mut())
            {
                properties.insert("when".to_string(), when.clone());
            }
        }
    }
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
    #[schemars(regex(pattern = TopicId::PATTERN), length(max = TopicId::MAX_LEN))]
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
    /// The variants this pane is for; a publication that selects none of them leaves it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
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
    pub rows: Vec<Row>,
}

/// A table's body row: a list of cells, or `{when: …, cells: […]}` for a row that only some
/// variants show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Row {
    /// A row every variant shows.
    Cells(Vec<RichText>),
    /// A row shown only where `when` holds.
    Conditional(ConditionalRow),
}

/// A row with a condition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConditionalRow {
    /// The variants the row is for.
    pub when: Condition,
    /// The row's cells.
    pub cells: Vec<RichText>,
}

impl Row {
    /// The row's cells.
    pub fn cells(&self) -> &[RichText] {
        match self {
            Row::Cells(cells) => cells,
            Row::Conditional(row) => &row.cells,
        }
    }

    /// The row's cells, to edit them.
    pub fn cells_mut(&mut self) -> &mut Vec<RichText> {
        match self {
            Row::Cells(cells) => cells,
            Row::Conditional(row) => &mut row.cells,
        }
    }

    /// The row's condition, if it has one.
    pub fn when(&self) -> Option<&Condition> {
        match self {
            Row::Cells(_) => None,
            Row::Conditional(row) => Some(&row.when),
        }
    }

    /// The JSON pointer of the row's cells relative to the row (`""` or `"/cells"`).
    pub fn cells_pointer(&self) -> &'static str {
        match self {
            Row::Cells(_) => "",
            Row::Conditional(_) => "/cells",
        }
    }
}

impl From<Vec<RichText>> for Row {
    fn from(cells: Vec<RichText>) -> Self {
        Row::Cells(cells)
    }
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
