//! `helpdoc new`: a new project checks and builds clean, and a new topic is listed in a
//! publication's section by inserting a line (comments and layout kept).

use std::path::Path;

use crate::support::{Run, run_in};

fn ok(run: &Run) {
    assert_eq!(
        run.code, 0,
        "stdout:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );
}

#[test]
fn a_new_project_checks_and_builds_clean_with_its_own_schemas() {
    let temp = tempfile::tempdir().expect("temp");
    ok(&run_in(temp.path(), &["new", "handbook"]));
    let project = temp.path().join("handbook");
    let check = run_in(&project, &["check", "--deny-warnings"]);
    ok(&check);
    assert!(
        check.stderr.contains("no problems found"),
        "{}",
        check.stderr
    );
    ok(&run_in(&project, &["build", "--deny-warnings"]));
    for built in [
        "html/guide.html",
        "pdf/guide.pdf",
        "json/guide.json",
        "markdown/guide/troubleshooting.md",
    ] {
        assert!(project.join("build").join(built).exists(), "{built}");
    }
    // One file of each kind, each pointing at the project's own schema copy.
    for (file, schema) in [
        ("content/concepts/example-concept.yaml", "topic"),
        ("content/procedures/example-procedure.yaml", "topic"),
        ("content/errors/example-error.yaml", "topic"),
        ("content/prerequisites/example-prerequisite.yaml", "topic"),
        ("content/fragments/example-fragment.yaml", "fragment"),
        ("content/publications/guide.yaml", "publication"),
    ] {
        let text = std::fs::read_to_string(project.join(file)).expect(file);
        let line = format!("$schema: ../../schema/{schema}.schema.json\n");
        assert!(text.starts_with(&line), "{file}: {text}");
        let schema_file = project
            .join("content/concepts")
            .join(&line[9..line.len() - 1]);
        assert!(schema_file.exists(), "{}", schema_file.display());
    }
    // The editor settings map each schema to files that exist.
    let settings =
        std::fs::read_to_string(project.join(".vscode/settings.json")).expect("settings");
    let settings: serde_json::Value = serde_json::from_str(&settings).expect("json");
    let schemas = settings["yaml.schemas"].as_object().expect("yaml.schemas");
    assert_eq!(schemas.len(), 3);
    for (schema, globs) in schemas {
        assert!(project.join(schema).exists(), "{schema}");
        for glob in globs.as_array().expect("globs") {
            let folder = glob.as_str().expect("glob").trim_end_matches("/*.yaml");
            assert!(project.join(folder).is_dir(), "{folder}");
        }
    }
    // A project is never written over a folder that holds something.
    let again = run_in(temp.path(), &["new", "handbook"]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
}

const PUBLICATION: &str = "\
# The guide, kept short.
kind: publication
id: guide
title: Guide
sections:
  - id: basics  # first
    title: Basics
    topics:
      - web-services   # the only one so far
    # more topics go above this line
  - id: later
    title: Later
    topics: [sync-basics]
";

fn project_with_comments() -> tempfile::TempDir {
    let temp = tempfile::tempdir().expect("temp");
    let write = |path: &str, text: &str| {
        let path = temp.path().join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    };
    write(
        "content/topic.yaml",
        "kind: concept\nid: web-services\ntitle: What is Web Services?\nanswer:\n  - paragraph: Text.\n",
    );
    write(
        "content/sync.yaml",
        "kind: concept\nid: sync-basics\ntitle: What is a sync?\nanswer:\n  - paragraph: Text.\n",
    );
    write("content/guide.yaml", PUBLICATION);
    temp
}

#[test]
fn a_new_topic_is_listed_in_its_section_keeping_the_publications_comments() {
    let temp = project_with_comments();
    let project = temp.path();
    let added = run_in(
        project,
        &[
            "new",
            "procedure",
            "reset-password",
            "--section",
            "basics",
            "--publication",
            "guide",
        ],
    );
    ok(&added);
    assert!(added.stderr.contains("guide.yaml:10"), "{}", added.stderr);
    let flow = run_in(
        project,
        &[
            "new",
            "error",
            "sync-failed",
            "--section",
            "later",
            "--publication",
            "guide",
        ],
    );
    ok(&flow);
    let expected = PUBLICATION
        .replace(
            "      - web-services   # the only one so far\n",
            "      - web-services   # the only one so far\n      - reset-password\n",
        )
        .replace("[sync-basics]", "[sync-basics, sync-failed]");
    assert_eq!(
        std::fs::read_to_string(project.join("content/guide.yaml")).expect("read"),
        expected
    );
    let topic = std::fs::read_to_string(project.join("content/procedures/reset-password.yaml"))
        .expect("topic");
    assert!(topic.contains("id: reset-password\n"), "{topic}");
    // The new topics load and are placed (the error topic turns on the help bundle, which notes
    // its missing docs address: a warning, not a failure).
    ok(&run_in(project, &["check"]));
    // Nothing is written when the section or publication is not there, or the id is taken.
    for (args, message) in [
        (
            &[
                "new",
                "concept",
                "a",
                "--section",
                "nope",
                "--publication",
                "guide",
            ][..],
            "its sections are: basics, later",
        ),
        (
            &[
                "new",
                "concept",
                "b",
                "--section",
                "basics",
                "--publication",
                "gide",
            ],
            "the publications are: guide",
        ),
        (&["new", "concept", "web-services"], "already used by"),
        (&["new", "concept", "Bad_Id"], "not a valid id"),
    ] {
        let refused = run_in(project, args);
        assert_eq!(refused.code, 2, "{args:?}");
        assert!(
            refused.stderr.contains(message),
            "{args:?}: {}",
            refused.stderr
        );
    }
    assert!(!Path::new(&project.join("content/concepts/a.yaml")).exists());
    assert!(!Path::new(&project.join("content/concepts/b.yaml")).exists());
}
