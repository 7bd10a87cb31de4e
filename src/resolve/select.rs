//! What a publication selects: which `when:` conditions hold for it, which content it marks, and
//! the value of each variable in it. The one definition of evaluating a condition (checks and
//! resolving both ask here).
//!
//! A publication stands for every variant its `select` allows: per dimension, the values it
//! names, or every value of a dimension it does not name. Content shows when its condition holds
//! for at least one of those variants (DITAVAL's rule: left out only when no variant wants it).

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Condition, DimensionValues, Publication, TopicMeta, Values, Variable};

/// The dimension that the deprecated `audience` fields of topics and publications stand for.
pub const AUDIENCE: &str = "audience";

/// A publication's selection (see the module docs).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Selected values per named dimension; a dimension absent here is not filtered on.
    select: BTreeMap<String, BTreeSet<String>>,
    /// Values to mark, as (dimension, value).
    flag: Vec<(String, String)>,
}

impl Selection {
    /// The selection of `publication`: its `select`, with the deprecated `audience` read as
    /// `select: {audience: …}`.
    pub fn of(publication: &Publication) -> Selection {
        let mut select = sets(&publication.select);
        if !publication.audience.is_empty() {
            select
                .entry(AUDIENCE.to_string())
                .or_insert_with(|| publication.audience.iter().cloned().collect());
        }
        let flag = (publication.flag.0.iter())
            .flat_map(|(d, values)| values.as_slice().iter().map(|v| (d.clone(), v.clone())))
            .collect();
        Selection { select, flag }
    }

    /// The selection with every dimension it does not name selecting all of its declared
    /// values (what "not named" means), so that a condition naming them all can be told apart.
    pub fn complete(mut self, dimensions: &BTreeMap<String, Vec<String>>) -> Selection {
        for (name, values) in dimensions {
            self.select
                .entry(name.clone())
                .or_insert_with(|| values.iter().cloned().collect());
        }
        self
    }

    /// Whether content with condition `when` is in the publication (see the module docs).
    /// `None` (no condition) always holds.
    pub fn holds(&self, when: Option<&Condition>) -> bool {
        when.is_none_or(|when| self.holds_with(when, None))
    }

    /// [`Self::holds`] with one dimension's selection replaced by `only`.
    fn holds_with(&self, when: &Condition, only: Option<(&str, &BTreeSet<String>)>) -> bool {
        let selected = |dimension: &str| match only {
            Some((d, set)) if d == dimension => Some(set),
            _ => self.select.get(dimension),
        };
        // Per dimension the condition names, the selected values it allows (`None`: every value).
        let mut allowed: BTreeMap<&str, Option<BTreeSet<&str>>> = BTreeMap::new();
        for (dimension, values) in &when.all {
            let values = values.as_slice();
            let set: BTreeSet<&str> = match selected(dimension) {
                Some(selected) => (values.iter())
                    .filter(|v| selected.contains(*v))
                    .map(String::as_str)
                    .collect(),
                None => values.iter().map(String::as_str).collect(),
            };
            if set.is_empty() {
                return false;
            }
            allowed.insert(dimension, Some(set));
        }
        let Some(not) = &when.not else {
            return true;
        };
        // Some allowed variant must escape the negation: on at least one negated dimension, an
        // allowed value it does not name.
        not.0.iter().any(|(dimension, values)| {
            let allowed = match allowed.get(dimension.as_str()) {
                Some(set) => set.clone(),
                None => selected(dimension).map(|s| s.iter().map(String::as_str).collect()),
            };
            match allowed {
                Some(set) => set
                    .iter()
                    .any(|v| !values.as_slice().iter().any(|n| n == v)),
                // Every value is selected: some value is not named (a condition that names them
                // all is reported by `check` as never true).
                None => true,
            }
        })
    }

    /// The marker for content with condition `when` ("Enterprise only"), when the publication
    /// flags a value the condition names and holds for: each such value, joined.
    pub fn marker(&self, when: Option<&Condition>) -> Option<String> {
        let when = when?;
        let labels: Vec<String> = (self.flag.iter())
            .filter(|(dimension, value)| {
                let named = when.all.contains_key(dimension)
                    || when
                        .not
                        .as_ref()
                        .is_some_and(|n| n.0.contains_key(dimension));
                let only = BTreeSet::from([value.clone()]);
                named && self.holds_with(when, Some((dimension, &only)))
            })
            .map(|(_, value)| label(value))
            .collect();
        (!labels.is_empty()).then(|| format!("{} only", labels.join(", ")))
    }

    /// The value of each variable in this publication: a text as written, a per-value variable
    /// its one selected value's text. A per-value variable whose dimension the publication does
    /// not narrow to one value with a text is left out (`check` reports it).
    pub fn variables(&self, publication: &Publication) -> BTreeMap<String, String> {
        (publication.variables.iter())
            .filter_map(|(name, variable)| Some((name.clone(), self.variable(variable).ok()?)))
            .collect()
    }

    /// A variable's value here, or the dimension it cannot pick a value of.
    pub fn variable<'v>(&self, variable: &'v Variable) -> Result<String, &'v str> {
        match variable {
            Variable::Text(text) => Ok(text.clone()),
            Variable::PerValue(by) => {
                let Some((dimension, texts)) = by.iter().next() else {
                    return Ok(String::new());
                };
                let one = match self.select.get(dimension) {
                    Some(set) if set.len() == 1 => set.iter().next(),
                    _ => None,
                };
                one.and_then(|value| texts.get(value))
                    .cloned()
                    .ok_or(dimension.as_str())
            }
        }
    }
}

/// A topic's condition: its `when`, with the deprecated `audience` read as
/// `when: {audience: […]}` (added to `when` unless it names audience itself).
pub fn topic_condition(meta: &TopicMeta) -> Option<Cow<'_, Condition>> {
    if meta.audience.is_empty() {
        return meta.when.as_ref().map(Cow::Borrowed);
    }
    let mut when = meta.when.clone().unwrap_or_default();
    when.all
        .entry(AUDIENCE.to_string())
        .or_insert_with(|| Values::Any(meta.audience.clone()));
    Some(Cow::Owned(when))
}

/// The values per dimension as sets.
fn sets(values: &DimensionValues) -> BTreeMap<String, BTreeSet<String>> {
    (values.0.iter())
        .map(|(d, v)| (d.clone(), v.as_slice().iter().cloned().collect()))
        .collect()
}

/// A value as readers see it in a marker: `enterprise` → "Enterprise", `multi-entity` →
/// "Multi-entity" (the first letter capitalized).
pub fn label(value: &str) -> String {
    let mut chars = value.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn when(yaml: &str) -> Condition {
        // Flow YAML as JSON: quote every bare word.
        let json = regex_lite_quote(yaml);
        serde_json::from_str(&json).unwrap()
    }

    fn regex_lite_quote(yaml: &str) -> String {
        let mut out = String::new();
        let mut word = String::new();
        for c in yaml.chars().chain(std::iter::once(' ')) {
            if c.is_alphanumeric() || c == '-' {
                word.push(c);
            } else {
                if !word.is_empty() {
                    out.push_str(&format!("\"{word}\""));
                    word.clear();
                }
                out.push(c);
            }
        }
        out
    }

    fn selecting(pairs: &[(&str, &[&str])]) -> Selection {
        Selection {
            select: (pairs.iter())
                .map(|(d, v)| (d.to_string(), v.iter().map(|s| s.to_string()).collect()))
                .collect(),
            flag: Vec::new(),
        }
    }

    #[test]
    fn one_value_a_list_and_negation() {
        let enterprise = selecting(&[("edition", &["enterprise"])]);
        let standard = selecting(&[("edition", &["standard"])]);
        let every = selecting(&[]);
        let only = when("{edition: enterprise}");
        let either = when("{edition: [standard, enterprise]}");
        let not_standard = when("{not: {edition: standard}}");
        assert!(enterprise.holds(Some(&only)) && !standard.holds(Some(&only)));
        assert!(enterprise.holds(Some(&either)) && standard.holds(Some(&either)));
        assert!(enterprise.holds(Some(&not_standard)) && !standard.holds(Some(&not_standard)));
        // A publication that selects nothing for a dimension keeps content for any of its values.
        assert!(every.holds(Some(&only)) && every.holds(Some(&not_standard)));
        // Conditions on several dimensions need all of them.
        let both = when("{edition: enterprise, entities: multi}");
        assert!(
            !selecting(&[("edition", &["enterprise"]), ("entities", &["single"])])
                .holds(Some(&both))
        );
        // The same dimension named and negated: exactly the values left.
        let left = when("{edition: [standard, enterprise], not: {edition: standard}}");
        assert!(!selecting(&[("edition", &["standard", "other"])]).holds(Some(&left)));
        assert!(selecting(&[("edition", &["enterprise", "standard"])]).holds(Some(&left)));
    }

    #[test]
    fn flags_mark_what_holds_only_for_the_flagged_value() {
        let mut selection = selecting(&[]);
        selection.flag.push(("edition".into(), "enterprise".into()));
        assert_eq!(
            selection
                .marker(Some(&when("{edition: enterprise}")))
                .as_deref(),
            Some("Enterprise only")
        );
        assert_eq!(
            selection
                .marker(Some(&when("{not: {edition: standard}}")))
                .as_deref(),
            Some("Enterprise only")
        );
        assert_eq!(selection.marker(Some(&when("{edition: standard}"))), None);
        assert_eq!(selection.marker(Some(&when("{entities: multi}"))), None);
        assert_eq!(selection.marker(None), None);
    }
}
