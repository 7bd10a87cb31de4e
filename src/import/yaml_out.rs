//! Writes imported documents as block-style YAML, recording where each written text byte came
//! from in the draft.

use std::ops::Range;

use super::mapped::Mapped;
use super::source_map::{DraftMap, Segment};
use crate::text::yaml_quote::{self, Dialect, needs_escape, only_escaped, plain_safe};

/// A YAML value to write.
#[derive(Debug, Clone, PartialEq)]
pub enum Y {
    /// Text from the draft (quoted or written as a block when needed).
    Text(Mapped),
    /// A scalar helpdoc chose (ids, kinds, booleans): written as is.
    Raw(String),
    /// A scalar with a comment after it on the same line.
    Commented(Box<Y>, String),
    /// A sequence.
    Seq(Vec<Y>),
    /// A mapping, in order.
    Map(Vec<(String, Y)>),
}

impl Y {
    /// A mapping from `(key, value)` pairs.
    pub fn map(entries: Vec<(&str, Y)>) -> Y {
        Y::Map(
            entries
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
        )
    }

    /// Moves the draft offsets of every text in it by `base` ([`Mapped::shift`]).
    pub fn shift(&mut self, base: usize) {
        match self {
            Y::Text(text) => text.shift(base),
            Y::Raw(_) => {}
            Y::Commented(inner, _) => inner.shift(base),
            Y::Seq(items) => items.iter_mut().for_each(|y| y.shift(base)),
            Y::Map(entries) => entries.iter_mut().for_each(|(_, y)| y.shift(base)),
        }
    }

    /// A raw scalar.
    pub fn raw(text: impl Into<String>) -> Y {
        Y::Raw(text.into())
    }

    /// A string helpdoc chose (an id): plain when it reads back as a string, quoted when YAML
    /// would read it as something else (`false`, `123`, `1e3`, `null`).
    pub fn string(text: &str) -> Y {
        Y::Raw(yaml_quote::quote(text, Dialect::Yaml))
    }
}

/// A written file: its text and its map back to the draft.
#[derive(Debug, Clone)]
pub struct Written {
    /// The YAML text.
    pub text: String,
    /// Where its text came from.
    pub map: DraftMap,
}

/// Writes a document: header comments, the top-level mapping, footer comments.
pub fn write_document(
    header: &[String],
    root: &[(String, Y)],
    footer: &[String],
    fallback: Range<usize>,
) -> Written {
    let mut writer = Writer::default();
    for line in header {
        writer.comment(line);
    }
    writer.map(root, 0, false);
    for line in footer {
        writer.comment(line);
    }
    Written {
        text: writer.out,
        map: DraftMap::new(writer.segments, writer.scalars, fallback),
    }
}

#[derive(Default)]
struct Writer {
    out: String,
    segments: Vec<Segment>,
    scalars: Vec<(Range<usize>, usize)>,
}

impl Writer {
    fn comment(&mut self, line: &str) {
        if line.is_empty() {
            self.out.push_str("#\n");
        } else {
            self.out.push_str("# ");
            self.out.push_str(&line.replace('\n', " "));
            self.out.push('\n');
        }
    }

    fn indent(&mut self, n: usize) {
        self.out.extend(std::iter::repeat_n(' ', n));
    }

    /// A mapping at `indent`; with `inline_first` its first key continues the current line
    /// (after `- `).
    fn map(&mut self, entries: &[(String, Y)], indent: usize, inline_first: bool) {
        if entries.is_empty() {
            self.out.push_str("{}\n");
            return;
        }
        for (i, (key, value)) in entries.iter().enumerate() {
            if i > 0 || !inline_first {
                self.indent(indent);
            }
            self.out.push_str(key);
            self.out.push(':');
            self.value_after_key(value, indent);
        }
    }

    fn value_after_key(&mut self, value: &Y, indent: usize) {
        match value {
            Y::Seq(items) if items.is_empty() => self.out.push_str(" []\n"),
            Y::Map(entries) if entries.is_empty() => self.out.push_str(" {}\n"),
            Y::Seq(items) => {
                self.out.push('\n');
                self.seq(items, indent + 2, false);
            }
            Y::Map(entries) => {
                self.out.push('\n');
                self.map(entries, indent + 2, false);
            }
            scalar => {
                self.out.push(' ');
                self.scalar(scalar, indent + 2);
                self.out.push('\n');
            }
        }
    }

    fn seq(&mut self, items: &[Y], indent: usize, inline_first: bool) {
        for (i, item) in items.iter().enumerate() {
            if i > 0 || !inline_first {
                self.indent(indent);
            }
            self.out.push_str("- ");
            match item {
                Y::Map(entries) if !entries.is_empty() => self.map(entries, indent + 2, true),
                Y::Seq(inner) if !inner.is_empty() => self.seq(inner, indent + 2, true),
                Y::Seq(_) => self.out.push_str("[]\n"),
                Y::Map(_) => self.out.push_str("{}\n"),
                scalar => {
                    self.scalar(scalar, indent + 2);
                    self.out.push('\n');
                }
            }
        }
    }

    /// A scalar; block scalars put their lines at `block_indent`.
    fn scalar(&mut self, value: &Y, block_indent: usize) {
        match value {
            Y::Raw(text) => self.out.push_str(text),
            Y::Commented(inner, comment) => {
                self.scalar(inner, block_indent);
                self.out.push_str("  # ");
                self.out.push_str(comment);
            }
            Y::Text(mapped) => self.text(mapped, block_indent),
            Y::Seq(_) | Y::Map(_) => self.out.push_str("null"),
        }
    }

    fn text(&mut self, mapped: &Mapped, block_indent: usize) {
        let start = self.out.len();
        let text = mapped.text.as_str();
        if !text.contains('\n') && plain_safe(text) {
            self.verbatim(mapped, 0..text.len());
        } else if text.contains('\n') && literal_safe(text) {
            self.out.push_str("|-");
            let mut offset = 0;
            for line in text.split('\n') {
                self.out.push('\n');
                if !line.is_empty() {
                    self.indent(block_indent);
                    self.verbatim(mapped, offset..offset + line.len());
                }
                offset += line.len() + 1;
            }
        } else {
            self.double_quoted(mapped);
        }
        self.scalars.push((start..self.out.len(), mapped.anchor));
    }

    /// Writes `mapped.text[range]` unchanged, recording where it came from.
    fn verbatim(&mut self, mapped: &Mapped, range: Range<usize>) {
        let at = self.out.len();
        self.out.push_str(&mapped.text[range.clone()]);
        self.record(mapped, range, at);
    }

    fn record(&mut self, mapped: &Mapped, range: Range<usize>, yaml_at: usize) {
        for piece in &mapped.pieces {
            let start = piece.at.max(range.start);
            let end = (piece.at + piece.len).min(range.end);
            if start < end {
                let from = piece.from + (start - piece.at);
                self.segments.push(Segment {
                    yaml: yaml_at + (start - range.start)..yaml_at + (end - range.start),
                    draft: from..from + (end - start),
                });
            }
        }
    }

    fn double_quoted(&mut self, mapped: &Mapped) {
        self.out.push('"');
        let text = mapped.text.as_str();
        let mut run_start = 0;
        for (i, c) in text.char_indices() {
            if needs_escape(c, Dialect::Yaml) {
                self.verbatim(mapped, run_start..i);
                let at = self.out.len();
                yaml_quote::push_escape(&mut self.out, c);
                if let Some(from) = mapped.draft_offset(i) {
                    self.segments.push(Segment {
                        yaml: at..self.out.len(),
                        draft: from..from + c.len_utf8(),
                    });
                }
                run_start = i + c.len_utf8();
            }
        }
        self.verbatim(mapped, run_start..text.len());
        self.out.push('"');
    }
}

/// Whether multi-line text can be a literal block (`|-`): lines that do not start with white
/// space, no control characters, no trailing white space, no trailing line break.
fn literal_safe(text: &str) -> bool {
    !text.ends_with('\n')
        && !text.starts_with('\n')
        && text.split('\n').all(|line| {
            !line.starts_with([' ', '\t'])
                && line.trim_end() == line
                && !line.chars().any(only_escaped)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Y {
        Y::Text(Mapped::from_source(s, 0..s.len()))
    }

    #[test]
    fn writes_block_yaml_that_reads_back() {
        let doc = vec![
            ("kind".to_string(), Y::raw("concept")),
            ("title".to_string(), text("What: is it?")),
            (
                "answer".to_string(),
                Y::Seq(vec![
                    Y::map(vec![("paragraph", text("line one\nline \"two\""))]),
                    Y::map(vec![(
                        "list",
                        Y::map(vec![("items", Y::Seq(vec![text("yes"), text("a # b")]))]),
                    )]),
                ]),
            ),
        ];
        let written = write_document(&["Imported.".into()], &doc, &[], 0..0);
        assert_eq!(
            written.text,
            "# Imported.\nkind: concept\ntitle: \"What: is it?\"\nanswer:\n  - paragraph: |-\n      line one\n      line \"two\"\n  - list:\n      items:\n        - \"yes\"\n        - \"a # b\"\n"
        );
    }

    #[test]
    fn plain_scalars_avoid_yaml_traps() {
        for unsafe_text in ["yes", "1.0", "- x", "a: b", "x #y", "'q'", " lead", "null"] {
            assert!(!plain_safe(unsafe_text), "{unsafe_text}");
        }
        assert!(plain_safe("Company > Admin > Users, then click Save."));
    }

    #[test]
    fn chosen_strings_are_quoted_only_when_yaml_would_misread_them() {
        assert_eq!(Y::string("web-services-user"), Y::raw("web-services-user"));
        for id in ["false", "123", "1e3", "0x1f", "null"] {
            assert_eq!(Y::string(id), Y::raw(format!("\"{id}\"")));
        }
    }
}
