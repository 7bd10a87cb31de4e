//! The `import_markdown` target: any Markdown draft through the importer, in memory.

use std::path::{Component, Path, PathBuf};

use helpdoc::diag::SourceFile;
use helpdoc::import::{DraftPage, SchemaLocation, convert, render_notes};
use helpdoc::load::{Limits, Syntax, parse};

use super::assert_slice;
use super::loaders::assert_valid_document;

/// Imports `data` (lossily decoded) as one draft page and checks the files it would write.
pub fn import_markdown(data: &[u8]) {
    let page = DraftPage {
        path: PathBuf::from("drafts/fuzz-page.md"),
        name: "drafts/fuzz-page.md".to_string(),
        text: String::from_utf8_lossy(data).into_owned(),
    };
    let pages = [page];
    let schema = SchemaLocation::Url("https://example.com/schema".to_string());
    let out = Path::new("imported");
    let conversion = convert(&pages, &schema, out);
    render_notes(&pages, &conversion.notes);
    for (_, note) in &conversion.notes {
        assert!(
            note.at <= pages[0].text.len(),
            "note at {} is past the draft",
            note.at
        );
    }
    let mut paths = Vec::new();
    for file in &conversion.files {
        assert_relative(&file.rel_path);
        assert!(
            !paths.contains(&&file.rel_path),
            "two files at {}",
            file.rel_path
        );
        paths.push(&file.rel_path);
        let source = SourceFile::new(file.rel_path.clone(), file.text.clone());
        let node = parse(&source, Syntax::Yaml, &Limits::default()).unwrap_or_else(|problems| {
            panic!(
                "imported file {} is not loadable YAML: {problems:?}\n{}",
                file.rel_path, file.text
            )
        });
        assert_valid_document(&node, &file.rel_path, &file.text);
        let draft = &pages[0].text;
        for range in [0..file.text.len(), node.span.clone(), 0..0] {
            let mapped = file.map.map_range(range.clone());
            assert!(
                mapped.start <= mapped.end && mapped.end <= draft.len(),
                "{range:?} maps to {mapped:?}, outside the {}-byte draft",
                draft.len()
            );
        }
        assert_slice(&file.text, &node.span, "imported node span");
    }
    let again = convert(&pages, &schema, out);
    let texts = |c: &helpdoc::import::Conversion| -> Vec<(String, String)> {
        c.files
            .iter()
            .map(|f| (f.rel_path.clone(), f.text.clone()))
            .collect()
    };
    assert_eq!(
        texts(&again),
        texts(&conversion),
        "import is not deterministic"
    );
}

/// An output path stays inside the output folder.
fn assert_relative(path: &str) {
    assert!(
        !path.is_empty() && !path.contains('\\'),
        "bad path {path:?}"
    );
    assert!(
        Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_))),
        "path {path:?} leaves the output folder"
    );
}
