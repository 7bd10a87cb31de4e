//! Invisible characters: Unicode bidi controls and zero-width characters, the one definition that
//! loaders, checks and exporters share.
//!
//! Neither kind shows as a glyph. A bidi control makes text read in another order than it is
//! stored (Trojan Source); a zero-width character makes two strings that look the same differ.
//! In prose they are the writer's business (and some scripts need them); where text is matched
//! or followed — ids, the product's error messages, link targets, base URLs — they are a finding,
//! and exporters refuse to turn such text into a link.

/// Whether `c` is a bidirectional formatting character: ARABIC LETTER MARK (U+061C), the marks
/// LRM and RLM (U+200E, U+200F), the embeddings and overrides (U+202A–U+202E) and the isolates
/// (U+2066–U+2069).
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// Whether `c` is a zero-width character: ZERO WIDTH SPACE, NON-JOINER and JOINER
/// (U+200B–U+200D), WORD JOINER and the invisible operators (U+2060–U+2064), MONGOLIAN VOWEL
/// SEPARATOR (U+180E) and ZERO WIDTH NO-BREAK SPACE (the byte order mark, U+FEFF).
pub fn is_zero_width(c: char) -> bool {
    matches!(
        c,
        '\u{180E}' | '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}'
    )
}

/// Whether `c` is a bidi control or a zero-width character.
pub fn is_invisible(c: char) -> bool {
    is_bidi_control(c) || is_zero_width(c)
}

/// The byte offset and character of the first invisible character in `text`.
pub fn find(text: &str) -> Option<(usize, char)> {
    text.char_indices().find(|&(_, c)| is_invisible(c))
}

/// The character's code point and name for a message, e.g. `U+202E (RIGHT-TO-LEFT OVERRIDE)`.
pub fn describe(c: char) -> String {
    let name = match c {
        '\u{061C}' => "ARABIC LETTER MARK",
        '\u{180E}' => "MONGOLIAN VOWEL SEPARATOR",
        '\u{200B}' => "ZERO WIDTH SPACE",
        '\u{200C}' => "ZERO WIDTH NON-JOINER",
        '\u{200D}' => "ZERO WIDTH JOINER",
        '\u{200E}' => "LEFT-TO-RIGHT MARK",
        '\u{200F}' => "RIGHT-TO-LEFT MARK",
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2060}' => "WORD JOINER",
        '\u{2061}'..='\u{2064}' => "INVISIBLE OPERATOR",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        '\u{FEFF}' => "ZERO WIDTH NO-BREAK SPACE",
        _ => "",
    };
    if name.is_empty() {
        format!("U+{:04X}", u32::from(c))
    } else {
        format!("U+{:04X} ({name})", u32::from(c))
    }
}

/// `text` with each invisible character shown as `<U+XXXX>`, for quoting text in a message.
pub fn reveal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_invisible(c) {
            out.push_str(&format!("<U+{:04X}>", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_set_covers_bidi_and_zero_width_and_nothing_visible() {
        for c in [
            '\u{061C}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}',
        ] {
            assert!(is_bidi_control(c) && is_invisible(c), "{c:?}");
        }
        for c in [
            '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{180E}',
        ] {
            assert!(is_zero_width(c) && is_invisible(c), "{c:?}");
        }
        for c in [
            'a', ' ', '\u{00A0}', '\u{2019}', '\u{2028}', 'é', '\u{202F}',
        ] {
            assert!(!is_invisible(c), "{c:?}");
        }
    }

    #[test]
    fn finds_describes_and_reveals() {
        assert_eq!(find("ab\u{202E}c"), Some((2, '\u{202E}')));
        assert_eq!(describe('\u{202E}'), "U+202E (RIGHT-TO-LEFT OVERRIDE)");
        assert_eq!(reveal("a\u{200B}b"), "a<U+200B>b");
    }
}
