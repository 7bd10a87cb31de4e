//! Hostile input: each case gives a clear error (file and reason) in bounded time and memory, or
//! safe output; none panics, overflows the stack or runs away. Large cases are generated at run time.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::support::{Run, run_in};

/// Runs `helpdoc ARGS` in `dir` and checks it ended on its own, quickly, without panicking.
fn bounded(dir: &Path, args: &[&str], limit: Duration) -> Run {
    let started = Instant::now();
    let result = run_in(dir, args);
    let took = started.elapsed();
    assert!(
        took < limit,
        "took {took:?} (limit {limit:?}):\n{}",
        result.stderr
    );
    assert!(!result.stderr.contains("panicked"), "{}", result.stderr);
    assert!(
        !result.stderr.contains("stack overflow"),
        "{}",
        result.stderr
    );
    result
}

fn write(path: &Path, text: impl AsRef<[u8]>) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).expect("create folder");
    }
    std::fs::write(path, text).expect("write fixture");
}

const TOPIC: &str = "kind: concept\nid: web-services\ntitle: What is Web Services?\nanswer:\n  - paragraph: Text.\n";

#[test]
fn ten_thousand_deep_yaml_and_json_are_refused() {
    let temp = tempfile::tempdir().expect("temp");
    let n = 10_000;
    let nested = format!("{}{}", "[".repeat(n), "]".repeat(n));
    write(
        &temp.path().join("c/a.yaml"),
        format!("kind: concept\nid: a\ntitle: A\nanswer: {nested}\n"),
    );
    write(
        &temp.path().join("c/b.json"),
        format!("{{\"kind\": \"concept\", \"id\": \"b\", \"title\": \"B\", \"answer\": {nested}}}"),
    );
    let result = bounded(
        temp.path(),
        &["check", "--content", "c"],
        Duration::from_secs(20),
    );
    assert_eq!(result.code, 1, "{}", result.stderr);
    assert!(result.stderr.contains("c/a.yaml:4:"), "{}", result.stderr);
    assert!(result.stderr.contains("c/b.json:1:"), "{}", result.stderr);
    assert_eq!(
        result.stderr.matches("error[too-deep]").count(),
        2,
        "{}",
        result.stderr
    );
}

#[test]
fn billion_laughs_cannot_expand() {
    let temp = tempfile::tempdir().expect("temp");
    let mut text = String::from(
        "kind: concept\nid: lol\ntitle: Lol\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    for level in 1..10 {
        let prev = format!("*a{}", level - 1);
        let refs = [prev.as_str(); 10].join(", ");
        text.push_str(&format!("a{level}: &a{level} [{refs}]\n"));
    }
    write(&temp.path().join("c/lol.yaml"), text);
    let result = bounded(
        temp.path(),
        &["check", "--content", "c"],
        Duration::from_secs(10),
    );
    assert_eq!(result.code, 1);
    assert_eq!(
        result.stderr.matches("error[yaml-alias]").count(),
        1,
        "{}",
        result.stderr
    );
    assert!(result.stderr.contains("c/lol.yaml:5:"), "{}", result.stderr);
}

#[test]
fn a_hundred_megabyte_string_is_refused_by_size() {
    let temp = tempfile::tempdir().expect("temp");
    let big = format!(
        "kind: concept\nid: big\ntitle: \"{}\"\n",
        "a".repeat(100 * 1024 * 1024)
    );
    write(&temp.path().join("c/big.yaml"), big);
    let result = bounded(
        temp.path(),
        &["check", "--content", "c"],
        Duration::from_secs(10),
    );
    assert_eq!(result.code, 1);
    assert!(result.stderr.contains("c/big.yaml"), "{}", result.stderr);
    assert!(
        result.stderr.contains("limit for one content file"),
        "{}",
        result.stderr
    );
}

#[test]
fn fifty_thousand_files_are_checked() {
    let temp = tempfile::tempdir().expect("temp");
    for i in 0..50_000 {
        let text = format!(
            "kind: concept\nid: topic-{i}\ntitle: Topic {i}\nanswer:\n  - paragraph: Answer {i}.\n"
        );
        write(
            &temp.path().join(format!("c/d{}/t{i}.yaml", i / 1000)),
            text,
        );
    }
    let result = bounded(
        temp.path(),
        &["check", "--content", "c"],
        Duration::from_secs(120),
    );
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert!(
        result.stderr.contains("checked 50000 files"),
        "{}",
        result.stderr
    );
}

#[test]
fn paths_cannot_leave_the_content_folder() {
    let temp = tempfile::tempdir().expect("temp");
    let outside = temp.path().join("secret.png");
    write(&outside, b"\x89PNG\r\n\x1a\n");
    write(&temp.path().join("c/link-target.yaml"), TOPIC);
    std::os::unix::fs::symlink(&outside, temp.path().join("c/linked.png")).expect("symlink");
    std::os::unix::fs::symlink(
        temp.path().join("secret.yaml"),
        temp.path().join("c/evil.yaml"),
    )
    .expect("symlink");
    write(
        &temp.path().join("secret.yaml"),
        "kind: concept\nid: secret\ntitle: Secret\nanswer: []\n",
    );
    let absolute = outside.to_string_lossy().into_owned();
    write(
        &temp.path().join("c/images.yaml"),
        format!(
            "kind: concept\nid: images\ntitle: Images\nanswer:\n  - image: {{src: ../secret.png, alt: Up}}\n  - image: {{src: '{absolute}', alt: Absolute}}\n  - image: {{src: linked.png, alt: Linked}}\n"
        ),
    );
    let result = bounded(
        temp.path(),
        &["check", "--content", "c"],
        Duration::from_secs(10),
    );
    assert_eq!(result.code, 1, "{}", result.stderr);
    let stderr = &result.stderr;
    assert!(
        stderr.contains("image `../secret.png` is outside the content folder"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("image path `{absolute}` is absolute")),
        "{stderr}"
    );
    assert!(
        stderr.contains("image `linked.png` is outside the content folder"),
        "{stderr}"
    );
    assert!(
        stderr.contains("c/evil.yaml")
            && stderr.contains("a symbolic link or `..` leads out of it"),
        "{stderr}"
    );
}

/// A project folder with valid content, for output-folder cases.
fn project() -> tempfile::TempDir {
    let temp = tempfile::tempdir().expect("temp");
    write(&temp.path().join("content/topic.yaml"), TOPIC);
    write(
        &temp.path().join("content/guide.yaml"),
        "kind: publication\nid: guide\ntitle: Guide\nsections:\n  - id: basics\n    title: Basics\n    topics: [web-services]\n",
    );
    temp
}

#[test]
fn unsafe_output_folders_are_refused_and_nothing_is_written() {
    let temp = project();
    let home = std::env::var("HOME").unwrap_or_else(|_| "/root".into());
    for out in ["content/build", "content", "/", home.as_str(), "."] {
        let before = std::fs::read_dir(temp.path()).expect("list").count();
        let result = bounded(
            temp.path(),
            &["build", "--out", out],
            Duration::from_secs(30),
        );
        assert_eq!(
            result.code, 2,
            "--out {out} must be refused:\n{}",
            result.stderr
        );
        assert!(
            result.stderr.contains("refusing"),
            "--out {out}: {}",
            result.stderr
        );
        assert!(
            !temp.path().join("content/build").exists(),
            "--out {out} wrote into the content folder"
        );
        assert_eq!(
            std::fs::read_dir(temp.path()).expect("list").count(),
            before,
            "--out {out} left files behind"
        );
    }
    assert!(!temp.path().join(".helpdoc-manifest.json").exists());
}

#[test]
fn a_folder_with_foreign_files_is_kept_unless_forced() {
    let temp = project();
    write(&temp.path().join("site/notes.txt"), "mine");
    let refused = bounded(
        temp.path(),
        &["build", "--out", "site"],
        Duration::from_secs(30),
    );
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(refused.stderr.contains("notes.txt"), "{}", refused.stderr);
    assert_eq!(
        std::fs::read_to_string(temp.path().join("site/notes.txt")).expect("kept"),
        "mine"
    );
    assert!(!temp.path().join("site/.helpdoc-manifest.json").exists());
    let forced = bounded(
        temp.path(),
        &["build", "--out", "site", "--force"],
        Duration::from_secs(60),
    );
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert!(temp.path().join("site/.helpdoc-manifest.json").exists());
}

#[test]
fn rebuilding_replaces_only_what_helpdoc_wrote() {
    let temp = project();
    let first = bounded(
        temp.path(),
        &["build", "--out", "out"],
        Duration::from_secs(60),
    );
    assert_eq!(first.code, 0, "{}", first.stderr);
    let second = bounded(
        temp.path(),
        &["build", "--out", "out"],
        Duration::from_secs(60),
    );
    assert_eq!(
        second.code, 0,
        "a helpdoc build may be rebuilt: {}",
        second.stderr
    );
    write(&temp.path().join("out/added-by-hand.txt"), "mine");
    let third = bounded(
        temp.path(),
        &["build", "--out", "out"],
        Duration::from_secs(60),
    );
    assert_eq!(third.code, 2, "{}", third.stderr);
    assert!(
        third.stderr.contains("added-by-hand.txt"),
        "{}",
        third.stderr
    );
    assert!(temp.path().join("out/added-by-hand.txt").exists());
}

#[test]
fn a_failed_check_writes_nothing() {
    let temp = project();
    let first = bounded(
        temp.path(),
        &["build", "--out", "out"],
        Duration::from_secs(60),
    );
    assert_eq!(first.code, 0, "{}", first.stderr);
    let manifest = std::fs::read(temp.path().join("out/.helpdoc-manifest.json")).expect("manifest");
    write(
        &temp.path().join("content/broken.yaml"),
        "kind: concept\nid: [oops\n",
    );
    let failed = bounded(
        temp.path(),
        &["build", "--out", "out"],
        Duration::from_secs(60),
    );
    assert_eq!(failed.code, 1, "{}", failed.stderr);
    assert!(
        failed.stderr.contains("no outputs were written"),
        "{}",
        failed.stderr
    );
    assert_eq!(
        std::fs::read(temp.path().join("out/.helpdoc-manifest.json")).expect("manifest"),
        manifest
    );
}

#[test]
fn limits_are_configurable() {
    let temp = tempfile::tempdir().expect("temp");
    write(&temp.path().join("c/topic.yaml"), TOPIC);
    write(
        &temp.path().join("c/helpdoc.toml"),
        "[limits]\nmax_file_bytes = 40\n",
    );
    let result = bounded(
        temp.path(),
        &["check", "--content", "c"],
        Duration::from_secs(10),
    );
    assert_eq!(result.code, 1, "{}", result.stderr);
    assert!(
        result.stderr.contains("more than the 40-byte limit"),
        "{}",
        result.stderr
    );
    write(
        &temp.path().join("c/helpdoc.toml"),
        "[limits]\nmax_total_bytes = 40\n",
    );
    let result = bounded(
        temp.path(),
        &["check", "--content", "c"],
        Duration::from_secs(10),
    );
    assert_eq!(result.code, 1, "{}", result.stderr);
    assert!(
        result.stderr.contains("error[too-much-content]"),
        "{}",
        result.stderr
    );
    write(
        &temp.path().join("c/helpdoc.toml"),
        "[limits]\nmax_dept = 3\n",
    );
    let result = bounded(
        temp.path(),
        &["check", "--content", "c"],
        Duration::from_secs(10),
    );
    assert_eq!(result.code, 1, "{}", result.stderr);
    assert!(
        result.stderr.contains("max_dept"),
        "a misspelt limit is reported: {}",
        result.stderr
    );
}

#[test]
fn svg_images_that_could_run_code_are_refused_each_with_its_line() {
    let temp = tempfile::tempdir().expect("temp");
    let content = temp.path().join("c");
    std::fs::create_dir_all(content.join("img")).expect("mkdir");
    std::fs::copy(
        Path::new("tests/fixtures/hostile/images/evil.svg"),
        content.join("img/evil.svg"),
    )
    .expect("copy");
    let svg = |body: &str| format!("<svg xmlns=\"http://www.w3.org/2000/svg\">\n{body}\n</svg>\n");
    write(
        &content.join("img/link.svg"),
        svg("<a href=\"javascript:alert(1)\"><rect width=\"1\" height=\"1\"/></a>"),
    );
    write(
        &content.join("img/entities.svg"),
        "<!DOCTYPE svg [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>\n<svg>&b;</svg>\n",
    );
    write(
        &content.join("img/plain.svg"),
        svg("<text x=\"1\" y=\"9\">&lt;script&gt;</text>"),
    );
    let image = |src: &str| format!("  - image:\n      src: img/{src}\n      alt: A drawing\n");
    let mut topic = String::from(TOPIC);
    for src in [
        "evil.svg",
        "link.svg",
        "entities.svg",
        "plain.svg",
        "evil.svg",
    ] {
        topic.push_str(&image(src));
    }
    write(&content.join("topic.yaml"), topic);
    write(
        &content.join("guide.yaml"),
        "kind: publication\nid: guide\ntitle: Guide\nsections:\n  - id: basics\n    title: Basics\n    topics: [web-services]\n",
    );
    let result = bounded(
        temp.path(),
        &["build", "--content", "c", "--out", "out"],
        Duration::from_secs(60),
    );
    assert_eq!(result.code, 1, "{}", result.stderr);
    let refused = |src: &str, line: usize, what: &str| {
        format!("image `img/{src}` cannot be published: line {line} of the image holds {what}")
    };
    for expected in [
        refused("evil.svg", 1, "an event handler (`onload` on `<svg>`)"),
        refused(
            "link.svg",
            2,
            "the address `javascript:alert(1)` (`href` on `<a>`)",
        ),
        refused(
            "entities.svg",
            1,
            "a document type declaring more than plain text entities",
        ),
    ] {
        assert!(
            result.stderr.contains(&expected),
            "{expected}\n{}",
            result.stderr
        );
    }
    // One error per reference to a refused image (evil.svg is shown twice), none for plain.svg.
    assert_eq!(
        result.stderr.matches("error[bad-image]").count(),
        4,
        "{}",
        result.stderr
    );
    assert!(!result.stderr.contains("plain.svg"), "{}", result.stderr);
    assert!(
        !temp.path().join("out").exists(),
        "a build with refused images wrote its output"
    );
}

#[test]
fn an_svg_shown_many_times_is_read_and_checked_once() {
    // 300 references (16 KB of YAML) to one 5 MB drawing: read per reference, the check parsed
    // 1.5 GB (158 s for this test's debug build); read once, about half a second.
    let temp = tempfile::tempdir().expect("temp");
    let content = temp.path().join("c");
    let mut drawing = String::from("<svg xmlns=\"http://www.w3.org/2000/svg\">\n");
    drawing.push_str(&"<rect width=\"1\" height=\"1\"/>\n".repeat(170_000));
    drawing.push_str("</svg>\n");
    write(&content.join("img/big.svg"), drawing);
    let reference = "  - image:\n      src: img/big.svg\n      alt: A drawing\n";
    write(
        &content.join("topic.yaml"),
        format!("{TOPIC}{}", reference.repeat(300)),
    );
    let result = bounded(
        temp.path(),
        &["check", "--content", "c"],
        Duration::from_secs(20),
    );
    assert_eq!(result.code, 0, "{}", result.stderr);
}
