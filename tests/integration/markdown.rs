//! The `markdown` exporter (Docusaurus pages judged by the real MDX 3 compiler and rendered to
//! HTML) and command exporters (the shipped example, and failing, hanging and escaping programs).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::support::{Run, build_shipped, client, client_script, files_with, fixture, repo, run};

/// Builds `content` (relative to the repository) with `--format FORMAT` into `out`.
fn build(content: &Path, out: &Path, format: &str, exporters: Option<&Path>) -> Run {
    let content = content.to_string_lossy().into_owned();
    let out = out.to_string_lossy().into_owned();
    let mut args = vec![
        "build",
        "--content",
        &content,
        "--out",
        &out,
        "--format",
        format,
    ];
    let exporters = exporters.map(|e| e.to_string_lossy().into_owned());
    if let Some(exporters) = &exporters {
        args.extend(["--exporters", exporters.as_str()]);
    }
    run(&args)
}

/// Compiles every page with @mdx-js/mdx 3 in strict mode (no expressions, ESM or scripts).
fn assert_strict_mdx(pages: &[PathBuf]) {
    assert!(!pages.is_empty(), "no pages were generated");
    let mut args = vec![client_script("mdx-compile.mjs"), "--strict".to_string()];
    args.extend(pages.iter().map(|p| p.to_string_lossy().into_owned()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = client("node", &args);
    assert_eq!(
        result.code, 0,
        "MDX 3 rejected a page:\n{}{}",
        result.stdout, result.stderr
    );
    assert_eq!(
        result.stdout.matches("ok ").count(),
        pages.len(),
        "{}",
        result.stdout
    );
}

/// Renders a page to HTML with @mdx-js/mdx `evaluate` (run only after [`assert_strict_mdx`]).
fn render_html(page: &Path) -> String {
    let result = client(
        "node",
        &[&client_script("mdx-render.mjs"), &page.to_string_lossy()],
    );
    assert_eq!(
        result.code,
        0,
        "cannot render {}:\n{}",
        page.display(),
        result.stderr
    );
    result.stdout
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The front matter of a page as key → raw value.
fn front_matter(page: &str) -> BTreeMap<String, String> {
    let mut lines = page.lines();
    assert_eq!(lines.next(), Some("---"), "a page starts with front matter");
    lines
        .take_while(|l| *l != "---")
        .map(|l| {
            let (key, value) = l.split_once(": ").expect("key: value");
            (key.to_string(), value.to_string())
        })
        .collect()
}

/// Lines outside fenced code blocks.
fn prose_lines(page: &str) -> Vec<&str> {
    let mut fence: Option<String> = None;
    let mut out = Vec::new();
    for line in page.lines() {
        let trimmed = line.trim_start();
        let run: String = trimmed
            .chars()
            .take_while(|c| *c == '`' || *c == '~')
            .collect();
        match &fence {
            Some(open) if trimmed.starts_with(open.as_str()) && trimmed.trim() == run => {
                fence = None
            }
            Some(_) => {}
            None if run.len() >= 3 => fence = Some(run),
            None => out.push(line),
        }
    }
    out
}

#[test]
fn shipped_pages_compile_as_strict_mdx() {
    let (_temp, out) = build_shipped(&["--format", "markdown"]);
    let pages = files_with(&out.join("markdown"), "md");
    let names: Vec<String> = pages
        .iter()
        .map(|p| {
            p.strip_prefix(out.join("markdown"))
                .unwrap_or(p)
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    // Only docs-site asks for Markdown: one page per top-level section, as the drafts were.
    assert_eq!(
        names,
        [
            "docs-site/resolve-error-messages.md",
            "docs-site/troubleshooting-and-issue-resolution.md"
        ]
    );
    assert_strict_mdx(&pages);
}

#[test]
fn shipped_pages_have_front_matter_and_a_sidebar_category() {
    let (_temp, out) = build_shipped(&["--format", "markdown"]);
    let folder = out.join("markdown/docs-site");
    let errors = front_matter(&read(&folder.join("resolve-error-messages.md")));
    assert_eq!(errors["title"], "\"Find resolutions for error messages\"");
    assert_eq!(errors["sidebar_label"], "\"Resolve errors\"");
    assert_eq!(
        errors["description"],
        "\"Find out why the connection flow shows an error message and how to resolve it.\""
    );
    assert_eq!(errors["sidebar_position"], "2");
    let issues = front_matter(&read(
        &folder.join("troubleshooting-and-issue-resolution.md"),
    ));
    assert_eq!(issues["sidebar_label"], "\"Resolve issues\"");
    assert_eq!(issues["sidebar_position"], "1");

    let category: serde_json::Value =
        serde_json::from_str(&read(&folder.join("_category_.json"))).expect("valid JSON");
    assert_eq!(
        category,
        serde_json::json!({"label": "Sage Intacct", "position": 1})
    );
}

#[test]
fn every_heading_has_an_explicit_id_that_mdx_accepts() {
    let (_temp, out) = build_shipped(&["--format", "markdown"]);
    let page = read(&out.join("markdown/docs-site/resolve-error-messages.md"));
    assert!(
        page.contains(
            "\n## Resolve the \"Missing permissions\" error \\{#missing-permissions\\}\n"
        ),
        "{page}"
    );
    assert!(
        page.contains("\n**Error message:** `Missing permissions`\n"),
        "{page}"
    );
    assert!(
        page.contains("\\{#missing-permissions--role-missing-permissions\\}\n"),
        "causes are headings with their anchors: {page}"
    );
    for page in files_with(&out.join("markdown"), "md") {
        let text = read(&page);
        let headings: Vec<&str> = prose_lines(&text)
            .into_iter()
            .filter(|l| l.starts_with('#'))
            .collect();
        assert!(headings.len() > 5, "{}", page.display());
        for heading in headings {
            let id = heading.rsplit_once(" \\{#").map(|(_, id)| id);
            assert!(
                id.is_some_and(|id| id.ends_with("\\}")
                    && id[..id.len() - 2]
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')),
                "heading without an explicit id in {}: {heading}",
                page.display()
            );
        }
    }
}

#[test]
fn links_resolve_to_a_generated_page_and_an_anchor_on_it() {
    let (_temp, out) = build_shipped(&["--format", "markdown"]);
    let folder = out.join("markdown/docs-site");
    let (mut cross_page, mut same_page, mut to_steps, mut to_pages) = (0, 0, 0, 0);
    for page in files_with(&folder, "md") {
        let text = read(&page);
        for (i, _) in text.match_indices("](") {
            let rest = &text[i + 2..];
            let target = &rest[..rest.find(')').expect("closed link")];
            if target.starts_with("http") || target.starts_with("mailto:") {
                continue;
            }
            // A link to a whole page (read next) names its file alone: Docusaurus gives a page's
            // title no anchor.
            let (file, anchor) = target.split_once('#').unwrap_or((target, ""));
            let linked = if file.is_empty() {
                same_page += 1;
                page.clone()
            } else {
                cross_page += 1;
                let name = file.strip_prefix("./").expect("relative link");
                assert!(name.ends_with(".md") && !name.contains('/'), "{target}");
                folder.join(name)
            };
            assert!(
                linked.is_file(),
                "{target} in {}: no such page",
                page.display()
            );
            if anchor.is_empty() {
                to_pages += 1;
                continue;
            }
            let linked_text = read(&linked);
            let as_heading = format!("\\{{#{anchor}\\}}");
            let as_element = format!("<Link id=\"{anchor}\" />");
            if linked_text.contains(&as_element) {
                to_steps += 1;
            }
            assert!(
                linked_text.contains(&as_heading) || linked_text.contains(&as_element),
                "{target} in {}: no heading or element with that id",
                page.display()
            );
        }
    }
    assert!(
        cross_page >= 5 && same_page >= 5 && to_steps >= 1 && to_pages >= 1,
        "{cross_page} {same_page} {to_steps} {to_pages}"
    );
}

#[test]
fn hostile_content_compiles_strictly_and_reads_as_text() {
    let temp = tempfile::tempdir().expect("temp");
    let out = temp.path().join("build");
    let result = build(&fixture("hostile"), &out, "markdown", None);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let pages = files_with(&out.join("markdown"), "md");
    assert_strict_mdx(&pages);
    let html: String = pages.iter().map(|p| render_html(p)).collect();
    for element in [
        "<script", "<style", "<svg", "<iframe", "<b ", "<td ", "<th>", "<i>", "<samp",
    ] {
        assert!(
            !html.contains(element),
            "{element} became an element:\n{html}"
        );
    }
    for img in html.match_indices("<img ") {
        let tag = &html[img.0..img.0 + html[img.0..].find('>').expect("closed tag")];
        assert!(
            tag.starts_with("<img src=\"./img/") && !tag.contains(" on"),
            "{tag}"
        );
    }
    for text in [
        "&lt;script&gt;window.__helpdoc_pwned='section'&lt;/script&gt;",
        "{process.exit()}",
        "import x from 'y'",
        "\u{202E}",
        "\u{2066}",
        "&lt;img src=x onerror=alert(1)&gt;",
    ] {
        assert!(
            html.contains(text),
            "{text:?} is not shown as text:\n{html}"
        );
    }
    let category = read(&out.join("markdown/hostile/_category_.json"));
    let category: serde_json::Value = serde_json::from_str(&category).expect("valid JSON");
    assert_eq!(
        category["label"],
        "</script><script>window.__helpdoc_pwned='category'</script>"
    );
}

#[test]
fn markdown_syntax_in_text_stays_text() {
    let temp = tempfile::tempdir().expect("temp");
    let out = temp.path().join("build");
    let result = build(&fixture("markdown/edge-cases"), &out, "markdown", None);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let folder = out.join("markdown/edge");
    let pages = files_with(&folder, "md");
    assert_strict_mdx(&pages);
    let first = render_html(&folder.join("first-page.md"));
    for paragraph in [
        "<p>import x from 'y'</p>",
        "<p>export const a = 1</p>",
        "<p># Not a heading either</p>",
        "<p>- not a bullet</p>",
        "<p>+ not a bullet</p>",
        "<p>12. not an ordered item</p>",
        "<p>&gt; not a quote</p>",
        "<p>:::danger[Not an admonition]</p>",
        "<p>A :directive[text]{#id} and re:Invent and 10:30.</p>",
        "<p>Not a comment: {/* hidden */} and not HTML: &lt;!-- x --&gt;.</p>",
        "<p>Snake_case stays, but _this_ and *that* are escaped; a | pipe and ~tilde~.</p>",
        "<li>- a bullet that starts with a dash</li>",
        "<li>import y from 'z'</li>",
        "<li>1) a bullet that starts with a number</li>",
        "Not an image: !<a href=\"https://example.com/x.png\">alt</a>",
        "First line<br>\nsecond line after a hard break<br>\n- third line that looks like a bullet",
    ] {
        assert!(first.contains(paragraph), "{paragraph}\n---\n{first}");
    }
    let source = read(&folder.join("first-page.md"));
    // Readable where nothing needs escaping.
    assert!(
        source.contains("Emphasis at the start: *Roles* screen, then **bold**"),
        "{source}"
    );
    // Docusaurus turns ```mdx-code-block fences into live MDX: that content gets a tilde fence,
    // and the language is never written.
    assert!(
        source.contains("\n~~~markdown\n```mdx-code-block\n{process.exit()}\n"),
        "{source}"
    );
    assert!(
        !source.contains("```mdx-code-block\nexport default"),
        "{source}"
    );
    // Admonitions inside steps are indented into the item; the outer fence outgrows the inner ones.
    assert!(
        source.contains("\n   :::::warning Outer \\[warning\\] with \\:\\::\n"),
        "{source}"
    );
    assert!(
        source.contains(
            "\n   :::tip\n\n   Inner tip with a [link](./second-page.md#nested-steps--deep-step).\n"
        ),
        "{source}"
    );
    let second = read(&folder.join("second-page.md"));
    assert!(second.contains("\n10. <Link id=\"nested-steps--tenth\" />Ten, with sub-steps.\n\n    1. Sub-step one.\n\n       :::caution Careful\n"), "{second}");
    assert!(
        second.contains("\n#### A concept six levels down \\{#deep-concept\\}\n"),
        "{second}"
    );
    assert!(
        second.contains("\\{#unanchored-causes--cause-1\\}"),
        "{second}"
    );
}

#[test]
fn images_are_copied_beside_the_pages_and_linked_relatively() {
    let temp = tempfile::tempdir().expect("temp");
    let out = temp.path().join("build");
    let result = build(&fixture("markdown/edge-cases"), &out, "markdown", None);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let folder = out.join("markdown/edge");
    let page = read(&folder.join("first-page.md"));
    let source = fixture("markdown/edge-cases/images");
    for (link, copy, original) in [
        (
            "./img/images/a/screen.png",
            "img/images/a/screen.png",
            "a/screen.png",
        ),
        (
            "./img/images/b/screen.png",
            "img/images/b/screen.png",
            "b/screen.png",
        ),
        (
            "./img/menu%20path%20%231.png",
            "img/menu path #1.png",
            "menu path #1.png",
        ),
    ] {
        assert!(page.contains(&format!("]({link})")), "{link}\n{page}");
        let copied = std::fs::read(folder.join(copy)).expect("image copied");
        assert_eq!(
            copied,
            std::fs::read(source.join(original)).expect("source image")
        );
    }
    assert!(
        page.contains(
            "![Screen A \\[blue\\]](./img/images/a/screen.png)\n\n   _The *first* screen_"
        ),
        "{page}"
    );
}

#[test]
fn markdown_output_is_byte_identical_across_builds() {
    let temp = tempfile::tempdir().expect("temp");
    let (a, b) = (temp.path().join("a"), temp.path().join("b"));
    for out in [&a, &b] {
        let result = build(&fixture("markdown/edge-cases"), out, "markdown", None);
        assert_eq!(result.code, 0, "{}", result.stderr);
    }
    let files = |root: &Path| -> Vec<(PathBuf, Vec<u8>)> {
        let mut all: Vec<PathBuf> = ["md", "json", "png"]
            .iter()
            .flat_map(|e| files_with(&root.join("markdown"), e))
            .collect();
        all.sort();
        all.into_iter()
            .map(|p| {
                (
                    p.strip_prefix(root).unwrap_or(&p).to_path_buf(),
                    std::fs::read(&p).expect("read"),
                )
            })
            .collect()
    };
    assert_eq!(files(&a), files(&b));
}

// --- Command exporters -------------------------------------------------------------------------

fn exporters() -> PathBuf {
    fixture("markdown/exporters")
}

#[test]
fn the_shipped_plain_text_exporter_writes_an_outline_per_publication() {
    let (_temp, out) = build_shipped(&["--format", "plain-text"]);
    let outlines = files_with(&out.join("plain-text"), "txt");
    let names: Vec<_> = outlines
        .iter()
        .filter_map(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "docs-site.txt",
            "in-product-help.txt",
            "sage-intacct-guide.txt"
        ]
    );
    let docs = read(&out.join("plain-text/docs-site.txt"));
    assert!(
        docs.starts_with("Sage Intacct troubleshooting\n============================\n"),
        "{docs}"
    );
    assert!(docs.contains("    Full administrator privileges [prerequisite]\n      How to check:\n        1. Go to Company > Admin > Users.\n"), "{docs}");
    assert!(docs.contains("Message: Missing permissions"), "{docs}");
    assert!(
        docs.contains("Built by helpdoc 0.1.0 on 2026-11-22."),
        "{docs}"
    );
}

#[test]
fn a_command_exporter_gets_the_versioned_context_and_an_empty_staging_folder() {
    let temp = tempfile::tempdir().expect("temp");
    let out = temp.path().join("build");
    let result = build(Path::new("content"), &out, "dump", Some(&exporters()));
    assert_eq!(result.code, 0, "{}", result.stderr);
    let dump = out.join("dump");
    let context: serde_json::Value =
        serde_json::from_str(&read(&dump.join("context.json"))).expect("the context is JSON");
    assert_eq!(context["format_version"], 1);
    assert_eq!(context["helpdoc_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(context["schema_version"], 1);
    assert_eq!(context["format"], "dump");
    assert_eq!(context["build"]["date"], "2026-11-22");
    let ids: Vec<&str> = context["publications"]
        .as_array()
        .expect("publications")
        .iter()
        .filter_map(|p| p["id"].as_str())
        .collect();
    assert_eq!(ids, ["docs-site", "in-product-help", "sage-intacct-guide"]);
    let errors = &context["publications"][1]["sections"][0]["topics"];
    let missing = errors
        .as_array()
        .expect("topics")
        .iter()
        .find(|t| t["id"] == "missing-permissions")
        .expect("topic");
    assert_eq!(missing["body"]["kind"], "error");
    assert_eq!(missing["body"]["message"], "Missing permissions");
    assert_eq!(
        missing["body"]["causes"][0]["anchor"],
        "missing-permissions--role-missing-permissions"
    );
    assert_eq!(
        missing["body"]["causes"][0]["steps"][0]["action"][1]["strong"][0]["text"],
        "Company > Admin > Roles"
    );

    // The staging folder: last argument and HELPDOC_OUT, a temporary folder outside the output
    // folder, removed afterwards; the program runs from its plugin folder.
    let args = read(&dump.join("args.txt"));
    let staging = read(&dump.join("env.txt")).trim().to_string();
    assert_eq!(args, format!("--flag\n{staging}\n"));
    assert!(!Path::new(&staging).starts_with(temp.path()), "{staging}");
    assert!(
        !Path::new(&staging).exists(),
        "the staging folder is removed"
    );
    let cwd = PathBuf::from(read(&dump.join("cwd.txt")).trim());
    assert_eq!(
        cwd.canonicalize().ok(),
        exporters().join("dump").canonicalize().ok()
    );
}

/// Builds Markdown into a fresh folder, then runs the command exporter `name` over it; returns the
/// run, how long it took, and the guard of the temporary folder (whose `build/` must be intact).
fn fail_over_a_previous_build(name: &str) -> (Run, Duration, tempfile::TempDir) {
    let temp = tempfile::tempdir().expect("temp");
    let out = temp.path().join("build");
    let first = build(Path::new("content"), &out, "markdown", None);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let before = read(&out.join(".helpdoc-manifest.json"));
    let started = Instant::now();
    let result = build(Path::new("content"), &out, name, Some(&exporters()));
    let took = started.elapsed();
    assert_ne!(result.code, 0, "{}", result.stderr);
    assert!(!result.stderr.contains("panicked"), "{}", result.stderr);
    assert_eq!(
        read(&out.join(".helpdoc-manifest.json")),
        before,
        "the previous build changed"
    );
    assert!(
        out.join("markdown/docs-site/resolve-error-messages.md")
            .is_file()
    );
    assert!(
        !out.join(name).exists(),
        "a failed exporter's files were written"
    );
    (result, took, temp)
}

#[test]
fn a_failing_command_exporter_reports_its_status_and_stderr() {
    let (result, _, _temp) = fail_over_a_previous_build("fails");
    assert!(
        result
            .stderr
            .contains("exporter `fails` failed: `sh fail.sh` exited with status 3"),
        "{}",
        result.stderr
    );
    assert!(
        result.stderr.contains("unsupported format_version"),
        "{}",
        result.stderr
    );
}

#[test]
fn a_hanging_command_exporter_is_stopped_with_everything_it_started() {
    let (result, took, _temp) = fail_over_a_previous_build("hangs");
    // Left alone, the exporter would run for over an hour; the bound is wide for a debug build
    // on a busy machine, where the check of the content alone takes seconds.
    assert!(took < Duration::from_secs(120), "took {took:?}");
    assert!(
        result
            .stderr
            .contains("did not finish within 1 s and was stopped"),
        "{}",
        result.stderr
    );
    assert!(result.stderr.contains("working..."), "{}", result.stderr);
    // Neither the program nor the child it left behind survives.
    let survivors: Vec<String> = std::fs::read_dir("/proc")
        .expect("/proc")
        .filter_map(|e| std::fs::read(e.ok()?.path().join("cmdline")).ok())
        .map(|c| String::from_utf8_lossy(&c).replace('\0', " "))
        .filter(|c| c.contains("4242.5") || c.contains("4242.25"))
        .collect();
    assert!(survivors.is_empty(), "{survivors:?}");
}

#[test]
fn command_exporters_cannot_write_links_or_special_files() {
    let (result, _, _temp) = fail_over_a_previous_build("symlink");
    assert!(
        result
            .stderr
            .contains("it wrote `docs/passwd` as a symbolic link"),
        "{}",
        result.stderr
    );
    let (result, _, _temp) = fail_over_a_previous_build("special-file");
    assert!(
        result
            .stderr
            .contains("it wrote `pipe`, which is not a regular file"),
        "{}",
        result.stderr
    );
}

#[test]
fn a_command_exporter_that_cannot_start_is_explained() {
    let temp = tempfile::tempdir().expect("temp");
    let plugins = temp.path().join("exporters");
    std::fs::create_dir_all(plugins.join("missing")).expect("mkdir");
    std::fs::write(
        plugins.join("missing/exporter.toml"),
        "type = \"command\"\ncommand = [\"./no-such-program\"]\n",
    )
    .expect("write");
    std::fs::create_dir_all(plugins.join("empty")).expect("mkdir");
    std::fs::write(
        plugins.join("empty/exporter.toml"),
        "type = \"command\"\ncommand = []\n",
    )
    .expect("write");
    let out = temp.path().join("build");
    let result = build(&repo().join("content"), &out, "missing", Some(&plugins));
    assert_ne!(result.code, 0);
    assert!(
        result
            .stderr
            .contains("cannot run `./no-such-program` from"),
        "{}",
        result.stderr
    );
    let result = build(&repo().join("content"), &out, "empty", Some(&plugins));
    assert_ne!(result.code, 0);
    assert!(
        result.stderr.contains("`command` must name a program"),
        "{}",
        result.stderr
    );
    assert!(!out.exists());
}

/// The one YAML quoter's output (front matter and imported content) reads back as the same string
/// in js-yaml, the parser Docusaurus reads front matter with.
#[test]
fn quoted_yaml_reads_back_in_docusaurus_js_yaml() {
    use helpdoc::text::yaml_quote::{Dialect, double_quoted, quote};
    // The yaml_quote unit tests' list: every case must read back in Docusaurus' parser too.
    let hard: Vec<String> = serde_json::from_str(
        &std::fs::read_to_string(repo().join("tests/fixtures/yaml-hard-cases.json"))
            .expect("the hard cases"),
    )
    .expect("a JSON array of strings");
    let mut cases = Vec::new();
    for text in &hard {
        for written in [
            double_quoted(text, Dialect::FrontMatter),
            quote(text, Dialect::Yaml),
        ] {
            cases.push(serde_json::json!({
                "yaml": format!("title: {written}\n"),
                "key": "title",
                "expected": text,
            }));
        }
    }
    let temp = tempfile::tempdir().expect("temp");
    let file = temp.path().join("cases.json");
    std::fs::write(&file, serde_json::to_string(&cases).expect("json")).expect("write");
    let result = client(
        "node",
        &[&client_script("yaml-load.mjs"), &file.to_string_lossy()],
    );
    assert_eq!(result.code, 0, "{}{}", result.stdout, result.stderr);
}
