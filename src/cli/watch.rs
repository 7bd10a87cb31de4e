//! `helpdoc watch`: builds, then after every change to the content (with its `helpdoc.toml` and
//! word list) or the exporters brings the outputs up to date through the incremental engine:
//! only the files of the publications that changed are written again (the others are carried
//! over, untouched), so the output folder always equals what a full `build` would write. The
//! output lock is held only while writing, so a `build` run by hand waits at most for one write.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use helpdoc::incremental::{Engine, Unwritten};
use helpdoc::watch::ChangeWatcher;

use super::build::{open_output, print_summary};
use super::folders::Folders;
use super::report::{failing, print_diagnostics};
use super::ui::say;
use super::{BuildArgs, EXIT_ENVIRONMENT};

/// `helpdoc watch`: runs until stopped (Ctrl-C).
pub(crate) fn watch(args: &BuildArgs) -> u8 {
    let folders = match Folders::resolve(
        args.content.content.as_deref(),
        args.out.as_deref(),
        args.exporters.as_deref(),
    ) {
        Ok(folders) => folders,
        Err(code) => return code,
    };
    if !folders.content.is_dir() {
        eprintln!(
            "error: cannot watch the content folder {}: it is not a folder",
            folders.content.display()
        );
        eprintln!("help: {}", helpdoc::load::CONTENT_FOLDER_HELP);
        return EXIT_ENVIRONMENT;
    }
    let watcher = match ChangeWatcher::new(&[&folders.content, &folders.exporters], &[&folders.out])
    {
        Ok(watcher) => watcher,
        Err(error) => {
            eprintln!("error: {error}");
            return EXIT_ENVIRONMENT;
        }
    };
    let mut watching = Watching {
        args,
        folders: &folders,
        engine: Engine::new(&folders.content, Vec::new()),
        unwritten: Unwritten::default(),
    };
    watching.rebuild(&[]);
    loop {
        say!(
            "watching {} for changes (Ctrl-C to stop)",
            folders.content.display()
        );
        match watcher.next_change() {
            Ok(paths) => {
                let more = match paths.len() {
                    1 => String::new(),
                    n => format!(" and {} more", n - 1),
                };
                say!("\nchanged: {}{more}", paths[0].display());
                watching.rebuild(&paths);
            }
            Err(error) => {
                eprintln!("error: {error}");
                return EXIT_ENVIRONMENT;
            }
        }
    }
}

/// The engine and what it has not written yet.
struct Watching<'a> {
    args: &'a BuildArgs,
    folders: &'a Folders,
    engine: Engine,
    unwritten: Unwritten,
}

impl Watching<'_> {
    /// Brings the engine up to date after `changed` (everything, the first time) and writes what
    /// changed. Problems are printed and the last good outputs stay; the watch goes on.
    fn rebuild(&mut self, changed: &[PathBuf]) {
        let started = std::time::Instant::now();
        if changed.is_empty() || within(changed, &self.folders.exporters) {
            // The exporters are chosen again: a changed template pack or exporter manifest is
            // picked up, and every publication is written again with it.
            match helpdoc::build::select_exporters(&self.args.format, &self.folders.exporters) {
                Ok(exporters) => self.engine.set_exporters(exporters),
                Err(error) => {
                    eprintln!("error: {error}");
                    return;
                }
            }
            self.unwritten.everything();
        }
        if let Err(error) = self.engine.update(changed, &self.folders.check_options()) {
            super::report::report_load_error(&error);
            return;
        }
        self.unwritten.note(self.engine.work());
        if self.write(started).is_none() {
            eprintln!(
                "error: no outputs were written; the last good outputs in {} are kept",
                self.folders.out.display()
            );
        }
    }

    /// Reports the engine's problems and, when nothing fails, writes the publications that
    /// changed; `None` when nothing could be written.
    fn write(&mut self, started: std::time::Instant) -> Option<()> {
        let engine = &self.engine;
        let sources = engine.sources()?;
        let content_args = &self.args.content;
        if !engine.diagnostics().is_empty() {
            print_diagnostics(
                engine.diagnostics(),
                sources,
                engine.files_checked(),
                content_args,
            );
        }
        if failing(engine.diagnostics(), content_args) {
            return None;
        }
        let publications = engine.publications();
        let mut selected = self.unwritten.selection(publications);
        let asked = if self.args.publications.is_empty() {
            None
        } else {
            match helpdoc::build::select_publications(publications, &self.args.publications) {
                Ok(asked) => Some(asked),
                Err(error) => {
                    eprintln!("error: {error}");
                    return None;
                }
            }
        };
        if let Some(asked) = &asked {
            selected = Some(match selected {
                Some(changed) => changed.intersection(asked).cloned().collect(),
                None => asked.clone(),
            });
        }
        let exports = match engine.exports_of(selected.as_ref())? {
            Ok(exports) => exports,
            Err(error) => {
                eprintln!("error: {error}");
                return None;
            }
        };
        let (content, config) = (engine.content()?, engine.config()?);
        let notes = helpdoc::check::publishing::note_diagnostics(
            exports.notes.clone(),
            content,
            sources,
            config,
        );
        if !notes.is_empty() {
            print_diagnostics(&notes, sources, engine.files_checked(), content_args);
        }
        if failing(&notes, content_args) {
            return None;
        }
        let nothing = selected.as_ref().is_some_and(BTreeSet::is_empty)
            && exports.outputs.iter().all(|(_, files)| files.is_empty());
        if nothing {
            say!(
                "the outputs in {} are up to date",
                self.folders.out.display()
            );
            self.unwritten.written(publications);
            return Some(());
        }
        // The lock is taken only now, and released as soon as the build is written.
        let written = open_output(self.args, self.folders, &content.root)
            .and_then(|out| helpdoc::build::write(&exports, &out));
        match written {
            Ok(summary) => {
                print_summary(
                    &summary,
                    &self.folders.out,
                    selected.as_ref(),
                    started.elapsed(),
                );
                self.unwritten.written(publications);
                Some(())
            }
            Err(error) => {
                eprintln!("error: {error}");
                None
            }
        }
    }
}

/// Whether any of `changed` is inside `folder` (as given, or as the filesystem names it).
fn within(changed: &[PathBuf], folder: &Path) -> bool {
    let forms = [std::path::absolute(folder).ok(), folder.canonicalize().ok()];
    changed
        .iter()
        .any(|p| forms.iter().flatten().any(|f| p.starts_with(f)))
}
