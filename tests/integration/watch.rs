//! `helpdoc watch`: rebuilds the outputs after an edit, and leaves the output lock free between
//! builds so a `build` run by hand is not blocked.

use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::support::{helpdoc_in, run_in};

const TOPIC: &str = "kind: concept\nid: web-services\ntitle: What is Web Services?\nanswer:\n  - paragraph: First text.\n";
const GUIDE: &str = "kind: publication\nid: guide\ntitle: Guide\nsections:\n  - id: basics\n    title: Basics\n    topics: [web-services]\n";

/// Ends the watch however the test ends.
struct Watching(Child);

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Polls until `path` holds `text`, or fails after a deadline.
fn wait_for(path: &Path, text: &str) {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if std::fs::read_to_string(path).is_ok_and(|found| found.contains(text)) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{} never held {text:?}",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn watch_rebuilds_after_an_edit_and_holds_the_lock_only_while_writing() {
    let temp = tempfile::tempdir().expect("temp");
    let project = temp.path();
    std::fs::create_dir_all(project.join("content")).expect("mkdir");
    std::fs::write(project.join("content/topic.yaml"), TOPIC).expect("write");
    std::fs::write(project.join("content/guide.yaml"), GUIDE).expect("write");
    let child = helpdoc_in(project)
        .args(["watch", "--format", "html"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("watch starts");
    let _watching = Watching(child);
    let page = project.join("build/html/guide.html");
    wait_for(&page, "First text.");
    // Between builds the lock is free: a build that refuses to wait succeeds.
    let by_hand = run_in(project, &["build", "--format", "html,json", "--no-wait"]);
    assert_eq!(by_hand.code, 0, "{}", by_hand.stderr);
    std::fs::write(
        project.join("content/topic.yaml"),
        TOPIC.replace("First text.", "Second text."),
    )
    .expect("edit");
    wait_for(&page, "Second text.");
    // A broken file keeps the last good outputs; fixing it rebuilds.
    std::fs::write(project.join("content/topic.yaml"), "kind: concept\nid: [\n").expect("break");
    std::thread::sleep(Duration::from_millis(800));
    wait_for(&page, "Second text.");
    std::fs::write(
        project.join("content/topic.yaml"),
        TOPIC.replace("First text.", "Third text."),
    )
    .expect("fix");
    wait_for(&page, "Third text.");
}
