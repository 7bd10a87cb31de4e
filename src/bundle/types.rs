//! The help bundle's wire types: the public contract products read (separate from the content model).

use crate::model::TopicId;
use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{FORMAT_VERSION, SCHEMA_ID};

/// The in-product help for one publication: every error it holds, ready to show beside the message
/// the product displays, with a lookup index by error code and by normalized message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "helpdoc in-product help bundle")]
pub struct HelpBundle {
    /// The `$id` of the schema this bundle follows.
    #[serde(rename = "$schema")]
    #[schemars(extend("const" = SCHEMA_ID))]
    pub schema: String,
    /// The bundle format's major version: it changes only when a change would break a client that
    /// reads the previous version (a field removed, renamed, retyped or given a new meaning).
    #[schemars(schema_with = "format_version_schema")]
    pub format_version: u32,
    /// The tool that wrote the bundle.
    pub generator: Generator,
    /// The publication the bundle was built from.
    pub publication: PublicationInfo,
    /// The language of the help text, as a BCP 47 tag (`formats.json.language`, default `en`).
    pub language: String,
    /// The build date, `YYYY-MM-DD` (UTC, from `SOURCE_DATE_EPOCH` when set).
    #[schemars(regex(pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))]
    pub generated: String,
    /// The errors, in the publication's reading order.
    pub errors: Vec<HelpError>,
    /// Lookup tables from what the product knows (a code, a message) to an error `id`.
    pub index: BundleIndex,
}

/// `format_version` is exactly [`FORMAT_VERSION`] (not just any `u32`).
fn format_version_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({ "type": "integer", "const": FORMAT_VERSION })
}

/// A topic id: the model's rule for one ([`TopicId::PATTERN`]).
const ID_PATTERN: &str = TopicId::PATTERN;

/// The tool that wrote the bundle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Generator {
    /// Always `helpdoc`.
    pub name: String,
    /// helpdoc's version.
    pub version: String,
}

/// The publication the bundle was built from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PublicationInfo {
    /// The publication id (the bundle's file name without `.json`).
    pub id: String,
    /// The publication title.
    pub title: String,
    /// The product the help is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product: Option<String>,
    /// The product or guide version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

/// Whether an error is a message the product shows or a symptom a user reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The product shows `message` verbatim.
    ProductError,
    /// A problem users describe in their own words (`message` is that description).
    Symptom,
}

/// One error (or symptom) with its causes and resolutions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct HelpError {
    /// The stable topic id; never changes once published.
    #[schemars(regex(pattern = ID_PATTERN))]
    pub id: String,
    /// Exactly what the product shows (or, for a symptom, the user's words), as plain text; with
    /// `{name}` placeholders when it is a message template (see `index.templates`).
    pub message: String,
    /// The product's error code, exactly as written, if it shows one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Product error or symptom.
    pub error_type: ErrorKind,
    /// The help topic's title, as plain text.
    pub title: String,
    /// A one- or two-sentence answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<FormattedText>,
    /// Explanation shown before the causes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<FormattedText>,
    /// Whether a user can fix this alone, without an administrator or support.
    pub user_recoverable: bool,
    /// The topic in the published docs (absent when no docs page holds it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("format" = "uri"))]
    pub docs_url: Option<String>,
    /// Every known cause, most likely first.
    pub causes: Vec<HelpCause>,
    /// Pages that tell the user more, each shown as "Learn more: TITLE" (may be empty).
    #[serde(default)]
    pub learn_more: Vec<HelpLink>,
    /// The page the help text was adapted from, shown as "Adapted from TITLE.".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<HelpLink>,
}

/// A link to a web page, with the words to show before it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct HelpLink {
    /// The words before the link: `Learn more:` or `Adapted from`.
    pub label: String,
    /// The page's title, as plain text (the link text).
    pub title: String,
    /// The page's address (`https:`, `http:` or `mailto:`).
    #[schemars(extend("format" = "uri"))]
    pub url: String,
}

/// The same text twice: plain, and as safe HTML.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct FormattedText {
    /// Plain text without markup (paragraphs separated by a blank line).
    pub text: String,
    /// An HTML fragment built only from the bundle's allowed elements; every character of content
    /// is escaped, so it can be inserted as markup.
    pub html: String,
}

/// One cause of an error and its resolution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct HelpCause {
    /// The cause's stable id inside its error, if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// What went wrong, as plain text.
    pub text: String,
    /// What went wrong, as inline HTML.
    pub html: String,
    /// Further causes that the same resolution fixes, after the one in `text` and `html` (empty
    /// for a cause with a resolution of its own).
    #[serde(default)]
    pub more_causes: Vec<FormattedText>,
    /// The cause in the published docs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("format" = "uri"))]
    pub docs_url: Option<String>,
    /// How to fix it.
    pub resolution: HelpResolution,
}

/// How to resolve a cause: an explanation, steps, a procedure to follow, or a mix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct HelpResolution {
    /// Explanation shown before the steps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<FormattedText>,
    /// The steps, in order (may be empty).
    pub steps: Vec<HelpStep>,
    /// A procedure that fixes the cause.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub procedure: Option<ProcedureRef>,
}

/// One numbered step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct HelpStep {
    /// The step's stable id inside its topic, if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// What the user does, as plain text.
    pub text: String,
    /// What the user does, as inline HTML.
    pub html: String,
    /// Supporting information shown under the action (tips, lists, tables).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<FormattedText>,
    /// What the user sees once the action is done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<FormattedText>,
    /// Supporting information shown after the result (block HTML, like `details`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after_result: Option<FormattedText>,
    /// Nested steps (may be empty).
    pub substeps: Vec<HelpStep>,
    /// "If CONDITION, follow PROCEDURE instead" (may be empty).
    pub branches: Vec<HelpBranch>,
}

/// A condition that sends the user to another procedure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct HelpBranch {
    /// The condition ("you don't see the Role dropdown").
    pub condition: FormattedText,
    /// The procedure to follow.
    pub procedure: ProcedureRef,
    /// For a branch shown as a callout: the box's kind (`note`, `tip`, `info`, `caution`,
    /// `warning` or `danger`); absent for a plain sentence.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    #[schemars(extend("enum" = ["note", "tip", "info", "caution", "warning", "danger"]))]
    pub callout_type: Option<String>,
    /// The callout's title, as plain text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The callout's body, before the "if …, follow …" sentence (block HTML, like `details`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<FormattedText>,
}

/// A procedure the user is sent to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ProcedureRef {
    /// The procedure's topic id.
    #[schemars(regex(pattern = ID_PATTERN))]
    pub id: String,
    /// Its title, as plain text.
    pub title: String,
    /// The procedure in the published docs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("format" = "uri"))]
    pub docs_url: Option<String>,
    /// The procedure's steps when the publication includes the procedure (a resolution's procedure
    /// only); empty otherwise, when `docs_url` is the way to it.
    pub steps: Vec<HelpStep>,
}

/// Lookup tables to an error `id`, sorted by key.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct BundleIndex {
    /// Error code, exactly as written, to error id.
    pub by_code: BTreeMap<String, String>,
    /// Normalized message (see `normalize_message`) to error id: each error's message and `match`
    /// wordings without placeholders.
    pub by_message: BTreeMap<String, String>,
    /// Messages and `match` wordings with placeholders, in the order to try them: the most
    /// literal text first (then by error id, then as written).
    pub templates: Vec<MessageTemplate>,
}

/// A message template, split at its placeholders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct MessageTemplate {
    /// The error it finds.
    #[schemars(regex(pattern = ID_PATTERN))]
    pub id: String,
    /// The normalized literal text before, between and after the placeholders (one more item than
    /// `placeholders`; only the first and the last can be empty). A normalized message matches
    /// when it is this text with one or more characters in place of each placeholder.
    #[schemars(length(min = 2))]
    pub literals: Vec<String>,
    /// The placeholder names, in order.
    #[schemars(length(min = 1))]
    pub placeholders: Vec<String>,
}
