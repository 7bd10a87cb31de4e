//! The fence-closing property of the Markdown exporter: read back by a CommonMark parser
//! (pulldown-cmark, which like MDX ends a line at `\r`, `\n` or `\r\n`), every code block of the
//! content comes out as exactly one code block holding the same text. A code block that a
//! character in its text closed early would leave the rest of that text to be read as Markdown,
//! and on a Docusaurus site as live MDX.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde_json::Value;

use helpdoc::export::Artifact;
use helpdoc::resolve::ResolvedPublication;

/// Asserts the property for every publication the Markdown exporter wrote: the code blocks of
/// its pages, parsed, are the code blocks of its resolved content (as multisets: pages are
/// written in their own order).
pub fn assert_code_blocks_survive(publications: &[&ResolvedPublication], artifacts: &[Artifact]) {
    for publication in publications {
        let mut expected = Vec::new();
        let value = serde_json::to_value(publication).expect("a publication serializes");
        code_blocks_in(&value, &mut expected);
        let mut expected: Vec<String> = expected.iter().map(|code| as_fenced(code)).collect();
        let prefix = format!("{}/", publication.id);
        let mut found = Vec::new();
        for artifact in artifacts
            .iter()
            .filter(|a| a.path.starts_with(&prefix) && a.path.ends_with(".md"))
        {
            let page = std::str::from_utf8(&artifact.bytes).expect("a page is UTF-8");
            found.extend(code_blocks_of_page(page));
        }
        expected.sort();
        found.sort();
        assert!(
            expected == found,
            "markdown: the code blocks of `{}` do not come back as written:\nwritten: {expected:?}\nread:    {found:?}",
            publication.id
        );
    }
}

/// Every code block's text in a serialized resolved publication (`{"code": {"code": …}}`).
fn code_blocks_in(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Object(block)) = map.get("code")
                && let Some(Value::String(code)) = block.get("code")
            {
                out.push(code.clone());
            }
            for child in map.values() {
                code_blocks_in(child, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| code_blocks_in(v, out)),
        _ => {}
    }
}

/// The text a fenced code block holding `code` has when parsed: each line followed by `\n`
/// (trailing line breaks are not written).
fn as_fenced(code: &str) -> String {
    code.trim_end_matches('\n')
        .split('\n')
        .map(|line| format!("{line}\n"))
        .collect()
}

/// The text of every code block of a page, as pulldown-cmark reads it.
fn code_blocks_of_page(page: &str) -> Vec<String> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for event in Parser::new_ext(page, options) {
        match event {
            Event::Start(Tag::CodeBlock(_)) => current = Some(String::new()),
            Event::End(TagEnd::CodeBlock) => blocks.extend(current.take()),
            Event::Text(text) => {
                if let Some(code) = &mut current {
                    code.push_str(&text);
                }
            }
            _ => {}
        }
    }
    blocks
}
