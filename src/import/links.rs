//! Links between imported pages become cross-references: `#anchor` and `/docs/page#anchor` name
//! the topic that heading became (`topic:ID`), and `/docs/page` the page's first topic; a link to
//! a page not imported stays a site link, and a note says which route to declare under
//! `[site] routes`.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag};

use super::Note;
use super::mapped::Mapped;
use super::site::{self, SitePage};
use super::yaml_out::Y;

/// Where the headings of one imported page went: each anchor Docusaurus gave a heading, to the
/// topic that holds it.
#[derive(Debug, Default, Clone)]
pub struct PageAnchors {
    /// Anchor → topic id.
    pub anchors: HashMap<String, String>,
    /// The page's first topic in reading order: what a link to the whole page names (a
    /// cross-reference names a topic; `stale-link-text` accepts the page's title for it).
    pub first: Option<String>,
}

/// Rewrites the link targets in `root` (a document of page `from`): links to imported pages
/// become `topic:` references; the routes of pages not imported are returned (each with where
/// its first link is) so the caller can say to declare them.
pub fn rewrite(
    root: &mut [(String, Y)],
    from: usize,
    site: &[SitePage],
    pages: &[PageAnchors],
    notes: &mut Vec<Note>,
) {
    for (_, value) in root.iter_mut() {
        rewrite_y(value, from, site, pages, notes);
    }
}

fn rewrite_y(
    value: &mut Y,
    from: usize,
    site: &[SitePage],
    pages: &[PageAnchors],
    notes: &mut Vec<Note>,
) {
    match value {
        Y::Text(text) => {
            if text.text.contains("](") {
                *text = rewrite_text(text, from, site, pages, notes);
            }
        }
        Y::Commented(inner, _) => rewrite_y(inner, from, site, pages, notes),
        Y::Seq(items) => {
            for item in items {
                rewrite_y(item, from, site, pages, notes);
            }
        }
        Y::Map(entries) => rewrite(entries, from, site, pages, notes),
        Y::Raw(_) => {}
    }
}

/// The byte range of each inline link's destination in `text`.
fn destinations(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for (event, range) in Parser::new(text).into_offset_iter() {
        let Event::Start(Tag::Link { dest_url, .. }) = event else {
            continue;
        };
        let written = &text[range.clone()];
        // `[text](dest)` or `[text](dest "title")`: the destination follows the last `](`.
        let Some(open) = written.rfind("](") else {
            continue;
        };
        let start = range.start + open + 2;
        let rest = &text[start..range.end];
        if rest.starts_with(dest_url.as_ref()) {
            out.push(start..start + dest_url.len());
        }
    }
    out
}

fn rewrite_text(
    text: &Mapped,
    from: usize,
    site: &[SitePage],
    pages: &[PageAnchors],
    notes: &mut Vec<Note>,
) -> Mapped {
    let mut out = Mapped::new(text.anchor);
    let mut done = 0;
    for range in destinations(&text.text) {
        let target = &text.text[range.clone()];
        let at = text.draft_offset(range.start).unwrap_or(text.anchor);
        let Some(new) = target_for(target, from, site, pages, at, notes) else {
            continue;
        };
        out.push_mapped(&text.slice(done..range.start));
        out.push_str(&new);
        done = range.end;
    }
    out.push_mapped(&text.slice(done..text.text.len()));
    out
}

/// The `topic:` reference for a link target, or `None` to keep it as written.
fn target_for(
    target: &str,
    from: usize,
    site: &[SitePage],
    pages: &[PageAnchors],
    at: usize,
    notes: &mut Vec<Note>,
) -> Option<String> {
    if !(target.starts_with('#') || target.starts_with('/')) {
        return None;
    }
    let undeclared = |notes: &mut Vec<Note>, why: &str| {
        let route = target.split('#').next().unwrap_or(target);
        notes.push(Note {
            at,
            message: format!(
                "the link to `{target}` {why}: it stays a site link; declare its route under `[site]` in helpdoc.toml (`routes = [\"{route}\"]`)"
            ),
        });
    };
    let Some((page, found)) = site::follow(site, from, target) else {
        if target.starts_with('/') && !target.starts_with("//") {
            undeclared(notes, "names no imported page");
        }
        return None;
    };
    // A whole page is read from its first topic; a page with none keeps its route.
    let Some(anchor) = target.split_once('#').map(|(_, a)| a) else {
        let first = pages.get(page).and_then(|p| p.first.as_ref());
        if first.is_none() {
            undeclared(notes, "names a page with no topics");
        }
        return first.map(|topic| format!("topic:{topic}"));
    };
    let topic = pages
        .get(page)
        .and_then(|p| p.anchors.get(anchor))
        .filter(|_| found);
    match topic {
        Some(topic) => Some(format!("topic:{topic}")),
        None => {
            notes.push(Note {
                at,
                message: format!(
                    "the link to `{target}` names no heading of that page: it was kept as written"
                ),
            });
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_destinations_are_found_in_place() {
        let text = "See [a](#x) and [b](/docs/p#y \"t\") but not `[c](z)`.";
        let found: Vec<&str> = destinations(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["#x", "/docs/p#y"]);
    }
}
