//! Runs a command exporter: its own process group, the context on stdin, a hard time limit, and
//! the tail of its stderr kept for error messages. A hanging program can never hang helpdoc.

use std::io::{Read, Write};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

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

/// Runs the program to completion or until the time limit, then kills its whole process group
/// (so helpers it started cannot outlive it or keep its pipes open).
pub fn run(invocation: Invocation<'_>) -> std::io::Result<Outcome> {
    let mut command = Command::new(invocation.program);
    command
        .args(invocation.args)
        .current_dir(invocation.dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .process_group(0);
    for (name, value) in invocation.env {
        command.env(name, value);
    }
    let mut child = command.spawn()?;
    let group = i32::try_from(child.id()).ok();

    // Feed stdin and drain stderr on their own threads: a program that never reads its input, or
    // writes a lot of output, must not block us.
    if let Some(mut stdin) = child.stdin.take() {
        let bytes = invocation.stdin;
        std::thread::spawn(move || {
            let _ = stdin.write_all(&bytes);
        });
    }
    let (tail_sender, tail_receiver) = mpsc::channel();
    if let Some(stderr) = child.stderr.take() {
        std::thread::spawn(move || {
            let _ = tail_sender.send(read_tail(stderr));
        });
    }

    let deadline = Instant::now() + invocation.timeout;
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break Some(status);
        }
        if Instant::now() >= deadline {
            break None;
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    kill_group(group);
    if status.is_none() {
        let _ = child.kill();
        let _ = child.wait();
    }
    // Once the group is gone the pipe closes; a process that left the group could keep it open,
    // so wait a moment at most.
    let stderr = tail_receiver
        .recv_timeout(Duration::from_secs(2))
        .unwrap_or_default();
    Ok(match status {
        Some(status) => Outcome::Exited { status, stderr },
        None => Outcome::TimedOut { stderr },
    })
}

fn kill_group(group: Option<i32>) {
    // Never signal process group 0 (ours) or 1 (every process).
    if let Some(pid) = group
        .filter(|g| *g > 1)
        .and_then(rustix::process::Pid::from_raw)
    {
        let _ = rustix::process::kill_process_group(pid, rustix::process::Signal::KILL);
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
