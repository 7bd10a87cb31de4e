//! Validates each parsed file against its family's JSON Schema and turns every error into a
//! diagnostic pointing at the offending key or value.

use std::collections::HashMap;
use std::sync::OnceLock;

use jsonschema::Validator;
use jsonschema::error::{TypeKind, ValidationErrorKind};
use serde_json::Value;

use super::compiled_schemas::is_valid;
use crate::diag::suggest::{closest, did_you_mean};
use crate::diag::words::with_article;
use crate::diag::{Diagnostic, FileId};
use crate::load::Node;
use crate::model::{DocumentFamily, DocumentKind, TopicId};
use crate::schema::family_schema;

/// What an invalid document's errors are worded from: one schema per topic kind (so errors are
/// about the kind the writer chose), one for fragments and one for publications, generated when
/// a file is first found invalid (whether it is valid is answered by
/// `compiled_schemas`), each compiled when first needed.
#[derive(Default)]
pub struct SchemaValidators {
    by_kind: OnceLock<HashMap<DocumentKind, LazyValidator>>,
}

/// A schema and, once needed, its compiled validator.
struct LazyValidator {
    schema: Value,
    compiled: OnceLock<Validator>,
}

impl LazyValidator {
    fn new(schema: Value) -> Self {
        LazyValidator {
            schema,
            compiled: OnceLock::new(),
        }
    }

    fn validator(&self) -> &Validator {
        self.compiled.get_or_init(|| {
            jsonschema::options()
                .with_draft(jsonschema::Draft::Draft202012)
                .build(&self.schema)
                .expect("helpdoc's generated schemas are valid (tested)")
        })
    }
}

/// The validators every load in this process shares (see [`SchemaValidators::shared`]).
static SHARED: SchemaValidators = SchemaValidators::new();

impl SchemaValidators {
    /// The validators of this process: the schemas never change while it runs, so they are
    /// generated and compiled once, however many times content is loaded (`serve`, `watch`).
    pub fn shared() -> &'static SchemaValidators {
        &SHARED
    }

    /// Validators whose schemas are generated when a file is first found invalid.
    pub const fn new() -> Self {
        SchemaValidators {
            by_kind: OnceLock::new(),
        }
    }

    /// The schemas, split by kind (generated on first use).
    fn by_kind(&self) -> &HashMap<DocumentKind, LazyValidator> {
        self.by_kind.get_or_init(split_by_kind)
    }

    /// The schema of `kind`.
    fn of(&self, kind: DocumentKind) -> &LazyValidator {
        &self.by_kind()[&kind]
    }

    /// Validates a document whose `kind` is already known to be valid. The compiled-in validator
    /// says whether it is valid; only one that is not is validated again with its kind's schema
    /// compiled at run time, whose errors (paths, kinds) the diagnostics are made from.
    pub fn validate(&self, kind: DocumentKind, file: FileId, node: &Node) -> Validated {
        let value = &node.to_json();
        if is_valid(kind, value) {
            return Validated::default();
        }
        // Should the two ever disagree (committed schemas older than the model: a test fails
        // then), the run-time schema's errors are what is reported, and with none the file loads.
        let lazy = self.of(kind);
        let errors: Vec<_> = lazy.validator().iter_errors(value).collect();
        if let Some((meant, fields)) = self.kind_meant(kind, &errors) {
            return Validated {
                diagnostics: self.wrong_kind(kind, meant, &fields, file, node, value),
                kind_fits: false,
            };
        }
        let schema = &lazy.schema;
        let mut out = Vec::new();
        for error in &errors {
            report(
                error.instance_path().as_str(),
                error.schema_path().as_str(),
                error.kind(),
                schema,
                file,
                node,
                kind,
                &mut out,
            );
        }
        Validated {
            diagnostics: out,
            kind_fits: true,
        }
    }

    /// Whether `value` is valid as `kind`, answered by the compiled-in validator and by the
    /// schema compiled at run time (for the test that holds the two to the same answer).
    #[cfg(test)]
    pub(super) fn both_answers(&self, kind: DocumentKind, value: &Value) -> (bool, bool) {
        (
            is_valid(kind, value),
            self.of(kind)
                .validator()
                .iter_errors(value)
                .next()
                .is_none(),
        )
    }

    /// The kind a document was meant to be, when two or more of its top-level fields are unknown
    /// to its `kind` but all belong to that other kind (a copied file whose `kind` was not
    /// changed, or a wrong `kind`), with those fields: one mistake, not one error per field.
    fn kind_meant(
        &self,
        kind: DocumentKind,
        errors: &[jsonschema::ValidationError<'_>],
    ) -> Option<(DocumentKind, Vec<String>)> {
        let unknown: Vec<String> = errors
            .iter()
            .filter(|e| e.instance_path().as_str().is_empty())
            .filter_map(|e| match e.kind() {
                ValidationErrorKind::AdditionalProperties { unexpected }
                | ValidationErrorKind::UnevaluatedProperties { unexpected } => Some(unexpected),
                _ => None,
            })
            .flatten()
            .cloned()
            .collect();
        if unknown.len() < 2 {
            return None;
        }
        let meant = DocumentKind::ALL.into_iter().find(|other| {
            *other != kind && {
                let schema = &self.of(*other).schema;
                let allowed = allowed_fields(schema, schema);
                unknown.iter().all(|field| allowed.contains(field))
            }
        })?;
        Some((meant, unknown))
    }

    /// One error at `kind`, then the document's other errors as the kind it was meant to be.
    fn wrong_kind(
        &self,
        kind: DocumentKind,
        meant: DocumentKind,
        fields: &[String],
        file: FileId,
        node: &Node,
        value: &Value,
    ) -> Vec<Diagnostic> {
        let span = node
            .get("kind")
            .map_or(node.span.start..node.span.start, |n| n.span.clone());
        let listed = fields
            .iter()
            .map(|f| format!("`{f}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let mut out = vec![
            Diagnostic::error(
                "schema",
                format!(
                    "`kind: {kind}` does not match this file: {listed} are fields of kind `{meant}`"
                ),
            )
            .at(file, span, format!("`{meant}`?"))
            .help(format!(
                "if this is {}, write `kind: {meant}`; otherwise remove those fields",
                meant.with_article()
            )),
        ];
        let mut as_meant = value.clone();
        if let Value::Object(map) = &mut as_meant {
            map.insert("kind".into(), Value::String(meant.name().into()));
        }
        let lazy = self.of(meant);
        for error in lazy.validator().iter_errors(&as_meant) {
            report(
                error.instance_path().as_str(),
                error.schema_path().as_str(),
                error.kind(),
                &lazy.schema,
                file,
                node,
                meant,
                &mut out,
            );
        }
        out
    }
}

/// The schemas, split by kind: a topic kind's is its branch of the topic schema, with the
/// definitions it refers to.
fn split_by_kind() -> HashMap<DocumentKind, LazyValidator> {
    let mut by_kind = HashMap::new();
    for family in DocumentFamily::ALL {
        let schema = family_schema(family);
        match family {
            DocumentFamily::Topic => {
                let branches = schema
                    .get("oneOf")
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default();
                for branch in branches {
                    let Some(kind) = deref(&schema, &branch)
                        .pointer("/properties/kind/const")
                        .and_then(Value::as_str)
                    else {
                        continue;
                    };
                    let Some(kind) = DocumentKind::parse(kind) else {
                        continue;
                    };
                    let mut one = branch.clone();
                    if let (Value::Object(map), Some(defs)) = (&mut one, schema.get("$defs")) {
                        map.insert("$defs".into(), defs.clone());
                    }
                    by_kind.insert(kind, LazyValidator::new(one));
                }
            }
            DocumentFamily::Fragment => {
                by_kind.insert(DocumentKind::Fragment, LazyValidator::new(schema));
            }
            DocumentFamily::Publication => {
                by_kind.insert(DocumentKind::Publication, LazyValidator::new(schema));
            }
        }
    }
    by_kind
}

/// What validating one document found.
#[derive(Debug)]
pub struct Validated {
    /// Every error, one per mistake.
    pub diagnostics: Vec<Diagnostic>,
    /// False when the errors say the `kind` itself is wrong (the fields are another kind's).
    pub kind_fits: bool,
}

impl Default for Validated {
    fn default() -> Self {
        Validated {
            diagnostics: Vec::new(),
            kind_fits: true,
        }
    }
}

/// The schema object a keyword at `schema_path` belongs to (the path minus its last segment).
fn owner<'a>(schema: &'a Value, schema_path: &str) -> Option<&'a Value> {
    let parent = schema_path.rsplit_once('/').map_or("", |(p, _)| p);
    schema.pointer(parent)
}

/// Follows a `$ref` inside the same document.
fn deref<'a>(schema: &'a Value, node: &'a Value) -> &'a Value {
    match node
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix('#'))
    {
        Some(pointer) => schema.pointer(pointer).unwrap_or(node),
        None => node,
    }
}

/// The field names an object schema allows (following one `$ref`).
fn allowed_fields(schema: &Value, object_schema: &Value) -> Vec<String> {
    let mut names = Vec::new();
    for s in [object_schema, deref(schema, object_schema)] {
        if let Some(props) = s.get("properties").and_then(Value::as_object) {
            names.extend(
                props
                    .keys()
                    .filter(|k| !names.contains(*k))
                    .cloned()
                    .collect::<Vec<_>>(),
            );
        }
    }
    names
}

/// The fields an object schema requires (following one `$ref`).
fn required_fields<'a>(schema: &'a Value, object_schema: &'a Value) -> Vec<&'a str> {
    [object_schema, deref(schema, object_schema)]
        .into_iter()
        .filter_map(|s| s.get("required").and_then(Value::as_array))
        .flatten()
        .filter_map(Value::as_str)
        .collect()
}

/// The required field that `key` (a field this object does not allow) is a misspelling of, when
/// that field is missing: `titel:` is one mistake, not an unknown field plus a missing `title`, so
/// it is reported once, at `key`, and the missing field is not reported.
fn misspelt_required<'a>(
    key: &str,
    object: &Node,
    allowed: &'a [String],
    required: &[&str],
) -> Option<&'a str> {
    if allowed.iter().any(|a| a == key) {
        return None;
    }
    let field = closest(key, allowed.iter().map(String::as_str))?;
    (required.contains(&field) && object.entry(field).is_none()).then_some(field)
}

#[allow(clippy::too_many_arguments)]
fn report(
    pointer: &str,
    schema_path: &str,
    kind: &ValidationErrorKind,
    schema: &Value,
    file: FileId,
    root: &Node,
    doc_kind: DocumentKind,
    out: &mut Vec<Diagnostic>,
) {
    let located = root.locate(pointer);
    let node = located.node;
    let field = field_name(pointer);
    let value_span = node.span.clone();
    let error = |message: String| Diagnostic::error("schema", message);
    match kind {
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
            let object = owner(schema, schema_path);
            let allowed = object
                .map(|o| allowed_fields(schema, o))
                .unwrap_or_default();
            let required = object
                .map(|o| required_fields(schema, o))
                .unwrap_or_default();
            for key in unexpected {
                let span = node
                    .entry(key)
                    .map_or(value_span.clone(), |e| e.key_span.clone());
                let where_ = if pointer.is_empty() {
                    doc_kind.with_article().to_string()
                } else {
                    format!("`{field}`")
                };
                if let Some(meant) = misspelt_required(key, node, &allowed, &required) {
                    out.push(
                        error(format!(
                            "`{key}` is not a field of {where_}: did you mean `{meant}`?"
                        ))
                        .at(file, span, format!("`{meant}` is required and missing"))
                        .help(format!("rename `{key}` to `{meant}`")),
                    );
                    continue;
                }
                let help = did_you_mean(key, allowed.iter().map(String::as_str)).or_else(|| {
                    (!allowed.is_empty())
                        .then(|| format!("the fields allowed here are: {}", allowed.join(", ")))
                });
                out.push(
                    error(format!("unknown field `{key}` in {where_}"))
                        .at(file, span, "not a field of this object")
                        .maybe_help(help),
                );
            }
        }
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            let object = owner(schema, schema_path);
            if let (Some(object), crate::load::NodeValue::Map(entries)) = (object, &node.value) {
                let allowed = allowed_fields(schema, object);
                let required = required_fields(schema, object);
                let misspelt = entries.iter().any(|entry| {
                    misspelt_required(&entry.key, node, &allowed, &required) == Some(name)
                });
                if misspelt {
                    return; // reported as the misspelt field
                }
            }
            let description = object
                .map(|o| deref(schema, o))
                .and_then(|o| o.pointer(&format!("/properties/{name}")))
                .map(|p| deref(schema, p))
                .and_then(|p| p.get("description").and_then(Value::as_str))
                .map(first_sentence);
            let span = located
                .key_span
                .clone()
                .unwrap_or(value_span.start..value_span.start);
            let container = if pointer.is_empty() {
                format!("this {doc_kind}")
            } else {
                format!("`{field}`")
            };
            let help = match description {
                Some(d) => format!("add `{name}:` ({d})"),
                None => format!("add `{name}:`"),
            };
            out.push(
                error(format!(
                    "{container} is missing the required field `{name}`"
                ))
                .at(file, span, format!("`{name}` missing"))
                .help(help),
            );
        }
        ValidationErrorKind::Type { kind } => {
            let expected = match kind {
                TypeKind::Single(t) => article(&t.to_string()),
                TypeKind::Multiple(set) => set
                    .iter()
                    .map(|t| article(&t.to_string()))
                    .collect::<Vec<_>>()
                    .join(" or "),
            };
            let yaml11_boolean = ["yes", "no", "on", "off", "y", "n"]
                .contains(&node.as_str().unwrap_or_default().to_lowercase().as_str());
            let help = if expected == "a boolean" && yaml11_boolean {
                format!(
                    "write `true` or `false` (in YAML 1.2, `{}` is text, not a boolean)",
                    node.as_str().unwrap_or_default()
                )
            } else if node.type_name() == "nothing (null)" {
                format!("write a value after `{field}:`, or remove the line")
            } else if expected.contains("string") {
                "put the text in quotes if it looks like a number, a boolean or a list".to_string()
            } else {
                format!("`{field}` must be {expected}")
            };
            out.push(
                error(format!(
                    "`{field}` should be {expected}, but it is {}",
                    node.type_name()
                ))
                .at(file, value_span, format!("expected {expected}"))
                .help(help),
            );
        }
        ValidationErrorKind::Enum { options }
        | ValidationErrorKind::Constant {
            expected_value: options,
        } => {
            let choices: Vec<String> = match options.as_ref() {
                Value::Array(list) => list
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect(),
                Value::String(s) => vec![s.clone()],
                _ => Vec::new(),
            };
            let found = node
                .as_str()
                .map_or_else(|| node.type_name().to_string(), |s| format!("`{s}`"));
            let help = node
                .as_str()
                .and_then(|s| did_you_mean(s, choices.iter().map(String::as_str)))
                .unwrap_or_else(|| format!("use one of: {}", choices.join(", ")));
            out.push(
                error(format!("{found} is not a valid value for `{field}`"))
                    .at(
                        file,
                        value_span,
                        format!("expected one of: {}", choices.join(", ")),
                    )
                    .help(help),
            );
        }
        ValidationErrorKind::Pattern { .. } => {
            let text = node.as_str().unwrap_or_default();
            out.push(
                error(format!("`{text}` is not a valid id"))
                    .at(
                        file,
                        value_span,
                        "ids are lowercase words joined by hyphens",
                    )
                    .help(format!(
                        "use lowercase letters, digits and single hyphens, e.g. `{}`",
                        TopicId::slugify(text)
                    )),
            );
        }
        ValidationErrorKind::OneOfNotValid { context } | ValidationErrorKind::AnyOf { context } => {
            one_of(pointer, context, schema, file, root, doc_kind, out);
        }
        other => {
            let message = match other {
                ValidationErrorKind::MaxLength { limit } => {
                    format!(
                        "`{field}` is longer than {}",
                        crate::diag::words::count(*limit as usize, "character")
                    )
                }
                _ => format!("`{field}` is not valid here ({})", other.keyword()),
            };
            out.push(error(message).at(file, value_span, "here"));
        }
    }
}

/// Reports a failed `oneOf` (blocks): if one alternative matches the shape (its key), report that
/// alternative's errors; otherwise say which alternatives exist.
fn one_of(
    pointer: &str,
    context: &[Vec<jsonschema::ValidationError<'static>>],
    schema: &Value,
    file: FileId,
    root: &Node,
    doc_kind: DocumentKind,
    out: &mut Vec<Diagnostic>,
) {
    let shape_mismatch = |errors: &Vec<jsonschema::ValidationError<'static>>| {
        errors.iter().any(|e| {
            e.instance_path().as_str() == pointer
                && matches!(
                    e.kind(),
                    ValidationErrorKind::Required { .. }
                        | ValidationErrorKind::AdditionalProperties { .. }
                        | ValidationErrorKind::Type { .. }
                        | ValidationErrorKind::Constant { .. }
                )
        })
    };
    // A section's `contents` entry is a topic id or a section: the errors of the one its type
    // matches (a misspelt key of a section, an id that is no slug) say what is wrong; a value of
    // neither type is the wrong type.
    if field_name(pointer) == "contents" {
        let node = root.locate(pointer).node;
        let wrong_type = |errors: &Vec<jsonschema::ValidationError<'static>>| {
            errors.iter().any(|e| {
                e.instance_path().as_str() == pointer
                    && matches!(e.kind(), ValidationErrorKind::Type { .. })
            })
        };
        match context.iter().find(|errors| !wrong_type(errors)) {
            Some(branch) => {
                for e in branch {
                    let (at, path) = (e.instance_path().as_str(), e.schema_path().as_str());
                    report(at, path, e.kind(), schema, file, root, doc_kind, out);
                }
            }
            _ => out.push(
                Diagnostic::error(
                    "schema",
                    format!("a `contents` entry is a topic id or a section, but this is {}", node.type_name()),
                )
                .at(file, node.span.clone(), "expected a topic id or a section")
                .help("write a topic id (`- my-topic`) or a grouping section (`- id: my-group` with `title` and its own `topics` or `contents`)"),
            ),
        }
        return;
    }
    if let Some(branch) = context.iter().find(|errors| !shape_mismatch(errors)) {
        for e in branch {
            report(
                e.instance_path().as_str(),
                e.schema_path().as_str(),
                e.kind(),
                schema,
                file,
                root,
                doc_kind,
                out,
            );
        }
        return;
    }
    let constants: Vec<String> = context
        .iter()
        .flatten()
        .filter_map(|e| match e.kind() {
            ValidationErrorKind::Constant { expected_value } => {
                expected_value.as_str().map(str::to_string)
            }
            _ => None,
        })
        .collect();
    if constants.len() == context.len() {
        let node = root.locate(pointer).node;
        let field = field_name(pointer);
        let found = node
            .as_str()
            .map_or_else(|| node.type_name().to_string(), |s| format!("`{s}`"));
        let help = node
            .as_str()
            .and_then(|s| did_you_mean(s, constants.iter().map(String::as_str)))
            .unwrap_or_else(|| format!("use one of: {}", constants.join(", ")));
        out.push(
            Diagnostic::error(
                "schema",
                format!("{found} is not a valid value for `{field}`"),
            )
            .at(
                file,
                node.span.clone(),
                format!("expected one of: {}", constants.join(", ")),
            )
            .help(help),
        );
        return;
    }
    let alternatives: Vec<String> = context
        .iter()
        .flatten()
        .filter_map(|e| match e.kind() {
            ValidationErrorKind::Required { property } => property.as_str().map(str::to_string),
            _ => None,
        })
        .fold(Vec::new(), |mut acc, name| {
            if !acc.contains(&name) {
                acc.push(name);
            }
            acc
        });
    let node = root.locate(pointer).node;
    let keys: Vec<&str> = match &node.value {
        crate::load::NodeValue::Map(entries) => entries.iter().map(|e| e.key.as_str()).collect(),
        _ => Vec::new(),
    };
    let help = keys
        .iter()
        .find_map(|k| did_you_mean(k, alternatives.iter().map(String::as_str)))
        .unwrap_or_else(|| {
            format!(
                "write it as a one-key mapping, e.g. `- paragraph: Text`; the block types are: {}",
                alternatives.join(", ")
            )
        });
    let found = if keys.is_empty() {
        node.type_name().to_string()
    } else {
        format!("`{}`", keys.join("`, `"))
    };
    out.push(
        Diagnostic::error(
            "schema",
            format!("this is not a valid block: found {found}"),
        )
        .at(
            file,
            node.span.clone(),
            format!("expected one of: {}", alternatives.join(", ")),
        )
        .help(help),
    );
}

/// The last named (non-index) segment of a JSON pointer, e.g. `action` for `/steps/0/action`.
fn field_name(pointer: &str) -> String {
    pointer
        .rsplit('/')
        .find(|s| !s.is_empty() && s.parse::<usize>().is_err())
        .unwrap_or("document")
        .to_string()
}

fn article(type_name: &str) -> String {
    match type_name {
        "array" => "a list".into(),
        "object" => "a mapping".into(),
        "integer" => "a whole number".into(),
        "null" => "nothing".into(),
        other => with_article(other),
    }
}

fn first_sentence(text: &str) -> String {
    let line = text.split(". ").next().unwrap_or(text).replace('\n', " ");
    line.trim_end_matches('.').to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The run-time validators compile on first use, so a schema that cannot compile would only
    /// show when a file of its kind is invalid: compile every one here.
    #[test]
    fn every_kind_has_a_validator_that_compiles() {
        let validators = SchemaValidators::new();
        let mut kinds: Vec<DocumentKind> = validators.by_kind().keys().copied().collect();
        kinds.sort_unstable();
        assert_eq!(kinds, DocumentKind::ALL);
        for lazy in validators.by_kind().values() {
            lazy.validator();
        }
    }

    /// A file with another kind's fields is one error naming that kind, in good English.
    #[test]
    fn a_wrong_kind_names_the_kind_meant_with_its_article() {
        let text = "kind: concept\nid: sync-failed\ntitle: Sync failed\nmessage: Sync failed\ncauses: []\n";
        let source = crate::diag::SourceFile::new("t.yaml", text.to_string());
        let node = crate::load::parse(&source, crate::load::Syntax::Yaml, &Default::default())
            .expect("parses");
        let validated = SchemaValidators::new().validate(DocumentKind::Concept, FileId(0), &node);
        assert!(!validated.kind_fits);
        let wrong = &validated.diagnostics[0];
        assert!(
            wrong.message.contains("fields of kind `error`"),
            "{wrong:?}"
        );
        let help = wrong.help.as_deref().unwrap_or_default();
        assert!(
            help.starts_with("if this is an error, write `kind: error`"),
            "{help}"
        );
    }
}
