//! The `json` exporter: one in-product help bundle per publication, `json/<publication-id>.json`.
//!
//! The wire contract (types, format version, schema, message normalization) lives in
//! [`crate::bundle`]; this module builds bundles to it, one job per module: [`assemble`] walks a
//! resolved publication into a bundle, [`html`] and [`text`] render its rich text in the bundle's
//! two forms, [`encode`] writes the JSON. Deep links come from [`crate::site`].

mod assemble;
pub mod encode;
pub mod html;
pub mod text;

pub use assemble::{assemble, assemble_notes};
pub use encode::to_json;

use super::{Artifact, ExportContext, ExportError, Exported, Exporter};
use crate::resolve::ResolvedPublication;

/// Writes each publication's error topics as a help bundle (see `docs/in-product-json.md`).
pub struct JsonExporter;

impl Exporter for JsonExporter {
    fn name(&self) -> &str {
        "json"
    }

    /// Enabled explicitly, or by default when the publication has an error topic.
    fn wants(&self, publication: &ResolvedPublication) -> bool {
        publication.wants_json()
    }

    fn names_publications(&self) -> bool {
        true
    }

    /// About a third of a millisecond on the shipped guide (see [`Exporter::weight`]).
    fn weight(&self) -> Option<u32> {
        Some(1)
    }

    fn export(&self, cx: &ExportContext<'_>) -> Result<Exported, ExportError> {
        let mut exported = Exported::default();
        for publication in cx.publications {
            // The bundle's notes were reported before export (`crate::publish`).
            let (bundle, _notes) = assemble(
                publication,
                cx.pages,
                cx.build.helpdoc_version,
                cx.build.date(),
            );
            let bytes = to_json(&bundle).map_err(|e| ExportError {
                exporter: self.name().to_string(),
                message: format!("cannot serialize the bundle for `{}`: {e}", publication.id),
            })?;
            exported.artifacts.push(Artifact {
                path: format!("{}.json", publication.id),
                bytes,
                publication: Some(publication.id.clone()),
            });
        }
        Ok(exported)
    }
}
