//! Replays every committed fuzz input (the minimized corpus in `fuzz/corpus/<target>/` and the
//! crashes in `fuzz/regressions/<target>/`) through the fuzz targets' own code, without
//! libFuzzer, so what the fuzzers found stays fixed under `cargo test`.

#[path = "../../fuzz/src/lib.rs"]
mod harness;

use std::path::PathBuf;

use crate::support::repo;

/// The inputs committed for a target, sorted: (corpus files, crash files).
fn inputs(target: &str) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let list = |folder: &str| {
        let dir = repo().join("fuzz").join(folder).join(target);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map(|entries| entries.filter_map(|e| Some(e.ok()?.path())).collect())
            .unwrap_or_default();
        files.retain(|p| p.is_file());
        files.sort();
        files
    };
    (list("corpus"), list("regressions"))
}

/// Runs every input of `target`; fails naming each input that panics.
fn replay(target: &str) {
    let (_, run) = harness::TARGETS
        .iter()
        .find(|(name, _)| *name == target)
        .expect("a fuzz target of that name");
    let (corpus, crashes) = inputs(target);
    assert!(
        !corpus.is_empty(),
        "fuzz/corpus/{target}/ holds no inputs: run the target and `cargo fuzz cmin {target}`"
    );
    let failed: Vec<String> = corpus
        .iter()
        .chain(&crashes)
        .filter(|path| {
            let data = std::fs::read(path).expect("a fuzz input is readable");
            std::panic::catch_unwind(|| run(&data)).is_err()
        })
        .map(|path| path.display().to_string())
        .collect();
    assert!(
        failed.is_empty(),
        "{} of {} inputs fail (reproduce with `cargo fuzz run {target} FILE`):\n{}",
        failed.len(),
        corpus.len() + crashes.len(),
        failed.join("\n")
    );
}

#[test]
fn load_yaml_inputs() {
    replay("load_yaml");
}

#[test]
fn load_json_inputs() {
    replay("load_json");
}

#[test]
fn rich_text_inputs() {
    replay("rich_text");
}

#[test]
fn import_markdown_inputs() {
    replay("import_markdown");
}

#[test]
fn markdown_code_inputs() {
    replay("markdown_code");
}

#[test]
fn exporters_inputs() {
    replay("exporters");
}
