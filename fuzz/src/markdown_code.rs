//! The `markdown_code` target: any text as a code block (at the top of a page, in a step and in an
//! admonition), loaded from JSON (which can hold every character), checked, resolved and exported
//! as Markdown; read back by pulldown-cmark, each block must be one code block with the same text.

use helpdoc::check::{CheckOptions, check_folder};
use helpdoc::export::markdown::MarkdownExporter;
use helpdoc::export::{BuildInfo, ExportContext, Exporter};
use helpdoc::resolve::load_images;
use serde_json::json;

use super::fences::assert_code_blocks_survive;

/// Builds a one-topic publication around `data` (lossily decoded) and checks its code blocks.
pub fn markdown_code(data: &[u8]) {
    let code = String::from_utf8_lossy(data);
    let block = json!({"code": {"code": code, "language": "yaml"}});
    let topic = json!({
        "kind": "procedure",
        "id": "code",
        "title": "Code",
        "intro": [block],
        "steps": [{
            "action": "Run it.",
            "blocks": [block, {"admonition": {"type": "note", "blocks": [block]}}],
        }],
    });
    let publication = json!({
        "kind": "publication",
        "id": "guide",
        "title": "Guide",
        "sections": [{"id": "all", "title": "All", "topics": ["code"]}],
    });
    let temp = tempfile::tempdir().expect("a temporary folder");
    let root = temp.path().join("content");
    std::fs::create_dir_all(&root).expect("a content folder");
    for (name, value) in [("topic.json", topic), ("publication.json", publication)] {
        let text = serde_json::to_string(&value).expect("JSON");
        std::fs::write(root.join(name), text).expect("a content file");
    }
    std::fs::write(root.join("helpdoc.toml"), "[rules]\nspelling = \"allow\"\n")
        .expect("a config file");
    let checked = check_folder(&root, &CheckOptions::default()).expect("the folder exists");
    if checked.has_errors() {
        return;
    }
    let content = &checked.content;
    let publications = helpdoc::publish::prepare(content, &Default::default()).publications;
    let wanted: Vec<_> = publications.iter().collect();
    let images = load_images(content);
    let build = BuildInfo {
        helpdoc_version: "0.0.0-fuzz",
        epoch_seconds: 0,
    };
    let exported = MarkdownExporter
        .export(&ExportContext {
            publications: &wanted,
            pages: &helpdoc::site::DocsPages::index(&publications),
            images: &images,
            build: &build,
        })
        .unwrap_or_else(|e| panic!("markdown failed on valid content: {e}"));
    assert_code_blocks_survive(&wanted, &exported.artifacts);
}
