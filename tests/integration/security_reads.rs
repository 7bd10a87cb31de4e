//! Every file helpdoc reads goes through one guard: links out of the project, FIFOs, devices and
//! oversized files are refused with a diagnostic naming them, in bounded time and memory, and a
//! refused file's content never reaches the terminal or the output. Files helpdoc writes get the
//! normal mode.

use std::os::unix::fs::{PermissionsExt, symlink};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rustix::fs::Mode;

use crate::support::{Run, helpdoc_in};

/// A line that must never be printed or copied.
const SECRET: &str = "AWS_SECRET_ACCESS_KEY=hunter2-do-not-print";

const TOPIC: &str = "kind: concept\nid: web-services\ntitle: What is Web Services?\nanswer:\n  - paragraph: Text.\n";
const GUIDE: &str = "kind: publication\nid: guide\ntitle: Guide\nsections:\n  - id: basics\n    title: Basics\n    topics: [web-services]\n";

/// Runs `helpdoc ARGS` in `dir` under a 1 GiB address-space limit and umask 022, killing it
/// after 20 s so that a hang fails the test instead of stalling the suite.
fn guarded_run(dir: &Path, args: &[&str]) -> Run {
    let logs = tempfile::tempdir().expect("temp");
    let stdout = std::fs::File::create(logs.path().join("out")).expect("log");
    let stderr = std::fs::File::create(logs.path().join("err")).expect("log");
    let mut command = helpdoc_in(dir);
    command.args(args).stdout(stdout).stderr(stderr);
    // SAFETY: `setrlimit` and `umask` are async-signal-safe system calls.
    unsafe {
        command.pre_exec(|| {
            let limit = Some(1 << 30);
            rustix::process::setrlimit(
                rustix::process::Resource::As,
                rustix::process::Rlimit {
                    current: limit,
                    maximum: limit,
                },
            )?;
            rustix::process::umask(Mode::from_raw_mode(0o022));
            Ok(())
        });
    }
    let mut child = command.spawn().expect("the helpdoc binary runs");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "helpdoc {args:?} did not end within 20 s:\n{}",
                std::fs::read_to_string(logs.path().join("err")).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let read = |name: &str| {
        String::from_utf8_lossy(&std::fs::read(logs.path().join(name)).expect("log")).into_owned()
    };
    let run = Run {
        code: status.code().unwrap_or(-1),
        stdout: read("out"),
        stderr: read("err"),
    };
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run
}

fn write(path: &Path, text: impl AsRef<[u8]>) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).expect("create folder");
    }
    std::fs::write(path, text).expect("write fixture");
}

fn fifo(path: &Path) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).expect("create folder");
    }
    rustix::fs::mkfifoat(rustix::fs::CWD, path, Mode::from_raw_mode(0o644)).expect("mkfifo");
}

fn link(target: &Path, at: &Path) {
    if let Some(dir) = at.parent() {
        std::fs::create_dir_all(dir).expect("create folder");
    }
    symlink(target, at).expect("symlink");
}

/// A project with valid content in `c/` and a secret file next to it, outside `c/`.
fn project() -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().expect("temp");
    write(&temp.path().join("c/topic.yaml"), TOPIC);
    write(&temp.path().join("c/guide.yaml"), GUIDE);
    let secret = temp.path().join("secret.env");
    write(&secret, format!("{SECRET}\n"));
    (temp, secret)
}

/// Every file under `dir`, with its bytes.
fn files_under(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                pending.push(path);
            } else {
                found.push((path.clone(), std::fs::read(&path).unwrap_or_default()));
            }
        }
    }
    found
}

fn assert_no_secret(run: &Run) {
    assert!(
        !run.stdout.contains("hunter2") && !run.stderr.contains("hunter2"),
        "the secret was printed:\n{}{}",
        run.stdout,
        run.stderr
    );
}

/// Runs `check` on a project whose `c/NAME` is made by `make` (given the project's secret file
/// and the path to create), and checks the run names the file with `expected` in its message,
/// fails, and never prints the secret.
fn refused_project_file(name: &str, make: fn(&Path, &Path), expected: &str) {
    let (temp, secret) = project();
    make(&secret, &temp.path().join("c").join(name));
    let run = guarded_run(temp.path(), &["check", "--content", "c"]);
    assert_no_secret(&run);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("c/{name}")) && run.stderr.contains(expected),
        "{}",
        run.stderr
    );
}

fn link_to_secret(secret: &Path, at: &Path) {
    link(secret, at);
}

fn make_fifo(_: &Path, at: &Path) {
    fifo(at);
}

fn link_to_dev_zero(_: &Path, at: &Path) {
    link(Path::new("/dev/zero"), at);
}

#[test]
fn a_config_linked_out_of_the_folder_is_refused_unquoted() {
    refused_project_file("helpdoc.toml", link_to_secret, "outside the content folder");
}

#[test]
fn a_wordlist_linked_out_of_the_folder_is_refused_unquoted() {
    refused_project_file("wordlist.txt", link_to_secret, "outside the content folder");
}

#[test]
fn a_config_that_is_a_fifo_ends_with_a_diagnostic() {
    refused_project_file("helpdoc.toml", make_fifo, "a FIFO");
}

#[test]
fn a_wordlist_that_is_a_fifo_ends_with_a_diagnostic() {
    refused_project_file("wordlist.txt", make_fifo, "a FIFO");
}

#[test]
fn a_config_linked_to_dev_zero_ends_with_a_diagnostic() {
    refused_project_file("helpdoc.toml", link_to_dev_zero, "a device");
}

#[test]
fn a_wordlist_linked_to_dev_zero_ends_with_a_diagnostic() {
    refused_project_file("wordlist.txt", link_to_dev_zero, "a device");
}

#[test]
fn content_files_that_are_fifos_or_devices_are_diagnostics() {
    let (temp, _) = project();
    fifo(&temp.path().join("c/pipe.yaml"));
    link(Path::new("/dev/zero"), &temp.path().join("c/zero.json"));
    let run = guarded_run(temp.path(), &["check", "--content", "c"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("c/pipe.yaml") && run.stderr.contains("a FIFO"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("c/zero.json") && run.stderr.contains("a device"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_template_pack_file_linked_out_of_the_pack_is_not_copied() {
    let (temp, secret) = project();
    write(
        &temp.path().join("exporters/pack/exporter.toml"),
        "type = \"template-pack\"\nbase = \"html\"\n",
    );
    link(
        &secret,
        &temp.path().join("exporters/pack/templates/theme.css"),
    );
    let run = guarded_run(
        temp.path(),
        &[
            "build",
            "--content",
            "c",
            "--out",
            "out",
            "--format",
            "pack",
        ],
    );
    assert_no_secret(&run);
    assert_ne!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("templates/theme.css")
            && run.stderr.contains("outside the template pack"),
        "{}",
        run.stderr
    );
    for (path, bytes) in files_under(&temp.path().join("out")) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("hunter2"),
            "{} holds the secret",
            path.display()
        );
    }
}

#[test]
fn an_exporter_manifest_that_is_a_fifo_ends_with_a_diagnostic() {
    let (temp, _) = project();
    fifo(&temp.path().join("exporters/pipe/exporter.toml"));
    let run = guarded_run(
        temp.path(),
        &[
            "build",
            "--content",
            "c",
            "--out",
            "out",
            "--format",
            "pipe",
        ],
    );
    assert_ne!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("exporters/pipe/exporter.toml") && run.stderr.contains("a FIFO"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_command_exporters_link_to_an_outside_file_is_not_copied() {
    let (temp, secret) = project();
    let secret = secret.to_string_lossy().into_owned();
    write(
        &temp.path().join("exporters/leak/exporter.toml"),
        format!(
            "type = \"command\"\ncommand = [\"sh\", \"-c\", \"ln -s '{secret}' \\\"$HELPDOC_OUT/leak.txt\\\"\"]\n"
        ),
    );
    let run = guarded_run(
        temp.path(),
        &[
            "build",
            "--content",
            "c",
            "--out",
            "out",
            "--format",
            "leak",
        ],
    );
    assert_no_secret(&run);
    assert_ne!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("leak.txt"), "{}", run.stderr);
    assert!(files_under(&temp.path().join("out")).is_empty());
}

/// A draft page holding `markdown` at `drafts/page.md` under `dir`.
fn draft(dir: &Path, markdown: &str) -> PathBuf {
    let path = dir.join("drafts/page.md");
    write(&path, markdown);
    path
}

#[test]
fn import_refuses_images_outside_the_drafts_folder_and_copies_nothing() {
    let temp = tempfile::tempdir().expect("temp");
    write(&temp.path().join("secret/id_rsa"), SECRET);
    write(&temp.path().join("secret/key.png"), SECRET);
    let work = temp.path().join("work");
    link(
        &temp.path().join("secret/key.png"),
        &work.join("drafts/linked.png"),
    );
    draft(
        &work,
        "# How do I sign in?\n\n1. Open the page.\n\n![Key](../../secret/id_rsa)\n\n![Linked](linked.png)\n",
    );
    let run = guarded_run(&work, &["import", "drafts/page.md", "--out", "content"]);
    assert_no_secret(&run);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("drafts/page.md:5:1: error: the image `../../secret/id_rsa` was not copied")
            && run
                .stderr
                .contains("drafts/page.md:7:1: error: the image `linked.png` was not copied")
            && run.stderr.contains("outside the draft's folder"),
        "{}",
        run.stderr
    );
    assert!(
        files_under(&work.join("content")).is_empty(),
        "{:?}",
        files_under(&work.join("content"))
    );
}

#[test]
fn a_draft_that_is_a_fifo_ends_with_a_diagnostic() {
    let temp = tempfile::tempdir().expect("temp");
    fifo(&temp.path().join("drafts/page.md"));
    let run = guarded_run(
        temp.path(),
        &["import", "drafts/page.md", "--out", "content"],
    );
    assert_ne!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("drafts/page.md") && run.stderr.contains("a FIFO"),
        "{}",
        run.stderr
    );
}

#[test]
fn import_takes_site_root_images_from_the_docusaurus_static_folder() {
    let temp = tempfile::tempdir().expect("temp");
    let site = temp.path().join("site");
    write(&site.join("docusaurus.config.js"), "export default {};\n");
    write(
        &site.join("static/img/x.png"),
        b"\x89PNG\r\n\x1a\nsite image",
    );
    write(
        &site.join("docs/page.md"),
        "# How do I sign in?\n\n1. Open the page.\n\n![The page](/img/x.png)\n",
    );
    let run = guarded_run(&site, &["import", "docs/page.md", "--out", "content"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        std::fs::read(site.join("content/page/images/x.png")).expect("copied image"),
        b"\x89PNG\r\n\x1a\nsite image"
    );
}

#[test]
fn import_and_schema_write_files_with_the_normal_mode() {
    let temp = tempfile::tempdir().expect("temp");
    write(&temp.path().join("drafts/x.png"), b"\x89PNG\r\n\x1a\n");
    draft(
        temp.path(),
        "# How do I sign in?\n\n1. Open the page.\n\n![The page](x.png)\n",
    );
    let run = guarded_run(
        temp.path(),
        &["import", "drafts/page.md", "--out", "content"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = guarded_run(temp.path(), &["schema", "--out", "schema"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let written: Vec<_> = files_under(&temp.path().join("content"))
        .into_iter()
        .chain(files_under(&temp.path().join("schema")))
        .map(|(path, _)| path)
        .collect();
    assert!(written.len() > 3, "{written:?}");
    assert!(written.iter().any(|p| p.ends_with("images/x.png")));
    for path in written {
        let mode = std::fs::metadata(&path)
            .expect("written")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o644, "{}", path.display());
    }
}

#[test]
fn linting_drafts_refuses_images_linked_out_of_the_drafts_folder() {
    let temp = tempfile::tempdir().expect("temp");
    write(&temp.path().join("secret/key.png"), SECRET);
    let work = temp.path().join("work");
    link(
        &temp.path().join("secret/key.png"),
        &work.join("drafts/linked.png"),
    );
    draft(
        &work,
        "# How do I sign in?\n\n1. Open the page.\n\n![Linked](linked.png)\n",
    );
    let run = guarded_run(&work, &["check", "--lint-drafts", "drafts/page.md"]);
    assert_no_secret(&run);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("drafts/page.md:5:1: error: the image `linked.png` was not copied")
            && run.stderr.contains("outside the draft's folder"),
        "{}",
        run.stderr
    );
}
