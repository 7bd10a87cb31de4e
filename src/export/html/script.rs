//! The page's one script (`templates/tabs.js`, which makes tab sets keyboard-usable ARIA tabs) and
//! the Content-Security-Policy that lets exactly that script run and no other.

use base64::Engine;
use sha2::{Digest, Sha256};

/// The tabs script, written inline only on pages that have a tab set.
pub const TABS_SCRIPT: &str = include_str!("templates/tabs.js");

/// The `content` of the page's `Content-Security-Policy` meta element when it carries
/// [`TABS_SCRIPT`]: only a script with exactly this text may run (an injected one never could).
pub fn script_policy(script: &str) -> String {
    let digest = Sha256::digest(script.as_bytes());
    let hash = base64::engine::general_purpose::STANDARD.encode(digest);
    format!("script-src 'sha256-{hash}'")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_names_the_scripts_hash() {
        // `echo -n abc | openssl dgst -sha256 -binary | base64`
        assert_eq!(
            script_policy("abc"),
            "script-src 'sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0='"
        );
    }
}
