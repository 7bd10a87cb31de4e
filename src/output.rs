//! Writing outputs: atomic file writes (and, for builds, staging and promotion of whole folders).

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically: into a temporary sibling, synced, then renamed over.
pub fn write_file_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
