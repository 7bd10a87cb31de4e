//! Finding a content folder's files: every content and data file under it, in path order, with its size.

use std::ffi::OsString;
use std::fs::FileType;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::Syntax;

/// A file found under the content folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Its path (the content folder's path joined with the file's relative path).
    pub path: PathBuf,
    /// Its size in bytes as listed (through a symbolic link: the size of what it leads to), or 0
    /// when that cannot be read (reading it will then say why).
    pub size: u64,
}

/// Finds every content file and data file under `root`, sorted, skipping hidden files and folders
/// and not following symbolic links to folders. Anything else with a content file's name (a FIFO,
/// a device, a link leading out or nowhere) is found too, so that reading it through
/// [`super::ReadRoot::read`] refuses it with a diagnostic rather than it being silently left out.
pub fn discover(root: &Path) -> std::io::Result<Vec<PathBuf>> {
    Ok(discover_sized(root)?
        .into_iter()
        .map(|found| found.path)
        .collect())
}

/// [`discover`], with each file's size: read from the folder listing's own handle (no lookup of
/// the whole path per file), so that the loader can apply its cap on the total size before it
/// reads anything.
///
/// The order is `Path`'s order (component by component) without comparing whole paths: each
/// folder's entries are sorted by name and a subfolder's files come at the subfolder's place.
/// The root's subfolders are walked on every core (listing a large tree is thousands of system
/// calls); each is walked with a stack, not recursion, so a deeply nested tree cannot exhaust
/// the call stack.
pub fn discover_sized(root: &Path) -> std::io::Result<Vec<Found>> {
    let top = sorted_entries(root)?;
    let parts: Vec<Vec<Found>> = top
        .into_par_iter()
        .map(|entry| {
            let mut found = Vec::new();
            let path = root.join(&entry.name);
            if entry.file_type.is_dir() {
                walk(root, path, &mut found)?;
            } else if let Some(file) = content_file(root, path, &entry) {
                found.push(file);
            }
            Ok(found)
        })
        .collect::<std::io::Result<_>>()?;
    Ok(parts.into_iter().flatten().collect())
}

/// Adds the content files under the folder `dir` (inside `root`) to `found`, in path order.
fn walk(root: &Path, dir: PathBuf, found: &mut Vec<Found>) -> std::io::Result<()> {
    let entries = sorted_entries(&dir)?.into_iter();
    let mut stack = vec![(dir, entries)];
    while let Some((dir, entries)) = stack.last_mut() {
        let Some(entry) = entries.next() else {
            stack.pop();
            continue;
        };
        let path = dir.join(&entry.name);
        if entry.file_type.is_dir() {
            let entries = sorted_entries(&path)?.into_iter();
            stack.push((path, entries));
        } else if let Some(file) = content_file(root, path, &entry) {
            found.push(file);
        }
    }
    Ok(())
}

/// The entry at `path` as a found file, if it is a content or data file: a symbolic link to a
/// folder is not (folders are not followed), and a link's size is its target's.
fn content_file(root: &Path, path: PathBuf, entry: &Entry) -> Option<Found> {
    let named = Syntax::of(&path).is_some() || is_data(root, &path);
    if !named || (entry.file_type.is_symlink() && path.is_dir()) {
        return None;
    }
    let size = if entry.file_type.is_symlink() {
        std::fs::metadata(&path).map_or(0, |m| m.len())
    } else {
        entry.size
    };
    Some(Found { path, size })
}

/// One entry of a folder listing.
struct Entry {
    name: OsString,
    file_type: FileType,
    /// The entry's own size (of the link itself for a symbolic link); 0 for folders.
    size: u64,
}

/// The entries of `dir` that are not hidden, sorted by name.
fn sorted_entries(dir: &Path) -> std::io::Result<Vec<Entry>> {
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        if name.as_encoded_bytes().starts_with(b".") {
            continue;
        }
        let file_type = entry.file_type()?;
        let size = if file_type.is_dir() {
            0
        } else {
            entry.metadata().map_or(0, |m| m.len())
        };
        entries.push(Entry {
            name,
            file_type,
            size,
        });
    }
    entries.sort_unstable_by(|a, b| a.name.cmp(&b.name));
    Ok(entries)
}

/// Whether `path` (under `root`) is a data file (see [`crate::data::data_key`]).
fn is_data(root: &Path, path: &Path) -> bool {
    path.strip_prefix(root)
        .is_ok_and(|relative| crate::data::data_key(relative).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_come_in_path_order_with_their_sizes() {
        let temp = tempfile::tempdir().expect("temp");
        let root = temp.path();
        for (name, text) in [
            ("a-b.yaml", "x"),
            ("a/z.yaml", "xy"),
            ("a/b/c.json", "xyz"),
            ("a.yaml", "wxyz"),
            ("B.yml", ""),
            (".hidden/x.yaml", ""),
            ("a/.x.yaml", ""),
            ("a/notes.txt", ""),
        ] {
            let path = root.join(name);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("folder");
            std::fs::write(&path, text).expect("write");
        }
        std::os::unix::fs::symlink("a.yaml", root.join("link.yaml")).expect("link");
        let found = discover_sized(root).expect("discover");
        let mut expected: Vec<PathBuf> = ["a-b.yaml", "a/z.yaml", "a/b/c.json", "a.yaml", "B.yml"]
            .iter()
            .map(|name| root.join(name))
            .chain([root.join("link.yaml")])
            .collect();
        expected.sort();
        let paths: Vec<PathBuf> = found.iter().map(|f| f.path.clone()).collect();
        assert_eq!(paths, expected);
        let size = |name: &str| {
            found
                .iter()
                .find(|f| f.path == root.join(name))
                .map(|f| f.size)
        };
        assert_eq!(size("a/b/c.json"), Some(3));
        assert_eq!(size("link.yaml"), Some(4), "a link's size is its target's");
    }
}
