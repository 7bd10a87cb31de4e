//! The `json` exporter: one in-product help bundle per publication, `json/<publication-id>.json`.

use super::{Artifact, ExportContext, ExportError, Exported, Exporter};
use crate::bundle::{DocsPages, assemble, to_json};
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

    fn export(&self, cx: &ExportContext<'_>) -> Result<Exported, ExportError> {
        let mut exported = Exported::default();
        let pages = DocsPages::index(cx.all_publications);
        for publication in cx.publications {
            // The bundle's notes were reported before export (`crate::publish`).
            let (bundle, _notes) = assemble(
                publication,
                &pages,
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
