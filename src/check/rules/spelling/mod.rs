//! Rule `spelling`: misspelled words, checked against a Hunspell en_US dictionary shipped with
//! helpdoc plus the project's word list, with suggestions.

mod lexicon;

use std::cell::RefCell;
use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};

use rustc_hash::FxHashMap;

use self::lexicon::{BadEntry, Lexicon};
use super::mojibake::find_mojibake;
use super::text::{Word, words};
use super::{Finding, Findings, Level, Rule, RuleContext, TextSite};
use crate::content::ContentDoc;
use crate::diag::FileId;
use crate::model::walk::TextRole;

pub use crate::load::config::{SpellingConfig, WORDLIST_FILE};

/// How many suggestions a finding shows.
const MAX_SUGGESTIONS: usize = 3;

impl SpellingConfig {
    fn all_words(&self) -> impl Iterator<Item = &str> {
        self.words
            .iter()
            .map(String::as_str)
            .chain(self.listed.iter().map(|l| l.word.as_str()))
    }
}

/// See the module docs.
pub struct Spelling;

/// How many answers a thread remembers before it starts over (bounds memory on huge content).
const MAX_REMEMBERED: usize = 200_000;

/// Answers a thread has worked out for one speller: whether words are known, and the
/// suggestions for unknown ones (the suggester is slow, and a misspelt product name can appear
/// thousands of times).
#[derive(Default)]
struct Memo {
    /// The speller these answers are for (a new speller, with other project words, starts over).
    owner: u64,
    known: FxHashMap<String, bool>,
    suggestions: FxHashMap<String, Vec<String>>,
}

impl Memo {
    /// This thread's memo, emptied first if it belongs to another speller or has grown too big.
    /// It stays with the thread after a check (a CLI run ends soon after; a long-lived process
    /// keeps at most `MAX_REMEMBERED` words per thread).
    fn with<R>(owner: u64, f: impl FnOnce(&mut Memo) -> R) -> R {
        thread_local! {
            static MEMO: RefCell<Memo> = RefCell::new(Memo::default());
        }
        MEMO.with_borrow_mut(|memo| {
            if memo.owner != owner || memo.known.len() + memo.suggestions.len() > MAX_REMEMBERED {
                *memo = Memo {
                    owner,
                    ..Memo::default()
                };
            }
            f(memo)
        })
    }
}

/// The checker: the dictionary with the project's words. Built once per check and shared by the
/// threads that check documents.
pub struct Speller {
    /// Tells this speller's remembered answers from another's.
    id: u64,
    lexicon: Lexicon,
    /// The project's words without their affix flags, for casing hints.
    project_words: Vec<String>,
    /// Word list entries the dictionary refused, reported once per check.
    bad_entries: Vec<BadEntry>,
}

impl Speller {
    /// The dictionary plus the project's word list.
    pub fn new(config: &SpellingConfig) -> Speller {
        let (lexicon, bad_entries) = Lexicon::new(config.all_words());
        let project_words = config
            .all_words()
            .filter(|word| !bad_entries.iter().any(|b| b.entry == *word))
            .map(|word| word.split('/').next().unwrap_or(word).to_string())
            .collect();
        static NEXT_ID: AtomicU64 = AtomicU64::new(1);
        Speller {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            lexicon,
            project_words,
            bad_entries,
        }
    }

    /// Reports the word list entries the dictionary refused.
    fn report_bad_entries(&self, config: &SpellingConfig, findings: &mut Findings) {
        for bad in &self.bad_entries {
            let word = &bad.entry;
            if let Some(listed) = config.listed.iter().find(|l| l.word == *word) {
                findings.push(Finding::new(
                    listed.file,
                    listed.range.clone(),
                    format!("the word list entry `{word}` is not a valid dictionary entry: {}", bad.error),
                    "invalid entry",
                    "write one word per line; after a `/` only Hunspell en_US affix flags (such as `S` or `M`) may follow".into(),
                ));
            }
        }
    }

    /// Whether a word is spelled right, remembering answers on this thread: the same few thousand
    /// words make up most of any content set, and a lookup costs far more than a hash.
    /// The memo is this thread's, borrowed once for all the words of a text.
    fn knows_in(&self, memo: &mut Memo, word: &str) -> bool {
        if let Some(&answer) = memo.known.get(word) {
            return answer;
        }
        let answer = self.looks_up(word);
        memo.known.insert(word.to_string(), answer);
        answer
    }

    /// Whether a word is spelled right (possessives and typographic apostrophes accepted). The
    /// quick lookups go first, for the word and for its base without `'s`, so a possessive of a
    /// listed word never loads the full dictionary.
    fn looks_up(&self, word: &str) -> bool {
        let word = word.replace('\u{2019}', "'");
        let base = word
            .strip_suffix("'s")
            .or_else(|| word.strip_suffix("'S"))
            .or_else(|| word.strip_suffix('\''))
            .filter(|b| !b.is_empty());
        self.lexicon.check_quickly(&word)
            || base.is_some_and(|b| self.lexicon.check_quickly(b))
            || self.lexicon.check(&word)
            || base.is_some_and(|b| self.lexicon.check(b))
    }

    /// The project word this word is a miscapitalization of, if any.
    fn project_casing(&self, word: &str) -> Option<&str> {
        self.project_words
            .iter()
            .find(|p| p.eq_ignore_ascii_case(word) && p.as_str() != word)
            .map(String::as_str)
    }

    /// Up to `MAX_SUGGESTIONS` fixes for an unknown word, remembered per thread.
    fn suggest(&self, memo: &mut Memo, word: &str) -> Vec<String> {
        if let Some(found) = memo.suggestions.get(word) {
            return found.clone();
        }
        let found = self.suggest_uncached(word);
        memo.suggestions.insert(word.to_string(), found.clone());
        found
    }

    fn suggest_uncached(&self, word: &str) -> Vec<String> {
        let mut found = Vec::new();
        // Edit-based suggestions only: n-gram suggestions scan the whole dictionary (slow) and
        // rarely find the word a writer meant.
        self.lexicon
            .dictionary()
            .suggester()
            .with_ngram_suggestions(false)
            .suggest(&word.replace('\u{2019}', "'"), &mut found);
        // "dont" → "don't" first: the same letters with an apostrophe are the likeliest fix.
        let letters = |s: &str| s.chars().filter(|c| c.is_alphabetic()).collect::<String>();
        found.sort_by_key(|s| letters(s) != letters(word));
        // "ha vent", "ob-vi": the same letters split in two are never the fix.
        found.retain(|s| !(s.contains([' ', '-']) && letters(s) == letters(word)));
        found.truncate(MAX_SUGGESTIONS);
        found
    }
}

/// Whether a word is worth checking: not an acronym, not a mixed-case name, not a single letter.
fn checkable(word: &str) -> bool {
    // An all-caps word has a capital after its first letter too, so one test covers both.
    if word.is_ascii() {
        let mut letters = word.bytes().filter(u8::is_ascii_alphabetic);
        return letters.next().is_some() && {
            let mut rest = letters.peekable();
            rest.peek().is_some() && rest.all(|b| !b.is_ascii_uppercase())
        };
    }
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    letters.next().is_some() && {
        let mut rest = letters.peekable();
        rest.peek().is_some() && rest.all(|c| !c.is_uppercase())
    }
}

/// A problem found in one text: where, what, and the fix.
struct Misspelling {
    range: Range<usize>,
    written: String,
    suggestions: Vec<String>,
    kind: MisspellingKind,
}

enum MisspellingKind {
    /// Not in the dictionary.
    Unknown,
    /// A project word written with the wrong capitals.
    Casing,
    /// Two words whose letters are split in the wrong place ("fin dthe"), or a contraction split
    /// by a space ("it s").
    Split,
    /// A real word that is almost always a typo in help text ("fro").
    Confused,
}

/// A word of a text with what the checker found out about it, once.
struct Looked<'a> {
    text: &'a str,
    /// Worth checking (see [`checkable`]).
    checkable: bool,
    /// Known to the speller, or not worth checking.
    known: bool,
}

/// Words that join a contraction when a space separated them: "it s", "you re", "don t".
const CONTRACTION_TAILS: [&str; 6] = ["s", "re", "ve", "ll", "t", "d"];
/// Words after which `he` is most likely the end of a split "the": "tot he" → "to the".
const BEFORE_THE: [&str; 10] = [
    "to", "on", "in", "of", "for", "from", "and", "by", "with", "into",
];

/// Checks the words of one text.
fn check_words(speller: &Speller, text: &str, all: &[Word]) -> Vec<Misspelling> {
    Memo::with(speller.id, |memo| check_words_in(speller, memo, text, all))
}

/// [`check_words`] with this thread's memo in hand. Each word is looked up once: whether it is
/// known (or not worth checking) is needed for the word itself and for the pairs it is in.
fn check_words_in(
    speller: &Speller,
    memo: &mut Memo,
    text: &str,
    all: &[Word],
) -> Vec<Misspelling> {
    let looked: Vec<Looked> = all
        .iter()
        .map(|w| {
            let checkable = checkable(w.text);
            Looked {
                text: w.text,
                checkable,
                known: !checkable || speller.knows_in(memo, w.text),
            }
        })
        .collect();
    let mut out = Vec::new();
    let mut skip_next = false;
    for (i, word) in all.iter().enumerate() {
        if std::mem::take(&mut skip_next) {
            continue;
        }
        let next = all
            .get(i + 1)
            .filter(|n| text.get(word.range.end..n.range.start) == Some(" "));
        if let Some(next) = next
            && let Some(fixed) = split_fix(speller, memo, &looked[i], &looked[i + 1])
        {
            out.push(Misspelling {
                range: word.range.start..next.range.end,
                written: text[word.range.start..next.range.end].to_string(),
                suggestions: vec![fixed],
                kind: MisspellingKind::Split,
            });
            skip_next = true;
            continue;
        }
        if !looked[i].checkable {
            continue;
        }
        if word.text.eq_ignore_ascii_case("fro") {
            let previous = i.checked_sub(1).map(|p| all[p].text.to_lowercase());
            if previous.as_deref() != Some("and") {
                out.push(Misspelling {
                    range: word.range.clone(),
                    written: word.text.to_string(),
                    suggestions: vec!["for".into(), "from".into()],
                    kind: MisspellingKind::Confused,
                });
            }
            continue;
        }
        if looked[i].known {
            continue;
        }
        if let Some(project) = speller.project_casing(word.text) {
            out.push(Misspelling {
                range: word.range.clone(),
                written: word.text.to_string(),
                suggestions: vec![project.to_string()],
                kind: MisspellingKind::Casing,
            });
            continue;
        }
        out.push(Misspelling {
            range: word.range.clone(),
            written: word.text.to_string(),
            suggestions: speller.suggest(memo, word.text),
            kind: MisspellingKind::Unknown,
        });
    }
    out
}

/// The fix for two words split in the wrong place, if that is what they are.
///
/// This runs on every pair of words, so `b` is compared without lowercasing it: the tails and
/// `he` are ASCII, and no other character lowercases to one of their letters (only the Kelvin
/// sign lowercases to ASCII, to `k`). `a` is lowercased only when `b` is such a word.
fn split_fix(
    speller: &Speller,
    memo: &mut Memo,
    first: &Looked,
    second: &Looked,
) -> Option<String> {
    let (a, b) = (first.text, second.text);
    let is = |word: &str| b.eq_ignore_ascii_case(word);
    if CONTRACTION_TAILS.iter().any(|t| is(t)) && a.chars().all(char::is_alphabetic) {
        let joined = format!("{a}'{b}");
        let plain_word = b.len() > 1 && speller.knows_in(memo, b) && !is("re");
        if !plain_word && a.to_lowercase().len() > 1 && speller.lexicon.check(&joined) {
            return Some(joined);
        }
    }
    if is("he")
        && let Some(stem) = a.to_lowercase().strip_suffix('t')
        && BEFORE_THE.contains(&stem)
    {
        return Some(format!("{} t{b}", &a[..a.len() - 1]));
    }
    if !first.checkable && !second.checkable {
        return None;
    }
    // Acronyms and names count as known: the rule never flags them, and a letter moved across a
    // space next to one ("IET credits") is never the fix.
    if first.known && second.known {
        return None;
    }
    // Move one letter across the space, either way: "fin dthe" → "find the", "ont he" → "on the".
    let moves = [
        a.char_indices()
            .next_back()
            .map(|(at, _)| (a[..at].to_string(), format!("{}{b}", &a[at..]))),
        b.char_indices()
            .nth(1)
            .map(|(at, _)| (format!("{a}{}", &b[..at]), b[at..].to_string())),
    ];
    for (left, right) in moves.into_iter().flatten() {
        if !left.is_empty()
            && right.chars().count() > 1
            && speller.knows_in(memo, &left)
            && speller.knows_in(memo, &right)
        {
            return Some(format!("{left} {right}"));
        }
    }
    None
}

impl Rule for Spelling {
    fn code(&self) -> &'static str {
        "spelling"
    }
    fn description(&self) -> &'static str {
        "a word that is not in the en_US dictionary or the project word list, with suggestions"
    }
    fn why(&self) -> &'static str {
        "typos make help text look careless and make search miss the page; product names must be spelled one way"
    }
    fn example(&self) -> &'static str {
        "- paragraph: Check the acocunt email address."
    }
    /// A warning: a dictionary cannot know every product and technical term, and a new one should
    /// not stop a build; `--deny-warnings` (or `spelling = "deny"`) makes it blocking in CI.
    fn default_level(&self) -> Level {
        Level::Warn
    }
    fn check_content(&self, cx: &RuleContext<'_>, findings: &mut Findings) {
        cx.speller.report_bad_entries(&cx.config.spelling, findings);
    }
    fn check_document(
        &self,
        cx: &RuleContext<'_>,
        doc: &ContentDoc,
        texts: &[TextSite],
        findings: &mut Findings,
    ) {
        for site in texts {
            if site.role == Some(TextRole::Message) {
                continue;
            }
            let garbled: Vec<Range<usize>> = find_mojibake(site.text)
                .into_iter()
                .map(|h| h.range)
                .collect();
            let all: Vec<Word> = words(site.text, &site.prose())
                .into_iter()
                .filter(|w| {
                    !garbled
                        .iter()
                        .any(|g| g.start < w.range.end && w.range.start < g.end)
                })
                .collect();
            for found in check_words(&cx.speller, site.text, &all) {
                let range = site.source_range(cx, doc, found.range.clone());
                findings.push(describe(doc.file, range, &found));
            }
        }
    }
}

fn quoted_list(words: &[String]) -> String {
    let quoted: Vec<String> = words.iter().map(|w| format!("\"{w}\"")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

fn describe(file: FileId, range: Range<usize>, found: &Misspelling) -> Finding {
    let written = &found.written;
    let suggestions = quoted_list(&found.suggestions);
    let add_hint = format!(
        "if \"{written}\" is right, add it to the project word list ({WORDLIST_FILE} in the content folder)"
    );
    let (message, label, help) = match found.kind {
        MisspellingKind::Casing => (
            format!("\"{written}\" should be written {suggestions}"),
            format!("write {suggestions}"),
            format!("product names are spelled as in the project word list: write {suggestions}"),
        ),
        MisspellingKind::Split => (
            format!("misspelled words \"{written}\": the space is in the wrong place"),
            format!("did you mean {suggestions}?"),
            format!("write {suggestions}"),
        ),
        MisspellingKind::Confused => (
            format!("\"{written}\" is probably a typo"),
            format!("did you mean {suggestions}?"),
            format!("write {suggestions}, unless you mean \"to and fro\""),
        ),
        MisspellingKind::Unknown if suggestions.is_empty() => (
            format!("misspelled word \"{written}\""),
            "not in the dictionary".to_string(),
            add_hint,
        ),
        MisspellingKind::Unknown => (
            format!("misspelled word \"{written}\""),
            format!("did you mean {suggestions}?"),
            format!(
                "did you mean {suggestions}? If \"{written}\" is right, add it to the project word list ({WORDLIST_FILE} in the content folder)"
            ),
        ),
    };
    Finding::new(file, range, message, &label, help)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::rules::text::prose_ranges;

    fn speller(words: &[&str]) -> Speller {
        let config = SpellingConfig {
            words: words.iter().map(|w| w.to_string()).collect(),
            listed: Vec::new(),
        };
        Speller::new(&config)
    }

    fn flagged(speller: &Speller, text: &str) -> Vec<(String, Vec<String>)> {
        let all = words(text, &prose_ranges(text));
        check_words(speller, text, &all)
            .into_iter()
            .map(|m| (m.written, m.suggestions))
            .collect()
    }

    #[test]
    fn flags_typos_with_suggestions() {
        let s = speller(&["Intacct"]);
        let found = flagged(
            &s,
            "Check the acocunt in Sage Intacct, the user's `en_US` dont.",
        );
        assert_eq!(
            found[0],
            ("acocunt".to_string(), vec!["account".to_string()])
        );
        assert_eq!(found[1].0, "dont");
        assert_eq!(found[1].1[0], "don't");
        assert_eq!(found.len(), 2);
    }

    #[test]
    fn flags_split_words_and_casing() {
        let s = speller(&["Intacct"]);
        let found = flagged(
            &s,
            "fin dthe user, click ont he logo, tot he top in sage intacct",
        );
        let written: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(written, ["fin dthe", "ont he", "tot he", "intacct"]);
        assert_eq!(found[0].1, ["find the"]);
        assert_eq!(found[2].1, ["to the"]);
        assert_eq!(found[3].1, ["Intacct"]);
        assert_eq!(flagged(&s, "it s in spam, you re done")[0].1, ["it's"]);
    }

    #[test]
    fn accepts_acronyms_names_and_possessives() {
        let s = speller(&["Codat"]);
        assert!(flagged(&s, "The CRM and the UI of Codat's XL03000006 in iPhone.").is_empty());
        assert!(flagged(&s, "It's ready. Don't wait.").is_empty());
    }

    #[test]
    fn moves_no_letter_across_a_space_next_to_an_acronym() {
        let s = speller(&[]);
        // Not "PDF snow": an acronym is never half of a split word.
        assert!(flagged(&s, "Export the PDFs now.").is_empty());
        assert_eq!(flagged(&s, "fin dthe PDF")[0].0, "fin dthe");
    }

    #[test]
    fn suggestions_are_the_same_when_remembered() {
        let s = speller(&[]);
        let first = flagged(&s, "the acocunt");
        assert_eq!(flagged(&s, "an acocunt"), first);
    }
}
