//! The `error` topic kind: an exact product message (or a user symptom), its causes and resolutions.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Anchor, Block, Condition, RichText, Step, TopicId, TopicMeta};

/// Whether the topic answers a message the product shows or something a user reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorType {
    /// The product shows `message` verbatim; in-product help is keyed by it.
    #[default]
    ProductError,
    /// A symptom users report in their own words ("I haven't received an email").
    Symptom,
}

/// An error message or symptom, with every known cause and its resolution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ErrorTopic {
    /// Shared topic fields.
    #[serde(flatten)]
    pub meta: TopicMeta,
    /// Exactly what the product shows (or, for a symptom, the user's words). A part that varies is
    /// an ICU-style placeholder: `Unable to connect to Intacct: {reason}`; write a literal brace
    /// as `'{'` or `'}'`.
    pub message: String,
    /// Other wordings that find this topic in the product: older or alternative messages, with
    /// placeholders like `message`.
    #[serde(default, rename = "match", skip_serializing_if = "Vec::is_empty")]
    pub match_wordings: Vec<String>,
    /// The product's error code, if it shows one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Product error (default) or user-reported symptom.
    #[serde(default, skip_serializing_if = "is_default_error_type")]
    pub error_type: ErrorType,
    /// Whether a user can fix this alone, without an administrator or support.
    pub user_recoverable: bool,
    /// Blocks shown before the causes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub intro: Vec<Block>,
    /// Every known cause, most likely first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub causes: Vec<Cause>,
}

fn is_default_error_type(t: &ErrorType) -> bool {
    *t == ErrorType::default()
}

/// One cause of an error and how to resolve it, or several causes that share one resolution.
///
/// Write `cause` for one cause or `causes` for several with one fix (exactly one of the two):
/// grouping them under one `resolution` keeps each fix next to the causes it fixes, so reordering
/// the entries never moves a cause to another fix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cause {
    /// An anchor so other topics can link to this cause (or group of causes) as `topic:ID#ANCHOR`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Anchor>,
    /// The variants this cause (and its resolution) applies to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
    /// What went wrong, in one sentence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<RichText>,
    /// Several things that can go wrong, each in one sentence, that `resolution` fixes alike.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub causes: Vec<RichText>,
    /// How to fix it.
    pub resolution: Resolution,
}

impl Cause {
    /// Every cause this entry names: its `cause`, or its `causes`.
    pub fn texts(&self) -> impl Iterator<Item = &RichText> {
        self.cause.iter().chain(&self.causes)
    }
}

/// How an error's causes are shown: each under its own heading (the default), or as labelled
/// paragraphs without headings, so they stay out of the contents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CauseStyle {
    /// Each cause (or group of causes that share a fix) is a heading in the contents.
    #[default]
    Headings,
    /// Causes are labelled paragraphs ("Cause:", "Possible causes:") with no headings.
    List,
}

/// How to resolve a cause: steps, a procedure to follow, or both.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Resolution {
    /// Blocks shown before the steps.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<Block>,
    /// The steps that fix the cause.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<Step>,
    /// A procedure that fixes the cause, by id (shown as "Follow …").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub procedure: Option<TopicId>,
}
