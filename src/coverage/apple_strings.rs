//! Apple `.strings` files: `"key" = "value";` pairs with `/* … */` and `//` comments; the key is the entry's code.
//!
//! Strings are old-style property-list strings: `\"`, `\\`, `\n`, `\t`, `\r`, `\uXXXX` and
//! `\UXXXX` (UTF-16 units, surrogate pairs joined) and octal `\NNN`; any other escaped character
//! stands for itself, as Apple's parser reads it. Unquoted keys and values (letters, digits and
//! `_$:./-`) are accepted, and `"key";` means the key is its own value.

use crate::load::ParseProblem;

use super::catalog::{CatalogEntry, problem};

const GRAMMAR: &str =
    "each entry is `\"KEY\" = \"VALUE\";`, with comments in `/* */` or after `//`";

/// Parses a `.strings` file.
pub fn parse(text: &str) -> Result<Vec<CatalogEntry>, ParseProblem> {
    let mut scanner = Scanner { text, at: 0 };
    let mut entries = Vec::new();
    loop {
        scanner.skip_blank()?;
        if scanner.at == text.len() {
            return Ok(entries);
        }
        let (key, span) = scanner.string("a quoted key")?;
        scanner.skip_blank()?;
        let message = if scanner.eat(';') {
            key.clone()
        } else {
            scanner.expect('=')?;
            scanner.skip_blank()?;
            let (value, span) = scanner.string("a quoted value")?;
            scanner.skip_blank()?;
            if !scanner.eat(';') {
                return Err(problem(
                    span,
                    "this entry does not end with `;`",
                    "end every entry with `;`: `\"KEY\" = \"VALUE\";`",
                ));
            }
            value
        };
        entries.push(CatalogEntry {
            code: Some(key),
            message,
            span,
        });
    }
}

/// A position in the text.
struct Scanner<'a> {
    text: &'a str,
    at: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<char> {
        self.text[self.at..].chars().next()
    }

    /// Consumes `c` if it is next.
    fn eat(&mut self, c: char) -> bool {
        let found = self.peek() == Some(c);
        if found {
            self.at += c.len_utf8();
        }
        found
    }

    /// Consumes `c`, or says what was expected here.
    fn expect(&mut self, c: char) -> Result<(), ParseProblem> {
        if self.eat(c) {
            return Ok(());
        }
        Err(self.unexpected(&format!("`{c}`")))
    }

    /// A problem at the next character: "expected X here".
    fn unexpected(&self, expected: &str) -> ParseProblem {
        let len = self.peek().map_or(0, char::len_utf8);
        let found = match self.peek() {
            Some(c) => format!("`{c}`"),
            None => "the end of the file".to_string(),
        };
        problem(
            self.at..self.at + len,
            format!("expected {expected}, found {found}"),
            GRAMMAR,
        )
    }

    /// Skips whitespace and comments.
    fn skip_blank(&mut self) -> Result<(), ParseProblem> {
        loop {
            let rest = &self.text[self.at..];
            let trimmed = rest.trim_start();
            self.at += rest.len() - trimmed.len();
            if let Some(comment) = trimmed.strip_prefix("/*") {
                let Some(end) = comment.find("*/") else {
                    return Err(problem(
                        self.at..self.at + 2,
                        "this comment is not closed",
                        "end the comment with `*/`",
                    ));
                };
                self.at += end + 4;
            } else if trimmed.starts_with("//") {
                self.at += trimmed.find('\n').unwrap_or(trimmed.len());
            } else {
                return Ok(());
            }
        }
    }

    /// A quoted or unquoted string, with its span.
    fn string(&mut self, what: &str) -> Result<(String, std::ops::Range<usize>), ParseProblem> {
        let start = self.at;
        if !self.eat('"') {
            let rest = &self.text[self.at..];
            let len = rest
                .find(|c: char| !(c.is_alphanumeric() || "_$:./-".contains(c)))
                .unwrap_or(rest.len());
            if len == 0 {
                return Err(self.unexpected(what));
            }
            self.at += len;
            return Ok((rest[..len].to_string(), start..self.at));
        }
        let mut value = String::new();
        loop {
            let Some(c) = self.peek() else {
                return Err(problem(
                    start..self.at,
                    "this string has no closing quote",
                    "end it with `\"`; write a quote inside a string as `\\\"`",
                ));
            };
            self.at += c.len_utf8();
            match c {
                '"' => return Ok((value, start..self.at)),
                '\\' => self.escape(&mut value)?,
                c => value.push(c),
            }
        }
    }

    /// Decodes the escape after a backslash.
    fn escape(&mut self, value: &mut String) -> Result<(), ParseProblem> {
        let backslash = self.at - 1;
        let Some(c) = self.peek() else {
            return Err(self.unexpected("an escaped character"));
        };
        self.at += c.len_utf8();
        match c {
            'n' => value.push('\n'),
            't' => value.push('\t'),
            'r' => value.push('\r'),
            'u' | 'U' => {
                let unit = self.hex4(backslash)?;
                let rest = &self.text[self.at..];
                let high = (0xD800..0xDC00).contains(&unit);
                let decoded = if high && (rest.starts_with("\\u") || rest.starts_with("\\U")) {
                    self.at += 2;
                    let low = self.hex4(backslash)?;
                    char::decode_utf16([unit, low]).next().and_then(Result::ok)
                } else {
                    char::from_u32(u32::from(unit))
                };
                let Some(decoded) = decoded else {
                    return Err(problem(
                        backslash..self.at,
                        "this escape is half of a UTF-16 surrogate pair",
                        "write the character itself, or both halves of its pair",
                    ));
                };
                value.push(decoded);
            }
            '0'..='7' => {
                let mut code = c.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    match self.peek().and_then(|d| d.to_digit(8)) {
                        Some(d) => {
                            code = code * 8 + d;
                            self.at += 1;
                        }
                        None => break,
                    }
                }
                value.push(char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER));
            }
            c => value.push(c),
        }
        Ok(())
    }

    /// Four hex digits: one UTF-16 unit.
    fn hex4(&mut self, backslash: usize) -> Result<u16, ParseProblem> {
        let digits = self.text[self.at..].get(..4).unwrap_or("");
        match u16::from_str_radix(digits, 16) {
            Ok(unit) if digits.bytes().all(|b| b.is_ascii_hexdigit()) => {
                self.at += 4;
                Ok(unit)
            }
            _ => Err(problem(
                backslash..self.at,
                "`\\u` and `\\U` take four hex digits",
                "write the character as `\\U00E9` or as itself",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_pairs_comments_and_escapes() {
        let text = "/* Sign-in */\n\"E_AUTH\" = \"Can't sign in: %@\";\n// note\n\"quote\"=\"a \\\"b\\\" \\U00e9 \\ud83d\\ude00\\n\";\nplain = word;\n\"same\";\n";
        let entries = parse(text).unwrap();
        let got: Vec<(&str, &str)> = entries
            .iter()
            .map(|e| (e.code.as_deref().unwrap(), e.message.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("E_AUTH", "Can't sign in: %@"),
                ("quote", "a \"b\" é 😀\n"),
                ("plain", "word"),
                ("same", "same")
            ]
        );
        assert_eq!(&text[entries[0].span.clone()], "\"E_AUTH\"");
    }

    #[test]
    fn mistakes_are_located() {
        let at = |text: &str| parse(text).unwrap_err().range;
        assert_eq!(at("\"a\" = \"b\"\n\"c\" = \"d\";"), 6..9);
        assert_eq!(at("\"a\" = \"b;\n"), 6..10);
        assert_eq!(at("/* open"), 0..2);
        assert_eq!(at("\"a\" = \"\\u12\";"), 7..9);
        assert_eq!(at("\"a\" : \"b\";"), 4..5);
    }
}
