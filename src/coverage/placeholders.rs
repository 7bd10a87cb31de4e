//! Placeholders in messages: printf (`%s`, `%1$s`, `%d`), Apple (`%@`) and ICU (`{name}`) on the catalog side, `{name}` on the help side, and how the two sides are compared.

use std::collections::BTreeSet;
use std::ops::Range;

use crate::lookup::normalize::normalize_message;
pub use crate::lookup::template::placeholders as help_placeholders;

/// Stands for any placeholder in a message's skeleton (a private-use character, which no
/// normalization step changes and no real message holds).
const SLOT: &str = "\u{E000}";

/// A placeholder, as far as the two sides can be compared.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Placeholder {
    /// An argument by position (1-based): printf's `%s` (the next one) and `%2$s`, ICU's `{1}`
    /// (ICU counts from 0, so `{1}` is position 2).
    Position(usize),
    /// An argument by name: ICU's `{reason}` (and i18next's `{{reason}}`).
    Name(String),
}

/// A placeholder found in a catalog message, with where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// What it stands for.
    pub placeholder: Placeholder,
    /// Its byte range in the message.
    pub range: Range<usize>,
}

/// Every placeholder in a catalog message, in order: printf conversions (`%%` is a literal
/// percent sign; a space flag is not accepted, so that "50% off" holds none), and ICU arguments
/// (`{name}`, `{0}`, `{count, plural, …}`, with ICU's apostrophe quoting: `'{'` and `''` are
/// literal text). A brace whose content is not an argument name stays text.
pub fn catalog_placeholders(message: &str) -> Vec<Found> {
    let bytes = message.as_bytes();
    let mut found = Vec::new();
    let mut next_position = 1;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => match printf(&message[i..]) {
                Printf::Literal => i += 2,
                Printf::Conversion { len, position } => {
                    let position = position.unwrap_or_else(|| {
                        next_position += 1;
                        next_position - 1
                    });
                    found.push(Found {
                        placeholder: Placeholder::Position(position),
                        range: i..i + len,
                    });
                    i += len;
                }
                Printf::Text => i += 1,
            },
            b'\'' => i += icu_quote(&message[i..]),
            b'{' => match icu_argument(&message[i..]) {
                Some((len, placeholder)) => {
                    found.push(Found {
                        placeholder,
                        range: i..i + len,
                    });
                    i += len;
                }
                None => i += 1,
            },
            _ => i += 1,
        }
    }
    found
}

/// A catalog message as matching sees it: every placeholder replaced by the same slot, then
/// normalized, so "Unable to connect: %s" and "Unable to connect: {reason}" are one message.
pub fn catalog_skeleton(message: &str) -> String {
    let mut text = String::with_capacity(message.len());
    let mut last = 0;
    for found in catalog_placeholders(message) {
        text.push_str(&message[last..found.range.start]);
        text.push_str(SLOT);
        last = found.range.end;
    }
    text.push_str(&message[last..]);
    normalize_message(&text)
}

/// A help message as matching sees it (see [`catalog_skeleton`]).
pub fn help_skeleton(message: &str) -> String {
    let mut text = message.to_string();
    for name in help_placeholders(message) {
        text = text.replacen(&format!("{{{name}}}"), SLOT, 1);
    }
    normalize_message(&text)
}

/// Says how the help's placeholders differ from those of the catalog's `message`, or `None`
/// when they agree.
///
/// ICU names are compared as names. printf has no names, so against a printf message only the
/// number of distinct arguments is compared, unless the help numbers its placeholders (`{0}`,
/// `{1}`, as ICU counts): then the positions are compared too.
pub fn mismatch(message: &str, help: &[String]) -> Option<String> {
    let found = catalog_placeholders(message);
    let ours: BTreeSet<&Placeholder> = found.iter().map(|f| &f.placeholder).collect();
    let theirs: BTreeSet<&str> = help.iter().map(String::as_str).collect();
    let numbered = !theirs.is_empty() && theirs.iter().all(|n| n.parse::<usize>().is_ok());
    let by_name = !ours.is_empty() && ours.iter().all(|p| matches!(p, Placeholder::Name(_)));
    let agree = if by_name || numbered {
        let as_help: BTreeSet<String> = ours.iter().map(|p| help_form(p)).collect();
        as_help
            .iter()
            .map(String::as_str)
            .eq(theirs.iter().copied())
    } else {
        ours.len() == theirs.len()
    };
    if agree {
        return None;
    }
    let mut seen = BTreeSet::new();
    let written: Vec<&str> = found
        .iter()
        .filter(|f| seen.insert(&f.placeholder))
        .map(|f| &message[f.range.clone()])
        .collect();
    let helps: Vec<String> = theirs.iter().map(|n| format!("{{{n}}}")).collect();
    Some(format!(
        "the catalog's message has {}, the help's has {}",
        listed(&written),
        listed(&helps)
    ))
}

/// "no placeholders" or "2 placeholders (`%s`, `%d`)".
fn listed<S: AsRef<str>>(items: &[S]) -> String {
    if items.is_empty() {
        return "no placeholders".to_string();
    }
    let quoted: Vec<String> = items.iter().map(|s| format!("`{}`", s.as_ref())).collect();
    format!(
        "{} ({})",
        crate::diag::words::count(items.len(), "placeholder"),
        quoted.join(", ")
    )
}

/// How the help would write a catalog placeholder: `{name}`'s name, or `{0}`-style index.
fn help_form(placeholder: &Placeholder) -> String {
    match placeholder {
        Placeholder::Name(name) => name.clone(),
        Placeholder::Position(n) => (n - 1).to_string(),
    }
}

/// What a `%` starts.
enum Printf {
    /// `%%`.
    Literal,
    /// A conversion `len` bytes long, with its `n$` position if it has one.
    Conversion { len: usize, position: Option<usize> },
    /// Not a conversion: the `%` is text.
    Text,
}

/// Reads a printf conversion at the start of `text` (which starts with `%`):
/// `%[n$][flags][width][.precision][length]conversion`, conversions as C, Java and Apple have
/// them (`@` is Apple's object).
fn printf(text: &str) -> Printf {
    let bytes = text.as_bytes();
    if bytes.get(1) == Some(&b'%') {
        return Printf::Literal;
    }
    let digits = |from: usize| {
        bytes[from..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    let mut i = 1;
    let mut position = None;
    let lead = digits(i);
    if lead > 0 && bytes.get(i + lead) == Some(&b'$') {
        position = text[i..i + lead].parse().ok().filter(|&n: &usize| n > 0);
        if position.is_none() {
            return Printf::Text;
        }
        i += lead + 1;
    }
    i += bytes[i..]
        .iter()
        .take_while(|b| matches!(b, b'-' | b'+' | b'#' | b'0' | b'\''))
        .count();
    if bytes.get(i) == Some(&b'*') {
        i += 1;
    } else {
        i += digits(i);
    }
    if bytes.get(i) == Some(&b'.') {
        i += 1;
        if bytes.get(i) == Some(&b'*') {
            i += 1;
        } else {
            i += digits(i);
        }
    }
    for length in ["hh", "ll", "h", "l", "L", "q", "j", "z", "t"] {
        if text[i..].starts_with(length) {
            i += length.len();
            break;
        }
    }
    match bytes.get(i) {
        Some(c) if b"diouxXeEfFgGaAcCsSp@".contains(c) => Printf::Conversion {
            len: i + 1,
            position,
        },
        _ => Printf::Text,
    }
}

/// How many bytes an apostrophe at the start of `text` covers in ICU: `''` is one literal
/// apostrophe, `'{…'` quotes braces up to the next apostrophe, any other is plain text.
fn icu_quote(text: &str) -> usize {
    match text.as_bytes().get(1) {
        Some(b'\'') => 2,
        Some(b'{' | b'}') => text[1..].find('\'').map_or(text.len(), |end| end + 2),
        _ => 1,
    }
}

/// An ICU argument at the start of `text` (which starts with `{`): `{name}`, `{0}`,
/// `{count, plural, one {…} other {…}}` (nested braces balanced), or i18next's `{{name}}`.
fn icu_argument(text: &str) -> Option<(usize, Placeholder)> {
    if let Some(inner) = text.strip_prefix("{{") {
        let close = inner.find("}}")?;
        let name = inner[..close].trim();
        return is_name(name).then(|| (close + 4, Placeholder::Name(name.to_string())));
    }
    let mut depth = 0usize;
    let mut end = None;
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    end = Some(i);
                    break;
                }
            }
            _ => {}
        }
    }
    let end = end?;
    let inner = &text[1..end];
    let name = inner.split(',').next().unwrap_or_default().trim();
    if let Ok(index) = name.parse::<usize>() {
        return Some((end + 1, Placeholder::Position(index + 1)));
    }
    is_name(name).then(|| (end + 1, Placeholder::Name(name.to_string())))
}

/// Whether `text` can name an argument: letters, digits, `_`, `-` and `.` (all digits: a position).
fn is_name(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(message: &str) -> Vec<Placeholder> {
        catalog_placeholders(message)
            .into_iter()
            .map(|f| f.placeholder)
            .collect()
    }

    #[test]
    fn printf_apple_and_icu_are_understood() {
        use Placeholder::{Name, Position};
        assert_eq!(kinds("%s failed: %d"), [Position(1), Position(2)]);
        assert_eq!(kinds("%2$s then %1$s"), [Position(2), Position(1)]);
        assert_eq!(kinds("%@ is %ld%% done"), [Position(1), Position(2)]);
        assert_eq!(kinds("%-10.2f and %lu"), [Position(1), Position(2)]);
        assert_eq!(kinds("50% off, 100% sure"), []);
        assert_eq!(
            kinds("Cannot reach {host}: {0}"),
            [Name("host".into()), Position(1)]
        );
        assert_eq!(
            kinds("{count, plural, one {# file} other {# files}} left"),
            [Name("count".into())]
        );
        assert_eq!(
            kinds("Use '{braces}' and it''s {{name}}"),
            [Name("name".into())]
        );
        assert_eq!(kinds("JSON like {\"a\": 1} or {}"), []);
    }

    #[test]
    fn skeletons_match_across_syntaxes() {
        assert_eq!(
            catalog_skeleton("Unable to connect to Intacct: %s."),
            help_skeleton("Unable to connect to Intacct: {reason}")
        );
        assert_ne!(
            catalog_skeleton("Unable to connect: %s (%d)"),
            help_skeleton("Unable to connect: {reason}")
        );
        assert_eq!(help_placeholders("a {x} and {y}"), ["x", "y"]);
    }

    #[test]
    fn mismatches_compare_names_or_counts() {
        let names = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(mismatch("Failed: %s", &names(&["reason"])), None);
        assert_eq!(mismatch("Failed: {reason}", &names(&["reason"])), None);
        assert_eq!(mismatch("%1$s %2$s", &names(&["0", "1"])), None);
        assert_eq!(mismatch("No placeholders", &[]), None);
        assert_eq!(
            mismatch("Failed: {host}", &names(&["reason"])).as_deref(),
            Some(
                "the catalog's message has 1 placeholder (`{host}`), the help's has 1 placeholder (`{reason}`)"
            )
        );
        assert!(mismatch("%s at %d", &names(&["reason"])).is_some());
        assert!(mismatch("%2$s", &names(&["0"])).is_some());
        assert!(mismatch("Failed", &names(&["reason"])).is_some());
    }
}
