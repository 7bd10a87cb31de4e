//! Tests on every content file of the repository and on many broken copies of them (each with
//! one value replaced): deserializing straight from the parsed nodes answers exactly as the
//! `serde_json::Value` of the same tree does, and the compiled-in schema validators answer as the
//! schemas compiled at run time do.

use super::node::{Node, NodeValue};
use super::node_de::from_node;
use super::schema_validation::SchemaValidators;
use crate::model::{DocumentKind, Fragment, Prerequisite, Publication, Topic};

/// Every parsed YAML or JSON file under the repository's content, examples and fixtures.
fn trees() -> Vec<(std::path::PathBuf, Node)> {
    let mut found = Vec::new();
    for path in super::repository_files(&["content", "examples", "tests/fixtures"]) {
        let Some(syntax) = super::Syntax::of(&path) else {
            continue;
        };
        let Ok(text) = super::decode(std::fs::read(&path).unwrap_or_default()) else {
            continue;
        };
        let source = crate::diag::SourceFile::new("t", text);
        if let Ok(node) = super::parse(&source, syntax, &super::Limits::default()) {
            found.push((path, node));
        }
    }
    found
}

/// Copies of `node` with one value somewhere replaced by something of another type (at most
/// `limit` copies, spread over the tree).
fn broken_copies(node: &Node, limit: usize) -> Vec<Node> {
    let mut paths = Vec::new();
    collect_paths(node, &mut Vec::new(), &mut paths);
    let step = (paths.len() / limit.max(1)).max(1);
    let replacements = [
        NodeValue::Null,
        NodeValue::Number(7.into()),
        NodeValue::String(String::new()),
        NodeValue::Seq(Vec::new()),
        NodeValue::Bool(true),
    ];
    paths
        .iter()
        .step_by(step)
        .enumerate()
        .map(|(i, path)| {
            let mut copy = node.clone();
            let mut at = &mut copy;
            for &index in path {
                at = match &mut at.value {
                    NodeValue::Map(entries) => &mut entries[index].value,
                    NodeValue::Seq(items) => &mut items[index],
                    _ => unreachable!("paths lead through containers"),
                };
            }
            at.value = replacements[i % replacements.len()].clone();
            copy
        })
        .collect()
}

fn collect_paths(node: &Node, path: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
    let children: Vec<&Node> = match &node.value {
        NodeValue::Map(entries) => entries.iter().map(|e| &e.value).collect(),
        NodeValue::Seq(items) => items.iter().collect(),
        _ => return,
    };
    for (i, child) in children.into_iter().enumerate() {
        path.push(i);
        out.push(path.clone());
        collect_paths(child, path, out);
        path.pop();
    }
}

/// The result of deserializing `T` both ways, as text (a value's debug form, or the error).
fn both<T: serde::de::DeserializeOwned + std::fmt::Debug>(
    node: &Node,
    untagged: bool,
) -> (String, String) {
    let show = |result: Result<T, serde_json::Error>| match result {
        Ok(value) => format!("{value:?}"),
        Err(error) => format!("error: {error}"),
    };
    let mut value = node.to_json();
    if untagged && let serde_json::Value::Object(map) = &mut value {
        map.shift_remove("kind");
    }
    (
        show(from_node(node, untagged.then_some("kind"))),
        show(serde_json::from_value(value)),
    )
}

fn assert_same_deserialization(node: &Node, path: &std::path::Path) {
    let pairs = [
        both::<Topic>(node, false),
        both::<Fragment>(node, false),
        both::<Publication>(node, false),
        both::<Prerequisite>(node, true),
        both::<crate::model::Concept>(node, true),
        both::<crate::model::Procedure>(node, true),
        both::<crate::model::ErrorTopic>(node, true),
    ];
    for (from_nodes, from_value) in pairs {
        assert_eq!(from_nodes, from_value, "deserializing {}", path.display());
    }
}

/// The compiled-in validators (generated from the committed schemas when helpdoc is built) and
/// the schemas compiled at run time (whose errors the diagnostics are worded from) give the same
/// answer on every fixture and on broken copies of them, as every kind.
#[test]
fn compiled_validators_answer_as_the_run_time_ones_do() {
    let validators = SchemaValidators::new();
    let mut checked = 0;
    let mut invalid = 0;
    for (path, node) in trees() {
        let mut nodes = broken_copies(&node, 12);
        nodes.push(node);
        for node in &nodes {
            for kind in DocumentKind::ALL {
                let mut value = node.to_json();
                if let serde_json::Value::Object(map) = &mut value {
                    map.insert("kind".into(), kind.name().into());
                }
                let (compiled, at_run_time) = validators.both_answers(kind, &value);
                assert_eq!(
                    compiled,
                    at_run_time,
                    "{kind} on {} ({value})",
                    path.display()
                );
                checked += 1;
                invalid += usize::from(!at_run_time);
            }
        }
    }
    assert!(
        checked > 1000 && invalid > 500 && checked - invalid > 100,
        "{checked} checked, {invalid} invalid"
    );
}

#[test]
fn documents_deserialize_from_nodes_as_from_values() {
    for (path, node) in trees() {
        let mut nodes = broken_copies(&node, 12);
        nodes.push(node);
        for node in &nodes {
            assert_same_deserialization(node, &path);
        }
    }
}
