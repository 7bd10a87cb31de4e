//! The advisory lock that makes builds into the same output folder take turns.
//!
//! The lock is `flock` on `.NAME.helpdoc-lock` beside the output folder, opened through the
//! parent's handle. The kernel releases it when the build ends, however it ends (kill -9
//! included), so a lock is never stale; the file itself is left in place, because removing it
//! would let two builds lock two different files.

use std::ffi::{OsStr, OsString};
use std::os::fd::{BorrowedFd, OwnedFd};

use rustix::fs::{FileType, FlockOperation, Mode, OFlags};
use rustix::io::Errno;

/// What to do when another build holds the lock.
pub enum Wait<'a> {
    /// Wait for it; the callback runs once, before waiting (to tell the user why nothing happens).
    Block(&'a mut dyn FnMut()),
    /// Give up at once: [`Locked::Busy`].
    NoWait,
}

/// A held lock; dropping it releases the lock.
#[derive(Debug)]
pub struct BuildLock {
    _file: OwnedFd,
}

/// The outcome of [`acquire`].
pub enum Locked {
    /// The lock is held.
    Held(BuildLock),
    /// Another build holds it and the caller asked not to wait.
    Busy,
}

/// The lock file's name for the output folder `name`.
pub fn lock_name(name: &OsStr) -> OsString {
    let mut lock = OsString::from(".");
    lock.push(name);
    lock.push(".helpdoc-lock");
    lock
}

/// Takes the lock of the output folder `name` inside `parent`, waiting or not as `wait` says.
pub fn acquire(parent: BorrowedFd<'_>, name: &OsStr, wait: Wait<'_>) -> std::io::Result<Locked> {
    let flags =
        OFlags::RDWR | OFlags::CREATE | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
    let file = rustix::fs::openat(parent, lock_name(name), flags, Mode::from_raw_mode(0o666))?;
    if FileType::from_raw_mode(rustix::fs::fstat(&file)?.st_mode) != FileType::RegularFile {
        return Err(std::io::Error::other("the lock file is not a regular file"));
    }
    match rustix::fs::flock(&file, FlockOperation::NonBlockingLockExclusive) {
        Ok(()) => return Ok(Locked::Held(BuildLock { _file: file })),
        Err(Errno::WOULDBLOCK) => {}
        Err(error) => return Err(error.into()),
    }
    match wait {
        Wait::NoWait => Ok(Locked::Busy),
        Wait::Block(waiting) => {
            waiting();
            loop {
                match rustix::fs::flock(&file, FlockOperation::LockExclusive) {
                    Ok(()) => return Ok(Locked::Held(BuildLock { _file: file })),
                    Err(Errno::INTR) => continue,
                    Err(error) => return Err(error.into()),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::fd::AsFd;

    #[test]
    fn a_second_lock_is_busy_until_the_first_is_dropped() {
        let temp = tempfile::tempdir().expect("temp");
        let parent = std::fs::File::open(temp.path()).expect("open");
        let name = OsStr::new("build");
        let first = acquire(parent.as_fd(), name, Wait::NoWait).expect("lock");
        assert!(matches!(first, Locked::Held(_)));
        assert!(matches!(
            acquire(parent.as_fd(), name, Wait::NoWait).expect("try"),
            Locked::Busy
        ));
        drop(first);
        assert!(matches!(
            acquire(parent.as_fd(), name, Wait::NoWait).expect("lock"),
            Locked::Held(_)
        ));
        assert!(temp.path().join(".build.helpdoc-lock").exists());
    }
}
