//! Draft pages as their Docusaurus site serves them: each page's route (`/docs/…`, from its
//! path or frontmatter `slug`), its heading anchors (Docusaurus's slugs, `{#id}` included) and
//! the titles it is known by, so `/docs/…` and `#…` links between drafts can be followed.

use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::{DraftPage, DraftRoot, frontmatter};

/// One draft page as its site serves it.
#[derive(Debug, Default)]
pub struct SitePage {
    /// Its route (`/docs/ledgerly/sync-errors`), when the draft is in a Docusaurus site's `docs/`.
    pub route: Option<String>,
    /// The anchors of its headings.
    pub anchors: Vec<String>,
    /// The names it is known by: frontmatter `title` and `sidebar_label`, its `#` heading.
    pub titles: Vec<String>,
}

/// A link in a draft's body.
#[derive(Debug)]
pub struct DraftLink {
    /// The target as written.
    pub target: String,
    /// The visible text.
    pub text: String,
    /// The whole link in the draft.
    pub range: Range<usize>,
}

/// Docusaurus's heading anchors on one page (github-slugger): each heading's slug, with `-1`,
/// `-2` … added to a slug the page already has. A `{#id}` written on a heading is used as is.
#[derive(Debug, Default)]
pub struct Slugger {
    seen: std::collections::HashMap<String, usize>,
}

impl Slugger {
    /// The anchor of the next heading, whose text (Markdown, as written) is `markdown`.
    pub fn anchor(&mut self, markdown: &str, custom: Option<&str>) -> String {
        if let Some(custom) = custom {
            return custom.to_string();
        }
        self.unique(heading_slug(&plain_text(markdown)))
    }

    fn unique(&mut self, base: String) -> String {
        let mut slug = base.clone();
        while self.seen.contains_key(&slug) {
            let n = self.seen.entry(base.clone()).or_insert(0);
            *n += 1;
            slug = format!("{base}-{n}");
        }
        self.seen.insert(slug.clone(), 0);
        slug
    }
}

/// The text a reader sees of inline Markdown (`**Save**` → `Save`).
fn plain_text(markdown: &str) -> String {
    let mut out = String::new();
    for event in Parser::new_ext(markdown, Options::empty()) {
        if let Event::Text(t) | Event::Code(t) = event {
            out.push_str(&t);
        }
    }
    out
}

/// Docusaurus's anchor for a heading text (github-slugger): lower case, punctuation dropped,
/// spaces as hyphens.
fn heading_slug(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// A route segment without Docusaurus's number prefix (`01-intro` → `intro`).
fn route_segment(segment: &str) -> &str {
    let digits = segment.len()
        - segment
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .len();
    match segment[digits..].strip_prefix(['-', '_', '.']) {
        Some(rest) if digits > 0 && !rest.is_empty() => rest,
        _ => segment,
    }
}

/// The route of the draft at `path` in the site at `site`, if it is in the site's `docs/`.
fn route(path: &Path, site: &Path, slug: Option<&str>) -> Option<String> {
    let real = path.canonicalize().ok()?;
    let relative = real.strip_prefix(site.join("docs")).ok()?;
    let mut parts: Vec<String> = relative
        .with_extension("")
        .components()
        .map(|c| route_segment(&c.as_os_str().to_string_lossy()).to_string())
        .collect();
    let last = parts.pop()?;
    // An `index` or `README` file is its folder's page (unless it is the docs root's).
    let folder_page = slug.is_none() && matches!(last.to_lowercase().as_str(), "index" | "readme");
    let mut folder: Vec<&str> = parts.iter().map(String::as_str).collect();
    let file = if folder_page && !folder.is_empty() {
        folder.pop()?
    } else {
        last.as_str()
    };
    let segments = crate::site::route::slugged(&folder, file, slug);
    Some(
        std::iter::once("/docs")
            .chain(segments)
            .collect::<Vec<_>>()
            .join("/"),
    )
}

/// The headings' anchors and the body's links, from `start` of `text`.
fn read_body(text: &str, start: usize) -> (Vec<String>, Option<String>, Vec<DraftLink>) {
    let mut anchors: Vec<String> = Vec::new();
    let mut slugger = Slugger::default();
    let mut h1 = None;
    let mut links = Vec::new();
    let mut heading: Option<(u8, String)> = None;
    let mut link: Option<(String, Range<usize>, String)> = None;
    for (event, range) in Parser::new_ext(&text[start..], Options::empty()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level as u8, String::new()))
            }
            Event::End(TagEnd::Heading(_)) => {
                let Some((level, written)) = heading.take() else {
                    continue;
                };
                let (title, anchor) = match written
                    .trim_end()
                    .strip_suffix('}')
                    .and_then(|w| w.rsplit_once("{#"))
                {
                    Some((title, id)) => (title.trim().to_string(), slugger.anchor("", Some(id))),
                    None => (
                        written.trim().to_string(),
                        slugger.unique(heading_slug(&written)),
                    ),
                };
                anchors.push(anchor);
                if level == 1 && h1.is_none() {
                    h1 = Some(title);
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                link = Some((
                    dest_url.to_string(),
                    start + range.start..start + range.end,
                    String::new(),
                ));
            }
            Event::End(TagEnd::Link) => {
                if let Some((target, range, text)) = link.take() {
                    links.push(DraftLink {
                        target,
                        text,
                        range,
                    });
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, written)) = &mut heading {
                    written.push_str(&t);
                }
                if let Some((_, _, shown)) = &mut link {
                    shown.push_str(&t);
                }
            }
            _ => {}
        }
    }
    (anchors, h1, links)
}

/// Each draft as its site serves it, and the links in its body.
pub fn read(drafts: &[DraftPage]) -> Vec<(SitePage, Vec<DraftLink>)> {
    drafts
        .iter()
        .map(|draft| {
            let front = frontmatter::split(&draft.text, &mut Vec::new());
            let (anchors, h1, links) = read_body(&draft.text, front.body_start);
            let site = DraftRoot::of(&draft.path)
                .ok()
                .filter(|root| root.site)
                .map(|root| root.folder.real().to_path_buf());
            let slug = front.text("slug").map(|s| s.text.clone());
            let route = site.and_then(|site| route(&draft.path, &site, slug.as_deref()));
            let titles = ["title", "sidebar_label"]
                .iter()
                .filter_map(|key| front.text(key).map(|t| t.text.clone()))
                .chain(h1)
                .collect();
            (
                SitePage {
                    route,
                    anchors,
                    titles,
                },
                links,
            )
        })
        .collect()
}

/// What a link in the draft `from` points at among the drafts: the page's index (when the link
/// names another draft's route) and whether the page has the anchor. `None` when the link is not
/// a site link (`/…` or `#…`) or names no draft.
pub fn follow(pages: &[SitePage], from: usize, target: &str) -> Option<(usize, bool)> {
    let (path, anchor) = match target.split_once('#') {
        Some((path, anchor)) => (path, Some(anchor)),
        None => (target, None),
    };
    let index = if path.is_empty() {
        from
    } else if path.starts_with('/') {
        let path = path.trim_end_matches('/');
        pages
            .iter()
            .position(|page| page.route.as_deref() == Some(path))?
    } else {
        return None;
    };
    let found = anchor.is_none_or(|a| pages[index].anchors.iter().any(|x| x == a));
    Some((index, found))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_segments_as_docusaurus_makes_them() {
        assert_eq!(
            heading_slug("How do I resolve the 'Missing permissions' error?"),
            "how-do-i-resolve-the-missing-permissions-error"
        );
        assert_eq!(route_segment("01-intro"), "intro");
        assert_eq!(route_segment("2024"), "2024");
        let (anchors, _, links) = read_body("## A {#x}\n\n## B b\n\n## B b\n\n[T](/docs/a#x)\n", 0);
        assert_eq!(anchors, ["x", "b-b", "b-b-1"]);
        assert_eq!(links[0].text, "T");
    }
}
