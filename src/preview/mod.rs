//! The live preview behind `helpdoc serve`: every publication's HTML held in memory, with the
//! problems of the last attempt, and the HTTP answers for it (see [`http`]). Nothing is read from
//! disk to answer a request, so the server cannot serve anything outside the preview.
//!
//! `helpdoc serve` keeps it up to date with the incremental engine ([`render_engine`]: only the
//! pages of publications exported again are copied); [`render`] is the one-shot full check and
//! HTML export. When the content has errors the last good pages stay and the problems are shown
//! over them. A
//! publication's PDF is made only when the browser asks for it (it costs far more than the HTML),
//! from the same good render, and kept until the next one.

pub mod http;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;

use serde::Serialize;

use crate::check::{CheckOptions, check_folder};
use crate::diag::render_json;
use crate::incremental::Engine;

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
    /// The page's HTML (shared: the preview keeps the pages a change did not touch).
    pub html: Arc<Vec<u8>>,
}

/// A good render: the HTML pages by URL path (`guide.html`), and what a PDF is made from.
#[derive(Debug, Default)]
pub struct Good {
    /// The HTML pages, by URL path.
    pub pages: BTreeMap<String, Page>,
    /// The checked content and resolved publications, for PDFs asked for later.
    source: Option<Arc<PdfSource>>,
}

impl Good {
    /// A render of these pages only, with no PDFs to offer.
    pub fn pages(pages: BTreeMap<String, Page>) -> Good {
        Good {
            pages,
            source: None,
        }
    }
}

/// What a publication's PDF is made from: the content of a good render, or the engine that made
/// it (locked while the PDF is made).
enum PdfSource {
    Checked {
        content: Box<crate::content::ContentSet>,
        publications: Vec<crate::resolve::ResolvedPublication>,
        exporters: PathBuf,
    },
    Engine {
        engine: Arc<Mutex<Engine>>,
        exporters: PathBuf,
        /// The ids of the publications with a PDF at the render.
        ids: std::collections::BTreeSet<String>,
    },
}

impl std::fmt::Debug for PdfSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PdfSource")
    }
}

/// Whether a resolved publication has a PDF.
fn wants_pdf(publication: &crate::resolve::ResolvedPublication) -> bool {
    publication.formats.pdf.enabled.unwrap_or(true)
}

impl PdfSource {
    /// Whether a PDF URL path (`guide.pdf`) names a publication with a PDF.
    fn has(&self, path: &str) -> bool {
        let Some(id) = path.strip_suffix(".pdf") else {
            return false;
        };
        match self {
            PdfSource::Checked { publications, .. } => {
                publications.iter().any(|p| p.id == id && wants_pdf(p))
            }
            PdfSource::Engine { ids, .. } => ids.contains(id),
        }
    }

    /// The PDF at `path`, when a publication has it.
    fn make(&self, path: &str) -> Option<Result<Vec<u8>, String>> {
        let id = path.strip_suffix(".pdf")?;
        match self {
            PdfSource::Checked {
                content,
                publications,
                exporters,
            } => {
                let publication = publications.iter().find(|p| p.id == id && wants_pdf(p))?;
                Some(make_pdf(content, publication, exporters))
            }
            PdfSource::Engine {
                engine,
                exporters,
                ids,
            } => {
                if !ids.contains(id) {
                    return None;
                }
                let engine = engine.lock().unwrap_or_else(PoisonError::into_inner);
                let publication = engine
                    .publications()
                    .iter()
                    .find(|p| p.id == id && wants_pdf(p));
                match (publication, engine.content()) {
                    (Some(publication), Some(content)) => {
                        Some(make_pdf(content, publication, exporters))
                    }
                    _ => Some(Err(
                        "the content has errors now: fix them and ask for the PDF again".into(),
                    )),
                }
            }
        }
    }
}

/// What one render gave: a good render, or the problems that stopped it.
pub type Rendered = Result<Good, Vec<Problem>>;

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
    source: Option<Arc<PdfSource>>,
    /// PDFs made from `source`, by URL path; emptied by every good render.
    pdfs: BTreeMap<String, Arc<Vec<u8>>>,
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
            Ok(good) => {
                state.pages = good.pages;
                state.source = good.source;
                state.pdfs.clear();
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

    /// Every page's path, title and PDF path (when the publication has a PDF), with the status.
    fn index(&self) -> (Vec<(String, String, Option<String>)>, Status) {
        let state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let pages = state
            .pages
            .iter()
            .map(|(path, page)| {
                let pdf = path.strip_suffix(".html").map(|id| format!("{id}.pdf"));
                let pdf =
                    pdf.filter(|pdf| state.source.as_ref().is_some_and(|source| source.has(pdf)));
                (path.clone(), page.title.clone(), pdf)
            })
            .collect();
        (pages, state.status.clone())
    }

    /// The PDF at `path` (`guide.pdf`) of the last good render: made on the first request, then
    /// kept until the next good render. `None` when no publication has that PDF.
    fn pdf(&self, path: &str) -> Option<Result<Arc<Vec<u8>>, String>> {
        let (source, version) = {
            let state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(pdf) = state.pdfs.get(path) {
                return Some(Ok(Arc::clone(pdf)));
            }
            (Arc::clone(state.source.as_ref()?), state.status.good)
        };
        // Made outside the lock: status requests and pages are answered meanwhile.
        let made = source.make(path)?.map(Arc::new);
        if let Ok(pdf) = &made {
            let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
            if state.status.good == version {
                state.pdfs.insert(path.to_string(), Arc::clone(pdf));
            }
        }
        Some(made)
    }
}

/// One publication's PDF, with the `pdf` exporter (or a pack of that name in the exporters folder).
fn make_pdf(
    content: &crate::content::ContentSet,
    publication: &crate::resolve::ResolvedPublication,
    exporters: &Path,
) -> Result<Vec<u8>, String> {
    let pdf = crate::build::select_exporters(&["pdf".to_string()], exporters)
        .map_err(|e| e.to_string())?;
    let exports = crate::build::export(content, std::slice::from_ref(publication), &pdf)
        .map_err(|e| e.to_string())?;
    exports
        .outputs
        .into_iter()
        .flat_map(|(_, artifacts)| artifacts)
        .find(|artifact| artifact.path.ends_with(".pdf"))
        .map(|artifact| artifact.bytes)
        .ok_or_else(|| format!("the pdf exporter made no PDF for {}", publication.id))
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
                    html: Arc::new(artifact.bytes),
                },
            );
        }
    }
    Ok(Good {
        pages,
        source: Some(Arc::new(PdfSource::Checked {
            content: Box::new(checked.content),
            publications: checked.publications,
            exporters: exporters.to_path_buf(),
        })),
    })
}

/// The preview of what `engine` (built with the `html` exporter alone) holds after an update:
/// the pages of the publications it exported again are copied, the others are taken from
/// `previous` (the last good render's pages). Errors are problems, as for [`render`].
pub fn render_engine(
    shared: &Arc<Mutex<Engine>>,
    exporters: &Path,
    previous: &BTreeMap<String, Page>,
) -> Rendered {
    let engine = shared.lock().unwrap_or_else(PoisonError::into_inner);
    let Some(sources) = engine.sources() else {
        return Err(vec![environment(
            "the content has not been read yet".into(),
        )]);
    };
    let errors: Vec<Problem> = engine
        .diagnostics()
        .iter()
        .filter(|d| d.is_error())
        .map(|d| problem(&render_json(d, sources)))
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    let work = engine.work();
    let titles: BTreeMap<&str, &str> = engine
        .publications()
        .iter()
        .map(|p| (p.id.as_str(), p.title.as_str()))
        .collect();
    let mut pages = BTreeMap::new();
    let done = engine.for_each_artifact(|_, artifact| {
        let again = work.full
            || artifact
                .publication
                .as_ref()
                .is_none_or(|id| work.exported_publications.contains(id));
        let kept = previous.get(&artifact.path).filter(|_| !again);
        let page = match kept {
            Some(page) => page.clone(),
            None => Page {
                title: artifact
                    .publication
                    .as_deref()
                    .and_then(|id| titles.get(id))
                    .map_or_else(|| artifact.path.clone(), |t| t.to_string()),
                html: Arc::new(artifact.bytes.clone()),
            },
        };
        pages.insert(artifact.path.clone(), page);
    });
    if let Some(Err(error)) = done {
        return Err(vec![environment(error.to_string())]);
    }
    let ids = engine
        .publications()
        .iter()
        .filter(|p| wants_pdf(p))
        .map(|p| p.id.clone())
        .collect();
    drop(engine);
    Ok(Good {
        pages,
        source: Some(Arc::new(PdfSource::Engine {
            engine: Arc::clone(shared),
            exporters: exporters.to_path_buf(),
            ids,
        })),
    })
}

/// A problem that is not in a content file (an exporter that failed, an unreadable folder).
fn environment(message: String) -> Problem {
    Problem {
        file: None,
        line: None,
        column: None,
        message,
        help: None,
    }
}

/// The pages being served, for [`render_engine`] to keep those a change did not touch.
impl Preview {
    /// The pages of the last good render.
    pub fn pages(&self) -> BTreeMap<String, Page> {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pages
            .clone()
    }
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
