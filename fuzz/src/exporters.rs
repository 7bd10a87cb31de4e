//! The `exporters` target: a generated content set through `check`, and when it passes, through
//! the resolver and every built-in exporter, twice (outputs must be identical), then written. The
//! Markdown pages are read back by pulldown-cmark: every code block survives as one code block.

use std::path::{Component, Path};

use helpdoc::check::{CheckOptions, check_folder};
use helpdoc::export::registry::builtins;
use helpdoc::export::{Artifact, BuildInfo, ExportContext};
use helpdoc::output::write_build;
use helpdoc::resolve::load_images;

use super::bytes::Bytes;
use super::content_gen::generate;
use super::fences::assert_code_blocks_survive;
use super::loaders::render_all;

/// Builds the content set generated from `data` with every built-in exporter.
pub fn exporters(data: &[u8]) {
    let spec = generate(&mut Bytes::new(data));
    let temp = tempfile::tempdir().expect("a temporary folder");
    let root = temp.path().join("content");
    spec.write(&root);
    let checked = check_folder(&root, &CheckOptions::default()).expect("the folder exists");
    render_all(&checked.diagnostics, &checked.sources);
    if checked.has_errors() {
        return;
    }
    let content = &checked.content;
    let images = load_images(content);
    let publications = helpdoc::publish::prepare(content, &Default::default()).publications;
    let build = BuildInfo {
        helpdoc_version: "0.0.0-fuzz",
        epoch_seconds: spec.epoch_seconds,
    };
    let mut outputs = Vec::new();
    for exporter in builtins() {
        let wanted: Vec<_> = publications.iter().filter(|p| exporter.wants(p)).collect();
        let cx = ExportContext {
            publications: &wanted,
            pages: &helpdoc::site::DocsPages::index(&publications),
            images: &images,
            build: &build,
        };
        let name = exporter.name().to_string();
        match (exporter.export(&cx), exporter.export(&cx)) {
            (Ok(first), Ok(second)) => {
                assert!(
                    first.artifacts == second.artifacts,
                    "{name}: two exports of the same content differ"
                );
                assert_eq!(first.warnings, second.warnings, "{name}: warnings differ");
                assert_paths(&name, &first.artifacts);
                assert_formats(&name, &first.artifacts);
                if name == "markdown" {
                    assert_code_blocks_survive(&wanted, &first.artifacts);
                }
                outputs.push((name, first.artifacts));
            }
            (Err(first), Err(second)) => {
                assert_eq!(first, second, "{name}: two exports fail differently");
                assert!(
                    spec.uses_fuzz_image,
                    "{name} failed on valid content: {first}"
                );
            }
            (first, second) => panic!(
                "{name}: one export failed and one did not: {:?} / {:?}",
                first.err(),
                second.err()
            ),
        }
    }
    write_build(&temp.path().join("out"), &root, &outputs, false)
        .unwrap_or_else(|e| panic!("writing the build failed: {e}"));
}

/// Artifact paths are relative, `/`-separated, inside the format folder, and unique.
fn assert_paths(name: &str, artifacts: &[Artifact]) {
    let mut seen = std::collections::BTreeSet::new();
    for artifact in artifacts {
        let path = &artifact.path;
        assert!(
            !path.is_empty()
                && !path.contains('\\')
                && Path::new(path)
                    .components()
                    .all(|c| matches!(c, Component::Normal(_))),
            "{name}: artifact path {path:?} leaves the format folder"
        );
        assert!(seen.insert(path), "{name}: two artifacts at {path}");
    }
}

/// Each artifact is well-formed for its type: JSON parses, text is UTF-8, a PDF is one
/// complete file.
fn assert_formats(name: &str, artifacts: &[Artifact]) {
    for Artifact { path, bytes, .. } in artifacts {
        let extension = path.rsplit_once('.').map_or("", |(_, e)| e);
        match extension {
            "json" => {
                if let Err(e) = serde_json::from_slice::<serde_json::Value>(bytes) {
                    panic!("{name}: {path} is not JSON: {e}");
                }
            }
            "md" | "mdx" | "html" | "css" | "js" | "txt" | "svg" => {
                assert!(
                    std::str::from_utf8(bytes).is_ok(),
                    "{name}: {path} is not UTF-8"
                );
            }
            "pdf" => {
                let tail = &bytes[bytes.len().saturating_sub(32)..];
                assert!(
                    bytes.starts_with(b"%PDF-") && tail.windows(5).any(|w| w == b"%%EOF"),
                    "{name}: {path} is not a complete PDF"
                );
            }
            _ => {}
        }
    }
}
