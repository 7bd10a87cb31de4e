//! Publishing notes (what resolving and exporting do that the writer should know) are diagnostics:
//! `check` reports them with a code and a place, `build --deny-warnings` refuses them, JSON
//! diagnostics carry them, and `helpdoc.toml` sets their level.

use std::path::Path;

use crate::support::{fixture, run, run_in};

/// A topic links to one that the two publications placing it leave out.
const FIXTURE: &str = "tests/fixtures/check/link-outside-publication";

/// Copies the fixture into a temporary folder, with `helpdoc.toml` holding `config` if given.
fn project(config: Option<&str>) -> tempfile::TempDir {
    let temp = tempfile::tempdir().expect("temp dir");
    let content = temp.path().join("content");
    std::fs::create_dir(&content).expect("content folder");
    for entry in std::fs::read_dir(fixture("check/link-outside-publication")).expect("fixture") {
        let path = entry.expect("entry").path();
        let name = path.file_name().expect("file name");
        std::fs::copy(&path, content.join(name)).expect("copy");
    }
    if let Some(config) = config {
        std::fs::write(content.join("helpdoc.toml"), config).expect("config");
    }
    temp
}

#[test]
fn check_reports_what_build_would_once_for_every_publication() {
    let result = run(&["check", "--content", FIXTURE]);
    assert_eq!(result.code, 0, "warnings alone pass:\n{}", result.stderr);
    assert!(!result.stderr.contains("no problems"), "{}", result.stderr);
    assert_eq!(
        result
            .stderr
            .matches("warning[link-outside-publication]")
            .count(),
        1,
        "one diagnostic for the one link, however many publications drop it:\n{}",
        result.stderr
    );
    for expected in [
        "the link to `second` becomes plain text in publications `guide` and `handbook`",
        "link-outside-publication/first.yaml:7:7",
        "[the second thing](topic:second) in every order.",
        "help: add `second` to publications `guide` and `handbook`",
        "warning: 1 warning in 1 file (of 4 checked)",
    ] {
        assert!(
            result.stderr.contains(expected),
            "{expected}:\n{}",
            result.stderr
        );
    }
}

#[test]
fn json_diagnostics_carry_the_note_with_its_code_and_place() {
    let result = run(&["check", "--content", FIXTURE, "--diagnostic-format", "json"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let lines: Vec<serde_json::Value> = result
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON object"))
        .collect();
    assert_eq!(lines.len(), 1, "{}", result.stdout);
    let note = &lines[0];
    assert_eq!(note["severity"], "warning");
    assert_eq!(note["code"], "link-outside-publication");
    assert_eq!(note["file"], format!("{FIXTURE}/first.yaml"));
    // The whole link, `[the second thing](topic:second)`, on the folded scalar's second line.
    assert_eq!(
        (
            &note["line"],
            &note["column"],
            &note["end_line"],
            &note["end_column"]
        ),
        (&7.into(), &7.into(), &7.into(), &39.into()),
        "{note}"
    );
}

#[test]
fn build_with_denied_warnings_fails_and_writes_nothing() {
    let temp = project(None);
    let out = temp.path().join("out");
    let result = run_in(
        temp.path(),
        &[
            "build",
            "--content",
            "content",
            "--out",
            "out",
            "--deny-warnings",
        ],
    );
    assert_eq!(result.code, 1, "{}", result.stderr);
    assert!(!out.exists(), "nothing may be written");
    assert!(
        result.stderr.contains("error: no outputs were written"),
        "{}",
        result.stderr
    );
}

#[test]
fn build_shows_the_same_diagnostic_and_help_as_check() {
    let temp = project(None);
    let checked = run_in(temp.path(), &["check", "--content", "content"]);
    let built = run_in(
        temp.path(),
        &[
            "build",
            "--content",
            "content",
            "--out",
            "out",
            "--format",
            "markdown",
        ],
    );
    assert_eq!(built.code, 0, "{}", built.stderr);
    let diagnostic = |stderr: &str| -> String {
        let start = stderr.find("warning[").unwrap_or(0);
        let end = stderr.find("\nwarning: 1 warning").unwrap_or(stderr.len());
        stderr[start..end].to_string()
    };
    assert!(
        checked.stderr.contains("= help: add `second`"),
        "{}",
        checked.stderr
    );
    assert_eq!(diagnostic(&built.stderr), diagnostic(&checked.stderr));
    assert!(Path::new(&temp.path().join("out/markdown/guide/start.md")).is_file());
}

#[test]
fn helpdoc_toml_sets_the_level_of_a_note() {
    let allowed = project(Some("[rules]\nlink-outside-publication = \"allow\"\n"));
    let result = run_in(
        allowed.path(),
        &["check", "--content", "content", "--deny-warnings"],
    );
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert!(
        result.stderr.contains("no problems found"),
        "{}",
        result.stderr
    );

    let denied = project(Some("[rules]\nlink-outside-publication = \"deny\"\n"));
    let result = run_in(denied.path(), &["check", "--content", "content"]);
    assert_eq!(result.code, 1, "{}", result.stderr);
    assert!(
        result.stderr.contains("error[link-outside-publication]"),
        "{}",
        result.stderr
    );
}

#[test]
fn notes_are_listed_with_the_rules() {
    let listed = run(&["rules", "link-outside-publication"]);
    assert_eq!(listed.code, 0, "{}", listed.stderr);
    assert!(
        listed
            .stdout
            .starts_with("link-outside-publication (warn by default")
            && listed.stdout.contains("why: ")
            && listed.stdout.contains("fix: "),
        "{}",
        listed.stdout
    );
}

#[test]
fn counts_agree_with_their_numbers() {
    let temp = project(Some("[rules]\nlink-outside-publication = \"allow\"\n"));
    std::fs::remove_file(temp.path().join("content/handbook.yaml")).expect("remove");
    let guide = temp.path().join("content/guide.yaml");
    let text = std::fs::read_to_string(&guide).expect("guide");
    let without_formats = &text[..text.find("formats:").unwrap_or(text.len())];
    std::fs::write(&guide, without_formats).expect("guide");
    let result = run_in(
        temp.path(),
        &[
            "build",
            "--content",
            "content",
            "--out",
            "out",
            "--format",
            "html",
        ],
    );
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert!(
        result.stderr.contains("out/html  1 file\n"),
        "{}",
        result.stderr
    );
}
