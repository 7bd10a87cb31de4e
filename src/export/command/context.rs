//! The export context as versioned JSON: what a command exporter reads on its standard input.

use serde::Serialize;

use crate::export::ExportContext;
use crate::resolve::ResolvedPublication;

/// The version of this JSON contract. Bumped on any change a plugin could trip over (a field
/// removed, renamed or changing meaning); adding a field does not bump it.
pub const FORMAT_VERSION: u32 = 1;

/// The JSON document written to a command exporter's standard input.
#[derive(Serialize)]
struct WireContext<'a> {
    format_version: u32,
    helpdoc_version: &'a str,
    schema_version: u32,
    format: &'a str,
    build: WireBuild,
    publications: &'a [&'a ResolvedPublication],
}

#[derive(Serialize)]
struct WireBuild {
    epoch_seconds: i64,
    date: String,
}

/// Serializes the context for the exporter `format`.
pub fn to_json(cx: &ExportContext<'_>, format: &str) -> Result<Vec<u8>, String> {
    let wire = WireContext {
        format_version: FORMAT_VERSION,
        helpdoc_version: cx.build.helpdoc_version,
        schema_version: crate::schema::SCHEMA_VERSION,
        format,
        build: WireBuild {
            epoch_seconds: cx.build.epoch_seconds,
            date: cx.build.date(),
        },
        publications: cx.publications,
    };
    serde_json::to_vec(&wire).map_err(|e| format!("cannot serialize the export context: {e}"))
}
