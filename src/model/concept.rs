//! The `concept` topic kind: a question and its answer.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Block, TopicMeta};

/// A question (the title) and its answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Concept {
    /// Shared topic fields; the title is the question.
    #[serde(flatten)]
    pub meta: TopicMeta,
    /// The answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answer: Vec<Block>,
}
