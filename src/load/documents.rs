//! One content file's bytes to a document: decoding, parsing, the `kind`, schema validation and
//! the typed model, or (for a file that is not a valid document) the id it can still be known by.

use std::path::Path;

use serde::de::DeserializeOwned;

use super::guarded::Why;
use super::schema_validation::SchemaValidators;
use super::{Limits, Node, Refused, Syntax, salvage};
use crate::content::{ContentDoc, InvalidDoc};
use crate::diag::suggest;
use crate::diag::{Diagnostic, FileId, SourceFile};
use crate::model::{Document, DocumentFamily, DocumentKind, Fragment, Publication, Topic};

/// The diagnostic for a file the guarded reader refused, attached to `file` (which has no text).
pub(super) fn unreadable(file: FileId, refused: &Refused) -> Diagnostic {
    let (message, help) = match refused.why {
        Why::TooLarge { .. } => (
            format!("{} for one content file", refused.reason()),
            "split it into smaller files, or raise `max_file_bytes` under `[limits]` in helpdoc.toml".to_string(),
        ),
        _ => (refused.reason(), refused.help()),
    };
    Diagnostic::error("unreadable", message)
        .at(file, 0..0, "")
        .help(help)
}

/// One content file after loading: its text, the document (if it is valid; else its id, if that
/// can be read), and its problems.
pub struct LoadedFile {
    /// The file as read (empty when it could not be read).
    pub source: SourceFile,
    /// Its document: valid, invalid with a readable id, or none.
    pub doc: Option<Result<ContentDoc, InvalidDoc>>,
    /// For a data file (see [`crate::data`]): its key, and its set when it loaded.
    pub data: Option<(String, Option<crate::data::DataSet>)>,
    /// Its problems.
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadedFile {
    /// A file the guarded reader refused: no text, no document, one diagnostic.
    pub(super) fn refused(name: String, file: FileId, refused: &Refused) -> LoadedFile {
        LoadedFile {
            source: SourceFile::new(name, String::new()),
            doc: None,
            data: None,
            diagnostics: vec![unreadable(file, refused)],
        }
    }

    /// A data file read as [`crate::data::load`] reads it.
    pub(super) fn data(
        name: String,
        key: String,
        bytes: Vec<u8>,
        file: FileId,
        limits: &Limits,
    ) -> LoadedFile {
        let (source, set, diagnostics) = crate::data::load(name, &key, bytes, file, limits);
        LoadedFile {
            source,
            doc: None,
            data: Some((key, set)),
            diagnostics,
        }
    }
}

/// Decodes, parses, validates and deserializes one file's bytes; the file will have the id `file`
/// and is shown as `name`.
pub(super) fn load_document(
    name: String,
    path: &Path,
    bytes: Vec<u8>,
    syntax: Syntax,
    file: FileId,
    limits: &Limits,
    validators: &SchemaValidators,
) -> LoadedFile {
    let mut diagnostics = Vec::new();
    let source = match super::decode(bytes) {
        Ok(text) => SourceFile::new(name, text),
        Err(failed) => {
            let (text, problem) = *failed;
            diagnostics.push(problem.into_diagnostic(file));
            let doc = salvage::from_text(file, &text, syntax).map(Err);
            return LoadedFile {
                source: SourceFile::new(name, text),
                doc,
                data: None,
                diagnostics,
            };
        }
    };
    let doc = parse_document(
        path,
        syntax,
        file,
        &source,
        limits,
        validators,
        &mut diagnostics,
    )
    .map_or_else(
        |unloaded| match unloaded.node {
            Some(node) => salvage::from_tree(file, &node, unloaded.kind).map(Err),
            None => salvage::from_text(file, &source.text, syntax).map(Err),
        },
        |doc| Some(Ok(doc)),
    );
    LoadedFile {
        source,
        doc,
        data: None,
        diagnostics,
    }
}

/// What is known of a file that is not a valid document.
struct Unloaded {
    /// Its tree, if it parsed.
    node: Option<Node>,
    /// Its kind, when it is one helpdoc knows and fits the file.
    kind: Option<DocumentKind>,
}

/// Parses, validates and deserializes the text of one file.
fn parse_document(
    path: &Path,
    syntax: Syntax,
    file: FileId,
    source: &SourceFile,
    limits: &Limits,
    validators: &SchemaValidators,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<ContentDoc, Unloaded> {
    let node = match super::parse(source, syntax, limits) {
        Ok(node) => node,
        Err(problems) => {
            diagnostics.extend(problems.into_iter().map(|p| p.into_diagnostic(file)));
            return Err(Unloaded {
                node: None,
                kind: None,
            });
        }
    };
    let Some(kind) = document_kind(file, &node, diagnostics) else {
        return Err(Unloaded {
            node: Some(node),
            kind: None,
        });
    };
    let validated = validators.validate(kind, file, &node);
    if !validated.diagnostics.is_empty() {
        diagnostics.extend(validated.diagnostics);
        return Err(Unloaded {
            node: Some(node),
            kind: validated.kind_fits.then_some(kind),
        });
    }
    schema_reference(file, &node, kind, diagnostics);
    let document = match kind.family() {
        DocumentFamily::Topic => {
            deserialize_topic(kind, file, &node, diagnostics).map(Document::Topic)
        }
        DocumentFamily::Fragment => {
            deserialize::<Fragment>(file, &node, None, diagnostics).map(Document::Fragment)
        }
        DocumentFamily::Publication => {
            deserialize::<Publication>(file, &node, None, diagnostics).map(Document::Publication)
        }
    };
    let Some(document) = document else {
        return Err(Unloaded {
            node: Some(node),
            kind: Some(kind),
        });
    };
    Ok(ContentDoc {
        file,
        path: path.to_path_buf(),
        node,
        document,
        duplicate_subjects: Default::default(),
        alt_texts: Default::default(),
    })
}

/// The document's `kind`, or a diagnostic saying why it has none helpdoc knows.
fn document_kind(
    file: FileId,
    node: &Node,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<DocumentKind> {
    let kinds = DocumentKind::NAMES;
    let Some(entry) = node.entry("kind") else {
        let is_map = matches!(node.value, super::NodeValue::Map(_));
        let message = if is_map {
            "this file has no `kind`".to_string()
        } else {
            format!(
                "a content file must be a mapping of fields, but this one is {}",
                node.type_name()
            )
        };
        diagnostics.push(
            Diagnostic::error("schema", message)
                .at(
                    file,
                    node.span.start..node.span.start,
                    "expected `kind:` here",
                )
                .help(format!(
                    "start the file with `kind:` and one of: {}",
                    kinds.join(", ")
                )),
        );
        return None;
    };
    let written = entry.value.as_str().unwrap_or_default();
    match DocumentKind::parse(written) {
        Some(kind) => Some(kind),
        None => {
            let help = suggest::did_you_mean(written, kinds)
                .unwrap_or_else(|| format!("use one of: {}", kinds.join(", ")));
            diagnostics.push(
                Diagnostic::error("schema", format!("unknown kind `{written}`"))
                    .at(
                        file,
                        entry.value.span.clone(),
                        format!("expected one of: {}", kinds.join(", ")),
                    )
                    .help(help),
            );
            None
        }
    }
}

/// Warns when `$schema` names another family's schema (the editor would then validate wrongly).
fn schema_reference(
    file: FileId,
    node: &Node,
    kind: DocumentKind,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let Some(value) = node.get("$schema") else {
        return;
    };
    let expected = kind.family().schema_file();
    let written = value.as_str().unwrap_or_default();
    if !written.ends_with(expected) {
        diagnostics.push(
            Diagnostic::warning(
                "schema-ref",
                format!(
                    "`$schema` should name `{expected}` for {}",
                    kind.with_article()
                ),
            )
            .at(file, value.span.clone(), "names another schema")
            .help(format!(
                "point `$schema` at the `{expected}` file in the schema folder"
            )),
        );
    }
}

/// A topic, deserialized as the struct of the `kind` already read from the tree, without its
/// `kind` entry. (Deserializing the internally tagged [`Topic`] would make serde buffer the whole
/// document, a deep copy of every value, only to find the tag.)
fn deserialize_topic(
    kind: DocumentKind,
    file: FileId,
    node: &Node,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Topic> {
    let d = diagnostics;
    let untagged = Some("kind");
    match kind {
        DocumentKind::Prerequisite => deserialize(file, node, untagged, d).map(Topic::Prerequisite),
        DocumentKind::Concept => deserialize(file, node, untagged, d).map(Topic::Concept),
        DocumentKind::Procedure => deserialize(file, node, untagged, d).map(Topic::Procedure),
        DocumentKind::Error => deserialize(file, node, untagged, d).map(Topic::Error),
        // Not topics: the caller matched the topic family; serde's tag refuses them.
        DocumentKind::Fragment | DocumentKind::Publication => deserialize(file, node, None, d),
    }
}

/// Deserializes the document from its tree (leaving out the top-level entry `skip`).
fn deserialize<T: DeserializeOwned>(
    file: FileId,
    node: &Node,
    skip: Option<&str>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<T> {
    match super::node_de::from_node(node, skip) {
        Ok(document) => Some(document),
        Err(error) => {
            diagnostics.push(
                Diagnostic::error(
                    "schema",
                    format!("this document does not match the model: {error}"),
                )
                .at(file, node.span.start..node.span.start, "")
                .help("this is a bug in helpdoc if the file passed its schema; please report it"),
            );
            None
        }
    }
}
