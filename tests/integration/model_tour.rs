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

/// The anchors page: aliases in every format, a list in columns, tables with row headers and
/// without a header row. (Docusaurus proves the aliases in `docusaurus.rs`, Nu and axe the HTML
/// above.)
#[test]
fn anchors() {
    let (_temp, out) = build_tour();
    let aliases = [
        "anchors",
        "modules_list",
        "module-übersicht",
        "connect-a-module",
        "connect-a-module--open-settings",
        "open-permissions-1",
        "grant_read",
    ];
    let modules = [
        "Accounts",
        "Billing",
        "Cash",
        "Contacts",
        "Contracts",
        "Inventory",
        "Invoices",
        "Orders",
        "Payments",
        "Projects",
        "Reports",
        "Taxes",
    ];

    // Markdown: each alias a `Link` anchor; the list one Markdown list in CSS columns; the
    // tables JSX with row headers, the headerless one without a `thead`.
    let md = read(
        &out.join("markdown")
            .join("model-tour")
            .join("anchors-and-grids.md"),
    );
    for alias in aliases {
        assert!(
            md.contains(&format!("<Link id=\"{alias}\" />")),
            "{alias}:\n{md}"
        );
    }
    assert!(
        md.contains(
            "<div className=\"helpdoc-columns helpdoc-columns-3\">\n\n- Accounts\n- Billing\n"
        ),
        "{md}"
    );
    assert!(md.contains("<tr><th scope=\"row\">Records per run</th><td>10,000</td></tr>"));
    assert!(
        md.contains("<caption>Sync limits</caption>\n<tbody>"),
        "{md}"
    );

    // HTML: each alias an empty element inside what it names; the list a real list in columns.
    let html = read(&out.join("html").join("model-tour.html"));
    for alias in aliases {
        assert!(
            html.contains(&format!("<span id=\"{alias}\"></span>")),
            "{alias}"
        );
    }
    assert!(html.contains("<li id=\"add-a-module--open-permissions\">\n<span id=\"connect-a-module--open-settings\"></span>"));
    assert!(html.contains("<ul class=\"helpdoc-columns helpdoc-columns-3\">\n<li>Accounts</li>"));
    assert!(html.contains("<tr><th scope=\"row\">Ledger modules</th><td>Every entry</td>"));

    // PDF: each alias a named destination; the list one `L` of twelve items, read down each
    // column then across; row headers are `TH` with `/Scope /Row`.
    let pdf = out.join("pdf").join("model-tour.pdf");
    let qdf = out.join("qdf.pdf");
    pdf_tool(
        "qpdf",
        &[
            "--qdf",
            "--object-streams=disable",
            &pdf.to_string_lossy(),
            &qdf.to_string_lossy(),
        ],
    );
    let raw = String::from_utf8_lossy(&std::fs::read(&qdf).expect("qdf")).into_owned();
    for alias in aliases.iter().filter(|a| a.is_ascii()) {
        assert!(
            raw.contains(&format!("({alias})")),
            "no destination {alias}"
        );
    }
    assert!(raw.contains("/Scope /Row"), "no row header in the tag tree");
    let elements = crate::pdf_ua::structure(&pdf);
    let lists: Vec<_> = elements
        .iter()
        .filter(|e| e.role == "L" && e.text.contains("Accounts"))
        .collect();
    assert_eq!(lists.len(), 2, "one list per use of the fragment");
    let items = elements.iter().filter(|e| e.role == "LBody");
    let names: Vec<&str> = items
        .map(|e| e.text.trim())
        .filter(|t| modules.contains(t))
        .collect();
    assert_eq!(names[..12], modules, "tag order");
    let text = pdf_tool("pdftotext", &[&pdf.to_string_lossy(), "-"]);
    let at = |name: &str| {
        text.find(name)
            .unwrap_or_else(|| panic!("{name} missing:\n{text}"))
    };
    for pair in modules.windows(2) {
        assert!(
            at(pair[0]) < at(pair[1]),
            "{pair:?} out of reading order:\n{text}"
        );
    }

    // JSON: the list keeps its columns as a hint, the row headers as `th scope="row"`.
    let bundle: serde_json::Value =
        serde_json::from_str(&read(&out.join("json").join("model-tour.json"))).expect("JSON");
    let bundle = bundle.to_string();
    assert!(bundle.contains("<ul data-columns=\\\"3\\\">"), "{bundle}");
    assert!(
        bundle.contains("<th scope=\\\"row\\\">Permission</th>"),
        "{bundle}"
    );
}
