//! The in-product help bundle's wire contract: its types, format version, JSON Schema and
//! message normalization, which products read and [`crate::lookup`] matches against.
//!
//! Only the contract lives here; the JSON exporter ([`crate::export::json`]) builds bundles to it.
//! The format is documented in `docs/in-product-json.md`; `schema/help-bundle.schema.json` is
//! generated from [`HelpBundle`] and committed.

mod types;

pub use crate::lookup::normalize_message;
pub use types::*;

/// The bundle schema's file name in `schema/`.
pub const SCHEMA_FILE: &str = "help-bundle.schema.json";

/// The bundle schema's `$id`, which every bundle's `$schema` holds
/// ([`crate::schema::SCHEMA_BASE_URL`] + [`SCHEMA_FILE`]).
pub const SCHEMA_ID: &str = "https://helpdoc.dev/schema/help-bundle.schema.json";

/// The bundle format's version; see the versioning policy in `docs/in-product-json.md`.
pub const FORMAT_VERSION: u32 = 3;

/// The bundle's JSON Schema, with `$id` set.
pub fn schema() -> serde_json::Value {
    crate::schema::generate::<HelpBundle>(SCHEMA_FILE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_id_is_the_published_address() {
        assert_eq!(
            SCHEMA_ID,
            format!("{}{SCHEMA_FILE}", crate::schema::SCHEMA_BASE_URL)
        );
        assert_eq!(schema()["$id"], SCHEMA_ID);
    }

    #[test]
    fn committed_schema_matches_the_wire_types() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/schema/help-bundle.schema.json"
        );
        let committed = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("{path}: {e}; run `helpdoc schema --out schema`"));
        let generated = crate::published_schemas::all_schema_files()
            .into_iter()
            .find(|(name, _)| name == SCHEMA_FILE)
            .map(|(_, text)| text)
            .expect("all_schema_files lists the bundle schema");
        assert_eq!(
            committed, generated,
            "schema/{SCHEMA_FILE} is stale: run `cargo run -- schema --out schema`"
        );
    }
}
