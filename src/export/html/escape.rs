//! The one place untrusted text becomes HTML: escaping for text and attribute contexts, with
//! Unicode bidi controls isolated in text and removed from attributes.

/// Unicode bidirectional formatting characters (embeddings, overrides, isolates, marks). Left
/// alone they can make surrounding text, or markup shown as text, read in another order.
pub use crate::text::invisible::is_bidi_control;

/// Whether HTML forbids `c` in a document (C0/C1 controls other than whitespace, noncharacters).
/// The Nu checker reports them as errors, so they are shown as U+FFFD instead.
fn is_forbidden(c: char) -> bool {
    let n = c as u32;
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || (0xFDD0..=0xFDEF).contains(&n)
        || (n & 0xFFFE) == 0xFFFE
}

/// Appends `text` to `out` with `& < > " '` escaped and forbidden characters replaced; bidi
/// controls are kept when `keep_bidi` is true and dropped otherwise.
fn push_escaped(out: &mut String, text: &str, keep_bidi: bool) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
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
    push_escaped(&mut out, text, false);
    out
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
    let isolate = text.chars().any(is_bidi_control);
    if isolate {
        out.push_str("<bdi>");
    }
    push_escaped(out, text, true);
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
}
