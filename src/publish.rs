//! The pre-export pass: resolves every publication and notes what building it would do that the
//! writer should know (links that become plain text, help-bundle gaps, publications without
//! pages). `check` reports these notes and `build` exports the resolved publications, so both
//! see the same problems and exporters only turn publications into files.

use rayon::prelude::*;

use crate::content::ContentSet;
use crate::export::json::assemble_notes;
use crate::load::config::SiteConfig;
use crate::resolve::{EMPTY_PUBLICATION, Note, Place, ResolvedPublication, Resolving, resolve_as};
use crate::site::DocsPages;

/// Every publication resolved, and what building them would note.
#[derive(Debug, Default)]
pub struct Prepared {
    /// The publications, in content order.
    pub publications: Vec<ResolvedPublication>,
    /// Notes from resolving and from what the formats will make of each publication, in
    /// publication order.
    pub notes: Vec<Note>,
}

/// Resolves every publication (on every core; results in content order) and collects its notes.
/// A publication's own `formats.json.docs_base_url` (the older place, still honoured) wins over
/// the project's `[site] base_url`.
pub fn prepare(content: &ContentSet, site: &SiteConfig) -> Prepared {
    let sources: Vec<_> = content.publications().collect();
    let pages = DocsPages::from_content(content);
    let resolved: Vec<_> = sources
        .par_iter()
        .map(|p| resolve_with_site(content, p, site, &pages))
        .collect();
    let mut prepared = Prepared::default();
    for (publication, notes) in resolved {
        prepared.notes.extend(notes);
        prepared.publications.push(publication);
    }
    let format_notes: Vec<Vec<Note>> = prepared
        .publications
        .par_iter()
        .map(|publication| format_notes(publication, &pages))
        .collect();
    prepared.notes.extend(format_notes.into_iter().flatten());
    prepared
}

/// The notes of [`prepare`], in the same order, without keeping the publications (for `check`,
/// which reports the notes and builds nothing). Holding every publication resolved at once
/// doubled `check`'s memory, and zeroing fresh pages for it was a large share of its time: here
/// each publication is resolved, noted and dropped, and the index of docs pages comes from the
/// publications' outlines.
pub fn notes(content: &ContentSet, site: &SiteConfig) -> Vec<Note> {
    let sources: Vec<_> = content.publications().collect();
    let pages = DocsPages::from_content(content);
    let (resolving, formats): (Vec<Vec<Note>>, Vec<Vec<Note>>) = sources
        .par_iter()
        .map(|p| {
            let (publication, notes) =
                resolve_with_site_as(content, p, site, &pages, Resolving::NotesOnly);
            (notes, format_notes(&publication, &pages))
        })
        .unzip();
    resolving.into_iter().chain(formats).flatten().collect()
}

/// Resolves one publication; the project's `[site] base_url` fills in for a publication that
/// sets no `docs_base_url` of its own, before resolving, since links to topics outside the
/// publication go into the docs site by it.
pub fn resolve_with_site(
    content: &ContentSet,
    publication: &crate::model::Publication,
    site: &SiteConfig,
    pages: &DocsPages,
) -> (ResolvedPublication, Vec<Note>) {
    resolve_with_site_as(content, publication, site, pages, Resolving::Whole)
}

/// [`resolve_with_site`], writing as much as `resolving` says.
fn resolve_with_site_as(
    content: &ContentSet,
    publication: &crate::model::Publication,
    site: &SiteConfig,
    pages: &DocsPages,
    resolving: Resolving,
) -> (ResolvedPublication, Vec<Note>) {
    if publication.formats.json.docs_base_url.is_none() && site.base_url.is_some() {
        let mut with_site = publication.clone();
        with_site
            .formats
            .json
            .docs_base_url
            .clone_from(&site.base_url);
        resolve_as(content, &with_site, pages, resolving)
    } else {
        resolve_as(content, publication, pages, resolving)
    }
}

/// What the built-in formats will note about one publication: the Markdown exporter's empty
/// publication, and the help bundle's notes (the bundle is assembled to find them and dropped).
pub fn format_notes(publication: &ResolvedPublication, pages: &DocsPages) -> Vec<Note> {
    let mut notes = Vec::new();
    if publication.wants_markdown() && publication.sections.is_empty() {
        notes.push(
            Note::new(
                &EMPTY_PUBLICATION,
                Some(publication.id.as_str()),
                "the publication has no sections, so it has no Markdown pages",
            )
            .at(Place::field(&publication.id, "/sections"), "no sections"),
        );
    }
    if publication.wants_json() {
        notes.extend(assemble_notes(publication, pages));
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{CheckOptions, check_folder};
    use crate::export::json::assemble;

    /// Content whose publications have notes of every kind, for comparing ways of finding them.
    const NOTED: [&str; 10] = [
        "content",
        "examples/model-tour",
        "tests/fixtures/check/link-outside-publication",
        "tests/fixtures/check/bundle-notes",
        "tests/fixtures/variants/emptied-error",
        "tests/fixtures/variants/emptied-page",
        "tests/fixtures/variants/emptied-procedure",
        "tests/fixtures/variants/reference-filtered-out",
        "tests/fixtures/variants/audience",
        "tests/fixtures/variants/data-when",
    ];

    #[test]
    fn notes_without_the_publications_are_those_of_prepare() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut noted = 0;
        for folder in NOTED {
            let loaded = crate::load::load_folder(&root.join(folder), &CheckOptions::default())
                .expect("the content loads");
            let notes = notes(&loaded.content, &loaded.config.site);
            assert_eq!(
                notes,
                prepare(&loaded.content, &loaded.config.site).notes,
                "{folder}"
            );
            noted += notes.len();
        }
        assert!(noted >= 10, "the fixtures have notes");
    }

    #[test]
    fn bundle_notes_without_rendering_are_those_of_assembling() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut noted = 0;
        for folder in NOTED {
            let checked = check_folder(&root.join(folder), &CheckOptions::default())
                .expect("the content checks");
            let prepared = prepare(&checked.content, &checked.config.site);
            let pages = DocsPages::from_content(&checked.content);
            for publication in &prepared.publications {
                let (_, assembled) = assemble(publication, &pages, "", String::new());
                assert_eq!(assemble_notes(publication, &pages), assembled, "{folder}");
                noted += assembled.len();
            }
        }
        assert!(noted >= 3, "the fixtures' bundles have notes");
    }
}
