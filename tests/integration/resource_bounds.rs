//! Resource bounds: content whose expansion multiplies (includes, variables), unbreakable words,
//! deep draft nesting and huge lists, each run under a 1 GiB address-space limit, ending in the
//! named diagnostic or a build whose outputs stay within the documented multiple.

use std::os::unix::process::CommandExt;
use std::path::Path;

use helpdoc::check::{CheckOptions, check_folder};
use helpdoc::load::OUTPUT_MULTIPLE;
use helpdoc::resolve::budget::measure_all;

use crate::support::{Run, helpdoc_in, repo};

/// The address space each run gets.
const LIMIT: u64 = 1 << 30;

/// Runs helpdoc from `dir` with its address space capped at [`LIMIT`].
fn limited(dir: &Path, args: &[&str]) -> Run {
    let mut command = helpdoc_in(dir);
    command.args(args);
    // SAFETY: the closure only calls setrlimit, which is async-signal-safe.
    unsafe {
        command.pre_exec(|| {
            let limit = rustix::process::Rlimit {
                current: Some(LIMIT),
                maximum: Some(LIMIT),
            };
            rustix::process::setrlimit(rustix::process::Resource::As, limit)
                .map_err(std::io::Error::from)
        });
    }
    let output = command.output().expect("the helpdoc binary runs");
    let run = Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(!run.stderr.contains("memory allocation"), "{}", run.stderr);
    run
}

fn write(path: &Path, text: impl AsRef<[u8]>) {
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("create folder");
    std::fs::write(path, text).expect("write fixture");
}

fn publication(dir: &Path, variables: &str) {
    write(
        &dir.join("c/pub.yaml"),
        format!(
            "kind: publication\nid: p\ntitle: P\n{variables}sections:\n  - id: s\n    title: S\n    topics: [t]\n"
        ),
    );
}

/// The bytes under a folder.
fn size(path: &Path) -> u64 {
    if path.is_dir() {
        std::fs::read_dir(path)
            .expect("read folder")
            .map(|e| size(&e.expect("entry").path()))
            .sum()
    } else {
        std::fs::metadata(path).map_or(0, |m| m.len())
    }
}

/// Every format's output is within [`OUTPUT_MULTIPLE`] of the expanded content.
fn assert_outputs_bounded(content: &Path, out: &Path) {
    let checked = check_folder(content, &CheckOptions::default()).expect("check runs");
    let expanded: u64 = measure_all(&checked.content).iter().map(|(_, b)| b).sum();
    for format in ["markdown", "html", "json", "pdf"] {
        let written = size(&out.join(format));
        assert!(
            written <= OUTPUT_MULTIPLE * expanded,
            "{format} wrote {written} bytes for {expanded} expanded bytes"
        );
    }
}

#[test]
fn the_guide_builds_within_the_limit_and_the_multiple() {
    let temp = tempfile::tempdir().expect("temp");
    let out = temp.path().join("out");
    let result = limited(
        &repo(),
        &["build", "--out", out.to_str().expect("utf-8 path")],
    );
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert_outputs_bounded(&repo().join("content"), &out);
}

#[test]
fn nested_includes_stop_at_the_budget_naming_the_chain() {
    let temp = tempfile::tempdir().expect("temp");
    let dir = temp.path();
    write(
        &dir.join("c/inner.yaml"),
        format!(
            "kind: fragment\nid: inner\nblocks:\n  - paragraph: {}\n",
            "Some words in the inner fragment. ".repeat(3)
        ),
    );
    for (id, inner) in [("mid", "inner"), ("outer", "mid")] {
        write(
            &dir.join(format!("c/{id}.yaml")),
            format!(
                "kind: fragment\nid: {id}\nblocks:\n{}",
                format!("  - include: {inner}\n").repeat(100)
            ),
        );
    }
    write(
        &dir.join("c/t.yaml"),
        format!(
            "kind: concept\nid: t\ntitle: T\nanswer:\n{}",
            "  - include: outer\n".repeat(100)
        ),
    );
    publication(dir, "");
    let result = limited(dir, &["build", "--content", "c", "--out", "out"]);
    assert_eq!(result.code, 1, "{}", result.stderr);
    assert!(
        result
            .stderr
            .contains("error[too-much-expansion]: publication `p` expands to"),
        "{}",
        result.stderr
    );
    assert!(result.stderr.contains("c/t.yaml:5:"), "{}", result.stderr);
    assert!(
        result
            .stderr
            .contains("`p` → `t` → `outer` (×100) → `mid` (×100) → `inner` (×100)"),
        "{}",
        result.stderr
    );
    assert!(!dir.join("out").exists());
}

#[test]
fn a_large_variable_used_often_stops_at_the_budget_naming_it() {
    let temp = tempfile::tempdir().expect("temp");
    let dir = temp.path();
    write(
        &dir.join("c/t.yaml"),
        format!(
            "kind: concept\nid: t\ntitle: T\nanswer:\n{}",
            "  - paragraph: \"{{big}}\"\n".repeat(2000)
        ),
    );
    publication(
        dir,
        &format!("variables:\n  big: {}\n", "x".repeat(1 << 20)),
    );
    let result = limited(dir, &["build", "--content", "c", "--out", "out"]);
    assert_eq!(result.code, 1, "{}", result.stderr);
    assert!(
        result.stderr.contains("error[too-much-expansion]"),
        "{}",
        result.stderr
    );
    assert!(
        result
            .stderr
            .contains("variable `big` (1.0 MiB) is used 2000 times in `t`"),
        "{}",
        result.stderr
    );
    assert!(result.stderr.contains("c/t.yaml:5:"), "{}", result.stderr);
}

#[test]
fn the_budget_is_configurable() {
    let temp = tempfile::tempdir().expect("temp");
    let dir = temp.path();
    write(
        &dir.join("c/t.yaml"),
        "kind: concept\nid: t\ntitle: T\nanswer:\n  - paragraph: \"{{v}} {{v}}\"\n",
    );
    publication(dir, "variables:\n  v: value\n");
    write(
        &dir.join("c/helpdoc.toml"),
        "[limits]\nmax_expanded_bytes = 50\n",
    );
    let result = limited(dir, &["check", "--content", "c"]);
    assert_eq!(result.code, 1, "{}", result.stderr);
    assert!(
        result.stderr.contains("more than the limit of 50 bytes"),
        "{}",
        result.stderr
    );
    write(
        &dir.join("c/helpdoc.toml"),
        "[limits]\nmax_expanded_bytes = 5000\n",
    );
    let result = limited(dir, &["check", "--content", "c"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
}

#[test]
fn an_unbreakable_word_builds_a_pdf_in_linear_memory() {
    let temp = tempfile::tempdir().expect("temp");
    let dir = temp.path();
    write(
        &dir.join("c/t.yaml"),
        format!(
            "kind: concept\nid: t\ntitle: T\nanswer:\n  - paragraph: {}\n",
            "abcdefghij".repeat(80_000)
        ),
    );
    publication(dir, "");
    let result = limited(dir, &["build", "--content", "c", "--out", "out"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert_outputs_bounded(&dir.join("c"), &dir.join("out"));
    assert!(size(&dir.join("out/pdf")) > 0);
}

#[test]
fn deep_quotes_in_a_draft_are_flattened_with_a_note() {
    let temp = tempfile::tempdir().expect("temp");
    let dir = temp.path();
    write(
        &dir.join("draft.md"),
        format!("# Page\n\n{} deep\n", ">".repeat(10_000)),
    );
    let result = limited(dir, &["import", "draft.md", "--out", "imported"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert!(
        result.stderr.contains(
            "draft.md:3:9: note: block quotes and lists nested deeper than 8 levels were flattened"
        ),
        "{}",
        result.stderr
    );
    let written = size(&dir.join("imported"));
    assert!(written < 20_000, "the import wrote {written} bytes");
    let text = std::fs::read_to_string(dir.join("imported/publications/draft.yaml"))
        .expect("the publication");
    assert!(text.contains("- paragraph: deep"), "{text}");
}

#[test]
fn a_long_list_builds_within_the_limit_and_the_multiple() {
    let temp = tempfile::tempdir().expect("temp");
    let dir = temp.path();
    let mut text = String::from("kind: concept\nid: t\ntitle: T\nanswer:\n- list:\n    items:\n");
    for i in 0..20_000 {
        text.push_str(&format!("    - i{i}\n"));
    }
    write(&dir.join("c/t.yaml"), text);
    publication(dir, "");
    let result = limited(dir, &["build", "--content", "c", "--out", "out"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert_outputs_bounded(&dir.join("c"), &dir.join("out"));
}
