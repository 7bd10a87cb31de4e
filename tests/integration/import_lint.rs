//! `helpdoc import` and the content rules on the two seed drafts: the import loads, every defect an
//! editor would mark is reported at the draft's line and column, `--force` semantics, and no
//! false positives on the shipped content.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use crate::support::{client, client_script, fixture, repo, run, run_in};

const DRAFTS: [&str; 2] = [
    "tests/fixtures/drafts/resolve-error-messages.md",
    "tests/fixtures/drafts/troubleshooting-and-issue-resolution.md",
];

/// Every rule code `helpdoc rules` lists.
fn rule_codes() -> Vec<String> {
    let listed = run(&["rules"]);
    assert_eq!(listed.code, 0, "{}", listed.stderr);
    listed
        .stdout
        .lines()
        .filter(|l| l.contains(" by default)"))
        .map(|l| l.split(' ').next().unwrap_or_default().to_string())
        .collect()
}

fn json_lines(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

/// The draft text a JSON diagnostic points at (columns count characters).
fn pointed_text(finding: &Value) -> String {
    let file = finding["file"].as_str().expect("a file");
    let text = std::fs::read_to_string(repo().join(file)).expect("the draft");
    let lines: Vec<&str> = text.split('\n').collect();
    let at = |line: &Value, column: &Value| -> usize {
        let line = line.as_u64().expect("line") as usize;
        let column = column.as_u64().expect("column") as usize;
        let start: usize = lines[..line - 1].iter().map(|l| l.len() + 1).sum();
        start
            + lines[line - 1]
                .char_indices()
                .nth(column - 1)
                .map_or(lines[line - 1].len(), |(i, _)| i)
    };
    let start = at(&finding["line"], &finding["column"]);
    let end = at(&finding["end_line"], &finding["end_column"]);
    text[start..end].to_string()
}

fn lint_seeds() -> (i32, Vec<Value>) {
    let mut args = vec!["check", "--diagnostic-format", "json", "--lint-drafts"];
    args.extend(DRAFTS);
    let result = run(&args);
    assert!(!result.stderr.contains("panicked"), "{}", result.stderr);
    (result.code, json_lines(&result.stdout))
}

#[test]
fn seed_findings_are_pinned_at_draft_lines() {
    let (code, findings) = lint_seeds();
    assert_eq!(code, 1, "placeholders and empty sections are errors");
    let codes = rule_codes();
    let mut listing = String::new();
    let mut by_rule: BTreeMap<String, usize> = BTreeMap::new();
    for f in &findings {
        let rule = f["code"].as_str().expect("a code").to_string();
        assert!(codes.contains(&rule), "`{rule}` is not a rule: {f}");
        let name = f["file"].as_str().unwrap_or_default();
        assert!(DRAFTS.contains(&name), "reported in {name}, not in a draft");
        // The message names the offending text the finding points at.
        let pointed = pointed_text(f);
        let message = f["message"].as_str().unwrap_or_default();
        let named: String = pointed.chars().take(60).collect();
        assert!(
            !pointed.trim().is_empty() && message.contains(named.trim_end()),
            "the message does not name {pointed:?}: {f}"
        );
        *by_rule.entry(rule.clone()).or_default() += 1;
        listing.push_str(&format!(
            "{}:{}:{} {}[{rule}] {pointed:?} | {}\n",
            name.rsplit('/').next().unwrap_or(name),
            f["line"],
            f["column"],
            f["severity"].as_str().unwrap_or_default(),
            f["label"].as_str().unwrap_or_default(),
        ));
    }
    // Seven empty headings, three error sections written twice, one garbled dash.
    assert_eq!(by_rule.get("empty-section"), Some(&7), "{listing}");
    assert_eq!(by_rule.get("duplicate-topic"), Some(&3), "{listing}");
    assert_eq!(by_rule.get("mojibake"), Some(&1), "{listing}");
    let misspelled = findings
        .iter()
        .filter(|f| {
            f["code"] == "spelling"
                && f["message"]
                    .as_str()
                    .is_some_and(|m| m.starts_with("misspelled"))
        })
        .count();
    assert!(
        misspelled > 25,
        "only {misspelled} misspellings:\n{listing}"
    );
    insta::assert_snapshot!("seed-findings", listing);
}

#[test]
fn every_marked_defect_is_found() {
    let (_, findings) = lint_seeds();
    let found: Vec<(String, u64, String)> = findings
        .iter()
        .map(|f| {
            let file = f["file"].as_str().unwrap_or_default();
            let page = if file.contains("resolve-error") {
                "errors"
            } else {
                "issues"
            };
            (
                page.to_string(),
                f["line"].as_u64().unwrap_or_default(),
                pointed_text(f),
            )
        })
        .collect();
    let expect = |page: &str, line: u64, text: &str| {
        assert!(
            found
                .iter()
                .any(|(p, l, t)| p == page && *l == line && t == text),
            "{page}.md:{line}: {text:?} was not reported"
        );
    };
    // Misspellings, a careful editor's list, line by line.
    for (line, word) in [
        (10, "it s"),
        (10, "obvi"),
        (13, "fin dthe"),
        (15, "acocunt"),
        (17, "lcick"),
        (21, "havent"),
        (34, "tro"),
        (38, "agian"),
        (44, "doesnt"),
        (44, "cklikc"),
        (44, "agian"),
        (45, "artucle"),
        (47, "grnaular"),
        (54, "erorr"),
        (54, "mesage"),
        (55, "Cmpany"),
        (55, "Siubscriptions"),
        (55, "enities"),
    ] {
        expect("errors", line, word);
    }
    for (line, word) in [
        (12, "accout"),
        (27, "doesnt"),
        (27, "trequired"),
        (33, "reevant"),
        (33, "cehck"),
        (33, "you re"),
        (35, "tot he"),
        (35, "ont he"),
        (35, "yoru"),
        (35, "an dlogo"),
        (35, "entitites"),
        (37, "dont"),
        (37, "orgnization"),
        (37, "fro"),
        (54, "dont"),
        (68, "estup"),
    ] {
        expect("issues", line, word);
    }
    // The mojibake, placeholders, notes to self and unfinished sentences.
    expect("issues", 78, "â€”");
    for (line, text) in [
        (52, "screenshot"),
        (62, "screenshot"),
        (85, "screenshot"),
        (56, "steps from the figma"),
        (83, "steps from the figma"),
        (61, "steps from figma"),
        (57, "mention the scare screen"),
        (48, "why does codat need this"),
        (76, "a web services user is ..."),
        (21, "You will need"),
        (23, "Path to check -"),
        (13, "Full administrator rights -"),
        (27, "Talk to someone in your organization who can"),
    ] {
        expect("issues", line, text);
    }
    expect(
        "errors",
        54,
        "we need clarity on what the erorr mesage in Link will say.",
    );
    assert!(
        found
            .iter()
            .any(|(p, l, t)| p == "errors" && *l == 47 && t.starts_with("here we can list")),
        "the note to self on errors.md:47 was not reported"
    );
    // Empty sections: every heading with nothing under it.
    for (line, title) in [
        (
            104,
            "How do I create an admin role for the Web Services user?",
        ),
        (106, "Why don't I see the Roles information tab?"),
        (
            109,
            "How can I manage granular permissions for the admin role?",
        ),
        (
            112,
            "How can I check that my admin role has correct permissions?",
        ),
        (
            117,
            "I have not received an email with credentials. What do I do?",
        ),
        (
            120,
            "How do I resolve the 'Unable to connect to Intacct' error?",
        ),
        (122, "How do I resolve the 'Missing permissions' error?"),
    ] {
        expect("issues", line, title);
    }
    // The error sections of the first page written again on the second.
    for (line, message) in [
        (117, "I have not received an email with credentials"),
        (120, "Unable to connect to Intacct"),
        (122, "Missing permissions"),
    ] {
        expect("issues", line, message);
    }
}

#[test]
fn json_findings_carry_rule_codes_and_fixes() {
    let (_, findings) = lint_seeds();
    let mojibake = findings
        .iter()
        .find(|f| f["code"] == "mojibake")
        .expect("the mojibake");
    assert_eq!(mojibake["file"], DRAFTS[1]);
    assert_eq!(
        (mojibake["line"].as_u64(), mojibake["column"].as_u64()),
        (Some(78), Some(102))
    );
    assert_eq!(
        mojibake["help"],
        "replace \"callsâ€”they\" with \"calls—they\""
    );
    let acocunt = findings
        .iter()
        .find(|f| f["message"] == "misspelled word \"acocunt\"")
        .expect("acocunt");
    assert_eq!(acocunt["severity"], "warning");
    assert!(
        acocunt["help"]
            .as_str()
            .is_some_and(|h| h.contains("\"account\"")),
        "{acocunt}"
    );
    let duplicate = findings
        .iter()
        .find(|f| f["code"] == "duplicate-topic")
        .expect("a duplicate");
    assert!(
        duplicate["help"]
            .as_str()
            .is_some_and(|h| h.contains("i-havent-received-an-email-with-credentials")),
        "{duplicate}"
    );
}

#[test]
fn imported_drafts_load_and_validate() {
    let temp = tempfile::tempdir().expect("temp");
    let out = temp.path().join("imported");
    let out_arg = out.to_string_lossy().into_owned();
    let mut args = vec!["import", "--out", &out_arg];
    args.extend(DRAFTS);
    let imported = run(&args);
    assert_eq!(imported.code, 0, "{}", imported.stderr);
    // What could not be mapped is said, at the draft's line.
    assert!(
        imported.stderr.contains("resolve-error-messages.md:26:1: note: error `unable-to-connect-to-intacct`: the draft names no causes"),
        "{}",
        imported.stderr
    );
    let mut files = Vec::new();
    collect(&out, &mut files);
    let names: Vec<String> = files
        .iter()
        .map(|f| {
            f.strip_prefix(&out)
                .unwrap_or(f)
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(names.len(), 18, "{names:#?}");
    for expected in [
        "publications/resolve-error-messages.yaml",
        "resolve-error-messages/errors/missing-permissions.yaml",
        "troubleshooting-and-issue-resolution/errors/missing-permissions-2.yaml",
        "troubleshooting-and-issue-resolution/concepts/web-services-subscription.yaml",
        "troubleshooting-and-issue-resolution/prerequisites/what-do-i-need-before-i-start-connecting-sage.yaml",
        "troubleshooting-and-issue-resolution/procedures/create-an-admin-role-for-the-web-services-user.yaml",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} missing: {names:#?}"
        );
    }
    let publication =
        std::fs::read_to_string(out.join("publications/troubleshooting-and-issue-resolution.yaml"))
            .expect("publication");
    for line in [
        "title: Troubleshooting and issue resolution",
        "sidebar_label: Resolve issues",
        // A page option now, no longer a comment.
        "\n    hide_table_of_contents: false\n",
    ] {
        assert!(publication.contains(line), "{line}:\n{publication}");
    }
    // `$schema` resolves from each file to the project's schema folder (as VS Code resolves it),
    // and an independent validator accepts every file.
    let mut validate = vec![
        client_script("validate-json.py"),
        "--schema-dir".into(),
        "schema".into(),
    ];
    for file in &files {
        let text = std::fs::read_to_string(file).expect("file");
        let schema = text
            .lines()
            .find_map(|l| l.strip_prefix("$schema: "))
            .expect("a $schema line");
        let target = file.parent().expect("folder").join(schema);
        assert!(
            target.is_file(),
            "{}: $schema {schema} does not resolve",
            file.display()
        );
        validate.push(file.to_string_lossy().into_owned());
    }
    let validate: Vec<&str> = validate.iter().map(String::as_str).collect();
    let result = client("python3", &validate);
    assert_eq!(result.code, 0, "{}\n{}", result.stdout, result.stderr);
    // helpdoc loads them: only content-rule findings, no schema or YAML failures.
    let checked = run(&[
        "check",
        "--content",
        &out_arg,
        "--diagnostic-format",
        "json",
    ]);
    assert_eq!(checked.code, 1, "{}", checked.stderr);
    let codes = rule_codes();
    for finding in json_lines(&checked.stdout) {
        assert!(
            codes.iter().any(|c| finding["code"] == c.as_str()),
            "not a rule finding: {finding}"
        );
    }
}

fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            collect(&path, out);
        } else {
            out.push(path);
        }
    }
    out.sort();
}

#[test]
fn import_never_overwrites_without_force() {
    let temp = tempfile::tempdir().expect("temp");
    let draft = temp.path().join("page.md");
    std::fs::write(
        &draft,
        "---\ntitle: Page\n---\n\n## What is a thing?\n\nA thing.\n",
    )
    .expect("draft");
    let first = run_in(
        temp.path(),
        &[
            "import",
            "page.md",
            "--out",
            "content",
            "--schema-url",
            "https://example.com/schema",
        ],
    );
    assert_eq!(first.code, 0, "{}", first.stderr);
    let topic = temp.path().join("content/page/concepts/thing.yaml");
    let written = std::fs::read_to_string(&topic).expect("the topic");
    assert!(
        written.contains("$schema: https://example.com/schema/topic.schema.json"),
        "{written}"
    );
    std::fs::write(&topic, "edited by the writer\n").expect("edit");
    std::fs::write(&draft, "---\ntitle: Page\n---\n\n## What is a thing?\n\nA better thing.\n\n## Why now?\n\nBecause.\n").expect("draft");
    let again = run_in(temp.path(), &["import", "page.md", "--out", "content"]);
    assert_eq!(again.code, 2, "{}", again.stderr);
    assert!(
        again.stderr.contains("already exist") && again.stderr.contains("--force"),
        "{}",
        again.stderr
    );
    assert_eq!(
        std::fs::read_to_string(&topic).expect("topic"),
        "edited by the writer\n"
    );
    assert!(
        !temp
            .path()
            .join("content/page/concepts/why-now.yaml")
            .exists(),
        "nothing is written when one file exists"
    );
    let forced = run_in(
        temp.path(),
        &["import", "page.md", "--out", "content", "--force"],
    );
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert!(
        std::fs::read_to_string(&topic)
            .expect("topic")
            .contains("A better thing.")
    );
    assert!(
        temp.path()
            .join("content/page/concepts/why-now.yaml")
            .is_file()
    );
}

/// No content rule finds anything in the shipped content, even when warnings are denied.
#[test]
fn shipped_content_has_no_rule_findings_even_as_errors() {
    let result = run(&["check", "--deny-warnings", "--diagnostic-format", "json"]);
    let codes: Vec<String> = json_lines(&result.stdout)
        .iter()
        .map(|f| f["code"].as_str().unwrap_or_default().to_string())
        .collect();
    assert!(codes.is_empty(), "{}", result.stderr);
    assert_eq!(result.code, 0, "{}", result.stderr);
}

#[test]
fn rules_are_listed_sorted_with_their_docs() {
    let codes = rule_codes();
    let mut sorted = codes.clone();
    sorted.sort();
    assert_eq!(codes, sorted);
    for code in [
        "broken-link",
        "duplicate-topic",
        "empty-section",
        "missing-alt-text",
        "mojibake",
        "placeholder",
        "spelling",
        "stale-link-text",
        "unsafe-link",
    ] {
        assert!(
            codes.iter().any(|c| c == code),
            "{code} is not listed: {codes:?}"
        );
    }
    let one = run(&["rules", "spelling"]);
    assert!(
        one.stdout.starts_with("spelling (warn by default)")
            && one.stdout.contains("why: ")
            && one.stdout.contains("example: "),
        "{}",
        one.stdout
    );
    let unknown = run(&["rules", "speling"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("did you mean `spelling`?"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn link_rules_and_levels_follow_the_project_config() {
    let folder = fixture("import_lint/links");
    let result = run(&[
        "check",
        "--content",
        &folder.to_string_lossy(),
        "--diagnostic-format",
        "json",
    ]);
    let findings = json_lines(&result.stdout);
    let summary: Vec<String> = findings
        .iter()
        .map(|f| {
            format!(
                "{} {} {}:{} {}",
                f["severity"].as_str().unwrap_or_default(),
                f["code"].as_str().unwrap_or_default(),
                f["line"],
                f["column"],
                f["message"].as_str().unwrap_or_default()
            )
        })
        .collect();
    insta::assert_snapshot!("link-rules", summary.join("\n"));
    assert_eq!(result.code, 1, "{}", result.stderr);
}

#[test]
fn imported_topics_get_ids_of_their_own_and_meet_existing_ones() {
    let temp = tempfile::tempdir().expect("temp");
    std::fs::create_dir_all(temp.path().join("content/publications")).expect("folders");
    std::fs::write(
        temp.path().join("content/thing.yaml"),
        "kind: concept\nid: thing\ntitle: What is a thing?\nanswer:\n  - paragraph: A thing.\n",
    )
    .expect("topic");
    std::fs::write(
        temp.path().join("page.md"),
        "## What is a thing?\n\nAnother thing.\n",
    )
    .expect("draft");
    let imported = run_in(
        temp.path(),
        &["import", "page.md", "--out", "content/drafts"],
    );
    assert_eq!(imported.code, 0, "{}", imported.stderr);
    assert!(
        temp.path()
            .join("content/drafts/page/concepts/thing-2.yaml")
            .is_file()
    );
    let checked = run_in(temp.path(), &["check", "--diagnostic-format", "json"]);
    let findings = json_lines(&checked.stdout);
    let codes: Vec<&str> = findings.iter().filter_map(|f| f["code"].as_str()).collect();
    assert_eq!(codes, ["duplicate-topic"], "{}", checked.stdout);
    assert!(
        findings[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("What is a thing?"))
    );
}

#[test]
fn images_are_copied_next_to_the_topics_and_steps_come_from_numbered_lists() {
    let temp = tempfile::tempdir().expect("temp");
    std::fs::create_dir_all(temp.path().join("img")).expect("img");
    std::fs::copy(
        fixture("check/drafting-leftovers/roles.png"),
        temp.path().join("img/roles.png"),
    )
    .expect("png");
    std::fs::write(
        temp.path().join("page.md"),
        "---\ntitle: Pics\n---\n\n## How do I add a role?\n\n1. Click **Add**.\n\n   ![The Add button](img/roles.png)\n\n2. Click **Save**.\n\n![](img/missing.png)\n",
    )
    .expect("draft");
    let imported = run_in(temp.path(), &["import", "page.md", "--out", "content"]);
    assert_eq!(imported.code, 0, "{}", imported.stderr);
    assert!(
        imported
            .stderr
            .contains("page.md:13:1: note: the image `img/missing.png` was not found"),
        "{}",
        imported.stderr
    );
    assert!(temp.path().join("content/page/images/roles.png").is_file());
    let topic =
        std::fs::read_to_string(temp.path().join("content/page/procedures/add-a-role.yaml"))
            .expect("topic");
    assert!(
        topic.contains("steps:\n  - action: Click **Add**.\n    blocks:\n      - image:\n          src: ../images/roles.png\n          alt: The Add button\n  - action: Click **Save**.\n"),
        "{topic}"
    );
    let linted = run_in(
        temp.path(),
        &[
            "check",
            "--lint-drafts",
            "page.md",
            "--diagnostic-format",
            "json",
        ],
    );
    let findings: Vec<String> = json_lines(&linted.stdout)
        .iter()
        .map(|f| {
            format!(
                "{}:{}:{} {}",
                f["file"].as_str().unwrap_or_default(),
                f["line"],
                f["column"],
                f["code"].as_str().unwrap_or_default()
            )
        })
        .collect();
    assert_eq!(
        findings,
        ["page.md:13:1 bad-image", "page.md:13:1 missing-alt-text"],
        "{}",
        linted.stderr
    );
}

/// Found by the `import_markdown` fuzzer: a heading whose slug YAML reads as a boolean, null or
/// number (`## 123`, `## false`) gave an id that was not a string, so the import failed `check`.
#[test]
fn ids_that_yaml_would_misread_are_quoted() {
    let temp = tempfile::tempdir().expect("temp");
    std::fs::create_dir_all(temp.path().join("content")).expect("folders");
    std::fs::write(
        temp.path().join("false.md"),
        "# False\n\n## What is 123?\n\nA number.\n\n## What is 1e3?\n\nA bigger number.\n\n## What is null?\n\nNothing.\n",
    )
    .expect("draft");
    let imported = run_in(
        temp.path(),
        &["import", "false.md", "--out", "content/drafts"],
    );
    assert_eq!(imported.code, 0, "{}", imported.stderr);
    let checked = run_in(temp.path(), &["check", "--diagnostic-format", "json"]);
    let errors: Vec<Value> = json_lines(&checked.stdout)
        .into_iter()
        .filter(|f| f["severity"] == "error")
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let publication =
        std::fs::read_to_string(temp.path().join("content/drafts/publications/false.yaml"))
            .expect("the publication was written");
    for quoted in ["id: \"false\"", "- \"123\"", "- \"1e3\"", "- \"null\""] {
        assert!(publication.contains(quoted), "{quoted} in\n{publication}");
    }
}
