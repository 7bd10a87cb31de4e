//! `helpdoc watch`: builds, then rebuilds the outputs whenever the content (with its
//! `helpdoc.toml` and word list) or the exporters change. Each rebuild is a full build; the
//! output lock is held only while writing, so a `build` run by hand waits at most for one write.

use helpdoc::watch::ChangeWatcher;

use super::build::{Mode, run};
use super::folders::Folders;
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
        eprintln!("help: run helpdoc from your project folder, or pass `--content DIR`");
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
    rebuild(args, &folders);
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
                rebuild(args, &folders);
            }
            Err(error) => {
                eprintln!("error: {error}");
                return EXIT_ENVIRONMENT;
            }
        }
    }
}

/// One full build; its problems are printed and the watch goes on. The exporters are chosen
/// again each time, so a changed template pack or exporter manifest is picked up.
fn rebuild(args: &BuildArgs, folders: &Folders) {
    match helpdoc::build::select_exporters(&args.format, &folders.exporters) {
        Ok(exporters) => {
            run(args, folders, &exporters, Mode::Watching);
        }
        Err(error) => eprintln!("error: {error}"),
    }
}
