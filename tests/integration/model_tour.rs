//! The model tour (`examples/model-tour`): a content set that uses every feature of the content
//! model, checked with `--deny-warnings` and built through every real client. Its Markdown is
//! judged by the one Docusaurus site build (`docusaurus.rs`); this file judges the other formats.

use std::path::{Path, PathBuf};

use crate::html::{assert_valid_and_accessible, html_files};
use crate::json_bundle::validate_with_clients;
use crate::pdf::pdf_tool;
use crate::pdf_ua::{assert_outloud_clean, assert_pdfua_clean};
use crate::support::{files_with, repo, run};

/// The tour's content folder.
pub(crate) fn tour() -> PathBuf {
    repo().join("examples").join("model-tour")
}

/// Builds every format of the tour into a temp folder; returns (guard, output folder).
fn build_tour() -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().expect("temp dir");
    let out = temp.path().join("build");
    let result = run(&[
        "build",
        "--content",
        &tour().to_string_lossy(),
        "--out",
        &out.to_string_lossy(),
        "--deny-warnings",
    ]);
    assert_eq!(result.code, 0, "{}{}", result.stdout, result.stderr);
    (temp, out)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

#[test]
fn the_tour_checks_clean_with_warnings_denied() {
    let result = run(&[
        "check",
        "--content",
        &tour().to_string_lossy(),
        "--deny-warnings",
    ]);
    assert_eq!(result.code, 0, "{}{}", result.stdout, result.stderr);
}

#[test]
fn the_tour_html_passes_the_nu_checker_and_axe() {
    let (_temp, out) = build_tour();
    assert_valid_and_accessible(&html_files(&out.join("html")));
}

#[test]
fn the_tour_pdf_is_valid_tagged_and_holds_every_page_title() {
    let (_temp, out) = build_tour();
    let pdf = out.join("pdf").join("model-tour.pdf");
    pdf_tool("qpdf", &["--check", &pdf.to_string_lossy()]);
    assert_outloud_clean(&pdf, &[]);
    assert_pdfua_clean(&pdf);
    let text = pdf_tool("pdftotext", &["-layout", &pdf.to_string_lossy(), "-"]);
    let html = read(&out.join("html").join("model-tour.html"));
    for title in [
        "About the model tour",
        "Restart the sync",
        "Resolve the \"Sync stopped\" error",
    ] {
        assert!(
            text.contains(title),
            "{title} missing from the PDF:\n{text}"
        );
        assert!(
            html.contains(&title.replace('"', "&quot;")) || html.contains(title),
            "{title} missing from the HTML"
        );
    }
}

#[test]
fn the_tour_bundle_validates_against_the_bundle_schema() {
    let (_temp, out) = build_tour();
    let bundles = files_with(&out.join("json"), "json");
    assert!(!bundles.is_empty(), "no bundle in {}", out.display());
    validate_with_clients(&bundles);
}
