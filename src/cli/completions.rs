//! `helpdoc completions SHELL` and `helpdoc man`: generated from the clap definition of the
//! command line, so they always match the installed binary.
//!
//! The man page is a subcommand rather than a build-script output: the clap types live in the
//! binary (a build script would need them in a shared file, and every build would pay for it),
//! and `cargo install` leaves a build script's output in a hashed `OUT_DIR` a packager must dig
//! out; `helpdoc man > helpdoc.1` works wherever helpdoc does.

use std::io::Write;

use clap::CommandFactory;

use super::{Cli, CompletionsArgs, EXIT_ENVIRONMENT, EXIT_OK};

/// `helpdoc completions SHELL`: the script on standard output.
pub(crate) fn completions(args: &CompletionsArgs) -> u8 {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "helpdoc", &mut script);
    print_bytes(&script)
}

/// `helpdoc man`: the roff man page, subcommands included, on standard output.
pub(crate) fn man() -> u8 {
    let mut page = Vec::new();
    let rendered = clap_mangen::Man::new(Cli::command()).render(&mut page);
    if let Err(error) = rendered {
        eprintln!("error: cannot render the man page: {error}");
        return EXIT_ENVIRONMENT;
    }
    print_bytes(&page)
}

fn print_bytes(bytes: &[u8]) -> u8 {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => EXIT_OK,
        Err(error) => {
            eprintln!("error: cannot write to standard output: {error}");
            EXIT_ENVIRONMENT
        }
    }
}
