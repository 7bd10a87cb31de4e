//! Reads a command exporter's staging folder back as artifacts, refusing anything that is not a
//! plain file inside it (symbolic links, devices, names that are not UTF-8) and capping its size.

use std::path::Path;

use crate::export::Artifact;
use crate::load::ReadRoot;
use crate::load::guarded::Why;

/// The most a command exporter may write, in bytes.
pub const MAX_TOTAL_BYTES: u64 = 512 * 1024 * 1024;
/// The most files a command exporter may write.
pub const MAX_FILES: usize = 20_000;

/// Every file under `root`, as artifacts with `/`-separated relative paths, sorted.
pub fn collect(root: &Path) -> Result<Vec<Artifact>, String> {
    let staging = ReadRoot::new(root, "the exporter's output folder")
        .map_err(|e| format!("cannot read {}: {e}", root.display()))?;
    let too_much = || {
        format!(
            "it wrote more than {} MiB or {MAX_FILES} files",
            MAX_TOTAL_BYTES / (1024 * 1024)
        )
    };
    let mut artifacts = Vec::new();
    let mut total: u64 = 0;
    let mut pending = vec![String::new()];
    while let Some(relative) = pending.pop() {
        let dir = root.join(&relative);
        let entries =
            std::fs::read_dir(&dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        for entry in entries {
            let entry = entry.map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
            let name = entry.file_name();
            let Some(name) = name.to_str().filter(|n| is_plain_name(n)) else {
                return Err(format!(
                    "it wrote a file whose name helpdoc does not accept: {:?} in `{relative}`",
                    entry.file_name()
                ));
            };
            let path = if relative.is_empty() {
                name.to_string()
            } else {
                format!("{relative}/{name}")
            };
            // `DirEntry::file_type` does not follow symbolic links.
            let kind = entry
                .file_type()
                .map_err(|e| format!("cannot inspect `{path}`: {e}"))?;
            if kind.is_symlink() {
                return Err(format!(
                    "it wrote `{path}` as a symbolic link; write plain files only"
                ));
            } else if kind.is_dir() {
                pending.push(path);
            } else if kind.is_file() {
                if artifacts.len() >= MAX_FILES {
                    return Err(too_much());
                }
                // Read through the guard even though the entry looked plain a moment ago: a
                // process the exporter left behind may swap in a link or a FIFO meanwhile.
                let bytes = staging
                    .read(&root.join(&path), MAX_TOTAL_BYTES - total)
                    .map_err(|refused| match refused.why {
                        Why::TooLarge { .. } => too_much(),
                        _ => format!("cannot read `{path}`: {}", refused.reason()),
                    })?;
                total += bytes.len() as u64;
                artifacts.push(Artifact {
                    path,
                    bytes,
                    publication: None,
                });
            } else {
                return Err(format!("it wrote `{path}`, which is not a regular file"));
            }
        }
    }
    artifacts.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(artifacts)
}

/// A file or folder name that is safe as one part of an artifact path.
fn is_plain_name(name: &str) -> bool {
    !name.is_empty() && name != "." && name != ".." && !name.contains(['/', '\\', '\0'])
}
