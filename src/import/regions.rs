//! Finds the regions of a draft that Markdown itself does not mark: `:::type` admonitions and MDX
//! components (`<Tabs>`/`<TabItem>`, `<details>`/`<summary>`, a team's own `<ReadNext>`), blanks
//! their fence and tag lines (keeping every offset) so the Markdown inside parses as Markdown, and
//! later wraps the blocks parsed inside each region into one block, wherever they landed (at the
//! top of the page or inside a list item).

use std::collections::HashSet;
use std::ops::Range;

use super::mapped::Mapped;
use super::markdown::{BlockKind, DBlock};

/// What a region is.
#[derive(Debug, Clone, PartialEq)]
pub enum RegionKind {
    /// `:::type Title` … `:::`.
    Admonition {
        /// One of Docusaurus's types (`note`, `tip`, `info`, `caution`, `warning`, `danger`).
        kind: &'static str,
        /// The title after the fence.
        title: Option<Mapped>,
    },
    /// `<Tabs>` … `</Tabs>`.
    Tabs,
    /// `<TabItem label="…">` … `</TabItem>`.
    TabItem {
        /// Its `label` (else its `value`).
        label: Mapped,
    },
    /// `<details>` … `</details>`, with the text of its `<summary>`.
    Details {
        /// The summary line.
        summary: Option<Mapped>,
    },
    /// Any other MDX component (`<ReadNext to="…">`), with its attributes.
    Component {
        /// The component's name.
        name: String,
        /// Its attributes as written (`name`, value).
        attrs: Vec<(String, Mapped)>,
    },
}

/// One region of the draft.
#[derive(Debug, Clone)]
pub struct Region {
    /// What it is.
    pub kind: RegionKind,
    /// From the opening line's start to the closing line's end.
    pub range: Range<usize>,
    /// For a component opened and closed on one line, the text between its tags (what Markdown
    /// makes of that line once the tags are blanked is indented code, not the writer's text).
    pub text: Option<Mapped>,
}

/// Docusaurus's admonition types, by the word after `:::` (its aliases included).
fn admonition_kind(word: &str) -> Option<&'static str> {
    Some(match word.to_ascii_lowercase().as_str() {
        "note" | "secondary" => "note",
        "tip" | "success" => "tip",
        "info" | "important" => "info",
        "caution" => "caution",
        "warning" => "warning",
        "danger" => "danger",
        _ => return None,
    })
}

/// A tag on a line of its own (or opening and closing around text on one line).
#[derive(Debug)]
struct Tag {
    name: String,
    closing: bool,
    self_closing: bool,
    attrs: Vec<(String, Mapped)>,
    /// The tag's bytes in the draft.
    range: Range<usize>,
}

/// Reads the tag that starts at `at` in `draft` (`<Name a="b">`, `</Name>`, `<Name />`). Only
/// components (a capital first letter) and `details`/`summary` are read.
fn read_tag(draft: &str, at: usize) -> Option<Tag> {
    let rest = draft.get(at..)?;
    let inner = rest.strip_prefix('<')?;
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(after) => (true, after),
        None => (false, inner),
    };
    let name_len = inner
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '_'))
        .unwrap_or(inner.len());
    let name = &inner[..name_len];
    let known = matches!(name, "details" | "summary")
        || name.chars().next().is_some_and(|c| c.is_ascii_uppercase());
    if name.is_empty() || !known {
        return None;
    }
    let line_end = rest.find('\n').unwrap_or(rest.len());
    let end = rest[..line_end].find('>')? + 1;
    let body_start = at + 1 + usize::from(closing) + name_len;
    let body = &draft[body_start..at + end - 1];
    let self_closing = body.trim_end().ends_with('/');
    Some(Tag {
        name: name.to_string(),
        closing,
        self_closing,
        attrs: if closing {
            Vec::new()
        } else {
            attributes(draft, body_start..at + end - 1)
        },
        range: at..at + end,
    })
}

/// `name="value"` / `name='value'` / `name={value}` pairs in `draft[range]`.
fn attributes(draft: &str, range: Range<usize>) -> Vec<(String, Mapped)> {
    let text = &draft[range.clone()];
    let mut out = Vec::new();
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < bytes.len() {
        let Some(eq) = text[i..].find('=') else { break };
        let name = text[i..i + eq].trim().trim_start_matches('/').trim();
        let name = name.rsplit(char::is_whitespace).next().unwrap_or(name);
        let value_at = i + eq + 1;
        let (open, close) = match bytes.get(value_at) {
            Some(b'"') => ('"', '"'),
            Some(b'\'') => ('\'', '\''),
            Some(b'{') => ('{', '}'),
            _ => break,
        };
        let start = value_at + open.len_utf8();
        let Some(len) = text[start..].find(close) else {
            break;
        };
        let from = range.start + start;
        out.push((
            name.to_string(),
            Mapped::from_source(draft, from..from + len),
        ));
        i = start + len + 1;
    }
    out
}

/// Blanks the fence and tag lines of every region in `draft` from `start` (keeping every offset)
/// and returns the regions, outer ones first. An unclosed opening is left as written.
pub fn mask(draft: &str, start: usize) -> (String, Vec<Region>) {
    let mut masked = draft.to_string();
    let mut regions = Vec::new();
    let mut open: Vec<(usize, RegionKind, String, Range<usize>)> = Vec::new();
    let mut blank: Vec<Range<usize>> = Vec::new();
    let mut offset = start;
    let mut fenced_code = false;
    for line in draft[start..].split('\n') {
        let line_start = offset;
        offset += line.len() + 1;
        let lead = line.len() - line.trim_start().len();
        let trimmed = line.trim();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fenced_code = !fenced_code;
        }
        if fenced_code {
            continue;
        }
        let whole = line_start..line_start + line.len();
        if let Some(rest) = trimmed.strip_prefix(":::") {
            if rest.trim().is_empty() {
                let at = open
                    .iter()
                    .rposition(|(_, k, _, _)| matches!(k, RegionKind::Admonition { .. }));
                if let Some(at) = at {
                    let (begin, kind, _, _) = open.remove(at);
                    regions.push(Region {
                        kind,
                        range: begin..whole.end,
                        text: None,
                    });
                    blank.push(whole);
                }
                continue;
            }
            let word_end = rest
                .find(|c: char| c.is_whitespace() || c == '[')
                .unwrap_or(rest.len());
            let Some(kind) = admonition_kind(&rest[..word_end]) else {
                continue;
            };
            let title_text = rest[word_end..]
                .trim()
                .trim_start_matches('[')
                .trim_end_matches(']');
            let title = (!title_text.trim().is_empty()).then(|| {
                let at = line_start + lead + 3 + rest.find(title_text).unwrap_or(word_end);
                Mapped::from_source(draft, at..at + title_text.len()).trimmed()
            });
            open.push((
                line_start,
                RegionKind::Admonition { kind, title },
                String::new(),
                whole.clone(),
            ));
            blank.push(whole);
            continue;
        }
        if !trimmed.starts_with('<') {
            continue;
        }
        let Some(first) = read_tag(draft, line_start + lead) else {
            continue;
        };
        let after_first = &draft[first.range.end..whole.end];
        // `<summary>Text</summary>`: the summary of the innermost open `<details>`.
        if first.name == "summary" && !first.closing {
            let Some(close) = after_first.find("</summary>") else {
                continue;
            };
            let text = first.range.end..first.range.end + close;
            let summary = Mapped::from_source(draft, text).trimmed();
            if let Some((_, RegionKind::Details { summary: slot }, _, _)) = open
                .iter_mut()
                .rev()
                .find(|(_, k, _, _)| matches!(k, RegionKind::Details { .. }))
            {
                *slot = Some(summary);
                blank.push(whole);
            }
            continue;
        }
        if first.closing {
            if let Some(at) = open.iter().rposition(|(_, _, name, _)| *name == first.name) {
                let (begin, kind, _, _) = open.remove(at);
                regions.push(Region {
                    kind,
                    range: begin..whole.end,
                    text: None,
                });
                blank.push(first.range.clone());
            }
            continue;
        }
        let kind = match first.name.as_str() {
            "Tabs" => RegionKind::Tabs,
            "TabItem" => {
                let attr = |key: &str| {
                    first
                        .attrs
                        .iter()
                        .find(|(k, _)| k == key)
                        .map(|(_, v)| v.clone())
                };
                RegionKind::TabItem {
                    label: attr("label")
                        .or_else(|| attr("value"))
                        .unwrap_or_else(|| Mapped::synthetic("Tab", first.range.start)),
                }
            }
            "details" => RegionKind::Details { summary: None },
            _ => RegionKind::Component {
                name: first.name.clone(),
                attrs: first.attrs.clone(),
            },
        };
        if first.self_closing {
            regions.push(Region {
                kind,
                range: first.range.clone(),
                text: None,
            });
            blank.push(first.range.clone());
            continue;
        }
        let closing = format!("</{}>", first.name);
        if let Some(close) = after_first.find(&closing) {
            // Opened and closed on one line, around text: the text stays.
            let close_at = first.range.end + close;
            blank.push(first.range.clone());
            blank.push(close_at..close_at + closing.len());
            let text = Mapped::from_source(draft, first.range.end..close_at).trimmed();
            regions.push(Region {
                kind,
                range: first.range.start..close_at + closing.len(),
                text: (!text.is_blank()).then_some(text),
            });
            continue;
        }
        blank.push(first.range.clone());
        open.push((line_start, kind, first.name.clone(), whole));
    }
    // Unclosed openings stay in the draft as written (a note comes from the HTML they make).
    let unclosed: Vec<Range<usize>> = open.into_iter().map(|(_, _, _, r)| r).collect();
    for range in blank {
        if unclosed
            .iter()
            .any(|u| u.start <= range.start && range.end <= u.end)
        {
            continue;
        }
        masked.replace_range(range.clone(), &" ".repeat(range.len()));
    }
    regions.sort_by_key(|r| (r.range.start, std::cmp::Reverse(r.range.end)));
    (masked, regions)
}

/// The regions of `regions` not inside another one of them.
pub fn outermost(regions: &[&Region]) -> Vec<Region> {
    regions
        .iter()
        .filter(|r| {
            !regions.iter().any(|o| {
                o.range != r.range && o.range.start <= r.range.start && r.range.end <= o.range.end
            })
        })
        .map(|r| (*r).clone())
        .collect()
}

/// Which regions have been given their blocks.
pub type Used = HashSet<(usize, usize)>;

pub fn key(region: &Region) -> (usize, usize) {
    (region.range.start, region.range.end)
}

/// Wraps the blocks inside list items first (a region that starts inside an item and holds some
/// of its blocks is that item's), then the blocks of `blocks` itself, for regions not `used` yet
/// that hold one of them (or, with `empty_too`, hold no block anywhere).
pub fn group_blocks(
    mut blocks: Vec<DBlock>,
    regions: &[Region],
    used: &mut Used,
    empty_too: bool,
) -> Vec<DBlock> {
    for block in &mut blocks {
        group_in_items(block, regions, used);
    }
    let free: Vec<&Region> = regions
        .iter()
        .filter(|r| !used.contains(&key(r)))
        .filter(|r| empty_too || blocks.iter().any(|b| r.range.contains(&b.at)))
        .collect();
    let outer = outermost(&free);
    if outer.is_empty() {
        return blocks;
    }
    let mut out = Vec::new();
    let mut items = blocks.into_iter().peekable();
    for region in outer {
        while items.peek().is_some_and(|b| b.at < region.range.start) {
            out.extend(items.next());
        }
        let mut inside = Vec::new();
        while items.peek().is_some_and(|b| b.at < region.range.end) {
            inside.extend(items.next());
        }
        used.insert(key(&region));
        let inside = group_blocks(inside, &inner(regions, &region), used, true);
        out.push(wrap(&region, inside));
    }
    out.extend(items);
    out
}

/// Wraps the blocks inside the items of `block`, when it is a list: a region that starts inside an
/// item and holds some of its blocks is that item's.
pub fn group_in_items(block: &mut DBlock, regions: &[Region], used: &mut Used) {
    if let BlockKind::List { items, .. } = &mut block.kind {
        for item in items {
            let inside: Vec<Region> = regions
                .iter()
                .filter(|r| r.range.start >= item.at)
                .cloned()
                .collect();
            let taken = std::mem::take(&mut item.blocks);
            item.blocks = group_blocks(taken, &inside, used, false);
        }
    }
}

/// The regions of `regions` inside `region` (not itself).
pub fn inner(regions: &[Region], region: &Region) -> Vec<Region> {
    regions
        .iter()
        .filter(|r| {
            r.range != region.range
                && region.range.start <= r.range.start
                && r.range.end <= region.range.end
        })
        .cloned()
        .collect()
}

/// The block a region makes of the blocks inside it.
pub fn wrap(region: &Region, blocks: Vec<DBlock>) -> DBlock {
    let at = region.range.start;
    let kind = match &region.kind {
        RegionKind::Admonition { kind, title } => BlockKind::Admonition {
            kind,
            title: title.clone(),
            blocks,
        },
        RegionKind::Tabs => {
            let mut panes = Vec::new();
            let mut stray = Vec::new();
            for block in blocks {
                match block.kind {
                    BlockKind::Pane { label, blocks } => panes.push((label, blocks)),
                    _ => stray.push(block),
                }
            }
            BlockKind::Tabs { panes, stray }
        }
        RegionKind::TabItem { label } => BlockKind::Pane {
            label: label.clone(),
            blocks,
        },
        RegionKind::Details { summary } => BlockKind::Collapsible {
            summary: summary.clone(),
            blocks,
        },
        RegionKind::Component { name, attrs } => BlockKind::Component {
            name: name.clone(),
            attrs: attrs.clone(),
            blocks: match &region.text {
                Some(text) => vec![DBlock {
                    at: text.anchor,
                    kind: BlockKind::Paragraph(text.clone()),
                }],
                None => blocks,
            },
        },
    };
    DBlock { at, kind }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_and_fences_are_masked_in_place() {
        let draft = "<details>\n<summary>Open me</summary>\n\n<Tabs>\n<TabItem value=\"a\" label=\"A b\">\n\ntext\n\n</TabItem>\n</Tabs>\n</details>\n\n<ReadNext to=\"/x\">Read this.</ReadNext>\n";
        let (masked, regions) = mask(draft, 0);
        assert_eq!(masked.len(), draft.len());
        assert!(masked.contains("text") && masked.contains("Read this."));
        assert!(!masked.contains('<'), "{masked}");
        let kinds: Vec<&RegionKind> = regions.iter().map(|r| &r.kind).collect();
        assert!(
            matches!(kinds[0], RegionKind::Details { summary: Some(s) } if s.text == "Open me")
        );
        assert!(matches!(kinds[1], RegionKind::Tabs));
        assert!(matches!(kinds[2], RegionKind::TabItem { label } if label.text == "A b"));
        assert!(
            matches!(kinds[3], RegionKind::Component { name, attrs } if name == "ReadNext" && attrs[0].1.text == "/x")
        );
    }

    #[test]
    fn an_unclosed_component_is_left_as_written() {
        let draft = "<Foo>\n\ntext\n";
        let (masked, regions) = mask(draft, 0);
        assert_eq!(masked, draft);
        assert!(regions.is_empty());
    }
}
