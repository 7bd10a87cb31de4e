//! The JSON Schemas generated from the model types: what content is validated against and what editors load.
//!
//! Loading validates against these (committed to `schema/` and compiled into helpdoc, see
//! `load::compiled_schemas`; generated here to word an invalid file's errors), so this module
//! depends on the model and the config only,
//! never on an exporter; the list of every published schema (with the bundle's) is
//! [`crate::published_schemas`].

use schemars::JsonSchema;
use serde_json::{Map, Value};

use crate::model::{DocumentFamily, Fragment, Publication, Topic};

/// Where the committed schemas are published; each schema's `$id` is this base plus its file name.
pub const SCHEMA_BASE_URL: &str = "https://helpdoc.dev/schema/";

/// The version of the content model these schemas describe, bumped whenever valid content could
/// become invalid or change meaning. Command exporters receive it so they can refuse a mismatch.
pub const SCHEMA_VERSION: u32 = 1;

/// The file name of the schema for `helpdoc.toml` (for editors with a TOML language server, and
/// for checking a configuration file in CI).
pub const CONFIG_SCHEMA_FILE: &str = "helpdoc-config.schema.json";

/// The schema for one document family, as a JSON value with `$id` set.
pub fn family_schema(family: DocumentFamily) -> Value {
    match family {
        DocumentFamily::Topic => generate::<Topic>(family.schema_file()),
        DocumentFamily::Fragment => generate::<Fragment>(family.schema_file()),
        DocumentFamily::Publication => generate::<Publication>(family.schema_file()),
    }
}

/// A project's own content schemas: the generic ones with `when:` conditions, `select` and `flag`
/// closed over the project's declared dimensions (each dimension a property whose values are an
/// enum), so editors complete and check them. Written by `helpdoc schema --project`; the
/// committed `schema/` stays generic.
pub fn project_schema_files(
    dimensions: &std::collections::BTreeMap<String, Vec<String>>,
) -> Vec<(String, String)> {
    DocumentFamily::ALL
        .iter()
        .map(|family| {
            let mut schema = family_schema(*family);
            with_dimensions(&mut schema, dimensions);
            (family.schema_file().to_string(), pretty(&schema))
        })
        .collect()
}

/// Replaces the open `Condition` and `DimensionValues` definitions with ones that name each
/// declared dimension and its values.
fn with_dimensions(
    schema: &mut Value,
    dimensions: &std::collections::BTreeMap<String, Vec<String>>,
) {
    let values = |list: &Vec<String>| {
        serde_json::json!({
            "anyOf": [
                {"type": "string", "enum": list},
                {"type": "array", "items": {"type": "string", "enum": list}, "minItems": 1}
            ]
        })
    };
    let properties: Map<String, Value> = (dimensions.iter())
        .map(|(name, list)| (name.clone(), values(list)))
        .collect();
    let mut dimension_values = serde_json::json!({
        "description": "Values per declared dimension: `{edition: enterprise}`.",
        "type": "object",
        "additionalProperties": false
    });
    dimension_values["properties"] = Value::Object(properties.clone());
    let mut condition_properties = properties;
    condition_properties.insert(
        "not".into(),
        serde_json::json!({"$ref": "#/$defs/DimensionValues"}),
    );
    let mut condition = serde_json::json!({
        "description": "When the element applies: every dimension named must match one of its values; `not` holds dimensions of which at least one must not match.",
        "type": "object",
        "additionalProperties": false,
        "minProperties": 1
    });
    condition["properties"] = Value::Object(condition_properties);
    if let Some(Value::Object(defs)) = schema.get_mut("$defs") {
        if defs.contains_key("Condition") {
            defs.insert("Condition".into(), condition);
        }
        if defs.contains_key("DimensionValues") {
            defs.insert("DimensionValues".into(), dimension_values);
        }
    }
}

/// Pretty-prints a schema the way the committed files are formatted.
pub(crate) fn pretty(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("a JSON value always serializes");
    text.push('\n');
    text
}

/// Generates `T`'s schema, sets `$id`, and tightens it for authoring (see [`tighten`]).
pub(crate) fn generate<T: JsonSchema>(file_name: &str) -> Value {
    let schema = schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<T>();
    let mut value = schema.to_value();
    tighten(&mut value);
    close_tagged_branches(&mut value);
    if let Value::Object(map) = &mut value {
        let mut ordered = Map::new();
        ordered.insert(
            "$schema".into(),
            map.remove("$schema").unwrap_or(Value::Null),
        );
        ordered.insert(
            "$id".into(),
            Value::String(format!("{SCHEMA_BASE_URL}{file_name}")),
        );
        ordered.append(map);
        *map = ordered;
    }
    value
}

/// Makes the generated schema strict where serde is lenient:
/// - an optional field is simply absent, never `null` (`anyOf [T, null]` becomes `T`), so an empty
///   `summary:` in YAML is reported instead of silently dropped;
/// - a tagged branch that references a struct (`{"$ref": …, "properties": {"kind": …}}`) gets
///   `unevaluatedProperties: false`, so misspelt field names are errors even through `#[serde(flatten)]`.
fn tighten(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Array(options)) = map.get("anyOf")
                && options.len() == 2
                && let Some(non_null) = options.iter().position(|o| !is_null_schema(o))
                && options.iter().any(is_null_schema)
            {
                let inner = options[non_null].clone();
                map.remove("anyOf");
                if let Value::Object(inner) = inner {
                    for (k, v) in inner {
                        map.entry(k).or_insert(v);
                    }
                }
            }
            if let Some(Value::Array(types)) = map.get("type") {
                let kept: Vec<Value> = types
                    .iter()
                    .filter(|t| t.as_str() != Some("null"))
                    .cloned()
                    .collect();
                if kept.len() == 1 {
                    map.insert("type".into(), kept[0].clone());
                }
            }
            for child in map.values_mut() {
                tighten(child);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(tighten),
        _ => {}
    }
}

/// Moves each `kind` tag of a tagged union into the struct it references and closes that struct
/// with `additionalProperties: false`. serde's `#[serde(flatten)]` keeps schemars from doing this,
/// and editors' YAML servers (JSON Schema draft 7) ignore `unevaluatedProperties`, so this is what
/// makes a misspelt field name an error both in `helpdoc check` and while typing.
fn close_tagged_branches(schema: &mut Value) {
    let Some(branches) = schema.get_mut("oneOf").and_then(Value::as_array_mut) else {
        return;
    };
    let mut moves = Vec::new();
    for branch in branches.iter_mut() {
        let Some(reference) = branch
            .get("$ref")
            .and_then(Value::as_str)
            .map(str::to_string)
        else {
            continue;
        };
        let Some(kind) = branch.pointer("/properties/kind").cloned() else {
            continue;
        };
        let description = branch.get("description").cloned();
        let mut only_ref = Map::new();
        only_ref.insert("$ref".into(), Value::String(reference.clone()));
        if let Some(description) = description {
            only_ref.insert("description".into(), description);
        }
        *branch = Value::Object(only_ref);
        moves.push((reference, kind));
    }
    for (reference, kind) in moves {
        let Some(pointer) = reference.strip_prefix('#') else {
            continue;
        };
        let Some(Value::Object(def)) = schema.pointer_mut(pointer) else {
            continue;
        };
        if let Some(Value::Object(properties)) = def.get_mut("properties") {
            let mut reordered = Map::new();
            reordered.insert("kind".into(), kind);
            reordered.append(properties);
            *properties = reordered;
        }
        if let Some(Value::Array(required)) = def.get_mut("required") {
            required.insert(0, Value::String("kind".into()));
        }
        def.insert("additionalProperties".into(), Value::Bool(false));
    }
}

fn is_null_schema(schema: &Value) -> bool {
    schema.get("type").and_then(Value::as_str) == Some("null")
}
