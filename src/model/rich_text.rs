//! Rich text as authored: a string in a small Markdown subset, parsed later into a safe inline tree.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Inline text in a small Markdown subset: `*emphasis*`, `**strong**` (UI labels), `` `code` ``,
/// links `[text](https://…)` and cross-references `[text](topic:ID#anchor)`. Raw HTML is not allowed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct RichText(pub String);

impl RichText {
    /// The source text as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}
