//! Which catalog entries are errors: glob patterns on codes and lists of codes, from the command line and `[coverage]` in `helpdoc.toml`; with none, every entry is.

use std::collections::HashSet;

use super::catalog::CatalogEntry;

pub use crate::load::config::CoverageConfig;

/// The entries a run treats as errors. An entry is selected when its code (for an entry with
/// none, a PO `msgid` without `msgctxt`: its message) matches a pattern or is listed. With no
/// pattern and no list, every entry is selected: a catalog that holds only errors needs none.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    patterns: Vec<String>,
    codes: HashSet<String>,
    lists: usize,
}

impl Selection {
    /// A selection by these patterns.
    pub fn new(patterns: impl IntoIterator<Item = String>) -> Self {
        Selection {
            patterns: patterns.into_iter().collect(),
            ..Selection::default()
        }
    }

    /// Adds the codes of a list file's text: one per line, blank lines and `#` comments skipped.
    pub fn add_list(&mut self, text: &str) {
        self.lists += 1;
        for line in text.lines() {
            let code = line.split('#').next().unwrap_or_default().trim();
            if !code.is_empty() {
                self.codes.insert(code.to_string());
            }
        }
    }

    /// Whether no pattern or list was given (every entry is selected).
    pub fn is_everything(&self) -> bool {
        self.patterns.is_empty() && self.lists == 0
    }

    /// Whether `entry` is an error.
    pub fn selects(&self, entry: &CatalogEntry) -> bool {
        if self.is_everything() {
            return true;
        }
        let key = entry.code.as_deref().unwrap_or(&entry.message);
        self.codes.contains(key) || self.patterns.iter().any(|p| glob(p, key))
    }
}

/// Whether `text` matches `pattern`, where `*` matches any run of characters and `?` any one.
/// Greedy with one backtrack point, so at most (pattern × text) steps.
fn glob(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ti));
            pi += 1;
        } else if let Some((star_at, matched)) = star {
            pi = star_at + 1;
            ti = matched + 1;
            star = Some((star_at, matched + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(code: Option<&str>, message: &str) -> CatalogEntry {
        CatalogEntry {
            code: code.map(str::to_string),
            message: message.to_string(),
            span: 0..0,
        }
    }

    #[test]
    fn globs_match_whole_codes() {
        assert!(glob("error.*", "error.auth.denied"));
        assert!(glob("E_*_FAILED", "E_SYNC_FAILED"));
        assert!(glob("E_?", "E_1"));
        assert!(!glob("E_?", "E_12"));
        assert!(!glob("error.*", "errors.x"));
        assert!(glob("*", ""));
        assert!(glob("a*b*c", "aXbYbZc"));
    }

    #[test]
    fn nothing_given_selects_everything_and_a_list_selects_its_codes() {
        let all = Selection::default();
        assert!(all.selects(&entry(Some("ui.ok"), "OK")));
        let mut listed = Selection::new(["E_*".to_string()]);
        listed.add_list("# errors\nauth_denied  # sign-in\n\n");
        assert!(listed.selects(&entry(Some("E_X"), "x")));
        assert!(listed.selects(&entry(Some("auth_denied"), "x")));
        assert!(!listed.selects(&entry(Some("ui.ok"), "OK")));
        assert!(!listed.selects(&entry(None, "OK")));
        let mut empty = Selection::default();
        empty.add_list("");
        assert!(!empty.selects(&entry(Some("a"), "a")));
    }
}
