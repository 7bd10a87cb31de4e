//! The parsed [`Node`] tree as a JSON representation the schema validator reads directly, so a
//! valid file is validated without building a `serde_json::Value` of it.
//!
//! Only the yes-or-no answer comes from here ([`jsonschema::Validator::is_valid`]); a file that
//! fails is validated again as a `Value` to word its errors (see
//! [`super::SchemaValidators::validate`]), so diagnostics stay those of the `Value` path. A test
//! holds the two answers to the same result on every fixture.

use std::borrow::Cow;

use jsonschema::json::{Array, Json, Node as JsonNode, NodeIdentity, Object};
use jsonschema::types::JsonType;
use serde_json::Value;

use super::node::{Entry, Node, NodeValue};

/// The representation: nodes are `&Node`.
pub struct NodeJson;

impl Json for NodeJson {
    type Node<'a> = &'a Node;
    type PreparedKey = String;
    type StringBuffer = ();

    // A lookup scans the mapping's entries, so one pass over them is never dearer than the
    // lookups it replaces.
    const KEYS_PER_LOOKUP: usize = 64;
    // A tree owns its children: no node is its own descendant.
    const ACYCLIC: bool = true;

    fn prepare_key(key: &str) -> String {
        key.to_owned()
    }

    fn with_string_node<T>((): &mut (), string: &str, f: impl FnOnce(&Node) -> T) -> T {
        let node = Node {
            span: 0..0,
            value: NodeValue::String(string.to_owned()),
        };
        f(&node)
    }
}

/// A mapping's entries.
#[derive(Clone, Copy)]
pub struct Entries<'a>(&'a [Entry]);

/// A list's items.
#[derive(Clone, Copy)]
pub struct Items<'a>(&'a [Node]);

impl<'a> JsonNode<'a, NodeJson> for &'a Node {
    type Object = Entries<'a>;
    type Array = Items<'a>;
    type Number = &'a serde_json::Number;

    fn as_object(&self) -> Option<Entries<'a>> {
        match &self.value {
            NodeValue::Map(entries) => Some(Entries(entries)),
            _ => None,
        }
    }

    fn as_array(&self) -> Option<Items<'a>> {
        match &self.value {
            NodeValue::Seq(items) => Some(Items(items)),
            _ => None,
        }
    }

    fn as_string(&self) -> Option<Cow<'a, str>> {
        match &self.value {
            NodeValue::String(string) => Some(Cow::Borrowed(string)),
            _ => None,
        }
    }

    fn as_number(&self) -> Option<&'a serde_json::Number> {
        match &self.value {
            NodeValue::Number(number) => Some(number),
            _ => None,
        }
    }

    fn as_boolean(&self) -> Option<bool> {
        match self.value {
            NodeValue::Bool(boolean) => Some(boolean),
            _ => None,
        }
    }

    fn is_null(&self) -> bool {
        matches!(self.value, NodeValue::Null)
    }

    fn json_type(&self) -> JsonType {
        match self.value {
            NodeValue::Null => JsonType::Null,
            NodeValue::Bool(_) => JsonType::Boolean,
            NodeValue::Number(_) => JsonType::Number,
            NodeValue::String(_) => JsonType::String,
            NodeValue::Seq(_) => JsonType::Array,
            NodeValue::Map(_) => JsonType::Object,
        }
    }

    fn equals_value(&self, expected: &Value) -> bool {
        // `const` and `enum` compare strings (a `kind`, a block's type) far more often than
        // anything else: those need no `Value`.
        match (&self.value, expected) {
            (NodeValue::String(string), Value::String(other)) => string == other,
            (NodeValue::String(_), _) => false,
            _ => jsonschema::json::cmp::equal(&self.to_json(), expected),
        }
    }

    fn to_value(&self) -> Cow<'a, Value> {
        Cow::Owned(self.to_json())
    }

    fn identity(&self) -> Option<NodeIdentity> {
        Some(NodeIdentity::new(std::ptr::from_ref::<Node>(self) as usize))
    }
}

impl<'a> Object<'a, NodeJson> for Entries<'a> {
    type Node = &'a Node;
    type MemberName = &'a str;
    type MembersIter = Members<'a>;

    fn len(&self) -> usize {
        self.0.len()
    }

    fn get(&self, key: &String) -> Option<&'a Node> {
        self.0.iter().find(|e| e.key == *key).map(|e| &e.value)
    }

    fn members(&self) -> Members<'a> {
        Members(self.0.iter())
    }
}

/// A mapping's keys and values, in order.
pub struct Members<'a>(std::slice::Iter<'a, Entry>);

impl<'a> Iterator for Members<'a> {
    type Item = (&'a str, &'a Node);

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|e| (e.key.as_str(), &e.value))
    }
}

impl<'a> Array<'a, NodeJson> for Items<'a> {
    type Node = &'a Node;
    type ElementsIter = std::slice::Iter<'a, Node>;

    fn len(&self) -> usize {
        self.0.len()
    }

    fn elements(&self) -> std::slice::Iter<'a, Node> {
        self.0.iter()
    }
}
