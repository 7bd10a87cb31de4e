//! The one YAML scalar quoter: when text may be written plain, and the double-quoted escape table.
//!
//! Used by the Markdown exporter's front matter and by `import`, which writes YAML content. Every
//! output reads back as the same string in YAML 1.2 (helpdoc's reader, Docusaurus' js-yaml) and in
//! the YAML 1.1 readers some editors use; characters a reader or an editor could show differently
//! (line breaks other than `\n`, invisible characters) are escaped so the writer sees them.

use std::fmt::Write as _;

use super::invisible::is_invisible;
use super::line_breaks;

/// Which characters a double-quoted scalar escapes beyond the ones every YAML text escapes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// YAML files read only as YAML (imported content).
    Yaml,
    /// Front matter, which a tool reading the file as Markdown (plain MDX does) also sees:
    /// `{ } < >` and `` ` `` are escaped too, so it finds no expression or tag there.
    FrontMatter,
}

/// Whether `c` is written as an escape inside a double-quoted scalar: `"` and `\`, control
/// characters (line breaks and tabs among them), line breaks other than `\n`, invisible
/// characters, and in [`Dialect::FrontMatter`] the MDX-significant `{ } < >` and `` ` ``.
pub fn needs_escape(c: char, dialect: Dialect) -> bool {
    matches!(c, '"' | '\\')
        || only_escaped(c)
        || (dialect == Dialect::FrontMatter && matches!(c, '{' | '}' | '<' | '>' | '`'))
}

/// Whether `c` is written faithfully only as an escape, in any scalar style: control characters
/// (line breaks and tabs among them, which plain and block scalars fold or strip), line breaks
/// other than `\n` (which YAML 1.1 readers and some editors break lines at) and invisible
/// characters (which a writer could not see).
pub fn only_escaped(c: char) -> bool {
    c.is_control() || line_breaks::is_foreign(c) || is_invisible(c)
}

/// Writes the escape of `c` (one [`needs_escape`] selects): `\"`, `\\`, `\n`, `\t`, or the code
/// point as `\uXXXX` (`\UXXXXXXXX` beyond the Basic Multilingual Plane).
pub fn push_escape(out: &mut String, c: char) {
    let _ = match c {
        '"' => write!(out, "\\\""),
        '\\' => write!(out, "\\\\"),
        '\n' => write!(out, "\\n"),
        '\t' => write!(out, "\\t"),
        c if u32::from(c) > 0xFFFF => write!(out, "\\U{:08X}", u32::from(c)),
        c => write!(out, "\\u{:04X}", u32::from(c)),
    };
}

/// `text` as a double-quoted scalar.
pub fn double_quoted(text: &str, dialect: Dialect) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        if needs_escape(c, dialect) {
            push_escape(&mut out, c);
        } else {
            out.push(c);
        }
    }
    out.push('"');
    out
}

/// `text` plain when [`plain_safe`], else double-quoted.
pub fn quote(text: &str, dialect: Dialect) -> String {
    if plain_safe(text) {
        text.to_string()
    } else {
        double_quoted(text, dialect)
    }
}

/// Whether text can be written as a plain (unquoted) scalar in block context and read back
/// unchanged as a string, by YAML 1.2 and by YAML 1.1 readers: not empty, no leading or trailing
/// white space, no leading indicator (`- ? : , [ ] { } # & * ! | > ' " % @` and backquote), no
/// `: ` or ` #` inside and no `:` at the end, nothing [`needs_escape`] would escape, and not a
/// word or number some YAML reads as another type (`yes`, `off`, `null`, `~`, `1e3`, `0x1f`,
/// `1_000`, `1:30`, `.inf`, `+.inf`, `.nan`).
pub fn plain_safe(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    if text.trim() != text || "-?:,[]{}#&*!|>'\"%@`".contains(first) {
        return false;
    }
    if text.contains(": ") || text.contains(" #") || text.ends_with(':') {
        return false;
    }
    if text.chars().any(|c| needs_escape(c, Dialect::Yaml)) {
        return false;
    }
    let lower = text.to_ascii_lowercase();
    let special = [
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~",
    ];
    if special.contains(&lower.as_str()) {
        return false;
    }
    let numeric = text
        .chars()
        .all(|c| c.is_ascii_digit() || "+-._eEoxXabcdefABCDEF:".contains(c));
    let unsigned = lower.strip_prefix('+').unwrap_or(&lower);
    (!numeric || !text.chars().any(|c| c.is_ascii_digit()))
        && !unsigned.starts_with(".inf")
        && unsigned != ".nan"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::SourceFile;
    use crate::load::{Limits, NodeValue, Syntax};
    use saphyr_parser::{Event, Parser, ScalarStyle};

    /// The value of `key: <scalar>` as saphyr-parser reads it, and whether it was plain.
    fn read_back(scalar: &str) -> (String, bool) {
        let yaml = format!("key: {scalar}\n");
        let mut parser = Parser::new_from_str(&yaml);
        let mut scalars = Vec::new();
        while let Some(event) = parser.next_event() {
            let (event, _) = event.unwrap_or_else(|e| panic!("{yaml:?}: {e:?}"));
            if let Event::Scalar(text, style, _, _) = event {
                scalars.push((text.to_string(), style == ScalarStyle::Plain));
            }
        }
        assert_eq!(scalars.len(), 2, "{yaml:?} is one mapping entry");
        scalars.pop().unwrap()
    }

    /// The value of `key: <scalar>` as helpdoc's content reader types it (YAML 1.2 core schema).
    fn loaded(scalar: &str) -> NodeValue {
        let source = SourceFile::new("t.yaml", format!("key: {scalar}\n"));
        let node = crate::load::parse(&source, Syntax::Yaml, &Limits::default())
            .unwrap_or_else(|e| panic!("{scalar}: {e:?}"));
        let NodeValue::Map(mut entries) = node.value else {
            panic!("{scalar}: not a mapping")
        };
        entries.pop().expect("one entry").value.value
    }

    /// Texts YAML readers trip on: indicators, comments, other types, white space, control and
    /// invisible characters, line breaks, and text beyond ASCII; one list in
    /// tests/fixtures/yaml-hard-cases.json, which the Markdown exporter's js-yaml test reads too.
    fn hard() -> Vec<String> {
        serde_json::from_str(include_str!("../../tests/fixtures/yaml-hard-cases.json"))
            .expect("the fixture is a JSON array of strings")
    }

    #[test]
    fn every_hard_case_round_trips_through_a_real_yaml_parser() {
        for text in hard() {
            let text = text.as_str();
            for dialect in [Dialect::Yaml, Dialect::FrontMatter] {
                let written = quote(text, dialect);
                let (value, plain) = read_back(&written);
                assert_eq!(value, text, "{text:?} written as {written}");
                assert_eq!(plain, plain_safe(text), "{text:?} written as {written}");
                if !text.is_empty() {
                    // The content reader also makes every line break one `\n`.
                    let expected = line_breaks::normalize(text).into_owned();
                    let typed = loaded(&written);
                    assert_eq!(typed, NodeValue::String(expected), "{text:?} as {written}");
                }
                let quoted = double_quoted(text, dialect);
                assert_eq!(read_back(&quoted).0, text, "{text:?} written as {quoted}");
            }
        }
    }

    #[test]
    fn plain_only_when_no_yaml_reads_it_as_something_else() {
        for text in [
            "yes",
            "No",
            "null",
            "~",
            "123",
            "1e3",
            "0x1f",
            "1_000",
            "1:30",
            "+.inf",
            ".NaN",
            "- x",
            "a: b",
            "x #y",
            " lead",
            "trail ",
            "'q'",
            "a\nb",
            "zw\u{200B}sp",
            "",
        ] {
            assert!(!plain_safe(text), "{text:?}");
        }
        for text in [
            "a:b",
            "x#y",
            "Café",
            "日本語",
            "Company > Admin, then Save.",
            "v1.2 beta",
        ] {
            assert!(plain_safe(text), "{text:?}");
        }
    }

    #[test]
    fn escapes_what_readers_would_show_differently() {
        assert_eq!(
            double_quoted("a \"b\" \\ c", Dialect::Yaml),
            "\"a \\\"b\\\" \\\\ c\""
        );
        assert_eq!(
            double_quoted(
                "a\nb\tc\u{0}\r\u{85}\u{2028}\u{202E}\u{200B}",
                Dialect::Yaml
            ),
            "\"a\\nb\\tc\\u0000\\u000D\\u0085\\u2028\\u202E\\u200B\""
        );
        assert_eq!(double_quoted("{x}<y>`", Dialect::Yaml), "\"{x}<y>`\"");
        assert_eq!(
            double_quoted("{x}<y>`", Dialect::FrontMatter),
            "\"\\u007Bx\\u007D\\u003Cy\\u003E\\u0060\""
        );
        let mut beyond = String::new();
        push_escape(&mut beyond, '\u{E0001}');
        assert_eq!(beyond, "\\U000E0001");
        assert_eq!(double_quoted("Café 🎉", Dialect::Yaml), "\"Café 🎉\"");
    }
}
