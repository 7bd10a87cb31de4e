//! The progress line of a long build: a spinner naming the stage under way, on a terminal only
//! (never in a pipe, a log or under `--quiet`), cleared when the build ends.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A spinner on stderr, or nothing when stderr is not a terminal or `--quiet` is given.
pub(crate) struct Progress(Option<ProgressBar>);

impl Progress {
    /// Starts the spinner naming the stage (each stage has its own: what is printed between
    /// stages, such as diagnostics, never shares a line with it).
    pub(crate) fn start(stage: &str) -> Progress {
        if super::ui::get().quiet || !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.set_message(stage.to_string());
        bar.enable_steady_tick(Duration::from_millis(120));
        Progress(Some(bar))
    }

    /// Clears the line, so the next output starts on a clean line.
    pub(crate) fn clear(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.clear();
    }
}
