//! `helpdoc watch`: rebuilds the outputs on every change.

use super::BuildArgs;

/// `helpdoc watch`.
pub(crate) fn watch(_args: &BuildArgs) -> u8 {
    super::EXIT_ENVIRONMENT
}
