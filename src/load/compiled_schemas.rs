//! Whether a document is valid, answered by validators compiled into helpdoc from the committed
//! schemas.
//!
//! `schema/*.schema.json` (held equal to the schemas generated from the model by the test
//! `committed_schemas_match_the_model`) are turned into Rust by `jsonschema`'s code generator
//! when helpdoc is compiled, so saying whether a file is valid compiles no schema at run time:
//! that compilation (~4.6 ms of CPU whatever the content) was most of a small project's check.
//! A file that is not valid is validated again with its kind's schema compiled at run time,
//! whose errors the diagnostics are worded from ([`super::SchemaValidators`]); a test holds the
//! two to the same answer.

use serde_json::Value;

use crate::model::{DocumentFamily, DocumentKind};

#[jsonschema::validator(path = "schema/topic.schema.json", draft = Draft202012)]
struct Topic;

#[jsonschema::validator(path = "schema/fragment.schema.json", draft = Draft202012)]
struct Fragment;

#[jsonschema::validator(path = "schema/publication.schema.json", draft = Draft202012)]
struct Publication;

/// Whether `value`, a document whose `kind` field is `kind`, is valid. Each family's schema is
/// one validator: a topic's is a `oneOf` whose branches each require their own `kind` constant,
/// so with the `kind` known it answers for exactly that kind's branch.
pub(super) fn is_valid(kind: DocumentKind, value: &Value) -> bool {
    match kind.family() {
        DocumentFamily::Topic => Topic::is_valid(value),
        DocumentFamily::Fragment => Fragment::is_valid(value),
        DocumentFamily::Publication => Publication::is_valid(value),
    }
}
