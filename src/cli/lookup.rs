//! `helpdoc lookup`: the help a bundle holds for a product's message, printed for support staff.

use super::{EXIT_CONTENT, EXIT_ENVIRONMENT, EXIT_OK, LookupArgs};

/// Prints the help for a message ([`helpdoc::lookup::lookup_text`]); exit 1 when the bundle has
/// none.
pub(crate) fn lookup(args: &LookupArgs) -> u8 {
    match helpdoc::lookup::lookup_text(&args.bundle, args.code.as_deref(), &args.message) {
        Ok(Some(text)) => {
            print!("{text}");
            EXIT_OK
        }
        Ok(None) => {
            eprintln!("no help in {} for this message", args.bundle.display());
            EXIT_CONTENT
        }
        Err(error) => {
            eprintln!("error: {error}");
            EXIT_ENVIRONMENT
        }
    }
}
