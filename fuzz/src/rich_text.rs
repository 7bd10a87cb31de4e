//! The `rich_text` target: any string through the rich-text parser.

use helpdoc::model::inline::{Inline, parse_inline, plain_text};
use helpdoc::model::url::ALLOWED_SCHEMES;

use super::assert_slice;

/// Parses `data` (lossily decoded) as rich text and checks what comes out.
pub fn rich_text(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let parsed = parse_inline(&text);
    for problem in &parsed.problems {
        assert_slice(&text, &problem.range, "problem range");
    }
    for xref in &parsed.xrefs {
        assert_slice(&text, &xref.range, "cross-reference range");
    }
    for variable in &parsed.variables {
        assert_slice(&text, &variable.range, "variable range");
    }
    if parsed.problems.is_empty() {
        assert_safe_links(&parsed.inlines);
    }
    plain_text(&parsed.inlines);
    assert_eq!(parse_inline(&text), parsed, "parsing is not deterministic");
}

/// Text with no problems holds only links an exporter may write as links.
fn assert_safe_links(inlines: &[Inline]) {
    let mut pending: Vec<&Inline> = inlines.iter().collect();
    while let Some(inline) = pending.pop() {
        match inline {
            Inline::Link { url, children } => {
                let scheme = url.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
                assert!(
                    scheme.is_some_and(|s| ALLOWED_SCHEMES.contains(&s.as_str())),
                    "link to `{url}` accepted"
                );
                assert!(
                    !url.chars().any(char::is_control)
                        && !url.chars().any(helpdoc::text::invisible::is_invisible),
                    "link to {url:?} accepted"
                );
                pending.extend(children);
            }
            Inline::SiteLink {
                route, children, ..
            } => {
                assert!(
                    helpdoc::model::inline::site_route(route).is_some_and(|r| r.is_ok()),
                    "site route `{route}` accepted"
                );
                pending.extend(children);
            }
            Inline::Lang { lang, children } => {
                assert_eq!(
                    helpdoc::text::language::check(lang),
                    Ok(()),
                    "language `{lang}` accepted"
                );
                pending.extend(children);
            }
            Inline::Emphasis(children)
            | Inline::Strong(children)
            | Inline::XRef { children, .. } => pending.extend(children),
            Inline::Text(_) | Inline::Code(_) | Inline::LineBreak | Inline::Variable(_) => {}
        }
    }
}
