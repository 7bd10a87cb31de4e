//! Writes a bundle as pretty JSON that is also safe to inline in an HTML `<script>` element.

use crate::bundle::HelpBundle;
use crate::text::invisible::is_invisible;
use crate::text::line_breaks;

/// Serializes a bundle: pretty-printed, a trailing newline, and every `<`, `>`, `&`, line break
/// other than `\n` (NEL, U+2028, U+2029) and invisible character (bidi controls, zero-width
/// characters) written as a `\uXXXX` escape (Go's HTML-safe JSON escaping, plus the invisible
/// characters). Parsed, the strings are exactly the content's; as text, the file can be pasted
/// into a `<script>` element and shows no reordered (Trojan Source) or hidden text in an editor.
pub fn to_json(bundle: &HelpBundle) -> Result<Vec<u8>, serde_json::Error> {
    let text = serde_json::to_string_pretty(bundle)?;
    Ok(escape_for_html(&text).into_bytes())
}

/// Escapes the characters listed on [`to_json`] in JSON text. Outside strings JSON text holds only
/// ASCII punctuation, digits, letters and whitespace, so every such character is inside a string,
/// where `\uXXXX` means the same character.
fn escape_for_html(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + 1);
    for c in json.chars() {
        if needs_escape(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out.push('\n');
    out
}

fn needs_escape(c: char) -> bool {
    matches!(c, '<' | '>' | '&') || line_breaks::is_foreign(c) || is_invisible(c)
}

#[cfg(test)]
mod tests {
    use super::escape_for_html;

    #[test]
    fn escapes_inside_strings_and_round_trips() {
        let value = serde_json::json!({"m": "</script><b a='1'>&\u{202e}x\u{2028}\u{200b}\u{85}"});
        let text = escape_for_html(&serde_json::to_string(&value).unwrap());
        assert_eq!(
            text,
            "{\"m\":\"\\u003c/script\\u003e\\u003cb a='1'\\u003e\\u0026\\u202ex\\u2028\\u200b\\u0085\"}\n"
        );
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }
}
