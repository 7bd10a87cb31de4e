//! Text that readers could misread: line breaks other than `\n` (a bare `\r` closes an MDX code
//! fence) and invisible characters (bidi controls, zero-width characters) in the places where text
//! is matched or followed. The MDX round trip compiles and evaluates every generated page.

use std::path::{Path, PathBuf};

use crate::support::{Run, client, client_script, fixture, run, run_in};

/// Builds `content` with `--format FORMAT` into a fresh temporary folder.
fn build(content: &Path, format: &str) -> (tempfile::TempDir, PathBuf, Run) {
    let temp = tempfile::tempdir().expect("temp");
    let out = temp.path().join("build");
    let result = run(&[
        "build",
        "--content",
        &content.to_string_lossy(),
        "--out",
        &out.to_string_lossy(),
        "--format",
        format,
    ]);
    (temp, out, result)
}

/// Every `.md` page under `dir`, sorted.
fn pages(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(next) = pending.pop() {
        for entry in std::fs::read_dir(&next).expect("read output folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// The fields of `tests/fixtures/hostile-text` whose payload the Markdown pages show in their
/// body (publication fields such as `product` or `author` are not on a docs page, and front
/// matter is judged by evaluating the whole file).
const SHOWN: [&str; 30] = [
    "action",
    "admtext",
    "admtitle",
    "alt",
    "answer",
    "caption",
    "cause",
    "cell",
    "codebare",
    "codeblock",
    "errcode",
    "errintro",
    "errtitle",
    "figcaption",
    "header",
    "listitem",
    "message",
    "nestedtitle",
    "outro",
    "paragraph",
    "procapplies",
    "procsummary",
    "proctitle",
    "resaction",
    "result",
    "sectionintro",
    "sectiontitle",
    "sourcetitle",
    "substep",
    "variable",
];

/// Every text field of the fixture holds a breakout attempt: a bare `\r`, a code fence, then
/// `export const`, `{…}`, `<script>`, `import`, an HTML comment, U+2028, U+2029 and NEL, each of
/// which would store a value in `globalThis.__helpdoc_ran` if it ran. Each page is compiled and
/// evaluated by @mdx-js/mdx 3, whole and without front matter: nothing may run, and every payload
/// must come out as text.
#[test]
fn every_text_field_survives_mdx_compile_and_evaluate_as_inert_text() {
    let (_temp, out, result) = build(&fixture("hostile-text"), "markdown");
    assert_eq!(result.code, 0, "{}", result.stderr);
    let pages = pages(&out.join("markdown"));
    assert!(!pages.is_empty(), "no pages were generated");
    let mut args = vec![client_script("mdx-evaluate.mjs")];
    args.extend(pages.iter().map(|p| p.to_string_lossy().into_owned()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let evaluated = client("node", &args);
    assert_eq!(evaluated.code, 0, "{}", evaluated.stderr);
    let mut html = String::new();
    for line in evaluated.stdout.lines() {
        let page: serde_json::Value = serde_json::from_str(line).expect("one JSON line per page");
        assert_eq!(page["error"], serde_json::Value::Null, "{line}");
        assert_eq!(
            page["ran"],
            serde_json::Value::Null,
            "code from content ran: {line}"
        );
        html.push_str(page["html"].as_str().expect("html"));
    }
    assert_eq!(evaluated.stdout.lines().count(), pages.len());
    for element in ["<script", "<!--"] {
        assert!(
            !html.contains(element),
            "{element} reached the page:\n{html}"
        );
    }
    for name in SHOWN {
        for text in [
            format!("{name}-start"),
            format!("export const {name}_esm = (globalThis.__helpdoc_ran = '{name}-esm')"),
            format!("{{globalThis.__helpdoc_ran = '{name}-expr'}}"),
            format!("&lt;script&gt;globalThis.__helpdoc_ran = '{name}-script'&lt;/script&gt;"),
            format!("import {name}_imp from 'data:text/javascript,globalThis.__helpdoc_ran=1'"),
            format!("&lt;!-- {name}-comment --&gt;"),
            format!("export const {name}_ls = (globalThis.__helpdoc_ran = '{name}-ls')"),
            format!("{{globalThis.__helpdoc_ran = '{name}-ps'}}"),
            format!("{name}-end"),
        ] {
            assert!(html.contains(&text), "{text:?} is not shown as text");
        }
    }
}

/// The same content builds in every format, and no text file written holds a line break other
/// than `\n` (the loaders normalized them all).
#[test]
fn no_output_holds_a_line_break_other_than_newline() {
    let (_temp, out, result) = build(&fixture("hostile-text"), "markdown,html,json");
    assert_eq!(result.code, 0, "{}", result.stderr);
    let mut checked = 0;
    let mut pending = vec![out.clone()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("read output") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path
                .extension()
                .is_some_and(|e| e == "md" || e == "html" || e == "json")
            {
                let text = std::fs::read_to_string(&path).expect("text output");
                let bad = text.find(['\r', '\u{85}', '\u{2028}', '\u{2029}']);
                assert_eq!(bad, None, "{} holds a foreign line break", path.display());
                checked += 1;
            }
        }
    }
    assert!(checked >= 4, "only {checked} text files were written");
}

/// Writes `files` (relative path, text) into a fresh content folder.
fn content(files: &[(&str, &str)]) -> tempfile::TempDir {
    let temp = tempfile::tempdir().expect("temp");
    for (path, text) in files {
        let path = temp.path().join("content").join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
    temp
}

const ERROR_TOPIC: &str = "kind: error
id: hidden-error
title: Hidden characters
user_recoverable: true
message: \"Missing\\u200B permissions\"
source:
  title: Source
  url: \"https://example.com/\\u202Etxt.exe\"
causes:
  - cause: \"See [the docs](https://docs.example.com/a\\u2066b).\"
    resolution:
      steps:
        - action: Do it.
";

const PUBLICATION: &str = "kind: publication
id: hidden
title: Hidden
sections:
  - id: all
    title: All
    topics: [hidden-error]
formats:
  json:
    enabled: true
    docs_base_url: \"https://docs.example.com/\\u2067x/\"
";

/// A bidi control or zero-width character in an error message, a link target, a source URL or
/// `docs_base_url` is an `invisible-character` error at its line and column.
#[test]
fn invisible_characters_where_text_is_matched_or_followed_are_findings() {
    let temp = content(&[
        ("error.yaml", ERROR_TOPIC),
        ("publication.yaml", PUBLICATION),
    ]);
    let result = run_in(temp.path(), &["check"]);
    assert_eq!(result.code, 1, "{}", result.stderr);
    for (at, what) in [
        ("content/error.yaml:5:18", "U+200B (ZERO WIDTH SPACE)"),
        ("content/error.yaml:8:29", "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
        ("content/error.yaml:10:17", "U+2066 (LEFT-TO-RIGHT ISOLATE)"),
        (
            "content/publication.yaml:11:46",
            "U+2067 (RIGHT-TO-LEFT ISOLATE)",
        ),
    ] {
        let finding = result
            .stderr
            .split("\n\n")
            .find(|d| d.contains(at))
            .unwrap_or_else(|| panic!("no finding at {at}:\n{}", result.stderr));
        assert!(
            finding.starts_with("error[invisible-character]") && finding.contains(what),
            "{finding}"
        );
    }
    assert_eq!(
        result.stderr.matches("error[").count(),
        4,
        "one error per character:\n{}",
        result.stderr
    );
}

/// With the rule allowed, the build goes on, but no output links an address holding an invisible
/// character: the bundle's `href`s and `docs_url`s, like the HTML and Markdown links, are left out.
#[test]
fn no_output_links_an_address_with_an_invisible_character() {
    let temp = content(&[
        ("error.yaml", ERROR_TOPIC),
        ("publication.yaml", PUBLICATION),
        ("helpdoc.toml", "[rules]\ninvisible-character = \"allow\"\n"),
    ]);
    let out = temp.path().join("build");
    let result = run_in(
        temp.path(),
        &[
            "build",
            "--out",
            &out.to_string_lossy(),
            "--format",
            "json,html,markdown",
        ],
    );
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert!(
        result.stderr.contains("docs_base_url") && result.stderr.contains("<U+2067>"),
        "the unusable base URL is named: {}",
        result.stderr
    );
    let bundle = std::fs::read_to_string(out.join("json/hidden.json")).expect("bundle");
    let value: serde_json::Value = serde_json::from_str(&bundle).expect("JSON");
    let text = value.to_string();
    assert!(!text.contains("docs_url\":\"http"), "{text}");
    assert!(!text.contains("href"), "{text}");
    for invisible in ['\u{2066}', '\u{2067}', '\u{200B}', '\u{202E}'] {
        assert!(!bundle.contains(invisible), "written raw: {invisible:?}");
    }
    let html = std::fs::read_to_string(out.join("html/hidden.html")).expect("html");
    assert!(!html.contains("docs.example.com/a"), "linked in HTML");
    let markdown = std::fs::read_to_string(out.join("markdown/hidden/all.md")).expect("md");
    assert!(
        !markdown.contains("](https://docs.example.com/a"),
        "linked in Markdown"
    );
}

/// A tag on a list or a mapping is refused like a tag on a text value, where it is written.
#[test]
fn yaml_tags_on_lists_and_mappings_are_refused() {
    let temp = content(&[(
        "topic.yaml",
        "kind: concept\nid: tagged\ntitle: Tagged\nanswer: !blocks\n  - paragraph: Text.\nsee_also: !!set {}\n",
    )]);
    let result = run_in(temp.path(), &["check"]);
    assert_eq!(result.code, 1, "{}", result.stderr);
    for at in ["content/topic.yaml:4:9", "content/topic.yaml:6:11"] {
        let finding = result
            .stderr
            .split("\n\n")
            .find(|d| d.contains(at))
            .unwrap_or_else(|| panic!("no finding at {at}:\n{}", result.stderr));
        assert!(finding.starts_with("error[yaml-tag]"), "{finding}");
    }
}

/// Carriage returns in a file (CRLF or old Mac line ends) count as line ends, as in the writer's
/// editor: a problem on the fourth line is reported on line 4 whatever the line ends.
#[test]
fn diagnostics_count_lines_as_the_editor_does_whatever_the_line_ends() {
    for ending in ["\n", "\r\n", "\r"] {
        let topic = [
            "kind: concept",
            "id: lines",
            "title: Lines",
            "answer: 12",
            "",
        ]
        .join(ending);
        let temp = content(&[("topic.yaml", &topic)]);
        let result = run_in(temp.path(), &["check"]);
        assert_eq!(result.code, 1, "{}", result.stderr);
        assert!(
            result.stderr.contains("content/topic.yaml:4:9"),
            "{ending:?}: {}",
            result.stderr
        );
    }
}
