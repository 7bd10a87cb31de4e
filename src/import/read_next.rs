//! A team component mapped to `read_next` (`[import.components] ReadNext = "read_next"`): its links
//! to pages and headings of the same publication become the page's `read_next` entries.
//!
//! The page converter takes the component's links out of the text ([`links_of`]); once every page
//! is read and grouped into publications, [`place`] names each link's page or topic, and keeps a
//! link to anything else (a page not imported, or of another publication) as a paragraph at the
//! end of the page, with a note.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag};

use super::Note;
use super::links::PageAnchors;
use super::mapped::Mapped;
use super::markdown::{BlockKind, DBlock};
use super::site::{self, SitePage};
use super::yaml_out::Y;

/// One link a read-next component held.
#[derive(Debug, Clone)]
pub struct ReadNextLink {
    /// Where the component starts in the draft.
    pub at: usize,
    /// The link as Markdown (`[text](target)`), for when it is kept as text.
    pub link: Mapped,
    /// Where it points, as written.
    pub target: String,
}

/// The links of a read-next component: its `to` (or `href`) attribute, with its text as the
/// link's text, and every link in its text. Empty when it holds none.
pub fn links_of(at: usize, attrs: &[(String, Mapped)], blocks: &[DBlock]) -> Vec<ReadNextLink> {
    let mut texts = Vec::new();
    paragraphs(blocks, &mut texts);
    let mut out = Vec::new();
    for text in &texts {
        for (range, target) in inline_links(&text.text) {
            out.push(ReadNextLink {
                at: text.draft_offset(range.start).unwrap_or(at),
                link: text.slice(range),
                target,
            });
        }
    }
    let attr = ["to", "href"]
        .iter()
        .find_map(|k| attrs.iter().find(|(n, _)| n == k).map(|(_, v)| v));
    if let Some(target) = attr.filter(|t| !t.is_blank()) {
        // The text is the link's own only when it holds no link of its own.
        let shown: Vec<&Mapped> = texts.iter().copied().filter(|t| !t.is_blank()).collect();
        let mut link = Mapped::new(at);
        link.push_str("[");
        if out.is_empty() && !shown.is_empty() {
            for (i, text) in shown.iter().enumerate() {
                if i > 0 {
                    link.push_str(" ");
                }
                link.push_mapped(&text.trimmed());
            }
        } else {
            link.push_mapped(target);
        }
        link.push_str("](");
        link.push_mapped(target);
        link.push_str(")");
        out.insert(
            0,
            ReadNextLink {
                at,
                link,
                target: target.text.trim().to_string(),
            },
        );
    }
    out
}

/// The paragraphs of `blocks` and of the blocks inside them, in order.
fn paragraphs<'b>(blocks: &'b [DBlock], out: &mut Vec<&'b Mapped>) {
    for block in blocks {
        if let BlockKind::Paragraph(text) = &block.kind {
            out.push(text);
        }
        for inner in block.kind.children() {
            paragraphs(inner, out);
        }
    }
}

/// Each inline link of `text`: its byte range and target.
fn inline_links(text: &str) -> Vec<(Range<usize>, String)> {
    Parser::new(text)
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. }) => Some((range, dest_url.to_string())),
            _ => None,
        })
        .collect()
}

/// What the read-next links of each page name, now that every page is read: a page of the same
/// publication (`folder_of` gives each page's publication, if it is in one) by its id
/// (`page_ids`), or a heading of one by its topic. The page's publication section `section`
/// gets them as `read_next`; a link to anything else is kept as a paragraph of its `outro`.
pub struct Pages<'p> {
    /// The import's pages on the site.
    pub site: &'p [SitePage],
    /// Where each page's headings went.
    pub anchors: &'p [PageAnchors],
    /// Each page's id (its top-level section's).
    pub page_ids: &'p [String],
    /// Each page's publication (an index shared by the pages of one folder), if any.
    pub folder_of: &'p [Option<usize>],
}

/// Gives the page `from` its read-next links: `section` is its top-level section in its
/// publication document.
pub fn place(
    pages: &Pages<'_>,
    from: usize,
    links: &[ReadNextLink],
    section: &mut Vec<(String, Y)>,
    notes: &mut Vec<Note>,
) {
    let mut ids: Vec<String> = Vec::new();
    let mut kept: Vec<Y> = Vec::new();
    for link in links {
        match name(pages, from, &link.target) {
            Ok(id) => {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            Err(why) => {
                notes.push(Note {
                    at: link.at,
                    message: format!(
                        "the read-next link to `{}` {why}: it was kept as a paragraph at the end of the page",
                        link.target
                    ),
                });
                kept.push(Y::map(vec![("paragraph", Y::Text(link.link.clone()))]));
            }
        }
    }
    if !kept.is_empty() {
        match section.iter_mut().find(|(k, _)| k == "outro") {
            Some((_, Y::Seq(outro))) => outro.extend(kept),
            _ => section.push(("outro".into(), Y::Seq(kept))),
        }
    }
    if !ids.is_empty() {
        let ids = ids.iter().map(|id| Y::string(id)).collect();
        section.push(("read_next".into(), Y::Seq(ids)));
    }
}

/// The id a read-next link names, or why it names none of this publication.
fn name(pages: &Pages<'_>, from: usize, target: &str) -> Result<String, &'static str> {
    if !(target.starts_with('#') || target.starts_with('/')) || target.starts_with("//") {
        return Err("is not a link to a page of this site");
    }
    let Some((page, found)) = site::follow(pages.site, from, target) else {
        return Err("names no imported page");
    };
    let folder = |p: usize| pages.folder_of.get(p).copied().flatten();
    if page != from && (folder(page).is_none() || folder(page) != folder(from)) {
        return Err("names a page of another publication");
    }
    match target.split_once('#') {
        None => pages
            .page_ids
            .get(page)
            .cloned()
            .ok_or("names no imported page"),
        Some((_, anchor)) => (pages.anchors.get(page))
            .and_then(|p| p.anchors.get(anchor))
            .filter(|_| found)
            .cloned()
            .ok_or("names no heading of that page"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_attribute_link_takes_the_text_and_text_links_count_too() {
        let text = Mapped::synthetic("Read how rules match.", 5);
        let block = DBlock {
            at: 5,
            kind: BlockKind::Paragraph(text),
        };
        let attrs = vec![("to".to_string(), Mapped::synthetic("/docs/x", 3))];
        let links = links_of(0, &attrs, std::slice::from_ref(&block));
        assert_eq!(links.len(), 1);
        assert_eq!(links[0].link.text, "[Read how rules match.](/docs/x)");
        assert_eq!(links[0].target, "/docs/x");
        let text = Mapped::synthetic("See [A](/docs/a) and [B](#b).", 5);
        let block = DBlock {
            at: 5,
            kind: BlockKind::Paragraph(text),
        };
        let links = links_of(0, &[], &[block]);
        let targets: Vec<&str> = links.iter().map(|l| l.target.as_str()).collect();
        assert_eq!(targets, ["/docs/a", "#b"]);
        assert_eq!(links[1].link.text, "[B](#b)");
    }
}
