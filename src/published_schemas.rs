//! Every schema file helpdoc publishes, the one list `helpdoc schema` and `helpdoc new` write:
//! the content families and the config (from [`crate::schema`]) and the in-product bundle's wire
//! contract (from [`crate::bundle`]). Kept apart from `schema` so loading and `check`, which
//! validate against the content schemas, do not depend on an exporter.

use crate::model::DocumentFamily;
use crate::schema::{CONFIG_SCHEMA_FILE, family_schema, generate, pretty};

/// Every schema helpdoc publishes, as (file name, pretty JSON text ending in a newline).
pub fn all_schema_files() -> Vec<(String, String)> {
    DocumentFamily::ALL
        .iter()
        .map(|family| {
            (
                family.schema_file().to_string(),
                pretty(&family_schema(*family)),
            )
        })
        .chain([
            (
                crate::bundle::SCHEMA_FILE.to_string(),
                pretty(&crate::bundle::schema()),
            ),
            (
                CONFIG_SCHEMA_FILE.to_string(),
                pretty(&generate::<crate::load::ConfigFile>(CONFIG_SCHEMA_FILE)),
            ),
        ])
        .collect()
}
