//! The `helpdoc` binary: parses arguments, runs a command from the library, returns its exit code.

use std::process::ExitCode;

use clap::Parser;
use helpdoc::cli::{Cli, Command};

/// mimalloc instead of the system allocator: a build allocates and frees millions of small
/// strings, and glibc's malloc spent a fifth of a build's time in allocation and page faults.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check(args) => helpdoc::commands::check(&args),
        Command::Build(args) => helpdoc::commands::build(&args),
        Command::Schema(args) => helpdoc::commands::schema(&args),
        Command::Import(args) => helpdoc::commands::import(&args),
        Command::Rules(args) => helpdoc::commands::rules(&args),
    };
    ExitCode::from(code)
}
