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

/// Positions of `needles` in `haystack`, asserting each is there and they come in this order.
fn in_order(haystack: &str, needles: &[&str], what: &str) {
    let mut from = 0;
    for needle in needles {
        let at = haystack[from..]
            .find(needle)
            .unwrap_or_else(|| panic!("{what}: `{needle}` missing or out of order:\n{haystack}"));
        from += at + needle.len();
    }
}

/// The levels of the `<h1>`…`<h6>` headings of an HTML page, in order.
fn heading_levels(html: &str) -> Vec<u8> {
    html.match_indices("<h")
        .filter_map(|(at, _)| {
            let level = *html.as_bytes().get(at + 2)?;
            let after = *html.as_bytes().get(at + 3)?;
            ((b'1'..=b'6').contains(&level) && (after == b' ' || after == b'>'))
                .then_some(level - b'0')
        })
        .collect()
}

/// The pages capability: a page's intro and outro, grouping sections among its topics (two
/// levels deep), read-next links, page options and site-relative links, in every format.
#[test]
fn pages() {
    let (_temp, out) = build_tour();
    let order = [
        "This page opens with its own paragraph",
        "What a page holds",
        "Set up the connector",
        "Install the connector",
        "Fine-tuning",
        "Tune the connector",
        "Connector offline",
        "That is all the connector needs.",
        "After the connector is set up",
        "This paragraph closes the page",
        "Read next",
        "Basics",
        "Restart the sync",
    ];

    // Docusaurus: page options in the front matter, headings one level apart, routed site links.
    let page = read(&out.join("markdown/model-tour/pages.md"));
    for line in [
        "slug: \"pages-and-site-links\"",
        "keywords: [\"pages\", \"read next\", \"site links\"]",
        "hide_table_of_contents: true",
        "## Set up the connector \\{#pages-set-up\\}",
        "### Fine-tuning \\{#pages-fine-tuning\\}",
        "#### Tune the connector \\{#tune-the-connector\\}",
        "[FAQ](/faq)",
        "[billing questions](/faq#billing)",
        "[setup guide](/other-product/setup#install)",
        "- [Basics](./basics.md)",
        "- [Restart the sync](./basics.md#restart-the-sync)",
    ] {
        assert!(page.contains(line), "`{line}` missing:\n{page}");
    }
    in_order(&page, &order, "Markdown");
    let category = read(&out.join("markdown/model-tour/_category_.json"));
    assert!(category.contains("\"collapsed\": false"), "{category}");

    // HTML: keywords, absolute site links, the same order, and no heading level skipped.
    let html = read(&out.join("html/model-tour.html"));
    for part in [
        "<meta name=\"keywords\" content=\"pages, read next, site links\">",
        "href=\"https://docs.example.com/faq\"",
        "href=\"https://docs.example.com/other-product/setup#install\"",
        "<h4 id=\"pages-fine-tuning\"",
        "<h5 id=\"tune-the-connector\"",
        "<li><a href=\"#basics\">Basics</a></li>",
    ] {
        assert!(html.contains(part), "`{part}` missing from the HTML");
    }
    let main = &html[html.find("<main").expect("main")..];
    in_order(main, &order, "HTML");
    let levels = heading_levels(&html);
    for pair in levels.windows(2) {
        assert!(
            pair[1] <= pair[0] + 1,
            "a heading level is skipped: {levels:?}"
        );
    }

    // PDF: the same reading order, the read-next links with page numbers, keywords in metadata.
    let pdf = out.join("pdf/model-tour.pdf");
    let text = pdf_tool("pdftotext", &[&pdf.to_string_lossy(), "-"]);
    let body = &text[text.find("This page opens").expect("the page's intro")..];
    in_order(body, &order, "PDF");
    assert!(body.contains("Basics (page "), "{body}");
    let info = pdf_tool("pdfinfo", &[&pdf.to_string_lossy()]);
    assert!(
        info.contains("Example product, pages, read next, site links"),
        "{info}"
    );

    // JSON: the site link as an absolute address; deep links follow the page's slug.
    let bundle = read(&out.join("json/model-tour.json"));
    assert!(
        bundle.contains("href=\\\"https://docs.example.com/faq#billing\\\""),
        "{bundle}"
    );
    assert!(bundle.contains(
        "\"docs_url\": \"https://docs.example.com/model-tour/model-tour/pages-and-site-links#connector-offline\""
    ) || bundle.contains(
        "\"docs_url\":\"https://docs.example.com/model-tour/model-tour/pages-and-site-links#connector-offline\""
    ), "{bundle}");
}

/// Mistakes in pages and site links are findings at their place: an undeclared route (with the
/// declared one it resembles), a section nested past what six heading levels hold, a page option
/// on a grouping section, and a read-next id that is no page or topic of the publication.
#[test]
fn pages_mistakes_are_reported_where_they_are() {
    let temp = tempfile::tempdir().expect("temp dir");
    let content = temp.path().join("tour");
    copy_tree(&tour(), &content);
    let publication = content.join("publications/model-tour.yaml");
    let text = read(&publication)
        .replace(
            "            topics: [tune-the-connector]",
            "            keywords: [tuning]\n            sections:\n              - id: too-deep\n                title: Too deep\n                topics: [tune-the-connector]",
        )
        .replace("      - basics                  # a page", "      - basic");
    std::fs::write(&publication, text).expect("write");
    let topic = content.join("pages/pages-next-steps.yaml");
    std::fs::write(
        &topic,
        read(&topic).replace("(/other-product/setup#install)", "(/other-product/setpu)"),
    )
    .expect("write");
    let result = run(&["check", "--content", &content.to_string_lossy()]);
    assert_eq!(result.code, 1, "{}{}", result.stdout, result.stderr);
    let report = format!("{}{}", result.stdout, result.stderr);
    for expected in [
        "error[broken-link]: this link refers to the site route `/other-product/setpu`, which `[site] routes` does not declare",
        "did you mean `/other-product/setup`?",
        "pages/pages-next-steps.yaml:",
        "error[section-too-deep]: the section `too-deep` is nested 3 levels below its page",
        "error[page-option-on-group]: `keywords` applies to pages only, but `pages-fine-tuning` is a section inside a page",
        "error[dangling-ref]: `read_next` refers to unknown page or topic `basic`",
        "did you mean `basics`?",
    ] {
        assert!(report.contains(expected), "`{expected}` missing:\n{report}");
    }
}

/// Copies a folder tree.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            copy_tree(&path, &to.join(entry.file_name()));
        } else {
            std::fs::copy(&path, to.join(entry.file_name())).expect("copy");
        }
    }
}
