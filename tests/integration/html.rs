//! The standalone HTML exporter and HTML template packs, judged by the Nu HTML Checker and by axe
//! in headless Chromium (light and dark), on the shipped guide and on the hostile fixture.

use std::path::{Path, PathBuf};

use crate::support::{build_shipped, client, client_script, fixture, repo, run};

/// Every `.html` file in a folder, sorted.
pub(crate) fn html_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{} is missing: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "html"))
        .collect();
    files.sort();
    files
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The Nu HTML Checker reports no errors, and axe finds no violations (and no script runs) in
/// the light and the dark colour scheme.
pub(crate) fn assert_valid_and_accessible(files: &[PathBuf]) {
    assert!(!files.is_empty(), "no HTML files to check");
    let paths: Vec<String> = files
        .iter()
        .map(|f| f.to_string_lossy().into_owned())
        .collect();
    let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
    let checker = client_script("html-check.sh");
    let mut args = vec![checker.as_str()];
    args.extend(&paths);
    let nu = client("bash", &args);
    assert_eq!(
        nu.code, 0,
        "Nu HTML Checker errors:\n{}{}",
        nu.stdout, nu.stderr
    );
    let axe = client_script("axe-check.mjs");
    for scheme in [None, Some("--dark")] {
        let mut args = vec![axe.as_str()];
        args.extend(scheme);
        args.extend(&paths);
        let result = client("node", &args);
        assert_eq!(
            result.code,
            0,
            "axe ({}):\n{}{}",
            scheme.unwrap_or("light"),
            result.stdout,
            result.stderr
        );
    }
}

/// Builds the hostile fixture to HTML; returns (temp dir guard, the page).
fn build_hostile() -> (tempfile::TempDir, PathBuf) {
    let content = fixture("hostile");
    let content = content.to_string_lossy();
    let temp = tempfile::tempdir().expect("temp dir");
    let out = temp.path().join("build");
    let out_str = out.to_string_lossy();
    let build = run(&[
        "build",
        "--content",
        &content,
        "--out",
        &out_str,
        "--format",
        "html",
    ]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    (temp, out.join("html/hostile.html"))
}

#[test]
fn every_page_passes_the_nu_checker_and_axe_in_both_schemes() {
    // One run of each client over every page keeps this fast.
    let (_shipped, out) = build_shipped(&["--format", "html,brand-html"]);
    let (_hostile, hostile) = build_hostile();
    let mut files = html_files(&out.join("html"));
    files.extend(html_files(&out.join("brand-html")));
    files.push(hostile);
    assert_eq!(files.len(), 3, "{files:?}");
    assert_valid_and_accessible(&files);
}

#[test]
fn shipped_guide_is_complete() {
    let (_temp, out) = build_shipped(&["--format", "html"]);
    let files = html_files(&out.join("html"));
    let names: Vec<_> = files
        .iter()
        .filter_map(|f| f.file_name()?.to_str())
        .collect();
    // Only the guide asks for HTML; the docs site and the in-product help switch it off.
    assert_eq!(names, ["sage-intacct-guide.html"]);

    let html = read(&files[0]);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(html.contains("<title>Connect Sage Intacct | Sage Intacct</title>"));
    assert!(html.contains("<time datetime=\"2026-11-22\">22 November 2026</time>"));
    assert!(html.contains("<a class=\"skip-link\" href=\"#helpdoc_main\">"));
    for landmark in [
        "<header class=\"title-page\">",
        "<nav class=\"toc\"",
        "<main id=\"helpdoc_main\"",
    ] {
        assert!(html.contains(landmark), "missing {landmark}");
    }
    // Self-contained: no external stylesheet, script, image or font. The one inline script (on a
    // page with tab sets) is allowed by its hash in the page's Content-Security-Policy.
    for external in ["<link", "<script src", "src=\"http", "url(http", "@import"] {
        assert!(!html.contains(external), "found {external}");
    }
    assert_eq!(html.matches("<script").count(), 1, "one inline script");
    assert!(html.contains(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"script-src &#39;sha256-"
    ));
    // Every chapter and topic has a heading with its id and an entry in the contents.
    for id in [
        "before-you-start",
        "resolve-errors",
        "full-admin-rights",
        "create-web-services-user",
        "missing-permissions",
        "lift-top-level-restriction",
    ] {
        assert!(
            html.contains(&format!(" id=\"{id}\"")),
            "no heading id {id}"
        );
        assert!(
            html.contains(&format!("<a href=\"#{id}\">")),
            "no contents link to {id}"
        );
    }
    // Steps are numbered lists with their anchors; branches and causes link to their targets.
    assert!(html.contains("<ol class=\"steps\">\n<li id=\"create-web-services-user--add-user\">"));
    assert!(html.contains("<ol class=\"substeps\" type=\"a\">"));
    assert!(html.contains(", go to <a href=\"#set-user-permissions\">"));
    // The "Don't see the Role dropdown?" branch is a titled caution box that keeps its go-to.
    assert!(html.contains("aria-label=\"Caution\">\n<p class=\"admonition-title\">Don&#39;t see the Role dropdown?</p>"));
    assert!(html.contains("<p class=\"error-message\"><samp>Missing permissions</samp></p>"));
    assert!(html.contains("id=\"missing-permissions--role-missing-permissions\""));
    assert!(
        html.contains(
            "<div class=\"admonition admonition-note\" role=\"note\" aria-label=\"Note\">"
        )
    );
    assert!(html.contains("<caption>Web Services user details</caption>"));
    assert!(html.contains("rel=\"noopener noreferrer\""));
    // Print and dark styles are embedded.
    assert!(html.contains("@media print"));
    assert!(html.contains("@media (prefers-color-scheme: dark)"));
}

#[test]
fn hostile_content_stays_text() {
    let content = fixture("hostile");
    let check = run(&["check", "--content", &content.to_string_lossy()]);
    assert_eq!(
        check.code, 0,
        "the hostile fixture must pass check:\n{}",
        check.stderr
    );
    // Scripts not running is checked by axe-check (window.__helpdoc_pwned, dialogs, console) in
    // every_page_passes_the_nu_checker_and_axe_in_both_schemes.
    let (_temp, page) = build_hostile();
    let html = read(&page);
    let lower = html.to_ascii_lowercase();
    assert!(
        !lower.contains("<script"),
        "content produced a script element"
    );
    assert!(
        !lower.contains("<img src=x"),
        "content produced an img element"
    );
    assert!(!lower.contains("<svg"), "content produced inline SVG");
    assert!(
        !lower.contains("<style>body"),
        "content produced a style element"
    );
    assert!(
        !lower.contains("href=\"javascript:"),
        "content produced a javascript: link"
    );
    for (tag, attributes) in tags(&html) {
        assert!(
            ALLOWED_TAGS.contains(&tag.as_str()),
            "unexpected element <{tag}>"
        );
        for attribute in attributes {
            assert!(
                !attribute.starts_with("on"),
                "event handler {attribute} on <{tag}>"
            );
        }
    }
    assert_eq!(
        lower.matches("<style>").count(),
        1,
        "only the page's own stylesheet"
    );
    for escaped in [
        // title, in <title> and in the heading
        "<title>Hostile &lt;script&gt;window.__helpdoc_pwned=&#39;title&#39;&lt;/script&gt; guide",
        "<h1 id=\"helpdoc_title\">Hostile &lt;script&gt;",
        // subtitle with an attribute breakout
        "&quot;&gt;&lt;img src=x onerror=&quot;window.__helpdoc_pwned=&#39;subtitle&#39;&quot;&gt; {process.exit()}",
        // error message and code
        "<samp>&lt;/samp&gt;&lt;/code&gt;&lt;script&gt;window.__helpdoc_pwned=&#39;message&#39;&lt;/script&gt;",
        "<code><bdi>E&lt;1&gt;&quot;&#39;&amp;{process.exit()}\u{202E}</bdi></code>",
        // table caption, code block, backticked text, admonition title
        "<caption>Caption &lt;script&gt;window.__helpdoc_pwned=&#39;caption&#39;&lt;/script&gt;</caption>",
        "<code>&lt;/code&gt;&lt;/pre&gt;&lt;script&gt;window.__helpdoc_pwned = &#39;code-block&#39;;&lt;/script&gt;\nimport x from &#39;y&#39;\n{process.exit()}",
        "<code>import x from &#39;y&#39;</code>",
        "Warning &lt;img src=x onerror=&quot;window.__helpdoc_pwned=&#39;admonition&#39;&quot;&gt;",
        // alt text in an attribute
        "alt=\"Alt &quot;&gt;&lt;script&gt;window.__helpdoc_pwned=&#39;alt&#39;&lt;/script&gt;\"",
        // a link title ending in an attribute breakout
        "Fallback &#39; onfocus=&#39;window.__helpdoc_pwned=1&#39; autofocus x=&#39;",
    ] {
        assert!(html.contains(escaped), "missing escaped text: {escaped}");
    }
    // Bidi controls stay in text but isolated; attributes never carry them.
    assert!(html.contains("<bdi>What is \u{202E}txt.exe\u{202C} and &lt;style&gt;"));
    assert!(html.contains("alt=\"A blue square with reversed text\""));
    // Images are embedded, SVG through <img> only (its script cannot run), with their types.
    assert!(html.contains("<img src=\"data:image/svg+xml;base64,"));
    assert!(html.contains("<img src=\"data:image/png;base64,"));
    // External links keep safe schemes, are valid URLs and do not leak the opener.
    assert!(html.contains(
        "href=\"https://example.com/source?x=%22onmouseover=alert(1)\" rel=\"noopener noreferrer\""
    ));
    assert!(html.contains("href=\"mailto:mallory@example.com\" rel=\"noopener noreferrer\""));
}

/// The elements the page templates and the renderer write; anything else came from content.
const ALLOWED_TAGS: &[&str] = &[
    "!doctype",
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "a",
    "header",
    "div",
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "dl",
    "dt",
    "dd",
    "time",
    "nav",
    "details",
    "summary",
    "ol",
    "ul",
    "li",
    "main",
    "section",
    "article",
    "samp",
    "code",
    "pre",
    "strong",
    "em",
    "br",
    "bdi",
    "table",
    "caption",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "figure",
    "img",
    "figcaption",
    "span",
    "footer",
];

/// Every start tag in `html` with its attribute names (lowercase). Text is escaped, so each `<`
/// opens a tag; attribute values are double-quoted and hold no `"`.
fn tags(html: &str) -> Vec<(String, Vec<String>)> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        if rest.starts_with('/') {
            continue;
        }
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '>')
            .unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        let mut attributes = Vec::new();
        let mut inside = &rest[name_end..];
        loop {
            inside = inside.trim_start();
            if inside.is_empty() || inside.starts_with('>') {
                break;
            }
            let attr_end = inside
                .find(|c: char| c.is_whitespace() || c == '=' || c == '>')
                .unwrap_or(inside.len());
            attributes.push(inside[..attr_end].to_ascii_lowercase());
            inside = &inside[attr_end..];
            if let Some(value) = inside.strip_prefix("=\"") {
                let close = value.find('"').expect("attribute values are closed");
                inside = &value[close + 1..];
            }
        }
        if name == "style" {
            // The stylesheet's text is not markup.
            let close = rest.find("</style>").expect("the stylesheet is closed");
            rest = &rest[close..];
        }
        found.push((name, attributes));
    }
    found
}

#[test]
fn builds_are_byte_identical() {
    let (_a, first) = build_shipped(&["--format", "html,brand-html"]);
    let (_b, second) = build_shipped(&["--format", "html,brand-html"]);
    for format in ["html", "brand-html"] {
        let (one, two) = (
            html_files(&first.join(format)),
            html_files(&second.join(format)),
        );
        assert_eq!(one.len(), two.len());
        for (a, b) in one.iter().zip(&two) {
            assert!(
                std::fs::read(a).ok() == std::fs::read(b).ok(),
                "{} differs between builds",
                a.display()
            );
        }
    }
}

#[test]
fn brand_pack_builds_beside_html_and_its_overrides_show() {
    let (_temp, out) = build_shipped(&["--format", "html,brand-html"]);
    let plain = read(&out.join("html/sage-intacct-guide.html"));
    let brand = read(&out.join("brand-html/sage-intacct-guide.html"));
    // The replaced title page and theme show; the rest still comes from the defaults.
    assert!(brand.contains("Northwind Support · Help Center"));
    assert!(brand.contains("--accent: #0f766e;"));
    assert!(!plain.contains("Northwind") && !plain.contains("#0f766e"));
    assert!(brand.contains("<ol class=\"steps\">") && brand.contains("ol.steps > li::before"));
}

/// A pack folder `exporters/<name>` in `root` with the given template files.
fn write_pack(root: &Path, name: &str, manifest: &str, files: &[(&str, &str)]) {
    let dir = root.join("exporters").join(name);
    std::fs::create_dir_all(dir.join("templates")).expect("pack folder");
    std::fs::write(dir.join("exporter.toml"), manifest).expect("manifest");
    for (file, text) in files {
        std::fs::write(dir.join("templates").join(file), text).expect("template");
    }
}

const PACK: &str = "type = \"template-pack\"\nbase = \"html\"\n";

/// A template pack that must be refused, and what its error must say.
struct Broken {
    name: &'static str,
    manifest: &'static str,
    files: &'static [(&'static str, &'static str)],
    expected: &'static [&'static str],
}

#[test]
fn broken_template_packs_fail_clearly_and_keep_the_previous_build() {
    let temp = tempfile::tempdir().expect("temp dir");
    let content = repo().join("content").to_string_lossy().into_owned();
    let exporters = temp.path().join("exporters").to_string_lossy().into_owned();
    let out = temp.path().join("build");
    let out_str = out.to_string_lossy().into_owned();
    let build = |format: &str| {
        run(&[
            "build",
            "--content",
            &content,
            "--out",
            &out_str,
            "--exporters",
            &exporters,
            "--format",
            format,
        ])
    };
    write_pack(
        temp.path(),
        "good",
        PACK,
        &[("theme.css", ":root { --accent: #7a1fa2; }\n")],
    );
    let first = build("html,good");
    assert_eq!(first.code, 0, "{}", first.stderr);
    let before = std::fs::read(out.join("good/sage-intacct-guide.html")).expect("first build");
    assert!(String::from_utf8_lossy(&before).contains("--accent: #7a1fa2;"));

    let cases = [
        Broken {
            name: "unclosed",
            manifest: PACK,
            files: &[("topic.hbs", "<article>{{#if error}}never closed")],
            expected: &["unclosed/templates/topic.hbs", "does not compile", "line 1"],
        },
        Broken {
            name: "unknown-file",
            manifest: PACK,
            files: &[("footer.hbs", "<footer></footer>")],
            expected: &[
                "unknown-file/templates/footer.hbs",
                "`page.hbs`",
                "`style.css`",
            ],
        },
        Broken {
            name: "recursive",
            manifest: PACK,
            files: &[
                ("section.hbs", "<h2>{{> topic}}"),
                ("topic.hbs", "<article>{{> section}}"),
            ],
            expected: &[
                "recursive/templates/",
                "loop",
                "recursive partials are not supported",
            ],
        },
        Broken {
            name: "self-inline",
            manifest: PACK,
            files: &[("toc.hbs", "{{#*inline \"x\"}}{{> x}}{{/inline}}{{> x}}")],
            expected: &["self-inline/templates/toc.hbs", "x → x"],
        },
        Broken {
            name: "missing-field",
            manifest: PACK,
            files: &[("title-page.hbs", "<header>{{no_such_field}}</header>")],
            expected: &[
                "missing-field/templates/title-page.hbs",
                "failed to render",
                "there is no `no_such_field`",
            ],
        },
        Broken {
            name: "closes-style",
            manifest: PACK,
            files: &[("style.css", "body{}</style><script>alert(1)</script>")],
            expected: &["closes-style/templates/style.css", "</style"],
        },
        Broken {
            name: "wrong-base",
            manifest: "type = \"template-pack\"\nbase = \"pdf\"\n",
            files: &[],
            expected: &["wrong-base/exporter.toml", "`html`", "`pdf`"],
        },
    ];
    for Broken {
        name,
        manifest,
        files,
        expected,
    } in cases
    {
        write_pack(temp.path(), name, manifest, files);
        let started = std::time::Instant::now();
        let result = build(&format!("html,{name}"));
        assert!(started.elapsed().as_secs() < 30, "{name} took too long");
        assert_ne!(result.code, 0, "{name} should fail");
        assert!(
            !result.stderr.contains("panicked"),
            "{name}: {}",
            result.stderr
        );
        for text in expected {
            assert!(
                result.stderr.contains(text),
                "{name}: expected `{text}` in:\n{}",
                result.stderr
            );
        }
        let after =
            std::fs::read(out.join("good/sage-intacct-guide.html")).expect("previous build kept");
        assert!(after == before, "{name}: the previous build changed");
        assert!(!out.join(name).exists(), "{name}: wrote output");
    }
}

/// The guide reflows on a phone (WCAG 1.4.10): at 320 and 390 px nothing scrolls sideways, axe
/// finds no violation, and the contents fold away so the text starts on the first screens
/// (before, the whole contents list, about 1,500 px, came before chapter 1).
#[test]
fn the_guide_reflows_at_phone_widths() {
    let (_guard, out) = build_shipped(&["--format", "html"]);
    let pages = html_files(&out.join("html"));
    let paths: Vec<String> = pages
        .iter()
        .map(|f| f.to_string_lossy().into_owned())
        .collect();
    let axe = client_script("axe-check.mjs");
    for width in ["320", "390"] {
        let mut args = vec![axe.as_str(), "--width", width];
        args.extend(paths.iter().map(String::as_str));
        let result = client("node", &args);
        assert_eq!(
            result.code, 0,
            "at {width}px:\n{}{}",
            result.stdout, result.stderr
        );
    }
    let page = read(&pages[0]);
    assert!(
        page.contains(
            "<details class=\"toc-fold\">\n<summary><h2 id=\"helpdoc_toc\">Contents</h2></summary>"
        ),
        "the contents are a closed fold"
    );
}
