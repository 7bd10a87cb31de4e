//! The command-line conventions writers expect: `--quiet`, `--color`, shell completions, the man
//! page, a summary naming the output folders, `clean`, and `--publication` subsets.

use std::path::{Path, PathBuf};

use crate::support::{Run, helpdoc_in, run, run_in};

const TOPIC: &str = "kind: concept\nid: web-services\ntitle: What is Web Services?\nanswer:\n  - paragraph: Text.\n";
const GUIDE: &str = "kind: publication\nid: guide\ntitle: Guide\nsections:\n  - id: basics\n    title: Basics\n    topics: [web-services]\n";
const MANUAL: &str = "kind: publication\nid: manual\ntitle: Manual\nsections:\n  - id: basics\n    title: Basics\n    topics: [web-services]\n";

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("create folder");
    std::fs::write(path, text).expect("write fixture");
}

/// A project with clean content (no warnings): two publications of one topic.
fn project() -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().expect("temp");
    let project = temp.path().canonicalize().expect("canonical").join("p");
    write(&project.join("content/topic.yaml"), TOPIC);
    write(&project.join("content/guide.yaml"), GUIDE);
    write(&project.join("content/manual.yaml"), MANUAL);
    (temp, project)
}

fn ok(run: &Run) {
    assert_eq!(
        run.code, 0,
        "stdout:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );
}

fn manifest_files(out: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(out.join(".helpdoc-manifest.json")).expect("manifest");
    let json: serde_json::Value = serde_json::from_str(&text).expect("json");
    json["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| f.as_str().expect("string").to_string())
        .collect()
}

#[test]
fn quiet_prints_nothing_on_success_and_the_summary_names_each_format_folder() {
    let (_temp, project) = project();
    for args in [&["check", "--quiet"][..], &["build", "-q"]] {
        let quiet = run_in(&project, args);
        ok(&quiet);
        assert_eq!(quiet.stdout, "", "{args:?}");
        assert_eq!(quiet.stderr, "", "{args:?}");
    }
    let schemas = run(&["schema", "--check", "--quiet"]);
    ok(&schemas);
    assert_eq!((schemas.stdout.as_str(), schemas.stderr.as_str()), ("", ""));
    let loud = run_in(&project, &["build", "--format", "html,json", "--verbose"]);
    ok(&loud);
    assert!(
        loud.stderr.contains("built html, json into build"),
        "{}",
        loud.stderr
    );
    assert!(
        loud.stderr.contains("build/html  2 files"),
        "{}",
        loud.stderr
    );
    assert!(
        loud.stderr.contains("build/json  0 files"),
        "{}",
        loud.stderr
    );
    assert!(
        loud.stderr.contains("build/html/manual.html"),
        "--verbose lists every file: {}",
        loud.stderr
    );
    let summary = run_in(&project, &["build", "--format", "html"]);
    assert!(
        !summary.stderr.contains("manual.html"),
        "{}",
        summary.stderr
    );
}

#[test]
fn color_never_has_no_escapes_and_always_has_them() {
    // The typo fixture has errors, so diagnostics are printed.
    let typos = "tests/fixtures/typos/content";
    let plain = run(&["check", "--content", typos, "--color", "never"]);
    assert!(plain.stderr.contains("error"), "{}", plain.stderr);
    assert!(!plain.stderr.contains('\u{1b}'), "{}", plain.stderr);
    let colored = run(&["check", "--content", typos, "--color", "always"]);
    assert!(colored.stderr.contains('\u{1b}'), "{}", colored.stderr);
    // Under `auto`, CLICOLOR_FORCE colors a pipe, and NO_COLOR wins over it.
    let forced = helpdoc_in(&crate::support::repo())
        .env_remove("NO_COLOR")
        .env("CLICOLOR_FORCE", "1")
        .args(["check", "--content", typos])
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&forced.stderr).contains('\u{1b}'));
    let no_color = helpdoc_in(&crate::support::repo())
        .env("CLICOLOR_FORCE", "1")
        .args(["check", "--content", typos])
        .output()
        .expect("runs");
    assert!(!String::from_utf8_lossy(&no_color.stderr).contains('\u{1b}'));
}

#[test]
fn bash_completions_parse_and_name_the_subcommands() {
    let script = run(&["completions", "bash"]);
    ok(&script);
    assert!(script.stdout.contains("clean") && script.stdout.contains("--publication"));
    let temp = tempfile::tempdir().expect("temp");
    let file = temp.path().join("helpdoc.bash");
    std::fs::write(&file, &script.stdout).expect("write");
    let parsed = crate::support::client("bash", &["-n", &file.to_string_lossy()]);
    assert_eq!(parsed.code, 0, "{}", parsed.stderr);
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let other = run(&["completions", shell]);
        ok(&other);
        assert!(other.stdout.contains("helpdoc"), "{shell}");
    }
}

#[test]
fn the_man_page_is_roff_with_a_title_and_the_subcommands() {
    let page = run(&["man"]);
    ok(&page);
    assert!(
        page.stdout.lines().any(|l| l.starts_with(".TH helpdoc 1")),
        "{}",
        page.stdout
    );
    assert!(page.stdout.contains("completions") && page.stdout.contains("clean"));
}

#[test]
fn clean_removes_only_the_files_the_manifest_lists() {
    let (_temp, project) = project();
    ok(&run_in(&project, &["build", "--format", "html,markdown"]));
    let out = project.join("build");
    assert!(out.join("html/guide.html").exists());
    // A file helpdoc did not make: clean refuses, and removes nothing.
    write(&out.join("html/notes.txt"), "mine");
    let refused = run_in(&project, &["clean"]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(refused.stderr.contains("notes.txt"), "{}", refused.stderr);
    assert!(
        refused.stderr.contains("clean --force"),
        "{}",
        refused.stderr
    );
    assert!(out.join("html/guide.html").exists());
    // --force removes the manifest's files and leaves the others.
    let forced = run_in(&project, &["clean", "--force"]);
    ok(&forced);
    assert!(
        forced.stderr.contains("removed 6 files"),
        "{}",
        forced.stderr
    );
    assert!(!out.join("html/guide.html").exists());
    assert!(!out.join("markdown").exists(), "emptied folders go");
    assert!(!out.join(".helpdoc-manifest.json").exists());
    assert_eq!(
        std::fs::read_to_string(out.join("html/notes.txt")).expect("kept"),
        "mine"
    );
    // A whole helpdoc build is removed with its folder.
    std::fs::remove_dir_all(&out).expect("reset");
    ok(&run_in(&project, &["build", "--format", "html"]));
    ok(&run_in(&project, &["clean"]));
    assert!(!out.exists());
    assert!(project.join("content/topic.yaml").exists());
    let again = run_in(&project, &["clean"]);
    ok(&again);
    assert!(
        again.stderr.contains("nothing to clean"),
        "{}",
        again.stderr
    );
}

#[test]
fn clean_honours_the_guards_of_build() {
    let (_temp, project) = project();
    let home = project.join("home");
    // A folder that looks like a helpdoc build but is the home folder, or holds the content.
    write(&home.join("notes.txt"), "mine");
    write(
        &home.join(".helpdoc-manifest.json"),
        r#"{"generator":"helpdoc","files":["notes.txt"]}"#,
    );
    let at_home = helpdoc_in(&project)
        .env("HOME", &home)
        .args(["clean", "--out", &home.to_string_lossy()])
        .output()
        .expect("runs");
    assert_eq!(at_home.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&at_home.stderr).contains("home folder"));
    assert!(home.join("notes.txt").exists());
    let holding_content = run_in(&project, &["clean", "--out", ".", "--force"]);
    assert_eq!(holding_content.code, 2, "{}", holding_content.stderr);
    write(&project.join("content/x/a.txt"), "mine");
    write(
        &project.join("content/x/.helpdoc-manifest.json"),
        r#"{"generator":"helpdoc","files":["a.txt"]}"#,
    );
    let inside = run_in(&project, &["clean", "--out", "content/x"]);
    assert_eq!(inside.code, 2, "{}", inside.stderr);
    assert!(
        inside.stderr.contains("inside the content folder"),
        "{}",
        inside.stderr
    );
    assert!(project.join("content/topic.yaml").exists());
    assert!(project.join("content/x/a.txt").exists());
}

#[test]
fn a_publication_subset_keeps_the_other_publications_outputs() {
    let (_temp, project) = project();
    ok(&run_in(&project, &["build", "--format", "html,markdown"]));
    let out = project.join("build");
    let manual_before = std::fs::read(out.join("html/manual.html")).expect("manual");
    write(
        &project.join("content/topic.yaml"),
        &TOPIC.replace("Text.", "Changed text."),
    );
    let subset = run_in(
        &project,
        &["build", "--format", "html", "--publication", "guide"],
    );
    ok(&subset);
    assert!(
        subset.stderr.contains("built html of guide"),
        "{}",
        subset.stderr
    );
    let guide = std::fs::read_to_string(out.join("html/guide.html")).expect("guide");
    assert!(guide.contains("Changed text."));
    assert_eq!(
        std::fs::read(out.join("html/manual.html")).expect("manual kept"),
        manual_before,
        "the other publication's file is the earlier build's"
    );
    let files = manifest_files(&out);
    for kept in [
        "html/manual.html",
        "markdown/manual/basics.md",
        "markdown/guide/basics.md",
    ] {
        assert!(files.iter().any(|f| f == kept), "{kept} in {files:?}");
        assert!(out.join(kept).exists(), "{kept}");
    }
    // Two publications at once, and a mistyped id is an error that names the closest.
    ok(&run_in(
        &project,
        &["build", "--publication", "guide", "--publication", "manual"],
    ));
    let typo = run_in(&project, &["build", "--publication", "gide"]);
    assert_eq!(typo.code, 2);
    assert!(
        typo.stderr.contains("did you mean `guide`"),
        "{}",
        typo.stderr
    );
}
