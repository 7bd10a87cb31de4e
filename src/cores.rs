//! How many cores helpdoc's parallel work may use.

use std::sync::OnceLock;

/// The number of cores this process may run on (at least 1), read once: the standard library
/// reads it anew on every call, from the cgroup files on Linux (a few system calls each time).
pub fn available() -> usize {
    static CORES: OnceLock<usize> = OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}
