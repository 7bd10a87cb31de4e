//! Text helpers shared by the prose rules: every text of a document, the prose parts of rich text
//! (no code, no link targets), words, and sentences.

use std::borrow::Cow;
use std::ops::Range;

use super::RuleContext;
use crate::check::locate::span_in_value;
use crate::content::ContentDoc;
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

    /// The source span of `range` (inside this text) in the document's file.
    pub fn source_range(
        &self,
        cx: &RuleContext<'_>,
        doc: &ContentDoc,
        range: Range<usize>,
    ) -> Range<usize> {
        let node = doc.node.locate(&self.pointer).node;
        let source = &cx.sources.file(doc.file).text;
        span_in_value(node, source, self.text, range)
    }
}

/// Every rich-text and plain-text field of a document, in walk order.
pub fn texts(doc: &ContentDoc) -> Vec<TextSite<'_>> {
    struct Collect<'a>(Vec<TextSite<'a>>);
    impl<'a> Visitor<'a> for Collect<'a> {
        fn rich_text(&mut self, text: &'a RichText, pointer: &str) {
            self.0.push(TextSite {
                text: text.as_str(),
                pointer: pointer.to_string(),
                role: None,
                parsed: Some(text.parsed()),
            });
        }
        fn plain_text(&mut self, text: &'a str, role: TextRole, pointer: &str) {
            self.0.push(TextSite {
                text,
                pointer: pointer.to_string(),
                role: Some(role),
                parsed: None,
            });
        }
    }
    let mut collect = Collect(Vec::new());
    walk(&doc.document, &mut collect);
    collect.0
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
pub fn words<'a>(text: &'a str, ranges: &[Range<usize>]) -> Vec<Word<'a>> {
    let mut out = Vec::new();
    for range in ranges {
        let Some(chunk_text) = text.get(range.clone()) else {
            continue;
        };
        for (chunk_start, chunk) in split_whitespace_indices(chunk_text) {
            let base = range.start + chunk_start;
            if is_address_like(chunk) {
                continue;
            }
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
                        push_word(text, base + s, base + at, &mut out);
                        start = None;
                    }
                    _ => {}
                }
            }
            if let Some(s) = start {
                push_word(text, base + s, base + chunk.len(), &mut out);
            }
        }
    }
    out
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

fn split_whitespace_indices(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(char::is_whitespace)
        .scan(0usize, |offset, part| {
            let at = *offset;
            *offset += part.len() + 1;
            Some((at, part))
        })
        .filter(|(_, part)| !part.is_empty())
}

/// Addresses, e-mail addresses, dotted or slashed names, markup (`<img`, `src=x`, `{x}`) and text
/// around invisible characters (bidi controls show it in another order than written; zero-width
/// characters split or join it unseen), which are not prose words.
fn is_address_like(chunk: &str) -> bool {
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
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let end = match c {
            '\n' => Some(at),
            '.' | '!' | '?' | '…' if chars.peek().is_none_or(|&(_, n)| n.is_whitespace()) => {
                Some(at + c.len_utf8())
            }
            _ => None,
        };
        if let Some(end) = end {
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
