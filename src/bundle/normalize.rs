//! The message normalization behind `index.by_message`, which clients must reproduce to look a message up.

/// Characters removed from the end of a message (after whitespace is collapsed), so "Missing
/// permissions." and "Missing permissions" find the same error.
pub const TRAILING_PUNCTUATION: [char; 10] = ['.', '!', '?', ':', ';', ',', '…', '。', '！', '？'];

/// Normalizes a message for lookup: Unicode lowercase (`str::to_lowercase`, the same mapping as
/// JavaScript's `toLowerCase`), every run of Unicode `White_Space` collapsed to one space, leading
/// and trailing whitespace removed, then [`TRAILING_PUNCTUATION`] and whitespace stripped from the
/// end. No Unicode normalization form is applied: the product and the content must spell the
/// message with the same code points.
pub fn normalize_message(message: &str) -> String {
    let lowered = message.to_lowercase();
    let collapsed = lowered.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed
        .trim_end_matches(|c: char| c.is_whitespace() || TRAILING_PUNCTUATION.contains(&c))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::normalize_message;

    #[test]
    fn lowercases_collapses_and_strips_trailing_punctuation() {
        assert_eq!(
            normalize_message("  Missing\tPERMISSIONS \n"),
            "missing permissions"
        );
        assert_eq!(
            normalize_message("Missing permissions."),
            "missing permissions"
        );
        assert_eq!(normalize_message("Try again?! …"), "try again");
        assert_eq!(normalize_message("Wait: now"), "wait: now");
        assert_eq!(normalize_message("Émigré\u{a0}Ärger"), "émigré ärger");
    }

    #[test]
    fn keeps_everything_else() {
        assert_eq!(
            normalize_message("<script>alert(1)</script>"),
            "<script>alert(1)</script>"
        );
        assert_eq!(normalize_message("a\u{202e}b"), "a\u{202e}b");
        assert_eq!(normalize_message("..."), "");
    }
}
