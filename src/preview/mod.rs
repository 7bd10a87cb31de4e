//! The live preview behind `helpdoc serve`: every publication's HTML held in memory, with the
//! problems of the last attempt, and the HTTP answers for it (see [`http`]). Nothing is read from
//! disk to answer a request, so the server cannot serve anything outside the preview.
//!
//! Each change re-runs the whole check and the HTML export (no incremental engine yet); when the
//! content has errors the last good pages stay and the problems are shown over them.

pub mod http;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Condvar, Mutex, PoisonError};
use std::time::Duration;

use serde::Serialize;

use crate::check::{CheckOptions, check_folder};
use crate::diag::render_json;

/// One problem shown in the error overlay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The file, as diagnostics name it (relative to where helpdoc runs).
    pub file: Option<String>,
    /// 1-based line.
    pub line: Option<u64>,
    /// 1-based column.
    pub column: Option<u64>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

/// One rendered page of the preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The publication's title (for the index).
    pub title: String,
    /// The page's HTML.
    pub html: Vec<u8>,
}

/// What one render gave: pages by URL path (`guide.html`), or the problems that stopped it.
pub type Rendered = Result<BTreeMap<String, Page>, Vec<Problem>>;

/// The preview's state, as the browser sees it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Status {
    /// Bumped by every render, good or not.
    pub version: u64,
    /// The version of the pages being served (the last good render; 0 before any).
    pub good: u64,
    /// The last render's problems (empty when it was good).
    pub problems: Vec<Problem>,
}

#[derive(Debug, Default)]
struct State {
    status: Status,
    pages: BTreeMap<String, Page>,
}

/// The live preview, shared by the watcher (which updates it) and the server (which reads it).
#[derive(Debug, Default)]
pub struct Preview {
    state: Mutex<State>,
    changed: Condvar,
}

impl Preview {
    /// An empty preview (no pages yet).
    pub fn new() -> Preview {
        Preview::default()
    }

    /// Takes a render's result: new pages replace the old, problems are shown over the old.
    pub fn update(&self, rendered: Rendered) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.status.version += 1;
        match rendered {
            Ok(pages) => {
                state.pages = pages;
                state.status.good = state.status.version;
                state.status.problems.clear();
            }
            Err(problems) => state.status.problems = problems,
        }
        self.changed.notify_all();
    }

    /// The current status.
    pub fn status(&self) -> Status {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .status
            .clone()
    }

    /// Waits until the version differs from `since` (or `timeout` passes); returns the status.
    pub fn wait_change(&self, since: u64, timeout: Duration) -> Status {
        let state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let (state, _) = self
            .changed
            .wait_timeout_while(state, timeout, |s| s.status.version == since)
            .unwrap_or_else(PoisonError::into_inner);
        state.status.clone()
    }

    /// A page and the status it is served with.
    fn page(&self, path: &str) -> Option<(Page, Status)> {
        let state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state
            .pages
            .get(path)
            .map(|page| (page.clone(), state.status.clone()))
    }

    /// Every page's path and title, with the status.
    fn index(&self) -> (Vec<(String, String)>, Status) {
        let state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let pages = state
            .pages
            .iter()
            .map(|(path, page)| (path.clone(), page.title.clone()))
            .collect();
        (pages, state.status.clone())
    }
}

/// Checks the content and exports every publication's HTML (with the `html` exporter, or a
/// template pack of that name in `exporters`). Errors (and an unreadable folder) are problems.
pub fn render(content: &Path, exporters: &Path, options: &CheckOptions) -> Rendered {
    let environment = |message: String| {
        vec![Problem {
            file: None,
            line: None,
            column: None,
            message,
            help: None,
        }]
    };
    let html = crate::build::select_exporters(&["html".to_string()], exporters)
        .map_err(|e| environment(e.to_string()))?;
    let checked = check_folder(content, options).map_err(|e| environment(e.to_string()))?;
    let errors: Vec<Problem> = checked
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| problem(&render_json(d, &checked.sources)))
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    let exports = crate::build::export(&checked.content, &checked.publications, &html)
        .map_err(|e| environment(e.to_string()))?;
    let titles: BTreeMap<&str, &str> = checked
        .publications
        .iter()
        .map(|p| (p.id.as_str(), p.title.as_str()))
        .collect();
    let mut pages = BTreeMap::new();
    for (_, artifacts) in exports.outputs {
        for artifact in artifacts {
            let title = artifact
                .publication
                .as_deref()
                .and_then(|id| titles.get(id))
                .map_or_else(|| artifact.path.clone(), |t| t.to_string());
            pages.insert(
                artifact.path,
                Page {
                    title,
                    html: artifact.bytes,
                },
            );
        }
    }
    Ok(pages)
}

/// A problem from a diagnostic's JSON form.
fn problem(json: &serde_json::Value) -> Problem {
    let text = |key: &str| json[key].as_str().map(String::from);
    Problem {
        file: text("file"),
        line: json["line"].as_u64(),
        column: json["column"].as_u64(),
        message: text("message").unwrap_or_default(),
        help: text("help"),
    }
}
