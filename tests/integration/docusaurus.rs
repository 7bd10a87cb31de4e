//! The real Docusaurus 3 site build: every Markdown page the suite makes, built once as one site with
//! broken links, anchors, Markdown links and images as errors (`tests/clients/docusaurus-build.mjs`).

use std::path::Path;

use crate::support::{client, client_script, files_with, repo, run};

/// The content sets whose Markdown the one site build holds, each under `docs/<name>/` of the site.
/// A content set the suite builds Markdown from belongs here, so that Docusaurus judges its pages.
const SITE_CONTENT: &[(&str, &str)] = &[
    ("shipped", "content"),
    ("golden", "tests/fixtures/golden"),
    ("hostile", "tests/fixtures/hostile"),
    ("edge-cases", "tests/fixtures/markdown/edge-cases"),
    ("bundle-hostile", "tests/fixtures/json_bundle/hostile"),
    ("layout-stress", "tests/fixtures/pdf"),
    ("model-tour", "examples/model-tour"),
];

/// The imports helpdoc writes, each with the text that uses its component: Docusaurus's `Link`
/// (whose `id` the broken-anchor check sees), and `Tabs`/`TabItem` for tab sets.
const IMPORTS: &[(&str, &str)] = &[
    ("import Link from '@docusaurus/Link';", "<Link id="),
    ("import TabItem from '@theme/TabItem';", "<TabItem "),
    ("import Tabs from '@theme/Tabs';", "<Tabs"),
];

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The `slug` in a page's front matter, if it has one.
fn slug(page: &str) -> Option<String> {
    let front = page.strip_prefix("---\n")?.split("\n---\n").next()?;
    let line = front.lines().find_map(|l| l.strip_prefix("slug: "))?;
    Some(line.trim_matches('"').to_string())
}

#[test]
fn every_generated_page_builds_in_a_real_docusaurus_site() {
    let temp = tempfile::tempdir().expect("temp");
    let mut args = vec![
        client_script("docusaurus-build.mjs"),
        "--out".to_string(),
        temp.path().join("site").to_string_lossy().into_owned(),
    ];
    let mut pages = Vec::new();
    let mut aliases = Vec::new();
    for (name, content) in SITE_CONTENT {
        let out = temp.path().join(name);
        let result = run(&[
            "build",
            "--content",
            &repo().join(content).to_string_lossy(),
            "--out",
            &out.to_string_lossy(),
            "--format",
            "markdown",
        ]);
        assert_eq!(result.code, 0, "{content}: {}", result.stderr);
        let markdown = out.join("markdown");
        for page in files_with(&markdown, "md") {
            let text = read(&page);
            let route = page
                .strip_prefix(&markdown)
                .expect("inside")
                .with_extension("");
            // A page's `slug` (relative, as the model tour writes it) replaces its file name.
            let route = match slug(&text) {
                Some(slug) => route.with_file_name(slug),
                None => route,
            };
            pages.push(Path::new(name).join(&route));
            // Each import is written once where its component is used, and never elsewhere; the
            // imports a page needs form one sorted block right after the front matter.
            let mut used = Vec::new();
            for (import, component) in IMPORTS {
                let uses = text.contains(component);
                assert_eq!(
                    text.matches(import).count(),
                    usize::from(uses),
                    "{import} in {}",
                    page.display()
                );
                if uses {
                    used.push(*import);
                }
            }
            if !used.is_empty() {
                // The page's title follows, or the aliases written just before it.
                let block = format!("\n---\n\n{}\n\n", used.join("\n"));
                assert!(
                    text.contains(&format!("{block}# "))
                        || text.contains(&format!("{block}<Link id=")),
                    "{}: {text}",
                    page.display()
                );
            }
            for alias in page_aliases(&text) {
                aliases.push((Path::new(name).join(&route), alias));
            }
        }
        args.push(format!("{name}={}", markdown.display()));
    }
    assert!(pages.len() >= 10, "{pages:?}");
    // One more page links to every `<Link id>` anchor of every page (each alias among them), so
    // the broken-anchor check proves each.
    for alias in [
        "modules_list",
        "module-übersicht",
        "connect-a-module--open-settings",
        "anchors",
    ] {
        assert!(
            aliases.iter().any(|(_, a)| a == alias),
            "{alias}: {aliases:?}"
        );
    }
    // The Docusaurus fixture site, imported and built again, beside the rest of its old site.
    let (imported, old_site) = imported_fixture_site(temp.path());
    args.push(format!("imported={}", imported.display()));
    args.push(format!("docs={}", old_site.display()));
    let moved_pages = OLD_URLS.len() + OLD_SITE_STUBS.len();

    let alias_folder = temp.path().join("aliases");
    std::fs::create_dir_all(&alias_folder).expect("alias folder");
    std::fs::write(alias_folder.join("old-addresses.md"), alias_page(&aliases))
        .expect("alias page");
    args.push(format!("aliases={}", alias_folder.display()));
    pages.push(Path::new("aliases").join("old-addresses"));

    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = client("node", &args);
    assert_eq!(
        result.code, 0,
        "the Docusaurus build failed:\n{}{}",
        result.stdout, result.stderr
    );
    // Every page became a route (plus the site's home page, its 404 page, and its pages outside
    // any content set that the model tour's site routes link: `/faq`, `/other-product/setup`).
    let site = temp.path().join("site");
    assert_eq!(
        result.stdout.trim(),
        format!("ok {} pages", pages.len() + moved_pages + 4),
        "{pages:?}"
    );
    for page in &pages {
        assert!(
            site.join(page).join("index.html").is_file(),
            "no route for {}",
            page.display()
        );
    }
    // The model tour's page with a slug is routed by it, and its site links are routed links
    // (the build above proves they land: broken links fail it).
    let tour = read(&site.join("model-tour/model-tour/pages-and-site-links/index.html"));
    for href in ["/faq", "/faq#billing", "/other-product/setup#install"] {
        assert!(tour.contains(&format!("href=\"{href}\"")), "{href}");
    }
    // Its page options: keywords in the head, and no table of contents (the tour's other page,
    // with headings too, has one).
    assert!(tour.contains("name=\"keywords\" content=\"pages,read next,site links\""));
    let basics = read(&site.join("model-tour/model-tour/basics/index.html"));
    assert!(basics.contains("theme-doc-toc-desktop") && !tour.contains("theme-doc-toc-desktop"));
    // Step anchors reached by links exist in the HTML Docusaurus wrote, as the same empty anchors.
    let errors = read(&site.join("shipped/docs-site/resolve-error-messages/index.html"));
    let issues =
        read(&site.join("shipped/docs-site/troubleshooting-and-issue-resolution/index.html"));
    for (html, anchor) in [
        (&errors, "change-account-email--reset-password"),
        (&issues, "set-role-permissions--grant-module-permissions"),
    ] {
        assert!(
            html.contains(&format!("<a id=\"{anchor}\"></a>")),
            "{anchor}"
        );
        assert!(html.contains(&format!("href=\"#{anchor}\"")), "{anchor}");
    }
    every_bundle_link_lands_on_an_anchor_of_the_built_site(temp.path(), &site);
    every_old_url_of_the_imported_site_lands(&site);
    // A link to a whole imported page is a link within the imported site, to its first topic.
    let setup = read(&site.join("intacct/set-up/index.html"));
    assert!(
        setup.contains("href=\"/intacct/troubleshooting#no-credentials-email\""),
        "the link to the troubleshooting page"
    );
    // The team's `<ReadNext>` became the page's read-next link.
    let ledgerly = read(&site.join("ledgerly/troubleshooting/index.html"));
    assert!(
        ledgerly.contains("href=\"/ledgerly/sync-errors\">Resolve bank sync errors</a>"),
        "the read-next link"
    );
}

/// The published URLs of the Docusaurus fixture site (`tests/fixtures/docusaurus-import`): each
/// page's route (from its path or `slug`) with every heading anchor Docusaurus gave it, and where
/// the page is after import (the test site serves docs from `/`, so `/docs/x` is `/x`: each page
/// keeps its old route as its `slug`).
const OLD_URLS: &[(&str, &str, &[&str])] = &[
    (
        "/docs/intacct/set-up",
        "intacct/set-up",
        &[
            "prerequisites",
            "enable-web-services",
            "add-a-web-services-authorization",
            "create-a-web-services-user",
            "modules-that-need-permissions",
        ],
    ),
    (
        "/docs/intacct/troubleshooting",
        "intacct/troubleshooting",
        &[
            "no-credentials-email",
            "how-do-i-resolve-the-unable-to-connect-to-intacct-error",
            "how-do-i-resolve-the-missing-permissions-error",
            "how-do-i-resolve-the-top-level-access-only-error",
        ],
    ),
    (
        "/docs/ledgerly/sync-errors",
        "ledgerly/sync-errors",
        &[
            "duplicate-transaction",
            "the-sync-timed-out-error",
            "the-account-not-found-error",
        ],
    ),
    (
        "/docs/ledgerly/troubleshooting",
        "ledgerly/troubleshooting",
        &[
            "sign-in-problems",
            "the-session-expired-error",
            "login-page",
            "bank-feeds",
            "the-bank-connection-lost-error",
            "related-pages",
        ],
    ),
    (
        "/docs/shipwise/carriers",
        "shipwise/carriers",
        &[
            "prerequisites",
            "connect-a-carrier",
            "the-invalid-api-key-error",
        ],
    ),
    (
        "/docs/shipwise/troubleshooting",
        "shipwise/troubleshooting",
        &[
            "labels-print-blank-or-cut-off",
            "the-address-could-not-be-verified-error",
            "related-pages",
        ],
    ),
];

/// Pages of the old site that imported pages link to but that were not imported (the import keeps
/// those links as site links and says to declare their routes): they stay on the site, under
/// `/docs/`. Links to whole imported pages became cross-references, so those pages need no stub.
const OLD_SITE_STUBS: &[&str] = &["shipwise/carrier-accounts"];

/// Imports the fixture site's six pages, declares the routes the import named, builds the
/// Markdown, and returns its folder and a folder with the old site's pages that stay.
fn imported_fixture_site(temp: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let content = temp.join("imported-content");
    std::fs::create_dir_all(&content).expect("content");
    let routes: Vec<String> = OLD_SITE_STUBS
        .iter()
        .map(|r| format!("\"/docs/{r}\""))
        .collect();
    // The fixture's seeded notes to self and stale link text are errors the lint test wants; the
    // build takes them.
    std::fs::write(
        content.join("helpdoc.toml"),
        format!(
            "[rules]\nplaceholder = \"allow\"\nstale-link-text = \"allow\"\n\n[site]\nbase_url = \"https://docs.example.com/\"\nroutes = [{}]\n\n{}",
            routes.join(", "),
            // The team's components, as the fixture's import config maps them.
            read(&repo().join("tests/fixtures/docusaurus-import/helpdoc/helpdoc.toml"))
        ),
    )
    .expect("config");
    let docs = repo().join("tests/fixtures/docusaurus-import/docs");
    let mut pages: Vec<String> = Vec::new();
    for product in ["intacct", "ledgerly", "shipwise"] {
        for page in files_with(&docs.join(product), "md") {
            pages.push(page.to_string_lossy().into_owned());
        }
    }
    pages.sort();
    let content_arg = content.to_string_lossy().into_owned();
    let mut args = vec!["import", "--out", content_arg.as_str()];
    args.extend(pages.iter().map(String::as_str));
    let imported = run(&args);
    assert_eq!(imported.code, 0, "{}", imported.stderr);
    for route in OLD_SITE_STUBS {
        assert!(
            imported.stderr.contains(&format!(
                "`[site]` in helpdoc.toml (`routes = [\"/docs/{route}\"]`)"
            )),
            "{route}: {}",
            imported.stderr
        );
    }
    let out = temp.join("imported-build");
    let built = run(&[
        "build",
        "--content",
        &content_arg,
        "--out",
        &out.to_string_lossy(),
        "--format",
        "markdown",
    ]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    let old_site = temp.join("old-site");
    for route in OLD_SITE_STUBS {
        let page = old_site.join(format!("{route}.md"));
        std::fs::create_dir_all(page.parent().expect("a folder")).expect("folder");
        std::fs::write(&page, format!("---\ntitle: {route}\n---\n\n# {route}\n")).expect("stub");
    }
    (out.join("markdown"), old_site)
}

/// Every old URL of the imported site, page and anchor, lands on its page in the built site: the
/// page exists and has an element with that id.
fn every_old_url_of_the_imported_site_lands(site: &Path) {
    let mut checked = 0;
    for (old, new, anchors) in OLD_URLS {
        let html = read(&site.join(new).join("index.html"));
        for anchor in *anchors {
            assert!(
                html.contains(&format!("id=\"{anchor}\"")),
                "{old}#{anchor}: no element with this id on /{new}"
            );
            checked += 1;
        }
    }
    assert_eq!(
        checked, 24,
        "every heading anchor of the six published pages"
    );
}

/// The anchors a generated page declares as `<Link id>`: step anchors and every alias.
fn page_aliases(page: &str) -> Vec<String> {
    page.split("<Link id=\"")
        .skip(1)
        .filter_map(|rest| rest.split_once('"'))
        .map(|(id, _)| id.to_string())
        .collect()
}

/// A page with a link to every `<Link id>` anchor (so every alias), each at the page that declares it.
fn alias_page(aliases: &[(std::path::PathBuf, String)]) -> String {
    let mut page = String::from("---\ntitle: Old addresses\n---\n\n# Old addresses\n\n");
    for (route, alias) in aliases {
        let target = route.to_string_lossy().replace('\\', "/");
        page.push_str(&format!("- [{alias}](../{target}.md#{alias})\n"));
    }
    page
}

/// Every deep link of the shipped in-product bundle (each `docs_url`, and each link into the docs
/// in its HTML) names a page and an anchor that the real Docusaurus build wrote: the bundle's
/// base URL stands for the site folder the shipped pages were built under (`shipped/`).
fn every_bundle_link_lands_on_an_anchor_of_the_built_site(temp: &Path, site: &Path) {
    const BASE: &str = "https://docs.example.com/sage-intacct/";
    let out = temp.join("shipped-json");
    let result = run(&[
        "build",
        "--content",
        &repo().join("content").to_string_lossy(),
        "--out",
        &out.to_string_lossy(),
        "--format",
        "json",
    ]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let bundle = read(&out.join("json/in-product-help.json"));
    let links: Vec<&str> = bundle
        .split('"')
        .filter(|piece| piece.starts_with(BASE))
        .map(|piece| piece.trim_end_matches('\\'))
        .collect();
    assert!(
        links.len() >= 10,
        "the bundle links into the docs: {links:?}"
    );
    for link in links {
        let (page, anchor) = link[BASE.len()..]
            .split_once('#')
            .unwrap_or_else(|| panic!("{link} names no anchor"));
        let html = read(&site.join("shipped").join(page).join("index.html"));
        assert!(
            html.contains(&format!("id=\"{anchor}\"")),
            "{link}: no element with this id on the built page"
        );
    }
}
