//! Golden outputs: a small fixture's Markdown, HTML and JSON pinned as snapshots, so any change to
//! an exporter's output shows up as a reviewable diff (`cargo insta review`).

use crate::support::{fixture, run};

/// Every text file under `dir`, relative and `/`-separated, sorted.
fn text_files(dir: &std::path::Path) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).expect("output folder is readable") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let relative = path.strip_prefix(dir).expect("inside").to_string_lossy();
                let text = std::fs::read_to_string(&path).expect("outputs are UTF-8 text");
                found.push((relative.replace('\\', "/"), text));
            }
        }
    }
    found.sort();
    found
}

#[test]
fn markdown_html_and_json_match_their_snapshots() {
    let out = tempfile::tempdir().expect("temp dir");
    let content = fixture("golden");
    let result = run(&[
        "build",
        "--content",
        content.to_str().expect("utf-8 path"),
        "--out",
        out.path().to_str().expect("utf-8 path"),
        "--format",
        "markdown,html,json",
        "--deny-warnings",
    ]);
    assert_eq!(result.code, 0, "build failed:\n{}", result.stderr);
    let files = text_files(out.path());
    let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(
        names,
        [
            ".helpdoc-manifest.json",
            "html/golden.html",
            "json/golden.json",
            "markdown/golden/_category_.json",
            "markdown/golden/errors.md",
            "markdown/golden/prerequisites.md",
            "markdown/golden/subscription.md",
        ]
    );
    for (name, text) in &files {
        let snapshot = format!(
            "golden__{}",
            name.trim_start_matches('.').replace('/', "__")
        );
        insta::assert_snapshot!(snapshot, text);
    }
}
