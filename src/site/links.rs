//! Deep links into the published Markdown docs pages: which page holds each topic, and its URL.

use std::collections::{BTreeMap, BTreeSet};

use crate::content::ContentSet;
use crate::model::Publication;
use crate::model::url::safe_url;
use crate::resolve::{ResolvedPublication, anchor_id, placed_topics};
use crate::text::invisible::reveal;

use super::route;

/// Where each topic lives in the published docs, and the docs' base URL.
///
/// A topic's docs page is the top-level section that holds it in the publication being linked
/// from, when that publication builds Markdown and includes it (so a variant links to its own
/// variant's page), else in the first Markdown-enabled publication (by publication id) that
/// includes it; its URL mirrors the Markdown output path
/// `<publication-id>/<section-id>.md`: `docs_base_url` + `<publication-id>/<section-id>#<anchor>`,
/// or the page's `slug` as Docusaurus reads it (see [`route::route`]).
#[derive(Debug, Clone, Default)]
pub struct DocsLinks {
    base: Option<String>,
    pages: DocsPages,
    /// The publication linked from, whose own pages come first.
    from: Option<String>,
}

/// Where each topic is published in Markdown: topic id → its page's path under the docs base URL. Built once per
/// export and shared by every bundle (building it per bundle made exports quadratic in publications).
#[derive(Debug, Clone, Default)]
pub struct DocsPages(std::sync::Arc<PageIndex>);

/// Page paths by topic id: the first placement overall, and each publication's own.
#[derive(Debug, Clone, Default)]
struct PageIndex {
    first: BTreeMap<String, String>,
    by_publication: BTreeMap<String, BTreeMap<String, String>>,
}

impl DocsPages {
    /// The topics whose page paths (the first placement, or a publication's own) differ between
    /// two indexes, in id order: for noting what moved.
    pub fn changed_topics(&self, other: &DocsPages) -> BTreeSet<String> {
        let mut changed = BTreeSet::new();
        if std::sync::Arc::ptr_eq(&self.0, &other.0) {
            return changed;
        }
        let none = BTreeMap::new();
        differ(&self.0.first, &other.0.first, &mut changed);
        let (old, new) = (&self.0.by_publication, &other.0.by_publication);
        for publication in old
            .keys()
            .chain(new.keys().filter(|p| !old.contains_key(*p)))
        {
            let (before, after) = (old.get(publication), new.get(publication));
            differ(
                before.unwrap_or(&none),
                after.unwrap_or(&none),
                &mut changed,
            );
        }
        changed
    }

    /// Whether no topic is placed on a docs page.
    pub fn is_empty(&self) -> bool {
        self.0.first.is_empty()
    }

    /// Indexes the topics of every Markdown-enabled resolved publication.
    pub fn index(all: &[ResolvedPublication]) -> Self {
        let placements: Vec<Placements> = all.iter().filter_map(Placements::resolved).collect();
        Self::combine(&placements)
    }

    /// The same index from the content, before publications are resolved (the resolver links
    /// cross-references to topics outside a publication into the docs site).
    pub fn from_content(content: &ContentSet) -> Self {
        let placements: Vec<Placements> = content
            .publications()
            .filter_map(|p| Placements::in_content(content, p))
            .collect();
        Self::combine(&placements)
    }

    /// The rule: given each Markdown publication's placements in reading order, a topic's page
    /// is the first placement in the first publication by id. `publications` in any order
    /// (content order is the usual one).
    pub fn combine<'p>(publications: impl IntoIterator<Item = &'p Placements>) -> Self {
        let mut markdown: Vec<&Placements> = publications.into_iter().collect();
        markdown.sort_by(|a, b| a.publication.cmp(&b.publication));
        let mut index = PageIndex::default();
        for placements in markdown {
            let own = index
                .by_publication
                .entry(placements.publication.clone())
                .or_default();
            for (page, topic) in &placements.placed {
                own.entry(topic.clone()).or_insert_with(|| page.clone());
                index
                    .first
                    .entry(topic.clone())
                    .or_insert_with(|| page.clone());
            }
        }
        DocsPages(std::sync::Arc::new(index))
    }
}

/// One Markdown publication's part of the docs-pages index: its (page path, topic id)
/// placements in reading order. Kept per publication by the incremental engine, which combines
/// them again ([`DocsPages::combine`]) only when one of them changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placements {
    publication: String,
    placed: Vec<(String, String)>,
}

impl Placements {
    /// A resolved publication's placements; `None` when it does not build Markdown.
    pub fn resolved(p: &ResolvedPublication) -> Option<Self> {
        p.wants_markdown().then(|| Placements {
            publication: p.id.clone(),
            placed: p
                .topics()
                .into_iter()
                .filter_map(|(page, topic)| {
                    let section = p.sections.get(page)?;
                    Some((
                        route::route(&p.id, &section.id, section.slug.as_deref()),
                        topic.id.clone(),
                    ))
                })
                .collect(),
        })
    }

    /// A publication's placements from the content (the topics it places, and whose `when` it
    /// holds); `None` when it does not build Markdown.
    pub fn in_content(content: &ContentSet, p: &Publication) -> Option<Self> {
        p.formats.wants_markdown().then(|| Placements {
            publication: p.id.to_string(),
            placed: placed_topics(content, p)
                .into_iter()
                .map(|(page, topic)| {
                    let section = &p.sections[page];
                    let path =
                        route::route(p.id.as_str(), section.id.as_str(), section.slug.as_deref());
                    (path, topic.to_string())
                })
                .collect(),
        })
    }
}

/// Adds to `changed` the keys whose values differ between `old` and `new` (or that only one has).
fn differ(
    old: &BTreeMap<String, String>,
    new: &BTreeMap<String, String>,
    changed: &mut BTreeSet<String>,
) {
    for (key, value) in old {
        if new.get(key) != Some(value) {
            changed.insert(key.clone());
        }
    }
    for key in new.keys().filter(|key| !old.contains_key(*key)) {
        changed.insert(key.clone());
    }
}

impl DocsLinks {
    /// No docs: every lookup returns `None`.
    pub fn none() -> Self {
        DocsLinks::default()
    }

    /// Links for a bundle whose publication sets `base` as its docs base URL, into the Markdown
    /// pages of `all` publications. Returns a warning when `base` is set but is not an `http(s)`
    /// address without spaces, quotes or invisible characters (no links are made then, rather
    /// than links a product would refuse, mis-handle or show as another address).
    pub fn new(base: Option<&str>, pages: &DocsPages) -> (Self, Option<String>) {
        let mut warning = None;
        let base = base.map(str::trim).and_then(|b| {
            // The one link rule, narrowed to web addresses a page path can follow.
            let lower = b.to_ascii_lowercase();
            let ok = safe_url(b).is_some()
                && (lower.starts_with("https://") || lower.starts_with("http://"))
                && !b.contains(['"', '<', '>']);
            if ok {
                Some(if b.ends_with('/') { b.to_string() } else { format!("{b}/") })
            } else {
                warning = Some(format!(
                    "the docs base URL `{}` is not an http:// or https:// address; the bundle has no docs links",
                    reveal(b)
                ));
                None
            }
        });
        (
            DocsLinks {
                base,
                pages: pages.clone(),
                from: None,
            },
            warning,
        )
    }

    /// The same links, from `publication`: a topic it publishes in Markdown links to its own
    /// page there (the page of its variant).
    pub fn from_publication(mut self, publication: &str) -> Self {
        self.from = Some(publication.to_string());
        self
    }

    /// Whether links can be made at all (a usable base URL is set).
    pub fn has_base(&self) -> bool {
        self.base.is_some()
    }

    /// The docs URL of a topic, or of a step or cause inside it (`anchor` as written after `#`
    /// in a cross-reference).
    pub fn url(&self, topic: &str, anchor: Option<&str>) -> Option<String> {
        self.url_with_fragment(topic, &anchor_id(topic, anchor))
    }

    /// The docs URL of a full anchor id (`topic` or `topic--anchor`) on `topic`'s page.
    pub fn url_with_fragment(&self, topic: &str, fragment: &str) -> Option<String> {
        let base = self.base.as_ref()?;
        crate::content::reads::page(topic);
        let index = &self.pages.0;
        let own = (self.from.as_ref())
            .and_then(|from| index.by_publication.get(from))
            .and_then(|pages| pages.get(topic));
        let page = own.or_else(|| index.first.get(topic))?;
        Some(format!("{base}{page}#{}", route::fragment(fragment)))
    }
}

/// The origin (`https://host[:port]`) of an `http(s)` base URL without spaces, quotes or
/// invisible characters (the test [`DocsLinks::new`] applies); `None` for any other.
pub fn origin(base: &str) -> Option<&str> {
    let (links, _) = DocsLinks::new(Some(base), &DocsPages::default());
    links.base.as_ref()?;
    let base = base.trim();
    let after_scheme = base.find("://")? + 3;
    let end = (base[after_scheme..].find(['/', '?', '#'])).map_or(base.len(), |i| after_scheme + i);
    (end > after_scheme).then(|| &base[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_unsafe_base_urls() {
        let (links, warning) = DocsLinks::new(Some("javascript:alert(1)//"), &DocsPages::default());
        assert!(!links.has_base());
        assert!(warning.is_some());
        for hidden in [
            "https://docs.example.com/\u{202E}x",
            "https://docs\u{200B}.example.com/",
        ] {
            let (links, warning) = DocsLinks::new(Some(hidden), &DocsPages::default());
            assert!(!links.has_base(), "{hidden:?}");
            assert!(warning.is_some_and(|w| w.contains("<U+")), "{hidden:?}");
        }
        let (links, warning) =
            DocsLinks::new(Some("https://docs.example.com/x"), &DocsPages::default());
        assert!(links.has_base() && warning.is_none());
        assert_eq!(links.url("missing", None), None);
    }
}
