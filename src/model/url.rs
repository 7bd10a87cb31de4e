//! The one rule for which link addresses are safe, and how a safe one is written as an `href`.
//!
//! The rich-text parser, `check` and every renderer of links (the HTML exporter and the
//! in-product bundle) decide with these functions, so an address is never a link in one format
//! and text in another.

use crate::text::invisible::is_invisible;

/// The URL schemes an external link may use.
pub const ALLOWED_SCHEMES: [&str; 3] = ["https", "http", "mailto"];

/// Whether `url` starts with one of the [`ALLOWED_SCHEMES`] (in any case) and a `:`.
pub fn has_allowed_scheme(url: &str) -> bool {
    url.split_once(':').is_some_and(|(scheme, _)| {
        ALLOWED_SCHEMES
            .iter()
            .any(|s| s.eq_ignore_ascii_case(scheme))
    })
}

/// The address when it is safe to link to: an allowed scheme, something after it, and no control
/// characters, spaces or invisible characters (a bidi control or zero-width character would make
/// the address read as another). Renderers check again at render time, whatever produced the tree.
pub fn safe_url(url: &str) -> Option<&str> {
    let rest = url.split_once(':').map_or("", |(_, rest)| rest);
    let clean = !url
        .chars()
        .any(|c| c.is_control() || c.is_whitespace() || is_invisible(c));
    (has_allowed_scheme(url) && clean && !rest.is_empty()).then_some(url)
}

/// A checked address as a valid URL for `href`: characters a URL may not hold (quotes, `<`, `{`,
/// non-ASCII, a stray `%` or a second `#`) are percent-encoded.
pub fn href(url: &str) -> String {
    // `[` and `]` are only valid in the host (IPv6 addresses).
    let authority = url
        .find("//")
        .map(|start| {
            let rest = &url[start + 2..];
            start + 2..start + 2 + rest.find(['/', '?', '#']).unwrap_or(rest.len())
        })
        .unwrap_or(0..0);
    let bytes = url.as_bytes();
    let mut seen_fragment = false;
    let mut out = String::with_capacity(url.len());
    for (i, c) in url.char_indices() {
        let keep = match c {
            c if c.is_ascii_alphanumeric() || "!$&'()*+,-./:;=?@_~".contains(c) => true,
            '%' => bytes
                .get(i + 1..i + 3)
                .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)),
            '#' => !std::mem::replace(&mut seen_fragment, true),
            '[' | ']' => authority.contains(&i),
            _ => false,
        };
        if keep {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_allowed_schemes_without_hidden_characters_are_safe() {
        assert_eq!(safe_url("JaVaScRiPt:alert(1)"), None);
        assert_eq!(safe_url("https://a b"), None);
        assert_eq!(safe_url("https:"), None);
        assert_eq!(safe_url("https://a.example/\u{202E}fdp.exe"), None);
        assert_eq!(safe_url("https://a\u{200B}.example/"), None);
        assert_eq!(safe_url("MAILTO:a@b.c"), Some("MAILTO:a@b.c"));
        assert!(has_allowed_scheme("HTTP://x") && !has_allowed_scheme("ftp://x"));
    }

    #[test]
    fn hrefs_are_valid_urls() {
        assert_eq!(
            href("https://[::1]:8080/a[1]?q=\"<x>\"&p=100%&e=%41#f#g"),
            "https://[::1]:8080/a%5B1%5D?q=%22%3Cx%3E%22&p=100%25&e=%41#f%23g"
        );
        assert_eq!(href("https://example.com/é"), "https://example.com/%C3%A9");
    }
}
