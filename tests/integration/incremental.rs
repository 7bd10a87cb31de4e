//! The incremental engine against full builds: random sequences of edits, renames, deletions,
//! new files, broken and fixed references, duplicate ids, syntax errors, fragment and publication
//! changes and word-list changes on a copy of the shipped guide; after every step the engine's
//! diagnostics and every output file must be exactly those of a fresh `check` and `build`.

use std::path::{Path, PathBuf};

use crate::support::copy_tree;
use helpdoc::check::{CheckOptions, check_folder};
use helpdoc::diag::{SourceMap, render_json_line};
use helpdoc::export::Exporter;
use helpdoc::export::registry::builtin;
use helpdoc::incremental::Engine;

/// A small deterministic generator (xorshift64*), so a failing sequence can be replayed from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn exporters() -> Vec<Box<dyn Exporter>> {
    ["markdown", "html", "json"]
        .iter()
        .map(|name| builtin(name).expect("a built-in format"))
        .collect()
}

fn content_files(root: &Path) -> Vec<PathBuf> {
    let mut found = helpdoc::load::discover(root).expect("the copy can be listed");
    found.retain(|p| p.extension().is_some_and(|e| e == "yaml" || e == "csv"));
    found
}

/// Each diagnostic as one JSON line, with its secondary labels (file ids are numbered alike).
fn rendered(diagnostics: &[helpdoc::diag::Diagnostic], sources: &SourceMap) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| format!("{} {:?}", render_json_line(d, sources), d.secondary))
        .collect()
}

/// Compares the engine with a full check and build of `root`.
fn assert_same(engine: &Engine, root: &Path, step: &str) {
    let checked = check_folder(root, &CheckOptions::default()).expect("the copy loads");
    let expected = rendered(&checked.diagnostics, &checked.sources);
    let actual = rendered(engine.diagnostics(), engine.sources().expect("loaded"));
    assert_eq!(actual, expected, "diagnostics differ after {step}");
    let full = (!checked.has_errors())
        .then(|| helpdoc::build::export(&checked.content, &checked.publications, &exporters()));
    match (engine.exports(), full) {
        (None, None) => {}
        (Some(Ok(ours)), Some(Ok(theirs))) => {
            assert_eq!(ours.outputs.len(), theirs.outputs.len());
            for ((name, ours), (_, theirs)) in ours.outputs.iter().zip(&theirs.outputs) {
                let paths = |a: &[helpdoc::export::Artifact]| {
                    a.iter().map(|a| a.path.clone()).collect::<Vec<_>>()
                };
                assert_eq!(
                    paths(ours),
                    paths(theirs),
                    "{name} files differ after {step}"
                );
                for (a, b) in ours.iter().zip(theirs) {
                    assert!(a == b, "{name}/{} differs after {step}", a.path);
                }
            }
            assert_eq!(ours.notes, theirs.notes, "export notes differ after {step}");
        }
        (Some(Err(a)), Some(Err(b))) => assert_eq!(a.to_string(), b.to_string()),
        (ours, theirs) => panic!(
            "after {step}: engine built {:?}, full build {:?}",
            ours.map(|r| r.is_ok()),
            theirs.map(|r| r.is_ok())
        ),
    }
}

/// One random change to the content folder; returns the paths it touched and what it did.
fn mutate(rng: &mut Rng, root: &Path, originals: &[(PathBuf, String)]) -> (Vec<PathBuf>, String) {
    let files = content_files(root);
    let ids: Vec<String> = originals
        .iter()
        .filter_map(|(p, _)| Some(p.file_stem()?.to_string_lossy().into_owned()))
        .collect();
    let file = rng.pick(&files).clone();
    let text = std::fs::read_to_string(&file).unwrap_or_default();
    let write = |path: &Path, text: &str| std::fs::write(path, text).unwrap();
    match rng.below(13) {
        0 | 1 => {
            // Restore a file (or bring a deleted one back), which fixes what was broken there.
            let (path, original) = rng.pick(originals);
            write(path, original);
            (vec![path.clone()], format!("restore {}", path.display()))
        }
        2 => {
            let edited = text.replacen("title: ", "title: Edited ", 1);
            write(&file, &edited);
            (
                vec![file.clone()],
                format!("edit the title of {}", file.display()),
            )
        }
        3 => {
            write(&file, &format!("{text}\n  broken: [unclosed\n"));
            (
                vec![file.clone()],
                format!("break the syntax of {}", file.display()),
            )
        }
        4 => {
            std::fs::remove_file(&file).unwrap();
            (vec![file.clone()], format!("delete {}", file.display()))
        }
        5 => {
            let to = file.with_file_name(format!("renamed-{}", rng.below(1000)));
            let to = to.with_extension("yaml");
            std::fs::rename(&file, &to).unwrap();
            (
                vec![file.clone(), to.clone()],
                format!("rename {} to {}", file.display(), to.display()),
            )
        }
        6 => {
            // A second file with the same id.
            let to = root.join(format!("aa-copy-{}.yaml", rng.below(1000)));
            write(&to, &text);
            (
                vec![to.clone()],
                format!("copy {} to {}", file.display(), to.display()),
            )
        }
        7 => {
            // Point a reference (a link, an include, a placement) at another id, or at none.
            let target = if rng.below(3) == 0 {
                "no-such-id".to_string()
            } else {
                rng.pick(&ids).clone()
            };
            let from = rng.pick(&ids).clone();
            let edited = text.replacen(&from, &target, 1);
            write(&file, &edited);
            (
                vec![file.clone()],
                format!("replace `{from}` with `{target}` in {}", file.display()),
            )
        }
        8 => {
            // Drop or repeat a list item (a section's topic, a step, an include).
            let lines: Vec<&str> = text.lines().collect();
            let items: Vec<usize> = (0..lines.len())
                .filter(|&i| lines[i].trim_start().starts_with("- "))
                .collect();
            if items.is_empty() {
                return (Vec::new(), "nothing".into());
            }
            let at = *rng.pick(&items);
            let mut edited: Vec<&str> = lines.clone();
            if rng.below(2) == 0 {
                edited.remove(at);
            } else {
                edited.insert(at, lines[at]);
            }
            write(&file, &(edited.join("\n") + "\n"));
            (
                vec![file.clone()],
                format!("change list item {at} of {}", file.display()),
            )
        }
        9 => {
            // A fragment's text changes: every topic that includes it changes.
            let fragments: Vec<&(PathBuf, String)> = originals
                .iter()
                .filter(|(p, _)| p.to_string_lossy().contains("fragments"))
                .collect();
            if fragments.is_empty() {
                return (Vec::new(), "nothing".into());
            }
            let (path, original) = *rng.pick(&fragments);
            let edited =
                original.replacen("text: ", &format!("text: Changed {} ", rng.below(100)), 1);
            write(path, &edited);
            (
                vec![path.clone()],
                format!("change fragment {}", path.display()),
            )
        }
        11 => {
            // An alias changes: to another alias, an id or an anchor on its page, a non-slug,
            // or a new one (the alias checks: slugs per file, clashes per publication).
            let with_aliases: Vec<PathBuf> = files
                .iter()
                .filter(|p| std::fs::read_to_string(p).is_ok_and(|t| t.contains("aliases:")))
                .cloned()
                .collect();
            if with_aliases.is_empty() {
                return (Vec::new(), "nothing".into());
            }
            let path = rng.pick(&with_aliases).clone();
            let text = std::fs::read_to_string(&path).unwrap();
            let values = alias_values(&text);
            let Some(from) = values.get(rng.below(values.len().max(1))) else {
                return (Vec::new(), "nothing".into());
            };
            let mut targets: Vec<String> = originals
                .iter()
                .flat_map(|(_, t)| alias_values(t))
                .collect();
            targets.extend(ids.iter().cloned());
            targets.extend([
                "Not a slug".to_string(),
                format!("new-alias-{}", rng.below(100)),
            ]);
            let to = rng.pick(&targets).clone();
            write(
                &path,
                &text.replacen(&format!("- {from}"), &format!("- {to}"), 1),
            );
            (
                vec![path.clone()],
                format!("alias `{from}` to `{to}` in {}", path.display()),
            )
        }
        12 => {
            // A condition or a publication's selection changes: to the other value, an
            // unknown value or an unknown dimension (the condition checks' context).
            let words = ["enterprise", "standard", "edition", "multi-entity"];
            let with: Vec<PathBuf> = files
                .iter()
                .filter(|p| {
                    std::fs::read_to_string(p).is_ok_and(|t| words.iter().any(|w| t.contains(w)))
                })
                .cloned()
                .collect();
            if with.is_empty() {
                return (Vec::new(), "nothing".into());
            }
            let selecting: Vec<PathBuf> = (with.iter())
                .filter(|p| std::fs::read_to_string(p).is_ok_and(|t| t.contains("select: {")))
                .cloned()
                .collect();
            // Half the time a publication's selection: what holds everywhere else changes.
            let path = match rng.below(2) {
                0 if !selecting.is_empty() => rng.pick(&selecting).clone(),
                _ => rng.pick(&with).clone(),
            };
            let text = std::fs::read_to_string(&path).unwrap();
            let from = *rng.pick(&words);
            let to = *rng.pick(&[
                "enterprise",
                "standard",
                "premium",
                "editon",
                "single-entity",
            ]);
            write(&path, &text.replacen(from, to, 1));
            (
                vec![path.clone()],
                format!("condition `{from}` to `{to}` in {}", path.display()),
            )
        }
        _ => {
            let wordlist = root.join("wordlist.txt");
            let words = std::fs::read_to_string(&wordlist).unwrap_or_default();
            write(&wordlist, &format!("{words}Edited\n"));
            (vec![wordlist], "add a word to the word list".into())
        }
    }
}

/// The values listed under `aliases:` in a YAML text.
fn alias_values(text: &str) -> Vec<String> {
    let mut values = Vec::new();
    let mut under: Option<usize> = None;
    for line in text.lines() {
        let indent = line.len() - line.trim_start().len();
        match under {
            Some(at) if indent >= at && line.trim_start().starts_with("- ") => {
                values.push(line.trim_start()[2..].trim().to_string());
                continue;
            }
            _ => under = None,
        }
        if line.trim() == "aliases:" || line.trim() == "- aliases:" {
            under = Some(indent);
        }
    }
    values
}

/// Applies `steps` random changes (from `seed`) to a copy of the content set at `set` (relative
/// to the repository), comparing the engine with a full build after each.
fn run_sequence(set: &str, seed: u64, steps: usize) {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path().join("content");
    copy_tree(&helpdoc_repo().join(set), &root);
    let originals: Vec<(PathBuf, String)> = content_files(&root)
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect();
    let mut engine = Engine::new(&root, exporters());
    engine.update(&[], &CheckOptions::default()).unwrap();
    assert_same(
        &engine,
        &root,
        &format!("{set}, seed {seed}: the first build"),
    );
    let mut rng = Rng(seed);
    let mut done = Vec::new();
    for _ in 0..steps {
        let (changed, what) = mutate(&mut rng, &root, &originals);
        done.push(what);
        engine.update(&changed, &CheckOptions::default()).unwrap();
        assert_same(
            &engine,
            &root,
            &format!("{set}, seed {seed}, steps:\n  {}", done.join("\n  ")),
        );
    }
}

fn helpdoc_repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn incremental_matches_full_builds_after_random_changes() {
    for seed in [0x9E37_79B9_7F4A_7C15, 0xD1B5_4A32_D192_ED03, 0x2545_F491] {
        run_sequence("content", seed, 30);
    }
    // The model tour: every construct of the model (tabs, groups, aliases, shared causes, …).
    for seed in [0x5851_F42D_4C95_7F2D, 0x1405_7B7E_F767_814F] {
        run_sequence("examples/model-tour", seed, 30);
    }
}

#[test]
fn incremental_redoes_only_what_an_edit_touches() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path().join("content");
    copy_tree(&helpdoc_repo().join("content"), &root);
    let mut engine = Engine::new(&root, exporters());
    engine.update(&[], &CheckOptions::default()).unwrap();
    assert!(engine.work().full);
    let topic = root.join("sage-intacct/errors/missing-permissions.yaml");
    let text = std::fs::read_to_string(&topic).unwrap();
    std::fs::write(&topic, text.replacen("title: ", "title: Edited ", 1)).unwrap();
    engine.update(&[topic], &CheckOptions::default()).unwrap();
    let work = engine.work().clone();
    assert!(!work.full);
    assert_eq!(work.read, 1, "{work:?}");
    // The topic, and the documents whose links show its title; not the other 17.
    assert!(
        work.checked <= 7,
        "only the topic and what links to it: {work:?}"
    );
    assert!(work.exported <= work.resolved * 3, "{work:?}");
    assert_same(&engine, &root, "editing one title");
}

/// Data files feed tables, lists and tabs in documents that never name a changed id: an edited
/// cell, a broken row, a column a view names going away and the file coming back all reach the
/// outputs and the diagnostics exactly as a full build has them.
#[test]
fn data_file_edits_reach_every_view() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path().join("content");
    copy_tree(&helpdoc_repo().join("examples/model-tour"), &root);
    let mut engine = Engine::new(&root, exporters());
    engine.update(&[], &CheckOptions::default()).unwrap();
    let data = root.join("data/sync-permissions.csv");
    let original = std::fs::read_to_string(&data).unwrap();
    let edits = [
        (
            "edit a cell",
            original.replacen("View devices", "See devices", 1),
        ),
        ("break a row", format!("{original}Devices,\"unclosed\n")),
        (
            "rename a column",
            original.replacen("Permission", "Right", 1),
        ),
        ("restore the file", original.clone()),
    ];
    for (what, text) in edits {
        std::fs::write(&data, text).unwrap();
        engine
            .update(std::slice::from_ref(&data), &CheckOptions::default())
            .unwrap();
        assert_same(&engine, &root, what);
    }
    std::fs::remove_file(&data).unwrap();
    engine
        .update(std::slice::from_ref(&data), &CheckOptions::default())
        .unwrap();
    assert_same(&engine, &root, "delete the file");
}

/// A topic's `when` decides whether a publication places it, so whether another publication
/// links to its docs page or leaves plain text, without any publication changing: the engine's
/// docs-pages indexes (kept per publication) follow it, from each edit and back. (Here the
/// standard variant links to the topic from a step but no longer places it.)
#[test]
fn a_topic_leaving_a_variant_moves_its_docs_links() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path().join("content");
    copy_tree(&helpdoc_repo().join("examples/model-tour"), &root);
    let standard = root.join("publications/model-tour-cause-list.yaml");
    let text = std::fs::read_to_string(&standard).unwrap();
    std::fs::write(
        &standard,
        text.replacen("      - entity-audit-log\n", "", 1),
    )
    .unwrap();
    let linking = root.join("variants/add-an-entity.yaml");
    let text = std::fs::read_to_string(&linking).unwrap();
    let link = "Confirm the name (see [the audit log](topic:entity-audit-log)).";
    std::fs::write(&linking, text.replacen("Confirm the name.", link, 1)).unwrap();
    let mut engine = Engine::new(&root, exporters());
    engine.update(&[], &CheckOptions::default()).unwrap();
    let topic = root.join("variants/entity-audit-log.yaml");
    let original = std::fs::read_to_string(&topic).unwrap();
    let edits = [
        ("in both variants", ""),
        ("in the standard variant only", "when: {edition: standard}"),
        ("in both variants again", ""),
        (
            "back to the enterprise variant",
            "when: {edition: enterprise}",
        ),
    ];
    for (what, when) in edits {
        let text = original.replacen("when: {edition: enterprise}", when, 1);
        std::fs::write(&topic, text).unwrap();
        engine
            .update(std::slice::from_ref(&topic), &CheckOptions::default())
            .unwrap();
        assert!(!engine.has_errors(), "{what}: {:?}", engine.diagnostics());
        assert_same(&engine, &root, what);
    }
}

/// The same for the bundles' deep links, which come from the resolved publications: a
/// JSON-only publication links an error topic to the first Markdown page that holds it, and
/// that page moves when the topic's `when` leaves one variant out.
#[test]
fn a_topic_leaving_a_variant_moves_its_bundle_links() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path().join("content");
    copy_tree(&helpdoc_repo().join("examples/model-tour"), &root);
    let help = [
        "kind: publication",
        "id: in-product",
        "title: Help",
        "variables:",
        "  entity_limit: \"3\"",
        "sections:",
        "  - id: errors",
        "    title: Errors",
        "    topics: [entity-limit-reached]",
        "formats:",
        "  json: {enabled: true}",
        "  markdown: {enabled: false}",
        "  html: {enabled: false}",
        "  pdf: {enabled: false}",
    ]
    .join("\n");
    std::fs::write(root.join("publications/in-product.yaml"), help).unwrap();
    let mut engine = Engine::new(&root, exporters());
    engine.update(&[], &CheckOptions::default()).unwrap();
    assert!(!engine.has_errors(), "{:?}", engine.diagnostics());
    let topic = root.join("variants/entity-limit-reached.yaml");
    let original = std::fs::read_to_string(&topic).unwrap();
    let standard = original.replacen(
        "user_recoverable: false\n",
        "user_recoverable: false\nwhen: {edition: standard}\n",
        1,
    );
    for (what, text) in [
        ("in the standard variant only", &standard),
        ("in both again", &original),
    ] {
        std::fs::write(&topic, text).unwrap();
        engine
            .update(std::slice::from_ref(&topic), &CheckOptions::default())
            .unwrap();
        assert!(!engine.has_errors(), "{what}: {:?}", engine.diagnostics());
        assert_same(&engine, &root, what);
    }
}

/// The whole-set checks kept between rounds (`duplicate-id`, `duplicate-topic`) follow edits
/// that keep every id: a message becoming another topic's, a duplicate's place in its file
/// moving, an id changing and a duplicate going away.
#[test]
fn whole_set_checks_follow_edits_that_keep_the_files() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path().join("content");
    copy_tree(&helpdoc_repo().join("content"), &root);
    let mut engine = Engine::new(&root, exporters());
    engine.update(&[], &CheckOptions::default()).unwrap();
    let errors = root.join("sage-intacct/errors");
    let (first, second) = (
        errors.join("missing-permissions.yaml"),
        errors.join("unable-to-connect.yaml"),
    );
    let (first_text, second_text) = (
        std::fs::read_to_string(&first).unwrap(),
        std::fs::read_to_string(&second).unwrap(),
    );
    let same_message = second_text.replacen(
        "message: Unable to connect to Intacct",
        "message: Missing permissions",
        1,
    );
    let copy = errors.join("aa-copy.yaml");
    let steps = [
        (
            "a second topic for a message",
            &second,
            same_message.clone(),
        ),
        (
            "the second one moves down its file",
            &second,
            format!("# moved\n{same_message}"),
        ),
        ("the second one restored", &second, second_text.clone()),
        (
            "the second one takes another's id",
            &second,
            second_text.replacen("id: unable-to-connect", "id: no-credentials-email", 1),
        ),
        (
            "the second one restored again",
            &second,
            second_text.clone(),
        ),
        ("a copy with the same id", &copy, first_text.clone()),
        (
            "the copy's id moves down its file",
            &copy,
            format!("# moved\n{first_text}"),
        ),
        (
            "the copy gets its own id",
            &copy,
            first_text.replacen("id: missing-permissions", "id: missing-permissions-2", 1),
        ),
    ];
    for (what, path, text) in steps {
        std::fs::write(path, text).unwrap();
        engine
            .update(std::slice::from_ref(path), &CheckOptions::default())
            .unwrap();
        let duplicated = !what.contains("restored");
        assert_eq!(
            engine.has_errors(),
            duplicated,
            "{what}: duplicates are errors"
        );
        assert_same(&engine, &root, what);
    }
    std::fs::remove_file(&copy).unwrap();
    engine
        .update(std::slice::from_ref(&copy), &CheckOptions::default())
        .unwrap();
    assert_same(&engine, &root, "the copy deleted");
}
