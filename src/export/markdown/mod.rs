//! The `markdown` exporter: Docusaurus 3 pages (one per top-level section) that compile as MDX 3.
//!
//! Each publication becomes a folder: `<publication>/<section>.md` pages with front matter,
//! `_category_.json` for the sidebar, and its images under `<publication>/img/`. Headings carry
//! explicit ids (`## Title \{#id\}`) so anchors match the other formats; every piece of text is
//! escaped so that nothing in the content can become MDX syntax (see [`escape`]).

mod blocks;
mod context;
pub mod escape;
mod images;
mod inline;
mod lines;
mod page;
mod steps;
mod topic;

use std::collections::BTreeSet;

use crate::resolve::ResolvedPublication;

use super::{Artifact, ExportContext, ExportError, Exported, Exporter};
use context::Page;

/// Docusaurus Markdown.
#[derive(Debug, Default)]
pub struct MarkdownExporter;

impl Exporter for MarkdownExporter {
    fn name(&self) -> &str {
        "markdown"
    }

    fn wants(&self, publication: &ResolvedPublication) -> bool {
        publication.wants_markdown()
    }

    fn names_publications(&self) -> bool {
        true
    }

    /// About half a millisecond on the shipped guide (see [`Exporter::weight`]).
    fn weight(&self) -> Option<u32> {
        Some(1)
    }

    fn export(&self, cx: &ExportContext<'_>) -> Result<Exported, ExportError> {
        let mut exported = Exported::default();
        for publication in cx.publications {
            let (images, image_files) =
                images::place(publication, cx.images).map_err(|message| self.error(message))?;
            for (index, section) in publication.sections.iter().enumerate() {
                let page = Page::new(publication, index, &images);
                exported.artifacts.push(Artifact {
                    path: crate::site::route::file_path(&publication.id, &section.id),
                    bytes: page::page(section, &page).into_bytes(),
                    publication: Some(publication.id.clone()),
                });
            }
            exported.artifacts.push(Artifact {
                path: format!("{}/_category_.json", publication.id),
                bytes: page::category(publication).into_bytes(),
                publication: Some(publication.id.clone()),
            });
            exported.artifacts.extend(image_files);
        }
        let mut seen = BTreeSet::new();
        if let Some(duplicate) = exported
            .artifacts
            .iter()
            .find(|a| !seen.insert(a.path.as_str()))
        {
            return Err(self.error(format!(
                "two pages would be written to `{}`; give the sections (or publications) different ids",
                duplicate.path
            )));
        }
        Ok(exported)
    }
}

impl MarkdownExporter {
    fn error(&self, message: String) -> ExportError {
        ExportError {
            exporter: self.name().to_string(),
            message,
        }
    }
}
