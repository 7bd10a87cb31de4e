//! Kill-safety: a build killed with SIGKILL at any moment leaves the output folder holding one
//! complete build (the previous one or the new one), never a mix, and the next build cleans up.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::support::{helpdoc_in, run_in};

/// Writes a content set of `topics` procedures in one publication; `variant` changes every title.
fn write_content(dir: &Path, topics: usize, variant: &str) {
    let mut ids = Vec::new();
    for i in 0..topics {
        let id = format!("task-{i}");
        let steps: String = (1..=6)
            .map(|s| format!("  - action: Click **Button {s}** on the _Screen {i}_ page ({variant}).\n    result: Screen {s} opens.\n"))
            .collect();
        let text = format!(
            "kind: procedure\nid: {id}\ntitle: Task {i} ({variant})\nsummary: Do task {i}.\nsteps:\n{steps}"
        );
        let path = dir.join(format!("topics/{}/{id}.yaml", i / 100));
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
        ids.push(id);
    }
    let sections: String = ids
        .chunks(50)
        .enumerate()
        .map(|(n, chunk)| {
            format!(
                "  - id: part-{n}\n    title: Part {n}\n    topics: [{}]\n",
                chunk.join(", ")
            )
        })
        .collect();
    std::fs::write(
        dir.join("guide.yaml"),
        format!("kind: publication\nid: guide\ntitle: Guide {variant}\nsections:\n{sections}"),
    )
    .expect("write");
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&current) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let relative = path.strip_prefix(dir).expect("inside").to_path_buf();
                files.insert(relative, std::fs::read(&path).expect("read"));
            }
        }
    }
    files
}

fn build(project: &Path, content: &str, out: &str) {
    let result = run_in(
        project,
        &[
            "build",
            "--content",
            content,
            "--out",
            out,
            "--format",
            "markdown,html,json",
        ],
    );
    assert_eq!(result.code, 0, "{}", result.stderr);
}

#[test]
fn killed_builds_leave_a_complete_build() {
    let temp = tempfile::tempdir().expect("temp");
    let project = temp.path();
    write_content(&project.join("a"), 800, "A");
    write_content(&project.join("b"), 800, "B");
    build(project, "a", "ref-a");
    build(project, "b", "ref-b");
    let (ref_a, ref_b) = (
        snapshot(&project.join("ref-a")),
        snapshot(&project.join("ref-b")),
    );
    assert_ne!(ref_a, ref_b);

    let started = Instant::now();
    build(project, "a", "out");
    let full_build = started.elapsed();
    let mut seen_new = 0;
    let mut seen_old = 0;
    for round in 0..16u32 {
        let content = if round % 2 == 0 { "b" } else { "a" };
        let mut child = helpdoc_in(project)
            .args([
                "build",
                "--content",
                content,
                "--out",
                "out",
                "--format",
                "markdown,html,json",
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start build");
        // Spread the kills over the whole build, including its very start and its end.
        let delay = full_build.mul_f64(f64::from(round) / 14.0);
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
        let now = snapshot(&project.join("out"));
        if now == ref_a {
            if content == "a" {
                seen_new += 1
            } else {
                seen_old += 1
            }
        } else if now == ref_b {
            if content == "b" {
                seen_new += 1
            } else {
                seen_old += 1
            }
        } else {
            panic!(
                "round {round}: after a kill at {delay:?} the output folder is neither build A nor build B"
            );
        }
    }
    assert!(
        seen_old > 0 && seen_new > 0,
        "kills should land both before and after promotion ({seen_old} old, {seen_new} new)"
    );
    build(project, "b", "out");
    assert_eq!(snapshot(&project.join("out")), ref_b);
    let leftovers: Vec<_> = std::fs::read_dir(project)
        .expect("list")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("helpdoc-staging") || n.contains("helpdoc-old"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "the next build cleans up old staging: {leftovers:?}"
    );
    assert!(full_build < Duration::from_secs(120));
}
