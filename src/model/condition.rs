//! `when:` conditions over the project's declared dimensions (edition, version, …), as written.
//!
//! One shape everywhere (topics, blocks, steps, causes, tab panes, table rows): a map from a
//! dimension to one value or a list of values, with an optional `not:` map of the same shape.
//! Evaluating a condition against a publication's selection is [`crate::resolve::select`]'s job.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// When the element applies: `{edition: enterprise}`, `{entities: [single, multi]}`,
/// `{not: {edition: standard}}`. Every dimension named must match (one of its listed values);
/// `not` holds dimensions of which at least one must not match. Dimensions are declared under
/// `[dimensions]` in helpdoc.toml.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Condition {
    /// Applies unless all of these match: `not: {edition: standard}` is "every edition but
    /// standard".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not: Option<DimensionValues>,
    /// Each dimension with the value (or one of the values) the element is for.
    #[serde(flatten)]
    pub all: BTreeMap<String, Values>,
}

/// Values per dimension: `{edition: enterprise, entities: [single, multi]}` (a `not:` map, a
/// publication's `select` and `flag`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct DimensionValues(pub BTreeMap<String, Values>);

impl DimensionValues {
    /// Whether no dimension is named.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// One value (`enterprise`) or a list of values (`[single, multi]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Values {
    /// One value.
    One(String),
    /// Any of several values.
    Any(Vec<String>),
}

impl Values {
    /// The values, in the order written.
    pub fn as_slice(&self) -> &[String] {
        match self {
            Values::One(value) => std::slice::from_ref(value),
            Values::Any(values) => values,
        }
    }
}

impl Condition {
    /// Every (dimension, value) the condition names, with the JSON pointer of each value
    /// relative to the condition, for checking them against the declared dimensions.
    pub fn named(&self) -> Vec<(&str, &str, String)> {
        let mut out = Vec::new();
        let parts = (self.all.iter().map(|entry| ("", entry))).chain(
            self.not
                .iter()
                .flat_map(|not| &not.0)
                .map(|entry| ("/not", entry)),
        );
        for (prefix, (dimension, values)) in parts {
            match values {
                Values::One(value) => out.push((
                    dimension.as_str(),
                    value.as_str(),
                    format!("{prefix}/{dimension}"),
                )),
                Values::Any(list) => {
                    for (i, value) in list.iter().enumerate() {
                        out.push((
                            dimension.as_str(),
                            value.as_str(),
                            format!("{prefix}/{dimension}/{i}"),
                        ));
                    }
                }
            }
        }
        out
    }
}

/// Shows a condition as written, for messages: `edition: enterprise`,
/// `not: {edition: standard}`.
impl std::fmt::Display for Condition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        fn part(map: &BTreeMap<String, Values>) -> String {
            let parts: Vec<String> = (map.iter())
                .map(|(dimension, values)| match values {
                    Values::One(value) => format!("{dimension}: {value}"),
                    Values::Any(list) => format!("{dimension}: [{}]", list.join(", ")),
                })
                .collect();
            parts.join(", ")
        }
        let mut parts = Vec::new();
        if !self.all.is_empty() {
            parts.push(part(&self.all));
        }
        if let Some(not) = &self.not {
            parts.push(format!("not: {{{}}}", part(&not.0)));
        }
        write!(f, "{{{}}}", parts.join(", "))
    }
}
