//! The one place that decides which folders a command works on. Today these are the flags as
//! given (relative to the current folder); project discovery plugs in here, so every command
//! (`build`, `clean`, `watch`, `serve`, `new`) agrees on them.

use std::path::{Path, PathBuf};

/// The folders of a project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folders {
    /// The content folder.
    pub content: PathBuf,
    /// The output folder.
    pub out: PathBuf,
    /// The folder holding template packs and command exporters.
    pub exporters: PathBuf,
}

impl Folders {
    /// The folders from the command line's `--content`, `--out` and `--exporters`.
    pub fn resolve(content: &Path, out: &Path, exporters: &Path) -> Folders {
        Folders {
            content: content.to_path_buf(),
            out: out.to_path_buf(),
            exporters: exporters.to_path_buf(),
        }
    }
}
