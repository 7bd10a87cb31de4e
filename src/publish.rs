//! The pre-export pass: resolves every publication and notes what building it would do that the
//! writer should know (links that become plain text, help-bundle gaps, publications without
//! pages). `check` reports these notes and `build` exports the resolved publications, so both
//! see the same problems and exporters only turn publications into files.

use rayon::prelude::*;

use crate::bundle::{DocsPages, assemble};
use crate::content::ContentSet;
use crate::resolve::{
    EMPTY_PUBLICATION, Note, Place, ResolvedPublication, outline, resolve_publication,
};

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
pub fn prepare(content: &ContentSet) -> Prepared {
    let sources: Vec<_> = content.publications().collect();
    let resolved: Vec<_> = sources
        .par_iter()
        .map(|p| resolve_publication(content, p))
        .collect();
    let mut prepared = Prepared::default();
    for (publication, notes) in resolved {
        prepared.notes.extend(notes);
        prepared.publications.push(publication);
    }
    let pages = DocsPages::index(&prepared.publications);
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
pub fn notes(content: &ContentSet) -> Vec<Note> {
    let sources: Vec<_> = content.publications().collect();
    let outlines: Vec<_> = sources.par_iter().map(|p| outline(content, p)).collect();
    let pages = DocsPages::index(&outlines);
    drop(outlines);
    let (resolving, formats): (Vec<Vec<Note>>, Vec<Vec<Note>>) = sources
        .par_iter()
        .map(|p| {
            let (publication, notes) = resolve_publication(content, p);
            (notes, format_notes(&publication, &pages))
        })
        .unzip();
    resolving.into_iter().chain(formats).flatten().collect()
}

/// What the built-in formats will note about one publication: the Markdown exporter's empty
/// publication, and the help bundle's notes (the bundle is assembled to find them and dropped).
fn format_notes(publication: &ResolvedPublication, pages: &DocsPages) -> Vec<Note> {
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
        let (_bundle, bundle_notes) = assemble(publication, pages, "", String::new());
        notes.extend(bundle_notes);
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{CheckOptions, check_folder};

    #[test]
    fn notes_without_the_publications_are_those_of_prepare() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let checked = check_folder(&root, &CheckOptions::default()).expect("the guide checks");
        let notes = notes(&checked.content);
        assert!(!notes.is_empty(), "the guide has publishing notes");
        assert_eq!(notes, prepare(&checked.content).notes);
    }
}
