//! `helpdoc serve`: a live HTML preview of every publication on 127.0.0.1, brought up to date on
//! every change by the incremental engine (only what the change touches is checked, resolved and
//! exported again), with an error overlay in the page.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use helpdoc::diag::words::count;
use helpdoc::incremental::Engine;
use helpdoc::preview::{Preview, Problem, render_engine};
use helpdoc::watch::{ChangeWatcher, PREVIEW_DEBOUNCE};

use super::folders::Folders;
use super::ui::say;
use super::{EXIT_ENVIRONMENT, ServeArgs};

/// `helpdoc serve`: runs until stopped (Ctrl-C).
pub(crate) fn serve(args: &ServeArgs) -> u8 {
    let folders = match Folders::resolve(args.content.as_deref(), None, args.exporters.as_deref()) {
        Ok(folders) => folders,
        Err(code) => return code,
    };
    if !folders.content.is_dir() {
        eprintln!(
            "error: cannot preview the content folder {}: it is not a folder",
            folders.content.display()
        );
        eprintln!("help: {}", helpdoc::load::CONTENT_FOLDER_HELP);
        return EXIT_ENVIRONMENT;
    }
    let watcher = match ChangeWatcher::with_debounce(
        &[&folders.content, &folders.exporters],
        &[],
        PREVIEW_DEBOUNCE,
    ) {
        Ok(watcher) => watcher,
        Err(error) => {
            eprintln!("error: {error}");
            return EXIT_ENVIRONMENT;
        }
    };
    let server = match tiny_http::Server::http(("127.0.0.1", args.port)) {
        Ok(server) => server,
        Err(error) => {
            eprintln!("error: cannot listen on 127.0.0.1:{}: {error}", args.port);
            eprintln!("help: choose another port with `--port`, or `--port 0` for any free one");
            return EXIT_ENVIRONMENT;
        }
    };
    let Some(port) = server.server_addr().to_ip().map(|a| a.port()) else {
        eprintln!("error: the preview server has no TCP address");
        return EXIT_ENVIRONMENT;
    };
    let preview = Arc::new(Preview::new());
    let engine = Arc::new(Mutex::new(Engine::new(&folders.content, Vec::new())));
    refresh(&preview, &engine, &folders, &[]);
    {
        let preview = Arc::clone(&preview);
        std::thread::spawn(move || helpdoc::preview::http::serve(server, preview, port));
    }
    // The address is printed even with --quiet: it is what the command is for.
    let address = format!("http://127.0.0.1:{port}/");
    eprintln!("previewing at {address} (Ctrl-C to stop)");
    if args.open {
        if let Err(error) = open_in_browser(&address) {
            eprintln!("warning: cannot open a browser ({error}); open {address} yourself");
        }
    }
    loop {
        match watcher.next_change() {
            Ok(paths) => {
                say!("changed: {}", paths[0].display());
                refresh(&preview, &engine, &folders, &paths);
            }
            Err(error) => {
                eprintln!("error: {error}");
                return EXIT_ENVIRONMENT;
            }
        }
    }
}

/// Brings the preview up to date after `changed` (everything, the first time) and says how it
/// went. The `html` exporter (or a template pack of that name) is chosen again when the
/// exporters folder changed.
fn refresh(preview: &Preview, engine: &Arc<Mutex<Engine>>, folders: &Folders, changed: &[PathBuf]) {
    let started = std::time::Instant::now();
    let problem = |message: String| Problem {
        file: None,
        line: None,
        column: None,
        message,
        help: None,
    };
    let mut locked = engine.lock().unwrap_or_else(PoisonError::into_inner);
    let exporters_changed = {
        let forms = [
            std::path::absolute(&folders.exporters).ok(),
            folders.exporters.canonicalize().ok(),
        ];
        changed
            .iter()
            .any(|p| forms.iter().flatten().any(|f| p.starts_with(f)))
    };
    if changed.is_empty() || exporters_changed {
        match helpdoc::build::select_exporters(&["html".to_string()], &folders.exporters) {
            Ok(html) => locked.set_exporters(html),
            Err(error) => {
                drop(locked);
                preview.update(Err(vec![problem(error.to_string())]));
                return;
            }
        }
    }
    let updated = locked.update(changed, &folders.check_options());
    drop(locked);
    let rendered = match updated {
        Ok(()) => render_engine(engine, &folders.exporters, &preview.pages()),
        Err(error) => Err(vec![problem(error.to_string())]),
    };
    match &rendered {
        Ok(good) => say!(
            "preview updated: {} in {:.0?}",
            count(good.pages.len(), "page"),
            started.elapsed()
        ),
        Err(problems) => eprintln!(
            "the preview shows {} over the last good pages; `helpdoc check` prints them in full",
            count(problems.len(), "error")
        ),
    }
    preview.update(rendered);
}

/// Opens `url` in the user's browser: `$BROWSER` when set, else the platform's opener. Returns
/// once the opener has started; the browser is not waited for.
fn open_in_browser(url: &str) -> std::io::Result<()> {
    let mut command = match std::env::var_os("BROWSER").filter(|b| !b.is_empty()) {
        Some(browser) => std::process::Command::new(browser),
        None if cfg!(target_os = "macos") => std::process::Command::new("open"),
        None if cfg!(windows) => {
            let mut start = std::process::Command::new("cmd");
            start.args(["/C", "start", ""]);
            start
        }
        None => std::process::Command::new("xdg-open"),
    };
    command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(|mut opener| {
            // Reaped when it exits, so it does not linger as a zombie while the preview runs.
            std::thread::spawn(move || opener.wait());
        })
}
