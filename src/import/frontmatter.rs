//! Splits a draft page's YAML frontmatter (`---` … `---`) from its body and reads its fields.

use std::ops::Range;

use super::Note;
use super::mapped::Mapped;
use crate::diag::SourceFile;
use crate::load::{self, Limits, NodeValue, Syntax};

/// One frontmatter field.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The key.
    pub key: String,
    /// The value, when it is text.
    pub text: Option<Mapped>,
    /// The value, when it is `true`/`false` or a number, as written.
    pub scalar: Option<String>,
    /// The items, when the value is a list of strings (`keywords: [a, b]`).
    pub list: Vec<String>,
    /// The field as written (`key: value`), for fields helpdoc keeps as a comment.
    pub written: String,
}

/// A page's frontmatter and where its body starts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Frontmatter {
    /// The fields, in order.
    pub fields: Vec<Field>,
    /// Byte offset of the body in the draft.
    pub body_start: usize,
    /// Where the frontmatter is (empty when there is none).
    pub range: Range<usize>,
}

impl Frontmatter {
    /// The text value of a field.
    pub fn text(&self, key: &str) -> Option<&Mapped> {
        self.fields
            .iter()
            .find(|f| f.key == key)
            .and_then(|f| f.text.as_ref())
            .filter(|t| !t.is_blank())
    }

    /// The field `key`, if the page has it.
    pub fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }
}

/// Reads the frontmatter at the start of `draft`, if there is one.
pub fn split(draft: &str, notes: &mut Vec<Note>) -> Frontmatter {
    let Some(after_open) = draft
        .strip_prefix("---\n")
        .or_else(|| draft.strip_prefix("---\r\n"))
    else {
        return Frontmatter::default();
    };
    let start = draft.len() - after_open.len();
    let mut offset = start;
    let mut close = None;
    for line in after_open.split_inclusive('\n') {
        if matches!(line.trim_end(), "---" | "...") {
            close = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((yaml_end, body_start)) = close else {
        notes.push(Note {
            at: 0,
            message: "the frontmatter has no closing `---` line; the page was read as Markdown"
                .into(),
        });
        return Frontmatter::default();
    };
    let yaml = &draft[start..yaml_end];
    let mut front = Frontmatter {
        fields: Vec::new(),
        body_start,
        range: 0..body_start,
    };
    if yaml.trim().is_empty() {
        return front;
    }
    let source = SourceFile::new("frontmatter", yaml.to_string());
    let node = match load::parse(&source, Syntax::Yaml, &Limits::default()) {
        Ok(node) => node,
        Err(_) => {
            notes.push(Note {
                at: start,
                message: "the frontmatter is not valid YAML; it was left out".into(),
            });
            return front;
        }
    };
    let NodeValue::Map(entries) = &node.value else {
        return front;
    };
    for entry in entries {
        let span = entry.value.span.start + start..entry.value.span.end + start;
        let text = entry
            .value
            .as_str()
            .map(|value| scalar_text(draft, span.clone(), value));
        let written_end = span.end.max(entry.key_span.end + start);
        let scalar = match &entry.value.value {
            NodeValue::Bool(b) => Some(b.to_string()),
            NodeValue::Number(n) => Some(n.to_string()),
            _ => None,
        };
        let list = match &entry.value.value {
            NodeValue::Seq(items) => items
                .iter()
                .filter_map(|i| i.as_str().map(str::to_string))
                .collect(),
            _ => Vec::new(),
        };
        front.fields.push(Field {
            key: entry.key.clone(),
            text,
            scalar,
            list,
            written: draft
                .get(entry.key_span.start + start..written_end)
                .unwrap_or_default()
                .to_string(),
        });
    }
    front
}

/// A string scalar's value with its origin: exact for plain and simply quoted scalars.
fn scalar_text(draft: &str, span: Range<usize>, value: &str) -> Mapped {
    for offset in [0, 1] {
        let at = span.start + offset;
        if draft.get(at..at + value.len()) == Some(value) {
            return Mapped::from_source(draft, at..at + value.len());
        }
    }
    Mapped::synthetic(value, span.start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_fields_with_positions() {
        let draft = "---\ntitle: Find it\nsidebar_label: \"Resolve\"\nhide: false\n---\n\n## A\n";
        let front = split(draft, &mut Vec::new());
        let title = front.text("title").expect("a title");
        assert_eq!(title.text, "Find it");
        assert_eq!(title.draft_offset(0), draft.find("Find"));
        assert_eq!(
            front.text("sidebar_label").map(|m| m.text.as_str()),
            Some("Resolve")
        );
        assert_eq!(front.fields[2].written, "hide: false");
        assert_eq!(&draft[front.body_start..], "\n## A\n");
    }
}
