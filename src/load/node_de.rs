//! Deserializes the model straight from a parsed [`Node`] tree, without a `serde_json::Value` of
//! the file in between.
//!
//! It follows `serde_json`'s deserializer for `&Value` step for step (same visitor calls, same
//! error type and wording), so a document deserializes, or fails to, exactly as it did through
//! `serde_json::from_value(node.to_json())`.

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{
    DeserializeSeed, Deserializer, EnumAccess, Error as _, MapAccess, SeqAccess, Unexpected,
    VariantAccess, Visitor,
};
use serde_json::Error;

use super::node::{Entry, Node, NodeValue};

/// Deserializes `T` from `node`, leaving out the top-level entry `skip` when given (a topic's
/// `kind`, already read: the struct of that kind has no such field).
pub fn from_node<'de, T: serde::Deserialize<'de>>(
    node: &'de Node,
    skip: Option<&str>,
) -> Result<T, Error> {
    match (&node.value, skip) {
        (NodeValue::Map(entries), Some(skip)) => {
            let kept: Vec<&'de Entry> = entries.iter().filter(|e| e.key != skip).collect();
            T::deserialize(MapDeserializer::new(kept.into_iter()))
        }
        _ => T::deserialize(node),
    }
}

/// What a value is, for "invalid type" errors (as `serde_json` words them).
fn unexpected(node: &Node) -> Unexpected<'_> {
    match &node.value {
        NodeValue::Null => Unexpected::Unit,
        NodeValue::Bool(b) => Unexpected::Bool(*b),
        NodeValue::Number(n) => {
            if let Some(u) = n.as_u64() {
                Unexpected::Unsigned(u)
            } else if let Some(i) = n.as_i64() {
                Unexpected::Signed(i)
            } else {
                Unexpected::Float(n.as_f64().unwrap_or(f64::NAN))
            }
        }
        NodeValue::String(s) => Unexpected::Str(s),
        NodeValue::Seq(_) => Unexpected::Seq,
        NodeValue::Map(_) => Unexpected::Map,
    }
}

#[cold]
fn invalid_type(node: &Node, expected: &dyn serde::de::Expected) -> Error {
    Error::invalid_type(unexpected(node), expected)
}

macro_rules! number {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            match &self.value {
                NodeValue::Number(n) => n.deserialize_any(visitor),
                _ => Err(invalid_type(self, &visitor)),
            }
        }
    )*};
}

impl<'de> Deserializer<'de> for &'de Node {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.value {
            NodeValue::Null => visitor.visit_unit(),
            NodeValue::Bool(v) => visitor.visit_bool(*v),
            NodeValue::Number(n) => n.deserialize_any(visitor),
            NodeValue::String(v) => visitor.visit_borrowed_str(v),
            NodeValue::Seq(items) => visit_seq(items, visitor),
            NodeValue::Map(entries) => visit_map(entries, visitor),
        }
    }

    number!(deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_u8
        deserialize_u16 deserialize_u32 deserialize_u64 deserialize_f32 deserialize_f64);

    fn deserialize_i128<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_any(visitor)
    }

    fn deserialize_u128<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_any(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            NodeValue::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match &self.value {
            NodeValue::Map(entries) => match entries.as_slice() {
                [entry] => visitor.visit_enum(EnumDeserializer {
                    variant: &entry.key,
                    value: Some(&entry.value),
                }),
                _ => Err(Error::invalid_value(
                    Unexpected::Map,
                    &"map with a single key",
                )),
            },
            NodeValue::String(variant) => visitor.visit_enum(EnumDeserializer {
                variant,
                value: None,
            }),
            _ => Err(Error::invalid_type(unexpected(self), &"string or map")),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            NodeValue::Bool(v) => visitor.visit_bool(v),
            _ => Err(invalid_type(self, &visitor)),
        }
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.value {
            NodeValue::String(v) => visitor.visit_borrowed_str(v),
            _ => Err(invalid_type(self, &visitor)),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.value {
            NodeValue::String(v) => visitor.visit_borrowed_str(v),
            NodeValue::Seq(items) => visit_seq(items, visitor),
            _ => Err(invalid_type(self, &visitor)),
        }
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            NodeValue::Null => visitor.visit_unit(),
            _ => Err(invalid_type(self, &visitor)),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.value {
            NodeValue::Seq(items) => visit_seq(items, visitor),
            _ => Err(invalid_type(self, &visitor)),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.value {
            NodeValue::Map(entries) => visit_map(entries, visitor),
            _ => Err(invalid_type(self, &visitor)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match &self.value {
            NodeValue::Seq(items) => visit_seq(items, visitor),
            NodeValue::Map(entries) => visit_map(entries, visitor),
            _ => Err(invalid_type(self, &visitor)),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }
}

/// A list's items, checking that the visitor took them all.
fn visit_seq<'de, V: Visitor<'de>>(items: &'de [Node], visitor: V) -> Result<V::Value, Error> {
    let len = items.len();
    let mut access = SeqDeserializer { iter: items.iter() };
    let seq = visitor.visit_seq(&mut access)?;
    if access.iter.len() == 0 {
        Ok(seq)
    } else {
        Err(Error::invalid_length(len, &"fewer elements in array"))
    }
}

/// A mapping's entries, checking that the visitor took them all.
fn visit_map<'de, V: Visitor<'de>>(entries: &'de [Entry], visitor: V) -> Result<V::Value, Error> {
    MapDeserializer::new(entries.iter()).deserialize_any(visitor)
}

struct SeqDeserializer<'de> {
    iter: std::slice::Iter<'de, Node>,
}

impl<'de> SeqAccess<'de> for SeqDeserializer<'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        self.iter
            .next()
            .map(|node| seed.deserialize(node))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

/// A mapping (or, for a topic, its entries but `kind`) as a deserializer.
struct MapDeserializer<'de, I> {
    iter: I,
    value: Option<&'de Node>,
}

impl<'de, I: ExactSizeIterator<Item = &'de Entry>> MapDeserializer<'de, I> {
    fn new(iter: I) -> Self {
        MapDeserializer { iter, value: None }
    }
}

impl<'de, I: ExactSizeIterator<Item = &'de Entry>> Deserializer<'de> for MapDeserializer<'de, I> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(mut self, visitor: V) -> Result<V::Value, Error> {
        let len = self.iter.len();
        let map = visitor.visit_map(&mut self)?;
        if self.iter.len() == 0 {
            Ok(map)
        } else {
            Err(Error::invalid_length(len, &"fewer elements in map"))
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

impl<'de, I: ExactSizeIterator<Item = &'de Entry>> MapAccess<'de> for MapDeserializer<'de, I> {
    type Error = Error;

    fn next_key_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        match self.iter.next() {
            Some(entry) => {
                self.value = Some(&entry.value);
                seed.deserialize(BorrowedStrDeserializer::<Error>::new(&entry.key))
                    .map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, Error> {
        match self.value.take() {
            Some(value) => seed.deserialize(value),
            None => Err(Error::custom("value is missing")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

struct EnumDeserializer<'de> {
    variant: &'de str,
    value: Option<&'de Node>,
}

impl<'de> EnumAccess<'de> for EnumDeserializer<'de> {
    type Error = Error;
    type Variant = VariantDeserializer<'de>;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Self::Variant), Error> {
        let variant = BorrowedStrDeserializer::<Error>::new(self.variant);
        let rest = VariantDeserializer { value: self.value };
        seed.deserialize(variant).map(|v| (v, rest))
    }
}

struct VariantDeserializer<'de> {
    value: Option<&'de Node>,
}

impl<'de> VariantAccess<'de> for VariantDeserializer<'de> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        match self.value {
            Some(value) => serde::Deserialize::deserialize(value),
            None => Ok(()),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        match self.value {
            Some(value) => seed.deserialize(value),
            None => Err(Error::invalid_type(
                Unexpected::UnitVariant,
                &"newtype variant",
            )),
        }
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Some(Node {
                value: NodeValue::Seq(items),
                ..
            }) => {
                if items.is_empty() {
                    visitor.visit_unit()
                } else {
                    visit_seq(items, visitor)
                }
            }
            Some(other) => Err(Error::invalid_type(unexpected(other), &"tuple variant")),
            None => Err(Error::invalid_type(
                Unexpected::UnitVariant,
                &"tuple variant",
            )),
        }
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.value {
            Some(Node {
                value: NodeValue::Map(entries),
                ..
            }) => visit_map(entries, visitor),
            Some(other) => Err(Error::invalid_type(unexpected(other), &"struct variant")),
            None => Err(Error::invalid_type(
                Unexpected::UnitVariant,
                &"struct variant",
            )),
        }
    }
}
