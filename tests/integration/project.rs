//! The project root's `helpdoc.toml`: found from any subfolder, its folders as every command's
//! defaults, how it ranks against the content folder's own file, its schema, and the move of
//! `formats.json.docs_base_url` to `[site] base_url`.

use std::path::Path;

use serde_json::Value;

use crate::support::{client, client_script, fixture, repo, run_in};

/// Copies the folder `from` into `to`, recursively.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("folder");
    for entry in std::fs::read_dir(from).expect("read fixture") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("folder");
    std::fs::write(path, text).expect("write");
}

/// A project at `root` whose content is the golden fixture in `docs/content`, built into `out`.
fn golden_project(root: &Path) {
    write(
        &root.join("helpdoc.toml"),
        "[project]\ncontent = \"docs/content\"\noutput = \"out\"\n",
    );
    copy_dir(&fixture("golden"), &root.join("docs/content"));
    // `$schema` paths of the fixture are relative to its place in the repository: make them absolute.
    let schema = repo().join("schema");
    for folder in ["topics", "publications"] {
        for entry in std::fs::read_dir(root.join("docs/content").join(folder)).expect("read") {
            let path = entry.expect("entry").path();
            let text = std::fs::read_to_string(&path).expect("read");
            let fixed = text.replace("../../../../schema", &schema.to_string_lossy());
            std::fs::write(&path, fixed).expect("write");
        }
    }
}

fn json_lines(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

#[test]
fn check_and_build_from_a_subfolder_find_the_project_and_its_folders() {
    let temp = tempfile::tempdir().expect("temp");
    golden_project(temp.path());
    let deep = temp.path().join("docs/content/topics");
    let checked = run_in(&deep, &["check"]);
    assert_eq!(checked.code, 0, "{}", checked.stderr);
    assert!(
        checked
            .stderr
            .contains("checked 11 files: no problems found"),
        "{}",
        checked.stderr
    );
    let built = run_in(&deep, &["build", "--format", "markdown,json"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    // The output folder is the project's, named as reached from where helpdoc ran.
    assert!(
        built.stderr.contains("into ../../../out "),
        "{}",
        built.stderr
    );
    assert!(temp.path().join("out/markdown/golden/errors.md").is_file());
    assert!(!deep.join("build").exists());
    // `--content` and `--out` still override the project's folders.
    copy_dir(
        &temp.path().join("docs/content"),
        &temp.path().join("other"),
    );
    let other = run_in(
        &deep,
        &[
            "build",
            "--content",
            "../../../other",
            "--out",
            "../../../elsewhere",
            "--format",
            "json",
        ],
    );
    assert_eq!(other.code, 0, "{}", other.stderr);
    assert!(temp.path().join("elsewhere/json").is_dir());
}

#[test]
fn a_folder_that_is_not_in_a_project_keeps_the_old_defaults() {
    let temp = tempfile::tempdir().expect("temp");
    // A content folder's helpdoc.toml has no `[project]`: it is not a project root.
    write(
        &temp.path().join("content/helpdoc.toml"),
        "[rules]\nspelling = \"allow\"\n",
    );
    let run = run_in(&temp.path().join("content"), &["check"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("cannot read the content folder content: no such folder"),
        "{}",
        run.stderr
    );
}

#[test]
fn every_command_gives_the_same_help_for_a_missing_content_folder() {
    let temp = tempfile::tempdir().expect("temp");
    let outputs: Vec<(&str, String)> = ["check", "build", "coverage"]
        .into_iter()
        .map(|command| {
            let mut args = vec![command, "--content", "missing"];
            if command == "coverage" {
                args.extend(["--catalog", "catalog.json"]);
            }
            let run = run_in(temp.path(), &args);
            assert_eq!(run.code, 2, "{command}: {}", run.stderr);
            (command, run.stderr)
        })
        .collect();
    for (command, stderr) in &outputs {
        assert_eq!(
            stderr.trim_end(),
            "error: cannot read the content folder missing: no such folder\n\
             help: run helpdoc from your project folder, or pass `--content DIR`",
            "{command}"
        );
    }
}

#[test]
fn a_broken_project_file_is_an_error_at_its_line() {
    let temp = tempfile::tempdir().expect("temp");
    write(
        &temp.path().join("helpdoc.toml"),
        "[project]\ncontent = 3\n",
    );
    std::fs::create_dir_all(temp.path().join("sub")).expect("folder");
    let run = run_in(&temp.path().join("sub"), &["check"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .starts_with("error: ../helpdoc.toml:2:11: invalid project file:"),
        "{}",
        run.stderr
    );
}

/// A topic with one placeholder (an error by default) and one misspelling (a warning by default).
const TOPIC: &str = "kind: concept\nid: thing\ntitle: What is a thing?\nanswer:\n  - paragraph: TODO write this. The widgget is here.\n";

/// The (code, severity) pairs `check` reports, run from `dir`.
fn findings(dir: &Path) -> Vec<(String, String)> {
    let run = run_in(dir, &["check", "--diagnostic-format", "json"]);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    json_lines(&run.stdout)
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap_or_default().to_string(),
                f["severity"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
fn the_project_file_applies_first_and_the_content_folders_file_over_it_per_key() {
    let temp = tempfile::tempdir().expect("temp");
    write(&temp.path().join("content/thing.yaml"), TOPIC);
    write(
        &temp.path().join("helpdoc.toml"),
        "[project]\n\n[rules]\nplaceholder = \"allow\"\nspelling = \"deny\"\n",
    );
    assert_eq!(
        findings(temp.path()),
        [("spelling".to_string(), "error".to_string())]
    );
    // The content folder's file still applies, and wins for the keys it sets.
    write(
        &temp.path().join("content/helpdoc.toml"),
        "[rules]\nspelling = \"warn\"\n",
    );
    assert_eq!(
        findings(&temp.path().join("content")),
        [("spelling".to_string(), "warning".to_string())]
    );
    // A code that names no rule is reported in the file that wrote it.
    write(
        &temp.path().join("helpdoc.toml"),
        "[project]\n\n[rules]\nplaceholdr = \"allow\"\n",
    );
    let run = run_in(temp.path(), &["check"]);
    assert!(
        run.stderr
            .contains("error[config]: `placeholdr` is not a rule")
            && run.stderr.contains("--> helpdoc.toml:4:1")
            && run.stderr.contains("did you mean `placeholder`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn linting_drafts_writes_no_temporary_folder() {
    let temp = tempfile::tempdir().expect("temp");
    write(
        &temp.path().join("page.md"),
        "---\ntitle: Pics\n---\n\n## How do I add a role?\n\n1. Click **Add**.\n\n2. Click **Svae**.\n",
    );
    // No temporary folder can be made: linting must not need one.
    let run = crate::support::helpdoc_in(temp.path())
        .env("TMPDIR", temp.path().join("no-such-folder"))
        .args([
            "check",
            "--lint-drafts",
            "page.md",
            "--diagnostic-format",
            "json",
        ])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    let found: Vec<Value> = json_lines(&stdout);
    assert!(
        found
            .iter()
            .any(|f| f["code"] == "spelling" && f["file"] == "page.md" && f["line"] == 9),
        "{stdout}{stderr}"
    );
}

/// `helpdoc.toml` as JSON, for a JSON Schema validator.
fn toml_as_json(text: &str) -> String {
    let value: toml::Value = toml::from_str(text).expect("valid TOML");
    serde_json::to_string_pretty(&value).expect("JSON")
}

fn validate_config(temp: &Path, name: &str, text: &str) -> crate::support::Run {
    let path = temp.join(name);
    std::fs::write(&path, toml_as_json(text)).expect("write");
    client(
        "python3",
        &[
            &client_script("validate-json.py"),
            "--schema-dir",
            "schema",
            "--schema",
            "helpdoc-config.schema.json",
            &path.to_string_lossy(),
        ],
    )
}

#[test]
fn the_config_schema_accepts_the_repositorys_files_and_rejects_unknown_settings() {
    let temp = tempfile::tempdir().expect("temp");
    for file in ["helpdoc.toml", "content/helpdoc.toml"] {
        let text = std::fs::read_to_string(repo().join(file)).expect("config");
        let valid = validate_config(temp.path(), "repo.json", &text);
        assert_eq!(valid.code, 0, "{file}: {}{}", valid.stdout, valid.stderr);
    }
    let full = "[project]\ncontent = \"c\"\noutput = \"o\"\nexporters = \"e\"\n[rules]\nspelling = \"deny\"\n[spelling]\nwords = [\"Intacct\"]\n[limits]\nmax_file_bytes = 1000\nmax_depth = 10\nmax_total_bytes = 100000\nmax_expanded_bytes = 100000\n[site]\nbase_url = \"https://docs.example.com/\"\n";
    let valid = validate_config(temp.path(), "full.json", full);
    assert_eq!(valid.code, 0, "{}{}", valid.stdout, valid.stderr);
    for wrong in [
        "[project]\ncontnet = \"c\"\n",
        "[rules]\nspelling = \"loud\"\n",
        "[site]\ndocs_base_url = \"https://x/\"\n",
        "[limtis]\nmax_depth = 3\n",
    ] {
        let invalid = validate_config(temp.path(), "wrong.json", wrong);
        assert_eq!(invalid.code, 1, "accepted:\n{wrong}");
    }
}

#[test]
fn docs_base_url_in_a_publication_still_works_with_a_warning_that_says_where_it_goes() {
    let temp = tempfile::tempdir().expect("temp");
    golden_project(temp.path());
    std::fs::remove_file(temp.path().join("docs/content/helpdoc.toml")).expect("remove");
    let publication = temp.path().join("docs/content/publications/golden.yaml");
    let text = std::fs::read_to_string(&publication).expect("read");
    std::fs::write(
        &publication,
        text.replace(
            "    enabled: true\n",
            "    enabled: true\n    docs_base_url: https://docs.example.com/old/\n",
        ),
    )
    .expect("write");
    let built = run_in(temp.path(), &["build", "--format", "json"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    assert!(
        built.stderr.contains(
            "warning[moved-setting]: `formats.json.docs_base_url` has moved to `base_url` under `[site]` in helpdoc.toml"
        ) && built
            .stderr
            .contains("--> docs/content/publications/golden.yaml:37:5")
            && built
                .stderr
                .contains("base_url = \"https://docs.example.com/old/\""),
        "{}",
        built.stderr
    );
    let bundle = std::fs::read_to_string(temp.path().join("out/json/golden.json")).expect("bundle");
    assert!(
        bundle.contains("\"https://docs.example.com/old/golden/errors#"),
        "{bundle}"
    );
    // `--deny-warnings` makes the old place an error until it is moved.
    let denied = run_in(temp.path(), &["check", "--deny-warnings"]);
    assert_eq!(denied.code, 1, "{}", denied.stderr);
}

#[test]
fn site_base_url_in_the_project_file_gives_the_bundle_its_links() {
    let temp = tempfile::tempdir().expect("temp");
    golden_project(temp.path());
    std::fs::remove_file(temp.path().join("docs/content/helpdoc.toml")).expect("remove");
    write(
        &temp.path().join("helpdoc.toml"),
        "[project]\ncontent = \"docs/content\"\noutput = \"out\"\n\n[site]\nbase_url = \"https://docs.example.com/new/\"\n",
    );
    let built = run_in(temp.path(), &["build", "--format", "json"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    assert!(!built.stderr.contains("warning"), "{}", built.stderr);
    let bundle = std::fs::read_to_string(temp.path().join("out/json/golden.json")).expect("bundle");
    assert!(
        bundle.contains("\"https://docs.example.com/new/golden/errors#"),
        "{bundle}"
    );
}
