//! The staging folder a build is written into beside the output folder, and its swap into place.
//!
//! Staging folders are named `.NAME.helpdoc-staging-PID`; they are created, filled, swapped and
//! removed only while the build holds the output folder's lock (`lock.rs`), so any staging or
//! old-build folder found while holding the lock belongs to a build that died: only those are
//! cleaned up.

use std::collections::BTreeSet;
use std::ffi::{OsStr, OsString};
use std::io::Read;
use std::os::fd::{BorrowedFd, OwnedFd};

use rustix::fs::{FileType, RenameFlags};
use rustix::io::Errno;

use super::{MANIFEST, Manifest, OutputError, Scope, io, is_safe_relative, tree};
use crate::export::Artifact;

const STAGING: &str = ".helpdoc-staging-";
const OLD: &str = ".helpdoc-old-";

/// The largest manifest read back (a real one lists a few thousand files).
const MANIFEST_LIMIT: u64 = 64 * 1024 * 1024;

fn named(name: &OsStr, kind: &str, suffix: &str) -> OsString {
    let mut staged = OsString::from(".");
    staged.push(name);
    staged.push(kind);
    staged.push(suffix);
    staged
}

/// This process's staging folder name for the output folder `name`.
pub fn staging_name(name: &OsStr) -> OsString {
    named(name, STAGING, &std::process::id().to_string())
}

/// Removes the staging and old-build folders of `name` left by builds that died. Call only while
/// holding the output folder's lock: no live build owns one then.
pub fn clean_stale(parent: BorrowedFd<'_>, name: &OsStr) {
    let Ok(entries) = tree::entries(parent) else {
        return;
    };
    let prefixes = [named(name, STAGING, ""), named(name, OLD, "")];
    for (entry, _) in entries {
        let bytes = entry.as_encoded_bytes();
        // The prefix and a process id, nothing else: `.a.helpdoc-staging-1.helpdoc-staging-7`
        // belongs to the output folder `a.helpdoc-staging-1`, which has a lock of its own.
        let ours = prefixes.iter().any(|p| {
            bytes
                .strip_prefix(p.as_encoded_bytes())
                .is_some_and(|pid| !pid.is_empty() && pid.iter().all(u8::is_ascii_digit))
        });
        if ours {
            let _ = tree::remove_tree(parent, &entry);
        }
    }
}

/// Reads the manifest of the output folder opened as `out`, if it is a helpdoc manifest.
pub fn read_manifest(out: BorrowedFd<'_>) -> Option<Manifest> {
    let file = tree::open_regular(out, MANIFEST).ok()??;
    let mut text = String::new();
    file.take(MANIFEST_LIMIT).read_to_string(&mut text).ok()?;
    serde_json::from_str::<Manifest>(&text)
        .ok()
        .filter(|m| m.generator == "helpdoc")
}

/// Whether the previous build's `file` (made by `owner`, when known) is carried over into a
/// build of `rebuilt` formats within `scope`: yes for formats not rebuilt, and for files of
/// publications outside the scope; a file whose publication is unknown is rebuilt with its format.
fn carried_over(
    file: &str,
    owner: Option<&str>,
    rebuilt: &BTreeSet<&str>,
    scope: Scope<'_>,
) -> bool {
    let format = file.split('/').next().unwrap_or_default();
    if !rebuilt.contains(format) {
        return true;
    }
    match scope {
        Scope::Everything => false,
        Scope::Publications(built) => owner.is_some_and(|owner| !built.contains(owner)),
    }
}

/// Fills the staging folder: the formats built now, plus what [`carried_over`] keeps from the
/// previous build in `out`.
pub fn fill(
    staging: BorrowedFd<'_>,
    out: Option<BorrowedFd<'_>>,
    formats: &[(String, Vec<Artifact>)],
    previous: Option<&Manifest>,
    scope: Scope<'_>,
) -> Result<Manifest, OutputError> {
    let mut manifest = Manifest {
        generator: "helpdoc".into(),
        ..Manifest::default()
    };
    let rebuilt: BTreeSet<&str> = formats.iter().map(|(f, _)| f.as_str()).collect();
    let new: BTreeSet<String> = formats
        .iter()
        .flat_map(|(format, artifacts)| {
            artifacts
                .iter()
                .map(move |a| format!("{format}/{}", a.path))
        })
        .collect();
    if let (Some(previous), Some(out)) = (previous, out) {
        for file in &previous.files {
            let owner = previous.publications.get(file).map(String::as_str);
            if !carried_over(file, owner, &rebuilt, scope)
                || new.contains(file)
                || !is_safe_relative(file)
            {
                continue;
            }
            // A file that is gone, or no longer a regular file, is not carried over.
            if tree::link_or_copy(out, staging, file)
                .map_err(io(format!("cannot carry over {file}")))?
            {
                manifest.files.insert(file.clone());
                if let Some(owner) = owner {
                    manifest
                        .publications
                        .insert(file.clone(), owner.to_string());
                }
            }
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
            // A file the previous build made with the same bytes is kept, not written again.
            let unchanged = match (out, previous) {
                (Some(out), Some(previous)) if previous.files.contains(&relative) => {
                    tree::link_if_same(out, staging, &relative, &artifact.bytes).unwrap_or(false)
                }
                _ => false,
            };
            if !unchanged {
                tree::write_new(staging, &relative, &artifact.bytes)
                    .map_err(io(format!("cannot write {relative}")))?;
            }
            if let Some(publication) = &artifact.publication {
                manifest
                    .publications
                    .insert(relative.clone(), publication.clone());
            }
            manifest.files.insert(relative);
        }
    }
    let mut text = serde_json::to_string_pretty(&manifest).map_err(|e| OutputError::Io {
        action: "cannot write the manifest".into(),
        error: std::io::Error::other(e),
    })?;
    text.push('\n');
    tree::write_new(staging, MANIFEST, text.as_bytes()).map_err(io("cannot write the manifest"))?;
    // One flush of the filesystem (cheaper than an fsync per file).
    tree::sync_filesystem(staging).map_err(io("cannot sync the staging folder"))?;
    Ok(manifest)
}

/// Swaps the staging folder in for the output folder `name`, both inside `parent`: atomically with
/// `renameat2(RENAME_EXCHANGE)` where the filesystem has it, so the output path never points at a
/// partial or missing build. The previous build is then removed without following any link.
pub fn promote(
    parent: BorrowedFd<'_>,
    staging: &OsStr,
    name: &OsStr,
    shown: &std::path::Path,
) -> Result<(), OutputError> {
    let moving = || format!("cannot move the build into {}", shown.display());
    let exists = tree::kind(parent, name).map_err(io(moving()))?;
    if exists.is_none() {
        return rustix::fs::renameat(parent, staging, parent, name).map_err(|e| OutputError::Io {
            action: moving(),
            error: e.into(),
        });
    }
    if exists != Some(FileType::Directory) {
        return Err(OutputError::UnsafeFolder {
            path: shown.to_path_buf(),
            reason: "it stopped being a folder during the build".into(),
        });
    }
    match rustix::fs::renameat_with(parent, staging, parent, name, RenameFlags::EXCHANGE) {
        Ok(()) => {
            // `staging` now holds the previous build.
            let _ = tree::remove_tree(parent, staging);
            Ok(())
        }
        Err(Errno::INVAL | Errno::NOSYS | Errno::NOTSUP) => {
            let old = named(name, OLD, &std::process::id().to_string());
            rustix::fs::renameat(parent, name, parent, &old).map_err(|e| OutputError::Io {
                action: format!(
                    "cannot move the previous build aside from {}",
                    shown.display()
                ),
                error: e.into(),
            })?;
            if let Err(error) = rustix::fs::renameat(parent, staging, parent, name) {
                // Put the previous build back rather than leave no output folder.
                let _ = rustix::fs::renameat(parent, &old, parent, name);
                return Err(OutputError::Io {
                    action: moving(),
                    error: error.into(),
                });
            }
            let _ = tree::remove_tree(parent, &old);
            Ok(())
        }
        Err(error) => Err(OutputError::Io {
            action: moving(),
            error: error.into(),
        }),
    }
}

/// Creates this process's staging folder for `name` in `parent` (after clearing stale ones).
pub fn create(parent: BorrowedFd<'_>, name: &OsStr) -> std::io::Result<OsString> {
    clean_stale(parent, name);
    let staging = staging_name(name);
    rustix::fs::mkdirat(parent, &staging, rustix::fs::Mode::from_raw_mode(0o777))?;
    Ok(staging)
}

/// Opens the staging folder `staging` in `parent`.
pub fn open(parent: BorrowedFd<'_>, staging: &OsStr) -> std::io::Result<OwnedFd> {
    tree::open_dir(parent, staging)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_subset_build_keeps_other_publications_and_unbuilt_formats() {
        let html: BTreeSet<&str> = ["html"].into();
        let built: BTreeSet<String> = ["a".to_string()].into();
        let subset = Scope::Publications(&built);
        assert!(carried_over("pdf/a.pdf", Some("a"), &html, subset));
        assert!(carried_over("html/b.html", Some("b"), &html, subset));
        assert!(!carried_over("html/a.html", Some("a"), &html, subset));
        assert!(!carried_over("html/x.html", None, &html, subset));
        assert!(!carried_over(
            "html/b.html",
            Some("b"),
            &html,
            Scope::Everything
        ));
        assert!(carried_over(
            "pdf/b.pdf",
            Some("b"),
            &html,
            Scope::Everything
        ));
    }
}
