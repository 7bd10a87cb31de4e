//! The lookup contract: the Rust lookup and `helpdoc lookup` on the shared vectors
//! (`tests/vectors/lookup.json`), the vectors' bundle against a fresh build, and `check`'s rules
//! for message wordings.

use helpdoc::bundle::HelpBundle;
use helpdoc::lookup::{MatchedBy, lookup, normalize_message};
use serde_json::Value;

use crate::support::{fixture, repo, run, run_in};

fn vectors() -> Value {
    let path = repo().join("tests/vectors/lookup.json");
    let text = std::fs::read_to_string(&path).expect("tests/vectors/lookup.json");
    serde_json::from_str(&text).expect("vectors are JSON")
}

fn cases(vectors: &Value) -> &Vec<Value> {
    vectors["cases"].as_array().expect("cases")
}

#[test]
fn vectors_bundle_is_what_helpdoc_builds() {
    let temp = tempfile::tempdir().expect("temp dir");
    let out = temp.path().join("build");
    let content = fixture("lookup");
    let result = run(&[
        "build",
        "--content",
        content.to_str().expect("utf-8"),
        "--out",
        out.to_str().expect("utf-8"),
        "--format",
        "json",
    ]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let text = std::fs::read_to_string(out.join("json/lookup-help.json")).expect("bundle");
    let built: Value = serde_json::from_str(&text).expect("JSON");
    let shared = vectors();
    for field in ["format_version", "language", "errors", "index"] {
        assert_eq!(
            built[field], shared["bundle"][field],
            "tests/vectors/lookup.json's bundle.{field} drifted from a build of tests/fixtures/lookup"
        );
    }
}

#[test]
fn rust_lookup_passes_the_shared_vectors() {
    let shared = vectors();
    let bundle: HelpBundle =
        serde_json::from_value(shared["bundle"].clone()).expect("the vectors hold a bundle");
    for case in cases(&shared) {
        let name = case["name"].as_str().expect("name");
        let found = lookup(
            &bundle,
            case["code"].as_str(),
            case["message"].as_str().expect("message"),
        );
        let got = found.map(|f| {
            let by = match f.by {
                MatchedBy::Code => "code",
                MatchedBy::Message => "message",
                MatchedBy::Template => "template",
            };
            serde_json::json!({"id": f.error.id, "by": by, "values": f.values})
        });
        assert_eq!(got.unwrap_or(Value::Null), case["expect"], "case: {name}");
    }
    for pair in shared["normalize"].as_array().expect("normalize") {
        let input = pair["input"].as_str().expect("input");
        assert_eq!(
            normalize_message(input),
            pair["output"],
            "normalize {input:?}"
        );
    }
}

#[test]
fn cli_lookup_prints_the_help_for_support() {
    let temp = tempfile::tempdir().expect("temp dir");
    let path = temp.path().join("bundle.json");
    std::fs::write(&path, vectors()["bundle"].to_string()).expect("write bundle");
    let bundle = path.to_str().expect("utf-8");
    let found = run(&[
        "lookup",
        bundle,
        "Unable to connect to Intacct:  Connection TIMED out.",
    ]);
    assert_eq!(found.code, 0, "{}", found.stderr);
    assert!(
        found
            .stdout
            .starts_with("Resolve \"Unable to connect to Intacct\"\n"),
        "{}",
        found.stdout
    );
    assert!(
        found.stdout.contains("found by its message template"),
        "{}",
        found.stdout
    );
    assert!(
        found.stdout.contains("reason = Connection TIMED out\n"),
        "{}",
        found.stdout
    );
    assert!(
        found
            .stdout
            .contains("Cause 1: Something went wrong.\n  1. Try again.\n"),
        "{}",
        found.stdout
    );

    let by_code = run(&["lookup", bundle, "whatever", "--code", "E403"]);
    assert_eq!(by_code.code, 0, "{}", by_code.stderr);
    assert!(
        by_code.stdout.starts_with("Missing permissions\n"),
        "{}",
        by_code.stdout
    );
    assert!(
        by_code.stdout.contains("Code: E403\n"),
        "{}",
        by_code.stdout
    );

    let none = run(&["lookup", bundle, "Top-level access only"]);
    assert_eq!(none.code, 1);
    assert!(none.stderr.contains("no help in"), "{}", none.stderr);

    // A bundle of another format version is refused with what to do.
    let mut old = vectors()["bundle"].clone();
    old["format_version"] = 1.into();
    std::fs::write(&path, old.to_string()).expect("write bundle");
    let refused = run(&["lookup", bundle, "Missing permissions"]);
    assert_eq!(refused.code, 2);
    assert!(
        refused.stderr.contains("format version 1"),
        "{}",
        refused.stderr
    );
}

/// Writes a content folder with one publication of `topics` (id → YAML body after `id:`).
fn content(topics: &[(&str, &str)]) -> tempfile::TempDir {
    let temp = tempfile::tempdir().expect("temp dir");
    let root = temp.path().join("content");
    std::fs::create_dir_all(&root).expect("content dir");
    let ids: Vec<&str> = topics.iter().map(|(id, _)| *id).collect();
    std::fs::write(
        root.join("help.yaml"),
        format!(
            "kind: publication\nid: help\ntitle: Help\nsections:\n  - id: errors\n    title: Errors\n    topics: [{}]\n",
            ids.join(", ")
        ),
    )
    .expect("publication");
    for (id, body) in topics {
        std::fs::write(
            root.join(format!("{id}.yaml")),
            format!(
                "kind: error\nid: {id}\ntitle: T {id}\n{body}user_recoverable: true\n\
                 causes:\n  - cause: It broke.\n    resolution:\n      steps:\n        - action: Retry.\n"
            ),
        )
        .expect("topic");
    }
    temp
}

fn check(temp: &tempfile::TempDir) -> crate::support::Run {
    run_in(temp.path(), &["check", "--content", "content"])
}

#[test]
fn check_locates_unreadable_templates() {
    let temp = content(&[(
        "sync",
        "message: \"Sync failed: {module}{reason}\"\nmatch:\n  - \"Sync {{product}} failed\"\n",
    )]);
    let result = check(&temp);
    assert_eq!(result.code, 1, "{}", result.stderr);
    assert!(
        result.stderr.contains("error[message-template]: placeholders `{module}` and `{reason}` have no text between them")
            && result.stderr.contains("content/sync.yaml:4:24"),
        "{}",
        result.stderr
    );
    assert!(
        result.stderr.contains("`{{` starts a publication variable")
            && result.stderr.contains("content/sync.yaml:6:11"),
        "{}",
        result.stderr
    );
}

#[test]
fn check_refuses_overlapping_templates_and_duplicate_wordings() {
    let temp = content(&[
        ("connect", "message: \"Unable to connect: {reason}\"\n"),
        ("generic", "message: \"Unable to {action}\"\n"),
        ("quota", "message: Quota isn't set\n"),
        (
            "older",
            "message: Limit reached\nmatch:\n  - QUOTA  isn\u{2019}t set!\n",
        ),
    ]);
    let result = check(&temp);
    assert_eq!(result.code, 1, "{}", result.stderr);
    assert!(
        result.stderr.contains("error[overlapping-templates]: the template \"Unable to {action}\" of `generic` and the template \"Unable to connect: {reason}\" of `connect` can match the same message"),
        "{}",
        result.stderr
    );
    // The same normalization as the lookup: case, quotes and trailing punctuation do not count.
    assert!(
        result.stderr.contains("error[duplicate-topic]: the error message \"Quota isn't set\" already has a topic, `older`"),
        "{}",
        result.stderr
    );
    // Inside one topic, a wording the lookup tells apart (a hyphen) is a useful `match`; one it
    // already finds is redundant.
    let temp = content(&[(
        "top-level",
        "message: Top level access only\nmatch:\n  - Top-level access only\n",
    )]);
    let result = check(&temp);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let temp = content(&[(
        "top-level",
        "message: Top level access only\nmatch:\n  - TOP LEVEL access only.\n",
    )]);
    let result = check(&temp);
    assert_eq!(result.code, 1, "{}", result.stderr);
    assert!(
        result.stderr.contains("error[duplicate-topic]: the error message \"TOP LEVEL access only.\" already finds this topic")
            && result.stderr.contains("content/top-level.yaml:6:5"),
        "{}",
        result.stderr
    );
}
