//! Message templates: ICU-style `{name}` placeholders in an error's `message` or `match` wordings, parsed, matched and compared.
//!
//! Syntax (a subset of ICU MessageFormat, so catalog messages can be pasted as they are):
//! `{name}` or `{name, type, style}` is a placeholder (`name` is letters, digits and `_`); a
//! quote followed by a brace starts quoted literal text, so `'{'` is a literal `{` and `'}'` a
//! literal `}`; `''` is one apostrophe; any other apostrophe is literal ("haven't"). `{{`, which
//! elsewhere in helpdoc fills a publication variable, is an error here: messages are matched as
//! the product shows them, and variables are not filled in them. A placeholder matches one or
//! more characters; two placeholders with nothing between them are an error (where one ends
//! would be a guess), and so is a message made only of placeholders (it would match anything).

use std::ops::Range;

use super::normalize::Normalized;

/// Stands for a placeholder while a template is normalized (a private-use character: NFKC,
/// lowercasing and the other steps leave it alone, and [`parse`] refuses it in a message).
const SLOT: char = '\u{E000}';

/// What a message (or `match` wording) is for lookup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pattern {
    /// A message without placeholders: found by its normalized text.
    Exact(String),
    /// A message with placeholders.
    Template(Template),
}

/// A parsed template, normalized: literal text around each placeholder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    /// The normalized literal text before, between and after the placeholders
    /// (`names.len() + 1` items; only the first and the last can be empty).
    pub literals: Vec<String>,
    /// The placeholder names, in order.
    pub names: Vec<String>,
}

/// Why a message is not a valid template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    /// Byte range in the message.
    pub range: Range<usize>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: String,
}

/// One piece of a message as written.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Literal(String),
    Placeholder(String, Range<usize>),
}

/// The placeholder names of a message, in order (repeats kept). A message that is not a valid
/// template yields the names before the mistake; `check` reports the mistake.
pub fn placeholders(message: &str) -> Vec<String> {
    let mut names = Vec::new();
    let _ = pieces(message, &mut |piece| {
        if let Piece::Placeholder(name, _) = piece {
            names.push(name);
        }
    });
    names
}

/// Parses and normalizes a message for lookup.
pub fn parse(message: &str) -> Result<Pattern, TemplateError> {
    let mut parts = Vec::new();
    pieces(message, &mut |piece| parts.push(piece))?;
    let names: Vec<String> = parts
        .iter()
        .filter_map(|p| match p {
            Piece::Placeholder(name, _) => Some(name.clone()),
            Piece::Literal(_) => None,
        })
        .collect();
    let mut joined = String::with_capacity(message.len());
    for part in &parts {
        match part {
            Piece::Literal(text) => joined.push_str(text),
            Piece::Placeholder(..) => joined.push(SLOT),
        }
    }
    let normalized = Normalized::new(&joined).text;
    if names.is_empty() {
        return Ok(Pattern::Exact(normalized));
    }
    let literals: Vec<String> = normalized.split(SLOT).map(str::to_string).collect();
    let placeholder_ranges: Vec<Range<usize>> = parts
        .iter()
        .filter_map(|p| match p {
            Piece::Placeholder(_, range) => Some(range.clone()),
            Piece::Literal(_) => None,
        })
        .collect();
    if let Some(i) = (1..names.len()).find(|&i| literals[i].is_empty()) {
        return Err(TemplateError {
            range: placeholder_ranges[i - 1].start..placeholder_ranges[i].end,
            message: format!(
                "placeholders `{{{}}}` and `{{{}}}` have no text between them, so where one ends is a guess",
                names[i - 1],
                names[i]
            ),
            help: "join them into one placeholder, or keep the text the product shows between them"
                .into(),
        });
    }
    if !literals
        .iter()
        .flat_map(|l| l.chars())
        .any(char::is_alphanumeric)
    {
        return Err(TemplateError {
            range: 0..message.len(),
            message: "this message has no words outside its placeholders, so it would match almost any message".into(),
            help: "keep the words the product always shows around the placeholders".into(),
        });
    }
    Ok(Pattern::Template(Template { literals, names }))
}

/// Splits a message into literal text and placeholders, calling `out` for each piece.
fn pieces(message: &str, out: &mut dyn FnMut(Piece)) -> Result<(), TemplateError> {
    let error = |range: Range<usize>, message: String, help: &str| TemplateError {
        range,
        message,
        help: help.to_string(),
    };
    let literal_brace = "write a literal brace as '{' or '}' (ICU quoting)";
    let mut literal = String::new();
    let mut chars = message.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            SLOT => {
                return Err(error(
                    at..at + c.len_utf8(),
                    "the private-use character U+E000 cannot be used in a message".into(),
                    "remove it",
                ));
            }
            '\'' => match chars.peek().map(|&(_, next)| next) {
                Some('\'') => {
                    chars.next();
                    literal.push('\'');
                }
                Some('{' | '}') => {
                    // Quoted literal text, up to the next lone apostrophe.
                    let mut closed = false;
                    while let Some((_, q)) = chars.next() {
                        if q == '\'' {
                            if chars.peek().is_some_and(|&(_, n)| n == '\'') {
                                chars.next();
                                literal.push('\'');
                            } else {
                                closed = true;
                                break;
                            }
                        } else if q == SLOT {
                            return Err(error(
                                at..message.len(),
                                "the private-use character U+E000 cannot be used in a message"
                                    .into(),
                                "remove it",
                            ));
                        } else {
                            literal.push(q);
                        }
                    }
                    if !closed {
                        return Err(error(
                            at..message.len(),
                            "this quote starts literal text that is never closed".into(),
                            "close it with another apostrophe: '{' is a literal brace",
                        ));
                    }
                }
                _ => literal.push('\''),
            },
            '{' => {
                if chars.peek().is_some_and(|&(_, n)| n == '{') {
                    return Err(error(
                        at..at + 2,
                        "`{{` starts a publication variable, which messages do not use: a message is matched as the product shows it".into(),
                        "write the text itself, a placeholder such as `{name}`, or a literal brace as '{'",
                    ));
                }
                let Some(close) = message[at + 1..].find(['{', '}']).map(|i| at + 1 + i) else {
                    return Err(error(
                        at..message.len(),
                        "this `{` starts a placeholder that is never closed".into(),
                        &format!("close it with `}}`, or {literal_brace}"),
                    ));
                };
                if message.as_bytes()[close] == b'{' {
                    return Err(error(
                        at..close + 1,
                        "a placeholder cannot hold braces (ICU `plural` and `select` are not supported)".into(),
                        "write one wording per form: the message and `match` wordings",
                    ));
                }
                let inside = &message[at + 1..close];
                let name = inside.split(',').next().unwrap_or_default().trim();
                if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
                    return Err(error(
                        at..close + 1,
                        format!(
                            "`{{{inside}}}` is not a placeholder: its name must be letters, digits and `_`"
                        ),
                        &format!("name it like `{{reason}}`, or {literal_brace}"),
                    ));
                }
                if !literal.is_empty() {
                    out(Piece::Literal(std::mem::take(&mut literal)));
                }
                out(Piece::Placeholder(name.to_string(), at..close + 1));
                while chars.peek().is_some_and(|&(i, _)| i <= close) {
                    chars.next();
                }
            }
            '}' => {
                return Err(error(
                    at..at + 1,
                    "this `}` closes no placeholder".into(),
                    literal_brace,
                ));
            }
            other => literal.push(other),
        }
    }
    if !literal.is_empty() {
        out(Piece::Literal(literal));
    }
    Ok(())
}

impl Template {
    /// How much literal text it has, in characters: among templates that match a message, the
    /// one with the most wins.
    pub fn literal_chars(&self) -> usize {
        self.literals.iter().map(|l| l.chars().count()).sum()
    }

    /// Matches the whole of a normalized message; see [`match_literals`].
    pub fn matches(&self, text: &str) -> Option<Vec<Range<usize>>> {
        match_literals(&self.literals, text)
    }

    /// Whether some message matches both templates (then which one a product gets is a guess,
    /// and `check` refuses it). Each template is a sequence of characters and "one or more of
    /// anything"; this walks both at once, in time proportional to the product of their lengths.
    ///
    /// A message both match starts with both leading texts and ends with both trailing ones, so
    /// unless one of each pair extends the other they cannot overlap, and the walk is skipped:
    /// most pairs (the same template renamed in many topics, "… (copy 2)") differ at an end.
    pub fn overlaps(&self, other: &Template) -> bool {
        self.ends_agree(other) && self.walk_overlaps(other)
    }

    /// [`Template::overlaps`] by the walk alone.
    fn walk_overlaps(&self, other: &Template) -> bool {
        let a = self.tokens();
        let b = other.tokens();
        let width = b.len() + 1;
        let mut seen = vec![false; (a.len() + 1) * width];
        let mut stack = vec![(0usize, 0usize)];
        while let Some((i, j)) = stack.pop() {
            if std::mem::replace(&mut seen[i * width + j], true) {
                continue;
            }
            if i == a.len() && j == b.len() {
                return true;
            }
            // A `Star` can be skipped without reading a character.
            if a.get(i) == Some(&Token::Star) {
                stack.push((i + 1, j));
            }
            if b.get(j) == Some(&Token::Star) {
                stack.push((i, j + 1));
            }
            let (Some(x), Some(y)) = (a.get(i), b.get(j)) else {
                continue;
            };
            let agree = match (x, y) {
                (Token::Char(c), Token::Char(d)) => c == d,
                _ => true,
            };
            if agree {
                let ni = if *x == Token::Star { i } else { i + 1 };
                let nj = if *y == Token::Star { j } else { j + 1 };
                stack.push((ni, nj));
            }
        }
        false
    }

    /// Whether one template's leading text starts with the other's, and one's trailing text ends
    /// with the other's (what any message both match needs).
    fn ends_agree(&self, other: &Template) -> bool {
        let extends =
            |a: Option<&String>, b: Option<&String>, f: fn(&str, &str) -> bool| match (a, b) {
                (Some(a), Some(b)) => f(a, b) || f(b, a),
                _ => true,
            };
        extends(self.literals.first(), other.literals.first(), |a, b| {
            a.starts_with(b)
        }) && extends(self.literals.last(), other.literals.last(), |a, b| {
            a.ends_with(b)
        })
    }

    fn tokens(&self) -> Vec<Token> {
        let mut tokens = Vec::new();
        for (i, literal) in self.literals.iter().enumerate() {
            if i > 0 {
                tokens.extend([Token::Any, Token::Star]);
            }
            tokens.extend(literal.chars().map(Token::Char));
        }
        tokens
    }
}

/// A template as a sequence for [`Template::overlaps`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    Char(char),
    /// Exactly one character.
    Any,
    /// Zero or more characters.
    Star,
}

/// Matches a template, given as its normalized literal text around the placeholders, against the
/// whole of a normalized message; returns each placeholder's byte range in it. Each placeholder
/// takes one or more characters and ends where the next literal text first occurs (the leftmost
/// split), so every implementation cuts the same values.
pub fn match_literals(literals: &[String], text: &str) -> Option<Vec<Range<usize>>> {
    let (first, rest) = literals.split_first()?;
    let (last, middle) = rest.split_last()?;
    let mut at = first.len();
    let end = text.len().checked_sub(last.len())?;
    if !text.starts_with(first.as_str()) || !text.ends_with(last.as_str()) || end < at {
        return None;
    }
    let mut ranges = Vec::with_capacity(middle.len() + 1);
    for literal in middle {
        let from = next_char(text, at)?;
        let found = text.get(from..end)?.find(literal.as_str())? + from;
        ranges.push(at..found);
        at = found + literal.len();
    }
    if next_char(text, at)? > end {
        return None;
    }
    ranges.push(at..end);
    Some(ranges)
}

/// The byte offset after the character at `at`, if there is one.
fn next_char(text: &str, at: usize) -> Option<usize> {
    text[at..].chars().next().map(|c| at + c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template(message: &str) -> Template {
        match parse(message) {
            Ok(Pattern::Template(t)) => t,
            other => panic!("{message}: {other:?}"),
        }
    }

    fn error(message: &str) -> String {
        parse(message).expect_err(message).message
    }

    #[test]
    fn parses_and_normalizes_literal_text() {
        let t = template("Unable to connect to Intacct: {reason}.");
        assert_eq!(t.literals, ["unable to connect to intacct: ", ""]);
        assert_eq!(t.names, ["reason"]);
        assert_eq!(
            parse("Missing  permissions!"),
            Ok(Pattern::Exact("missing permissions".into()))
        );
        let t = template("{count, number} files in “{folder}”");
        assert_eq!(t.literals, ["", " files in \"", "\""]);
        assert_eq!(placeholders("{a} and {b, number} and {a}"), ["a", "b", "a"]);
    }

    #[test]
    fn icu_quoting_writes_literal_braces() {
        assert_eq!(
            parse("Use '{'braces'}' here"),
            Ok(Pattern::Exact("use {braces} here".into()))
        );
        assert_eq!(
            parse("I haven't got it"),
            Ok(Pattern::Exact("i haven't got it".into()))
        );
        assert_eq!(
            parse("It''s '{x}' {y}"),
            Ok(Pattern::Template(Template {
                literals: vec!["it's {x} ".into(), String::new()],
                names: vec!["y".into()],
            }))
        );
    }

    #[test]
    fn refuses_what_would_be_a_guess() {
        assert!(error("{a}{b} failed").contains("no text between"));
        assert!(error("{a}").contains("no words outside"));
        assert!(error("{a} {b}").contains("no words outside"));
        assert!(error("Hello {{product}}").contains("publication variable"));
        assert!(error("Oops {reason").contains("never closed"));
        assert!(error("Oops } here").contains("closes no placeholder"));
        assert!(error("{n, plural, one {# file} other {# files}}").contains("plural"));
        assert!(error("Bad {na me}").contains("not a placeholder"));
        assert!(error("Quote '{ never closed").contains("never closed"));
        let e = parse("ab {x}{y}").unwrap_err();
        assert_eq!(e.range, 3..9);
    }

    #[test]
    fn matches_whole_normalized_text() {
        let t = template("Unable to connect to Intacct: {reason}");
        let text = "unable to connect to intacct: timeout";
        assert_eq!(t.matches(text), Some(vec![Range { start: 30, end: 37 }]));
        assert_eq!(t.matches("unable to connect to intacct:"), None);
        assert_eq!(t.matches("oh, unable to connect to intacct: x"), None);
        let t = template("{a} to {b}");
        assert_eq!(t.matches("x to y to z"), Some(vec![0..1, 5..11]));
        assert_eq!(t.matches(" to y"), None);
        let t = template("Error {code}");
        assert_eq!(t.matches("error é"), Some(vec![Range { start: 6, end: 8 }]));
        assert_eq!(t.matches("error "), None);
    }

    #[test]
    fn finds_templates_that_match_the_same_text() {
        let a = template("Unable to connect: {reason}");
        assert!(a.overlaps(&template("Unable to {what}")));
        assert!(a.overlaps(&template("{what}: timeout")));
        assert!(!a.overlaps(&template("Unable to sync: {reason}")));
        assert!(a.overlaps(&template("{what} failed")));
        assert!(!a.overlaps(&template("Sync {what}")));
        assert!(template("{a} x {b}").overlaps(&template("{c} y {d}")));
        assert!(!template("a {x} b").overlaps(&template("a {x}c")));
    }

    /// The test of the two ends only skips walks that find no overlap.
    #[test]
    fn the_ends_test_agrees_with_the_walk() {
        let all: Vec<Template> = [
            "Unable to connect: {reason}",
            "Unable to {what}",
            "{what}: timeout",
            "Unable to sync: {reason}",
            "{what} failed",
            "Sync {what}",
            "{a} x {b}",
            "{c} y {d}",
            "a {x} b",
            "a {x}c",
            "Unable to {x} (copy 1)",
            "Unable to {x} (copy 11)",
            "Unable {x} to {y} (copy 1)",
            "{x} (copy 1)",
            "Ünable to {x} ü",
        ]
        .iter()
        .map(|t| template(t))
        .collect();
        let mut overlapping = 0;
        for a in &all {
            for b in &all {
                assert_eq!(a.overlaps(b), a.walk_overlaps(b), "{a:?} {b:?}");
                overlapping += usize::from(a.overlaps(b));
            }
        }
        assert!(overlapping > all.len(), "{overlapping}");
        assert!(!template("Unable to {x} (copy 1)").overlaps(&template("Unable to {x} (copy 2)")));
    }
}
