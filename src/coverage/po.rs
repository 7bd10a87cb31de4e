//! gettext PO/POT catalogs: each entry's code is its `msgctxt`, its message its `msgid` (the source text); the header and obsolete (`#~`) entries are left out.
//!
//! A small parser rather than a crate: diagnostics need each entry's line, and the grammar is
//! small: comment lines, keyword lines (`msgctxt`, `msgid`, `msgid_plural`, `msgstr`,
//! `msgstr[N]`) each followed by a C string, and continuation lines holding one more string.

use std::ops::Range;

use crate::load::ParseProblem;

use super::catalog::{CatalogEntry, problem};

const GRAMMAR: &str = "a PO entry is `msgctxt \"…\"` (optional), `msgid \"…\"` and `msgstr \"…\"`, each string on one line, continued on the next lines by more quoted strings";

/// The field a string is added to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Context,
    Id,
    Other,
}

/// The entry being read.
#[derive(Default)]
struct Pending {
    context: Option<String>,
    id: Option<String>,
    translated: bool,
    /// Where the entry starts (its first keyword's line).
    span: Option<Range<usize>>,
    field: Option<Field>,
}

/// Parses a PO or POT file.
pub fn parse(text: &str) -> Result<Vec<CatalogEntry>, ParseProblem> {
    let mut entries = Vec::new();
    let mut pending = Pending::default();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let at = start;
        start += line.len();
        let line = line.trim_end_matches('\n');
        let indent = line.len() - line.trim_start().len();
        let trimmed = line.trim();
        let at = at + indent;
        if trimmed.is_empty() || trimmed.starts_with('#') {
            // A comment begins the next entry (or sits between entries).
            if trimmed.starts_with('#') && pending.translated {
                finish(&mut pending, &mut entries)?;
            }
            continue;
        }
        if trimmed.starts_with('"') {
            let Some(field) = pending.field else {
                return Err(problem(
                    at..at + 1,
                    "this string follows no `msgid`, `msgctxt` or `msgstr`",
                    GRAMMAR,
                ));
            };
            let value = string(trimmed, at)?;
            match field {
                Field::Context => pending.context.get_or_insert_default().push_str(&value),
                Field::Id => pending.id.get_or_insert_default().push_str(&value),
                Field::Other => {}
            }
            continue;
        }
        let keyword_len = trimmed.find([' ', '\t', '"']).unwrap_or(trimmed.len());
        let keyword = &trimmed[..keyword_len];
        let span = at..at + keyword_len;
        let field = match keyword {
            "msgctxt" | "msgid" => {
                if pending.translated {
                    finish(&mut pending, &mut entries)?;
                }
                let repeated = if keyword == "msgctxt" {
                    pending.context.is_some() || pending.id.is_some()
                } else {
                    pending.id.is_some()
                };
                if repeated {
                    return Err(problem(
                        span,
                        format!("`{keyword}` comes again before the entry's `msgstr`"),
                        GRAMMAR,
                    ));
                }
                pending.span.get_or_insert(span);
                if keyword == "msgctxt" {
                    Field::Context
                } else {
                    Field::Id
                }
            }
            _ if keyword == "msgid_plural" || is_msgstr(keyword) => {
                if pending.id.is_none() {
                    return Err(problem(
                        span,
                        format!("`{keyword}` with no `msgid` before it"),
                        GRAMMAR,
                    ));
                }
                pending.translated |= is_msgstr(keyword);
                Field::Other
            }
            _ => {
                return Err(problem(
                    span,
                    format!("`{keyword}` is not a PO keyword"),
                    "expected `msgctxt`, `msgid`, `msgid_plural`, `msgstr`, `msgstr[N]`, a quoted string or a `#` comment",
                ));
            }
        };
        let rest = &trimmed[keyword_len..];
        let gap = rest.len() - rest.trim_start().len();
        let value = string(rest.trim_start(), at + keyword_len + gap)?;
        match field {
            Field::Context => pending.context = Some(value),
            Field::Id => pending.id = Some(value),
            Field::Other => {}
        }
        pending.field = Some(field);
    }
    finish(&mut pending, &mut entries)?;
    Ok(entries)
}

/// `msgstr`, or a plural's `msgstr[0]`, `msgstr[1]`, …
fn is_msgstr(keyword: &str) -> bool {
    keyword == "msgstr"
        || keyword
            .strip_prefix("msgstr[")
            .and_then(|rest| rest.strip_suffix(']'))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Ends the pending entry: keeps it unless it is the header (`msgid ""` with no context).
fn finish(pending: &mut Pending, entries: &mut Vec<CatalogEntry>) -> Result<(), ParseProblem> {
    let entry = std::mem::take(pending);
    let Some(span) = entry.span else {
        return Ok(());
    };
    let Some(id) = entry.id else {
        return Err(problem(
            span,
            "this `msgctxt` has no `msgid` after it",
            GRAMMAR,
        ));
    };
    if !entry.translated {
        return Err(problem(
            span,
            "this entry has no `msgstr`",
            "add `msgstr \"\"` after the `msgid` (a POT template leaves it empty)",
        ));
    }
    if id.is_empty() && entry.context.is_none() {
        return Ok(());
    }
    entries.push(CatalogEntry {
        code: entry.context,
        message: id,
        span,
    });
    Ok(())
}

/// The value of a C string that is all of `text` (which starts at byte `at` of the file), with
/// its escapes decoded; only whitespace may follow it.
fn string(text: &str, at: usize) -> Result<String, ParseProblem> {
    if !text.starts_with('"') {
        let end = at + text.len().max(1);
        return Err(problem(
            at..end,
            "expected a string in double quotes here",
            GRAMMAR,
        ));
    }
    let mut value = String::new();
    let mut chars = text.char_indices().skip(1);
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => {
                let rest = &text[i + 1..];
                if !rest.trim().is_empty() {
                    let from = at + i + 1 + (rest.len() - rest.trim_start().len());
                    return Err(problem(
                        from..at + text.len(),
                        "unexpected text after the closing quote",
                        "write one string per line; escape a quote inside a string as `\\\"`",
                    ));
                }
                return Ok(value);
            }
            '\\' => {
                let escape = chars.next().map(|(_, c)| c);
                let decoded = match escape {
                    Some('n') => '\n',
                    Some('t') => '\t',
                    Some('r') => '\r',
                    Some('a') => '\u{7}',
                    Some('b') => '\u{8}',
                    Some('f') => '\u{c}',
                    Some('v') => '\u{b}',
                    Some(c @ ('\\' | '"' | '\'' | '?')) => c,
                    _ => {
                        let len = escape.map_or(1, |c| 1 + c.len_utf8());
                        return Err(problem(
                            at + i..at + i + len,
                            "unknown escape in a PO string",
                            "escapes are `\\n`, `\\t`, `\\\"` and `\\\\` (write a backslash as `\\\\`)",
                        ));
                    }
                };
                value.push(decoded);
            }
            c => value.push(c),
        }
    }
    Err(problem(
        at..at + text.len(),
        "this string has no closing quote",
        "end the string with `\"` on the same line, and continue it on the next line in new quotes",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_context_id_continuations_and_skips_header_and_obsolete() {
        let text = "msgid \"\"\nmsgstr \"Content-Type: text/plain\\n\"\n\n#. comment\nmsgctxt \"E_AUTH\"\nmsgid \"Sign-in \"\n\"failed: \\\"%s\\\"\"\nmsgstr \"\"\n\n#~ msgid \"old\"\n#~ msgstr \"\"\nmsgid \"One file\"\nmsgid_plural \"%d files\"\nmsgstr[0] \"\"\nmsgstr[1] \"\"\n";
        let entries = parse(text).unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].code.as_deref(), Some("E_AUTH"));
        assert_eq!(entries[0].message, "Sign-in failed: \"%s\"");
        assert_eq!(&text[entries[0].span.clone()], "msgctxt");
        assert_eq!(entries[1].code, None);
        assert_eq!(entries[1].message, "One file");
    }

    #[test]
    fn mistakes_are_located() {
        let at = |text: &str| parse(text).unwrap_err().range;
        assert_eq!(at("msgid \"a\nmsgstr \"\"\n"), 6..8);
        assert_eq!(at("msgid \"a\" x\nmsgstr \"\"\n"), 10..11);
        assert_eq!(at("msgid \"a\\q\"\nmsgstr \"\"\n"), 8..10);
        assert_eq!(at("msgid \"a\"\n\nmsgid \"b\"\nmsgstr \"\"\n"), 11..16);
        assert_eq!(at("msgstr \"\"\n"), 0..6);
        assert_eq!(at("msgid \"a\"\nmsgstr \"\"\nbogus\n"), 20..25);
        assert_eq!(at("msgid \"a\"\n"), 0..5);
    }
}
