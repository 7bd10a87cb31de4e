//! Variants: every check on `when:` conditions, selections and variables has a fixture
//! (`tests/fixtures/variants/<case>`) with exactly the diagnostics it expects, one per mistake,
//! naming every publication it affects; and the deprecated `audience` fields keep working.

use crate::support::{repo, run};

/// The JSON diagnostics of `check` on a fixture, as (severity, code, file name, line, message).
fn diagnostics(case: &str) -> Vec<(String, String, String, u64, String)> {
    let folder = repo().join("tests/fixtures/variants").join(case);
    let result = run(&[
        "check",
        "--content",
        &folder.to_string_lossy(),
        "--diagnostic-format",
        "json",
    ]);
    assert!(!result.stderr.contains("panicked"), "{}", result.stderr);
    (result.stdout.lines())
        .map(|line| {
            let d: serde_json::Value = serde_json::from_str(line).expect("one JSON object a line");
            let file = d["file"].as_str().unwrap_or_default();
            (
                d["severity"].as_str().unwrap_or_default().to_string(),
                d["code"].as_str().unwrap_or_default().to_string(),
                file.rsplit('/').next().unwrap_or_default().to_string(),
                d["line"].as_u64().unwrap_or_default(),
                format!(
                    "{} | {}",
                    d["message"].as_str().unwrap_or_default(),
                    d["help"].as_str().unwrap_or_default()
                ),
            )
        })
        .collect()
}

/// Asserts the fixture gives exactly these diagnostics: (severity, code, file, line, words in
/// the message or help).
fn expect(case: &str, expected: &[(&str, &str, &str, u64, &[&str])]) {
    let found = diagnostics(case);
    assert_eq!(found.len(), expected.len(), "{case}: {found:#?}");
    for (got, want) in found.iter().zip(expected) {
        let (severity, code, file, line, words) = want;
        assert_eq!(
            (got.0.as_str(), got.1.as_str(), got.2.as_str(), got.3),
            (*severity, *code, *file, *line),
            "{case}: {got:#?}"
        );
        for word in *words {
            assert!(got.4.contains(word), "{case}: {word:?} not in {:?}", got.4);
        }
    }
}

#[test]
fn an_unknown_dimension_is_one_error_with_a_did_you_mean() {
    expect(
        "unknown-dimension",
        &[(
            "error",
            "unknown-dimension",
            "topic.yaml",
            4,
            &["`editon`", "did you mean `edition`?"],
        )],
    );
}

#[test]
fn an_unknown_value_is_an_error_with_a_did_you_mean() {
    expect(
        "unknown-value",
        &[(
            "error",
            "unknown-value",
            "topic.yaml",
            7,
            &["`enterprize`", "did you mean `enterprise`?"],
        )],
    );
}

/// One warning for a condition however often it is written: it is one choice of what to publish.
#[test]
fn a_condition_no_publication_selects_is_a_warning() {
    expect(
        "never-true",
        &[(
            "warning",
            "condition-never-true",
            "topic.yaml",
            7,
            &[
                "not: {edition: [standard, enterprise]}",
                "`guide`",
                "written at 1 more place",
            ],
        )],
    );
}

#[test]
fn a_procedure_left_without_steps_is_one_error_naming_both_publications() {
    expect(
        "emptied-procedure",
        &[(
            "error",
            "emptied-by-condition",
            "topic.yaml",
            5,
            &[
                "procedure has no steps left",
                "publications `standard-a` and `standard-b`",
                "`when: {edition: enterprise}`",
            ],
        )],
    );
}

#[test]
fn an_error_left_without_causes_is_an_error() {
    expect(
        "emptied-error",
        &[(
            "error",
            "emptied-by-condition",
            "topic.yaml",
            7,
            &[
                "error has no causes left in publication `standard`",
                "`when: {edition: enterprise}`",
            ],
        )],
    );
}

#[test]
fn a_page_left_without_topics_is_an_error() {
    expect(
        "emptied-page",
        &[(
            "error",
            "emptied-by-condition",
            "standard.yaml",
            6,
            &[
                "page has no topics left in publication `standard`",
                "`when: {edition: enterprise}`",
            ],
        )],
    );
}

#[test]
fn references_to_left_out_content_are_errors() {
    expect(
        "reference-filtered-out",
        &[
            (
                "error",
                "reference-filtered-out",
                "add.yaml",
                8,
                &[
                    "`share-an-entity`",
                    "left out of publication `standard`",
                    "`when: {edition: enterprise}`",
                ],
            ),
            (
                "error",
                "reference-filtered-out",
                "add.yaml",
                13,
                &["`add-an-entity--copy`", "publication `standard`"],
            ),
        ],
    );
}

#[test]
fn an_unknown_variable_is_an_error_with_a_did_you_mean() {
    expect(
        "unknown-variable",
        &[(
            "error",
            "unknown-variable",
            "topic.yaml",
            5,
            &["`prodcut`", "did you mean `product`?"],
        )],
    );
}

#[test]
fn a_per_value_variable_needs_one_selected_value() {
    expect(
        "variable-value",
        &[(
            "error",
            "variable-value",
            "guide.yaml",
            4,
            &["`menu`", "`edition`", "select: {edition: VALUE}"],
        )],
    );
}

/// Old `audience` fields still filter, as the `audience` dimension, with a warning each.
#[test]
fn audience_fields_still_filter_with_a_moved_setting_warning() {
    expect(
        "audience",
        &[
            (
                "warning",
                "moved-setting",
                "guide.yaml",
                4,
                &["select: {audience: [admins]}"],
            ),
            (
                "warning",
                "moved-setting",
                "topic-admins.yaml",
                4,
                &["when: {audience: [admins]}"],
            ),
            (
                "warning",
                "moved-setting",
                "topic-users.yaml",
                4,
                &["when: {audience: [readers]}"],
            ),
        ],
    );
    let temp = tempfile::tempdir().expect("temp dir");
    let folder = repo().join("tests/fixtures/variants/audience");
    let result = run(&[
        "build",
        "--content",
        &folder.to_string_lossy(),
        "--out",
        &temp.path().to_string_lossy(),
    ]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let page =
        std::fs::read_to_string(temp.path().join("markdown/admin-guide/tasks.md")).expect("page");
    assert!(
        page.contains("What do administrators do?") && page.contains("What do users do?"),
        "{page}"
    );
    assert!(!page.contains("What do readers do?"), "{page}");
}

/// `helpdoc schema --project` writes schemas in which `when:`, `select` and `flag` list the
/// project's dimensions: an independent validator accepts the model tour's variant files against
/// them, and refuses a value that is not declared, which the generic schema lets through.
#[test]
fn the_project_schema_completes_and_checks_dimensions() {
    use crate::support::{client, client_script};
    let temp = tempfile::tempdir().expect("temp dir");
    let tour = repo().join("examples/model-tour");
    let out = temp.path().join("schema");
    let result = run(&[
        "schema",
        "--project",
        "--content",
        &tour.to_string_lossy(),
        "--out",
        &out.to_string_lossy(),
    ]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let topic: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out.join("topic.schema.json")).expect("schema"),
    )
    .expect("JSON");
    assert_eq!(
        topic["$defs"]["Condition"]["properties"]["edition"]["anyOf"][0]["enum"],
        serde_json::json!(["standard", "enterprise"])
    );
    let validate = |schema_dir: &str, files: &[&str]| {
        let mut args = vec![
            client_script("validate-json.py"),
            "--schema-dir".into(),
            schema_dir.to_string(),
        ];
        args.extend(files.iter().map(|f| f.to_string()));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        client("python3", &args)
    };
    let variants: Vec<String> = [
        "variants/add-an-entity.yaml",
        "variants/entity-limit-reached.yaml",
        "publications/model-tour.yaml",
    ]
    .iter()
    .map(|f| tour.join(f).to_string_lossy().into_owned())
    .collect();
    let variants: Vec<&str> = variants.iter().map(String::as_str).collect();
    let accepted = validate(&out.to_string_lossy(), &variants);
    assert_eq!(accepted.code, 0, "{}{}", accepted.stdout, accepted.stderr);
    let typo = repo().join("tests/fixtures/variants/unknown-value/topic.yaml");
    let typo = typo.to_string_lossy();
    let typo = ["--schema", "topic.schema.json", &typo];
    assert_ne!(
        validate(&out.to_string_lossy(), &typo).code,
        0,
        "the project schema refuses `enterprize`"
    );
    assert_eq!(
        validate("schema", &typo).code,
        0,
        "the generic schema knows no dimension"
    );
}

/// A data file's `when` column: each publication shows the rows its selection holds (and never
/// the column), in CSV and YAML data files alike; an empty cell is every variant.
#[test]
fn data_rows_follow_the_publication_selection() {
    expect("data-rows", &[]);
    let folder = repo().join("tests/fixtures/variants/data-rows");
    let out = tempfile::tempdir().expect("temp dir");
    let result = run(&[
        "build",
        "--content",
        &folder.to_string_lossy(),
        "--out",
        &out.path().to_string_lossy(),
        "--format",
        "markdown",
        "-q",
    ]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let page = |id: &str| {
        std::fs::read_to_string(out.path().join(format!("markdown/{id}/{id}-page.md")))
            .expect("page written")
    };
    for (id, shown, left_out) in [
        (
            "standard",
            [
                "| Cash Management | Deposits |",
                "| General Ledger | Journals |",
                "- Basic",
                "- Support",
            ],
            ["Eliminations", "Scale"],
        ),
        (
            "enterprise",
            [
                "| Cash Management | Deposits |",
                "| Consolidation | Eliminations |",
                "- Scale",
                "- Support",
            ],
            ["Journals", "Basic"],
        ),
    ] {
        let page = page(id);
        for line in shown {
            assert!(page.contains(line), "{id}: {line:?} not in\n{page}");
        }
        for word in left_out.iter().chain(&["edition", "| when"]) {
            assert!(!page.contains(word), "{id}: {word:?} in\n{page}");
        }
    }
}

/// Row conditions are checked like every `when:`: unknown dimensions and values with a
/// did-you-mean and a condition no publication selects, each at its cell; a cell that is not a
/// condition is a located error.
#[test]
fn data_row_conditions_are_checked_at_their_cells() {
    expect(
        "data-when",
        &[
            (
                "error",
                "unknown-value",
                "permissions.csv",
                2,
                &["`enterprize`", "did you mean `enterprise`?"],
            ),
            (
                "error",
                "unknown-dimension",
                "permissions.csv",
                3,
                &["`editon`", "did you mean `edition`?"],
            ),
            (
                "warning",
                "condition-never-true",
                "permissions.csv",
                4,
                &["`enterprise` and `standard`"],
            ),
            (
                "error",
                "data-when",
                "plans.yaml",
                2,
                &["is not a condition"],
            ),
        ],
    );
}
