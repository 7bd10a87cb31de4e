//! The typed content model: what a writer authors, as Rust types that are the source of truth for the schema.
//!
//! Every content file holds one [`Document`]: a topic (prerequisite, concept, procedure or error), a
//! reusable fragment, or a publication. The JSON Schemas in `schema/` are generated from these types.

mod blocks;
mod concept;
mod condition;
mod data;
mod error;
mod fragment;
pub mod inline;
mod kind;
mod meta;
mod prerequisite;
mod procedure;
mod publication;
mod rich_text;
mod steps;
pub mod url;
pub mod walk;

pub use blocks::{
    Admonition, AdmonitionType, Block, CodeBlock, Collapsible, ConditionalBlock, ConditionalRow,
    Image, List, Row, TabPane, Table, Tabs,
};
pub use concept::Concept;
pub use condition::{Condition, DimensionValues, Values};
pub use data::{DataList, DataTable, DataTabs, DataView, OneOrMore, RowFilter};
pub use error::{Cause, CauseStyle, ErrorTopic, ErrorType, Resolution};
pub use fragment::Fragment;
pub use kind::DocumentKind;
pub use meta::{Alias, Anchor, Source, TopicId, TopicMeta, is_hyphenated_words};
pub use prerequisite::Prerequisite;
pub use procedure::Procedure;
pub use publication::Child as SectionChild;
pub use publication::{
    FormatOptions, HtmlOptions, JsonOptions, MAX_SECTION_DEPTH, MarkdownOptions, PageSize,
    PdfMargins, PdfOptions, Publication, Section, SectionItem, Variable,
};
pub use rich_text::RichText;
pub use steps::{Branch, Step};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A troubleshooting topic: one per content file, discriminated by `kind`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[schemars(title = "helpdoc topic")]
pub enum Topic {
    /// Something the reader must have before they start.
    Prerequisite(Prerequisite),
    /// A question and its answer.
    Concept(Concept),
    /// An ordered list of steps.
    Procedure(Procedure),
    /// A product error message or user-reported symptom, with causes and resolutions.
    Error(ErrorTopic),
}

impl Topic {
    /// The fields every topic kind shares.
    pub fn meta(&self) -> &TopicMeta {
        match self {
            Topic::Prerequisite(t) => &t.meta,
            Topic::Concept(t) => &t.meta,
            Topic::Procedure(t) => &t.meta,
            Topic::Error(t) => &t.meta,
        }
    }

    /// The topic's kind.
    pub fn kind(&self) -> DocumentKind {
        match self {
            Topic::Prerequisite(_) => DocumentKind::Prerequisite,
            Topic::Concept(_) => DocumentKind::Concept,
            Topic::Procedure(_) => DocumentKind::Procedure,
            Topic::Error(_) => DocumentKind::Error,
        }
    }

    /// The `kind` value as written in content files.
    pub fn kind_name(&self) -> &'static str {
        self.kind().name()
    }
}

/// Any content file: a topic, a fragment or a publication.
#[derive(Debug, Clone, PartialEq)]
pub enum Document {
    /// A topic of any kind.
    Topic(Topic),
    /// Reusable blocks included by id.
    Fragment(Fragment),
    /// An assembly of topics into a deliverable.
    Publication(Publication),
}

impl Document {
    /// The document's kind.
    pub fn kind(&self) -> DocumentKind {
        match self {
            Document::Topic(topic) => topic.kind(),
            Document::Fragment(_) => DocumentKind::Fragment,
            Document::Publication(_) => DocumentKind::Publication,
        }
    }
}

/// The document families, each with its own schema file in `schema/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocumentFamily {
    /// `kind` is one of the topic kinds.
    Topic,
    /// `kind: fragment`.
    Fragment,
    /// `kind: publication`.
    Publication,
}

impl DocumentFamily {
    /// All families, in schema file order.
    pub const ALL: [DocumentFamily; 3] = [
        DocumentFamily::Topic,
        DocumentFamily::Fragment,
        DocumentFamily::Publication,
    ];

    /// The schema file name, as content files name it in `$schema`.
    pub fn schema_file(self) -> &'static str {
        match self {
            DocumentFamily::Topic => "topic.schema.json",
            DocumentFamily::Fragment => "fragment.schema.json",
            DocumentFamily::Publication => "publication.schema.json",
        }
    }
}
