//! The README stays complete: every per-format publication option the schema accepts has a row
//! in its options table, so writers never have to read the schema to find one.

use serde_json::Value;

use crate::support::repo;

/// `formats.FORMAT.OPTION` for every option of every format in the publication schema.
fn schema_options() -> Vec<String> {
    let path = repo().join("schema").join("publication.schema.json");
    let text = std::fs::read_to_string(&path).expect("publication schema");
    let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
    let defs = &schema["$defs"];
    let formats = defs["FormatOptions"]["properties"]
        .as_object()
        .expect("FormatOptions has properties");
    let mut options = Vec::new();
    for (format, property) in formats {
        let reference = property["$ref"]
            .as_str()
            .or_else(|| property["allOf"][0]["$ref"].as_str())
            .unwrap_or_else(|| panic!("formats.{format} is not a reference: {property}"));
        let name = reference.rsplit('/').next().expect("a definition name");
        let fields = defs[name]["properties"]
            .as_object()
            .unwrap_or_else(|| panic!("{name} has no properties"));
        options.extend(
            fields
                .keys()
                .map(|field| format!("formats.{format}.{field}")),
        );
    }
    options
}

#[test]
fn the_readme_documents_every_publication_option_per_format() {
    let readme = std::fs::read_to_string(repo().join("README.md")).expect("README");
    let options = schema_options();
    assert!(options.len() >= 15, "{options:?}");
    let missing: Vec<&String> = options
        .iter()
        .filter(|option| !readme.contains(&format!("| `{option}` |")))
        .collect();
    assert!(
        missing.is_empty(),
        "README's \"Publication options per format\" table lacks: {missing:?}"
    );
}
