//! Rule `mojibake`: UTF-8 text that was decoded as Windows-1252 or Latin-1 (`â€”` for `—`, `Ã©` for `é`).

use std::ops::Range;

use super::{Finding, Findings, Level, Rule, RuleContext, RuleMeta, TextSite};
use crate::content::ContentDoc;

/// See the module docs.
pub struct Mojibake;

/// A garbled sequence and the text it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MojibakeHit {
    /// Byte range of the garbled characters.
    pub range: Range<usize>,
    /// The garbled text as written.
    pub garbled: String,
    /// What it decodes to.
    pub repaired: String,
}

/// The Windows-1252 characters for bytes 0x80–0x9F (the five undefined bytes map to the C1 control
/// of the same number, as decoders that fall back to Latin-1 produce).
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// The byte a character stands for when UTF-8 was read as Windows-1252 or Latin-1.
fn as_byte(c: char) -> Option<u8> {
    let code = c as u32;
    if (0x80..=0xFF).contains(&code) {
        return u8::try_from(code).ok();
    }
    CP1252_HIGH
        .iter()
        .position(|&h| h == c)
        .and_then(|i| u8::try_from(0x80 + i).ok())
}

/// Finds garbled sequences: a lead byte (`Â`–`ô`) followed by the continuation bytes a UTF-8
/// sequence needs, which together decode to a non-ASCII character. Runs of several garbled
/// characters are reported as one hit.
pub fn find_mojibake(text: &str) -> Vec<MojibakeHit> {
    // Every lead character (`Â`–`ô`, U+00C2–U+00F4) is written in UTF-8 starting with byte
    // 0xC3, so text without that byte (all ASCII text, for one) has nothing to find.
    if !text.as_bytes().contains(&0xC3) {
        return Vec::new();
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut hits: Vec<MojibakeHit> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if let Some((len, decoded)) = decode_at(&chars[i..]) {
            let start = chars[i].0;
            let end = chars.get(i + len).map_or(text.len(), |&(at, _)| at);
            match hits.last_mut() {
                Some(last) if last.range.end == start => {
                    last.range.end = end;
                    last.garbled.push_str(&text[start..end]);
                    last.repaired.push(decoded);
                }
                _ => hits.push(MojibakeHit {
                    range: start..end,
                    garbled: text[start..end].to_string(),
                    repaired: decoded.to_string(),
                }),
            }
            i += len;
        } else {
            i += 1;
        }
    }
    hits
}

/// Decodes one garbled character at the start of `chars`: (characters used, decoded character).
fn decode_at(chars: &[(usize, char)]) -> Option<(usize, char)> {
    let lead = as_byte(chars.first()?.1)?;
    let needed = match lead {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return None,
    };
    let mut bytes = vec![lead];
    for &(_, c) in chars.get(1..needed)? {
        let byte = as_byte(c)?;
        if !(0x80..=0xBF).contains(&byte) {
            return None;
        }
        bytes.push(byte);
    }
    let decoded = std::str::from_utf8(&bytes).ok()?.chars().next()?;
    Some((needed, decoded))
}

/// The word around `range` in `text` (up to white space), with the garbled part repaired.
fn repaired_word(text: &str, hit: &MojibakeHit) -> (String, String) {
    let start = text[..hit.range.start]
        .rfind(char::is_whitespace)
        .map_or(0, |i| i + 1);
    let end = text[hit.range.end..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| hit.range.end + i);
    let word = &text[start..end];
    let fixed = format!(
        "{}{}{}",
        &text[start..hit.range.start],
        hit.repaired,
        &text[hit.range.end..end]
    );
    (word.to_string(), fixed)
}

/// What `helpdoc rules` says about this rule, and its level when the project sets none.
const META: RuleMeta = RuleMeta {
    code: "mojibake",
    description: "garbled characters from UTF-8 text read as Windows-1252 or Latin-1, such as `â€”` for `—`",
    why: "text pasted through a wrongly encoded file shows readers nonsense where dashes, quotes and accents belong",
    example: "- paragraph: Web Services API callsâ€”they are not allowed to log in.",
    default_level: Level::Deny,
};

impl Rule for Mojibake {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_document(
        &self,
        cx: &RuleContext<'_>,
        _doc: &ContentDoc,
        texts: &[TextSite],
        findings: &mut Findings,
    ) {
        check_texts(cx, texts, findings);
    }
    fn check_data(&self, cx: &RuleContext<'_>, texts: &[TextSite], findings: &mut Findings) {
        check_texts(cx, texts, findings);
    }
}

/// The garbled characters in `texts`.
fn check_texts(cx: &RuleContext<'_>, texts: &[TextSite], findings: &mut Findings) {
    for site in texts {
        for hit in find_mojibake(site.text) {
            let (word, fixed) = repaired_word(site.text, &hit);
            let (garbled, repaired) = (&hit.garbled, &hit.repaired);
            let message = format!(
                "garbled text `{garbled}` in \"{word}\" (UTF-8 read as Windows-1252); it should be `{repaired}`"
            );
            findings.push(Finding::new(
                site.file,
                site.source_range(cx, hit.range.clone()),
                message,
                "garbled",
                format!("replace \"{word}\" with \"{fixed}\""),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repairs_dashes_and_accents() {
        let hits = find_mojibake("API callsâ€”they and cafÃ© and naÃ¯ve");
        let repaired: Vec<&str> = hits.iter().map(|h| h.repaired.as_str()).collect();
        assert_eq!(repaired, ["—", "é", "ï"]);
        assert_eq!(hits[0].garbled, "â€”");
    }

    #[test]
    fn leaves_real_accents_alone() {
        assert!(find_mojibake("café, naïve, São Paulo, Ça va — “quoted” 10 °C").is_empty());
    }
}
