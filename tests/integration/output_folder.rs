//! The output folder: where it leads is decided by the filesystem (links and `..` cannot steer a
//! build into the home or content folder), concurrent builds into it take turns and lose nothing,
//! and a rebuild keeps the files whose bytes did not change.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support::{Run, helpdoc_in};

const TOPIC: &str = "kind: concept\nid: web-services\ntitle: What is Web Services?\nanswer:\n  - paragraph: Text.\n";
const GUIDE: &str = "kind: publication\nid: guide\ntitle: Guide\nsections:\n  - id: basics\n    title: Basics\n    topics: [web-services]\n";

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("create folder");
    std::fs::write(path, text).expect("write fixture");
}

/// A temporary folder holding `project/` (valid content in `project/content/`).
fn project() -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().expect("temp");
    let project = temp
        .path()
        .canonicalize()
        .expect("canonical")
        .join("project");
    write(&project.join("content/topic.yaml"), TOPIC);
    write(&project.join("content/guide.yaml"), GUIDE);
    (temp, project)
}

/// `helpdoc ARGS` in `dir` with `HOME` set to `home`.
fn helpdoc(dir: &Path, home: &Path, args: &[&str]) -> Command {
    let mut command = helpdoc_in(dir);
    command.env("HOME", home).args(args);
    command
}

fn run(mut command: Command) -> Run {
    let output = command.output().expect("the helpdoc binary runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn link(target: &Path, link: &Path) {
    std::os::unix::fs::symlink(target, link).expect("symlink");
}

#[test]
fn a_link_and_dots_cannot_lead_a_forced_build_onto_the_home_folder() {
    let (temp, project) = project();
    let homes = temp.path().canonicalize().expect("canonical").join("homes");
    let home = homes.join("home");
    write(&home.join("notes.txt"), "mine");
    std::fs::create_dir_all(homes.join("elsewhere/deeper")).expect("mkdir");
    // `LINK/..` is `homes/` to the OS, but `project/` to a string rule.
    link(&homes.join("elsewhere"), &project.join("LINK"));
    for force in [true, false] {
        let mut args = vec!["build", "--out", "LINK/../home", "--format", "json"];
        if force {
            args.push("--force");
        }
        let result = run(helpdoc(&project, &home, &args));
        assert_eq!(result.code, 2, "--force {force}: {}", result.stderr);
        assert!(
            result
                .stderr
                .contains("refusing to write into LINK/../home: it is your home folder"),
            "{}",
            result.stderr
        );
        assert!(
            result
                .stderr
                .contains(&format!("leads to {}", home.display())),
            "the message names where the path really leads: {}",
            result.stderr
        );
        assert_eq!(
            std::fs::read_to_string(home.join("notes.txt")).expect("the file is still there"),
            "mine"
        );
        assert!(!home.join(".helpdoc-manifest.json").exists());
    }
    // A folder holding the home folder is refused the same way.
    let result = run(helpdoc(
        &project,
        &home,
        &["build", "--out", "LINK/deeper/../..", "--force"],
    ));
    assert_eq!(result.code, 2, "{}", result.stderr);
    let result = run(helpdoc(
        &project,
        &home,
        &["build", "--out", "LINK/../../homes", "--force"],
    ));
    assert_eq!(result.code, 2, "{}", result.stderr);
    assert!(
        result.stderr.contains("it contains your home folder"),
        "{}",
        result.stderr
    );
    assert_eq!(
        std::fs::read_to_string(home.join("notes.txt")).expect("kept"),
        "mine"
    );
}

#[test]
fn a_link_and_dots_cannot_lead_a_build_into_the_content_folder() {
    let (temp, project) = project();
    std::fs::create_dir_all(project.join("content/sub")).expect("mkdir");
    // `LINK/../out` is `content/out` to the OS, but `project/out` to a string rule.
    link(&project.join("content/sub"), &project.join("LINK"));
    for force in [false, true] {
        let mut args = vec!["build", "--out", "LINK/../out", "--format", "json"];
        if force {
            args.push("--force");
        }
        let result = run(helpdoc(&project, temp.path(), &args));
        assert_eq!(result.code, 2, "--force {force}: {}", result.stderr);
        assert!(
            result.stderr.contains("it is inside the content folder"),
            "{}",
            result.stderr
        );
        assert!(
            !project.join("content/out").exists(),
            "a build was written into the content folder"
        );
        assert!(!project.join("out").exists());
    }
}

#[test]
fn an_output_folder_that_is_a_link_is_refused_however_it_is_written() {
    let (temp, project) = project();
    write(&project.join("elsewhere/keep.txt"), "mine");
    link(&project.join("elsewhere"), &project.join("site"));
    for out in ["site", "site/", "site/.", "site//"] {
        for force in [false, true] {
            let mut args = vec!["build", "--out", out, "--format", "json"];
            if force {
                args.push("--force");
            }
            let result = run(helpdoc(&project, temp.path(), &args));
            assert_eq!(
                result.code, 2,
                "--out {out} --force {force}: {}",
                result.stderr
            );
            assert!(
                result.stderr.contains("refusing"),
                "--out {out}: {}",
                result.stderr
            );
            assert!(
                std::fs::symlink_metadata(project.join("site"))
                    .expect("the link is still there")
                    .is_symlink()
            );
            let kept: Vec<_> = std::fs::read_dir(project.join("elsewhere"))
                .expect("list")
                .flatten()
                .map(|e| e.file_name())
                .collect();
            assert_eq!(kept, ["keep.txt"], "--out {out} --force {force}");
        }
    }
}

/// Writes `exporters/slow/`: a command exporter that sleeps 0 to 0.9 s (from its process id),
/// then writes `slow.txt`.
fn slow_exporter(project: &Path) {
    write(
        &project.join("exporters/slow/exporter.toml"),
        "type = \"command\"\ncommand = [\"sh\", \"slow.sh\"]\ntimeout_seconds = 120\n",
    );
    write(
        &project.join("exporters/slow/slow.sh"),
        "sleep \"0.$(( $$ % 10 ))\"\nprintf 'built by %s\\n' \"$$\" > \"$HELPDOC_OUT/slow.txt\"\n",
    );
}

/// The files under `dir`, relative, sorted (links listed, not followed).
fn files_under(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).expect("list").flatten() {
            let path = entry.path();
            if entry.file_type().expect("type").is_dir() {
                pending.push(path);
            } else {
                let relative = path.strip_prefix(dir).expect("inside");
                found.push(relative.to_string_lossy().into_owned());
            }
        }
    }
    found.sort();
    found
}

#[test]
fn ten_concurrent_builds_take_turns_and_lose_nothing() {
    let (temp, project) = project();
    slow_exporter(&project);
    let formats = ["html,slow", "markdown", "slow,markdown", "html", "slow"];
    let started = Instant::now();
    let builds: Vec<(usize, Child)> = (0..10)
        .map(|i| {
            let mut command = helpdoc(
                &project,
                temp.path(),
                &[
                    "build",
                    "--out",
                    "out",
                    "--format",
                    formats[i % formats.len()],
                ],
            );
            command.stdout(Stdio::null()).stderr(Stdio::piped());
            (i, command.spawn().expect("spawn"))
        })
        .collect();
    let mut waited = 0;
    for (i, child) in builds {
        let output = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "build {i}:\n{stderr}");
        let waits = stderr.matches("waiting for another helpdoc build").count();
        assert!(waits <= 1, "build {i} said it was waiting {waits} times");
        waited += waits;
    }
    assert!(waited > 0, "ten builds at once: some waited for another");
    assert!(started.elapsed() < Duration::from_secs(300));
    let out = project.join("out");
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out.join(".helpdoc-manifest.json")).expect("a manifest"),
    )
    .expect("JSON");
    let listed: Vec<String> = manifest["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| f.as_str().expect("text").to_string())
        .collect();
    for format in ["html/", "markdown/", "slow/"] {
        assert!(
            listed.iter().any(|f| f.starts_with(format)),
            "the build lost {format}: {listed:?}"
        );
    }
    let mut expected = listed.clone();
    expected.push(".helpdoc-manifest.json".into());
    expected.sort();
    assert_eq!(
        files_under(&out),
        expected,
        "the output folder holds exactly the files its manifest lists"
    );
    let leftovers: Vec<_> = std::fs::read_dir(&project)
        .expect("list")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".helpdoc-"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "no staging folder, old build or lock file is left: {leftovers:?}"
    );
}

/// Writes `exporters/held/`: a command exporter that says it started, then waits (at most 60 s)
/// until the test releases it.
fn held_exporter(project: &Path) {
    write(
        &project.join("exporters/held/exporter.toml"),
        "type = \"command\"\ncommand = [\"sh\", \"held.sh\"]\ntimeout_seconds = 120\n",
    );
    write(
        &project.join("exporters/held/held.sh"),
        "touch started\ni=0\nwhile [ ! -e release ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done\n\
         echo held > \"$HELPDOC_OUT/held.txt\"\n",
    );
}

/// Waits (at most 60 s) until `ready` holds.
fn wait_until(what: &str, ready: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !ready() {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Collects a child's standard error as it arrives.
fn collect_stderr(child: &mut Child) -> Arc<Mutex<String>> {
    let text = Arc::new(Mutex::new(String::new()));
    let mut stderr = child.stderr.take().expect("piped");
    let sink = Arc::clone(&text);
    std::thread::spawn(move || {
        let mut buffer = [0u8; 4096];
        while let Ok(n) = stderr.read(&mut buffer) {
            if n == 0 {
                break;
            }
            sink.lock()
                .expect("lock")
                .push_str(&String::from_utf8_lossy(&buffer[..n]));
        }
    });
    text
}

#[test]
fn a_second_build_waits_with_one_message_or_fails_at_once_with_no_wait() {
    let (temp, project) = project();
    held_exporter(&project);
    let held_dir = project.join("exporters/held");
    let build = |extra: &[&str]| {
        let mut args = vec!["build", "--out", "out", "--format"];
        args.extend_from_slice(extra);
        let mut command = helpdoc(&project, temp.path(), &args);
        command.stdout(Stdio::null()).stderr(Stdio::piped());
        command
    };
    let first = build(&["held"]).spawn().expect("spawn");
    wait_until("the first build runs its exporter", || {
        held_dir.join("started").exists()
    });

    let refused = run(build(&["json", "--no-wait"]));
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(
        refused
            .stderr
            .contains("another helpdoc build is writing into out"),
        "{}",
        refused.stderr
    );
    assert!(refused.stderr.contains("--no-wait"), "{}", refused.stderr);

    let mut second = build(&["html"]).spawn().expect("spawn");
    let said = collect_stderr(&mut second);
    wait_until("the second build says it is waiting", || {
        said.lock()
            .expect("lock")
            .contains("waiting for another helpdoc build to finish writing into out")
    });
    write(&held_dir.join("release"), "");
    let first = first.wait_with_output().expect("wait");
    assert_eq!(
        first.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let second_status = second.wait().expect("wait");
    let said = said.lock().expect("lock").clone();
    assert_eq!(second_status.code(), Some(0), "{said}");
    assert_eq!(said.matches("waiting for another").count(), 1, "{said}");
    // The second build came after the first, and kept its format.
    assert!(project.join("out/held/held.txt").exists());
    assert!(project.join("out/html/guide.html").exists());
    let free = run(build(&["json", "--no-wait"]));
    assert_eq!(free.code, 0, "{}", free.stderr);
}

/// The inode of `path`.
fn inode(path: &Path) -> u64 {
    std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(path).expect("built file"))
}

#[test]
fn a_rebuild_keeps_the_files_whose_bytes_did_not_change_and_writes_the_others() {
    let (temp, project) = project();
    let build = |out: &str| {
        let done = run(helpdoc(
            &project,
            temp.path(),
            &[
                "build", "--format", "html", "--format", "markdown", "--out", out,
            ],
        ));
        assert_eq!(done.code, 0, "{}", done.stderr);
    };
    build("out");
    let html = project.join("out/html/guide.html");
    let markdown = crate::support::files_with(&project.join("out/markdown"), "md");
    assert!(html.is_file() && !markdown.is_empty(), "{markdown:?}");
    let before: Vec<u64> = markdown.iter().map(|p| inode(p)).collect();
    let html_before = inode(&html);

    // Nothing changed: every file is the previous build's own.
    build("out");
    assert_eq!(inode(&html), html_before);
    assert_eq!(
        markdown.iter().map(|p| inode(p)).collect::<Vec<_>>(),
        before
    );

    // A file edited by hand since is written anew, with the build's bytes.
    let built = std::fs::read(&html).expect("html");
    std::fs::write(&html, b"edited").expect("edit");
    build("out");
    assert_eq!(std::fs::read(&html).expect("html"), built);

    // Content that changes a file gives that file alone new bytes.
    write(
        &project.join("content/topic.yaml"),
        &TOPIC.replace("Text.", "Other text."),
    );
    let html_edited = inode(&html);
    build("out");
    assert_ne!(inode(&html), html_edited);
    assert_ne!(std::fs::read(&html).expect("html"), built);
}
