//! Escaping for MDX 3 / CommonMark / Docusaurus: text, code spans, code fences, link targets, ids, YAML.
//!
//! The rule is "escape exactly what a parser could read as syntax", so the Markdown stays readable:
//! `Company > Admin` stays as written, while `{`, `<`, `*`, `[`, and line-start markers such as `#`,
//! `-` or `1.` are escaped. Every escape used (`\` before ASCII punctuation, `&#NN;`) is valid
//! CommonMark, valid MDX 3, and survives Docusaurus' preprocessing.

use crate::text::yaml_quote;

/// Escapes plain text for inline Markdown.
///
/// `at_line_start`: the text begins a line (a paragraph, a list item, the line after a hard break),
/// where `#`, `>`, `-`, `+`, `=`, `1.`, `import`/`export` and leading spaces would start a block.
/// `next`: the first character the caller writes after this text (`[` for a link, `*` for
/// emphasis, `None` at the end), which decides whether `!`, `&`, `:` and `_` are dangerous.
/// Line breaks become spaces; Unicode (including bidi controls) is kept as text.
pub fn text(source: &str, at_line_start: bool, next: Option<char>) -> String {
    let source = if at_line_start {
        source.trim_start_matches([' ', '\t', '\n', '\r'])
    } else {
        source
    };
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len() + 8);
    let mut start = 0;
    if at_line_start {
        start = line_start(&chars, &mut out);
    }
    for i in start..chars.len() {
        let c = chars[i];
        let prev = if i == 0 { None } else { Some(chars[i - 1]) };
        let following = chars.get(i + 1).copied().or(next);
        match c {
            '\n' | '\r' => out.push(' '),
            '\\' | '`' | '*' | '{' | '}' | '[' | ']' | '<' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            // `_` between two letters or digits can neither open nor close emphasis.
            '_' if !(prev.is_some_and(char::is_alphanumeric)
                && following.is_some_and(char::is_alphanumeric)) =>
            {
                out.push_str("\\_");
            }
            // `&name;` and `&#NN;` are character references.
            '&' if following.is_some_and(|n| n.is_alphanumeric() || n == '#') => {
                out.push_str("\\&")
            }
            // `:name` is a Docusaurus (remark-directive) text directive; `::`/`:::` leaf and
            // container directives.
            ':' if following.is_some_and(|n| n.is_ascii_alphabetic() || n == ':') => {
                out.push_str("\\:");
            }
            // `![` starts an image.
            '!' if following == Some('[') => out.push_str("\\!"),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes the block-starting constructs at the start of a line; returns how many characters of
/// `chars` it consumed (the rest is escaped as ordinary text).
fn line_start(chars: &[char], out: &mut String) -> usize {
    let Some(&first) = chars.first() else {
        return 0;
    };
    // ESM (`import x from 'y'`, `export const a = 1`) at the start of a line is code in MDX. A
    // character reference for the first letter keeps the word as text.
    for (word, reference) in [("import", "&#105;"), ("export", "&#101;")] {
        let len = word.len();
        if chars.len() >= len
            && chars[..len].iter().copied().eq(word.chars())
            && !chars
                .get(len)
                .is_some_and(|c| c.is_alphanumeric() || *c == '_' || *c == '$')
        {
            out.push_str(reference);
            return 1;
        }
    }
    match first {
        // Headings, block quotes, bullets, thematic breaks and setext underlines.
        '#' | '>' | '-' | '+' | '=' => {
            out.push('\\');
            out.push(first);
            1
        }
        // `1.` and `1)` start ordered lists.
        '0'..='9' => {
            let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
            if matches!(chars.get(digits), Some('.') | Some(')')) {
                out.extend(&chars[..digits]);
                out.push('\\');
                out.push(chars[digits]);
                digits + 1
            } else {
                0
            }
        }
        _ => 0,
    }
}

/// A code span whose fence is longer than any backtick run inside, padded where CommonMark would
/// otherwise strip or merge characters. `in_table`: GFM splits table cells on `|` before it parses
/// code spans, so `|` must be escaped there (GFM removes the backslash again).
pub fn code_span(code: &str, in_table: bool) -> String {
    let mut content: String = code
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    if content.is_empty() {
        return String::new();
    }
    if in_table {
        content = content.replace('|', "\\|");
    }
    let fence = "`".repeat(longest_run(&content, '`') + 1);
    let all_spaces = content.chars().all(|c| c == ' ');
    let pad = content.starts_with('`')
        || content.ends_with('`')
        || (!all_spaces && content.starts_with(' ') && content.ends_with(' '));
    let pad = if pad { " " } else { "" };
    format!("{fence}{pad}{content}{pad}{fence}")
}

/// A fenced code block, as lines. The fence is longer than any run of its character anywhere
/// in the code: a line of the code that CommonMark would read as a closing fence is indented by
/// spaces or tabs (a tab counts to the next multiple of four columns, so a tab after a list
/// item's indent can be one column of indentation), and measuring every run closes that gap
/// whatever the indentation.
///
/// Docusaurus rewrites ```` ```mdx-code-block ```` fences into live MDX with a regular expression
/// that ignores Markdown structure; when the code mentions `mdx-code-block` a tilde fence keeps
/// the block's own fences out of that expression's reach, and that language is never written.
pub fn code_block(code: &str, language: Option<&str>) -> Vec<String> {
    let fence_char = if code.contains("mdx-code-block") {
        '~'
    } else {
        '`'
    };
    let longest = longest_run(code, fence_char);
    let fence: String = std::iter::repeat_n(fence_char, longest.max(2) + 1).collect();
    let info = language.map(info_string).unwrap_or_default();
    let mut lines = vec![format!("{fence}{info}")];
    lines.extend(
        code.trim_end_matches(['\n', '\r'])
            .split('\n')
            .map(|l| l.trim_end_matches('\r').to_string()),
    );
    lines.push(fence);
    lines
}

/// A code block's language as one safe word (letters, digits, `+ # . _ -`), or nothing.
fn info_string(language: &str) -> String {
    let word = language.trim();
    let safe = !word.is_empty()
        && word.len() <= 40
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+#._-".contains(c))
        && !word.eq_ignore_ascii_case("mdx-code-block");
    if safe {
        word.to_string()
    } else {
        String::new()
    }
}

fn longest_run(text: &str, ch: char) -> usize {
    let (mut longest, mut current) = (0, 0);
    for c in text.chars() {
        if c == ch {
            current += 1;
            longest = longest.max(current);
        } else {
            current = 0;
        }
    }
    longest
}

/// A link destination: percent-encodes everything that could end it or be read as syntax
/// (spaces, controls, `()<>{}`, quotes, backslashes, non-ASCII).
pub fn url(target: &str) -> String {
    let mut out = String::with_capacity(target.len());
    for byte in target.bytes() {
        let safe = byte.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&*+,;=%".contains(&byte);
        if safe {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// A relative file path as a link destination: only unreserved characters and `/` stay as they are.
pub fn path(relative: &str) -> String {
    let mut out = String::with_capacity(relative.len());
    for byte in relative.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// A JSX string attribute value (`label="…"`): MDX decodes character references in attribute
/// values, so `&`, `"` and `<` are written as references; line breaks and other control
/// characters become spaces (an attribute is one line of text).
pub fn attribute(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A YAML double-quoted scalar for front matter, in the crate's one YAML quoter's front-matter
/// dialect: besides what YAML needs, `{ } < >` and `` ` `` are escaped, so a tool that reads the
/// front matter as Markdown (plain MDX does) sees no expression or tag.
pub fn yaml_string(value: &str) -> String {
    yaml_quote::double_quoted(value, yaml_quote::Dialect::FrontMatter)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_plain_prose_readable() {
        assert_eq!(
            text("Go to Company > Admin, then click Save.", true, None),
            "Go to Company > Admin, then click Save."
        );
        assert_eq!(
            text("snake_case and 10:30", false, None),
            "snake_case and 10:30"
        );
        assert_eq!(
            text("Terms & conditions", false, None),
            "Terms & conditions"
        );
    }

    #[test]
    fn escapes_mdx_and_markdown_syntax() {
        assert_eq!(
            text("{process.exit()}", false, None),
            "\\{process.exit()\\}"
        );
        assert_eq!(
            text("<script>alert(1)</script>", false, None),
            "\\<script>alert(1)\\</script>"
        );
        assert_eq!(
            text("*a* _b_ `c` [d](e) ~f~ |g| \\h", false, None),
            "\\*a\\* \\_b\\_ \\`c\\` \\[d\\](e) \\~f\\~ \\|g\\| \\\\h"
        );
        assert_eq!(text("&amp; &#123;", false, None), "\\&amp; \\&#123;");
        assert_eq!(text("re:Invent ::x", false, None), "re\\:Invent \\:\\:x");
        assert_eq!(text("Wow!", false, Some('[')), "Wow\\!");
        assert_eq!(text("Wow!", false, None), "Wow!");
        assert_eq!(text("a\nb\rc", false, None), "a b c");
    }

    #[test]
    fn escapes_line_start_constructs() {
        for (input, expected) in [
            ("# Heading", "\\# Heading"),
            ("> quote", "\\> quote"),
            ("- item", "\\- item"),
            ("+ item", "\\+ item"),
            ("===", "\\==="),
            ("12. item", "12\\. item"),
            ("3) item", "3\\) item"),
            ("2026 was", "2026 was"),
            ("   # indented", "\\# indented"),
            ("import x from 'y'", "&#105;mport x from 'y'"),
            ("export const a = 1", "&#101;xport const a = 1"),
            ("important", "important"),
            (":::tip", "\\:\\:\\:tip"),
        ] {
            assert_eq!(text(input, true, None), expected, "{input}");
        }
        assert_eq!(text("# not a heading", false, None), "# not a heading");
    }

    #[test]
    fn keeps_bidi_controls_as_text() {
        let hostile = "a\u{202E}b\u{2066}c";
        assert_eq!(text(hostile, false, None), hostile);
    }

    #[test]
    fn code_spans_use_a_longer_fence() {
        assert_eq!(
            code_span("Missing permissions", false),
            "`Missing permissions`"
        );
        assert_eq!(code_span("a `b` c", false), "``a `b` c``");
        assert_eq!(code_span("`x", false), "`` `x ``");
        assert_eq!(code_span(" a ", false), "`  a  `");
        assert_eq!(code_span("a|b", true), "`a\\|b`");
        assert_eq!(code_span("", false), "");
    }

    #[test]
    fn code_blocks_fence_past_their_content() {
        assert_eq!(
            code_block("a\n```\nb\n", Some("xml")),
            ["````xml", "a", "```", "b", "````"]
        );
        assert_eq!(code_block("x", Some("js onload=x")), ["```", "x", "```"]);
        let unwrapped = code_block("```mdx-code-block\n{1}\n```", Some("mdx-code-block"));
        assert_eq!(unwrapped.first().map(String::as_str), Some("~~~"));
        // Indented by a tab (one column inside a list item's indent), the run still counts.
        assert_eq!(
            code_block("a\n\t````\nb", None),
            ["`````", "a", "\t````", "b", "`````"]
        );
    }

    #[test]
    fn urls_cannot_break_out() {
        assert_eq!(
            url("https://x.test/a b)(<{\"é"),
            "https://x.test/a%20b%29%28%3C%7B%22%C3%A9"
        );
    }

    #[test]
    fn paths_encode_fragments_and_spaces() {
        assert_eq!(path("img/a b#1?.png"), "img/a%20b%231%3F.png");
    }

    #[test]
    fn yaml_strings_are_quoted_and_mdx_inert() {
        assert_eq!(yaml_string("a \"b\" \\ c"), "\"a \\\"b\\\" \\\\ c\"");
        assert_eq!(yaml_string("{x}<y>"), "\"\\u007Bx\\u007D\\u003Cy\\u003E\"");
        assert_eq!(yaml_string("a\nb\u{0}"), "\"a\\nb\\u0000\"");
    }

    #[test]
    fn attribute_values_keep_to_their_quotes() {
        // MDX decodes the references back to `A "q" & <b> {x}`, one line.
        assert_eq!(
            attribute("A \"q\" & <b> {x}\nnext"),
            "A &quot;q&quot; &amp; &lt;b> {x} next"
        );
    }
}
