//! Finding the project root: the closest `helpdoc.toml` with a `[project]` table in a folder or above it, as cargo finds `Cargo.toml`.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::config::{CONFIG_FILE, ProjectTable};
use super::{Limits, ReadRoot, Refused};
use crate::diag::SourceFile;

/// A project root and its folders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    /// The folder holding the project's `helpdoc.toml`, written as reached from the folder the
    /// search started in (`start` itself, or `start/..`, `start/../..`, …), so that paths shown
    /// to the writer stay short and name nothing above what they gave.
    pub root: PathBuf,
    /// The project's `helpdoc.toml`.
    pub file: PathBuf,
    /// Its text (its other tables are settings of every run: see [`super::config`]).
    pub text: String,
    /// Its `[project]` table.
    pub table: ProjectTable,
}

impl Project {
    /// The content folder.
    pub fn content(&self) -> PathBuf {
        self.root.join(&self.table.content)
    }

    /// The output folder.
    pub fn output(&self) -> PathBuf {
        self.root.join(&self.table.output)
    }

    /// The folder of template packs and command exporters.
    pub fn exporters(&self) -> PathBuf {
        self.root.join(&self.table.exporters)
    }
}

/// A `helpdoc.toml` that marks a project root but cannot be used.
#[derive(Debug)]
pub enum ProjectError {
    /// The guarded reader refused it (a FIFO, a link out of its folder, too large).
    Unreadable(Refused),
    /// It is not valid TOML, or its `[project]` table is not valid.
    Invalid {
        /// The file.
        path: PathBuf,
        /// Line and column (1-based), when known.
        at: Option<(usize, usize)>,
        /// What is wrong.
        message: String,
    },
}

impl std::fmt::Display for ProjectError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ProjectError::Unreadable(refused) => f.write_str(&refused.explained()),
            ProjectError::Invalid { path, at, message } => {
                write!(f, "{}", super::display_name(path))?;
                if let Some((line, column)) = at {
                    write!(f, ":{line}:{column}")?;
                }
                write!(
                    f,
                    ": invalid project file: {message}\nhelp: the `[project]` table takes `content`, `output` and `exporters`, folders relative to the file; the README lists every setting"
                )
            }
        }
    }
}

impl std::error::Error for ProjectError {}

/// Only the `[project]` table (the other tables are read, and reported on, with the content).
#[derive(Deserialize)]
struct Marker {
    #[serde(default)]
    project: Option<ProjectTable>,
}

/// The project `start` is in: the closest folder from `start` up to the filesystem root holding a
/// `helpdoc.toml` with a `[project]` table. A `helpdoc.toml` without one (a content folder's) is
/// not a root, and the search goes on above it; one that is not valid TOML is a root only if it
/// has a `[project]` line (then it is an error, not skipped). `None` when there is no project.
pub fn find_project(start: &Path) -> Result<Option<Project>, ProjectError> {
    let Ok(real) = start.canonicalize() else {
        return Ok(None);
    };
    for (up, folder) in real.ancestors().enumerate() {
        let file = folder.join(CONFIG_FILE);
        if !file.exists() && std::fs::symlink_metadata(&file).is_err() {
            continue;
        }
        let root = ReadRoot::new(folder, "the project folder")
            .map_err(|e| ProjectError::Unreadable(unreadable(&file, e)))?;
        let text = match root.read_text(&file, Limits::default().max_file_bytes) {
            Ok(text) => text,
            Err(refused) if refused.is_missing() => continue,
            Err(refused) => return Err(ProjectError::Unreadable(refused)),
        };
        let invalid = |error: toml::de::Error| {
            let at = error.span().map(|span| {
                let at = SourceFile::new(String::new(), text.clone()).line_col(span.start);
                (at.line, at.column)
            });
            ProjectError::Invalid {
                path: reached(start, up).join(CONFIG_FILE),
                at,
                message: error.message().to_string(),
            }
        };
        let table = match toml::from_str::<Marker>(&text) {
            Ok(Marker {
                project: Some(table),
            }) => table,
            Ok(Marker { project: None }) => continue,
            Err(error) if marks_project(&text) => return Err(invalid(error)),
            Err(_) => continue,
        };
        let root = reached(start, up);
        return Ok(Some(Project {
            file: root.join(CONFIG_FILE),
            root,
            text,
            table,
        }));
    }
    Ok(None)
}

/// `start` followed by `up` times `..` (`.` written as nothing).
fn reached(start: &Path, up: usize) -> PathBuf {
    let mut path = if start == Path::new(".") {
        PathBuf::new()
    } else {
        start.to_path_buf()
    };
    for _ in 0..up {
        path.push("..");
    }
    if path.as_os_str().is_empty() {
        path.push(".");
    }
    path
}

/// Whether a text that is not valid TOML still has a `[project]` table header.
fn marks_project(text: &str) -> bool {
    text.lines().any(|line| {
        let line = line.trim();
        line.strip_prefix('[')
            .and_then(|rest| rest.split(']').next())
            .is_some_and(|name| name.trim() == "project")
    })
}

fn unreadable(path: &Path, error: std::io::Error) -> Refused {
    Refused {
        path: path.to_path_buf(),
        why: super::guarded::Why::Unreadable(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_closest_marked_file_is_the_root() {
        let temp = tempfile::tempdir().expect("temp");
        let top = temp.path();
        std::fs::create_dir_all(top.join("docs/content/topics")).expect("folders");
        std::fs::write(
            top.join("docs/helpdoc.toml"),
            "[project]\ncontent = \"content\"\noutput = \"out\"\n",
        )
        .expect("project");
        std::fs::write(
            top.join("docs/content/helpdoc.toml"),
            "[rules]\nspelling = \"deny\"\n",
        )
        .expect("content config");
        let start = top.join("docs/content/topics");
        let project = find_project(&start).expect("valid").expect("found");
        assert_eq!(project.root, start.join("../.."));
        assert_eq!(project.output(), start.join("../../out"));
        assert_eq!(project.table.exporters, Path::new("exporters"));
        assert!(
            find_project(Path::new("/"))
                .expect("valid")
                .is_none_or(|p| p.root != start.join("../.."))
        );
    }

    #[test]
    fn a_broken_project_file_is_an_error_and_a_broken_other_file_is_not_a_root() {
        let temp = tempfile::tempdir().expect("temp");
        std::fs::create_dir_all(temp.path().join("a/b")).expect("folders");
        std::fs::write(temp.path().join("a/b/helpdoc.toml"), "[rules\n").expect("broken");
        std::fs::write(
            temp.path().join("a/helpdoc.toml"),
            "[project]\ncontent = 3\n",
        )
        .expect("invalid");
        let error = find_project(&temp.path().join("a/b")).unwrap_err();
        let message = error.to_string();
        assert!(
            message.starts_with(&format!(
                "{}/a/b/../helpdoc.toml:2:11: invalid project file:",
                temp.path().display()
            )),
            "{message}"
        );
    }
}
