//! Writing outputs safely: a whole build is written into a staging folder beside the output folder,
//! then swapped in atomically, so the output folder only ever holds one complete build. A manifest
//! records the files helpdoc owns; helpdoc refuses to replace a folder holding anything else.
//!
//! Where the output folder is, is decided by the filesystem (`guard`), and everything is then done
//! through a handle on its parent, never following a link (`tree`); builds into the same folder
//! take turns under a lock (`lock`), which is what lets a build clean up only dead builds' staging
//! folders (`staging`).

mod guard;
mod lock;
mod staging;
mod tree;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::path::{Path, PathBuf};

use rustix::fs::FileType;

use serde::{Deserialize, Serialize};

use crate::export::Artifact;
use guard::Target;
pub use lock::Wait;
use lock::{BuildLock, Locked};

/// The manifest file at the top of every output folder.
pub const MANIFEST: &str = ".helpdoc-manifest.json";

/// The list of files a build wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Always `helpdoc`.
    pub generator: String,
    /// Every file helpdoc wrote, relative to the output folder, sorted.
    pub files: BTreeSet<String>,
    /// For each file an exporter said a publication made: that publication's id. A build of
    /// some publications (`--publication`) keeps, by this, the other publications' files.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub publications: BTreeMap<String, String>,
}

/// Which outputs a build makes anew; every other file of the previous build is carried over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope<'a> {
    /// Every publication of the formats built.
    Everything,
    /// Only these publications' files of the formats built: files another publication made
    /// stay as they are.
    Publications(&'a BTreeSet<String>),
}

/// What `clean` removed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cleaned {
    /// The files removed (the manifest's list), relative to the output folder.
    pub files: Vec<String>,
    /// Whether the output folder itself was removed (it held nothing else).
    pub folder_removed: bool,
}

/// Why outputs could not be written.
#[derive(Debug)]
pub enum OutputError {
    /// The output folder is somewhere helpdoc must never write (`/`, the home folder, the content folder).
    UnsafeFolder {
        /// The folder.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The output folder holds files helpdoc did not create.
    NotOurs {
        /// The folder.
        path: PathBuf,
        /// Some of those files.
        files: Vec<String>,
    },
    /// An exporter returned a path that would leave the output folder.
    BadArtifactPath {
        /// The format.
        format: String,
        /// The path.
        path: String,
    },
    /// Another build is writing into the output folder, and the caller asked not to wait.
    Busy {
        /// The folder.
        path: PathBuf,
    },
    /// A filesystem operation failed.
    Io {
        /// What helpdoc was doing.
        action: String,
        /// The OS error.
        error: std::io::Error,
    },
}

impl std::fmt::Display for OutputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OutputError::UnsafeFolder { path, reason } => {
                write!(f, "refusing to write into {}: {reason}", path.display())
            }
            OutputError::NotOurs { path, files } => {
                let shown: Vec<_> = files.iter().take(5).map(String::as_str).collect();
                let more = if files.len() > 5 {
                    format!(" and {} more", files.len() - 5)
                } else {
                    String::new()
                };
                write!(
                    f,
                    "refusing to replace {}: it holds files helpdoc did not create ({}{more}); \
                     choose another --out folder, or pass --force to replace it anyway",
                    path.display(),
                    shown.join(", ")
                )
            }
            OutputError::BadArtifactPath { format, path } => {
                write!(
                    f,
                    "the `{format}` exporter produced the path `{path}`, which would leave the output folder"
                )
            }
            OutputError::Busy { path } => write!(
                f,
                "another helpdoc build is writing into {}; run again when it has finished, \
                 or without --no-wait to wait for it",
                path.display()
            ),
            OutputError::Io { action, error } => write!(f, "{action}: {error}"),
        }
    }
}

impl std::error::Error for OutputError {}

fn io(action: impl Into<String>) -> impl FnOnce(std::io::Error) -> OutputError {
    let action = action.into();
    move |error| OutputError::Io { action, error }
}

/// Whether an artifact path stays inside its folder: relative, no `..`, no empty or odd parts.
fn is_safe_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains('\\')
        && !path.contains('\0')
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
}

/// An output folder resolved by the filesystem, checked, and locked for this build: the parent
/// is held as a handle, and everything below happens through it.
#[derive(Debug)]
pub struct OutputFolder {
    target: Target,
    parent: OwnedFd,
    previous: Option<Manifest>,
    _lock: BuildLock,
}

impl OutputFolder {
    /// Resolves `out` through the real filesystem, refuses folders helpdoc must never write (the
    /// root, the home folder, the content folder, a link, a folder with foreign files unless
    /// `force`), then takes the output folder's lock (waiting or not, as `wait` says) until the
    /// value is dropped. Nothing is written but missing parent folders and the lock file (which
    /// the drop removes).
    pub fn open(
        out: &Path,
        content_root: &Path,
        force: bool,
        wait: Wait<'_>,
    ) -> Result<OutputFolder, OutputError> {
        let target = guard::resolve(out)?;
        guard::check(&target, &guard::Protected::new(content_root))?;
        let parent_path = target.parent();
        let opening = || format!("cannot open {}", parent_path.display());
        let mut parent = tree::open_canonical(&target.existing).map_err(io(opening()))?;
        for folder in &target.missing {
            parent = tree::create_dir(parent.as_fd(), folder)
                .map_err(io(format!("cannot create {}", parent_path.display())))?;
        }
        let locking = || {
            format!(
                "cannot lock {}",
                parent_path.join(lock::lock_name(&target.name)).display()
            )
        };
        let lock = match lock::acquire(parent.as_fd(), &target.name, wait).map_err(io(locking()))? {
            Locked::Held(lock) => lock,
            Locked::Busy => {
                return Err(OutputError::Busy {
                    path: out.to_path_buf(),
                });
            }
        };
        let previous = prepare_existing(&target, parent.as_fd(), force)?;
        Ok(OutputFolder {
            target,
            parent,
            previous,
            _lock: lock,
        })
    }

    /// Writes a complete build: `formats` are (format name, artifacts) for the formats built now;
    /// formats built earlier and not rebuilt now, and files of publications outside `scope`, are
    /// carried over from the previous build.
    pub fn write_build(
        &self,
        formats: &[(String, Vec<Artifact>)],
        scope: Scope<'_>,
    ) -> Result<Manifest, OutputError> {
        let parent = self.parent.as_fd();
        let name = &self.target.name;
        let shown =
            |staging: &std::ffi::OsStr| self.target.parent().join(staging).display().to_string();
        let staging = staging::create(parent, name).map_err(io(format!(
            "cannot create the staging folder {}",
            shown(&staging::staging_name(name))
        )))?;
        let filled = staging::open(parent, &staging)
            .map_err(io(format!("cannot open {}", shown(&staging))))
            .and_then(|staged| {
                let out = match self.previous {
                    Some(_) => Some(
                        tree::open_dir(parent, name)
                            .map_err(io(format!("cannot open {}", self.target.given.display())))?,
                    ),
                    None => None,
                };
                staging::fill(
                    staged.as_fd(),
                    out.as_ref().map(AsFd::as_fd),
                    formats,
                    self.previous.as_ref(),
                    scope,
                )
            });
        let manifest = match filled {
            Ok(manifest) => manifest,
            Err(error) => {
                let _ = tree::remove_tree(parent, &staging);
                return Err(error);
            }
        };
        if let Err(error) = staging::promote(parent, &staging, name, &self.target.given) {
            let _ = tree::remove_tree(parent, &staging);
            return Err(error);
        }
        Ok(manifest)
    }

    /// Removes what the manifest says helpdoc made: each listed file, then the folders left
    /// empty, then the manifest, then the output folder when nothing else is in it. Files the
    /// manifest does not list are never touched (opening refused them unless `force`).
    pub fn clean(&self) -> Result<Cleaned, OutputError> {
        let Some(previous) = &self.previous else {
            // No manifest: opening found nothing helpdoc did not make, so at most an empty folder.
            let folder_removed = tree::remove_empty_folder(self.parent.as_fd(), &self.target.name)
                .map_err(io(format!("cannot remove {}", self.target.given.display())))?;
            return Ok(Cleaned {
                files: Vec::new(),
                folder_removed,
            });
        };
        let _writing = crate::shutdown::start_write().ok_or_else(|| OutputError::Io {
            action: format!("cannot clean {}", self.target.given.display()),
            error: crate::shutdown::stopping(),
        })?;
        let out = tree::open_dir(self.parent.as_fd(), &self.target.name)
            .map_err(io(format!("cannot open {}", self.target.given.display())))?;
        let mut cleaned = Cleaned::default();
        for file in previous.files.iter().filter(|f| is_safe_relative(f)) {
            if tree::remove_file(out.as_fd(), file).map_err(io(format!("cannot remove {file}")))? {
                cleaned.files.push(file.clone());
            }
        }
        tree::remove_file(out.as_fd(), MANIFEST).map_err(io("cannot remove the manifest"))?;
        tree::remove_empty_parents(out.as_fd(), &cleaned.files)
            .map_err(io(format!("cannot clean {}", self.target.given.display())))?;
        drop(out);
        cleaned.folder_removed = tree::remove_empty_folder(self.parent.as_fd(), &self.target.name)
            .map_err(io(format!("cannot remove {}", self.target.given.display())))?;
        Ok(cleaned)
    }
}

/// Writes a complete build into `out` (see [`OutputFolder::open`] and
/// [`OutputFolder::write_build`]), waiting silently for any other build into it.
pub fn write_build(
    out: &Path,
    content_root: &Path,
    formats: &[(String, Vec<Artifact>)],
    force: bool,
) -> Result<Manifest, OutputError> {
    OutputFolder::open(out, content_root, force, Wait::Block(&mut || {}))?
        .write_build(formats, Scope::Everything)
}

/// Checks an existing output folder, through the parent's handle: missing or empty is fine; a
/// helpdoc build with nothing else in it is fine; anything else needs `force`; a link never is.
/// Returns the previous manifest.
fn prepare_existing(
    target: &Target,
    parent: BorrowedFd<'_>,
    force: bool,
) -> Result<Option<Manifest>, OutputError> {
    let not_ours = |files: Vec<String>| OutputError::NotOurs {
        path: target.given.clone(),
        files,
    };
    let reading = || format!("cannot read {}", target.given.display());
    match tree::kind(parent, &target.name).map_err(io(reading()))? {
        None => return Ok(None),
        Some(FileType::Directory) => {}
        Some(FileType::Symlink) => {
            return Err(target.refuse(
                "it is a symbolic link; name the folder it points to instead, if that is where the build belongs",
            ));
        }
        Some(_) => return Err(not_ours(vec!["(it is a file, not a folder)".into()])),
    }
    let out = tree::open_dir(parent, &target.name).map_err(io(reading()))?;
    let files = tree::list_files(out.as_fd()).map_err(io(reading()))?;
    let manifest = staging::read_manifest(out.as_fd());
    let foreign: Vec<String> = files
        .into_iter()
        .filter(|f| f != MANIFEST && !manifest.as_ref().is_some_and(|m| m.files.contains(f)))
        .collect();
    if !foreign.is_empty() && !force {
        return Err(not_ours(foreign));
    }
    Ok(manifest)
}

/// Writes `bytes` to `path` atomically: into a temporary sibling, synced, then renamed over. The
/// file gets the mode any new file gets (0666 less the umask), not a temporary file's 0600.
pub fn write_file_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    // A stop waits for the write, so its temporary sibling is never left behind.
    let _writing = crate::shutdown::start_write().ok_or_else(crate::shutdown::stopping)?;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new()
        .permissions(std::fs::Permissions::from_mode(0o666))
        .tempfile_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(text: &str) -> Vec<(String, Vec<Artifact>)> {
        vec![(
            "html".into(),
            vec![Artifact {
                path: "guide.html".into(),
                bytes: text.as_bytes().to_vec(),
                publication: Some("guide".into()),
            }],
        )]
    }

    #[test]
    fn a_link_swapped_in_after_the_checks_does_not_redirect_the_build() {
        let temp = tempfile::tempdir().expect("temp");
        let root = temp.path().canonicalize().expect("canonical");
        let content = root.join("content");
        std::fs::create_dir_all(&content).expect("mkdir");
        let victim = root.join("victim");
        std::fs::create_dir_all(victim.join("out")).expect("mkdir");
        std::fs::write(victim.join("out/keep.txt"), "mine").expect("write");
        write_build(&root.join("site/out"), &content, &html("one"), false).expect("first build");
        let folder = OutputFolder::open(&root.join("site/out"), &content, false, Wait::NoWait)
            .expect("checked and locked");
        // Between the checks and the write, `site` becomes a link to the victim's folder.
        std::fs::rename(root.join("site"), root.join("moved")).expect("rename");
        std::os::unix::fs::symlink(&victim, root.join("site")).expect("symlink");
        folder
            .write_build(&html("two"), Scope::Everything)
            .expect("second build");
        drop(folder);
        assert_eq!(
            std::fs::read_to_string(victim.join("out/keep.txt")).expect("kept"),
            "mine"
        );
        assert_eq!(
            std::fs::read_dir(&victim).expect("list").count(),
            1,
            "nothing was written beside the victim's folder"
        );
        assert_eq!(
            std::fs::read_to_string(root.join("moved/out/html/guide.html")).expect("built"),
            "two"
        );
        let left: Vec<_> = std::fs::read_dir(root.join("moved"))
            .expect("list")
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(left, ["out"], "no staging folder or lock file is left");
    }

    #[test]
    fn artifact_paths_cannot_escape() {
        assert!(is_safe_relative("html/guide.html"));
        for bad in [
            "",
            "/etc/passwd",
            "../x",
            "a/../../x",
            "a//b",
            "a\\b",
            "./a",
        ] {
            assert!(!is_safe_relative(bad), "{bad}");
        }
    }
}
