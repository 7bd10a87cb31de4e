//! A small block-style YAML writer for JSON values: every string double-quoted with JSON escapes
//! (valid YAML 1.2), so no value can be misread as another type.

use serde_json::Value;

/// The document as YAML, ending with a newline.
pub fn to_yaml(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Object(map) if !map.is_empty() => mapping(map, 0, false, &mut out),
        other => {
            scalar(other, &mut out);
            out.push('\n');
        }
    }
    out
}

fn indent(level: usize, out: &mut String) {
    out.extend(std::iter::repeat_n(' ', level * 2));
}

/// Writes a mapping's entries at `level`; with `after_dash`, the first entry follows a sequence
/// item's `- ` on the current line.
fn mapping(map: &serde_json::Map<String, Value>, level: usize, after_dash: bool, out: &mut String) {
    for (i, (key, value)) in map.iter().enumerate() {
        if i > 0 || !after_dash {
            indent(level, out);
        }
        write_key(key, out);
        out.push(':');
        nested(value, level, out);
    }
}

fn sequence(items: &[Value], level: usize, out: &mut String) {
    for item in items {
        indent(level, out);
        out.push_str("- ");
        match item {
            Value::Object(map) if !map.is_empty() => mapping(map, level + 1, true, out),
            Value::Array(inner) if !inner.is_empty() => {
                out.push('\n');
                sequence(inner, level + 1, out);
            }
            other => {
                scalar(other, out);
                out.push('\n');
            }
        }
    }
}

/// A mapping value: inline for scalars and empty collections, on the next lines otherwise.
fn nested(value: &Value, level: usize, out: &mut String) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            out.push('\n');
            mapping(map, level + 1, false, out);
        }
        Value::Array(items) if !items.is_empty() => {
            out.push('\n');
            sequence(items, level + 1, out);
        }
        other => {
            out.push(' ');
            scalar(other, out);
            out.push('\n');
        }
    }
}

fn scalar(value: &Value, out: &mut String) {
    match value {
        Value::Object(_) => out.push_str("{}"),
        Value::Array(_) => out.push_str("[]"),
        // JSON's string, number, boolean and null spellings are all valid YAML 1.2 flow scalars.
        other => out.push_str(&other.to_string()),
    }
}

fn write_key(key: &str, out: &mut String) {
    let plain = key
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    if plain {
        out.push_str(key);
    } else {
        out.push_str(&Value::String(key.to_string()).to_string());
    }
}
