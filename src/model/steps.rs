//! Steps of procedures and resolutions: an action, its result, sub-steps and branches.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{AdmonitionType, Alias, Anchor, Block, Condition, RichText, TopicId};

/// One numbered step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// An anchor so other topics can link to this step as `topic:ID#ANCHOR`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Anchor>,
    /// Old anchors of this step (full fragments, e.g. `old-topic--old-step`), kept so old links
    /// still land here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<Alias>,
    /// The variants this step is for; publications that select none of them leave it out (the
    /// steps after it are numbered on).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
    /// What the reader does, in the imperative ("Click **Save**.").
    pub action: RichText,
    /// Supporting blocks shown under the action: tips, tables, images, included fragments.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<Block>,
    /// What the reader sees once the action is done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<RichText>,
    /// Blocks shown after the result (a screenshot of what the reader now sees); `blocks` stay
    /// between the action and the result.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub after_result: Vec<Block>,
    /// Nested steps, numbered a, b, c.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub substeps: Vec<Step>,
    /// Conditions that send the reader to another procedure.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub branches: Vec<Branch>,
}

/// "If CONDITION, go to PROCEDURE." With a `title`, `type` or `blocks` it is shown as a titled
/// callout (an admonition box) that ends with the same go-to sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Branch {
    /// The condition, e.g. "you don't see the **Role** dropdown".
    #[serde(rename = "if")]
    pub condition: RichText,
    /// The id of the procedure to follow instead.
    pub go_to: TopicId,
    /// The callout's title, e.g. "Don't see the Role dropdown?".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The callout's kind of box (default `note`).
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<AdmonitionType>,
    /// The callout's body, shown before the go-to sentence.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<Block>,
}

impl Branch {
    /// Whether the branch is shown as a callout rather than a plain sentence.
    pub fn is_callout(&self) -> bool {
        self.title.is_some() || self.kind.is_some() || !self.blocks.is_empty()
    }
}
