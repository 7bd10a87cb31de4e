//! Listing a topic in a publication's section by inserting one line into the publication's YAML:
//! the file is edited as text at the place the parser located, never re-serialized, so its
//! comments, quoting and layout stay as the writer left them.

use std::path::PathBuf;

use crate::content::ContentSet;
use crate::diag::SourceMap;
use crate::load::{Node, NodeValue};
use crate::model::Document;
use crate::text::yaml_quote::{self, Dialect};

/// Why the topic could not be listed in the section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlaceError {
    /// No publication has this id.
    NoPublication {
        /// The id asked for.
        id: String,
        /// The publication ids there are.
        known: Vec<String>,
    },
    /// The publication has no section with this id.
    NoSection {
        /// The publication's file.
        path: PathBuf,
        /// The section id asked for.
        section: String,
        /// The section ids there are.
        known: Vec<String>,
    },
    /// The file cannot be edited safely as text (written in JSON, or changed since it was read).
    NotEditable {
        /// The publication's file.
        path: PathBuf,
        /// Why, and what to do instead.
        reason: String,
    },
}

impl std::fmt::Display for PlaceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PlaceError::NoPublication { id, known } => write!(
                f,
                "no publication has the id `{id}`; the publications are: {}",
                or_none(known)
            ),
            PlaceError::NoSection {
                path,
                section,
                known,
            } => write!(
                f,
                "{} has no section with the id `{section}`; its sections are: {}",
                path.display(),
                or_none(known)
            ),
            PlaceError::NotEditable { path, reason } => {
                write!(f, "cannot add the topic to {}: {reason}", path.display())
            }
        }
    }
}

impl std::error::Error for PlaceError {}

fn or_none(ids: &[String]) -> String {
    if ids.is_empty() {
        "(none)".into()
    } else {
        ids.join(", ")
    }
}

/// A line to insert into a publication file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Insertion {
    /// The publication's file.
    pub path: PathBuf,
    /// The file's text with the topic listed.
    pub text: String,
    /// The 1-based line the topic is listed on.
    pub line: usize,
}

/// The file of the document with this id, if any (valid or not).
pub fn find_id(content: &ContentSet, sources: &SourceMap, id: &str) -> Option<PathBuf> {
    content
        .docs
        .iter()
        .find(|doc| doc.id() == id)
        .map(|doc| doc.path.clone())
        .or_else(|| {
            content
                .invalid
                .iter()
                .find(|doc| doc.id == id)
                .map(|doc| PathBuf::from(&sources.file(doc.file).name))
        })
}

/// Where and how `topic` is added to `section` of the publication `publication`: the file's
/// new text. Writes nothing; `Ok(None)` when the section lists the topic already.
pub fn plan(
    content: &ContentSet,
    sources: &SourceMap,
    publication: &str,
    section: &str,
    topic: &str,
) -> Result<Option<Insertion>, PlaceError> {
    let publications: Vec<_> = content
        .docs
        .iter()
        .filter(|doc| matches!(doc.document, Document::Publication(_)))
        .collect();
    let Some(doc) = publications.iter().find(|doc| doc.id() == publication) else {
        return Err(PlaceError::NoPublication {
            id: publication.to_string(),
            known: publications.iter().map(|d| d.id().to_string()).collect(),
        });
    };
    let source = &sources.file(doc.file).text;
    let not_editable = |reason: &str| PlaceError::NotEditable {
        path: doc.path.clone(),
        reason: reason.to_string(),
    };
    if !doc
        .path
        .extension()
        .is_some_and(|e| e == "yaml" || e == "yml")
    {
        return Err(not_editable(
            "only YAML publications are edited; list the topic in the section by hand",
        ));
    }
    // The spans are offsets into the text as read; the file on disk must still be that text.
    if std::fs::read_to_string(&doc.path).ok().as_deref() != Some(source.as_str()) {
        return Err(not_editable(
            "the file changed since it was read, or has Windows line ends; list the topic by hand",
        ));
    }
    let mut sections = Vec::new();
    collect_sections(doc.node.get("sections"), &mut sections);
    let Some(found) = sections
        .iter()
        .find(|s| s.get("id").and_then(Node::as_str) == Some(section))
    else {
        return Err(PlaceError::NoSection {
            path: doc.path.clone(),
            section: section.to_string(),
            known: sections
                .iter()
                .filter_map(|s| s.get("id").and_then(Node::as_str).map(String::from))
                .collect(),
        });
    };
    let listed = match found.get("topics").map(|t| &t.value) {
        Some(NodeValue::Seq(items)) => items.iter().any(|i| i.as_str() == Some(topic)),
        _ => false,
    };
    if listed {
        return Ok(None);
    }
    let (text, offset) = insert(source, found, topic).map_err(|r| not_editable(&r))?;
    Ok(Some(Insertion {
        path: doc.path.clone(),
        line: text[..offset].matches('\n').count() + 1,
        text,
    }))
}

/// Writes the insertion atomically.
pub fn apply(insertion: &Insertion) -> std::io::Result<()> {
    crate::output::write_file_atomic(&insertion.path, insertion.text.as_bytes())
}

/// Every section mapping under a `sections` list, nested ones included, in file order.
fn collect_sections<'a>(sections: Option<&'a Node>, out: &mut Vec<&'a Node>) {
    let Some(Node {
        value: NodeValue::Seq(items),
        ..
    }) = sections
    else {
        return;
    };
    for item in items {
        if matches!(item.value, NodeValue::Map(_)) {
            out.push(item);
            collect_sections(item.get("sections"), out);
        }
    }
}

/// The offset just past the end of the line holding the byte before `offset` (a new line is
/// inserted there).
fn after_line(text: &str, offset: usize) -> usize {
    let last = offset.saturating_sub(1).min(text.len());
    text[last..].find('\n').map_or(text.len(), |i| last + i + 1)
}

/// The whitespace before `offset` on its line, if only whitespace (and `- `) is there.
fn indent_before(text: &str, offset: usize) -> &str {
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let prefix = &text[start..offset];
    let width = prefix.len() - prefix.trim_start().len();
    &prefix[..width]
}

/// `source` with `topic` added to the section mapping `section`, and the offset of the new text.
/// The id is quoted when YAML would read it as something else (`123`, `null`).
fn insert(source: &str, section: &Node, topic: &str) -> Result<(String, usize), String> {
    let topic = &yaml_quote::quote(topic, Dialect::Yaml);
    let NodeValue::Map(entries) = &section.value else {
        return Err("the section is not a mapping".into());
    };
    let splice = |at: usize, line: String| {
        let mut text = String::with_capacity(source.len() + line.len() + 1);
        text.push_str(&source[..at]);
        if at > 0 && !source[..at].ends_with('\n') {
            text.push('\n');
        }
        let offset = text.len();
        text.push_str(&line);
        text.push_str(&source[at..]);
        (text, offset)
    };
    match entries.iter().find(|e| e.key == "topics") {
        Some(entry) => match &entry.value.value {
            NodeValue::Seq(items) if source[entry.value.span.clone()].starts_with('[') => {
                // A flow list `[a, b]`: the id goes before the closing bracket.
                // The closing bracket is the first after the last item (the parser's span of a
                // flow list may stop before it).
                let from = items
                    .last()
                    .map_or(entry.value.span.start + 1, |item| item.span.end);
                let close = source[from..]
                    .find(']')
                    .map(|i| from + i)
                    .ok_or("the `topics` list has no closing `]`")?;
                let before = source[..close].trim_end().len();
                let item = if items.is_empty() {
                    topic.to_string()
                } else {
                    format!(", {topic}")
                };
                let mut text = source.to_string();
                text.insert_str(before, &item);
                Ok((text, before))
            }
            NodeValue::Seq(items) => {
                let last = items.last().ok_or("the `topics` list is empty")?;
                let dash = source[..last.span.start]
                    .rfind('-')
                    .ok_or("the `topics` list has no `-` items")?;
                let indent = indent_before(source, dash).to_string();
                Ok(splice(
                    after_line(source, last.span.end),
                    format!("{indent}- {topic}\n"),
                ))
            }
            NodeValue::Null => {
                let indent = indent_before(source, entry.key_span.start).to_string();
                Ok(splice(
                    after_line(source, entry.key_span.end),
                    format!("{indent}  - {topic}\n"),
                ))
            }
            _ => Err("its `topics` is not a list".into()),
        },
        None => {
            let first = entries.first().ok_or("the section is empty")?;
            let last = entries.last().ok_or("the section is empty")?;
            // The keys' column: past the `- ` of `- id: x`.
            let line_start = source[..first.key_span.start]
                .rfind('\n')
                .map_or(0, |i| i + 1);
            let indent = " ".repeat(source[line_start..first.key_span.start].chars().count());
            let end = last.value.span.end.max(last.key_span.end);
            Ok(splice(
                after_line(source, end),
                format!("{indent}topics:\n{indent}  - {topic}\n"),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::SourceFile;
    use crate::load::{Limits, Syntax};

    fn added(source: &str, section: &str, topic: &str) -> String {
        let file = SourceFile::new("p.yaml", source.to_string());
        let node = crate::load::parse(&file, Syntax::Yaml, &Limits::default()).expect("parse");
        let mut sections = Vec::new();
        collect_sections(node.get("sections"), &mut sections);
        let found = sections
            .iter()
            .find(|s| s.get("id").and_then(Node::as_str) == Some(section))
            .expect("section");
        insert(source, found, topic).expect("insert").0
    }

    #[test]
    fn a_block_list_gets_a_line_after_its_last_item_keeping_comments() {
        let source = "sections:\n  # the first section\n  - id: a\n    topics:\n      - one # first\n      - two\n    # after the list\n  - id: b\n    topics: [x]\n";
        assert_eq!(
            added(source, "a", "new"),
            "sections:\n  # the first section\n  - id: a\n    topics:\n      - one # first\n      - two\n      - new\n    # after the list\n  - id: b\n    topics: [x]\n"
        );
    }

    #[test]
    fn a_flow_list_gets_the_id_before_its_bracket() {
        let source = "sections:\n  - id: b\n    topics: [x, y] # short\n";
        assert_eq!(
            added(source, "b", "new"),
            "sections:\n  - id: b\n    topics: [x, y, new] # short\n"
        );
    }

    #[test]
    fn an_id_yaml_would_read_as_a_number_or_null_is_quoted() {
        let source = "sections:\n  - id: a\n    topics:\n      - one\n  - id: b\n    topics: [x]\n";
        assert_eq!(
            added(source, "a", "123"),
            "sections:\n  - id: a\n    topics:\n      - one\n      - \"123\"\n  - id: b\n    topics: [x]\n"
        );
        assert_eq!(
            added(source, "b", "null"),
            "sections:\n  - id: a\n    topics:\n      - one\n  - id: b\n    topics: [x, \"null\"]\n"
        );
    }

    #[test]
    fn a_section_without_topics_gets_a_topics_list() {
        let source = "sections:\n  - id: a\n    title: A\n    sections:\n      - id: inner\n        title: Inner\n  - id: b\n    title: B\n";
        assert_eq!(
            added(source, "inner", "new"),
            "sections:\n  - id: a\n    title: A\n    sections:\n      - id: inner\n        title: Inner\n        topics:\n          - new\n  - id: b\n    title: B\n"
        );
        let last = "sections:\n  - id: b\n    title: B";
        assert_eq!(
            added(last, "b", "new"),
            "sections:\n  - id: b\n    title: B\n    topics:\n      - new\n"
        );
    }
}
