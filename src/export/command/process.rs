//! Runs a command exporter: its own process group, the context on stdin, a hard time limit, an
//! end on helpdoc's stop signal, and the tail of its stderr kept for error messages. Whatever
//! way it ends, nothing it started outlives it. A hanging program can never hang helpdoc.

use std::io::{Read, Write};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use rustix::process::{Pid, Signal, WaitId, WaitIdOptions};

use super::tree;
use crate::shutdown::{StopSignal, Task};

/// How much of the program's stderr is kept (its end).
const STDERR_TAIL: usize = 4096;

/// How a run ended.
pub enum Outcome {
    /// The program exited by itself.
    Exited {
        /// Its exit status.
        status: ExitStatus,
        /// The end of what it wrote to stderr.
        stderr: String,
    },
    /// The program ran past the limit and was killed (with everything it started).
    TimedOut {
        /// The end of what it wrote to stderr.
        stderr: String,
    },
    /// helpdoc was asked to stop: the signal was forwarded to the program, then it was killed
    /// (with everything it started) if it had not ended within [`STOP_GRACE`].
    Stopped {
        /// The signal helpdoc received.
        signal: StopSignal,
    },
}

/// What to run.
pub struct Invocation<'a> {
    /// The program (already resolved against the plugin folder when it is a path).
    pub program: &'a Path,
    /// Its arguments.
    pub args: &'a [String],
    /// The working directory (the plugin folder).
    pub dir: &'a Path,
    /// Extra environment variables.
    pub env: &'a [(&'a str, &'a Path)],
    /// Bytes written to its standard input.
    pub stdin: Vec<u8>,
    /// The time limit.
    pub timeout: Duration,
}

/// How long a program may take to end after helpdoc forwarded SIGINT or SIGTERM to it.
pub const STOP_GRACE: Duration = Duration::from_secs(2);

/// How often a running program is looked at.
const POLL: Duration = Duration::from_millis(10);

/// Runs the program to completion, until the time limit, or until `run` is asked to stop; then
/// ends everything it started, detached processes included (see [`tree`]).
pub fn run(invocation: Invocation<'_>, run: &Task) -> std::io::Result<Outcome> {
    tree::become_subreaper()?;
    let mark = tree::new_mark();
    let mut command = Command::new(invocation.program);
    command
        .args(invocation.args)
        .current_dir(invocation.dir)
        .env(tree::MARK_VARIABLE, &mark)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .process_group(0);
    for (name, value) in invocation.env {
        command.env(name, value);
    }
    let mut running = Running::new(command.spawn()?, mark);

    // Feed stdin and drain stderr on their own threads: a program that never reads its input, or
    // writes a lot of output, must not block us.
    if let Some(mut stdin) = running.child.stdin.take() {
        let bytes = invocation.stdin;
        std::thread::spawn(move || {
            let _ = stdin.write_all(&bytes);
        });
    }
    let (tail_sender, tail_receiver) = mpsc::channel();
    if let Some(stderr) = running.child.stderr.take() {
        std::thread::spawn(move || {
            let _ = tail_sender.send(read_tail(stderr));
        });
    }

    // A limit too far away to represent is no limit (the manifest caps it well below that).
    let deadline = Instant::now().checked_add(invocation.timeout);
    let ended = loop {
        if running.has_exited()? {
            break Ended::Exited;
        }
        if let Some(signal) = run.stop_requested() {
            running.forward(signal);
            break Ended::Stopped(signal);
        }
        if deadline.is_some_and(|d| Instant::now() >= d) {
            break Ended::TimedOut;
        }
        std::thread::sleep(POLL);
    };
    let status = running.end();
    // Once everything is gone the pipe closes; a process that escaped (see [`tree`]) could keep
    // it open, so wait a moment at most.
    let stderr = tail_receiver
        .recv_timeout(Duration::from_secs(2))
        .unwrap_or_default();
    Ok(match ended {
        Ended::Exited => Outcome::Exited {
            status: status?,
            stderr,
        },
        Ended::TimedOut => Outcome::TimedOut { stderr },
        Ended::Stopped(signal) => Outcome::Stopped { signal },
    })
}

/// Why the wait for the program ended.
enum Ended {
    Exited,
    TimedOut,
    Stopped(StopSignal),
}

/// A started program; dropping it ends the program and everything it started, so an early
/// return or a panic cannot leave them running.
struct Running {
    child: Child,
    /// Its process group (the program's own id, as it leads the group).
    group: Option<Pid>,
    mark: String,
    ended: bool,
}

impl Running {
    fn new(child: Child, mark: String) -> Self {
        let group = i32::try_from(child.id()).ok().and_then(Pid::from_raw);
        Running {
            child,
            group,
            mark,
            ended: false,
        }
    }

    /// Passes helpdoc's stop signal on to the program's group and gives it [`STOP_GRACE`] to end.
    fn forward(&mut self, signal: StopSignal) {
        tree::kill_group(self.group, signal.signal());
        let deadline = Instant::now() + STOP_GRACE;
        while Instant::now() < deadline {
            if !matches!(self.has_exited(), Ok(false)) {
                return;
            }
            std::thread::sleep(POLL);
        }
    }

    /// Whether the program has exited, without reaping it: until it is reaped its id cannot be
    /// reused, so its process group can still be signalled safely.
    fn has_exited(&self) -> std::io::Result<bool> {
        let Some(pid) = self.group else {
            return Ok(true);
        };
        let options = WaitIdOptions::EXITED | WaitIdOptions::NOHANG | WaitIdOptions::NOWAIT;
        Ok(rustix::process::waitid(WaitId::Pid(pid), options)?.is_some())
    }

    /// Kills the program's group, then kills and reaps the program (its `Child` must reap it),
    /// then ends everything else it started. Returns the program's exit status.
    fn end(&mut self) -> std::io::Result<ExitStatus> {
        if !std::mem::replace(&mut self.ended, true) {
            // Before the reap, while the group's id cannot have been reused.
            tree::kill_group(self.group, Signal::KILL);
            let _ = self.child.kill();
            let status = self.child.wait();
            tree::end_all(&self.mark);
            return status;
        }
        self.child.wait()
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.end();
    }
}

/// Reads a stream to its end, keeping only its last [`STDERR_TAIL`] bytes.
fn read_tail(mut stream: impl Read) -> String {
    let mut tail: Vec<u8> = Vec::new();
    let mut buffer = [0u8; 8192];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                tail.extend_from_slice(&buffer[..n]);
                if tail.len() > 2 * STDERR_TAIL {
                    tail.drain(..tail.len() - STDERR_TAIL);
                }
            }
        }
    }
    if tail.len() > STDERR_TAIL {
        tail.drain(..tail.len() - STDERR_TAIL);
    }
    String::from_utf8_lossy(&tail).trim().to_string()
}
