//! The one place untrusted text becomes HTML, for every writer of HTML in the crate (the HTML
//! exporter, the in-product bundle's `html` fields, the preview server): escaping for text and
//! attribute contexts, characters HTML forbids replaced, Unicode bidi controls handled.

pub use crate::text::invisible::is_bidi_control;

/// What differs between the crate's two HTML readers; everything else (which characters are
/// escaped, which are forbidden, bidi controls dropped from attributes) is the same for both.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dialect {
    /// Escape `'` as `&#39;`: a template pack may quote an attribute with `'`.
    pub single_quote: bool,
    /// Wrap element text holding bidi controls in `<bdi>`, so they cannot reorder anything
    /// around it. Without it the controls stay in the text as written.
    pub isolate_bidi: bool,
}

/// Standalone pages (HTML exporter, preview): every quote escaped, bidi isolated in `<bdi>`.
pub const PAGE: Dialect = Dialect {
    single_quote: true,
    isolate_bidi: true,
};

/// The in-product bundle's `html` fields: attributes are always double-quoted, so `'` stays as
/// written, and `<bdi>` is not among the elements its contract allows (format 3), so bidi
/// controls stay in the text (the JSON file itself writes them as `\u` escapes).
pub const BUNDLE: Dialect = Dialect {
    single_quote: false,
    isolate_bidi: false,
};

/// Whether HTML forbids `c` in a document (C0/C1 controls other than whitespace, noncharacters).
/// The Nu checker reports them as errors, so they are shown as U+FFFD instead.
fn is_forbidden(c: char) -> bool {
    let n = c as u32;
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || (0xFDD0..=0xFDEF).contains(&n)
        || (n & 0xFFFE) == 0xFFFE
}

/// Appends `text` to `out` with `& < > "` (and `'` in a dialect that asks) escaped and forbidden
/// characters replaced; bidi controls are kept when `keep_bidi` is true and dropped otherwise.
fn push_escaped(out: &mut String, text: &str, keep_bidi: bool, dialect: Dialect) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' if dialect.single_quote => out.push_str("&#39;"),
            c if is_bidi_control(c) => {
                if keep_bidi {
                    out.push(c);
                }
            }
            c if is_forbidden(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

/// Escapes plain text for an attribute value (always written in double quotes) or for a place that
/// cannot hold elements, such as `<title>`. Bidi controls are removed: an attribute cannot isolate them.
pub fn escape_attr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_attr_in(&mut out, text, PAGE);
    out
}

/// [`escape_attr`] in `dialect`, appending to `out`.
pub fn push_attr_in(out: &mut String, text: &str, dialect: Dialect) {
    push_escaped(out, text, false, dialect);
}

/// Escapes plain text for element content. Text holding bidi controls is wrapped in `<bdi>`, so the
/// controls still apply inside it but cannot reorder anything around it.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_text(&mut out, text);
    out
}

/// [`escape_text`], appending to `out`.
pub fn push_text(out: &mut String, text: &str) {
    push_text_in(out, text, PAGE);
}

/// Escapes element text in `dialect`, appending to `out`.
pub fn push_text_in(out: &mut String, text: &str, dialect: Dialect) {
    let isolate = dialect.isolate_bidi && text.chars().any(is_bidi_control);
    if isolate {
        out.push_str("<bdi>");
    }
    push_escaped(out, text, true, dialect);
    if isolate {
        out.push_str("</bdi>");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_in_both_contexts() {
        let hostile = r#"</p><script>alert('x')</script>"><img onerror=1>&amp;"#;
        let expected = "&lt;/p&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&gt;&lt;img onerror=1&gt;&amp;amp;";
        assert_eq!(escape_text(hostile), expected);
        assert_eq!(escape_attr(hostile), expected);
        for escaped in [escape_text(hostile), escape_attr(hostile)] {
            assert!(!escaped.contains(['<', '>', '"', '\'']));
        }
    }

    #[test]
    fn isolates_bidi_in_text_and_drops_it_in_attributes() {
        let text = "abc\u{202E}cba\u{2066}x";
        assert_eq!(escape_text(text), "<bdi>abc\u{202E}cba\u{2066}x</bdi>");
        assert_eq!(escape_attr(text), "abccbax");
        assert_eq!(escape_text("plain"), "plain");
    }

    #[test]
    fn replaces_characters_html_forbids() {
        assert_eq!(
            escape_text("a\u{1}b\u{85}c\u{FDD0}d\u{FFFF}e\tf\ng"),
            "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e\tf\ng"
        );
        assert_eq!(escape_attr("\u{7F}"), "\u{FFFD}");
    }

    #[test]
    fn the_bundle_dialect_keeps_apostrophes_and_bidi_as_written() {
        let mut text = String::new();
        push_text_in(&mut text, "it's <\u{202E}x\u{1}", BUNDLE);
        assert_eq!(text, "it's &lt;\u{202E}x\u{FFFD}");
        let mut attr = String::new();
        push_attr_in(&mut attr, "a'\"\u{202E}", BUNDLE);
        assert_eq!(attr, "a'&quot;");
    }
}
