//! Command exporters' processes end with helpdoc: a child that detaches itself with `setsid` dies
//! on a timeout and on a normal exit, SIGINT and SIGTERM stop a build promptly with 130 and 143
//! and leave no process and no temporary folder, and a bad `timeout_seconds` is a located error.

use std::path::{Path, PathBuf};
use std::process::{Child, ExitStatus};
use std::time::{Duration, Instant};

use crate::support::helpdoc_in;

/// How long anything here may take to happen.
const PATIENCE: Duration = Duration::from_secs(60);

/// A project in a temporary folder: one topic in one publication, an exporter `x` running
/// `script` (with `timeout_seconds`), and a private `TMPDIR` where its staging folder goes.
struct Project {
    temp: tempfile::TempDir,
}

impl Project {
    fn new(script: &str, timeout_seconds: &str) -> Self {
        let temp = tempfile::tempdir().expect("temp");
        let root = temp.path();
        write(
            &root.join("c/topic.yaml"),
            "kind: concept\nid: web-services\ntitle: What is Web Services?\nanswer:\n  - paragraph: Text.\n",
        );
        write(
            &root.join("c/guide.yaml"),
            "kind: publication\nid: guide\ntitle: Guide\nsections:\n  - id: part\n    title: Part\n    topics: [web-services]\n",
        );
        write(
            &root.join("exporters/x/exporter.toml"),
            &format!(
                "type = \"command\"\ncommand = [\"sh\", \"x.sh\"]\ntimeout_seconds = {timeout_seconds}\n"
            ),
        );
        write(&root.join("exporters/x/x.sh"), script);
        std::fs::create_dir_all(root.join("tmp")).expect("tmp");
        std::fs::create_dir_all(root.join("pids")).expect("pids");
        Project { temp }
    }

    fn root(&self) -> &Path {
        self.temp.path()
    }

    /// Starts `helpdoc build --format x`; the script finds the pid folder in `PIDS`.
    fn start_build(&self) -> Child {
        helpdoc_in(self.root())
            .args(["build", "--content", "c", "--out", "out"])
            .args(["--exporters", "exporters", "--format", "x"])
            .env("TMPDIR", self.root().join("tmp"))
            .env("PIDS", self.root().join("pids"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("the helpdoc binary runs")
    }

    /// The process id the script wrote to `pids/<name>`, once it has.
    fn pid(&self, name: &str) -> i32 {
        let path = self.root().join("pids").join(name);
        let deadline = Instant::now() + PATIENCE;
        loop {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            if text.ends_with('\n') {
                return text.trim().parse().expect("a process id");
            }
            assert!(Instant::now() < deadline, "the exporter never wrote {name}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Asserts that nothing is left in the private `TMPDIR` and no staging folder beside `out`.
    fn assert_no_leftover_folders(&self) {
        let left: Vec<PathBuf> = std::fs::read_dir(self.root().join("tmp"))
            .expect("tmp")
            .map(|e| e.expect("entry").path())
            .collect();
        assert!(left.is_empty(), "temporary folders left: {left:?}");
        let staging: Vec<String> = std::fs::read_dir(self.root())
            .expect("root")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("helpdoc"))
            .collect();
        assert!(staging.is_empty(), "staging folders left: {staging:?}");
    }
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

/// Whether `pid` is a live process (not gone, not a zombie) still running `sleep` with `tag`.
fn running(pid: i32, tag: &str) -> bool {
    let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let state = stat
        .rfind(')')
        .and_then(|i| stat[i + 1..].split_whitespace().next());
    String::from_utf8_lossy(&cmdline).contains(tag) && state.is_some_and(|s| s != "Z")
}

/// Asserts that each `(pid, tag)` process is dead (polling briefly: a kill is not instant),
/// killing any survivor so a failing run leaves nothing behind.
fn assert_dead(processes: &[(i32, &str)]) {
    let deadline = Instant::now() + Duration::from_secs(5);
    while processes.iter().any(|&(pid, tag)| running(pid, tag)) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let survivors: Vec<_> = processes
        .iter()
        .filter(|&&(pid, tag)| running(pid, tag))
        .collect();
    for &&(pid, _) in &survivors {
        if let Some(pid) = rustix::process::Pid::from_raw(pid) {
            let _ = rustix::process::kill_process(pid, rustix::process::Signal::KILL);
        }
    }
    assert!(survivors.is_empty(), "still running: {survivors:?}");
}

/// Waits for helpdoc to end (within `limit`), returning its status and stderr.
fn finish(mut child: Child, limit: Duration) -> (ExitStatus, String) {
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!("helpdoc did not end within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut stderr = String::new();
    use std::io::Read;
    let _ = child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut stderr);
    (status, stderr)
}

/// Starts a child in its own session (out of the exporter's process group), a second one the
/// way a daemon does (its parent exits at once), and records the three ids (a hanging exporter
/// then becomes `sleep 300.75`).
const DETACH: &str = "setsid sleep 300.25 &\necho $! > \"$PIDS/detached.tmp\" && mv \"$PIDS/detached.tmp\" \"$PIDS/detached\"\n(setsid sleep 300.5 & echo $! > \"$PIDS/daemon.tmp\") && mv \"$PIDS/daemon.tmp\" \"$PIDS/daemon\"\necho $$ > \"$PIDS/exporter.tmp\" && mv \"$PIDS/exporter.tmp\" \"$PIDS/exporter\"\n";

fn started_processes(project: &Project) -> [(i32, &'static str); 3] {
    [
        (project.pid("exporter"), "300.75"),
        (project.pid("detached"), "300.25"),
        (project.pid("daemon"), "300.5"),
    ]
}

#[test]
fn detached_children_of_a_hanging_exporter_end_at_its_timeout() {
    // Time enough for the script to start its children and record them on a busy machine.
    let project = Project::new(&format!("{DETACH}exec sleep 300.75\n"), "5");
    let (status, stderr) = finish(project.start_build(), PATIENCE);
    assert_eq!(status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("did not finish within 5 s and was stopped"),
        "{stderr}"
    );
    assert_dead(&started_processes(&project));
    project.assert_no_leftover_folders();
}

#[test]
fn detached_children_of_an_exporter_end_when_it_exits() {
    let project = Project::new(
        &format!("{DETACH}echo made > \"$HELPDOC_OUT/made.txt\"\n"),
        "60",
    );
    let (status, stderr) = finish(project.start_build(), PATIENCE);
    assert_eq!(status.code(), Some(0), "{stderr}");
    assert!(project.root().join("out/x/made.txt").is_file());
    assert_dead(&started_processes(&project));
    project.assert_no_leftover_folders();
}

/// Sends `signal` to a build whose exporter hangs; helpdoc must end promptly with `code`, leaving
/// no process, no temporary folder and no output behind.
fn stopped_by(signal: rustix::process::Signal, code: i32) {
    let project = Project::new(&format!("{DETACH}exec sleep 300.75\n"), "600");
    let child = project.start_build();
    let processes = started_processes(&project);
    let helpdoc = rustix::process::Pid::from_raw(child.id() as i32).expect("pid");
    rustix::process::kill_process(helpdoc, signal).expect("signal helpdoc");
    let (status, stderr) = finish(child, Duration::from_secs(15));
    assert_dead(&processes);
    assert_eq!(status.code(), Some(code), "{stderr}");
    project.assert_no_leftover_folders();
    assert!(
        !project.root().join("out").exists(),
        "an interrupted build wrote its output"
    );
}

#[test]
fn sigterm_stops_a_build_and_everything_its_exporter_started() {
    stopped_by(rustix::process::Signal::TERM, 143);
}

#[test]
fn sigint_stops_a_build_and_everything_its_exporter_started() {
    stopped_by(rustix::process::Signal::INT, 130);
}

#[test]
fn timeouts_out_of_range_are_located_errors() {
    for value in ["9223372036854775807", "-1", "0", "86401", "nan", "1.5"] {
        let project = Project::new("exit 0\n", value);
        let (status, stderr) = finish(project.start_build(), PATIENCE);
        assert_eq!(status.code(), Some(2), "{value}: {stderr}");
        assert!(
            stderr.contains("exporters/x/exporter.toml:3:19:")
                && stderr.contains("a whole number of seconds from 1 to 86400"),
            "{value}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{value}: {stderr}");
    }
}
