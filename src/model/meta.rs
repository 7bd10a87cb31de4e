//! Fields shared by every topic kind: identity, title, audience, cross-references and attribution.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Condition, RichText};

/// A stable topic, fragment or publication id: lowercase words joined by hyphens (it becomes a URL
/// slug and an anchor, so it must never change once published).
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(transparent)]
pub struct TopicId(
    #[schemars(regex(pattern = TopicId::PATTERN), length(max = TopicId::MAX_LEN))] pub String,
);

impl TopicId {
    /// What a valid id is, as the JSON Schemas state it (with [`TopicId::MAX_LEN`]); the same
    /// rule as [`TopicId::is_valid`]. Anchors and tab group ids follow it too.
    pub const PATTERN: &'static str = r"^[a-z0-9]+(-[a-z0-9]+)*$";

    /// The longest valid id, in bytes (an id is ASCII, so also in characters).
    pub const MAX_LEN: usize = 120;

    /// The id as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `text` is a valid id: lowercase words joined by hyphens (see
    /// [`is_hyphenated_words`]), at most [`TopicId::MAX_LEN`] bytes.
    pub fn is_valid(text: &str) -> bool {
        text.len() <= Self::MAX_LEN && is_hyphenated_words(text)
    }

    /// Any text made id-shaped, for suggestions and for ids made from titles: ASCII letters and
    /// digits kept in lower case, every other run of characters one hyphen, none at either end
    /// ("Reset your password!" is `reset-your-password`). Valid unless it is empty or longer
    /// than [`TopicId::MAX_LEN`].
    pub fn slugify(text: &str) -> String {
        let mut slug = String::with_capacity(text.len());
        for c in text.chars() {
            if c.is_ascii_alphanumeric() {
                slug.push(c.to_ascii_lowercase());
            } else if !slug.ends_with('-') && !slug.is_empty() {
                slug.push('-');
            }
        }
        slug.truncate(slug.trim_end_matches('-').len());
        slug
    }
}

/// Whether `text` is lowercase words of ASCII letters and digits joined by single hyphens
/// (`reset-password2`), with no length limit: the shape of ids ([`TopicId::is_valid`]) and of
/// the names and values of `[dimensions]`.
pub fn is_hyphenated_words(text: &str) -> bool {
    !text.is_empty()
        && text.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

impl std::fmt::Display for TopicId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A named place inside a topic (a step or a cause) that cross-references can target as
/// `topic:ID#ANCHOR`.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(transparent)]
pub struct Anchor(
    #[schemars(regex(pattern = TopicId::PATTERN), length(max = TopicId::MAX_LEN))] pub String,
);

/// An old anchor kept so that links and bookmarks made before a rename keep working: an extra
/// anchor on a topic, section or step, never a link target of its own (links use ids).
///
/// Written as Docusaurus would have made it from a heading (github-slugger): lowercase letters of
/// any script, digits, `_` and `-` (so `--` and `-1` suffixes too). The schema refuses whitespace,
/// ASCII capitals and ASCII punctuation; `helpdoc check` applies the full rule
/// ([`crate::check::aliases`]) and that it is unique on its page.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(transparent)]
pub struct Alias(
    #[schemars(
        regex(pattern = r"^[^\sA-Z!-,./:-@\[-^`{-~]+$"),
        length(min = 1, max = 200)
    )]
    pub String,
);

impl Alias {
    /// The alias as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Fields shared by every topic kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TopicMeta {
    /// The schema this file is written against, so editors can complete and validate it.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Stable id, unique across the content folder.
    pub id: TopicId,
    /// The heading readers see. For concepts, the question; for errors, what the reader wants solved.
    pub title: String,
    /// One or two sentences shown under the title, in search results and in the in-product help.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<RichText>,
    /// Deprecated: write `when: {audience: [...]}` (audience is a dimension declared in
    /// helpdoc.toml). Still read as that condition.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub audience: Vec<String>,
    /// The variants this topic is for (`{edition: enterprise}`); publications that select none
    /// of them leave it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
    /// Related topics, by id, listed after the topic's body.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub see_also: Vec<TopicId>,
    /// Where text adapted from someone else's documentation came from: shown as "Adapted from …".
    /// For further reading on your own prose, use `learn_more`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// Pages that tell the reader more (a vendor's reference, a FAQ), shown as "Learn more: …".
    /// Unlike `source`, they credit no one for the topic's text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub learn_more: Vec<Source>,
    /// Old anchors of this topic (e.g. the slug of a former title), kept so old links still land here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<Alias>,
}

/// A titled link to a web page: the attribution of `source`, or a `learn_more` link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The page's title, used as the link text.
    pub title: String,
    /// The page's address (http or https).
    pub url: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`TopicId::is_valid`] and the schemas' pattern and length are one rule.
    #[test]
    fn ids_are_valid_exactly_when_the_schemas_accept_them() {
        let schema = serde_json::json!({
            "type": "string",
            "pattern": TopicId::PATTERN,
            "maxLength": TopicId::MAX_LEN,
        });
        let validator = jsonschema::validator_for(&schema).unwrap();
        let longest = "a".repeat(TopicId::MAX_LEN);
        let too_long = "a".repeat(TopicId::MAX_LEN + 1);
        let samples = [
            "reset-password2",
            "a",
            "0",
            longest.as_str(),
            too_long.as_str(),
            "",
            "Reset",
            "a--b",
            "-a",
            "a-",
            "a b",
            "a_b",
            "../x",
            "café",
            "a\n",
        ];
        for sample in samples {
            let schema_says = validator.is_valid(&serde_json::json!(sample));
            assert_eq!(TopicId::is_valid(sample), schema_says, "{sample:?}");
        }
        assert!(TopicId::is_valid(&longest) && !TopicId::is_valid(&too_long));
    }

    #[test]
    fn slugify_makes_ids_from_any_text() {
        for (text, slug) in [
            ("Reset your password!", "reset-your-password"),
            ("  --Bank  feeds: v2--  ", "bank-feeds-v2"),
            ("Café au lait", "caf-au-lait"),
            ("¿?", ""),
        ] {
            assert_eq!(TopicId::slugify(text), slug, "{text:?}");
            assert!(slug.is_empty() || TopicId::is_valid(slug));
        }
    }
}
