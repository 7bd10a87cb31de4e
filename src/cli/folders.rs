//! The one place that decides which folders a command works on: a flag as given, else the
//! project's (the closest `helpdoc.toml` with a `[project]` table, found from the current folder
//! up), else the conventional name in the current folder. Every command (`check`, `build`,
//! `clean`, `watch`, `serve`, `new`, `coverage`) agrees on them.

use std::path::{Path, PathBuf};

use helpdoc::check::CheckOptions;
use helpdoc::load::Project;

use super::{folder, project_here};

/// The folders of a project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folders {
    /// The content folder.
    pub content: PathBuf,
    /// The output folder.
    pub out: PathBuf,
    /// The folder holding template packs and command exporters.
    pub exporters: PathBuf,
    /// The project found from the current folder, if any (its `helpdoc.toml` applies).
    pub project: Option<Project>,
}

impl Folders {
    /// The folders from `--content`, `--out` and `--exporters` (each optional), the project's
    /// otherwise. `Err` is the exit code after a broken project file was reported.
    pub fn resolve(
        content: Option<&Path>,
        out: Option<&Path>,
        exporters: Option<&Path>,
    ) -> Result<Folders, u8> {
        let project = project_here()?;
        let owned = |p: Option<&Path>| p.map(Path::to_path_buf);
        Ok(Folders {
            content: folder(
                owned(content).as_ref(),
                project.as_ref(),
                Project::content,
                "content",
            ),
            out: folder(
                owned(out).as_ref(),
                project.as_ref(),
                Project::output,
                "build",
            ),
            exporters: folder(
                owned(exporters).as_ref(),
                project.as_ref(),
                Project::exporters,
                "exporters",
            ),
            project,
        })
    }

    /// Check options that apply the project's configuration.
    pub fn check_options(&self) -> CheckOptions {
        CheckOptions {
            project: self.project.clone(),
            ..CheckOptions::default()
        }
    }
}
