//! The `json` exporter: one in-product help bundle per publication, `json/<publication-id>.json`.

use super::{Artifact, ExportContext, ExportError, Exported, Exporter};
use crate::bundle::{DocsPages, assemble, to_json};
use crate::resolve::{ResolvedPublication, TopicBody};

/// Writes each publication's error topics as a help bundle (see `docs/in-product-json.md`).
pub struct JsonExporter;

impl Exporter for JsonExporter {
    fn name(&self) -> &str {
        "json"
    }

    /// Enabled explicitly, or by default when the publication has an error topic.
    fn wants(&self, publication: &ResolvedPublication) -> bool {
        publication.formats.json.enabled.unwrap_or_else(|| {
            publication
                .topics()
                .iter()
                .any(|(_, t)| matches!(t.body, TopicBody::Error { .. }))
        })
    }

    fn export(&self, cx: &ExportContext<'_>) -> Result<Exported, ExportError> {
        let mut exported = Exported::default();
        let pages = DocsPages::index(cx.all_publications);
        for publication in cx.publications {
            let (bundle, warnings) = assemble(publication, &pages, cx.build);
            let bytes = to_json(&bundle).map_err(|e| ExportError {
                exporter: self.name().to_string(),
                message: format!("cannot serialize the bundle for `{}`: {e}", publication.id),
            })?;
            exported.warnings.extend(
                warnings
                    .into_iter()
                    .map(|w| format!("publication `{}`: {w}", publication.id)),
            );
            exported.artifacts.push(Artifact {
                path: format!("{}.json", publication.id),
                bytes,
            });
        }
        Ok(exported)
    }
}
