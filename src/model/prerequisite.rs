//! The `prerequisite` topic kind: something the reader must have before starting.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Block, RichText, Step, TopicMeta};

/// Something required before the reader starts, why, how to check it and what to do without it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Prerequisite {
    /// Shared topic fields.
    #[serde(flatten)]
    pub meta: TopicMeta,
    /// When this applies, if not always (e.g. "Only for companies with several entities.").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies_when: Option<RichText>,
    /// What is required and why.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub body: Vec<Block>,
    /// How to check whether the requirement is met.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub check: Vec<Step>,
    /// What to do when it is not met.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub if_not_met: Vec<Block>,
}
