//! Rule `placeholder`: text that stands in for content ("TODO", "screenshot", "steps from the figma", "…").

use super::{Findings, Level, Rule, RuleContext};
use crate::check::locate::span_in_value;
use crate::model::RichText;
use crate::model::walk::{TextRole, Visitor, walk};

/// See the module docs.
pub struct Placeholder;

/// A placeholder found in a piece of text: its byte range and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceholderHit {
    /// Byte range in the text.
    pub range: std::ops::Range<usize>,
    /// The matched text.
    pub text: String,
}

/// Words and phrases that only ever stand in for content (matched case-insensitively, on word
/// boundaries).
const MARKERS: [&str; 11] = [
    "todo",
    "tbd",
    "tbc",
    "fixme",
    "xxx",
    "lorem ipsum",
    "screenshot",
    "screenshot here",
    "from the figma",
    "steps from the figma",
    "insert image",
];

/// Finds placeholders in one piece of text.
pub fn find_placeholders(text: &str) -> Vec<PlaceholderHit> {
    let lower = text.to_lowercase();
    let mut hits: Vec<PlaceholderHit> = Vec::new();
    if lower.len() == text.len() {
        for marker in MARKERS {
            for (at, _) in lower.match_indices(marker) {
                let end = at + marker.len();
                let before_ok = lower[..at]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric());
                let after_ok = lower[end..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric());
                if before_ok
                    && after_ok
                    && !hits
                        .iter()
                        .any(|h| h.range.start <= at && end <= h.range.end)
                {
                    hits.retain(|h| !(at <= h.range.start && h.range.end <= end));
                    hits.push(PlaceholderHit {
                        range: at..end,
                        text: text[at..end].to_string(),
                    });
                }
            }
        }
    }
    let trimmed = text.trim_end();
    for ellipsis in ["...", "…"] {
        if let Some(stripped) = trimmed.strip_suffix(ellipsis) {
            let start = stripped.rfind(['.', '!', '?', '\n']).map_or(0, |i| i + 1);
            let start = start + (stripped.len() - start - stripped[start..].trim_start().len());
            hits.push(PlaceholderHit {
                range: start..trimmed.len(),
                text: text[start..trimmed.len()].to_string(),
            });
        }
    }
    hits.sort_by_key(|h| h.range.start);
    hits
}

impl Rule for Placeholder {
    fn code(&self) -> &'static str {
        "placeholder"
    }
    fn description(&self) -> &'static str {
        "text that stands in for content: TODO, TBD, \"screenshot\", \"steps from the figma\", a sentence left at \"…\""
    }
    fn why(&self) -> &'static str {
        "placeholders reach customers when nobody notices them; no other docs tool flags them"
    }
    fn example(&self) -> &'static str {
        "- paragraph: steps from the figma with a bit more detail"
    }
    fn default_level(&self) -> Level {
        Level::Deny
    }
    fn check(&self, cx: &RuleContext<'_>, findings: &mut Findings) {
        for doc in &cx.content.docs {
            let mut texts: Vec<(String, String)> = Vec::new();
            struct Collect<'a>(&'a mut Vec<(String, String)>);
            impl Visitor for Collect<'_> {
                fn rich_text(&mut self, text: &RichText, pointer: &str) {
                    self.0
                        .push((text.as_str().to_string(), pointer.to_string()));
                }
                fn plain_text(&mut self, text: &str, role: TextRole, pointer: &str) {
                    if role != TextRole::Message {
                        self.0.push((text.to_string(), pointer.to_string()));
                    }
                }
            }
            walk(&doc.document, &mut Collect(&mut texts));
            let source = &cx.sources.file(doc.file).text;
            for (text, pointer) in texts {
                for hit in find_placeholders(&text) {
                    let node = doc.node.locate(&pointer).node;
                    let range = span_in_value(node, source, &text, hit.range.clone());
                    findings.push(super::Finding {
                        doc_file: doc.file,
                        range,
                        message: format!("placeholder text \"{}\" instead of content", hit.text),
                        label: "placeholder".into(),
                        help: "write the real content here, or remove the placeholder".into(),
                    });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_markers_on_word_boundaries() {
        let hits = find_placeholders("steps from the figma with a bit more detail");
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].text, "steps from the figma");
        assert!(find_placeholders("Todos los datos").is_empty());
        assert!(find_placeholders("Take a screenshotting tool").is_empty());
    }

    #[test]
    fn finds_unfinished_sentences() {
        let hits = find_placeholders("It works. a web services user is ...");
        assert_eq!(hits[0].text, "a web services user is ...");
    }
}
