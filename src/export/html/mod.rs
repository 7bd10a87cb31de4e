//! The standalone HTML exporter: one self-contained page per publication (styles and images
//! embedded), assembled by Handlebars templates from fragments Rust has already escaped.

mod blocks;
mod images;
mod inline;
mod page;
mod script;
mod steps;
pub mod templates;
mod topic;
mod view;

pub use templates::TemplateSet;

use super::{Artifact, ExportContext, ExportError, Exported, Exporter};
use crate::resolve::ResolvedPublication;
use blocks::BodyRenderer;

/// Writes `<publication-id>.html` for each publication, from the embedded templates or from a
/// template pack's replacements.
pub struct HtmlExporter {
    name: String,
    templates: TemplateSet,
}

impl HtmlExporter {
    /// The built-in `html` format.
    pub fn new() -> Self {
        Self::with_templates("html", TemplateSet::defaults())
    }

    /// A format named `name` (its output folder) that renders with `templates`.
    pub fn with_templates(name: &str, templates: TemplateSet) -> Self {
        HtmlExporter {
            name: name.to_string(),
            templates,
        }
    }

    fn error(&self, message: String) -> ExportError {
        ExportError {
            exporter: self.name.clone(),
            message,
        }
    }
}

impl Default for HtmlExporter {
    fn default() -> Self {
        Self::new()
    }
}

impl Exporter for HtmlExporter {
    fn name(&self) -> &str {
        &self.name
    }

    fn wants(&self, publication: &ResolvedPublication) -> bool {
        publication.formats.html.enabled.unwrap_or(true)
    }

    fn names_publications(&self) -> bool {
        true
    }

    /// About 2 ms on the shipped guide (see [`Exporter::weight`]).
    fn weight(&self) -> Option<u32> {
        Some(4)
    }

    fn export(&self, cx: &ExportContext<'_>) -> Result<Exported, ExportError> {
        let registry = self.templates.registry().map_err(|e| self.error(e))?;
        let styles = self.templates.styles().map_err(|e| self.error(e))?;
        let renderer = BodyRenderer { images: cx.images };
        let mut exported = Exported::default();
        for publication in cx.publications {
            let in_publication =
                |e: String| self.error(format!("publication `{}`: {e}", publication.id));
            let view = page::page_view(publication, &renderer, cx.build, styles.clone())
                .map_err(in_publication)?;
            let html = self
                .templates
                .render(&registry, &view)
                .map_err(in_publication)?;
            exported.artifacts.push(Artifact {
                path: format!("{}.html", publication.id),
                bytes: html.into_bytes(),
                publication: Some(publication.id.clone()),
            });
        }
        Ok(exported)
    }
}
