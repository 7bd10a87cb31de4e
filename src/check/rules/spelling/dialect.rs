//! The spelling dialect (`[spelling] dialect` in helpdoc.toml): which of two spellings of a word
//! (color/colour) the project writes, from a shipped list of American and British pairs.

use rustc_hash::FxHashSet;
use spellbook::Dictionary;

use crate::load::config::Dialect;

const AFF: &str = include_str!("../../../../assets/dictionaries/en_US.aff");
/// `american british [both]` lines (see the file's header).
const VARIANTS: &str = include_str!("../../../../assets/dictionaries/en_GB-variants.txt");

/// One pair of the list.
struct Pair {
    american: &'static str,
    british: &'static str,
    /// en-GB accepts the American (-ize) form too.
    both: bool,
}

fn pairs() -> impl Iterator<Item = Pair> {
    VARIANTS
        .lines()
        .map(|line| line.split('#').next().unwrap_or_default())
        .filter_map(|line| {
            let mut fields = line.split_whitespace();
            let (american, british) = (fields.next()?, fields.next()?);
            Some(Pair {
                american,
                british,
                both: fields.next() == Some("both"),
            })
        })
}

/// The entry without its affix flags.
fn stem(entry: &str) -> &str {
    entry.split('/').next().unwrap_or(entry)
}

/// The other dialect's spellings, to report, each with the project's spelling as the fix.
pub struct Variants {
    /// The affix rules with the other dialect's entries only.
    other: Dictionary,
    /// (the other dialect's stem, the project dialect's stem).
    stems: Vec<(&'static str, &'static str)>,
    /// The first three bytes of each of the other dialect's stems, ASCII-lowercased: a word that
    /// starts like none of them is not one of its spellings (one hash instead of a scan of
    /// every stem, for every word of the content).
    heads: FxHashSet<[u8; 3]>,
}

/// The first three bytes of `word`, ASCII-lowercased, if they end on a character boundary.
fn head(word: &str) -> Option<[u8; 3]> {
    let bytes: [u8; 3] = word.get(..3)?.as_bytes().try_into().ok()?;
    Some(bytes.map(|b| b.to_ascii_lowercase()))
}

impl Variants {
    /// The entries `dialect` accepts beyond en_US (for the lexicon), and what it reports.
    pub fn new(dialect: Dialect) -> (Vec<&'static str>, Variants) {
        let mut accepted = Vec::new();
        let mut other = Dictionary::new(AFF, "0\n").expect("the shipped en_US.aff parses");
        let mut stems = Vec::new();
        for pair in pairs() {
            let (ours, theirs) = match dialect {
                Dialect::EnUs => (pair.american, Some(pair.british)),
                Dialect::EnGb => {
                    accepted.push(pair.british);
                    (pair.british, (!pair.both).then_some(pair.american))
                }
            };
            if let Some(theirs) = theirs {
                // The shipped entries use en_US flags only; a refused one is a bug the unit
                // test below catches.
                let _ = other.add(theirs);
                stems.push((stem(theirs), stem(ours)));
            }
        }
        let heads = stems
            .iter()
            .filter_map(|(theirs, _)| head(theirs))
            .collect();
        (
            accepted,
            Variants {
                other,
                stems,
                heads,
            },
        )
    }

    /// Whether `word` starts like one of the other dialect's stems (ignoring ASCII case). Most
    /// words do not, and [`Variants::fix`] is `None` for them without asking the dictionary.
    pub fn may_fix(&self, word: &str) -> bool {
        head(word).is_some_and(|head| self.heads.contains(&head))
    }

    /// For a word spelled the other dialect's way, the project dialect's spelling of it (built
    /// from the pair's stems: "colors" → "colours", "centered" → "centred").
    pub fn fix(&self, word: &str) -> Option<String> {
        if !self.may_fix(word) || !self.other.check(word) {
            return None;
        }
        let lower = word.to_lowercase();
        // The pair whose stem the word starts with (the longest, if several do).
        let (tail, ours, theirs_e) = self
            .stems
            .iter()
            .filter_map(|(theirs, ours)| {
                let (tail, matched) = match lower.strip_prefix(theirs) {
                    Some(tail) => (tail, theirs.len()),
                    None => {
                        let cut = theirs.strip_suffix('e')?;
                        (lower.strip_prefix(cut)?, cut.len())
                    }
                };
                Some((tail, *ours, matched, theirs.ends_with('e')))
            })
            .max_by_key(|(_, _, matched, _)| *matched)
            .map(|(tail, ours, _, theirs_e)| (tail, ours, theirs_e))?;
        // "centre" + "ed" is "centred": a stem's final `e` goes before a vowel.
        let ours = match ours.strip_suffix('e') {
            Some(cut) if tail.starts_with(['e', 'i']) => cut,
            _ => ours,
        };
        // "centre" + "d" is "center" + "ed": the `e` that made "d" a past tense is in the tail now.
        let e = if theirs_e && !ours.ends_with('e') && tail.starts_with('d') {
            "e"
        } else {
            ""
        };
        let fixed = format!("{ours}{e}{tail}");
        let mut chars = word.chars();
        Some(match chars.next() {
            Some(first) if first.is_uppercase() => {
                let mut out: String = first.to_uppercase().collect();
                out.push_str(&fixed[first.len_utf8()..]);
                out
            }
            _ => fixed,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_entry_is_valid() {
        let mut dictionary = Dictionary::new(AFF, "0\n").unwrap();
        for pair in pairs() {
            dictionary.add(pair.american).unwrap();
            dictionary.add(pair.british).unwrap();
        }
    }

    #[test]
    fn each_dialect_reports_the_other() {
        let (_, us) = Variants::new(Dialect::EnUs);
        let (accepted, gb) = Variants::new(Dialect::EnGb);
        assert!(accepted.contains(&"colour/SMDG"));
        assert_eq!(us.fix("colours").as_deref(), Some("colors"));
        assert_eq!(us.fix("Centred").as_deref(), Some("Centered"));
        assert_eq!(us.fix("organised").as_deref(), Some("organized"));
        assert_eq!(us.fix("color"), None);
        assert_eq!(gb.fix("colors").as_deref(), Some("colours"));
        assert_eq!(gb.fix("centering").as_deref(), Some("centring"));
        assert_eq!(gb.fix("analyzing").as_deref(), Some("analysing"));
        assert_eq!(gb.fix("canceled").as_deref(), Some("cancelled"));
        // Oxford spelling: en-GB accepts -ize.
        assert_eq!(gb.fix("organized"), None);
        assert_eq!(gb.fix("colour"), None);
    }
}
