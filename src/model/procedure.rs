//! The `procedure` topic kind: an ordered list of steps.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Block, RichText, Step, TopicMeta};

/// A task the reader performs, step by step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Procedure {
    /// Shared topic fields.
    #[serde(flatten)]
    pub meta: TopicMeta,
    /// When to follow this procedure, if not always.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies_when: Option<RichText>,
    /// Blocks shown before the steps.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub intro: Vec<Block>,
    /// The steps, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<Step>,
    /// Blocks shown after the steps (what happens next).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outro: Vec<Block>,
}
