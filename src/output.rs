//! Writing outputs safely: a whole build is written into a staging folder beside the output folder,
//! then swapped in atomically, so the output folder only ever holds one complete build. A manifest
//! records the files helpdoc owns; helpdoc refuses to replace a folder holding anything else.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::export::Artifact;

/// The manifest file at the top of every output folder.
pub const MANIFEST: &str = ".helpdoc-manifest.json";

/// The list of files a build wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Always `helpdoc`.
    pub generator: String,
    /// Every file helpdoc wrote, relative to the output folder, sorted.
    pub files: BTreeSet<String>,
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
            OutputError::Io { action, error } => write!(f, "{action}: {error}"),
        }
    }
}

fn io(action: impl Into<String>) -> impl FnOnce(std::io::Error) -> OutputError {
    let action = action.into();
    move |error| OutputError::Io { action, error }
}

/// Checks that `out` is a folder helpdoc may build into at all.
pub fn check_output_folder(out: &Path, content_root: &Path) -> Result<(), OutputError> {
    let absolute = absolute(out);
    let unsafe_folder = |reason: &str| {
        Err(OutputError::UnsafeFolder {
            path: out.to_path_buf(),
            reason: reason.into(),
        })
    };
    if absolute.parent().is_none() {
        return unsafe_folder("it is the filesystem root");
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from)
        && absolute == absolute_clean(&home)
    {
        return unsafe_folder("it is your home folder");
    }
    let content = absolute_clean(content_root);
    if absolute.starts_with(&content) {
        return unsafe_folder(
            "it is inside the content folder (outputs would be read back as content)",
        );
    }
    if content.starts_with(&absolute) {
        return unsafe_folder("it contains the content folder");
    }
    Ok(())
}

fn absolute(path: &Path) -> PathBuf {
    absolute_clean(path)
}

/// An absolute path with `.` and `..` removed lexically, and symbolic links resolved for the part
/// that exists.
fn absolute_clean(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut clean = PathBuf::new();
    for component in joined.components() {
        match component {
            std::path::Component::ParentDir => {
                clean.pop();
            }
            std::path::Component::CurDir => {}
            other => clean.push(other),
        }
    }
    // Resolve symlinks in the longest existing prefix.
    let mut existing = clean.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match existing.file_name() {
            Some(name) => rest.push(name.to_os_string()),
            None => break,
        }
        if !existing.pop() {
            break;
        }
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        resolved.push(name);
    }
    resolved
}

/// Reads the manifest of an existing output folder, if it has one.
pub fn read_manifest(out: &Path) -> Option<Manifest> {
    let text = std::fs::read_to_string(out.join(MANIFEST)).ok()?;
    serde_json::from_str::<Manifest>(&text)
        .ok()
        .filter(|m| m.generator == "helpdoc")
}

/// Files under `dir`, relative and `/`-separated, sorted (symbolic links are listed, not followed).
fn list_files(dir: &Path) -> std::io::Result<Vec<String>> {
    let mut found = Vec::new();
    let mut pending = vec![PathBuf::new()];
    while let Some(relative) = pending.pop() {
        for entry in std::fs::read_dir(dir.join(&relative))? {
            let entry = entry?;
            let path = relative.join(entry.file_name());
            if entry.file_type()?.is_dir() {
                pending.push(path);
            } else {
                found.push(path.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    found.sort();
    Ok(found)
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

/// Writes a complete build: `formats` are (format name, artifacts) for the formats built now;
/// formats built earlier and not rebuilt now are carried over from the previous build.
pub fn write_build(
    out: &Path,
    content_root: &Path,
    formats: &[(String, Vec<Artifact>)],
    force: bool,
) -> Result<Manifest, OutputError> {
    check_output_folder(out, content_root)?;
    let previous = prepare_existing(out, force)?;
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(io(format!("cannot create {}", parent.display())))?;
    let name = out
        .file_name()
        .map_or("build".into(), |n| n.to_string_lossy().into_owned());
    clean_stale_staging(parent, &name);
    let staging = parent.join(format!(".{name}.helpdoc-staging-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir(&staging).map_err(io(format!(
        "cannot create the staging folder {}",
        staging.display()
    )))?;
    let result = fill_staging(&staging, out, formats, previous.as_ref());
    let manifest = match result {
        Ok(manifest) => manifest,
        Err(error) => {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(error);
        }
    };
    promote(&staging, out)?;
    Ok(manifest)
}

/// Checks an existing output folder: empty or missing is fine; a helpdoc build with nothing else
/// in it is fine; anything else needs `force`. Returns the previous manifest.
fn prepare_existing(out: &Path, force: bool) -> Result<Option<Manifest>, OutputError> {
    let metadata = match std::fs::symlink_metadata(out) {
        Ok(m) => m,
        Err(_) => return Ok(None),
    };
    if !metadata.is_dir() {
        return Err(OutputError::NotOurs {
            path: out.to_path_buf(),
            files: vec!["(it is a file, not a folder)".into()],
        });
    }
    let files = list_files(out).map_err(io(format!("cannot read {}", out.display())))?;
    let manifest = read_manifest(out);
    let foreign: Vec<String> = files
        .into_iter()
        .filter(|f| f != MANIFEST && !manifest.as_ref().is_some_and(|m| m.files.contains(f)))
        .collect();
    if !foreign.is_empty() && !force {
        return Err(OutputError::NotOurs {
            path: out.to_path_buf(),
            files: foreign,
        });
    }
    Ok(manifest)
}

/// Removes staging and old-build folders left by interrupted builds.
fn clean_stale_staging(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let prefixes = [
        format!(".{name}.helpdoc-staging-"),
        format!(".{name}.helpdoc-old-"),
    ];
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if prefixes.iter().any(|p| file_name.starts_with(p.as_str())) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

fn fill_staging(
    staging: &Path,
    out: &Path,
    formats: &[(String, Vec<Artifact>)],
    previous: Option<&Manifest>,
) -> Result<Manifest, OutputError> {
    let mut manifest = Manifest {
        generator: "helpdoc".into(),
        files: BTreeSet::new(),
    };
    let rebuilt: BTreeSet<&str> = formats.iter().map(|(f, _)| f.as_str()).collect();
    if let Some(previous) = previous {
        for file in &previous.files {
            let format = file.split('/').next().unwrap_or_default();
            if rebuilt.contains(format) || !is_safe_relative(file) {
                continue;
            }
            let target = staging.join(file);
            if let Some(dir) = target.parent() {
                std::fs::create_dir_all(dir)
                    .map_err(io(format!("cannot create {}", dir.display())))?;
            }
            let source = out.join(file);
            if std::fs::hard_link(&source, &target).is_err() {
                std::fs::copy(&source, &target)
                    .map_err(io(format!("cannot carry over {}", source.display())))?;
            }
            manifest.files.insert(file.clone());
        }
    }
    for (format, artifacts) in formats {
        for artifact in artifacts {
            if !is_safe_relative(&artifact.path) {
                return Err(OutputError::BadArtifactPath {
                    format: format.clone(),
                    path: artifact.path.clone(),
                });
            }
            let relative = format!("{format}/{}", artifact.path);
            let target = staging.join(&relative);
            if let Some(dir) = target.parent() {
                std::fs::create_dir_all(dir)
                    .map_err(io(format!("cannot create {}", dir.display())))?;
            }
            std::fs::write(&target, &artifact.bytes)
                .map_err(io(format!("cannot write {}", target.display())))?;
            manifest.files.insert(relative);
        }
    }
    let mut text = serde_json::to_string_pretty(&manifest).map_err(|e| OutputError::Io {
        action: "cannot write the manifest".into(),
        error: std::io::Error::other(e),
    })?;
    text.push('\n');
    std::fs::write(staging.join(MANIFEST), text).map_err(io("cannot write the manifest"))?;
    sync_folder(staging)?;
    Ok(manifest)
}

/// Flushes the staging folder's filesystem once (cheaper than an fsync per file).
fn sync_folder(dir: &Path) -> Result<(), OutputError> {
    let handle = std::fs::File::open(dir).map_err(io(format!("cannot open {}", dir.display())))?;
    rustix::fs::syncfs(&handle).map_err(|e| OutputError::Io {
        action: "cannot sync the staging folder".into(),
        error: e.into(),
    })
}

/// Swaps the staging folder in: atomically with `renameat2(RENAME_EXCHANGE)` where the system has
/// it, so the output path never points at a partial or missing build.
fn promote(staging: &Path, out: &Path) -> Result<(), OutputError> {
    if std::fs::symlink_metadata(out).is_err() {
        return std::fs::rename(staging, out)
            .map_err(io(format!("cannot move the build into {}", out.display())));
    }
    let cwd = rustix::fs::CWD;
    match rustix::fs::renameat_with(cwd, staging, cwd, out, rustix::fs::RenameFlags::EXCHANGE) {
        Ok(()) => {
            // `staging` now holds the previous build.
            let _ = std::fs::remove_dir_all(staging);
            Ok(())
        }
        Err(_) => {
            let old = staging.with_file_name(
                staging
                    .file_name()
                    .map(|n| {
                        n.to_string_lossy()
                            .replace("helpdoc-staging-", "helpdoc-old-")
                    })
                    .unwrap_or_else(|| "old".into()),
            );
            std::fs::rename(out, &old).map_err(io(format!(
                "cannot move the previous build aside from {}",
                out.display()
            )))?;
            std::fs::rename(staging, out)
                .map_err(io(format!("cannot move the build into {}", out.display())))?;
            let _ = std::fs::remove_dir_all(old);
            Ok(())
        }
    }
}

/// Writes `bytes` to `path` atomically: into a temporary sibling, synced, then renamed over. The
/// file gets the mode any new file gets (0666 less the umask), not a temporary file's 0600.
pub fn write_file_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
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
