//! The advisory lock that makes builds into the same output folder take turns.
//!
//! The lock is `flock` on `.NAME.helpdoc-lock` beside the output folder, opened through the
//! parent's handle. The kernel releases it when the build ends, however it ends (kill -9
//! included), so a lock is never stale. The holder removes the file as it releases it, so no
//! litter is left beside the output folder; a build that then gets the lock on the removed file
//! sees that it is no longer the file at that name and starts again, so two builds never hold
//! locks on two different files.

use std::ffi::{OsStr, OsString};
use std::os::fd::{BorrowedFd, OwnedFd};

use rustix::fs::{AtFlags, FileType, FlockOperation, Mode, OFlags};
use rustix::io::Errno;

/// What to do when another build holds the lock.
pub enum Wait<'a> {
    /// Wait for it; the callback runs once, before waiting (to tell the user why nothing happens).
    Block(&'a mut dyn FnMut()),
    /// Give up at once: [`Locked::Busy`].
    NoWait,
}

/// A held lock; dropping it removes the lock file and releases the lock.
pub struct BuildLock {
    /// The locked file (closing it releases the lock).
    _file: OwnedFd,
    /// Keeps a stop (SIGINT, SIGTERM) waiting until the lock file is removed, so a stopped build
    /// leaves no lock file behind.
    _task: crate::shutdown::Task,
    /// The folder holding it, and its name there.
    parent: OwnedFd,
    name: OsString,
}

impl Drop for BuildLock {
    fn drop(&mut self) {
        // Still held here: nobody else can have put another file at this name.
        let _ = rustix::fs::unlinkat(&self.parent, &self.name, AtFlags::empty());
    }
}

impl std::fmt::Debug for BuildLock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BuildLock")
            .field("name", &self.name)
            .finish()
    }
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
pub fn acquire(
    parent: BorrowedFd<'_>,
    name: &OsStr,
    mut wait: Wait<'_>,
) -> std::io::Result<Locked> {
    let lock = lock_name(name);
    let flags =
        OFlags::RDWR | OFlags::CREATE | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
    let mut told = false;
    loop {
        let file = rustix::fs::openat(parent, &lock, flags, Mode::from_raw_mode(0o666))?;
        let own = rustix::fs::fstat(&file)?;
        if FileType::from_raw_mode(own.st_mode) != FileType::RegularFile {
            return Err(std::io::Error::other("the lock file is not a regular file"));
        }
        match rustix::fs::flock(&file, FlockOperation::NonBlockingLockExclusive) {
            Ok(()) => {}
            Err(Errno::WOULDBLOCK) => match &mut wait {
                Wait::NoWait => return Ok(Locked::Busy),
                Wait::Block(waiting) => {
                    if !told {
                        waiting();
                        told = true;
                    }
                    while let Err(error) = rustix::fs::flock(&file, FlockOperation::LockExclusive) {
                        if error != Errno::INTR {
                            return Err(error.into());
                        }
                    }
                }
            },
            Err(error) => return Err(error.into()),
        }
        // The previous holder removes the file as it releases it: hold the lock only if this is
        // still the file at that name, else start again with the current one.
        match rustix::fs::statat(parent, &lock, AtFlags::SYMLINK_NOFOLLOW) {
            Ok(now) if now.st_dev == own.st_dev && now.st_ino == own.st_ino => {
                // Registered only once held: a stop while waiting ends helpdoc at once.
                let Some(task) = crate::shutdown::start_task() else {
                    let _ = rustix::fs::unlinkat(parent, &lock, AtFlags::empty());
                    return Err(crate::shutdown::stopping());
                };
                return Ok(Locked::Held(BuildLock {
                    _file: file,
                    _task: task,
                    parent: rustix::io::fcntl_dupfd_cloexec(parent, 0)?,
                    name: lock,
                }));
            }
            Ok(_) | Err(Errno::NOENT) => continue,
            Err(error) => return Err(error.into()),
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
        assert!(temp.path().join(".build.helpdoc-lock").exists());
        drop(first);
        assert!(
            !temp.path().join(".build.helpdoc-lock").exists(),
            "the lock file is removed on release"
        );
        assert!(matches!(
            acquire(parent.as_fd(), name, Wait::NoWait).expect("lock"),
            Locked::Held(_)
        ));
    }

    #[test]
    fn a_waiting_build_gets_the_lock_on_the_file_that_is_there() {
        let temp = tempfile::tempdir().expect("temp");
        let parent = std::fs::File::open(temp.path()).expect("open");
        let name = OsStr::new("build");
        let first = acquire(parent.as_fd(), name, Wait::NoWait).expect("lock");
        let (told, waiting) = std::sync::mpsc::channel();
        let folder = temp.path().to_path_buf();
        let second = std::thread::spawn(move || {
            let parent = std::fs::File::open(folder).expect("open");
            let mut tell = || told.send(()).expect("send");
            acquire(parent.as_fd(), OsStr::new("build"), Wait::Block(&mut tell)).expect("lock")
        });
        waiting.recv().expect("the second build says it waits");
        drop(first);
        let second = second.join().expect("join");
        assert!(matches!(second, Locked::Held(_)));
        // The file the first build removed was replaced by one the second build holds.
        assert!(temp.path().join(".build.helpdoc-lock").exists());
        assert!(matches!(
            acquire(parent.as_fd(), name, Wait::NoWait).expect("try"),
            Locked::Busy
        ));
    }
}
