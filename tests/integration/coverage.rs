//! `helpdoc coverage` on catalogs in all five formats: a missing, a renamed and a re-templated
//! error are found at their lines, UI strings are left out by a selection, symptoms are never
//! orphans, and a malformed catalog is a located error.

use std::path::Path;

use crate::support::{fixture, run, run_in};

const CONTENT: &str = "tests/fixtures/coverage/content";

/// One finding: severity, code, file (relative to the repository), line and column.
type Finding = (String, String, String, u64, u64);

/// The findings of a `--diagnostic-format json` run, in output order.
fn findings(stdout: &str) -> Vec<Finding> {
    stdout
        .lines()
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).expect("one JSON object a line");
            let text = |k: &str| v[k].as_str().unwrap_or("-").to_string();
            let number = |k: &str| v[k].as_u64().unwrap_or(0);
            (
                text("severity"),
                text("code"),
                text("file"),
                number("line"),
                number("column"),
            )
        })
        .collect()
}

fn finding(severity: &str, code: &str, file: &str, line: u64, column: u64) -> Finding {
    (
        severity.to_string(),
        code.to_string(),
        file.to_string(),
        line,
        column,
    )
}

/// Runs coverage on the fixture content with these catalogs and extra arguments, as JSON.
fn coverage(catalogs: &[&str], extra: &[&str]) -> crate::support::Run {
    let mut args = vec![
        "coverage",
        "--content",
        CONTENT,
        "--diagnostic-format",
        "json",
    ];
    args.push("--catalog");
    args.extend(catalogs);
    args.extend(extra);
    run(&args)
}

/// What every format reports for the same catalog with `--select 'E_*'`: `E_QUOTA` has no
/// help (at its entry), the help for "Top level access only" is an orphan (the product renamed
/// it), the help for `E_LEGACY` is an orphan, and `E_CONNECT` gained a placeholder.
fn expected(catalog: &str, quota: (u64, u64)) -> Vec<Finding> {
    vec![
        finding("warning", "undocumented-error", catalog, quota.0, quota.1),
        finding(
            "warning",
            "orphan-help",
            &format!("{CONTENT}/legacy-export-failed.yaml"),
            5,
            10,
        ),
        finding(
            "warning",
            "orphan-help",
            &format!("{CONTENT}/top-level-access-only.yaml"),
            4,
            10,
        ),
        finding(
            "error",
            "placeholder-mismatch",
            &format!("{CONTENT}/unable-to-connect.yaml"),
            5,
            10,
        ),
    ]
}

#[test]
fn every_format_reports_the_missing_renamed_and_retemplated_errors() {
    for (name, quota) in [
        ("errors.json", (6, 3)),
        ("messages.pot", (28, 1)),
        ("strings.xml", (9, 5)),
        ("Localizable.strings", (10, 1)),
        ("Localizable.xcstrings", (14, 5)),
    ] {
        let catalog = format!("tests/fixtures/coverage/catalogs/{name}");
        let result = coverage(&[&catalog], &["--select", "E_*"]);
        assert_eq!(
            result.code, 1,
            "{name}: the mismatch is an error\n{}",
            result.stderr
        );
        assert_eq!(
            findings(&result.stdout),
            expected(&catalog, quota),
            "{name}:\n{}",
            result.stdout
        );
        assert!(
            result
                .stderr
                .contains("error: 1 error and 3 warnings in 4 files (of 7 checked)"),
            "{name}: {}",
            result.stderr
        );
    }
}

#[test]
fn the_rename_is_one_finding_with_a_did_you_mean_and_the_mismatch_names_the_placeholders() {
    let result = run(&[
        "coverage",
        "--content",
        CONTENT,
        "--catalog",
        "tests/fixtures/coverage/catalogs/strings.xml",
        "--select",
        "E_*",
    ]);
    for expected in [
        "warning[orphan-help]: the catalogs have no error \"Top level access only\"",
        "--> tests/fixtures/coverage/content/top-level-access-only.yaml:4:10",
        "::: tests/fixtures/coverage/catalogs/strings.xml:6:5",
        "the nearest catalog error",
        "help: did you mean `E_TOP_LEVEL` (\"Top-level access only\")?",
        "error[placeholder-mismatch]: placeholders differ: the catalog's message has 2 placeholders (`%1$s`, `%2$d`), the help's has 1 placeholder (`{reason}`)",
        "::: tests/fixtures/coverage/catalogs/strings.xml:7:5",
        "warning[undocumented-error]: no help for the error `E_QUOTA` (\"You have reached your storage quota.\")",
    ] {
        assert!(
            result.stderr.contains(expected),
            "{expected}:\n{}",
            result.stderr
        );
    }
    // The renamed error is not also reported as undocumented; the symptom is no orphan.
    assert_eq!(
        result.stderr.matches("undocumented-error").count(),
        1,
        "{}",
        result.stderr
    );
    assert!(
        !result.stderr.contains("haven't received"),
        "{}",
        result.stderr
    );
}

#[test]
fn without_a_selection_ui_strings_count_and_an_errors_only_catalog_needs_none() {
    let pot = "tests/fixtures/coverage/catalogs/messages.pot";
    let result = coverage(&[pot], &[]);
    let undocumented: Vec<(String, u64)> = findings(&result.stdout)
        .into_iter()
        .filter(|f| f.1 == "undocumented-error")
        .map(|f| (f.2, f.3))
        .collect();
    assert_eq!(
        undocumented,
        [
            (pot.to_string(), 6),
            (pot.to_string(), 28),
            (pot.to_string(), 32)
        ],
        "\"OK\", E_QUOTA and \"Cancel\":\n{}",
        result.stdout
    );
    let only = "tests/fixtures/coverage/catalogs/errors-only.json";
    let result = coverage(&[only], &[]);
    assert_eq!(
        findings(&result.stdout)
            .into_iter()
            .filter(|f| f.1 == "undocumented-error")
            .collect::<Vec<_>>(),
        [finding("warning", "undocumented-error", only, 3, 13)],
        "{}",
        result.stdout
    );
}

#[test]
fn an_error_in_several_catalogs_is_one_finding() {
    let result = coverage(
        &[
            "tests/fixtures/coverage/catalogs/strings.xml",
            "tests/fixtures/coverage/catalogs/Localizable.strings",
        ],
        &["--select", "E_*"],
    );
    let codes: Vec<String> = findings(&result.stdout).into_iter().map(|f| f.1).collect();
    assert_eq!(
        codes,
        [
            "undocumented-error",
            "orphan-help",
            "orphan-help",
            "placeholder-mismatch"
        ],
        "{}",
        result.stdout
    );
}

/// Copies the fixture content into a temporary folder with `helpdoc.toml` holding `config`.
fn project(config: &str, files: &[(&str, &str)]) -> tempfile::TempDir {
    let temp = tempfile::tempdir().expect("temp dir");
    let content = temp.path().join("content");
    std::fs::create_dir(&content).expect("content folder");
    for entry in std::fs::read_dir(fixture("coverage/content")).expect("fixture") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, content.join(path.file_name().expect("name"))).expect("copy");
    }
    std::fs::write(content.join("helpdoc.toml"), config).expect("config");
    for (name, text) in files {
        std::fs::write(content.join(name), text).expect("file");
    }
    std::fs::copy(
        fixture("coverage/catalogs/errors.json"),
        temp.path().join("errors.json"),
    )
    .expect("catalog");
    temp
}

fn run_project(dir: &Path, extra: &[&str]) -> crate::support::Run {
    let mut args = vec![
        "coverage",
        "--catalog",
        "errors.json",
        "--diagnostic-format",
        "json",
    ];
    args.extend(extra);
    run_in(dir, &args)
}

#[test]
fn helpdoc_toml_selects_the_errors_and_sets_the_levels() {
    let temp = project(
        "[rules]\nempty-section = \"allow\"\nspelling = \"allow\"\norphan-help = \"deny\"\nplaceholder-mismatch = \"allow\"\n\n[coverage]\nselect = [\"E_Q*\"]\nselect_list = \"errors.txt\"\n",
        &[("errors.txt", "# errors the product shows\nui.cancel\n")],
    );
    let result = run_project(temp.path(), &["--content", "content"]);
    assert_eq!(result.code, 1, "orphans are errors now:\n{}", result.stderr);
    assert_eq!(
        findings(&result.stdout),
        [
            finding(
                "error",
                "orphan-help",
                "content/legacy-export-failed.yaml",
                5,
                10
            ),
            finding(
                "error",
                "orphan-help",
                "content/top-level-access-only.yaml",
                4,
                10
            ),
            finding("warning", "undocumented-error", "errors.json", 6, 3),
            finding("warning", "undocumented-error", "errors.json", 9, 5),
        ],
        "E_QUOTA by pattern, ui.cancel by the list; E_TOP_LEVEL is selected by nothing, so no rename:\n{}",
        result.stdout
    );
}

#[test]
fn warnings_pass_unless_denied() {
    let temp = project(
        "[rules]\nempty-section = \"allow\"\nspelling = \"allow\"\nplaceholder-mismatch = \"warn\"\n",
        &[],
    );
    let passing = run_project(temp.path(), &["--content", "content", "--select", "E_*"]);
    assert_eq!(passing.code, 0, "{}", passing.stderr);
    let denied = run_project(
        temp.path(),
        &["--content", "content", "--select", "E_*", "--deny-warnings"],
    );
    assert_eq!(denied.code, 1, "{}", denied.stderr);
    let nothing = run_project(temp.path(), &["--content", "content", "--select", "X_*"]);
    assert_eq!(nothing.code, 1, "{}", nothing.stderr);
    assert!(
        nothing.stdout.contains(
            "\"code\":\"coverage-selection\",\"message\":\"no catalog entry is selected as an error\""
        ),
        "{}",
        nothing.stdout
    );
}

#[test]
fn a_malformed_catalog_in_each_format_is_a_located_error_and_nothing_else() {
    for (name, line, column) in [
        ("bad.json", 3, 13),
        ("bad.po", 6, 25),
        ("bad.xml", 4, 64),
        ("bad.strings", 1, 14),
        ("bad.xcstrings", 3, 15),
    ] {
        let catalog = format!("tests/fixtures/coverage/malformed/{name}");
        let result = coverage(&[&catalog], &[]);
        assert_eq!(result.code, 1, "{name}: {}", result.stderr);
        let found = findings(&result.stdout);
        assert_eq!(
            found.len(),
            1,
            "{name}: one error, no comparison:\n{}",
            result.stdout
        );
        let (severity, code, file, at_line, at_column) = &found[0];
        assert_eq!(severity, "error", "{name}");
        assert!(code.ends_with("-syntax"), "{name}: {code}");
        assert_eq!(
            (file.as_str(), *at_line, *at_column),
            (catalog.as_str(), line, column),
            "{name}: {}",
            result.stdout
        );
    }
}

#[test]
fn unreadable_catalogs_are_environment_errors() {
    let temp = tempfile::tempdir().expect("temp dir");
    std::fs::write(temp.path().join("secret.json"), "{\"TOKEN\": \"hunter2\"}").expect("write");
    std::fs::create_dir(temp.path().join("product")).expect("folder");
    std::os::unix::fs::symlink(
        temp.path().join("secret.json"),
        temp.path().join("product/errors.json"),
    )
    .expect("link");
    std::fs::write(temp.path().join("product/errors.yaml"), "a: b").expect("write");
    let content = crate::support::repo().join(CONTENT);
    let content = content.to_str().expect("utf-8 path");
    for (catalog, expected) in [
        ("product/errors.json", "outside the catalog's folder"),
        ("product/missing.json", "does not exist"),
        ("product/errors.yaml", "not a catalog format helpdoc reads"),
    ] {
        let result = run_in(
            temp.path(),
            &["coverage", "--content", content, "--catalog", catalog],
        );
        assert_eq!(result.code, 2, "{catalog}: {}", result.stderr);
        assert!(
            result.stderr.contains(expected),
            "{catalog}: {}",
            result.stderr
        );
        assert!(!result.stderr.contains("hunter2"), "{}", result.stderr);
    }
}
