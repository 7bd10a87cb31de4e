//! The `load_yaml` and `load_json` targets: one content file through decoding, parsing, schema
//! validation and deserialization, every diagnostic rendered, and a round trip of what loads.

use helpdoc::check::SchemaValidators;
use helpdoc::diag::{
    Diagnostic, FileId, SourceFile, SourceMap, render_human, render_json_line, summary_line,
};
use helpdoc::load::{Limits, Node, NodeValue, Syntax, decode, parse};
use helpdoc::model::{DocumentFamily, DocumentKind, Fragment, Publication, Topic};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::assert_slice;

/// The run-time schemas (for invalid inputs' errors) are compiled once, which keeps the targets
/// fast; they are read-only.
static VALIDATORS: SchemaValidators = SchemaValidators::new();

/// Loads `data` as a YAML content file.
pub fn load_yaml(data: &[u8]) {
    load(data, Syntax::Yaml, "fuzz.yaml");
}

/// Loads `data` as a JSON content file.
pub fn load_json(data: &[u8]) {
    load(data, Syntax::Json, "fuzz.json");
}

fn load(data: &[u8], syntax: Syntax, name: &str) {
    let mut sources = SourceMap::new();
    let mut diagnostics = Vec::new();
    match decode(data.to_vec()) {
        Ok(text) => {
            let file = sources.add(SourceFile::new(name, text));
            let source = sources.file(file);
            match parse(source, syntax, &Limits::default()) {
                Ok(node) => {
                    assert_spans(&source.text, &node);
                    if let Some(loaded) = validate(&node, file, &mut diagnostics) {
                        round_trip(&loaded);
                    }
                }
                Err(problems) => {
                    assert!(!problems.is_empty(), "a failed parse reports a problem");
                    for problem in problems {
                        assert_slice(&source.text, &problem.range, "problem range");
                        diagnostics.push(problem.into_diagnostic(file));
                    }
                }
            }
        }
        Err(failed) => {
            let (text, problem) = *failed;
            let file = sources.add(SourceFile::new(name, text));
            diagnostics.push(problem.into_diagnostic(file));
        }
    }
    render_all(&diagnostics, &sources);
}

/// Renders every diagnostic in every format (none may panic).
pub(crate) fn render_all(diagnostics: &[Diagnostic], sources: &SourceMap) {
    for diagnostic in diagnostics {
        render_human(diagnostic, sources, false);
        render_human(diagnostic, sources, true);
        let line = render_json_line(diagnostic, sources);
        serde_json::from_str::<serde_json::Value>(&line).expect("JSON diagnostics are JSON");
    }
    summary_line(diagnostics, sources.len(), true);
}

/// Every node and key span is a slice of the text.
fn assert_spans(text: &str, root: &Node) {
    let mut pending = vec![root];
    while let Some(node) = pending.pop() {
        assert_slice(text, &node.span, "node span");
        match &node.value {
            NodeValue::Seq(items) => pending.extend(items),
            NodeValue::Map(entries) => {
                for entry in entries {
                    assert_slice(text, &entry.key_span, "key span");
                    pending.push(&entry.value);
                }
            }
            _ => {}
        }
    }
}

/// Asserts that a parsed document is a content file `check` accepts: a known `kind`, its schema,
/// the model.
pub(super) fn assert_valid_document(node: &Node, name: &str, text: &str) {
    let mut diagnostics = Vec::new();
    let loaded = validate(node, FileId(0), &mut diagnostics);
    assert!(
        loaded.is_some() && diagnostics.is_empty(),
        "{name} is not a valid content file: {diagnostics:#?}\n{text}"
    );
}

/// A document that passed its schema and deserialized.
enum Loaded {
    Topic(Topic),
    Fragment(Fragment),
    Publication(Publication),
}

/// Validates like `check` does; a schema-valid document must deserialize into the model.
fn validate(node: &Node, file: FileId, diagnostics: &mut Vec<Diagnostic>) -> Option<Loaded> {
    let kind = node.get("kind")?.as_str()?;
    let kind = DocumentKind::parse(kind)?;
    let value = node.to_json();
    let errors = VALIDATORS.validate(kind, file, node).diagnostics;
    if !errors.is_empty() {
        for error in &errors {
            if let Some(label) = &error.primary {
                assert!(label.range.start <= label.range.end, "{error:?}");
            }
        }
        diagnostics.extend(errors);
        return None;
    }
    Some(match kind.family() {
        DocumentFamily::Topic => Loaded::Topic(model(value)),
        DocumentFamily::Fragment => Loaded::Fragment(model(value)),
        DocumentFamily::Publication => Loaded::Publication(model(value)),
    })
}

fn model<T: DeserializeOwned>(value: serde_json::Value) -> T {
    match serde_json::from_value(value.clone()) {
        Ok(model) => model,
        Err(error) => panic!("schema-valid document refused by the model: {error}\n{value:#}"),
    }
}

/// Writing a loaded document back as JSON and loading that gives the same document.
fn round_trip(loaded: &Loaded) {
    match loaded {
        Loaded::Topic(t) => again(t, t.kind()),
        Loaded::Fragment(f) => again(f, DocumentKind::Fragment),
        Loaded::Publication(p) => again(p, DocumentKind::Publication),
    }
}

fn again<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(
    document: &T,
    kind: DocumentKind,
) {
    let text = serde_json::to_string_pretty(document).expect("the model serializes");
    let mut sources = SourceMap::new();
    let file = sources.add(SourceFile::new("again.json", text));
    let source = sources.file(file);
    let node = parse(source, Syntax::Json, &Limits::default())
        .unwrap_or_else(|p| panic!("written JSON does not load: {p:?}\n{}", source.text));
    let value = node.to_json();
    let errors = VALIDATORS.validate(kind, file, &node).diagnostics;
    assert!(
        errors.is_empty(),
        "written JSON fails its schema: {errors:?}\n{}",
        source.text
    );
    let reloaded: T = model(value);
    assert_eq!(&reloaded, document, "the document changed on a round trip");
}
