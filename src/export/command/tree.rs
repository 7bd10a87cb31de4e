//! Ending everything a command exporter started, including processes that left its process group.
//!
//! A process group is not enough: a child that calls `setsid` leaves it, and a daemon that forks
//! twice loses its parent. So helpdoc makes itself a *child subreaper*: every orphaned process
//! below it is reparented to helpdoc instead of to init. Each run also puts a mark in its
//! program's environment ([`MARK_VARIABLE`]), which every descendant inherits; when the program
//! ends, helpdoc kills its process group, then repeatedly kills and reaps each of its own children
//! that carries the run's mark (their children then become helpdoc's, and the next round takes
//! them) until none is left. Killing only direct children, which cannot be reaped by anyone else,
//! means a recycled process id is never signalled.
//!
//! Chosen over a PID namespace, which would end the whole tree with its first process but needs a
//! user namespace that many systems refuse to unprivileged users (AppArmor on recent Ubuntu,
//! containers without `CAP_SYS_ADMIN`), and would change the user id the program sees. A
//! descendant that clears its environment and leaves the group escapes the mark: that is the
//! limit of this design.

use std::io::Read;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use rustix::process::{Pid, Signal, WaitOptions};

/// The environment variable that marks a run's processes: `<helpdoc pid>-<run number>`.
pub const MARK_VARIABLE: &str = "HELPDOC_EXPORTER_RUN";

/// The longest [`end_all`] keeps killing (a process stuck in the kernel cannot be reaped).
const END_LIMIT: Duration = Duration::from_secs(5);

/// The most of a process's environment read to find the mark.
const ENVIRON_CAP: u64 = 1024 * 1024;

/// Makes orphaned descendants of this process its children (once per process).
pub fn become_subreaper() -> std::io::Result<()> {
    static RESULT: OnceLock<Result<(), rustix::io::Errno>> = OnceLock::new();
    (*RESULT.get_or_init(|| rustix::process::set_child_subreaper(Some(rustix::process::getpid()))))
        .map_err(std::io::Error::from)
}

/// A mark no other run of this process shares.
pub fn new_mark() -> String {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    format!(
        "{}-{}",
        rustix::process::getpid().as_raw_nonzero(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// Kills and reaps every process carrying `mark`. Call it after the run's process group was
/// killed and its first process reaped (that one carries the mark too, and its `Child` must reap
/// it).
pub fn end_all(mark: &str) {
    let deadline = Instant::now() + END_LIMIT;
    loop {
        let marked: Vec<Pid> = own_children()
            .into_iter()
            .filter(|&pid| has_mark(pid, mark))
            .collect();
        if marked.is_empty() || Instant::now() >= deadline {
            return;
        }
        for &pid in &marked {
            let _ = rustix::process::kill_process(pid, Signal::KILL);
        }
        for pid in marked {
            reap(pid, deadline);
        }
    }
}

/// Sends `signal` to the process group `group`, never to group 0 (ours) or 1 (every process).
pub fn kill_group(group: Option<Pid>, signal: Signal) {
    if let Some(group) = group.filter(|g| g.as_raw_nonzero().get() > 1) {
        let _ = rustix::process::kill_process_group(group, signal);
    }
}

/// Waits for the killed child `pid` to end and collects its status, until `deadline`.
fn reap(pid: Pid, deadline: Instant) {
    loop {
        match rustix::process::waitpid(Some(pid), WaitOptions::NOHANG) {
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(2)),
            // Reaped, not (or no longer) our child, or out of time.
            _ => return,
        }
    }
}

/// This process's children, found by their parent id in `/proc/<pid>/stat` (the per-thread
/// `children` files need a kernel option that not every system has).
fn own_children() -> Vec<Pid> {
    let me = rustix::process::getpid().as_raw_nonzero().get();
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|entry| entry.file_name().to_str()?.parse::<i32>().ok())
        .filter(|&pid| pid != me)
        .filter(|&pid| parent_of(pid) == Some(me))
        .filter_map(Pid::from_raw)
        .collect()
}

/// The parent process id from `/proc/<pid>/stat` (`pid (name) state ppid …`; the name may hold
/// spaces and parentheses, so the fields are counted from the last `)`).
fn parent_of(pid: i32) -> Option<i32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &stat[stat.rfind(')')? + 1..];
    rest.split_whitespace().nth(1)?.parse().ok()
}

/// Whether `pid`'s environment holds `MARK_VARIABLE=mark`. A zombie's environment reads as
/// empty, so one that already ended by itself is not matched (it holds no resources but its
/// process-table entry, and is reaped when helpdoc exits).
fn has_mark(pid: Pid, mark: &str) -> bool {
    let mut environ = Vec::new();
    let read = std::fs::File::open(format!("/proc/{}/environ", pid.as_raw_nonzero()))
        .and_then(|file| file.take(ENVIRON_CAP).read_to_end(&mut environ));
    if read.is_err() {
        return false;
    }
    let wanted = format!("{MARK_VARIABLE}={mark}");
    environ
        .split(|&b| b == 0)
        .any(|entry| entry == wanted.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_detached_grandchild_is_found_by_its_mark_and_ended() {
        become_subreaper().expect("subreaper");
        let mark = new_mark();
        let pid_file = tempfile::NamedTempFile::new().expect("temp");
        // The shell starts a child in its own session and exits at once: the child is orphaned
        // and becomes ours.
        let mut shell = std::process::Command::new("sh")
            .arg("-c")
            .arg("setsid sleep 300 & echo $! > \"$1\"")
            .arg("sh")
            .arg(pid_file.path())
            .env(MARK_VARIABLE, &mark)
            .spawn()
            .expect("sh runs");
        assert!(shell.wait().expect("sh ends").success());
        let deadline = Instant::now() + Duration::from_secs(10);
        let orphan = loop {
            let text = std::fs::read_to_string(pid_file.path()).unwrap_or_default();
            if let Ok(pid) = text.trim().parse::<i32>() {
                if parent_of(pid) == Some(rustix::process::getpid().as_raw_nonzero().get())
                    && has_mark(Pid::from_raw(pid).expect("pid"), &mark)
                {
                    break pid;
                }
            }
            assert!(Instant::now() < deadline, "the orphan never became ours");
            std::thread::sleep(Duration::from_millis(5));
        };
        // Another run's mark does not match it; its own does, and ends it.
        end_all(&new_mark());
        assert!(parent_of(orphan).is_some(), "another run's end killed it");
        end_all(&mark);
        assert_eq!(parent_of(orphan), None, "the orphan survived");
    }
}
