//! `helpdoc watch`: rebuilds the outputs after an edit (only the changed publications' files,
//! the whole equal to a fresh build), and leaves the output lock free between builds so a
//! `build` run by hand is not blocked.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant, SystemTime};

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

/// Reads the watch's lines until one holds `text`, or fails after a deadline.
fn wait_for_line(lines: &std::sync::mpsc::Receiver<String>, text: &str) {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match lines.recv_timeout(left) {
            Ok(line) if line.contains(text) => return,
            Ok(_) => {}
            Err(_) => panic!("the watch never said {text:?}"),
        }
    }
}

#[test]
fn watch_rebuilds_after_an_edit_and_holds_the_lock_only_while_writing() {
    let temp = tempfile::tempdir().expect("temp");
    let project = temp.path();
    std::fs::create_dir_all(project.join("content")).expect("mkdir");
    std::fs::write(project.join("content/topic.yaml"), TOPIC).expect("write");
    std::fs::write(project.join("content/guide.yaml"), GUIDE).expect("write");
    let mut child = helpdoc_in(project)
        .args(["watch", "--format", "html"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("watch starts");
    let stderr = child.stderr.take().expect("stderr");
    let _watching = Watching(child);
    let (said, lines) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if said.send(line).is_err() {
                return;
            }
        }
    });
    let page = project.join("build/html/guide.html");
    wait_for(&page, "First text.");
    // The watch says it is watching once a build is written and the lock let go.
    wait_for_line(&lines, "watching ");
    // Between builds the lock is free: a build that refuses to wait succeeds.
    let by_hand = run_in(project, &["build", "--format", "html,json", "--no-wait"]);
    assert_eq!(by_hand.code, 0, "{}", by_hand.stderr);
    std::fs::write(
        project.join("content/topic.yaml"),
        TOPIC.replace("First text.", "Second text."),
    )
    .expect("edit");
    wait_for(&page, "Second text.");
    // Past anything said before that build (an edit's truncation can be seen as an empty file).
    wait_for_line(&lines, "watching ");
    // A broken file keeps the last good outputs; fixing it rebuilds.
    std::fs::write(project.join("content/topic.yaml"), "kind: concept\nid: [\n").expect("break");
    wait_for_line(&lines, "the last good outputs in");
    let kept = std::fs::read_to_string(&page).expect("the page is kept");
    assert!(kept.contains("Second text."), "{kept}");
    std::fs::write(
        project.join("content/topic.yaml"),
        TOPIC.replace("First text.", "Third text."),
    )
    .expect("fix");
    wait_for(&page, "Third text.");
}

const OTHER_TOPIC: &str = "kind: concept\nid: other-topic\ntitle: What is the other thing?\nanswer:\n  - paragraph: Other text.\n";
const OTHER: &str = "kind: publication\nid: other\ntitle: Other\nsections:\n  - id: basics\n    title: Basics\n    topics: [other-topic]\n";

/// Every file under `dir` (relative, `/`-separated) with what `each` says of it.
fn files<T>(dir: &Path, each: &dyn Fn(&Path) -> T) -> BTreeMap<String, T> {
    let mut found = BTreeMap::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("list").flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else {
                let relative = path.strip_prefix(dir).expect("inside");
                found.insert(relative.to_string_lossy().replace('\\', "/"), each(&path));
            }
        }
    }
    found
}

/// A file's identity and modification time: a file written again has a new one (the build is
/// written into a staging folder), a file carried over keeps its own (a hard link).
fn stamp(path: &Path) -> (u64, SystemTime) {
    let meta = std::fs::metadata(path).expect("stat");
    (meta.ino(), meta.modified().expect("mtime"))
}

/// Polls until `done` holds, or fails after a deadline.
fn wait_until(what: &str, done: &dyn Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !done() {
        assert!(Instant::now() < deadline, "the watch never {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn watch_rewrites_only_the_changed_publication_and_equals_a_fresh_build() {
    let temp = tempfile::tempdir().expect("temp");
    let project = temp.path();
    let content = project.join("content");
    std::fs::create_dir_all(&content).expect("mkdir");
    let write = |name: &str, text: &str| std::fs::write(content.join(name), text).expect("write");
    write("topic.yaml", TOPIC);
    write("guide.yaml", GUIDE);
    write("other-topic.yaml", OTHER_TOPIC);
    write("other.yaml", OTHER);
    let child = helpdoc_in(project)
        .args(["watch", "--format", "html,markdown"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("watch starts");
    let _watching = Watching(child);
    let out = project.join("build");
    let holds = |file: &str, text: &str| {
        std::fs::read_to_string(out.join(file)).is_ok_and(|found| found.contains(text))
    };
    wait_until("built both publications", &|| {
        holds("html/guide.html", "First text.") && holds("html/other.html", "Other text.")
    });
    let before = files(&out, &stamp);
    let bytes_before = files(&out, &|path| std::fs::read(path).expect("read"));
    let owned =
        |id: &str, file: &str| file.contains(id) || file.starts_with(&format!("markdown/{id}/"));

    // An edit of a topic only the guide places rewrites the guide's files and no other.
    write("topic.yaml", &TOPIC.replace("First text.", "Second text."));
    wait_until("rebuilt the guide", &|| {
        holds("html/guide.html", "Second text.")
    });
    let after = files(&out, &stamp);
    let bytes_after = files(&out, &|path| std::fs::read(path).expect("read"));
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "the same files"
    );
    let other: Vec<&String> = before.keys().filter(|f| owned("other", f)).collect();
    assert!(
        other.len() >= 2,
        "the other publication has files in both formats: {other:?}"
    );
    for file in &other {
        assert_eq!(before[*file], after[*file], "{file} was written again");
    }
    // The guide's files are written again where their bytes changed, and kept where not.
    let guide: Vec<&String> = before.keys().filter(|f| owned("guide", f)).collect();
    let changed: Vec<&&String> = (guide.iter())
        .filter(|f| bytes_before[**f] != bytes_after[**f])
        .collect();
    assert!(changed.len() >= 2, "both formats change: {guide:?}");
    for file in &guide {
        if changed.contains(&file) {
            assert_ne!(before[*file], after[*file], "{file} was not written again");
        } else {
            assert_eq!(
                before[*file], after[*file],
                "{file} was written again, unchanged"
            );
        }
    }

    // A sequence of edits: a new publication, a deleted one, a retitled one, a broken file
    // (the last good outputs stay) and its fix.
    write("third.yaml", &OTHER.replace("id: other", "id: third"));
    wait_until("built the new publication", &|| {
        out.join("html/third.html").exists()
    });
    std::fs::remove_file(content.join("other.yaml")).expect("delete");
    wait_until("removed the deleted publication's files", &|| {
        !out.join("html/other.html").exists()
    });
    write(
        "guide.yaml",
        &GUIDE.replace("title: Guide", "title: Renamed Guide"),
    );
    wait_until("retitled the guide", &|| {
        holds("html/guide.html", "Renamed Guide")
    });
    write("topic.yaml", "kind: concept\nid: [\n");
    std::thread::sleep(Duration::from_millis(800));
    assert!(
        holds("html/guide.html", "Second text."),
        "the last good output stays"
    );
    write("topic.yaml", &TOPIC.replace("First text.", "Final text."));
    wait_until("rebuilt after the fix", &|| {
        holds("html/guide.html", "Final text.")
    });

    let fresh = run_in(
        project,
        &["build", "--format", "html,markdown", "--out", "fresh"],
    );
    assert_eq!(fresh.code, 0, "{}", fresh.stderr);
    let read = |path: &Path| std::fs::read(path).expect("read");
    let watched = files(&out, &read);
    let built = files(&project.join("fresh"), &read);
    assert_eq!(
        watched.keys().collect::<Vec<_>>(),
        built.keys().collect::<Vec<_>>(),
        "the watched output has the files of a fresh build"
    );
    for (file, bytes) in &built {
        assert!(watched[file] == *bytes, "{file} differs from a fresh build");
    }
}
