//! Line breaks: content text holds `\n` only. Loaders turn every other line break into `\n`, and
//! the export check refuses a text artifact that still holds one.
//!
//! Readers disagree on what ends a line: CommonMark and MDX end a line at a bare `\r`, JavaScript
//! at U+2028 and U+2029, YAML 1.1 and some editors at NEL (U+0085). Text whose lines an exporter
//! counted by `\n` could then be read with more lines than it wrote: a code fence closed early,
//! and what follows it read as live MDX. With `\n` as the only line break, every reader agrees.

use std::borrow::Cow;

/// Whether `c` is a line break other than `\n`: CR (U+000D), NEL (U+0085), LINE SEPARATOR
/// (U+2028) or PARAGRAPH SEPARATOR (U+2029).
pub fn is_foreign(c: char) -> bool {
    matches!(c, '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// `text` with every line break written as `\n`: `\r\n` becomes one `\n`, and a bare `\r`, NEL,
/// LS or PS each become `\n`. Borrows when there is nothing to change.
pub fn normalize(text: &str) -> Cow<'_, str> {
    // Every loaded string passes here. In UTF-8, CR is the byte 0x0D and NEL, LS and PS start
    // with 0xC2 or 0xE2, so a text without those bytes is settled without decoding it.
    let maybe = memchr::memchr3(b'\r', 0xC2, 0xE2, text.as_bytes()).is_some();
    if !maybe || !text.contains(is_foreign) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() == Some(&'\n') {
            continue;
        }
        out.push(if is_foreign(c) { '\n' } else { c });
    }
    Cow::Owned(out)
}

/// A whole file's text with `\r\n` and bare `\r` written as `\n`, before it is parsed.
///
/// Only the carriage return is normalized here: YAML, JSON and editors all count it as a line
/// end, so line numbers stay the ones the writer's editor shows. NEL, LS and PS are ordinary
/// characters to YAML 1.2 and JSON, so turning them into `\n` before parsing would change the
/// document's structure; the loaders normalize them inside each parsed string instead
/// ([`normalize`]).
pub fn normalize_file(text: String) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    }
}

/// The byte offset and character of the first line break other than `\n` in `text`.
pub fn find_foreign(text: &str) -> Option<(usize, char)> {
    text.char_indices().find(|&(_, c)| is_foreign(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_break_becomes_one_newline() {
        assert_eq!(
            normalize("a\r\nb\rc\u{85}d\u{2028}e\u{2029}f\n\r\n"),
            "a\nb\nc\nd\ne\nf\n\n"
        );
        assert!(matches!(normalize("plain\ntext"), Cow::Borrowed(_)));
        assert_eq!(normalize("\r\r\n\r"), "\n\n\n");
        // Each break alone, next to other characters that share its first byte.
        for (text, expected) in [
            ("é\u{85}x", "é\nx"),
            ("— \u{2028}", "— \n"),
            ("€\u{2029}", "€\n"),
            ("a\r", "a\n"),
        ] {
            assert_eq!(normalize(text), expected);
        }
        assert!(matches!(normalize("é — €"), Cow::Borrowed(_)));
    }

    #[test]
    fn files_keep_other_separators_for_the_parser() {
        assert_eq!(
            normalize_file("a\r\nb\rc\u{2028}".into()),
            "a\nb\nc\u{2028}"
        );
    }

    #[test]
    fn finds_the_first_foreign_break() {
        assert_eq!(find_foreign("ab\u{2028}c\r"), Some((2, '\u{2028}')));
        assert_eq!(find_foreign("a\nb"), None);
    }
}
