//! A parsed YAML or JSON document as a tree of nodes that remember where they came from.

use std::ops::Range;

use serde_json::{Map, Number, Value};

/// A value with the byte range it was written at.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Byte range of the value in the source text.
    pub span: Range<usize>,
    /// The value.
    pub value: NodeValue,
}

/// The value of a [`Node`].
#[derive(Debug, Clone, PartialEq)]
pub enum NodeValue {
    /// `null`, `~` or nothing.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number (kept as JSON's number type).
    Number(Number),
    /// A string.
    String(String),
    /// A sequence / array.
    Seq(Vec<Node>),
    /// A mapping / object, in source order.
    Map(Vec<Entry>),
}

/// One key and value in a mapping.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The key text.
    pub key: String,
    /// Byte range of the key.
    pub key_span: Range<usize>,
    /// The value.
    pub value: Node,
}

impl Node {
    /// Converts to a plain JSON value for schema validation and deserialization.
    pub fn to_json(&self) -> Value {
        match &self.value {
            NodeValue::Null => Value::Null,
            NodeValue::Bool(b) => Value::Bool(*b),
            NodeValue::Number(n) => Value::Number(n.clone()),
            NodeValue::String(s) => Value::String(s.clone()),
            NodeValue::Seq(items) => Value::Array(items.iter().map(Node::to_json).collect()),
            NodeValue::Map(entries) => {
                let mut map = Map::with_capacity(entries.len());
                for entry in entries {
                    map.insert(entry.key.clone(), entry.value.to_json());
                }
                Value::Object(map)
            }
        }
    }

    /// The entry for `key`, if this is a mapping that has it.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        match &self.value {
            NodeValue::Map(entries) => entries.iter().find(|e| e.key == key),
            _ => None,
        }
    }

    /// The value for `key`, if this is a mapping that has it.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|e| &e.value)
    }

    /// The string value, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            NodeValue::String(s) => Some(s),
            _ => None,
        }
    }

    /// Follows a JSON pointer (`/causes/0/resolution`) as far as it goes. Returns the deepest node
    /// reached and, when the last step was a mapping key, that key's span.
    pub fn locate(&self, pointer: &str) -> Located<'_> {
        let mut node = self;
        let mut key_span = None;
        for raw in pointer.split('/').skip(1) {
            // Unescaped only when it has an escape: most segments are plain keys and indexes.
            let segment: std::borrow::Cow<'_, str> = if raw.contains('~') {
                raw.replace("~1", "/").replace("~0", "~").into()
            } else {
                raw.into()
            };
            let next = match &node.value {
                NodeValue::Map(entries) => entries
                    .iter()
                    .find(|e| e.key == *segment)
                    .map(|e| (&e.value, Some(e.key_span.clone()))),
                NodeValue::Seq(items) => segment
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| items.get(i))
                    .map(|n| (n, None)),
                _ => None,
            };
            match next {
                Some((child, span)) => {
                    node = child;
                    key_span = span;
                }
                None => {
                    return Located {
                        node,
                        key_span,
                        complete: false,
                    };
                }
            }
        }
        Located {
            node,
            key_span,
            complete: true,
        }
    }

    /// A short description of the value's type, for error messages ("a string", "a list").
    pub fn type_name(&self) -> &'static str {
        match &self.value {
            NodeValue::Null => "nothing (null)",
            NodeValue::Bool(_) => "a boolean",
            NodeValue::Number(_) => "a number",
            NodeValue::String(_) => "a string",
            NodeValue::Seq(_) => "a list",
            NodeValue::Map(_) => "a mapping",
        }
    }
}

/// The result of [`Node::locate`].
#[derive(Debug, Clone)]
pub struct Located<'a> {
    /// The deepest node reached.
    pub node: &'a Node,
    /// The span of the key that led to it, if it is a mapping value.
    pub key_span: Option<Range<usize>>,
    /// Whether the whole pointer was followed.
    pub complete: bool,
}
