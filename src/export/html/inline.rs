//! Renders the safe inline tree (text, emphasis, code, links, cross-references) as HTML.

use super::escape::{escape_attr, push_text};
use crate::model::inline::{ALLOWED_SCHEMES, Inline, placeholder};
use crate::resolve::anchor_id;
use crate::text::invisible::is_invisible;

/// The address when it is safe to link to: an allowed scheme (http, https, mailto) and no control
/// characters, spaces or invisible characters. Checked again here, at render time, whatever
/// produced the tree.
pub fn safe_url(url: &str) -> Option<&str> {
    let (scheme, rest) = url.split_once(':')?;
    let allowed = ALLOWED_SCHEMES
        .iter()
        .any(|s| s.eq_ignore_ascii_case(scheme));
    let clean = !url
        .chars()
        .any(|c| c.is_control() || c.is_whitespace() || is_invisible(c));
    (allowed && clean && !rest.is_empty()).then_some(url)
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

/// The opening tag of an external link to a checked address.
pub fn external_link_open(url: &str) -> String {
    format!(
        "<a class=\"external\" href=\"{}\" rel=\"noopener noreferrer\">",
        escape_attr(&href(url))
    )
}

/// Renders inline content as HTML.
pub fn render_inlines(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push_inlines(&mut out, inlines);
    out
}

/// Appends rendered inline content to `out`.
pub fn push_inlines(out: &mut String, inlines: &[Inline]) {
    for inline in inlines {
        push_inline(out, inline);
    }
}

fn push_inline(out: &mut String, inline: &Inline) {
    match inline {
        Inline::Text(text) => push_text(out, text),
        // Filled by resolving; shown as written otherwise.
        Inline::Variable(name) => push_text(out, &placeholder(name)),
        Inline::Emphasis(children) => wrap(out, "em", children),
        Inline::Strong(children) => wrap(out, "strong", children),
        Inline::Code(code) => {
            out.push_str("<code>");
            push_text(out, code);
            out.push_str("</code>");
        }
        Inline::Link { url, children }
        | Inline::SiteLink {
            url: Some(url),
            children,
            ..
        } => match safe_url(url) {
            Some(url) => {
                out.push_str(&external_link_open(url));
                push_inlines(out, children);
                out.push_str("</a>");
            }
            None => push_inlines(out, children),
        },
        Inline::XRef {
            topic,
            anchor,
            children,
        } => {
            out.push_str("<a href=\"#");
            out.push_str(&escape_attr(&anchor_id(topic, anchor.as_deref())));
            out.push_str("\">");
            push_inlines(out, children);
            out.push_str("</a>");
        }
        // Without `[site] base_url` (which `check` requires for site links) there is no address.
        Inline::SiteLink { children, .. } => push_inlines(out, children),
        Inline::Lang { lang, children } => {
            out.push_str("<span lang=\"");
            out.push_str(&escape_attr(lang));
            out.push_str("\">");
            push_inlines(out, children);
            out.push_str("</span>");
        }
        Inline::LineBreak => out.push_str("<br>"),
    }
}

fn wrap(out: &mut String, tag: &str, children: &[Inline]) {
    out.push('<');
    out.push_str(tag);
    out.push('>');
    push_inlines(out, children);
    out.push_str("</");
    out.push_str(tag);
    out.push('>');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::inline::parse_inline;

    #[test]
    fn renders_formatting_and_links() {
        let parsed = parse_inline(
            "Click **Save** in *Roles*, type `<x>`, see [docs](https://example.com/a?b=\"c\") \
             and [roles](topic:set-roles#grant).",
        );
        assert_eq!(
            render_inlines(&parsed.inlines),
            "Click <strong>Save</strong> in <em>Roles</em>, type <code>&lt;x&gt;</code>, see \
             <a class=\"external\" href=\"https://example.com/a?b=%22c%22\" rel=\"noopener noreferrer\">docs</a> \
             and <a href=\"#set-roles--grant\">roles</a>."
        );
    }

    #[test]
    fn drops_links_with_unsafe_schemes_but_keeps_their_text() {
        let tree = vec![Inline::Link {
            url: "javascript:alert(1)".into(),
            children: vec![Inline::Text("x".into())],
        }];
        assert_eq!(render_inlines(&tree), "x");
        assert_eq!(safe_url("JaVaScRiPt:alert(1)"), None);
        assert_eq!(safe_url("https://a b"), None);
        assert_eq!(safe_url("MAILTO:a@b.c"), Some("MAILTO:a@b.c"));
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
