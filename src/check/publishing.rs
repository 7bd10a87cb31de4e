//! Publishing notes as diagnostics: each note found in the content, at the level `helpdoc.toml`
//! sets for its code, and one diagnostic per place however many publications hit it.

use std::collections::HashMap;
use std::ops::Range;

use super::locate::span_in_value;
use super::rules::{Level, RuleConfig};
use crate::content::{ContentDoc, ContentSet};
use crate::diag::words::{and_list, plural};
use crate::diag::{Diagnostic, FileId, Label, Severity, SourceMap};
use crate::model::walk::{Visitor, walk};
use crate::model::{Image, RichText};
use crate::resolve::{Note, PUBLICATIONS, Place, content_relative};

/// The notes as diagnostics: located, at their configured level (notes whose code is allowed are
/// dropped), and merged when several publications note the same thing at the same place.
pub fn note_diagnostics(
    notes: Vec<Note>,
    content: &ContentSet,
    sources: &SourceMap,
    config: &RuleConfig,
) -> Vec<Diagnostic> {
    // Same code, message and places: one problem, listed with every publication that has it.
    type Key = (
        &'static str,
        String,
        Option<Label>,
        Option<Label>,
        String,
        Severity,
    );
    let mut merged: HashMap<Key, Vec<String>> = HashMap::new();
    let mut order = Vec::new();
    for note in notes {
        let severity = match config.level_of(note.rule.code) {
            Some(Level::Allow) => continue,
            Some(Level::Deny) => Severity::Error,
            Some(Level::Warn) => Severity::Warning,
            None if note.rule.deny => Severity::Error,
            None => Severity::Warning,
        };
        let primary = locate(&note.place, content, sources)
            .map(|(file, range)| Label::new(file, range, note.label.clone()));
        let also = note.also.as_ref().and_then(|(place, label)| {
            locate(place, content, sources)
                .map(|(file, range)| Label::new(file, range, label.clone()))
        });
        let key = (
            note.rule.code,
            note.message,
            primary,
            also,
            note.help,
            severity,
        );
        let publications = merged.entry(key.clone()).or_insert_with(|| {
            order.push(key);
            Vec::new()
        });
        publications.extend(note.publication);
    }
    order
        .into_iter()
        .map(|key| {
            let mut publications = merged.remove(&key).unwrap_or_default();
            publications.sort();
            publications.dedup();
            let (code, message, primary, also, help, severity) = key;
            let message = with_publications(&message, &publications);
            let mut diagnostic = match severity {
                Severity::Error => Diagnostic::error(code, message),
                Severity::Warning => Diagnostic::warning(code, message),
            }
            .help(help.replace(PUBLICATIONS, &publications_phrase(&publications)));
            diagnostic.primary = primary;
            diagnostic.secondary.extend(also);
            diagnostic
        })
        .collect()
}

/// The message with the publications named where [`PUBLICATIONS`] stands, or before it.
fn with_publications(message: &str, publications: &[String]) -> String {
    let phrase = publications_phrase(publications);
    if message.contains(PUBLICATIONS) {
        message.replace(PUBLICATIONS, &phrase)
    } else if publications.is_empty() {
        message.to_string()
    } else {
        format!("{phrase}: {message}")
    }
}

/// "publication `a`", "publications `a` and `b`".
fn publications_phrase(publications: &[String]) -> String {
    if publications.is_empty() {
        return "the publication".to_string();
    }
    let named: Vec<String> = publications.iter().map(|p| format!("`{p}`")).collect();
    let noun = if named.len() == 1 {
        "publication".to_string()
    } else {
        plural("publication")
    };
    format!("{noun} {}", and_list(&named))
}

/// The file and byte span of a place; `None` when it is nowhere in the content.
fn locate(
    place: &Place,
    content: &ContentSet,
    sources: &SourceMap,
) -> Option<(FileId, Range<usize>)> {
    match place {
        Place::Nowhere => None,
        Place::Field { doc, pointer } => {
            let doc = content.get(doc)?;
            Some((doc.file, field_span(doc, pointer)))
        }
        Place::Text { doc, text, range } => {
            let doc = content.get(doc)?;
            let mut find = FindText {
                text,
                pointer: None,
            };
            walk(&doc.document, &mut find);
            let span = match find.pointer {
                Some(pointer) => {
                    let node = doc.node.locate(&pointer).node;
                    let source = &sources.file(doc.file).text;
                    span_in_value(node, source, text, range.clone())
                }
                None => id_span(doc),
            };
            Some((doc.file, span))
        }
        Place::Image { path } => content.docs.iter().find_map(|doc| {
            let mut find = FindImage {
                root: &content.root,
                doc,
                path,
                pointer: None,
            };
            walk(&doc.document, &mut find);
            find.pointer
                .map(|pointer| (doc.file, field_span(doc, &format!("{pointer}/src"))))
        }),
    }
}

/// The span of the value at `pointer`; when the document does not have it, the key of the
/// deepest field it does have on the way, or else the document's id.
fn field_span(doc: &ContentDoc, pointer: &str) -> Range<usize> {
    let located = doc.node.locate(pointer);
    if located.complete {
        return located.node.span.clone();
    }
    located.key_span.unwrap_or_else(|| id_span(doc))
}

/// The span of the document's `id` value (its start when it has none).
fn id_span(doc: &ContentDoc) -> Range<usize> {
    let located = doc.node.locate("/id");
    if located.complete {
        located.node.span.clone()
    } else {
        doc.node.span.start..doc.node.span.start
    }
}

/// Finds the pointer of the first rich text whose value is `text`.
struct FindText<'a> {
    text: &'a str,
    pointer: Option<String>,
}

impl Visitor<'_> for FindText<'_> {
    fn rich_text(&mut self, text: &RichText, pointer: &str) {
        if self.pointer.is_none() && text.as_str() == self.text {
            self.pointer = Some(pointer.to_string());
        }
    }
}

/// Finds the pointer of the first image in `doc` that resolves to `path`.
struct FindImage<'a> {
    root: &'a std::path::Path,
    doc: &'a ContentDoc,
    path: &'a str,
    pointer: Option<String>,
}

impl Visitor<'_> for FindImage<'_> {
    fn image(&mut self, image: &Image, pointer: &str) {
        if self.pointer.is_none()
            && content_relative(self.root, &self.doc.path, &image.src) == self.path
        {
            self.pointer = Some(pointer.to_string());
        }
    }
}
