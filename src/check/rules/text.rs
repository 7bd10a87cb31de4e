//! Text helpers shared by the prose rules: every text of a document or a data file, the prose
//! parts of rich text (no code, no link targets), words, and sentences.

use std::borrow::Cow;
use std::ops::Range;

use super::RuleContext;
use crate::check::locate::{span_in_value, span_in_written};
use crate::content::ContentDoc;
use crate::data::DataSet;
use crate::diag::FileId;
use crate::load::Node;
use crate::model::RichText;
use crate::model::inline::ParsedInline;
use crate::model::walk::{TextRole, Visitor, walk};

/// One text field of a document, borrowed from it.
#[derive(Debug, Clone)]
pub struct TextSite<'a> {
    /// The value.
    pub text: &'a str,
    /// Its JSON pointer.
    pub pointer: String,
    /// `None` for rich text; the role of a plain-text field otherwise.
    pub role: Option<TextRole>,
    /// The parse of rich text (made when it was loaded); `None` for plain text.
    parsed: Option<&'a ParsedInline>,
    /// The file the text is written in (a content document or a data file).
    pub file: FileId,
    /// Where its bytes are written in that file.
    written: Written<'a>,
}

/// How a text's value is found in its file.
#[derive(Debug, Clone)]
enum Written<'a> {
    /// At the text's JSON pointer in this document tree.
    Document(&'a Node),
    /// At this byte range (a data file's cell or column name, as written).
    Span(Range<usize>),
}

/// What plain text has of a parse: nothing.
static UNPARSED: ParsedInline = ParsedInline {
    variables: Vec::new(),
    inlines: Vec::new(),
    xrefs: Vec::new(),
    site_links: Vec::new(),
    problems: Vec::new(),
    prose: Vec::new(),
};

impl TextSite<'_> {
    /// Byte ranges of `text` that readers see as prose: for rich text, the text outside code spans,
    /// link targets and HTML; for plain text, all of it.
    pub fn prose(&self) -> Cow<'_, [Range<usize>]> {
        match self.parsed {
            Some(parsed) => Cow::Borrowed(&parsed.prose),
            None => Cow::Owned(std::iter::once(0..self.text.len()).collect()),
        }
    }

    /// The rich text's links and refused constructs (nothing for plain text).
    pub fn links(&self) -> &ParsedInline {
        self.parsed.unwrap_or(&UNPARSED)
    }

    /// Whether this is a title (topic, section or publication).
    pub fn is_title(&self) -> bool {
        self.role == Some(TextRole::Title)
    }

    /// The source span of `range` (inside this text) in [`TextSite::file`].
    pub fn source_range(&self, cx: &RuleContext<'_>, range: Range<usize>) -> Range<usize> {
        let source = &cx.sources.file(self.file).text;
        match &self.written {
            Written::Document(root) => {
                let node = root.locate(&self.pointer).node;
                span_in_value(node, source, self.text, range)
            }
            Written::Span(span) => span_in_written(span.clone(), source, self.text, range),
        }
    }
}

/// Every rich-text and plain-text field of a document, in walk order.
pub fn texts(doc: &ContentDoc) -> Vec<TextSite<'_>> {
    struct Collect<'a>(Vec<TextSite<'a>>, &'a ContentDoc);
    impl<'a> Visitor<'a> for Collect<'a> {
        fn rich_text(&mut self, text: &'a RichText, pointer: &str) {
            self.0.push(TextSite {
                text: text.as_str(),
                pointer: pointer.to_string(),
                role: None,
                parsed: Some(text.parsed()),
                file: self.1.file,
                written: Written::Document(&self.1.node),
            });
        }
        fn plain_text(&mut self, text: &'a str, role: TextRole, pointer: &str) {
            self.0.push(TextSite {
                text,
                pointer: pointer.to_string(),
                role: Some(role),
                parsed: None,
                file: self.1.file,
                written: Written::Document(&self.1.node),
            });
        }
    }
    let mut collect = Collect(Vec::new(), doc);
    walk(&doc.document, &mut collect);
    collect.0
}

/// Every text a data file holds, in file order: each column name, then each row's cells (but its
/// condition, in the `when` column: not text readers see), as plain text located in the data
/// file. Every cell counts, not only those some view shows: a data set
/// feeds several views and publications, so a cell one view leaves out another shows, and a
/// mistake is reported once, where it is written, whichever views show it.
pub fn data_texts<'s>(set: &'s DataSet) -> Vec<TextSite<'s>> {
    let site = |text: &'s str, pointer: String, span: &Range<usize>| TextSite {
        text,
        pointer,
        role: Some(TextRole::Plain),
        parsed: None,
        file: set.file,
        written: Written::Span(span.clone()),
    };
    let names = (set.columns.iter().enumerate())
        .map(|(i, column)| site(&column.name, format!("/columns/{i}"), &column.span));
    let when = set.column(crate::data::WHEN_COLUMN);
    let cells = set.rows.iter().enumerate().flat_map(move |(r, row)| {
        (row.cells.iter().enumerate())
            .filter(move |(c, cell)| !cell.text.is_empty() && Some(*c) != when)
            .map(move |(c, cell)| site(&cell.text, format!("/rows/{r}/{c}"), &cell.span))
    });
    names.chain(cells).collect()
}

/// The prose ranges of a rich-text string (see [`ParsedInline::prose`]).
#[cfg(test)]
pub fn prose_ranges(source: &str) -> Vec<Range<usize>> {
    crate::model::inline::parse_inline(source).prose
}

/// A word in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word<'a> {
    /// Byte range in the text.
    pub range: Range<usize>,
    /// The word as written (apostrophes inside kept, quotes around removed).
    pub text: &'a str,
}

/// The words of `text` inside `ranges`: runs of letters and inner apostrophes, split at hyphens.
/// Addresses (`https://…`, `www.…`), e-mail addresses, dotted names (`helpdoc.toml`) and tokens
/// with digits or underscores (`en_US`, `XL03000006`) are not words.
///
/// Help text is mostly ASCII, so the text is read in one pass over its bytes: an ASCII chunk
/// (a run between white space) has its words found as it is read, and dropped again if the chunk
/// turns out to be an address. A chunk with any other character goes through the same rules
/// character by character.
pub fn words<'a>(text: &'a str, ranges: &[Range<usize>]) -> Vec<Word<'a>> {
    let mut out = Vec::new();
    words_into(text, ranges, &mut out);
    out
}

/// [`words`], appended to `out` (so a caller checking many texts reuses one buffer).
pub fn words_into<'a>(text: &'a str, ranges: &[Range<usize>], out: &mut Vec<Word<'a>>) {
    for range in ranges {
        let Some(part) = text.get(range.clone()) else {
            continue;
        };
        let bytes = part.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            let b = bytes[at];
            if is_ascii_white(b) {
                at += 1;
                continue;
            }
            if !b.is_ascii() {
                let c = part[at..].chars().next().unwrap_or(' ');
                if c.is_whitespace() {
                    at += c.len_utf8();
                    continue;
                }
            }
            let mark = out.len();
            at = match ascii_chunk(text, part, range.start, at, out) {
                Ok(end) => end,
                Err(start) => {
                    // A character beyond ASCII: this chunk goes character by character.
                    out.truncate(mark);
                    let end = chunk_end(part, start);
                    let chunk = &part[start..end];
                    let base = range.start + start;
                    if !is_address_like_slow(chunk) {
                        char_words(text, chunk, base, out);
                    }
                    end
                }
            };
        }
    }
}

/// ASCII white space, as `char::is_whitespace` sees it.
fn is_ascii_white(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
}

/// Where the chunk starting at byte `start` of `part` ends: at the next white space character.
fn chunk_end(part: &str, start: usize) -> usize {
    part[start..]
        .char_indices()
        .find(|(_, c)| c.is_whitespace())
        .map_or(part.len(), |(at, _)| start + at)
}

/// What [`ascii_chunk`] needs to know of a byte, as bits, so most bytes (letters) take one
/// table load and one test.
mod class {
    /// An ASCII letter.
    pub const LETTER: u8 = 1;
    /// An ASCII digit or `_`: in a word, but it makes the run a token.
    pub const DIGIT: u8 = 2;
    /// ASCII white space: ends the chunk.
    pub const WHITE: u8 = 4;
    /// A byte of a character beyond ASCII.
    pub const HIGH: u8 = 8;
    /// Markup or `@`: the chunk is an address.
    pub const ADDRESS: u8 = 16;
    /// `/`: two make the chunk a path.
    pub const SLASH: u8 = 32;
    /// `.`, `\` or `:`: the chunk may be an address.
    pub const UNSETTLED: u8 = 64;
    /// `'`: inside a word when a letter follows.
    pub const APOSTROPHE: u8 = 128;

    /// Each byte's bits.
    pub static TABLE: [u8; 256] = {
        let mut table = [0u8; 256];
        let mut b = 0;
        while b < 256 {
            let c = b as u8;
            table[b] = if c >= 0x80 {
                HIGH
            } else if c.is_ascii_alphabetic() {
                LETTER
            } else if c.is_ascii_digit() || c == b'_' {
                DIGIT
            } else {
                match c {
                    b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r' => WHITE,
                    b'<' | b'>' | b'=' | b'{' | b'}' | b'@' => ADDRESS,
                    b'/' => SLASH,
                    b'.' | b'\\' | b':' => UNSETTLED,
                    b'\'' => APOSTROPHE,
                    _ => 0,
                }
            };
            b += 1;
        }
        table
    };
}

/// Reads the chunk starting at byte `start` of `part` (at byte `base` of `text`) while it is
/// ASCII, pushing its words, and returns where it ends; or `Err(start)` at its first character
/// beyond ASCII (the caller drops what was pushed and reads the chunk by characters).
///
/// The words are [`char_words`]'s on bytes (an ASCII letter or digit is what
/// `char::is_alphanumeric` says of it, and the typographic apostrophe is not ASCII); digits and
/// underscores, which make a run a token rather than a word, are noted on the way. The chunk is
/// settled without [`is_address_like_slow`] where that cannot say yes: a byte of markup or `@`
/// makes it an address, and only a dot, backslash, colon or two slashes leave it to that test
/// (each of its other tests needs one of these bytes, or a character beyond ASCII).
fn ascii_chunk<'a>(
    text: &'a str,
    part: &str,
    base: usize,
    start: usize,
    out: &mut Vec<Word<'a>>,
) -> Result<usize, usize> {
    use class::*;
    let bytes = part.as_bytes();
    let mark = out.len();
    let mut word: Option<usize> = None;
    let mut token = false;
    let mut seen = 0u8;
    let mut slashes = 0;
    let push = |s: usize, end: usize, token: bool, out: &mut Vec<Word<'a>>| {
        if !token {
            out.push(Word {
                range: base + s..base + end,
                text: &text[base + s..base + end],
            });
        }
    };
    let mut at = start;
    while at < bytes.len() {
        let bits = TABLE[bytes[at] as usize];
        if bits & (LETTER | DIGIT) != 0 {
            let digit = bits & DIGIT != 0;
            if word.is_none() {
                word = Some(at);
                token = digit;
            } else {
                token |= digit;
            }
            at += 1;
            continue;
        }
        if bits & HIGH != 0 {
            return Err(start);
        }
        if bits & WHITE != 0 {
            break;
        }
        seen |= bits;
        if bits & SLASH != 0 {
            slashes += 1;
        }
        let apostrophe_inside = bits & APOSTROPHE != 0
            && word.is_some()
            && bytes.get(at + 1).is_some_and(u8::is_ascii_alphabetic);
        if !apostrophe_inside && let Some(s) = word.take() {
            push(s, at, token, out);
        }
        at += 1;
    }
    if let Some(s) = word {
        push(s, at, token, out);
    }
    let address = seen & ADDRESS != 0;
    let unsettled = seen & UNSETTLED != 0;
    if address || ((unsettled || slashes >= 2) && is_address_like_ascii(&bytes[start..at])) {
        out.truncate(mark);
    }
    Ok(at)
}

/// The words of a chunk (no white space in it) at byte `base` of `text`, character by character.
fn char_words<'a>(text: &'a str, chunk: &str, base: usize, out: &mut Vec<Word<'a>>) {
    let mut start = None;
    let mut chars = chunk.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let apostrophe_inside = is_apostrophe(c)
            && start.is_some()
            && chars.peek().is_some_and(|&(_, n)| n.is_alphabetic());
        let in_word = c.is_alphanumeric() || c == '_' || apostrophe_inside;
        match (in_word, start) {
            (true, None) => start = Some(at),
            (false, Some(s)) => {
                push_word(text, base + s, base + at, out);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        push_word(text, base + s, base + chunk.len(), out);
    }
}

fn push_word<'a>(text: &'a str, start: usize, end: usize, out: &mut Vec<Word<'a>>) {
    let word = &text[start..end];
    if word.bytes().any(|b| b.is_ascii_digit() || b == b'_') {
        return;
    }
    out.push(Word {
        range: start..end,
        text: word,
    });
}

/// Whether `c` is a straight or typographic apostrophe.
pub fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Whether a chunk is an address, an e-mail address, a dotted or slashed name, markup (`<img`,
/// `src=x`, `{x}`) or text around invisible characters (bidi controls show it in another order
/// than written; zero-width characters split or join it unseen): not prose words.
fn is_address_like_slow(chunk: &str) -> bool {
    if chunk.contains(['<', '>', '=', '{', '}'])
        || chunk.chars().any(crate::text::invisible::is_invisible)
    {
        return true;
    }
    let trimmed = chunk.trim_start_matches(|c: char| "(<[\"'".contains(c));
    if ["http://", "https://", "www.", "mailto:", "ftp://"]
        .iter()
        .any(|p| starts_with_ignore_ascii_case(trimmed, p))
    {
        return true;
    }
    if chunk.contains('@') {
        return true;
    }
    // `helpdoc.toml`, `e.g`, `a/b/c.htm`: a dot or slash between letters.
    let inner = chunk.trim_matches(|c: char| !c.is_alphanumeric());
    let mut before = None;
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        let joins = (c == '.' || c == '\\')
            && before.is_some_and(char::is_alphanumeric)
            && chars.peek().is_some_and(|n| n.is_alphanumeric());
        if joins {
            return true;
        }
        before = Some(c);
    }
    inner.matches('/').count() >= 2
}

/// [`is_address_like_slow`] for an ASCII chunk, read as bytes (no invisible character is ASCII,
/// and an ASCII letter or digit is what `char::is_alphanumeric` says of it).
fn is_address_like_ascii(chunk: &[u8]) -> bool {
    if chunk
        .iter()
        .any(|b| matches!(b, b'<' | b'>' | b'=' | b'{' | b'}' | b'@'))
    {
        return true;
    }
    let lead = (chunk.iter())
        .position(|b| !b"(<[\"'".contains(b))
        .unwrap_or(chunk.len());
    let trimmed = &chunk[lead..];
    let prefixes: [&[u8]; 5] = [b"http://", b"https://", b"www.", b"mailto:", b"ftp://"];
    if prefixes.iter().any(|p| {
        trimmed
            .get(..p.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(p))
    }) {
        return true;
    }
    let (Some(first), Some(last)) = (
        chunk.iter().position(u8::is_ascii_alphanumeric),
        chunk.iter().rposition(u8::is_ascii_alphanumeric),
    ) else {
        return false;
    };
    let inner = &chunk[first..=last];
    inner.windows(3).any(|w| {
        matches!(w[1], b'.' | b'\\') && w[0].is_ascii_alphanumeric() && w[2].is_ascii_alphanumeric()
    }) || inner.iter().filter(|&&b| b == b'/').count() >= 2
}

/// Whether `text` starts with `prefix`, ignoring ASCII case.
pub fn starts_with_ignore_ascii_case(text: &str, prefix: &str) -> bool {
    text.as_bytes()
        .get(..prefix.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// Sentence ranges in `text`: split after `.`, `!`, `?` or `…` followed by white space, and at line
/// breaks. Each range is trimmed of surrounding white space; empty sentences are dropped.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    // The stops are ASCII, or `…` (E2 80 A6), so only those bytes need a look; no byte of another
    // character is one of them. A table finds them with one load per byte.
    const LOOK: [bool; 256] = {
        let mut look = [false; 256];
        let mut i = 0;
        while i < 5 {
            look[[b'\n', b'.', b'!', b'?', 0xE2][i] as usize] = true;
            i += 1;
        }
        look
    };
    let mut next = 0;
    while let Some(found) = bytes[next..].iter().position(|&b| LOOK[b as usize]) {
        let at = next + found;
        next = at + 1;
        let b = bytes[at];
        let stop_len = match b {
            b'\n' => {
                push_trimmed(text, start, at, &mut out);
                start = at;
                continue;
            }
            b'.' | b'!' | b'?' => 1,
            0xE2 if bytes[at..].starts_with("…".as_bytes()) => 3,
            _ => continue,
        };
        let end = at + stop_len;
        if text[end..].chars().next().is_none_or(char::is_whitespace) {
            push_trimmed(text, start, end, &mut out);
            start = end;
        }
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Range<usize>>) {
    let part = &text[start..end];
    let lead = part.len() - part.trim_start().len();
    let trimmed = part.trim();
    if !trimmed.is_empty() {
        out.push(start + lead..start + lead + trimmed.len());
    }
}

/// `text` cut to about `max` characters at a word boundary, with "…" when cut (for messages).
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let at = cut.rfind(' ').filter(|&i| i > max / 2).unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end())
}

/// Line ranges of `text` (without their line breaks), trimmed of trailing white space.
pub fn lines(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        let trimmed = line.trim_end();
        let lead = trimmed.len() - trimmed.trim_start().len();
        if !trimmed.trim().is_empty() {
            out.push(start + lead..start + trimmed.len());
        }
        start += line.len() + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word_list(text: &str) -> Vec<String> {
        words(text, &prose_ranges(text))
            .into_iter()
            .map(|w| w.text.to_string())
            .collect()
    }

    #[test]
    fn words_skip_code_links_and_addresses() {
        assert_eq!(
            word_list(
                "Click `en_US` and [the role's page](topic:set-role) at https://x.com/a or e.g. a.b"
            ),
            ["Click", "and", "the", "role's", "page", "at", "or"]
        );
        assert_eq!(
            word_list("top-level 'Unable' XL03000006"),
            ["top", "level", "Unable"]
        );
        assert_eq!(word_list("agian/ here"), ["agian", "here"]);
        assert_eq!(
            word_list("Warning <img src=x onerror=\"y\"> \u{202E}redro\u{202C} > ok"),
            ["Warning", "ok"]
        );
    }

    /// White space of more than one byte (no-break, thin, ideographic space) used to shift every
    /// later word by the extra bytes, and cutting the text there panicked.
    #[test]
    fn words_after_wide_white_space_keep_their_place() {
        let text = "Click\u{a0}Save and\u{2009}the acocunt\u{3000}now";
        let found = words(text, std::slice::from_ref(&(0..text.len())));
        let written: Vec<&str> = found.iter().map(|w| w.text).collect();
        assert_eq!(written, ["Click", "Save", "and", "the", "acocunt", "now"]);
        for word in &found {
            assert_eq!(&text[word.range.clone()], word.text);
        }
    }

    /// The byte scan of ASCII chunks finds what the character scan finds.
    #[test]
    fn ascii_and_character_scans_agree() {
        for chunk in [
            "don't",
            "'quoted'",
            "rock'n'roll",
            "top-level",
            "en_US",
            "XL03000006",
            "a1b",
            "it's.",
            "(see",
            "x'",
            "'",
            "__",
            "A-B-c",
            "end.",
            "co-op's",
        ] {
            let by_byte = words(chunk, std::slice::from_ref(&(0..chunk.len())));
            let mut by_char = Vec::new();
            char_words(chunk, chunk, 0, &mut by_char);
            assert_eq!(by_byte, by_char, "{chunk}");
        }
    }

    /// The byte test of ASCII chunks says what the character test says.
    #[test]
    fn ascii_and_character_address_tests_agree() {
        for chunk in [
            "end.",
            "e.g.",
            "a.b",
            "(https://x.com/a)",
            "HTTP://X",
            "\"www.example",
            "'mailto:x",
            "ftp://",
            "helpdoc.toml",
            "a/b/c.htm",
            "a/b",
            "//",
            "...",
            ".a.",
            "a\\b",
            "Note:",
            "x@y",
            "src=x",
            "{x}",
            "<img",
            "(<[\"'",
            "",
            "a",
            "1.2",
            "_._",
            "www",
            "wWw.x",
        ] {
            assert_eq!(
                is_address_like_ascii(chunk.as_bytes()),
                is_address_like_slow(chunk),
                "{chunk}"
            );
        }
    }

    #[test]
    fn sentences_split_at_stops_and_lines() {
        let text = "One. Two?\nthree - \n What is [a?](topic:x) here";
        let parts: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            parts,
            ["One.", "Two?", "three -", "What is [a?](topic:x) here"]
        );
    }
}
