//! File operations through directory handles that never follow a symbolic link.
//!
//! Every write, listing and removal under the output folder's parent goes through a handle opened
//! with `O_NOFOLLOW`, one path component at a time: a link swapped in after a check cannot
//! redirect it. A link found inside a tree is treated as a file (listed, unlinked), never entered.

use std::ffi::{OsStr, OsString};
use std::fs::File;
use std::io::{self, Read, Write};
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Component, Path};

use rustix::fs::{AtFlags, CWD, Dir, FileType, Mode, OFlags};
use rustix::io::Errno;

/// Flags for a folder handle used only as the base of `*at` calls (no read permission needed).
const WALK: OFlags = OFlags::PATH
    .union(OFlags::DIRECTORY)
    .union(OFlags::NOFOLLOW)
    .union(OFlags::CLOEXEC);

/// Flags for a folder handle whose entries are read.
const LIST: OFlags = OFlags::RDONLY
    .union(OFlags::DIRECTORY)
    .union(OFlags::NOFOLLOW)
    .union(OFlags::CLOEXEC);

/// Whether an error means "this is a link or not a folder" (what `O_NOFOLLOW|O_DIRECTORY` gives).
fn is_not_a_folder(error: Errno) -> bool {
    error == Errno::LOOP || error == Errno::NOTDIR
}

/// Opens the folder `name` inside `dir` as a base for `*at` calls; a link or a file is an error.
pub fn open_dir(dir: BorrowedFd<'_>, name: &OsStr) -> io::Result<OwnedFd> {
    Ok(rustix::fs::openat(dir, name, WALK, Mode::empty())?)
}

/// Opens an absolute path with no link in it (a canonical path) one component at a time,
/// refusing any link: the folder opened is the one that was checked, even if a component was
/// replaced by a link since.
pub fn open_canonical(path: &Path) -> io::Result<OwnedFd> {
    let mut fd = rustix::fs::openat(CWD, "/", WALK, Mode::empty())?;
    for component in path.components() {
        match component {
            Component::RootDir => {}
            Component::Normal(name) => fd = open_dir(fd.as_fd(), name)?,
            _ => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!("{} is not a canonical path", path.display()),
                ));
            }
        }
    }
    Ok(fd)
}

/// Creates the folder `name` inside `dir` unless it exists, and opens it (never through a link).
pub fn create_dir(dir: BorrowedFd<'_>, name: &OsStr) -> io::Result<OwnedFd> {
    match rustix::fs::mkdirat(dir, name, Mode::from_raw_mode(0o777)) {
        Ok(()) | Err(Errno::EXIST) => open_dir(dir, name),
        Err(error) => Err(error.into()),
    }
}

/// Flushes the filesystem holding the folder `dir` (`syncfs` needs a readable handle).
pub fn sync_filesystem(dir: BorrowedFd<'_>) -> io::Result<()> {
    let readable = rustix::fs::openat(dir, ".", LIST, Mode::empty())?;
    Ok(rustix::fs::syncfs(readable)?)
}

/// The kind of an entry, without following it.
pub fn kind(dir: BorrowedFd<'_>, name: &OsStr) -> io::Result<Option<FileType>> {
    match rustix::fs::statat(dir, name, AtFlags::SYMLINK_NOFOLLOW) {
        Ok(stat) => Ok(Some(FileType::from_raw_mode(stat.st_mode))),
        Err(Errno::NOENT) => Ok(None),
        Err(error) => Err(error.into()),
    }
}

/// The entries of the folder `dir` (without `.` and `..`), each with its kind (links not followed).
pub fn entries(dir: BorrowedFd<'_>) -> io::Result<Vec<(OsString, FileType)>> {
    let listing = rustix::fs::openat(dir, ".", LIST, Mode::empty())?;
    let mut found = Vec::new();
    for entry in Dir::new(listing)? {
        let entry = entry?;
        let name = OsStr::from_bytes(entry.file_name().to_bytes());
        if name == "." || name == ".." {
            continue;
        }
        let kind = match entry.file_type() {
            FileType::Unknown => kind(dir, name)?.unwrap_or(FileType::Unknown),
            known => known,
        };
        found.push((name.to_os_string(), kind));
    }
    Ok(found)
}

/// Opens the folder holding `relative` (a `/`-separated path checked safe by the caller) under
/// `root`, creating missing folders when `create`; returns it with the file's name.
fn open_parent<'a>(
    root: BorrowedFd<'_>,
    relative: &'a str,
    create: bool,
) -> io::Result<(OwnedFd, &'a str)> {
    let (folders, name) = relative.rsplit_once('/').unwrap_or(("", relative));
    let mut fd = rustix::io::fcntl_dupfd_cloexec(root, 0)?;
    for folder in folders.split('/').filter(|f| !f.is_empty()) {
        fd = if create {
            create_dir(fd.as_fd(), OsStr::new(folder))?
        } else {
            open_dir(fd.as_fd(), OsStr::new(folder))?
        };
    }
    Ok((fd, name))
}

/// Creates the new file `relative` under `root` (folders included) holding `bytes`.
pub fn write_new(root: BorrowedFd<'_>, relative: &str, bytes: &[u8]) -> io::Result<()> {
    let (dir, name) = open_parent(root, relative, true)?;
    let flags = OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC;
    let fd = rustix::fs::openat(&dir, name, flags, Mode::from_raw_mode(0o666))?;
    File::from(fd).write_all(bytes)
}

/// Opens the regular file `relative` under `root` for reading: `None` when it is missing, a link,
/// or not a regular file (a FIFO is never opened in blocking mode).
pub fn open_regular(root: BorrowedFd<'_>, relative: &str) -> io::Result<Option<File>> {
    let (dir, name) = match open_parent(root, relative, false) {
        Ok(found) => found,
        Err(error) if is_gone(&error) => return Ok(None),
        Err(error) => return Err(error),
    };
    if kind(dir.as_fd(), OsStr::new(name))? != Some(FileType::RegularFile) {
        return Ok(None);
    }
    let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
    let fd = rustix::fs::openat(&dir, name, flags, Mode::empty())?;
    if FileType::from_raw_mode(rustix::fs::fstat(&fd)?.st_mode) != FileType::RegularFile {
        return Ok(None);
    }
    Ok(Some(File::from(fd)))
}

/// Gives `to_root` the regular file `relative` of `from_root`: a hard link where the filesystem
/// allows it, else a copy. Returns false (and does nothing) when the source is not a regular file.
pub fn link_or_copy(
    from_root: BorrowedFd<'_>,
    to_root: BorrowedFd<'_>,
    relative: &str,
) -> io::Result<bool> {
    let Some(mut source) = open_regular(from_root, relative)? else {
        return Ok(false);
    };
    let (from_dir, _) = open_parent(from_root, relative, false)?;
    let (to_dir, name) = open_parent(to_root, relative, true)?;
    // `linkat` without `AT_SYMLINK_FOLLOW` links the entry itself: if it was swapped for a link
    // since it was opened, the copy is a link, found and removed here.
    if rustix::fs::linkat(&from_dir, name, &to_dir, name, AtFlags::empty()).is_ok() {
        if kind(to_dir.as_fd(), OsStr::new(name))? == Some(FileType::RegularFile) {
            return Ok(true);
        }
        unlink_missing_ok(to_dir.as_fd(), OsStr::new(name), AtFlags::empty())?;
        return Ok(false);
    }
    let flags = OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC;
    let target = rustix::fs::openat(&to_dir, name, flags, Mode::from_raw_mode(0o666))?;
    io::copy(&mut source, &mut File::from(target))?;
    Ok(true)
}

/// Gives `to_root` the file `relative` of `from_root` by a hard link when that file holds exactly
/// `bytes`: an output that did not change since the previous build is kept as it was (the same
/// file, with its modification time, so copying a site elsewhere sends only what changed),
/// neither written again nor, when the previous build is removed, freed. Returns false, having
/// left nothing behind, when the file is missing, not a regular file or different, or when the
/// filesystem cannot link.
pub fn link_if_same(
    from_root: BorrowedFd<'_>,
    to_root: BorrowedFd<'_>,
    relative: &str,
    bytes: &[u8],
) -> io::Result<bool> {
    let Some(mut source) = open_regular(from_root, relative)? else {
        return Ok(false);
    };
    let compared = rustix::fs::fstat(&source)?;
    if u64::try_from(compared.st_size).ok() != u64::try_from(bytes.len()).ok() {
        return Ok(false);
    }
    let mut held = Vec::with_capacity(bytes.len());
    source.read_to_end(&mut held)?;
    if held != bytes {
        return Ok(false);
    }
    let (from_dir, _) = open_parent(from_root, relative, false)?;
    let (to_dir, name) = open_parent(to_root, relative, true)?;
    if rustix::fs::linkat(&from_dir, name, &to_dir, name, AtFlags::empty()).is_err() {
        return Ok(false);
    }
    // The entry linked must be the file compared: one swapped in since is taken back out.
    let same = rustix::fs::statat(&to_dir, name, AtFlags::SYMLINK_NOFOLLOW)
        .is_ok_and(|linked| (linked.st_dev, linked.st_ino) == (compared.st_dev, compared.st_ino));
    if !same {
        unlink_missing_ok(to_dir.as_fd(), OsStr::new(name), AtFlags::empty())?;
    }
    Ok(same)
}

/// Removes the file (or link) `relative` under `root`, never following a link on the way:
/// returns false when it is missing or a folder (a folder is never removed here).
pub fn remove_file(root: BorrowedFd<'_>, relative: &str) -> io::Result<bool> {
    let (dir, name) = match open_parent(root, relative, false) {
        Ok(found) => found,
        Err(error) if is_gone(&error) => return Ok(false),
        Err(error) => return Err(error),
    };
    match kind(dir.as_fd(), OsStr::new(name))? {
        None | Some(FileType::Directory) => Ok(false),
        Some(_) => {
            unlink_missing_ok(dir.as_fd(), OsStr::new(name), AtFlags::empty())?;
            Ok(true)
        }
    }
}

/// Removes the folder `name` in `dir` if it is empty: returns whether it was removed.
pub fn remove_empty_folder(dir: BorrowedFd<'_>, name: &OsStr) -> io::Result<bool> {
    match rustix::fs::unlinkat(dir, name, AtFlags::REMOVEDIR) {
        Ok(()) => Ok(true),
        Err(Errno::NOTEMPTY | Errno::EXIST | Errno::NOENT | Errno::NOTDIR) => Ok(false),
        Err(error) => Err(error.into()),
    }
}

/// Removes, deepest first, the folders holding `files` (relative to `root`) that are now empty;
/// a folder holding anything else stays.
pub fn remove_empty_parents(root: BorrowedFd<'_>, files: &[String]) -> io::Result<()> {
    let mut folders: Vec<&str> = files
        .iter()
        .flat_map(|file| file.match_indices('/').map(|(at, _)| &file[..at]))
        .collect();
    let depth = |folder: &str| folder.matches('/').count();
    folders.sort_by(|a, b| depth(b).cmp(&depth(a)).then(a.cmp(b)));
    folders.dedup();
    for folder in folders {
        let (dir, name) = match open_parent(root, folder, false) {
            Ok(found) => found,
            Err(error) if is_gone(&error) => continue,
            Err(error) => return Err(error),
        };
        remove_empty_folder(dir.as_fd(), OsStr::new(name))?;
    }
    Ok(())
}

/// Whether an error opening a path means it is not there as a plain folder path (missing, or a
/// link or file where a folder was expected).
fn is_gone(error: &io::Error) -> bool {
    error.kind() == io::ErrorKind::NotFound
        || error
            .raw_os_error()
            .is_some_and(|e| is_not_a_folder(Errno::from_raw_os_error(e)))
}

/// Files under the folder `dir`, relative and `/`-separated, sorted; links are listed, not entered.
pub fn list_files(dir: BorrowedFd<'_>) -> io::Result<Vec<String>> {
    let mut found = Vec::new();
    let mut pending = vec![(rustix::io::fcntl_dupfd_cloexec(dir, 0)?, String::new())];
    while let Some((fd, prefix)) = pending.pop() {
        for (name, kind) in entries(fd.as_fd())? {
            let relative = format!("{prefix}{}", name.to_string_lossy());
            if kind == FileType::Directory {
                pending.push((open_dir(fd.as_fd(), &name)?, format!("{relative}/")));
            } else {
                found.push(relative);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// One folder being emptied by [`remove_tree`]: its handle, its name in its parent, and the
/// sub-folders still to empty.
struct Emptying {
    fd: OwnedFd,
    name: OsString,
    folders: Vec<OsString>,
}

impl Emptying {
    /// Opens the folder, unlinks its files and links, and lists its sub-folders.
    fn start(fd: OwnedFd, name: OsString) -> io::Result<Emptying> {
        let mut folders = Vec::new();
        for (entry, kind) in entries(fd.as_fd())? {
            if kind == FileType::Directory {
                folders.push(entry);
            } else {
                unlink_missing_ok(fd.as_fd(), &entry, AtFlags::empty())?;
            }
        }
        Ok(Emptying { fd, name, folders })
    }
}

fn unlink_missing_ok(dir: BorrowedFd<'_>, name: &OsStr, flags: AtFlags) -> io::Result<()> {
    match rustix::fs::unlinkat(dir, name, flags) {
        Ok(()) | Err(Errno::NOENT) => Ok(()),
        Err(error) => Err(error.into()),
    }
}

/// Opens `name` in `dir` for emptying; `None` when it is not a folder (then it was unlinked).
fn start_or_unlink(dir: BorrowedFd<'_>, name: &OsStr) -> io::Result<Option<Emptying>> {
    match rustix::fs::openat(dir, name, WALK, Mode::empty()) {
        Ok(fd) => Emptying::start(fd, name.to_os_string()).map(Some),
        Err(error) if is_not_a_folder(error) => {
            unlink_missing_ok(dir, name, AtFlags::empty())?;
            Ok(None)
        }
        Err(Errno::NOENT) => Ok(None),
        Err(error) => Err(error.into()),
    }
}

/// Removes `name` inside `dir` and everything under it, like `rm -r` but never following a link:
/// a link (to a folder or not) is unlinked itself. Depth-first with an explicit stack, so a deep
/// tree cannot overflow the call stack; one handle is open per level.
pub fn remove_tree(dir: BorrowedFd<'_>, name: &OsStr) -> io::Result<()> {
    let Some(first) = start_or_unlink(dir, name)? else {
        return Ok(());
    };
    let mut stack = vec![first];
    while let Some(top) = stack.last_mut() {
        if let Some(folder) = top.folders.pop() {
            if let Some(next) = start_or_unlink(top.fd.as_fd(), &folder)? {
                stack.push(next);
            }
            continue;
        }
        let done = stack.pop().expect("the stack has a top");
        let parent = stack.last().map_or(dir, |f| f.fd.as_fd());
        unlink_missing_ok(parent, &done.name, AtFlags::REMOVEDIR)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn handle(path: &Path) -> OwnedFd {
        open_canonical(&path.canonicalize().expect("canonical")).expect("open")
    }

    #[test]
    fn removing_a_tree_unlinks_links_and_never_follows_them() {
        let temp = tempfile::tempdir().expect("temp");
        let outside = temp.path().join("outside");
        std::fs::create_dir_all(outside.join("deep")).expect("mkdir");
        std::fs::write(outside.join("deep/keep.txt"), "keep").expect("write");
        let tree = temp.path().join("tree");
        std::fs::create_dir_all(tree.join("a/b")).expect("mkdir");
        std::fs::write(tree.join("a/b/file"), "x").expect("write");
        std::os::unix::fs::symlink(&outside, tree.join("a/link")).expect("symlink");
        std::os::unix::fs::symlink(outside.join("deep/keep.txt"), tree.join("file-link"))
            .expect("symlink");
        remove_tree(handle(temp.path()).as_fd(), OsStr::new("tree")).expect("remove");
        assert!(!tree.exists());
        assert_eq!(
            std::fs::read_to_string(outside.join("deep/keep.txt")).expect("kept"),
            "keep"
        );
    }

    #[test]
    fn a_link_named_as_the_tree_is_unlinked_not_followed() {
        let temp = tempfile::tempdir().expect("temp");
        std::fs::create_dir(temp.path().join("real")).expect("mkdir");
        std::fs::write(temp.path().join("real/file"), "keep").expect("write");
        std::os::unix::fs::symlink(temp.path().join("real"), temp.path().join("link"))
            .expect("symlink");
        remove_tree(handle(temp.path()).as_fd(), OsStr::new("link")).expect("remove");
        assert!(std::fs::symlink_metadata(temp.path().join("link")).is_err());
        assert!(temp.path().join("real/file").exists());
    }

    #[test]
    fn a_deep_tree_is_removed_without_recursion() {
        let temp = tempfile::tempdir().expect("temp");
        let mut path = temp.path().join("deep");
        for _ in 0..300 {
            path.push("d");
        }
        std::fs::create_dir_all(&path).expect("mkdir");
        remove_tree(handle(temp.path()).as_fd(), OsStr::new("deep")).expect("remove");
        assert!(!temp.path().join("deep").exists());
    }

    #[test]
    fn listing_names_links_without_entering_them() {
        let temp = tempfile::tempdir().expect("temp");
        std::fs::create_dir_all(temp.path().join("out/html")).expect("mkdir");
        std::fs::write(temp.path().join("out/html/a.html"), "a").expect("write");
        std::os::unix::fs::symlink("/", temp.path().join("out/root")).expect("symlink");
        let files = list_files(handle(&temp.path().join("out")).as_fd()).expect("list");
        assert_eq!(files, ["html/a.html", "root"]);
    }

    #[test]
    fn opening_a_path_through_a_link_is_refused() {
        let temp = tempfile::tempdir().expect("temp");
        let real = temp.path().canonicalize().expect("canonical");
        std::fs::create_dir(real.join("real")).expect("mkdir");
        std::os::unix::fs::symlink(real.join("real"), real.join("link")).expect("symlink");
        assert!(open_canonical(&real.join("real")).is_ok());
        assert!(open_canonical(&real.join("link")).is_err());
    }
}
