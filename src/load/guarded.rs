//! The one guarded way helpdoc reads a file: a regular file, inside its root after resolving symbolic links, capped while reading, never blocking.
//!
//! Every file helpdoc reads on behalf of a project (content, `helpdoc.toml`, the word list,
//! images, drafts, template packs, exporter manifests, a command exporter's output) can have been
//! written by someone the person running helpdoc does not control. A plain `read` follows a
//! symbolic link out of the project (and then quotes `/proc/self/environ` in a diagnostic), blocks
//! forever on a FIFO, and reads `/dev/zero` until memory runs out. [`ReadRoot::read`] refuses all
//! of these with a [`Refused`] that names the file and says why, without ever returning the
//! content of a refused file.
//!
//! The checks, in order: `stat` (following links) must show a regular file, so a device or FIFO
//! is never even opened; the file is opened with `O_NONBLOCK | O_NOCTTY` so that, should it be
//! swapped for a FIFO in the meantime, opening cannot block; `fstat` on the handle must show the
//! same regular file; the real path of the *opened handle* (from `/proc/self/fd` on Linux, where
//! swapping a folder for a link between the checks cannot fool it) must lie inside the root; and
//! at most `cap + 1` bytes are read, so a file that grows while it is read cannot exceed the cap.
//!
//! On Linux a file under the root is first tried the short way (content folders hold thousands
//! of files, and the real-path lookup above was most of reading one): `stat` relative to a
//! handle on the root, then `openat2` from that handle with `RESOLVE_BENEATH`, so that the
//! kernel itself refuses any resolution that leaves the root (an absolute link, a `..` above it,
//! a `/proc` magic link), then the same `fstat` checks. Whenever the short way does not succeed
//! (the kernel refuses, lacks `openat2`, or the file is not a regular one), the checks above
//! run as they always did and decide; so every refusal is theirs, with their reasons.

use std::fs::{File, Metadata};
use std::io::Read;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustix::fs::{Mode, OFlags};

/// A folder files may be read from: every read through it stays inside it.
#[derive(Debug, Clone)]
pub struct ReadRoot {
    /// The folder's real path (symbolic links resolved).
    real: PathBuf,
    /// The folder as given (the paths read through the root start with it).
    given: PathBuf,
    /// A handle on the folder, for opening files beneath it (`None` where that is not
    /// possible: every read then takes the path checks).
    dir: Option<Arc<std::os::fd::OwnedFd>>,
    /// What the folder is, for messages: "the content folder", "the template pack".
    name: &'static str,
}

/// Why a file was not read.
#[derive(Debug)]
pub enum Why {
    /// Nothing is at the path (or a symbolic link there leads nowhere).
    Missing,
    /// The file resolves (through a symbolic link or `..`) to a place outside the root.
    Outside {
        /// The root's name, e.g. "the content folder".
        root: &'static str,
    },
    /// A FIFO, device, socket or folder.
    NotRegular {
        /// What it is instead, e.g. "a FIFO (named pipe)".
        kind: &'static str,
    },
    /// Larger than the cap.
    TooLarge {
        /// The cap, in bytes.
        cap: u64,
        /// The file's size, when it was known before reading (not when it grew while read).
        size: Option<u64>,
    },
    /// Read as text, but not UTF-8.
    NotText {
        /// Offset of the first byte that is not UTF-8.
        offset: usize,
    },
    /// The operating system refused (permissions, I/O error).
    Unreadable(std::io::Error),
}

/// A file helpdoc did not read, and why. Never holds any of the file's content.
#[derive(Debug)]
pub struct Refused {
    /// The path as the caller gave it.
    pub path: PathBuf,
    /// Why it was refused.
    pub why: Why,
}

impl Refused {
    /// What is wrong, as one sentence without the path (for a diagnostic attached to the file).
    pub fn reason(&self) -> String {
        match &self.why {
            Why::Missing => "the file does not exist".to_string(),
            Why::Outside { root } => format!(
                "the file is outside {root} (a symbolic link or `..` leads out of it); helpdoc does not read it"
            ),
            Why::NotRegular { kind } => {
                format!("the file is {kind}, not a regular file; helpdoc does not read it")
            }
            Why::TooLarge {
                cap,
                size: Some(size),
            } => format!(
                "the file is {}, more than the {cap}-byte limit",
                crate::diag::words::count(*size as usize, "byte")
            ),
            Why::TooLarge { cap, size: None } => {
                format!("the file is more than the {cap}-byte limit")
            }
            Why::NotText { offset } => {
                format!("the file is not UTF-8 text (bad byte at offset {offset})")
            }
            Why::Unreadable(error) => format!("cannot read the file: {error}"),
        }
    }

    /// How to fix it.
    pub fn help(&self) -> String {
        match &self.why {
            Why::Missing => "check the path".to_string(),
            Why::Outside { root } => {
                format!("copy the file into {root} instead of linking to a file outside it")
            }
            Why::NotRegular { .. } => {
                "replace it with a regular file: helpdoc never reads FIFOs, devices, sockets or folders in its place".to_string()
            }
            Why::TooLarge { .. } => "make the file smaller".to_string(),
            Why::NotText { .. } => "save the file as UTF-8 text".to_string(),
            Why::Unreadable(_) => "check that you may read the file".to_string(),
        }
    }

    /// The path, what is wrong and, on a second line, how to fix it (for a message that is not
    /// attached to a file).
    pub fn explained(&self) -> String {
        format!("{self}\nhelp: {}", self.help())
    }

    /// Whether nothing is at the path (callers for which the file is optional treat this as
    /// "absent" and every other refusal as an error).
    pub fn is_missing(&self) -> bool {
        matches!(self.why, Why::Missing)
    }
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.reason())
    }
}

impl std::error::Error for Refused {}

impl ReadRoot {
    /// The folder `folder` as a root named `name` (for messages). Fails when the folder's real
    /// path cannot be found (it does not exist or cannot be searched).
    pub fn new(folder: &Path, name: &'static str) -> std::io::Result<ReadRoot> {
        let real = folder.canonicalize()?;
        let dir = rustix::fs::open(
            &real,
            OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
        )
        .ok()
        .map(Arc::new);
        Ok(ReadRoot {
            real,
            given: folder.to_path_buf(),
            dir,
            name,
        })
    }

    /// The root's real path.
    pub fn real(&self) -> &Path {
        &self.real
    }

    /// Reads `path` if it is a regular file inside the root, of at most `cap` bytes.
    pub fn read(&self, path: &Path, cap: u64) -> Result<Vec<u8>, Refused> {
        let refuse = |why| Refused {
            path: path.to_path_buf(),
            why,
        };
        #[cfg(target_os = "linux")]
        if let Some(read) = self.read_beneath(path, cap) {
            return read.map_err(refuse);
        }
        let seen = std::fs::metadata(path).map_err(|e| refuse(io_why(e)))?;
        regular(&seen).map_err(refuse)?;
        let flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::NOCTTY | OFlags::CLOEXEC;
        let file = File::from(
            rustix::fs::open(path, flags, Mode::empty()).map_err(|e| refuse(io_why(e.into())))?,
        );
        let opened = file.metadata().map_err(|e| refuse(io_why(e)))?;
        regular(&opened).map_err(refuse)?;
        if (opened.dev(), opened.ino()) != (seen.dev(), seen.ino()) {
            return Err(refuse(Why::Unreadable(std::io::Error::other(
                "the file was replaced while helpdoc opened it",
            ))));
        }
        if !real_path(&file, path, &opened).is_some_and(|real| real.starts_with(&self.real)) {
            return Err(refuse(Why::Outside { root: self.name }));
        }
        if opened.len() > cap {
            return Err(refuse(Why::TooLarge {
                cap,
                size: Some(opened.len()),
            }));
        }
        read_capped(file, opened.len(), cap).map_err(refuse)
    }

    /// The short way to read `path` (see the module doc): `None` when it cannot decide, and the
    /// full checks must.
    #[cfg(target_os = "linux")]
    fn read_beneath(&self, path: &Path, cap: u64) -> Option<Result<Vec<u8>, Why>> {
        use rustix::fs::{AtFlags, FileType, ResolveFlags};
        let dir = self.dir.as_deref()?;
        let relative = path.strip_prefix(&self.given).ok()?;
        if relative.as_os_str().is_empty() {
            return None;
        }
        // Not a regular file (a FIFO or device is never opened): the full checks say what it is.
        let seen = rustix::fs::statat(dir, relative, AtFlags::empty()).ok()?;
        if FileType::from_raw_mode(seen.st_mode) != FileType::RegularFile {
            return None;
        }
        let flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::NOCTTY | OFlags::CLOEXEC;
        let beneath = ResolveFlags::BENEATH | ResolveFlags::NO_MAGICLINKS;
        let file =
            File::from(rustix::fs::openat2(dir, relative, flags, Mode::empty(), beneath).ok()?);
        let opened = rustix::fs::fstat(&file).ok()?;
        if FileType::from_raw_mode(opened.st_mode) != FileType::RegularFile
            || (opened.st_dev, opened.st_ino) != (seen.st_dev, seen.st_ino)
        {
            return None;
        }
        let size = u64::try_from(opened.st_size).unwrap_or(0);
        if size > cap {
            return Some(Err(Why::TooLarge {
                cap,
                size: Some(size),
            }));
        }
        Some(read_capped(file, size, cap))
    }

    /// Reads `path` as [`ReadRoot::read`] does, as UTF-8 text (a leading byte-order mark dropped).
    pub fn read_text(&self, path: &Path, cap: u64) -> Result<String, Refused> {
        let mut bytes = self.read(path, cap)?;
        if bytes.starts_with(b"\xEF\xBB\xBF") {
            bytes.drain(..3);
        }
        String::from_utf8(bytes).map_err(|e| Refused {
            path: path.to_path_buf(),
            why: Why::NotText {
                offset: e.utf8_error().valid_up_to(),
            },
        })
    }
}

/// Reads the opened `file` (`size` bytes, it said), at most `cap + 1` bytes of it, so a file
/// that grows while it is read cannot exceed the cap.
fn read_capped(file: File, size: u64, cap: u64) -> Result<Vec<u8>, Why> {
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(cap.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(Why::Unreadable)?;
    if bytes.len() as u64 > cap {
        return Err(Why::TooLarge { cap, size: None });
    }
    Ok(bytes)
}

/// The refusal for an I/O error from `stat` or `open`.
fn io_why(error: std::io::Error) -> Why {
    if error.kind() == std::io::ErrorKind::NotFound {
        Why::Missing
    } else {
        Why::Unreadable(error)
    }
}

/// Refuses anything but a regular file, naming what it is.
fn regular(metadata: &Metadata) -> Result<(), Why> {
    let kind = metadata.file_type();
    let what = if kind.is_file() {
        return Ok(());
    } else if kind.is_dir() {
        "a folder"
    } else if kind.is_fifo() {
        "a FIFO (named pipe)"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else {
        "a special file"
    };
    Err(Why::NotRegular { kind: what })
}

/// The real path of the file behind the open handle. On Linux the kernel says which file the
/// handle is; elsewhere the path is resolved again and must still be the same file.
fn real_path(file: &File, path: &Path, opened: &Metadata) -> Option<PathBuf> {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        if let Ok(real) = std::fs::read_link(format!("/proc/self/fd/{}", file.as_raw_fd())) {
            return Some(real);
        }
    }
    let _ = file;
    let real = path.canonicalize().ok()?;
    let again = std::fs::metadata(&real).ok()?;
    ((again.dev(), again.ino()) == (opened.dev(), opened.ino())).then_some(real)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root() -> (tempfile::TempDir, ReadRoot) {
        let temp = tempfile::tempdir().expect("temp");
        std::fs::create_dir(temp.path().join("in")).expect("folder");
        let root = ReadRoot::new(&temp.path().join("in"), "the test folder").expect("root");
        (temp, root)
    }

    #[test]
    fn reads_a_regular_file_and_a_link_that_stays_inside() {
        let (temp, root) = root();
        std::fs::write(temp.path().join("in/a.txt"), "hello").expect("write");
        std::os::unix::fs::symlink("a.txt", temp.path().join("in/b.txt")).expect("link");
        // The kernel's "beneath" check refuses an absolute link and a `..` even inside the
        // root: the full checks must then read them.
        std::os::unix::fs::symlink(temp.path().join("in/a.txt"), temp.path().join("in/c.txt"))
            .expect("link");
        std::fs::create_dir(temp.path().join("in/sub")).expect("folder");
        std::os::unix::fs::symlink("../a.txt", temp.path().join("in/sub/d.txt")).expect("link");
        for name in ["c.txt", "sub/d.txt", "sub/../a.txt"] {
            assert_eq!(
                root.read(&temp.path().join("in").join(name), 5).unwrap(),
                b"hello",
                "{name}"
            );
        }
        assert_eq!(
            root.read(&temp.path().join("in/a.txt"), 5).unwrap(),
            b"hello"
        );
        assert_eq!(
            root.read_text(&temp.path().join("in/b.txt"), 5).unwrap(),
            "hello"
        );
    }

    #[test]
    fn refuses_links_out_fifos_devices_folders_and_large_files() {
        let (temp, root) = root();
        std::fs::write(temp.path().join("secret"), "TOKEN").expect("write");
        std::os::unix::fs::symlink(temp.path().join("secret"), temp.path().join("in/out"))
            .expect("link");
        std::os::unix::fs::symlink("../secret", temp.path().join("in/up")).expect("link");
        std::os::unix::fs::symlink("/dev/zero", temp.path().join("in/zero")).expect("link");
        rustix::fs::mkfifoat(
            rustix::fs::CWD,
            temp.path().join("in/fifo"),
            Mode::from_raw_mode(0o600),
        )
        .expect("fifo");
        std::fs::write(temp.path().join("in/big"), "123456").expect("write");
        let why = |name: &str| {
            root.read(&temp.path().join("in").join(name), 5)
                .unwrap_err()
        };
        assert!(matches!(why("out").why, Why::Outside { .. }));
        assert!(matches!(why("up").why, Why::Outside { .. }));
        assert!(matches!(why("../secret").why, Why::Outside { .. }));
        assert!(matches!(
            why("zero").why,
            Why::NotRegular { kind: "a device" }
        ));
        assert!(matches!(why("fifo").why, Why::NotRegular { .. }));
        assert!(matches!(why(".").why, Why::NotRegular { kind: "a folder" }));
        assert!(matches!(
            why("big").why,
            Why::TooLarge {
                cap: 5,
                size: Some(6)
            }
        ));
        assert!(why("none").is_missing());
        assert!(!why("out").to_string().contains("TOKEN"));
    }

    #[test]
    fn text_must_be_utf8() {
        let (temp, root) = root();
        std::fs::write(temp.path().join("in/a.txt"), b"\xEF\xBB\xBFok\xE9").expect("write");
        let refused = root
            .read_text(&temp.path().join("in/a.txt"), 10)
            .unwrap_err();
        assert!(matches!(refused.why, Why::NotText { offset: 2 }));
    }
}
