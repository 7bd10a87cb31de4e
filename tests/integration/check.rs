//! `helpdoc check` on bad-input fixtures (one folder per case): the rendered diagnostic, with its
//! line and column, is pinned by a snapshot; plus exit codes, JSON diagnostics and the schema.

use crate::support::{client, client_script, copy_tree, repo, run};

/// Runs `check` on a fixture folder and returns (exit code, stderr).
fn check_fixture(case: &str) -> (i32, String) {
    let folder = format!("tests/fixtures/check/{case}");
    let result = run(&["check", "--content", &folder]);
    (result.code, result.stderr)
}

macro_rules! bad_input {
    ($($name:ident => $case:literal),* $(,)?) => {$(
        #[test]
        fn $name() {
            let (code, stderr) = check_fixture($case);
            assert_eq!(code, 1, "expected content errors (exit 1):\n{stderr}");
            assert!(!stderr.contains("panicked"), "{stderr}");
            insta::assert_snapshot!($case, stderr);
        }
    )*};
}

bad_input! {
    invalid_yaml => "invalid-yaml",
    invalid_json => "invalid-json",
    wrong_type => "wrong-type",
    unknown_field => "unknown-field",
    missing_field => "missing-field",
    duplicate_key => "duplicate-key",
    duplicate_id => "duplicate-id",
    invalid_utf8 => "invalid-utf8",
    empty_file => "empty-file",
    binary_file => "binary-file",
    dangling_ref => "dangling-ref",
    unknown_kind => "unknown-kind",
    unsafe_content => "unsafe-content",
    include_cycle => "include-cycle",
    drafting_leftovers => "drafting-leftovers",
    wrong_ref_kind => "wrong-ref-kind",
}

#[test]
fn a_bom_is_accepted() {
    let (code, stderr) = check_fixture("bom");
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("no problems found"), "{stderr}");
}

/// The shipped content has no findings: the in-product bundle's links to topics it leaves out go
/// into the docs site, and `check` and `build` print nothing but their summary (the build's first
/// line, then one line per format folder).
#[test]
fn shipped_content_has_no_findings_and_builds_with_only_its_summary() {
    let result = run(&["check", "--deny-warnings", "--diagnostic-format", "json"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert_eq!(result.stdout, "", "no diagnostics");
    let temp = tempfile::tempdir().expect("temp dir");
    let out = temp.path().join("build");
    let built = run(&["build", "--out", out.to_str().expect("utf-8")]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    let lines: Vec<&str> = built.stderr.lines().collect();
    assert_eq!(lines.len(), 5, "{}", built.stderr);
    for (line, format) in lines[1..].iter().zip(["markdown", "html", "json", "pdf"]) {
        assert!(
            line.starts_with("  ") && line.contains(&format!("build/{format}")),
            "{}",
            built.stderr
        );
    }
    assert!(
        lines[0].starts_with("built markdown, html, json, pdf into "),
        "{}",
        built.stderr
    );
}

#[test]
fn warnings_pass_unless_denied() {
    let folder = "tests/fixtures/check/wrong-schema-ref";
    let relaxed = run(&["check", "--content", folder]);
    assert_eq!(relaxed.code, 0, "{}", relaxed.stderr);
    assert!(
        relaxed.stderr.contains("warning[schema-ref]"),
        "{}",
        relaxed.stderr
    );
    let strict = run(&["check", "--content", folder, "--deny-warnings"]);
    assert_eq!(strict.code, 1, "{}", strict.stderr);
}

#[test]
fn a_missing_content_folder_is_an_environment_error() {
    let result = run(&["check", "--content", "tests/fixtures/check/no-such-folder"]);
    assert_eq!(result.code, 2);
    assert!(
        result.stderr.contains("cannot read the content folder"),
        "{}",
        result.stderr
    );
}

#[test]
fn json_diagnostics_have_every_field() {
    let result = run(&[
        "check",
        "--content",
        "tests/fixtures/check/dangling-ref",
        "--diagnostic-format",
        "json",
    ]);
    assert_eq!(result.code, 1);
    let lines: Vec<serde_json::Value> = result
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON object"))
        .collect();
    assert_eq!(lines.len(), 4, "{}", result.stdout);
    let first = &lines[0];
    for field in [
        "severity",
        "code",
        "message",
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
        "help",
    ] {
        assert!(first.get(field).is_some(), "missing {field} in {first}");
    }
    assert_eq!(first["code"], "dangling-ref");
    assert_eq!(
        first["file"],
        "tests/fixtures/check/dangling-ref/create-user.yaml"
    );
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(4), Some(12))
    );
    assert_eq!(
        (first["end_line"].as_u64(), first["end_column"].as_u64()),
        (Some(4), Some(28))
    );
    assert_eq!(first["help"], "did you mean `roles-permissions`?");
}

#[test]
fn committed_schemas_match_the_model() {
    let result = run(&["schema", "--check", "--out", "schema"]);
    assert_eq!(result.code, 0, "schema drift: {}", result.stderr);
}

#[test]
fn an_independent_validator_accepts_the_schemas_and_the_content() {
    let mut files: Vec<String> = Vec::new();
    let mut pending = vec![repo().join("content")];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(dir).expect("content folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml" || e == "json") {
                files.push(path.to_string_lossy().into_owned());
            }
        }
    }
    assert!(files.len() > 20, "the shipped content has its topics");
    let mut args = vec![
        client_script("validate-json.py"),
        "--schema-dir".into(),
        "schema".into(),
    ];
    args.extend(files);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = client("python3", &args);
    assert_eq!(
        result.code, 0,
        "python-jsonschema rejected:\n{}\n{}",
        result.stdout, result.stderr
    );
}

#[test]
fn the_independent_validator_rejects_a_bad_file() {
    let result = client(
        "python3",
        &[
            &client_script("validate-json.py"),
            "--schema-dir",
            "schema",
            "tests/fixtures/check/unknown-field/topic.yaml",
        ],
    );
    assert_ne!(
        result.code, 0,
        "an unknown field must fail: {}",
        result.stdout
    );
}

/// Runs `check` with JSON diagnostics on a folder and returns every diagnostic.
fn json_diagnostics(folder: &str) -> Vec<serde_json::Value> {
    let result = run(&["check", "--content", folder, "--diagnostic-format", "json"]);
    assert!(!result.stderr.contains("panicked"), "{}", result.stderr);
    result
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON object"))
        .collect()
}

/// The typo fixture (the shipped guide with typical writer mistakes, listed with their place in
/// `mistakes.json`) gives exactly one error per mistake, at its file and line, and nothing else:
/// no cascades from a topic that failed validation into the files that refer to it.
#[test]
fn a_wrong_kind_is_named_with_its_article() {
    let temp = tempfile::tempdir().expect("temp");
    let file = temp.path().join("concepts/x.yaml");
    std::fs::create_dir_all(file.parent().expect("folder")).expect("mkdir");
    std::fs::write(
        &file,
        "kind: concept\nid: x\ntitle: X\nmessage: boom\nerror_type: symptom\n",
    )
    .expect("write");
    let content = temp.path().to_str().expect("utf-8 path");
    let result = run(&["check", "--color", "never", "--content", content]);
    assert_eq!(result.code, 1, "{}", result.stderr);
    assert!(
        (result.stderr).contains(
            "help: if this is an error, write `kind: error`; otherwise remove those fields"
        ),
        "{}",
        result.stderr
    );
}

#[test]
fn typo_fixture_gives_one_error_per_mistake() {
    let fixture = "tests/fixtures/typos";
    let listed: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join(fixture).join("mistakes.json")).expect("mistakes"),
    )
    .expect("mistakes.json is JSON");
    let mistakes = listed["mistakes"].as_array().expect("a list of mistakes");
    let content = format!("{fixture}/content");
    let diagnostics = json_diagnostics(&content);
    let place = |d: &serde_json::Value| {
        let file = d["file"].as_str().unwrap_or_default();
        let file = file.strip_prefix(&format!("{content}/")).unwrap_or(file);
        format!(
            "{file}:{} [{}]",
            d["line"],
            d["code"].as_str().unwrap_or_default()
        )
    };
    let reported: Vec<String> = diagnostics.iter().map(place).collect();
    for mistake in mistakes {
        let expected = format!(
            "{}:{} [{}]",
            mistake["file"].as_str().unwrap_or_default(),
            mistake["line"],
            mistake["code"].as_str().unwrap_or_default()
        );
        let found = reported.iter().filter(|r| **r == expected).count();
        assert_eq!(
            found,
            1,
            "{} ({expected}) gave {found} errors; reported:\n{}",
            mistake["mistake"],
            reported.join("\n")
        );
    }
    assert!(diagnostics.iter().all(|d| d["severity"] == "error"));
    assert_eq!(
        diagnostics.len(),
        mistakes.len(),
        "one error per mistake, nothing else; reported:\n{}",
        reported.join("\n")
    );
}

/// Diagnostics of the `invalid-target` fixture in `user.yaml`, the file that refers to documents
/// that exist but failed to load (a misspelt field, a YAML syntax error, an unknown kind, a
/// fragment with a wrong type) or that exist nowhere.
fn references_to_invalid_documents() -> Vec<serde_json::Value> {
    json_diagnostics("tests/fixtures/check/invalid-target")
        .into_iter()
        .filter(|d| {
            d["file"]
                .as_str()
                .is_some_and(|f| f.ends_with("/user.yaml"))
        })
        .collect()
}

#[test]
fn a_reference_to_an_invalid_but_existing_document_is_not_dangling() {
    let in_user: Vec<String> = references_to_invalid_documents()
        .iter()
        .map(|d| format!("{}:{} {}", d["line"], d["code"], d["message"]))
        .collect();
    // Only the misspelt id (line 19) and the go_to to an invalid concept (line 15: its kind is
    // known, and a concept is not a procedure) are mistakes of user.yaml.
    assert_eq!(in_user.len(), 2, "{in_user:#?}");
    assert!(
        in_user[0].starts_with("15:\"wrong-ref-kind\""),
        "{in_user:#?}"
    );
    assert!(
        in_user[1].starts_with("19:\"dangling-ref\""),
        "{in_user:#?}"
    );
}

#[test]
fn did_you_mean_is_offered_only_for_ids_that_exist_nowhere() {
    let dangling: Vec<serde_json::Value> = references_to_invalid_documents()
        .into_iter()
        .filter(|d| d["code"] == "dangling-ref" || d["code"] == "broken-link")
        .collect();
    // `role-permissions` exists (invalid): references to it get no "did you mean"; the misspelt
    // `role-permisions` exists nowhere, and the id it meant is offered although that document is
    // invalid.
    assert_eq!(dangling.len(), 1, "{dangling:#?}");
    assert_eq!(
        dangling[0]["message"],
        "this reference refers to unknown topic `role-permisions`"
    );
    assert_eq!(dangling[0]["help"], "did you mean `role-permissions`?");
}

/// A minified (one-line) file with many findings: each diagnostic names its place and label
/// without quoting the line, so printing stays linear in the file's size.
#[test]
fn findings_on_a_very_long_line_name_their_place_without_quoting_it() {
    let temp = tempfile::tempdir().expect("temp dir");
    let paragraphs: Vec<String> = (0..300)
        .map(|i| format!(r#"{{"paragraph":"Step {i}: TODO write this step."}}"#))
        .collect();
    let topic = format!(
        r#"{{"kind":"concept","id":"long-line","title":"A minified topic","answer":[{}]}}"#,
        paragraphs.join(",")
    );
    std::fs::write(temp.path().join("long.json"), &topic).expect("write");
    let result = run(&["check", "--content", temp.path().to_str().expect("utf-8")]);
    assert_eq!(result.code, 1, "{}", result.stderr);
    assert_eq!(result.stderr.matches("error[placeholder]").count(), 300);
    assert!(
        !result.stderr.contains("A minified topic"),
        "the line is not quoted"
    );
    let first = topic.find("TODO").expect("a placeholder") + 1;
    assert!(
        result.stderr.contains(&format!("long.json:1:{first}\n")),
        "{}",
        &result.stderr[..2000.min(result.stderr.len())]
    );
    assert!(result.stderr.contains("too long to show"));
}

/// Tab sets and collapsibles: each malformed shape is one error at its own line and column, and
/// a bad `group_id` is a schema error.
#[test]
fn malformed_tabs_and_collapsibles_are_one_error_each() {
    let (code, stderr) = check_fixture("bad-tabs");
    assert_eq!(code, 1, "{stderr}");
    for expected in [
        "error[schema]: `Not_A_Slug` is not a valid id\n --> tests/fixtures/check/bad-tabs/bad-group.yaml:6:17",
        "error[too-few-panes]: a tab set needs at least two panes, this one has 1\n --> tests/fixtures/check/bad-tabs/bad-tabs.yaml:7:9",
        "error[duplicate-tab-label]: two panes of this tab set are labelled `same`\n  --> tests/fixtures/check/bad-tabs/bad-tabs.yaml:16:18",
        "error[empty-pane]: the tab pane `Empty pane` has no content\n  --> tests/fixtures/check/bad-tabs/bad-tabs.yaml:19:11",
        "error[empty-label]: this tab pane's label is empty\n  --> tests/fixtures/check/bad-tabs/bad-tabs.yaml:20:18",
        "error[empty-label]: this collapsible's summary is empty\n  --> tests/fixtures/check/bad-tabs/bad-tabs.yaml:24:16",
        "error[empty-collapsible]: this collapsible has no blocks\n  --> tests/fixtures/check/bad-tabs/bad-tabs.yaml:25:15",
        "error: 7 errors in 2 files",
    ] {
        assert!(stderr.contains(expected), "{expected}\nin:\n{stderr}");
    }
}

/// An include inside a tab pane's step or a collapsible is followed by the cycle check (the
/// walk's own list of includes), so fragments that include each other that way are refused.
#[test]
fn include_cycles_through_tabs_and_collapsibles_are_found() {
    let (code, stderr) = check_fixture("tabs-include-cycle");
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(
            "error[include-cycle]: fragments include each other in a cycle: first → second → first"
        ),
        "{stderr}"
    );
}

/// Aliases: one that is not a slug Docusaurus could have made, and ones that take an id, a step
/// anchor or another alias on their page, each give one error at the alias, naming what it
/// clashes with.
#[test]
fn aliases_are_slugs_and_unique_on_their_page() {
    let temp = tempfile::tempdir().expect("temp");
    copy_tree(&repo().join("examples/model-tour"), temp.path());
    let topic = temp.path().join("anchors/add-a-module.yaml");
    let text = std::fs::read_to_string(&topic).expect("topic");
    let text = text.replace(
        "  - connect-a-module\n",
        "  - connect-a-module\n  - wait…\n  - which-modules-sync\n  - add-a-module--grant-read\n  - synced-modules\n",
    );
    std::fs::write(&topic, text).expect("write");
    let diagnostics = json_diagnostics(&temp.path().to_string_lossy());
    let found: Vec<(String, i64, String)> = diagnostics
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or_default().to_string(),
                d["line"].as_i64().unwrap_or_default(),
                d["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let codes: Vec<(&str, i64)> = found.iter().map(|(c, l, _)| (c.as_str(), *l)).collect();
    assert_eq!(
        codes,
        [
            ("alias-not-a-slug", 8),
            ("duplicate-alias", 9),
            ("duplicate-alias", 10),
            ("duplicate-alias", 11),
        ],
        "{found:#?}"
    );
    assert!(found[0].2.contains("`…`"), "{}", found[0].2);
    assert!(
        found[1].2.contains("the id of topic `which-modules-sync`"),
        "{}",
        found[1].2
    );
    assert!(
        found[2]
            .2
            .contains("the anchor of `grant-read` in `add-a-module`"),
        "{}",
        found[2].2
    );
    assert!(
        found[3].2.contains("an alias of `which-modules-sync`"),
        "{}",
        found[3].2
    );
}

/// Data files and their views: every broken data file gives located errors in its own file
/// (CSV and YAML), every view that names a missing file, column or value an error at the name
/// with a did-you-mean, all in one run; a view of a broken file adds nothing.
#[test]
fn broken_data_files_and_views_give_located_errors() {
    let (code, stderr) = check_fixture("bad-data");
    assert_eq!(code, 1, "{stderr}");
    let at = "tests/fixtures/check/bad-data";
    for expected in [
        format!(
            "error[data-shape]: a data file holds a list of rows, not a mapping\n --> {at}/data/not-a-list.yaml:1:1"
        ),
        format!(
            "error[data-syntax]: this quoted cell is never closed\n --> {at}/data/open-quote.csv:2:3"
        ),
        format!(
            "error[data-row]: `Permision` is not a column of this file (the first row names them)\n --> {at}/data/rows.yaml:2:28"
        ),
        "= help: did you mean `Permission`?".to_string(),
        format!(
            "error[data-shape]: a cell holds one plain value, not a list\n --> {at}/data/rows.yaml:3:12"
        ),
        format!("error[data-row]: this row has no `Permission`\n --> {at}/data/rows.yaml:4:3"),
        format!(
            "error[data-header]: the column `Module` is named twice\n --> {at}/data/widths.csv:1:19"
        ),
        format!(
            "error[data-row]: this row has 1 cell, but the header has 3 columns (`Module`, `Permission`, `Module`)\n --> {at}/data/widths.csv:3:1"
        ),
        format!(
            "error[data-syntax]: text after the closing quote of a cell\n --> {at}/data/widths.csv:4:7"
        ),
        format!(
            "error[unknown-data-file]: there is no data file `data/goood.csv`\n --> {at}/views.yaml:5:24"
        ),
        "= help: did you mean `data/good.csv`?".to_string(),
        format!(
            "error[unknown-data-file]: there is no data file `permissions.csv`\n --> {at}/views.yaml:6:24"
        ),
        format!(
            "error[unknown-column]: `Permision` is not a column of `data/good.csv`\n --> {at}/views.yaml:7:57"
        ),
        format!(
            "error[unknown-column]: `Modul` is not a column of `data/good.csv`\n --> {at}/views.yaml:8:64"
        ),
        format!(
            "error[unknown-value]: no row of `data/good.csv` has `Cash Managment` in `Module`\n --> {at}/views.yaml:9:89"
        ),
        "= help: did you mean `Cash Management`?".to_string(),
        format!(
            "error[too-few-panes]: a tab set needs at least two panes, and the rows this view keeps have 1 value of `Module`\n  --> {at}/views.yaml:10:61"
        ),
        format!(
            "error[empty-data-view]: this view of `data/good.csv` keeps no row: no row matches every value in `where`\n  --> {at}/views.yaml:11:46"
        ),
        format!(
            "error[empty-label]: a row this view keeps has no `Module`, which labels its pane\n  --> {at}/data/labels.csv:3:1"
        ),
        "error: 16 errors in 6 files (of 7 checked)".to_string(),
    ] {
        assert!(stderr.contains(&expected), "{expected}\nin:\n{stderr}");
    }
    // The view of the broken `widths.csv` names a column it lacks: no second error for it.
    assert!(!stderr.contains("`Nothing`"), "{stderr}");
}

/// The content rules read data files too: every cell (and column name), shown by a view or not,
/// located in the data file where it is written (after a CSV cell's doubled quotes, inside a YAML
/// single-quoted value).
#[test]
fn content_rules_read_every_data_cell_where_it_is_written() {
    let (code, stderr) = check_fixture("data-text");
    assert_eq!(code, 1, "{stderr}");
    let at = "tests/fixtures/check/data-text/data";
    let found: Vec<&str> = (stderr.lines())
        .filter(|l| l.starts_with("error[") || l.starts_with("warning[") || l.contains("-->"))
        .collect();
    assert_eq!(
        found,
        [
            "warning[spelling]: misspelled word \"depsoits\"".to_string(),
            format!(" --> {at}/permissions.csv:2:43"),
            "error[placeholder]: placeholder text \"TODO\" instead of content".to_string(),
            format!(" --> {at}/permissions.csv:3:25"),
            "error[mojibake]: garbled text `â€”` in \"vendorsâ€”fast\" (UTF-8 read as Windows-1252); it should be `—`".to_string(),
            format!(" --> {at}/permissions.csv:4:35"),
            "error[invisible-character]: the data cell `Cash<U+200B>Management` holds the invisible character U+200B (ZERO WIDTH SPACE)".to_string(),
            format!(" --> {at}/permissions.csv:5:5"),
            "warning[spelling]: misspelled word \"entreis\"".to_string(),
            format!(" --> {at}/roles.yaml:3:45"),
        ],
        "{stderr}"
    );
}

/// `formats.pdf.language` and `formats.json.language` are checked by the one BCP 47 tag check,
/// each at its value with the reason (the JSON one used to fail a schema pattern as "not a
/// valid id"; the PDF one was not checked and became the PDF's `/Lang`).
#[test]
fn format_languages_are_checked_as_language_tags() {
    let (code, stderr) = check_fixture("format-language");
    assert_eq!(code, 1, "{stderr}");
    let at = "tests/fixtures/check/format-language/guide.yaml";
    for expected in [
        format!(
            "error[language-tag]: `formats.pdf.language` `en_US` is not a BCP 47 language tag: it holds `_`; a tag has only letters, digits and `-`\n --> {at}:6:15"
        ),
        format!(
            "error[language-tag]: `formats.json.language` `fr-` is not a BCP 47 language tag: it has an empty part (`--`, or a `-` at an end)\n --> {at}:8:15"
        ),
        "error: 2 errors in 1 file (of 2 checked)".to_string(),
    ] {
        assert!(stderr.contains(&expected), "{expected}\nin:\n{stderr}");
    }
    assert!(!stderr.contains("valid id"), "{stderr}");
}

/// Data files are read through the guarded reader: one that links out of the content folder is
/// refused (its content never quoted), views of it report nothing more; and every use of a data
/// file counts its size towards `max_expanded_bytes`.
#[test]
fn data_files_are_guarded_and_their_views_count_towards_the_expansion_limit() {
    let temp = tempfile::tempdir().expect("temp");
    let content = temp.path().join("content");
    std::fs::create_dir_all(content.join("data")).expect("folders");
    std::fs::write(temp.path().join("secret.csv"), "Token\nSECRET-VALUE\n").expect("secret");
    std::os::unix::fs::symlink(
        temp.path().join("secret.csv"),
        content.join("data/linked.csv"),
    )
    .expect("link");
    let rows: String = (0..200)
        .map(|i| format!("Row {i},{}\n", "x".repeat(40)))
        .collect();
    std::fs::write(content.join("data/big.csv"), format!("Name,Value\n{rows}")).expect("data");
    let views: String = "  - data_table: {from: data/big.csv}\n".repeat(20);
    std::fs::write(
        content.join("topic.yaml"),
        format!(
            "kind: concept\nid: big\ntitle: Big\nanswer:\n{views}  - data_table: {{from: data/linked.csv}}\n"
        ),
    )
    .expect("topic");
    std::fs::write(
        content.join("guide.yaml"),
        "kind: publication\nid: guide\ntitle: Guide\nsections:\n  - id: one\n    title: One\n    topics: [big]\n",
    )
    .expect("publication");
    std::fs::write(
        content.join("helpdoc.toml"),
        "[limits]\nmax_expanded_bytes = 100000\n",
    )
    .expect("config");
    let result = run(&["check", "--content", &content.to_string_lossy()]);
    let stderr = result.stderr;
    assert_eq!(result.code, 1, "{stderr}");
    assert!(
        stderr.contains("error[unreadable]: the file is outside the content folder"),
        "{stderr}"
    );
    assert!(stderr.contains("data/linked.csv"), "{stderr}");
    assert!(!stderr.contains("SECRET-VALUE"), "{stderr}");
    assert!(!stderr.contains("unknown-data-file"), "{stderr}");
    // 20 views of about 15 kB each: past the 100,000-byte limit.
    assert!(
        stderr.contains("error[too-much-expansion]: publication `guide` expands to"),
        "{stderr}"
    );
    assert!(stderr.contains("error: 2 errors"), "{stderr}");
}
