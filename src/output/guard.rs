//! Where the output folder really is, as the filesystem resolves it, and whether helpdoc may build there.
//!
//! The folder that will hold the output folder is resolved by the OS (`canonicalize`: links and
//! `..` followed as the kernel follows them), never by string rules, and the output folder is
//! then a plain name inside it. Every guard compares these resolved paths.

use std::ffi::{OsStr, OsString};
use std::os::unix::ffi::OsStrExt;
use std::path::{Component, Path, PathBuf};

use super::OutputError;

/// An output folder resolved by the filesystem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The output folder as the user wrote it (for messages).
    pub given: PathBuf,
    /// `given` made absolute by string rules only (to say where it really leads when that differs).
    pub spelled: PathBuf,
    /// The deepest existing folder on the way to the output folder, canonical (no link, no `..`).
    pub existing: PathBuf,
    /// Folders to create below `existing` (plain names), then the output folder's name.
    pub missing: Vec<OsString>,
    /// The output folder's name.
    pub name: OsString,
}

impl Target {
    /// The folder that holds the output folder.
    pub fn parent(&self) -> PathBuf {
        let mut parent = self.existing.clone();
        parent.extend(&self.missing);
        parent
    }

    /// The output folder's resolved path.
    pub fn path(&self) -> PathBuf {
        self.parent().join(&self.name)
    }

    /// A refusal of this output folder, naming where it really leads when that differs.
    pub fn refuse(&self, reason: &str) -> OutputError {
        let resolved = self.path();
        let reason = if resolved == self.spelled {
            reason.to_string()
        } else {
            format!(
                "{reason} ({} leads to {})",
                self.given.display(),
                resolved.display()
            )
        };
        OutputError::UnsafeFolder {
            path: self.given.clone(),
            reason,
        }
    }
}

/// Resolves `out`: the folder holding it through the real filesystem, then its final name,
/// which must be a plain name (not `.`, `..` or the root).
pub fn resolve(out: &Path) -> Result<Target, OutputError> {
    let refuse = |reason: &str| OutputError::UnsafeFolder {
        path: out.to_path_buf(),
        reason: reason.into(),
    };
    // The raw bytes, not `Path::components`, which would drop a final `.` (and `LINK/.` is LINK's target).
    let bytes = out.as_os_str().as_bytes();
    let trimmed = &bytes[..bytes.iter().rposition(|&b| b != b'/').map_or(0, |i| i + 1)];
    if trimmed.is_empty() {
        return Err(if bytes.is_empty() {
            refuse("the path is empty")
        } else {
            refuse("it is the filesystem root")
        });
    }
    let (folder, name) = match trimmed.iter().rposition(|&b| b == b'/') {
        Some(0) => (&b"/"[..], &trimmed[1..]),
        Some(slash) => (&trimmed[..slash], &trimmed[slash + 1..]),
        None => (&b"."[..], trimmed),
    };
    if name == b"." || name == b".." {
        return Err(refuse(
            "name the output folder itself as the last part of the path, not `.` or `..` \
             (for example `--out ../build`)",
        ));
    }
    let folder = Path::new(OsStr::from_bytes(folder));
    let absolute = if folder.is_absolute() {
        folder.to_path_buf()
    } else {
        let cwd = std::env::current_dir().map_err(|error| OutputError::Io {
            action: "cannot read the current folder".into(),
            error,
        })?;
        cwd.join(folder)
    };
    let (existing, missing) = resolve_existing(&absolute)?;
    let spelled = absolute
        .components()
        .filter(|c| *c != Component::CurDir)
        .chain([Component::Normal(OsStr::from_bytes(name))])
        .collect();
    Ok(Target {
        given: out.to_path_buf(),
        spelled,
        existing,
        missing,
        name: OsStr::from_bytes(name).to_os_string(),
    })
}

/// Splits `folder` (absolute) into its deepest existing ancestor, canonicalized by the OS, and the
/// plain names below it that do not exist yet.
fn resolve_existing(folder: &Path) -> Result<(PathBuf, Vec<OsString>), OutputError> {
    let components: Vec<Component> = folder.components().collect();
    for split in (1..=components.len()).rev() {
        let prefix: PathBuf = components[..split].iter().collect();
        match prefix.canonicalize() {
            Ok(existing) => {
                let mut missing = Vec::new();
                for component in &components[split..] {
                    match component {
                        Component::Normal(name) => missing.push(name.to_os_string()),
                        _ => {
                            return Err(OutputError::Io {
                                action: format!("cannot resolve {}", folder.display()),
                                error: std::io::Error::new(
                                    std::io::ErrorKind::NotFound,
                                    format!("{} does not exist", prefix.join(component).display()),
                                ),
                            });
                        }
                    }
                }
                return Ok((existing, missing));
            }
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => {
                return Err(OutputError::Io {
                    action: format!("cannot resolve {}", prefix.display()),
                    error,
                });
            }
        }
    }
    // Only the root is left, and it always exists.
    Ok((PathBuf::from("/"), Vec::new()))
}

/// The folders helpdoc must never build into or replace, resolved by the filesystem.
pub struct Protected {
    /// The content folder (the output may neither be in it nor contain it).
    pub content: PathBuf,
    /// The user's home folder (the output may neither be it nor contain it).
    pub home: Option<PathBuf>,
}

impl Protected {
    /// The content folder and `$HOME`, canonicalized (as given when they do not exist).
    pub fn new(content_root: &Path) -> Protected {
        let canonical = |path: &Path| path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        Protected {
            content: canonical(content_root),
            home: std::env::var_os("HOME")
                .filter(|home| !home.is_empty())
                .map(|home| canonical(Path::new(&home))),
        }
    }
}

/// Checks the resolved output folder against the protected folders.
pub fn check(target: &Target, protected: &Protected) -> Result<(), OutputError> {
    let out = target.path();
    if let Some(home) = &protected.home {
        if &out == home {
            return Err(target.refuse("it is your home folder"));
        }
        if home.starts_with(&out) {
            return Err(target.refuse("it contains your home folder"));
        }
    }
    if out.starts_with(&protected.content) {
        return Err(target
            .refuse("it is inside the content folder (outputs would be read back as content)"));
    }
    if protected.content.starts_with(&out) {
        return Err(target.refuse("it contains the content folder"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(out: &Path, protected: &Protected) -> Option<String> {
        match resolve(out).and_then(|t| check(&t, protected)) {
            Ok(()) => None,
            Err(error) => Some(error.to_string()),
        }
    }

    #[test]
    fn links_and_dots_are_followed_as_the_os_follows_them() {
        let temp = tempfile::tempdir().expect("temp");
        let root = temp.path().canonicalize().expect("canonical");
        std::fs::create_dir_all(root.join("home/deep")).expect("mkdir");
        std::fs::create_dir_all(root.join("content/sub")).expect("mkdir");
        std::os::unix::fs::symlink(root.join("home/deep"), root.join("to-home")).expect("link");
        std::os::unix::fs::symlink(root.join("content/sub"), root.join("to-content"))
            .expect("link");
        let protected = Protected {
            content: root.join("content"),
            home: Some(root.join("home")),
        };
        let home = refused(&root.join("to-home/../../home"), &protected).expect("home");
        assert!(home.contains("it is your home folder"), "{home}");
        assert!(home.contains(&format!("leads to {}", root.join("home").display())));
        let content = refused(&root.join("to-content/../out"), &protected).expect("content");
        assert!(content.contains("inside the content folder"), "{content}");
        let above = refused(&root.join("to-home/../.."), &protected).expect("dots");
        assert!(above.contains("not `.` or `..`"), "{above}");
        assert!(refused(&root.join("to-home/."), &protected).is_some());
        assert!(refused(Path::new("/"), &protected).is_some());
        assert!(refused(&root.join("to-content/../../out"), &protected).is_none());
    }

    #[test]
    fn missing_folders_are_kept_as_names_below_the_existing_one() {
        let temp = tempfile::tempdir().expect("temp");
        let root = temp.path().canonicalize().expect("canonical");
        let target = resolve(&root.join("a/b/out/")).expect("resolve");
        assert_eq!(target.existing, root);
        assert_eq!(target.missing, [OsString::from("a"), OsString::from("b")]);
        assert_eq!(target.name, "out");
        assert!(resolve(&root.join("missing/../out")).is_err());
    }
}
