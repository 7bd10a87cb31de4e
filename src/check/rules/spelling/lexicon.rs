//! The words the spelling rule accepts: a precomputed en_US word list and the project's words
//! answer the common case; the full Hunspell dictionary is loaded only for a word they miss.
//!
//! Parsing the Hunspell `.dic` costs about 25 ms, more than checking a whole guide, and almost
//! every word of real content is a plain dictionary word. `en_US.words` lists every form the
//! dictionary spells out (made by `expand-words.sh` with Hunspell's `unmunch`), sorted, so a
//! lookup is a binary search in text compiled into the binary, with no start-up cost. A word it
//! does not hold is still asked of the full dictionary, so answers are exactly Hunspell's.

use std::sync::OnceLock;

use spellbook::Dictionary;

const AFF: &str = include_str!("../../../../assets/dictionaries/en_US.aff");
const DIC: &str = include_str!("../../../../assets/dictionaries/en_US.dic");
/// Every word form of `DIC`, one per line, sorted bytewise (see `expand-words.sh`).
const EXPANDED: &str = include_str!("../../../../assets/dictionaries/en_US.words");

/// The dictionary with the project's words, loaded in layers.
pub struct Lexicon {
    /// The en_US affix rules with only the project's entries: cheap to build.
    project: Dictionary,
    /// The entries accepted into `project`, to add to the full dictionary too.
    entries: Vec<String>,
    /// The full en_US dictionary plus the project's entries, built on first need.
    full: OnceLock<Dictionary>,
}

/// A project word list entry the dictionary cannot take.
pub struct BadEntry {
    /// The entry as written.
    pub entry: String,
    /// Why Hunspell refused it.
    pub error: String,
}

impl Lexicon {
    /// A lexicon of en_US plus `entries` (Hunspell `.dic` lines such as `dropdown/SM`); entries
    /// Hunspell refuses are returned, not added.
    pub fn new<'a>(entries: impl IntoIterator<Item = &'a str>) -> (Lexicon, Vec<BadEntry>) {
        let mut project = Dictionary::new(AFF, "0\n").expect("the shipped en_US.aff parses");
        let mut accepted = Vec::new();
        let mut bad = Vec::new();
        for entry in entries {
            match project.add(entry) {
                Ok(()) => accepted.push(entry.to_string()),
                Err(error) => bad.push(BadEntry {
                    entry: entry.to_string(),
                    error: error.to_string(),
                }),
            }
        }
        let lexicon = Lexicon {
            project,
            entries: accepted,
            full: OnceLock::new(),
        };
        (lexicon, bad)
    }

    /// Whether Hunspell accepts `word` (as `Dictionary::check` on the full dictionary does).
    pub fn check(&self, word: &str) -> bool {
        self.check_quickly(word) || self.dictionary().check(word)
    }

    /// Whether the expanded list or the project's entries accept `word`, without loading the
    /// full dictionary. `false` means "ask [`Lexicon::check`]", not "misspelled".
    pub fn check_quickly(&self, word: &str) -> bool {
        in_expanded_list(word) || self.project.check(word)
    }

    /// The full dictionary with the project's entries, loaded on first use (for words the
    /// shortcuts miss, and for suggestions).
    pub fn dictionary(&self) -> &Dictionary {
        self.full.get_or_init(|| {
            let mut full = Dictionary::new(AFF, DIC).expect("the shipped en_US dictionary parses");
            for entry in &self.entries {
                // Accepted by the same affix rules in `project`, so accepted here too.
                let _ = full.add(entry);
            }
            full
        })
    }
}

/// Whether the expanded list holds `word`, or holds it in lower case when `word` is only
/// capitalized ("Connect", "It's" at the start of a sentence), as Hunspell accepts.
fn in_expanded_list(word: &str) -> bool {
    sorted_lines_contain(EXPANDED, word)
        || (is_capitalized(word) && sorted_lines_contain(EXPANDED, &word.to_lowercase()))
}

/// An upper-case letter followed only by lower-case letters and apostrophes.
fn is_capitalized(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.all(|c| c.is_lowercase() || c == '\'')
}

/// Binary search for a whole line in text whose lines are sorted bytewise.
fn sorted_lines_contain(lines: &str, word: &str) -> bool {
    let bytes = lines.as_bytes();
    // `high` is always at the start of a line or the end of the text; `low` is at the start of
    // a line, or past the end when the last line compared lower.
    let (mut low, mut high) = (0, bytes.len());
    while low < high {
        let middle = low + (high - low) / 2;
        let start = bytes[low..middle]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(low, |at| low + at + 1);
        let end = bytes[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |at| start + at);
        match lines[start..end].cmp(word) {
            std::cmp::Ordering::Equal => return true,
            std::cmp::Ordering::Less => low = end + 1,
            std::cmp::Ordering::Greater => high = start,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_line_and_nothing_between() {
        let lines = "apple\nbanana\ncherry\ndate";
        for word in ["apple", "banana", "cherry", "date"] {
            assert!(sorted_lines_contain(lines, word), "{word}");
        }
        for word in ["", "a", "apples", "blueberry", "zebra", "cherr", "datee"] {
            assert!(!sorted_lines_contain(lines, word), "{word}");
        }
        assert!(!sorted_lines_contain("", "a"));
    }

    #[test]
    fn expanded_list_is_sorted_and_unique() {
        let lines: Vec<&str> = EXPANDED.lines().collect();
        assert!(lines.len() > 100_000, "{} words", lines.len());
        assert!(
            lines.windows(2).all(|pair| pair[0] < pair[1]),
            "en_US.words must be sorted bytewise and unique: run expand-words.sh"
        );
    }

    /// The shortcut is only valid while the dictionary accepts every word it lists, and every
    /// capitalized form of a lower-case one.
    #[test]
    fn expanded_words_are_all_accepted_by_the_dictionary() {
        let full = Dictionary::new(AFF, DIC).expect("dictionary");
        let refused: Vec<String> = EXPANDED
            .lines()
            .flat_map(|word| {
                // The capitalized form the lookup also accepts from the list.
                let mut chars = word.chars();
                let capitalized = chars
                    .next()
                    .map(|first| first.to_uppercase().chain(chars).collect::<String>())
                    .filter(|capital| is_capitalized(capital) && capital.to_lowercase() == word);
                std::iter::once(word.to_string()).chain(capitalized)
            })
            .filter(|word| !full.check(word))
            .collect();
        assert!(
            refused.is_empty(),
            "{} listed words are refused by the dictionary: {:?}",
            refused.len(),
            &refused[..refused.len().min(20)]
        );
    }

    #[test]
    fn answers_match_the_full_dictionary() {
        let (lexicon, bad) = Lexicon::new(["Intacct/M", "dropdown/SM", "word/\0"]);
        assert_eq!(bad.len(), 1);
        for (word, known) in [
            ("connection", true),
            ("Connection", true),
            ("It's", true),
            ("Intacct's", true),
            ("dropdowns", true),
            ("intacct", false),
            ("acocunt", false),
        ] {
            assert_eq!(lexicon.check(word), known, "{word}");
            assert_eq!(lexicon.dictionary().check(word), known, "{word}");
        }
    }
}
