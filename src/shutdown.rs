//! Stopping cleanly when helpdoc is asked to (SIGINT, SIGTERM): live exporter runs are ended and
//! waited for, and a write of the output folder already under way is let finish.
//!
//! The library installs no signal handler and never exits. The binary's handler calls
//! [`terminate_all`], which returns once nothing helpdoc started is left running and no output is
//! half written, then exits with [`StopSignal::exit_code`]. Work that starts an external program
//! or makes a temporary folder holds a [`Task`] for as long as either exists; code that writes
//! the output holds a [`Write`]. Once a stop is requested neither can be taken any more, so a
//! stop always lands before a write begins or after it ends, never in the middle.

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};

/// The signal that asked helpdoc to stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StopSignal {
    /// SIGINT (Ctrl-C).
    Interrupt,
    /// SIGTERM.
    Terminate,
}

impl StopSignal {
    /// The stop signal with this number, if it is one.
    pub fn from_raw(signal: i32) -> Option<Self> {
        [StopSignal::Interrupt, StopSignal::Terminate]
            .into_iter()
            .find(|s| s.signal().as_raw() == signal)
    }

    /// The signal itself, to forward it to a program helpdoc started.
    pub fn signal(self) -> rustix::process::Signal {
        match self {
            StopSignal::Interrupt => rustix::process::Signal::INT,
            StopSignal::Terminate => rustix::process::Signal::TERM,
        }
    }

    /// The conventional exit code of a program stopped by this signal: 128 + its number (130, 143).
    pub fn exit_code(self) -> u8 {
        match self {
            StopSignal::Interrupt => 130,
            StopSignal::Terminate => 143,
        }
    }

    /// The signal's name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            StopSignal::Interrupt => "SIGINT",
            StopSignal::Terminate => "SIGTERM",
        }
    }

    fn encode(self) -> u8 {
        match self {
            StopSignal::Interrupt => 1,
            StopSignal::Terminate => 2,
        }
    }

    fn decode(code: u8) -> Option<Self> {
        match code {
            1 => Some(StopSignal::Interrupt),
            2 => Some(StopSignal::Terminate),
            _ => None,
        }
    }
}

/// Who is running and writing, and whether a stop was requested.
#[derive(Default)]
struct State {
    stopping: Option<StopSignal>,
    /// The stop request of each live task (0 until it is asked to stop).
    tasks: Vec<Arc<AtomicU8>>,
    writes: usize,
}

/// The live tasks and writes of one process (a separate value only in unit tests).
struct Registry {
    state: Mutex<State>,
    changed: Condvar,
}

static REGISTRY: Registry = Registry::new();

impl Registry {
    const fn new() -> Self {
        Registry {
            state: Mutex::new(State {
                stopping: None,
                tasks: Vec::new(),
                writes: 0,
            }),
            changed: Condvar::new(),
        }
    }

    /// The state, even after a panic elsewhere: it holds only counters and flags.
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn start_task(&'static self) -> Option<Task> {
        let mut state = self.lock();
        if state.stopping.is_some() {
            return None;
        }
        let stop = Arc::new(AtomicU8::new(0));
        state.tasks.push(Arc::clone(&stop));
        Some(Task {
            stop,
            registry: self,
        })
    }

    fn start_write(&'static self) -> Option<Write> {
        let mut state = self.lock();
        if state.stopping.is_some() {
            return None;
        }
        state.writes += 1;
        Some(Write { registry: self })
    }

    fn terminate_all(&self, signal: StopSignal) {
        let mut state = self.lock();
        let signal = *state.stopping.get_or_insert(signal);
        for task in &state.tasks {
            task.store(signal.encode(), Ordering::SeqCst);
        }
        while !state.tasks.is_empty() || state.writes > 0 {
            state = self
                .changed
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }

    fn stop_requested(&self) -> Option<StopSignal> {
        self.lock().stopping
    }
}

/// Live work that owns processes or temporary files: while it exists, [`terminate_all`] waits.
/// Drop it only once every process it started and every temporary file it made are gone.
pub struct Task {
    stop: Arc<AtomicU8>,
    registry: &'static Registry,
}

impl Task {
    /// The signal to end its programs with, once helpdoc was asked to stop.
    pub fn stop_requested(&self) -> Option<StopSignal> {
        StopSignal::decode(self.stop.load(Ordering::SeqCst))
    }
}

impl Drop for Task {
    fn drop(&mut self) {
        let mut state = self.registry.lock();
        state.tasks.retain(|task| !Arc::ptr_eq(task, &self.stop));
        self.registry.changed.notify_all();
    }
}

/// A write of the output folder under way: [`terminate_all`] waits for it to finish.
pub struct Write {
    registry: &'static Registry,
}

impl Drop for Write {
    fn drop(&mut self) {
        let mut state = self.registry.lock();
        state.writes -= 1;
        self.registry.changed.notify_all();
    }
}

/// Registers a task about to start; `None` once helpdoc is stopping (start nothing then).
pub fn start_task() -> Option<Task> {
    REGISTRY.start_task()
}

/// Registers a write of the output folder about to start; `None` once helpdoc is stopping
/// (write nothing then).
pub fn start_write() -> Option<Write> {
    REGISTRY.start_write()
}

/// Asks every live task to end (a command exporter forwards `signal` to its program, then kills
/// everything it started) and returns once no task and no write is left; later ones are refused.
/// Called by the binary's signal handler, which then exits. A second call waits the same way.
pub fn terminate_all(signal: StopSignal) {
    REGISTRY.terminate_all(signal);
}

/// The signal that asked helpdoc to stop, if one did: a long wait can poll this and give up.
pub fn stop_requested() -> Option<StopSignal> {
    REGISTRY.stop_requested()
}

/// The error of work refused because helpdoc is stopping.
pub fn stopping() -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::Interrupted,
        "not started: helpdoc is stopping",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    /// A registry of its own for each test, so the process-wide one is never stopped.
    fn registry() -> &'static Registry {
        Box::leak(Box::new(Registry::new()))
    }

    #[test]
    fn signals_map_to_their_exit_codes() {
        assert_eq!(StopSignal::from_raw(2), Some(StopSignal::Interrupt));
        assert_eq!(StopSignal::from_raw(15), Some(StopSignal::Terminate));
        assert_eq!(StopSignal::from_raw(9), None);
        assert_eq!(StopSignal::Interrupt.exit_code(), 130);
        assert_eq!(StopSignal::Terminate.exit_code(), 143);
    }

    #[test]
    fn terminate_all_stops_runs_waits_for_them_and_refuses_new_work() {
        let registry = registry();
        let run = registry.start_task().expect("not stopping yet");
        let write = registry.start_write().expect("not stopping yet");
        assert_eq!(run.stop_requested(), None);
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            registry.terminate_all(StopSignal::Terminate);
            let _ = sender.send(());
        });
        // The run is asked to stop; terminate_all waits for it and for the write.
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while run.stop_requested().is_none() {
            assert!(std::time::Instant::now() < deadline, "never asked to stop");
            std::thread::sleep(Duration::from_millis(1));
        }
        assert_eq!(run.stop_requested(), Some(StopSignal::Terminate));
        assert!(registry.start_task().is_none() && registry.start_write().is_none());
        drop(run);
        assert!(receiver.recv_timeout(Duration::from_millis(50)).is_err());
        drop(write);
        receiver
            .recv_timeout(Duration::from_secs(10))
            .expect("terminate_all returns once nothing is left");
        assert_eq!(registry.stop_requested(), Some(StopSignal::Terminate));
    }
}
