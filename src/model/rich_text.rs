//! Rich text as authored: a string in a small Markdown subset, parsed once, when it is loaded, into
//! the safe inline tree that checks, rules, resolve and exporters share.

use std::borrow::Cow;

use schemars::{JsonSchema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::inline::{Inline, ParsedInline, parse_inline};

/// Inline text in a small Markdown subset: `*emphasis*`, `**strong**` (UI labels), `` `code` ``,
/// links `[text](https://…)`, cross-references `[text](topic:ID#anchor)` and words in another
/// language `[Bonjour](lang:fr)`. Raw HTML is not allowed.
///
/// Holds the text as written and its parse (tree, cross-references, refused constructs and prose
/// ranges, all with byte offsets into the text), made once by [`RichText::new`]: a content set's
/// texts are read by several checks, every rule and once per publication, and parsing each time
/// dominated `check`. Compared, hashed and serialized as the text.
#[derive(Debug, Clone)]
pub struct RichText {
    source: String,
    parsed: ParsedInline,
}

impl RichText {
    /// Parses `source` (never fails: what is refused is in [`ParsedInline::problems`]).
    pub fn new(source: impl Into<String>) -> Self {
        let source = source.into();
        let parsed = parse_inline(&source);
        RichText { source, parsed }
    }

    /// The source text as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// The parse of the text.
    pub fn parsed(&self) -> &ParsedInline {
        &self.parsed
    }

    /// The safe inline tree (variables not filled: resolve fills them per publication).
    pub fn inlines(&self) -> &[Inline] {
        &self.parsed.inlines
    }
}

impl PartialEq for RichText {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
    }
}

impl Eq for RichText {}

impl std::hash::Hash for RichText {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.source.hash(state);
    }
}

impl Serialize for RichText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.source)
    }
}

impl<'de> Deserialize<'de> for RichText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(RichText::new)
    }
}

// The schema of `RichText`: a string with the description below, derived, so the published schema
// does not change with the in-memory representation.
#[derive(JsonSchema)]
#[schemars(rename = "RichText")]
#[allow(dead_code)]
/// Inline text in a small Markdown subset: `*emphasis*`, `**strong**` (UI labels), `` `code` ``,
/// links `[text](https://…)`, cross-references `[text](topic:ID#anchor)` and words in another
/// language `[Bonjour](lang:fr)`. Raw HTML is not allowed.
struct RichTextSchema(String);

impl JsonSchema for RichText {
    fn schema_name() -> Cow<'static, str> {
        RichTextSchema::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        RichTextSchema::schema_id()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> schemars::Schema {
        RichTextSchema::json_schema(generator)
    }
}
