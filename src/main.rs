//! The `helpdoc` binary: parses arguments, runs a subcommand (see `cli`), handles SIGINT and
//! SIGTERM, and exits with the subcommand's code. All printing happens here and in `cli`.

use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use clap::Parser;
mod cli;

use cli::{Cli, Command};
use helpdoc::shutdown::StopSignal;

/// mimalloc instead of the system allocator: a build allocates and frees millions of small
/// strings, and glibc's malloc spent a fifth of a build's time in allocation and page faults.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Taken by whichever thread ends the process (the command's or the signal handler's), so the
/// exit code is the one of whichever got there first.
static EXITING: Mutex<()> = Mutex::new(());

fn main() -> ExitCode {
    let cli = Cli::parse();
    cli::ui::init(&cli.global);
    if let Err(error) = stop_on_signals() {
        eprintln!("warning: cannot handle SIGINT and SIGTERM: {error}");
    }
    let code = match cli.command {
        Command::Check(args) => cli::check::check(&args),
        Command::Build(args) => cli::build::build(&args),
        Command::Schema(args) => cli::schema::schema(&args),
        Command::Import(args) => cli::import::import(&args),
        Command::Rules(args) => cli::rules::rules(&args),
        Command::Lookup(args) => cli::lookup::lookup(&args),
        Command::Coverage(args) => cli::coverage::coverage(&args),
        Command::Watch(args) => cli::watch::watch(&args),
        Command::Serve(args) => cli::serve::serve(&args),
        Command::Clean(args) => cli::clean::clean(&args),
        Command::New(args) => cli::new::new(&args),
        Command::Completions(args) => cli::completions::completions(&args),
        Command::Man => cli::completions::man(),
    };
    let _exiting = EXITING.lock().unwrap_or_else(PoisonError::into_inner);
    exit_now(code)
}

/// Ends the process with `code` once standard output is flushed, without the C library's exit
/// handlers: there the allocator would hand its memory back to the system page by page (about a
/// tenth of a small build's CPU time), where ending the process frees it whole. Everything
/// helpdoc writes is complete and closed by then.
fn exit_now(code: u8) -> ! {
    use std::io::Write;
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    // SAFETY: `_exit` ends the process without running any code of it; nothing else is needed.
    unsafe { libc::_exit(i32::from(code)) }
}

/// On SIGINT or SIGTERM: end every exporter helpdoc started and let a write under way finish
/// (see `helpdoc::shutdown`), then exit with 130 or 143. A second signal exits at once.
fn stop_on_signals() -> std::io::Result<()> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let stopping = Arc::new(AtomicBool::new(false));
    // Registered first, so it runs before the iterator sees the signal; armed by the first one.
    for signal in [SIGINT, SIGTERM] {
        signal_hook::flag::register_conditional_shutdown(signal, 128 + signal, stopping.clone())?;
    }
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM])?;
    std::thread::spawn(move || {
        let Some(signal) = signals.forever().find_map(StopSignal::from_raw) else {
            return;
        };
        stopping.store(true, Ordering::SeqCst);
        let _exiting = EXITING.lock().unwrap_or_else(PoisonError::into_inner);
        helpdoc::shutdown::terminate_all(signal);
        eprintln!("stopped by {}", signal.name());
        std::process::exit(i32::from(signal.exit_code()))
    });
    Ok(())
}
