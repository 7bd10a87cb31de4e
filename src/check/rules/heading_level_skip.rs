//! Rule `heading-level-skip`: a Markdown heading more than one level below the one before it
//! (`##` then `####`). Content has no heading levels (the publication's nesting sets them), so
//! this rule reads draft pages: `helpdoc check --lint-drafts`.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag};

use super::{Level, Rule, RuleMeta};

/// See the module docs.
pub struct HeadingLevelSkip;

/// A heading that skips levels: where it is, its level and the level before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadingSkip {
    /// Byte range of the heading in the text.
    pub range: Range<usize>,
    /// Its level (1 to 6).
    pub level: u8,
    /// The level of the heading before it (1 for the page title).
    pub after: u8,
}

/// The headings of a Markdown body (starting at `start` of `text`) that are more than one level
/// below the heading before them. The page's title counts as level 1 when `titled` (a
/// frontmatter title is the page's `#` heading in Docusaurus).
pub fn heading_skips(text: &str, start: usize, titled: bool) -> Vec<HeadingSkip> {
    let mut previous: Option<u8> = titled.then_some(1);
    let mut out = Vec::new();
    for (event, range) in Parser::new_ext(&text[start..], Options::empty()).into_offset_iter() {
        if let Event::Start(Tag::Heading { level, .. }) = event {
            let level = level as u8;
            if let Some(after) = previous
                && level > after + 1
            {
                let range = start + range.start..start + range.end;
                let line_end = text[range.clone()]
                    .find('\n')
                    .map_or(range.end, |i| range.start + i);
                out.push(HeadingSkip {
                    range: range.start..line_end,
                    level,
                    after,
                });
            }
            previous = Some(level);
        }
    }
    out
}

/// What `helpdoc rules` says about this rule, and its level when the project sets none.
const META: RuleMeta = RuleMeta {
    code: "heading-level-skip",
    description: "in a draft page (`check --lint-drafts`), a heading more than one level below the one before it (## then ####)",
    why: "screen-reader users move by heading level and miss a skipped one; the import cannot tell which section the heading belongs to",
    example: "## Bank feeds\n#### The 'Bank connection lost' error",
    default_level: Level::Warn,
};

impl Rule for HeadingLevelSkip {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_skip_after_the_title_or_a_heading() {
        let text = "## A\n\n#### B\n\n### C\n";
        let skips = heading_skips(text, 0, true);
        assert_eq!(skips.len(), 1);
        assert_eq!(&text[skips[0].range.clone()], "#### B");
        assert_eq!((skips[0].level, skips[0].after), (4, 2));
        assert_eq!(heading_skips("### A\n", 0, true).len(), 1);
        assert!(heading_skips("### A\n", 0, false).is_empty());
        assert!(heading_skips("```\n#### code\n```\n## A\n", 0, true).is_empty());
    }
}
