//! The one message normalization of the lookup contract (`docs/in-product-json.md`), with a map back to the message.

use unicode_normalization::UnicodeNormalization;

/// Characters dropped from the end of a normalized message (with any whitespace between them),
/// so "Missing permissions." and "Missing permissions" find the same error. NFKC has already
/// turned `…` into `...` and the full-width `！？` into ASCII; `。` is the ideographic full stop.
pub const TRAILING_PUNCTUATION: [char; 5] = ['.', '!', '?', '…', '。'];

/// Typographic quotes and apostrophes folded to their ASCII forms, so "haven’t" finds "haven't".
const QUOTES: [(char, char); 9] = [
    ('\u{2018}', '\''), // ‘
    ('\u{2019}', '\''), // ’
    ('\u{201A}', '\''), // ‚
    ('\u{201B}', '\''), // ‛
    ('\u{02BC}', '\''), // ʼ modifier letter apostrophe
    ('\u{201C}', '"'),  // “
    ('\u{201D}', '"'),  // ”
    ('\u{201E}', '"'),  // „
    ('\u{201F}', '"'),  // ‟
];

fn fold_quote(c: char) -> char {
    QUOTES
        .iter()
        .find(|(from, _)| *from == c)
        .map_or(c, |(_, to)| *to)
}

/// Normalizes a message for lookup: Unicode NFKC; lowercase with Unicode default case mapping
/// (`str::to_lowercase`, JavaScript's `toLowerCase`); typographic quotes and apostrophes folded to
/// ASCII; every run of `White_Space` collapsed to one space and both ends trimmed; then
/// [`TRAILING_PUNCTUATION`] (and whitespace) dropped from the end. Hyphens and dashes are kept.
pub fn normalize_message(message: &str) -> String {
    Normalized::new(message).text
}

/// A normalized message and, for each of its characters, the part of the message's NFKC form it
/// came from: captured values are cut from that form, so they keep their case and inner spacing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    /// The message after NFKC only: where captured values are cut from.
    pub source: String,
    /// The normalized message (what [`normalize_message`] returns).
    pub text: String,
    /// For each character of `text`, by its byte offset: `(offset in text, source range start, source range end)`.
    spans: Vec<(usize, usize, usize)>,
}

impl Normalized {
    /// Normalizes `message`, keeping the map back to its NFKC form.
    pub fn new(message: &str) -> Self {
        // ASCII text is its own NFKC form (most messages are ASCII; composing costs far more).
        let source: String = if message.is_ascii() {
            message.to_string()
        } else {
            message.nfkc().collect()
        };
        // Whole-string lowercasing applies the context rule (final sigma); per character, the
        // mapping has the same length, so the two line up character by character.
        let lowered = source.to_lowercase();
        let mut lowered = lowered.chars();
        let mut text = String::with_capacity(source.len());
        let mut spans = Vec::with_capacity(source.len());
        let mut pending_space: Option<(usize, usize)> = None;
        for (start, c) in source.char_indices() {
            let end = start + c.len_utf8();
            for _ in 0..c.to_lowercase().count() {
                let Some(lower) = lowered.next() else { break };
                if lower.is_whitespace() {
                    if !text.is_empty() {
                        let run = pending_space.map_or(start, |(s, _)| s);
                        pending_space = Some((run, end));
                    }
                    continue;
                }
                if let Some((s, e)) = pending_space.take() {
                    spans.push((text.len(), s, e));
                    text.push(' ');
                }
                spans.push((text.len(), start, end));
                text.push(fold_quote(lower));
            }
        }
        while let Some(last) = text.chars().next_back() {
            if !(last == ' ' || TRAILING_PUNCTUATION.contains(&last)) {
                break;
            }
            text.pop();
            spans.pop();
        }
        Normalized {
            source,
            text,
            spans,
        }
    }

    /// The part of [`Self::source`] that the normalized byte range `start..end` came from (both
    /// ends on character boundaries of `text`), with surrounding whitespace trimmed.
    pub fn source_of(&self, start: usize, end: usize) -> &str {
        if start >= end {
            return "";
        }
        let first = self.spans.partition_point(|s| s.0 < start);
        let last = self.spans.partition_point(|s| s.0 < end);
        match (
            self.spans.get(first),
            last.checked_sub(1).and_then(|l| self.spans.get(l)),
        ) {
            (Some(a), Some(b)) if a.1 <= b.2 => self.source[a.1..b.2].trim(),
            _ => "",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercases_collapses_and_strips_trailing_punctuation() {
        assert_eq!(
            normalize_message("  Missing\tPERMISSIONS \n"),
            "missing permissions"
        );
        assert_eq!(
            normalize_message("Missing permissions."),
            "missing permissions"
        );
        assert_eq!(normalize_message("Try again?! …"), "try again");
        assert_eq!(normalize_message("Wait: now"), "wait: now");
        assert_eq!(normalize_message("Wait:"), "wait:");
        assert_eq!(normalize_message("Émigré\u{a0}Ärger"), "émigré ärger");
    }

    #[test]
    fn nfkc_and_typographic_quotes() {
        assert_eq!(
            normalize_message("I haven\u{2019}t received \u{201C}it\u{201D}"),
            "i haven't received \"it\""
        );
        // Full-width letters and the `ﬁ` ligature are compatibility characters.
        assert_eq!(normalize_message("ＦＩＬＥ ﬁle！"), "file file");
        // Decomposed and precomposed accents are the same message.
        assert_eq!(normalize_message("Cafe\u{301}"), normalize_message("Café"));
        assert_eq!(normalize_message("ΟΔΟΣ"), "οδος");
    }

    #[test]
    fn keeps_hyphens_dashes_and_everything_else() {
        assert_ne!(
            normalize_message("Top-level access only"),
            normalize_message("Top level access only")
        );
        assert_eq!(normalize_message("a \u{2013} b"), "a \u{2013} b");
        assert_eq!(
            normalize_message("<script>alert(1)</script>"),
            "<script>alert(1)</script>"
        );
        assert_eq!(normalize_message("a\u{202e}b"), "a\u{202e}b");
        assert_eq!(normalize_message("..."), "");
    }

    #[test]
    fn maps_back_to_the_message() {
        let n = Normalized::new("  Failed:   Connection TIMED  out. ");
        assert_eq!(n.text, "failed: connection timed out");
        let at = n.text.find("connection").unwrap();
        assert_eq!(n.source_of(at, n.text.len()), "Connection TIMED  out");
        let n = Normalized::new("İstanbul ΟΔΟΣ");
        assert_eq!(n.text, "i\u{307}stanbul οδος");
        assert_eq!(n.source_of(0, n.text.len()), "İstanbul ΟΔΟΣ");
    }
}
