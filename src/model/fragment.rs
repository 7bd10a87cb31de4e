//! Fragments: reusable blocks, written once and included by id wherever they are needed.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Block, TopicId};

/// Blocks written once and included with `- include: ID`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "helpdoc fragment")]
pub struct Fragment {
    /// The schema this file is written against.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Always `fragment`.
    pub kind: FragmentKind,
    /// Stable id, unique across the content folder.
    pub id: TopicId,
    /// What the fragment holds, for writers (never published).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The blocks inserted where the fragment is included.
    pub blocks: Vec<Block>,
}

/// The `kind` tag of a fragment file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FragmentKind {
    /// `kind: fragment`.
    Fragment,
}
