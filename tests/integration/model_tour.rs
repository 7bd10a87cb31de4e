//! The model tour (`examples/model-tour`): a content set that uses every feature of the content
//! model, checked with `--deny-warnings` and built through every real client. Its Markdown is
//! judged by the one Docusaurus site build (`docusaurus.rs`); this file judges the other formats.

use std::path::{Path, PathBuf};

use crate::html::{assert_valid_and_accessible, html_files};
use crate::json_bundle::validate_with_clients;
use crate::pdf::pdf_tool;
use crate::pdf_ua::{assert_outloud_clean, assert_pdfua_clean};
use crate::support::{client, client_script, copy_tree, files_with, repo, run};

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

/// The tabs page: tab sets and collapsibles in every format. Docusaurus `Tabs`/`TabItem` (with
/// their imports and `groupId`) and `<details>`; HTML tabs driven by the keyboard in headless
/// Chromium (`tabs-keyboard.mjs`); every pane and collapsed block in the PDF text, in reading
/// order; the bundle's panes in order under their labels.
#[test]
fn tabs() {
    let (_temp, out) = build_tour();
    let markdown = read(&out.join("markdown/model-tour/tabs.md"));
    for expected in [
        "---\n\nimport Link from '@docusaurus/Link';\nimport TabItem from '@theme/TabItem';\nimport Tabs from '@theme/Tabs';\n\n# ",
        "<Tabs groupId=\"sync-mode\">\n<TabItem value=\"Cloud sync\" label=\"Cloud sync\">\n\n",
        "\n</TabItem>\n<TabItem value=\"Local sync\" label=\"Local sync\">\n\n",
        "<Tabs>\n<TabItem value=\"Keep this device's version\"",
        "<details>\n<summary>Show every setting the sync uses</summary>\n\n",
        "   <details open>\n   <summary>What the status icons mean</summary>\n",
        "1. <Link id=\"set-up-the-sync--open-cloud-settings\" />Open",
    ] {
        assert!(markdown.contains(expected), "{expected:?} in:\n{markdown}");
    }

    let html_file = out.join("html/model-tour.html");
    let html = read(&html_file);
    assert!(html.contains("<div class=\"tabs\" data-tabs data-group=\"sync-mode\">"));
    assert!(html.contains("<details class=\"collapsible\">\n<summary>Show every setting"));
    assert!(html.contains("<li id=\"set-up-the-sync--open-cloud-settings\">"));
    // The page's one script is allowed by its hash, and nothing else may run.
    assert!(html.contains(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"script-src &#39;sha256-"
    ));
    assert_eq!(html.matches("<script>").count(), 1);
    let keyboard = client(
        "node",
        &[
            &client_script("tabs-keyboard.mjs"),
            &html_file.to_string_lossy(),
        ],
    );
    assert!(
        keyboard.code == 0 && keyboard.stdout.contains("# fail 0"),
        "tabs-keyboard.mjs failed:\n{}{}",
        keyboard.stdout,
        keyboard.stderr
    );

    // Paper: every pane and the collapsed blocks, in reading order.
    let pdf = out.join("pdf/model-tour.pdf");
    let text = pdf_tool("pdftotext", &[&pdf.to_string_lossy(), "-"]);
    let mut at = 0;
    for expected in [
        "Which sync mode do I use?",
        "Cloud sync",
        "Changes travel through the product's cloud service",
        "Local sync",
        "Changes travel over your own network",
        "Show every setting the sync uses",
        "Every five minutes",
        "Set up the sync",
        "Cloud sync",
        "Click Turn on.",
        "Local sync",
        "If the product asks for a certificate, click Trust.",
        "What the status icons mean",
        "A gray clock means",
        "Keep this device's version",
        "Keep mine",
        "Keep the other version",
        "Keep theirs",
        "Why conflicts happen",
        "the product cannot choose for you",
    ] {
        let found = text[at..].find(expected).unwrap_or_else(|| {
            panic!("{expected:?} missing from the PDF after byte {at}:\n{text}")
        });
        at += found + expected.len();
    }

    // The bundle: the panes in order under their labels, then the collapsible under its summary.
    let bundle: serde_json::Value =
        serde_json::from_str(&read(&out.join("json/model-tour.json"))).expect("bundle");
    let error = bundle["errors"]
        .as_array()
        .and_then(|errors| errors.iter().find(|e| e["id"] == "sync-conflict"))
        .expect("sync-conflict in the bundle");
    let intro = &error["causes"][0]["resolution"]["intro"];
    assert_eq!(
        intro["text"],
        "Keep this device's version:\n1. In the conflict message, click Keep mine.\n\n\
         Keep the other version:\n1. In the conflict message, click Keep theirs.\n   \
         The item shows the other device's changes.\n\n\
         Why conflicts happen:\nA device that is offline keeps its changes until it reconnects; \
         if another device changed the same item meanwhile, the product cannot choose for you."
    );
    let html = intro["html"].as_str().expect("html");
    assert!(
        html.starts_with(
            "<div class=\"tabs\"><div class=\"tab-pane\"><p><strong>Keep this device's version</strong></p><ol><li>"
        ),
        "{html}"
    );
    assert!(
        html.ends_with("<div class=\"collapsible\"><p><strong>Why conflicts happen</strong></p><p>A device that is offline keeps its changes until it reconnects; if another device changed the same item meanwhile, the product cannot choose for you.</p></div>"),
        "{html}"
    );
}

/// Asserts that `parts` occur in `text` in this order.
fn assert_in_order(text: &str, parts: &[&str], what: &str) {
    let mut from = 0;
    for part in parts {
        match text[from..].find(part) {
            Some(at) => from += at + part.len(),
            None => panic!("{what}: `{part}` missing or out of order in:\n{text}"),
        }
    }
}

/// The errors page: causes that share a fix, a lone cause without a heading (the `cause_style:
/// list` publication), callout branches that keep their go-to, every admonition type, blocks
/// after a step's result, and `learn_more` apart from `source`, in all four formats.
#[test]
fn errors() {
    let (_temp, out) = build_tour();

    // Markdown (the Docusaurus build in `docusaurus.rs` judges it as a site).
    let md = read(&out.join("markdown/model-tour/errors.md"));
    assert_in_order(
        &md,
        &[
            "### Possible causes \\{#export-failed--folder-not-writable\\}",
            "- The export folder was moved or deleted.",
            "- The export folder is on a network drive that is offline.",
            ":::caution Don't see the Export tab?",
            "Restart the sync to load",
            "If you don't see an **Export** tab, go to [Restart the sync](./basics.md#restart-the-sync).",
            ":::\n2. Click **Choose folder**",
            "Learn more: [Example product storage guide](https://docs.example.com/storage/)",
            "Adapted from [Example product export reference](https://docs.example.com/reference/export/).",
        ],
        "errors.md",
    );
    for kind in ["info", "tip", "note", "warning", "danger", "caution"] {
        assert!(md.contains(&format!(":::{kind}")), "no :::{kind} in:\n{md}");
    }
    assert_in_order(
        &md,
        &[
            "The export finishes and shows **Done**.\n\n   ![The export window",
            ":::danger Never export into the sync folder",
        ],
        "errors.md step order",
    );
    let listed = read(&out.join("markdown/model-tour-cause-list/errors-as-a-list.md"));
    assert_in_order(
        &listed,
        &[
            "<Link id=\"export-failed--folder-not-writable\" />**Possible causes:**",
            "**How to fix it:**",
            "<Link id=\"export-failed--disk-full\" />**Cause:** The disk that holds",
            "<Link id=\"export-too-large--too-many-records\" />**Cause:** The chosen period",
        ],
        "errors-as-a-list.md",
    );
    assert!(
        !listed.contains("### "),
        "a cause heading in list style:\n{listed}"
    );

    // HTML.
    let html = read(&out.join("html/model-tour.html"));
    for kind in ["note", "tip", "info", "caution", "warning", "danger"] {
        let label = format!("{}{}", kind[..1].to_uppercase(), &kind[1..]);
        assert!(
            html.contains(&format!(
                "class=\"admonition admonition-{kind}\" role=\"note\" aria-label=\"{label}\""
            )),
            "no labelled {kind} box in the HTML"
        );
    }
    assert_in_order(
        &html,
        &[
            "<ul class=\"cause-group\">",
            "<p class=\"admonition-title\">Don&#39;t see the Export tab?</p>",
            "Restart the sync to load",
            "go to <a href=\"#restart-the-sync\">Restart the sync</a>.</p>\n</div>",
        ],
        "HTML callout branch",
    );
    assert!(html.contains("<p class=\"learn-more\">Learn more: <a class=\"external\" href=\"https://docs.example.com/storage/\""));
    assert!(html.contains("<p class=\"source\">Adapted from <a class=\"external\" href=\"https://docs.example.com/reference/export/\""));
    let listed_html = read(&out.join("html/model-tour-cause-list.html"));
    assert!(listed_html.contains(
        "<p class=\"cause-title\" id=\"export-failed--disk-full\"><strong>Cause:</strong> The disk"
    ));
    assert!(!listed_html.contains("<h3 id=\"export-failed--disk-full\""));

    // PDF: both publications valid and tagged, and read in the writer's order.
    for name in ["model-tour", "model-tour-cause-list"] {
        let pdf = out.join("pdf").join(format!("{name}.pdf"));
        pdf_tool("qpdf", &["--check", &pdf.to_string_lossy()]);
        assert_outloud_clean(&pdf, &[]);
        assert_pdfua_clean(&pdf);
    }
    let pdf = |name: &str| {
        let path = out.join("pdf").join(format!("{name}.pdf"));
        let text = pdf_tool("pdftotext", &[&path.to_string_lossy(), "-"]);
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let text = pdf("model-tour");
    assert_in_order(
        &text,
        &[
            "Cause 1: Possible causes",
            "The export folder was moved or deleted.",
            "The export folder is on a network drive that is offline.",
            "Don't see the Export tab?",
            "Without an Export tab, exports are turned off",
            // The callout's go-to link prints its page, as every cross-reference does.
            "If you don't see an Export tab, go to Restart the sync (page 3).",
            "Cause 2: The disk that holds the export folder is full",
            "Learn more: Example product storage guide",
            "Adapted from Example product export reference.",
            "Info",
            "The export finishes and shows Done.",
            "The export window once the export is done.",
            "Never export into the sync folder",
        ],
        "PDF reading order",
    );
    let listed_text = pdf("model-tour-cause-list");
    assert_in_order(
        &listed_text,
        &[
            "Possible causes:",
            "How to fix it:",
            "Cause: The disk that holds the export folder is full.",
            "How to fix it:",
            "Cause: The chosen period holds more than one million records.",
        ],
        "PDF causes as a list",
    );

    // JSON: valid under the bundle schema, with every new field.
    let bundles = files_with(&out.join("json"), "json");
    validate_with_clients(&bundles);
    let bundle: serde_json::Value =
        serde_json::from_str(&read(&out.join("json/model-tour.json"))).expect("bundle JSON");
    assert_eq!(bundle["format_version"], 3);
    let error = bundle["errors"]
        .as_array()
        .and_then(|errors| errors.iter().find(|e| e["id"] == "export-failed"))
        .expect("export-failed in the bundle");
    assert_eq!(error["learn_more"][0]["label"], "Learn more:");
    assert_eq!(error["source"]["label"], "Adapted from");
    let group = &error["causes"][0];
    assert_eq!(group["text"], "The export folder was moved or deleted.");
    assert_eq!(group["more_causes"].as_array().map(Vec::len), Some(2));
    let branch = &group["resolution"]["steps"][0]["branches"][0];
    assert_eq!(branch["type"], "caution");
    assert_eq!(branch["title"], "Don't see the Export tab?");
    assert_eq!(branch["procedure"]["id"], "restart-the-sync");
    assert!(
        branch["details"]["html"]
            .as_str()
            .is_some_and(|h| h.contains("<p>Without an"))
    );
    let step = &group["resolution"]["steps"][2];
    assert!(
        step["after_result"]["html"]
            .as_str()
            .is_some_and(|h| h.contains("admonition warning"))
    );
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
    assert_in_order(&page, &order, "Markdown");
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
    assert_in_order(main, &order, "HTML");
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
    assert_in_order(body, &order, "PDF");
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

/// Tables from data: one CSV file feeds a table, a list in columns and tabs of tables, and a YAML
/// data file a table; each renders in every format with the data's text, filtered by `where`.
#[test]
fn data_views() {
    let (_temp, out) = build_tour();
    let markdown = read(&out.join("markdown/model-tour/data-views.md"));
    for expected in [
        // data_table: the Sync rows only, two columns.
        "**Sync permissions**\n\n| Permission | What it allows |\n| --- | --- |\n| Start a sync |",
        "| Resolve conflicts | Choose which version of a changed record, file or note is kept |\n\nDevices",
        // data_list: the Devices and Exports permissions, in two columns.
        "<div className=\"helpdoc-columns helpdoc-columns-2\">\n\n- View devices\n- Add devices\n- Remove devices\n- Export data\n- Schedule exports\n\n</div>",
        // data_tabs: one pane per area, in the order the areas first appear.
        "<Tabs groupId=\"permission-area\">\n<TabItem value=\"Devices\" label=\"Devices\">",
        "<TabItem value=\"Sync\" label=\"Sync\">",
        "<TabItem value=\"Exports\" label=\"Exports\">\n\n| Permission | What it allows |\n| --- | --- |\n| Export data |",
        // The YAML data file: numbers as written.
        "<tr><th scope=\"row\">Team</th><td>50</td><td>10 GB</td></tr>",
    ] {
        assert!(markdown.contains(expected), "{expected:?} in:\n{markdown}");
    }
    // The list left out the Sync rows.
    let list = &markdown[markdown.find("helpdoc-columns-2").expect("list")..];
    assert!(!list[..list.find("</div>").expect("end")].contains("Start a sync"));

    let html = read(&out.join("html/model-tour.html"));
    assert_in_order(
        &html,
        &[
            "<caption>Sync permissions</caption>",
            "<td>Start a sync</td>",
            "View devices",
            "Schedule exports",
            "data-group=\"permission-area\"",
            "<p class=\"tab-label\">Devices</p>",
            "<p class=\"tab-label\">Sync</p>",
            "<p class=\"tab-label\">Exports</p>",
            "<caption>Limits by plan</caption>",
            "<th scope=\"row\">Company</th><td>No limit</td><td>100 GB</td>",
        ],
        "HTML",
    );

    let pdf = out.join("pdf/model-tour.pdf");
    let text = pdf_tool("pdftotext", &[&pdf.to_string_lossy(), "-"]);
    let page = &text[text
        .rfind("Which permissions does the sync use?")
        .expect("topic")..];
    assert_in_order(
        page,
        &[
            "Sync permissions",
            "Resolve conflicts",
            "Choose which version of a changed record, file or note is kept",
            "View devices",
            "Schedule exports",
            "Devices",
            "Remove devices",
            "Sync",
            "Pause syncing",
            "Exports",
            "Run an export every night",
            "Limits by plan",
            "No limit",
        ],
        "PDF",
    );

    let bundle: serde_json::Value =
        serde_json::from_str(&read(&out.join("json/model-tour.json"))).expect("bundle");
    let error = bundle["errors"]
        .as_array()
        .and_then(|errors| errors.iter().find(|e| e["id"] == "sync-not-allowed"))
        .expect("sync-not-allowed in the bundle");
    let intro = &error["causes"][0]["resolution"]["intro"];
    assert_eq!(
        intro["text"],
        "Sync permissions\nPermission | What it allows\n\
         Start a sync | Sync a device now instead of waiting for the interval\n\
         Pause syncing | Stop every device syncing until someone resumes it\n\
         Resolve conflicts | Choose which version of a changed record, file or note is kept"
    );
    assert!(
        intro["html"]
            .as_str()
            .is_some_and(|h| h.starts_with("<table><caption>Sync permissions</caption>")),
        "{intro}"
    );
}

/// The text of an HTML page without its tags, entities decoded, white space collapsed.
fn html_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&gt;", ">")
        .replace("&lt;", "<")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The variants page: the two publications select different editions (`model-tour` the
/// enterprise edition, flagging what is only for it; `model-tour-cause-list` the standard
/// edition), and every format of each holds exactly what its selection says: its topics,
/// blocks, steps, substeps, causes, tab panes, table rows and variable values, and none of the
/// other edition's.
#[test]
fn variants() {
    let (_temp, out) = build_tour();
    let enterprise_only = [
        "Platform > Entities",
        "Info (Enterprise only)",
        "The enterprise edition keeps an audit log",
        "Copied entity (Enterprise only)",
        "(Enterprise only) Shared entities",
        "(Enterprise only) Choose the entity template to start from.",
        "(Enterprise only) Choose the entities that share it.",
        "What does the entity audit log record? (Enterprise only)",
        "(Enterprise only) Every shared entity counts once",
    ];
    let standard_only = [
        "Company > Entities",
        "The standard edition allows 3 entities.",
        "Delete an entity you no longer use",
    ];
    let both = [
        "Add an entity",
        "Blank entity",
        "Enter the entity's name",
        "Confirm the name.",
    ];
    let formats = |publication: &str, page: &str| -> Vec<(&'static str, String)> {
        let markdown = read(&out.join(format!("markdown/{publication}/{page}.md")));
        let html = html_text(&read(&out.join(format!("html/{publication}.html"))));
        let pdf = out.join(format!("pdf/{publication}.pdf"));
        let pdf = pdf_tool("pdftotext", &[&pdf.to_string_lossy(), "-"]);
        let pdf = pdf.split_whitespace().collect::<Vec<_>>().join(" ");
        let bundle = read(&out.join(format!("json/{publication}.json")));
        vec![
            // Markdown escapes `>` nowhere in these texts, and names table rows `| … |`.
            ("markdown", markdown.replace(" | ", " ")),
            ("html", html),
            ("pdf", pdf),
            ("json", bundle),
        ]
    };
    for (format, text) in formats("model-tour", "variants") {
        for expected in enterprise_only.iter().chain(&both) {
            // The bundle holds the error topics only.
            if format == "json" && !expected.contains("shared entity") {
                continue;
            }
            assert!(
                text.contains(expected),
                "{format} of the enterprise edition lacks {expected:?}:\n{text}"
            );
        }
        for unexpected in standard_only {
            assert!(
                !text.contains(unexpected),
                "{format} of the enterprise edition holds {unexpected:?}"
            );
        }
    }
    for (format, text) in formats("model-tour-cause-list", "variants-standard") {
        for expected in standard_only.iter().chain(&both) {
            if format == "json" && !expected.contains("entities.") && !expected.contains("Delete") {
                continue;
            }
            assert!(
                text.contains(expected),
                "{format} of the standard edition lacks {expected:?}:\n{text}"
            );
        }
        for unexpected in
            enterprise_only
                .iter()
                .chain(&["Enterprise only", "Unlimited", "audit log"])
        {
            assert!(
                !text.contains(unexpected),
                "{format} of the standard edition holds {unexpected:?}"
            );
        }
    }
    // Each bundle's deep link goes to its own edition's page.
    let bundle: serde_json::Value =
        serde_json::from_str(&read(&out.join("json/model-tour-cause-list.json"))).expect("bundle");
    let error = (bundle["errors"].as_array().expect("errors").iter())
        .find(|e| e["id"] == "entity-limit-reached")
        .expect("the error in the standard bundle");
    assert_eq!(
        error["docs_url"],
        "https://docs.example.com/model-tour/model-tour-cause-list/variants-standard#entity-limit-reached"
    );
}

#[test]
fn languages() {
    let (_temp, out) = build_tour();
    // HTML and the bundle: `<span lang>`, formatting inside; Docusaurus: the same JSX element.
    let html = read(&out.join("html/model-tour.html"));
    for part in [
        "<span lang=\"fr\">Bienvenue</span> in French",
        "<span lang=\"de-CH\"><em>Grüezi mitenand</em></span>",
        "<span lang=\"zh-Hant\">zh-Hant</span>",
    ] {
        assert!(html.contains(part), "HTML lacks {part}");
    }
    let page = read(&out.join("markdown/model-tour/languages.md"));
    for part in [
        "<span lang=\"fr\">Bienvenue</span> in French",
        "<span lang=\"de-CH\">*Grüezi mitenand*</span>",
    ] {
        assert!(page.contains(part), "Markdown lacks {part}:\n{page}");
    }
    let bundle: serde_json::Value =
        serde_json::from_str(&read(&out.join("json/model-tour.json"))).expect("bundle JSON");
    let error = bundle["errors"]
        .as_array()
        .and_then(|errors| errors.iter().find(|e| e["id"] == "greeting-garbled"))
        .expect("the error is in the bundle");
    let summary = &error["summary"];
    assert!(
        summary["html"]
            .as_str()
            .is_some_and(|h| h.contains("<span lang=\"fr\">Bienvenue</span>")),
        "{summary}"
    );
    assert!(
        summary["text"]
            .as_str()
            .is_some_and(|t| t.contains("speaks Bienvenue in French")),
        "{summary}"
    );

    // The PDF: a `Span` structure element with `/Lang` around the words, and nowhere else.
    let pdf = out.join("pdf/model-tour.pdf");
    let spans: Vec<(String, String)> = crate::pdf_ua::structure(&pdf)
        .into_iter()
        .filter(|e| e.role == "Span")
        .map(|e| (e.lang.unwrap_or_default(), e.text))
        .collect();
    for (lang, text) in [
        ("fr", "Bienvenue"),
        ("de-CH", "Grüezi mitenand"),
        ("zh-Hant", "zh-Hant"),
    ] {
        assert!(
            spans.iter().any(|(l, t)| l == lang && t.trim() == text),
            "no Span /Lang ({lang}) holding `{text}`: {spans:?}"
        );
    }
    // The other words of those texts are plain spans (no `/Lang`), so the text reads in order.
    assert!(
        spans
            .iter()
            .all(|(l, _)| ["fr", "de-CH", "zh-Hant", ""].contains(&l.as_str())),
        "{spans:?}"
    );
    assert!(
        spans
            .iter()
            .any(|(l, t)| l.is_empty() && t.contains("in French"))
    );
    assert_outloud_clean(&pdf, &[]);
    assert_pdfua_clean(&pdf);

    // A tag that is not BCP 47 is an error at its place, saying why and how to write one.
    let temp = tempfile::tempdir().expect("temp dir");
    copy_tree(&tour(), temp.path());
    let topic = temp.path().join("languages/greeting-garbled.yaml");
    let source = read(&topic).replace("(lang:de-CH) in Swiss", "(lang:swiss_german) in Swiss");
    std::fs::write(&topic, source).expect("write");
    let result = run(&["check", "--content", &temp.path().to_string_lossy()]);
    assert_ne!(result.code, 0);
    let report = format!("{}{}", result.stdout, result.stderr);
    assert_eq!(report.matches("error[language-tag]").count(), 1, "{report}");
    for part in [
        "the language `swiss_german` is not a BCP 47 language tag: it holds `_`",
        "languages/greeting-garbled.yaml:7:",
        "such as `fr`, `de-CH`",
    ] {
        assert!(report.contains(part), "{part}:\n{report}");
    }
}
