//! `helpdoc new`: a new project, or a new topic from a template.

use super::NewArgs;

/// `helpdoc new`.
pub(crate) fn new(_args: &NewArgs) -> u8 {
    super::EXIT_ENVIRONMENT
}
