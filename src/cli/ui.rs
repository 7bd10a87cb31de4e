//! How the binary talks to the terminal: `--color`, `--quiet`, `--verbose`, decided once per run.

use std::io::IsTerminal;
use std::sync::OnceLock;

use clap::{Args, ValueEnum};

/// The flags every subcommand takes.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// When to color diagnostics: `auto` colors a terminal unless `NO_COLOR` is set (or when
    /// `CLICOLOR_FORCE` is set to anything but 0).
    #[arg(long, global = true, value_enum, default_value_t = ColorArg::Auto, value_name = "WHEN")]
    pub color: ColorArg,
    /// Print only problems: no summary, no progress.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print more: every file a build writes.
    #[arg(long, short, global = true)]
    pub verbose: bool,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// Color a terminal, following `NO_COLOR` and `CLICOLOR_FORCE`.
    Auto,
    /// Always color.
    Always,
    /// Never color.
    Never,
}

/// What this run prints, decided from the flags and the environment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Ui {
    /// Whether diagnostics are colored.
    pub color: bool,
    /// Only problems are printed.
    pub quiet: bool,
    /// Every file written is listed.
    pub verbose: bool,
}

static UI: OnceLock<Ui> = OnceLock::new();

/// Decides the run's settings; call once, before any subcommand prints.
pub fn init(args: &GlobalArgs) {
    let env = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    let color = wants_color(
        args.color,
        env("NO_COLOR").is_some(),
        env("CLICOLOR_FORCE").is_some_and(|v| v != "0"),
        std::io::stderr().is_terminal(),
    );
    let _ = UI.set(Ui {
        color,
        quiet: args.quiet,
        verbose: args.verbose,
    });
}

/// The run's settings (the defaults before [`init`]).
pub fn get() -> Ui {
    UI.get().copied().unwrap_or_default()
}

/// The color rule: the flag wins; under `auto`, `NO_COLOR` turns color off, then
/// `CLICOLOR_FORCE` turns it on, then a terminal on stderr decides.
fn wants_color(choice: ColorArg, no_color: bool, force: bool, terminal: bool) -> bool {
    match choice {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => !no_color && (force || terminal),
    }
}

/// Prints a progress or success line on stderr, unless `--quiet`.
macro_rules! say {
    ($($arg:tt)*) => {
        if !$crate::cli::ui::get().quiet {
            eprintln!($($arg)*);
        }
    };
}
pub(crate) use say;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flag_wins_then_no_color_then_force_then_the_terminal() {
        assert!(wants_color(ColorArg::Always, true, false, false));
        assert!(!wants_color(ColorArg::Never, false, true, true));
        assert!(!wants_color(ColorArg::Auto, true, true, true));
        assert!(wants_color(ColorArg::Auto, false, true, false));
        assert!(wants_color(ColorArg::Auto, false, false, true));
        assert!(!wants_color(ColorArg::Auto, false, false, false));
    }
}
