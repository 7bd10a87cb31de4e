//! Aliases (old anchors kept so old links still land): each is a slug as Docusaurus makes them,
//! and takes no id, generated id or other alias on its page.
//!
//! The page is the whole publication: the standalone HTML and the PDF hold it all on one page, so
//! an alias unique there is unique on its Docusaurus page too.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use rayon::prelude::*;
use unicode_general_category::{GeneralCategory, get_general_category};

use crate::content::{ContentDoc, ContentSet};
use crate::diag::{Diagnostic, FileId};
use crate::model::walk::{Visitor, anchors, walk};
use crate::model::{Alias, Document, Publication, Section, SectionChild as Child};
use crate::resolve::anchors::{PAGE_IDS, generated_ids};
use crate::resolve::{anchor_id, placed_topics};

/// The first character that keeps `alias` from being a slug github-slugger (Docusaurus's heading
/// slugger) could have made, or `None` when it is one. A slug is its own slug: nothing in it is
/// lowercased, dropped or turned into `-`. github-slugger keeps alphabetic characters (any
/// script), marks, decimal digits, connector punctuation (`_`) and `-`, lowercases, and turns
/// spaces into `-`; so `--`, `_` and `-1` suffixes are all slugs.
pub fn slug_problem(alias: &str) -> Option<char> {
    alias.chars().find(|&c| !slug_char(c))
}

fn slug_char(c: char) -> bool {
    use GeneralCategory as G;
    let kept = c == '-'
        || c.is_alphabetic()
        || matches!(
            get_general_category(c),
            G::NonspacingMark
                | G::SpacingMark
                | G::EnclosingMark
                | G::DecimalNumber
                | G::ConnectorPunctuation
        );
    // Lowercase already: `to_lowercase` maps it to itself.
    kept && c.to_lowercase().eq([c])
}

/// Every alias problem in the content: aliases that are not slugs (per file) and aliases that
/// clash on a publication's page (per publication, each clash reported once).
pub fn check_aliases(content: &ContentSet) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = content
        .docs
        .par_iter()
        .flat_map_iter(slug_problems)
        .collect();
    let clashes: Vec<Vec<Diagnostic>> = content
        .docs
        .par_iter()
        .filter_map(|doc| match &doc.document {
            Document::Publication(publication) => {
                Some(publication_clashes(content, doc, publication))
            }
            _ => None,
        })
        .collect();
    out.extend(first_clashes(clashes.iter().map(Vec::as_slice)));
    out
}

/// The aliases of one document that are not slugs. They depend on that document alone (the
/// incremental engine keeps them until it is read again).
pub fn slug_problems(doc: &ContentDoc) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (alias, pointer) in aliases_of(&doc.document, "") {
        if let Some(c) = slug_problem(alias.as_str()) {
            out.push(
                Diagnostic::error(
                    "alias-not-a-slug",
                    format!(
                        "the alias `{}` is not an anchor Docusaurus makes: it holds {}",
                        alias.as_str(),
                        describe(c)
                    ),
                )
                .at(doc.file, span(doc, &pointer), "not a slug")
                .help("write the old anchor exactly as it appeared after `#` in the old address: lowercase, words joined by `-`, no punctuation but `-` and `_` (e.g. `set-up-the-user`)"),
            );
        }
    }
    out
}

/// The clashes on one publication's page, each alias reported once. They read the publication
/// and the topics it places, through the content set's lookups (so
/// [`crate::content::reads`] records what they depend on).
pub fn publication_clashes(
    content: &ContentSet,
    doc: &ContentDoc,
    publication: &Publication,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    clashes(content, doc, publication, &mut HashSet::new(), &mut out);
    out
}

/// The publications' clashes (each list from [`publication_clashes`], in content order), each
/// alias reported at its first clash only: a topic placed in several publications clashes once.
pub fn first_clashes<'d>(
    publications: impl IntoIterator<Item = &'d [Diagnostic]>,
) -> Vec<Diagnostic> {
    let mut reported = HashSet::new();
    let mut out = Vec::new();
    for diagnostic in publications.into_iter().flatten() {
        let at = diagnostic
            .primary
            .as_ref()
            .map(|label| (label.file, label.range.clone()));
        if reported.insert(at) {
            out.push(diagnostic.clone());
        }
    }
    out
}

/// A character as a diagnostic names it: `U+00A0 (a space)`-style for the invisible ones.
fn describe(c: char) -> String {
    if c.is_whitespace() {
        format!("a space (U+{:04X})", c as u32)
    } else if c.to_lowercase().ne([c]) && c.is_alphabetic() {
        format!("the capital `{c}`")
    } else if c.is_control() || get_general_category(c) == GeneralCategory::Format {
        format!("the invisible character U+{:04X}", c as u32)
    } else {
        format!("`{c}`")
    }
}

/// The aliases a document writes, with their pointers (`at` prefixes them).
fn aliases_of<'d>(document: &'d Document, at: &str) -> Vec<(&'d Alias, String)> {
    struct Collect<'d>(Vec<(&'d Alias, String)>, String);
    impl<'d> Visitor<'d> for Collect<'d> {
        fn alias(&mut self, alias: &'d Alias, pointer: &str) {
            self.0.push((alias, format!("{}{pointer}", self.1)));
        }
    }
    let mut collect = Collect(Vec::new(), at.to_string());
    walk(document, &mut collect);
    collect.0
}

/// Where an id on a page comes from: the document and pointer that define it (its span is found
/// only when a clash is reported), and what it is.
#[derive(Clone)]
struct Owner<'d> {
    doc: &'d ContentDoc,
    pointer: String,
    what: String,
}

impl Owner<'_> {
    fn span(&self) -> Range<usize> {
        span(self.doc, &self.pointer)
    }
}

fn span(doc: &ContentDoc, pointer: &str) -> Range<usize> {
    doc.node.locate(pointer).node.span.clone()
}

/// Reports each alias of `publication`'s page that takes an id, a generated id or another alias.
fn clashes<'d>(
    content: &'d ContentSet,
    publication_doc: &'d ContentDoc,
    publication: &Publication,
    reported: &mut HashSet<(FileId, Range<usize>)>,
    out: &mut Vec<Diagnostic>,
) {
    let mut sections = Vec::new();
    collect_sections(&publication.sections, "/sections", &mut sections);
    let placed: Vec<_> = placed_topics(content, publication)
        .into_iter()
        .filter_map(|(_, id)| Some((id, content.get(id)?, content.topic(id)?)))
        .collect();
    let topic_aliases: Vec<_> = placed
        .iter()
        .map(|(_, doc, _)| (*doc, aliases_of(&doc.document, "")))
        .filter(|(_, aliases)| !aliases.is_empty())
        .collect();
    // Without an alias on the page nothing can clash: the page's ids are not even gathered.
    if topic_aliases.is_empty() && sections.iter().all(|(s, _)| s.aliases.is_empty()) {
        return;
    }
    let mut ids: HashMap<String, Owner<'d>> = HashMap::new();
    let pub_owner = |pointer: String, what: String| Owner {
        doc: publication_doc,
        pointer,
        what,
    };
    for id in PAGE_IDS {
        ids.insert(
            id.to_string(),
            pub_owner("/id".into(), "an id of the page itself".into()),
        );
    }
    for (section, pointer) in &sections {
        let owner = pub_owner(
            format!("{pointer}/id"),
            format!("the id of section `{}`", section.id),
        );
        ids.entry(section.id.to_string()).or_insert(owner);
    }
    for (id, doc, topic) in &placed {
        let owner = |pointer: String, what: String| Owner { doc, pointer, what };
        ids.entry(id.to_string())
            .or_insert_with(|| owner("/id".into(), format!("the id of topic `{id}`")));
        for (anchor, pointer) in anchors(topic) {
            ids.entry(anchor_id(id, Some(&anchor)))
                .or_insert_with(|| owner(pointer, format!("the anchor of `{anchor}` in `{id}`")));
        }
        for generated in generated_ids(topic) {
            ids.entry(generated.clone()).or_insert_with(|| {
                owner(
                    "/id".into(),
                    format!("the id `{generated}` generated for `{id}`"),
                )
            });
        }
    }
    let mut claim = |alias: &Alias, owner: Owner<'d>, publication: &str| match ids
        .get(alias.as_str())
    {
        Some(first) => {
            let span = owner.span();
            if reported.insert((owner.doc.file, span.clone())) {
                out.push(
                        Diagnostic::error(
                            "duplicate-alias",
                            format!(
                                "the alias `{}` is already {} on its page in publication `{publication}`",
                                alias.as_str(),
                                first.what
                            ),
                        )
                        .at(owner.doc.file, span, "alias here")
                        .also(first.doc.file, first.span(), "taken here")
                        .help("an alias only keeps an old address working; remove it, or keep the alias and rename what it clashes with"),
                    );
            }
        }
        None => {
            let what = format!("an alias of {}", owner.what);
            ids.insert(alias.as_str().to_string(), Owner { what, ..owner });
        }
    };
    let publication_id = publication.id.as_str();
    for (section, pointer) in &sections {
        for (i, alias) in section.aliases.iter().enumerate() {
            let owner = pub_owner(
                format!("{pointer}/aliases/{i}"),
                format!("section `{}`", section.id),
            );
            claim(alias, owner, publication_id);
        }
    }
    for (doc, aliases) in topic_aliases {
        for (alias, pointer) in aliases {
            let owner = Owner {
                doc,
                pointer,
                what: format!("`{}`", doc.id()),
            };
            claim(alias, owner, publication_id);
        }
    }
}

fn collect_sections<'p>(list: &'p [Section], at: &str, out: &mut Vec<(&'p Section, String)>) {
    for (i, section) in list.iter().enumerate() {
        collect_section(section, format!("{at}/{i}"), out);
    }
}

/// A section and every group nested in it (in `contents` or `sections`), each with its pointer.
fn collect_section<'p>(section: &'p Section, here: String, out: &mut Vec<(&'p Section, String)>) {
    for (pointer, child) in section.children() {
        if let Child::Section(nested) = child {
            collect_section(nested, format!("{here}{pointer}"), out);
        }
    }
    out.push((section, here));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_follow_github_slugger() {
        // Each of these is what github-slugger makes of some heading.
        for slug in [
            "set-up",
            "old--step",
            "under_score",
            "title-1",
            "café",
            "中文",
            "ⅷ",
            "a\u{301}",
            "٣",
        ] {
            assert_eq!(slug_problem(slug), None, "{slug}");
        }
        for (not, c) in [
            ("Set-up", 'S'),
            ("set up", ' '),
            ("why?", '?'),
            ("a.b", '.'),
            ("x²", '²'),
            ("wait…", '…'),
            ("zero\u{200d}width", '\u{200d}'),
            ("Σ", 'Σ'),
        ] {
            assert_eq!(slug_problem(not), Some(c), "{not}");
        }
    }
}
