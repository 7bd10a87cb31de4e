//! Rule `placeholder`: text that stands in for content ("TODO", "screenshot", "steps from the figma"),
//! notes to self (known phrases such as "we need clarity on …", and notes to colleagues by their
//! shape, see `note_shapes`), unfinished sentences, and link text left without its link.

use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::note_shapes::{CHECK_VERBS, is_note_to_colleagues};
use super::text::{lines, sentences, shorten, starts_with_ignore_ascii_case};
use super::{Finding, Findings, Level, Rule, RuleContext, RuleMeta, TextSite};
use crate::content::ContentDoc;

/// See the module docs.
pub struct Placeholder;

/// What kind of placeholder a hit is; each kind has its own message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceholderKind {
    /// A word or phrase that only stands in for content ("TODO", "screenshot").
    Marker,
    /// A note the writer left for themselves ("we need clarity on …").
    NoteToSelf,
    /// A sentence that stops before it is finished ("… is ...", "who can", a dangling dash).
    Unfinished,
    /// Text that promises a link ("Learn more about …") with no link in it.
    MissingLink,
}

/// A placeholder found in a piece of text: its byte range and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceholderHit {
    /// Byte range in the text.
    pub range: Range<usize>,
    /// The matched text.
    pub text: String,
    /// What kind of placeholder it is.
    pub kind: PlaceholderKind,
}

/// Words and phrases that only ever stand in for content (matched case-insensitively, on word
/// boundaries).
const MARKERS: [&str; 13] = [
    "todo",
    "tbd",
    "tbc",
    "fixme",
    "xxx",
    "lorem ipsum",
    "screenshot",
    "screenshot here",
    "from the figma",
    "steps from the figma",
    "from figma",
    "steps from figma",
    "insert image",
];

/// Phrases that only appear in notes a writer leaves for themselves; the whole sentence is the note.
const NOTE_PHRASES: [&str; 8] = [
    "we need clarity",
    "need clarity on",
    "here we can list",
    "here we could list",
    "we can list the",
    "we should add",
    "add more detail here",
    "to be written",
];

/// Verbs that start a note to self when the line starts with them in lowercase ("mention the scare
/// screen", "link to sage https://…"). Real sentences start with a capital letter.
const NOTE_OPENERS: [&str; 2] = ["mention ", "link to "];

/// Words a finished sentence does not end with (articles, determiners, conjunctions, modal verbs,
/// `to`). Only checked where the text has no closing punctuation.
const DANGLING_ENDINGS: [&str; 30] = [
    "a", "an", "the", "your", "my", "our", "their", "its", "and", "or", "but", "nor", "because",
    "than", "who", "whose", "can", "could", "will", "would", "should", "must", "may", "might",
    "shall", "to", "of", "is", "are", "need",
];

/// Finds placeholders in one piece of text. Titles get the marker check only: they are short,
/// have no closing punctuation and may legitimately ask "Why does Codat need this?".
pub fn find_placeholders(text: &str) -> Vec<PlaceholderHit> {
    let found = Phrases::find(text);
    let mut hits = markers(text, &found);
    let lines = lines(text);
    for range in &lines {
        unfinished_line(text, range.clone(), &mut hits);
    }
    let sentences = sentences(text);
    for range in &sentences {
        note_to_self(text, range.clone(), &found, &mut hits);
        missing_link(text, range.clone(), &found.articles, &mut hits);
    }
    // Sentences never cross a line break, so the text's last sentence is its last line's.
    if !lines.is_empty()
        && let Some(range) = sentences.last().cloned()
    {
        unfinished_ending(text, range, &mut hits);
    }
    normalize(hits)
}

/// Finds only the word markers (for titles).
pub fn find_markers(text: &str) -> Vec<PlaceholderHit> {
    normalize(markers(text, &Phrases::find(text)))
}

fn hit(text: &str, range: Range<usize>, kind: PlaceholderKind) -> PlaceholderHit {
    PlaceholderHit {
        text: text[range.clone()].to_string(),
        range,
        kind,
    }
}

/// Sorts hits and drops any inside a longer one (or inside an equal one before it).
///
/// In that order every hit kept so far starts at or before the next, so the next is inside one
/// of them exactly when it ends at or before the furthest end among them: one pass, however
/// many hits a text has.
fn normalize(mut hits: Vec<PlaceholderHit>) -> Vec<PlaceholderHit> {
    hits.sort_by_key(|h| (h.range.start, std::cmp::Reverse(h.range.end)));
    let mut furthest: Option<usize> = None;
    hits.retain(|h| {
        let inside = furthest.is_some_and(|end| h.range.end <= end);
        if !inside {
            furthest = Some(furthest.map_or(h.range.end, |end| end.max(h.range.end)));
        }
        !inside
    });
    hits
}

fn on_boundaries(text: &str, at: usize, end: usize) -> bool {
    let before_ok = text[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric());
    let after_ok = text[end..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric());
    before_ok && after_ok
}

/// An automaton finding any of `patterns`, ignoring ASCII case, overlapping matches included.
fn automaton(patterns: &[&str]) -> AhoCorasick {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(patterns)
        .expect("fixed patterns build")
}

/// Phrases that name a linked article, in the order they are preferred.
const ARTICLE_PHRASES: [&str; 2] = ["detail article", "detailed article"];

/// Every phrase the rule looks for, in one automaton: [`MARKERS`], then [`NOTE_PHRASES`], then
/// [`ARTICLE_PHRASES`], then the verbs of a note to colleagues ([`CHECK_VERBS`]), so a text is
/// searched once for all of them.
static PHRASES: LazyLock<AhoCorasick> = LazyLock::new(|| {
    automaton(&[&MARKERS[..], &NOTE_PHRASES, &ARTICLE_PHRASES, &CHECK_VERBS].concat())
});

/// Builds [`PHRASES`] now (see [`crate::check::warm_up`]).
pub(super) fn warm_up() {
    LazyLock::force(&PHRASES);
}

/// Where the phrases occur in one text. Each list is in the order the search reports matches:
/// by where they end.
struct Phrases {
    /// Markers, as whole words.
    markers: Vec<Range<usize>>,
    /// Note phrases, as whole words.
    notes: Vec<Range<usize>>,
    /// Article phrases (index in [`ARTICLE_PHRASES`], range), anywhere.
    articles: Vec<(usize, Range<usize>)>,
    /// Check verbs, anywhere (inside words too, as [`is_note_to_colleagues`] reads them).
    verbs: Vec<Range<usize>>,
}

impl Phrases {
    /// One pass of [`PHRASES`] over `text`.
    fn find(text: &str) -> Phrases {
        let mut found = Phrases {
            markers: Vec::new(),
            notes: Vec::new(),
            articles: Vec::new(),
            verbs: Vec::new(),
        };
        const NOTES: usize = MARKERS.len() + NOTE_PHRASES.len();
        const ARTICLES: usize = NOTES + ARTICLE_PHRASES.len();
        for m in PHRASES.find_overlapping_iter(text) {
            let (pattern, range) = (m.pattern().as_usize(), m.range());
            let whole_word = || on_boundaries(text, range.start, range.end);
            if pattern < MARKERS.len() {
                if whole_word() {
                    found.markers.push(range);
                }
            } else if pattern < NOTES {
                if whole_word() {
                    found.notes.push(range);
                }
            } else if pattern < ARTICLES {
                found.articles.push((pattern - NOTES, range));
            } else {
                found.verbs.push(range);
            }
        }
        // The search reports matches by where they end; [`inside`] relies on it, so it is made
        // sure of (a sort of a sorted list is one pass).
        found.notes.sort_by_key(|r| r.end);
        found.articles.sort_by_key(|(_, r)| r.end);
        found.verbs.sort_by_key(|r| r.end);
        found
    }
}

/// The items of `found` (in order of where they end, as [`Phrases`] lists them) that lie inside
/// `sentence`: those ending inside it, found by halving, that start in it too. A text's sentences
/// together look at each item about once, so a long text with many sentences and many matches
/// costs no more than their sum.
fn inside<'a, T>(
    found: &'a [T],
    range_of: impl Fn(&T) -> &Range<usize>,
    sentence: &Range<usize>,
) -> impl Iterator<Item = &'a T> {
    let from = found.partition_point(|item| range_of(item).end <= sentence.start);
    let to = found.partition_point(|item| range_of(item).end <= sentence.end);
    let start = sentence.start;
    found[from..to.max(from)]
        .iter()
        .filter(move |item| start <= range_of(item).start)
}

fn markers(text: &str, found: &Phrases) -> Vec<PlaceholderHit> {
    found
        .markers
        .iter()
        .map(|range| hit(text, range.clone(), PlaceholderKind::Marker))
        .collect()
}

/// Where `needle` (lower case ASCII) first occurs in `text`, ignoring ASCII case.
fn find_ignore_case(text: &str, needle: &str) -> Option<usize> {
    text.as_bytes()
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle.as_bytes()))
}

fn note_to_self(
    text: &str,
    sentence: Range<usize>,
    found: &Phrases,
    hits: &mut Vec<PlaceholderHit>,
) {
    let part = &text[sentence.clone()];
    let phrase = inside(&found.notes, |n| n, &sentence).next().is_some();
    let opener = part.starts_with(|c: char| c.is_lowercase())
        && NOTE_OPENERS
            .iter()
            .any(|o| starts_with_ignore_ascii_case(part, o));
    let question =
        starts_with_ignore_ascii_case(part, "why ") && is_why_does_question(&part.to_lowercase());
    let verb = inside(&found.verbs, |v| v, &sentence).next().is_some();
    let shape = is_note_to_colleagues(part, verb);
    if phrase || opener || question || shape {
        hits.push(hit(text, sentence, PlaceholderKind::NoteToSelf));
    }
}

/// "why does codat need this": a question about the content, asked in the content.
fn is_why_does_question(lower: &str) -> bool {
    let trimmed = lower.trim_end_matches('?').trim_end();
    (trimmed.starts_with("why does ") || trimmed.starts_with("why do we "))
        && ["need this", "need that", "need it"]
            .iter()
            .any(|e| trimmed.ends_with(e))
}

/// A sentence that promises a link and has none. `articles` are the [`ARTICLE_PHRASES`] found in
/// the whole text (pattern index, range), so each sentence needs no search of its own.
fn missing_link(
    text: &str,
    sentence: Range<usize>,
    articles: &[(usize, Range<usize>)],
    hits: &mut Vec<PlaceholderHit>,
) {
    let part = &text[sentence.clone()];
    let learn_more = starts_with_ignore_ascii_case(part, "learn more about ");
    // The first occurrence in the sentence of the first phrase that occurs in it.
    let article = (0..ARTICLE_PHRASES.len()).find_map(|pattern| {
        inside(articles, |(_, r)| r, &sentence)
            .filter(|(p, _)| *p == pattern)
            .map(|(_, r)| r.start - sentence.start)
            .min()
    });
    if !learn_more && article.is_none() {
        return;
    }
    let has_link =
        part.contains("](") || part.contains('<') || find_ignore_case(part, "http").is_some();
    if has_link {
        return;
    }
    if learn_more {
        hits.push(hit(text, sentence, PlaceholderKind::MissingLink));
        return;
    }
    let Some(at) = article else {
        return;
    };
    // Point at the clause that mentions the article ("…agian/ here is the detail article").
    let clause = part[..at].rfind(['/', ';', ',', '(']).map_or(0, |i| i + 1);
    let lead = part[clause..].len() - part[clause..].trim_start().len();
    let start = sentence.start + clause + lead;
    hits.push(hit(text, start..sentence.end, PlaceholderKind::MissingLink));
}

/// A line that ends with a dash and nothing after it ("Path to check - ").
fn unfinished_line(text: &str, line: Range<usize>, hits: &mut Vec<PlaceholderHit>) {
    let part = &text[line.clone()];
    if ["-", "–", "—"]
        .iter()
        .any(|d| part.strip_suffix(d).is_some_and(|p| p.ends_with(' ')))
    {
        hits.push(hit(text, line, PlaceholderKind::Unfinished));
    }
}

/// The text's last sentence (`range`) ends in "..." / "…", or stops on a word no sentence ends
/// with.
fn unfinished_ending(text: &str, range: Range<usize>, hits: &mut Vec<PlaceholderHit>) {
    let part = &text[range.clone()];
    if part.ends_with("...") || part.ends_with('…') {
        hits.push(hit(text, range, PlaceholderKind::Unfinished));
        return;
    }
    if part.ends_with(|c: char| c.is_ascii_punctuation() || !c.is_ascii()) {
        return;
    }
    let words: Vec<String> = part.split_whitespace().map(|w| w.to_lowercase()).collect();
    let Some(last) = words.last() else {
        return;
    };
    let before = words.len().checked_sub(2).map(|i| words[i].as_str());
    let dangling = if last == "need" {
        matches!(before, Some("will" | "would" | "might" | "you'll"))
    } else {
        DANGLING_ENDINGS.contains(&last.as_str())
    };
    if dangling && words.len() >= 2 {
        hits.push(hit(text, range, PlaceholderKind::Unfinished));
    }
}

/// What `helpdoc rules` says about this rule, and its level when the project sets none.
const META: RuleMeta = RuleMeta {
    code: "placeholder",
    description: "text that stands in for content: TODO, \"screenshot\", \"steps from the figma\", notes to self, unfinished sentences, \"Learn more\" with no link",
    why: "placeholders reach customers when nobody notices them; no other docs tool flags them",
    example: "- paragraph: steps from the figma with a bit more detail",
    default_level: Level::Deny,
};

impl Rule for Placeholder {
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

/// The placeholders left in `texts`.
fn check_texts(cx: &RuleContext<'_>, texts: &[TextSite], findings: &mut Findings) {
    for site in texts {
        for found in hits_in(site) {
            let (message, help) = describe(&found);
            findings.push(Finding::new(
                site.file,
                site.source_range(cx, found.range.clone()),
                message,
                "placeholder",
                help.into(),
            ));
        }
    }
}

fn hits_in(site: &TextSite) -> Vec<PlaceholderHit> {
    use crate::model::walk::TextRole;
    match site.role {
        Some(TextRole::Message) => Vec::new(),
        Some(TextRole::Title) => find_markers(site.text),
        _ => find_placeholders(site.text),
    }
}

fn describe(found: &PlaceholderHit) -> (String, &'static str) {
    let text = &shorten(&found.text, 80);
    match found.kind {
        PlaceholderKind::Marker => (
            format!("placeholder text \"{text}\" instead of content"),
            "write the real content here, or remove the placeholder",
        ),
        PlaceholderKind::NoteToSelf => (
            format!("note to self left in the text: \"{text}\""),
            "resolve the note (write what it asks for, or ask the person who knows), then remove it",
        ),
        PlaceholderKind::Unfinished if text.ends_with("...") || text.ends_with('…') => (
            format!("placeholder text \"{text}\" instead of content"),
            "finish the sentence, or remove it",
        ),
        PlaceholderKind::Unfinished => (
            format!("unfinished sentence \"{text}\""),
            "finish the sentence (or end it with a colon if a list follows), or remove it",
        ),
        PlaceholderKind::MissingLink => (
            format!("\"{text}\" refers to a link that is missing"),
            "add the link, as [text](https://…) or [text](topic:ID), or remove the sentence",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `find_placeholders` takes the text's last sentence for its last line's: sentences never
    /// cross a line break, and lines and sentences trim the same white space.
    #[test]
    fn the_last_sentence_is_the_last_lines() {
        for text in [
            "One. Two",
            "One.\n\n  Two three.  \n \n",
            "a\nb… c",
            "x.\ty\n",
            "  \n  Foo. Bar",
            "Line one\nLine two. And",
            "Ends here…\u{a0}\n",
            "Why? Because!\r\nNo.",
        ] {
            let line = lines(text).last().cloned().unwrap();
            let in_line = sentences(&text[line.clone()]).last().cloned().unwrap();
            let expected = line.start + in_line.start..line.start + in_line.end;
            assert_eq!(sentences(text).last().cloned(), Some(expected), "{text:?}");
        }
    }

    fn texts_of(text: &str) -> Vec<String> {
        find_placeholders(text)
            .into_iter()
            .map(|h| h.text)
            .collect()
    }

    /// Text whose lower case has another length in bytes ("İ") is searched like any other.
    #[test]
    fn finds_placeholders_next_to_non_ascii_text() {
        assert_eq!(texts_of("TODO: add the İstanbul office."), ["TODO"]);
        assert_eq!(
            texts_of("İstanbul is covered, here is the detail article."),
            ["here is the detail article."]
        );
    }

    #[test]
    fn finds_markers_on_word_boundaries() {
        assert_eq!(
            texts_of("steps from the figma with a bit more detail"),
            ["steps from the figma"]
        );
        assert!(find_placeholders("Todos los datos.").is_empty());
        assert!(find_placeholders("Take a screenshotting tool.").is_empty());
    }

    #[test]
    fn finds_unfinished_sentences() {
        assert_eq!(
            texts_of("It works. a web services user is ..."),
            ["a web services user is ..."]
        );
        assert_eq!(texts_of("You will need "), ["You will need"]);
        assert_eq!(
            texts_of("It failed. Talk to someone who can "),
            ["Talk to someone who can"]
        );
        assert_eq!(texts_of("Path to check - "), ["Path to check -"]);
        assert!(find_placeholders("Turn it on").is_empty());
        assert!(find_placeholders("Everything you need").is_empty());
    }

    #[test]
    fn finds_notes_to_self() {
        assert_eq!(
            texts_of("we need clarity on what the message will say. to resolve, go on."),
            ["we need clarity on what the message will say."]
        );
        assert_eq!(
            texts_of("why does codat need this"),
            ["why does codat need this"]
        );
        assert_eq!(
            texts_of("steps from the figma\nmention the scare screen"),
            ["steps from the figma", "mention the scare screen"]
        );
        assert!(find_placeholders("Mention your company ID when you call.").is_empty());
    }

    #[test]
    fn finds_link_text_without_a_link() {
        assert_eq!(
            texts_of("Pick one. Learn more about each status."),
            ["Learn more about each status."]
        );
        assert!(find_placeholders("To learn more, see [Roles](topic:roles).").is_empty());
        assert_eq!(
            texts_of("to resolve, start again/ here is the detail article on this."),
            ["here is the detail article on this."]
        );
    }
}
