//! Watching a project's folders for changes (`helpdoc watch`, `helpdoc serve`): debounced
//! batches of the paths that changed, without the output folder's own churn.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

/// How long the folders must be quiet before a batch of changes is reported: an editor's save
/// (write a temporary file, rename it over) becomes one change.
pub const DEBOUNCE: Duration = Duration::from_millis(150);

/// The quiet time `helpdoc serve` waits for: short, since the reader is looking at the page and
/// the incremental engine makes a batch split in two cost little more than one.
pub const PREVIEW_DEBOUNCE: Duration = Duration::from_millis(20);

/// Why watching failed.
#[derive(Debug)]
pub struct WatchError(pub String);

impl std::fmt::Display for WatchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for WatchError {}

/// Watches folders recursively and reports debounced batches of changed paths.
pub struct ChangeWatcher {
    _debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    events: Receiver<DebounceEventResult>,
    ignored: Vec<PathBuf>,
}

impl ChangeWatcher {
    /// Watches each folder of `folders` that exists (a missing exporters folder is fine),
    /// ignoring changes under the folders in `ignored` (the output folder).
    pub fn new(folders: &[&Path], ignored: &[&Path]) -> Result<ChangeWatcher, WatchError> {
        Self::with_debounce(folders, ignored, DEBOUNCE)
    }

    /// [`ChangeWatcher::new`], reporting a batch after `debounce` of quiet.
    pub fn with_debounce(
        folders: &[&Path],
        ignored: &[&Path],
        debounce: Duration,
    ) -> Result<ChangeWatcher, WatchError> {
        let (sender, events) = channel();
        let mut debouncer = new_debouncer(debounce, None, sender)
            .map_err(|e| WatchError(format!("cannot watch for changes: {e}")))?;
        for folder in folders.iter().filter(|f| f.is_dir()) {
            debouncer
                .watch(folder, RecursiveMode::Recursive)
                .map_err(|e| WatchError(format!("cannot watch {}: {e}", folder.display())))?;
        }
        let ignored = ignored
            .iter()
            .map(|p| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()))
            .collect();
        Ok(ChangeWatcher {
            _debouncer: debouncer,
            events,
            ignored,
        })
    }

    /// Blocks until something relevant changed; returns the changed paths, sorted.
    pub fn next_change(&self) -> Result<Vec<PathBuf>, WatchError> {
        loop {
            let batch = self
                .events
                .recv()
                .map_err(|_| WatchError("the file watcher stopped".into()))?;
            let events = batch.map_err(|errors| {
                let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
                WatchError(format!("the file watcher failed: {}", shown.join("; ")))
            })?;
            let mut paths: Vec<PathBuf> = events
                .into_iter()
                .filter(|e| !e.kind.is_access())
                .flat_map(|e| e.event.paths)
                .filter(|p| self.relevant(p))
                .collect();
            paths.sort();
            paths.dedup();
            if !paths.is_empty() {
                return Ok(paths);
            }
        }
    }

    /// Whether a change to `path` can change the outputs: not the output folder, not a build's
    /// staging folder or lock file beside it.
    fn relevant(&self, path: &Path) -> bool {
        let ours = path.components().any(|c| {
            let name = c.as_os_str().to_string_lossy();
            [".helpdoc-staging-", ".helpdoc-old-", ".helpdoc-lock"]
                .iter()
                .any(|marker| name.contains(marker))
        });
        !ours && !self.ignored.iter().any(|i| path.starts_with(i))
    }
}
