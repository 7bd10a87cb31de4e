//! Bare web addresses and e-mail addresses in text become links, so that keyboard and screen-reader users can follow them.
//!
//! An address printed as plain text (in a table cell, a code block, a paragraph) is a link to
//! anyone reading on screen with a mouse, but not to assistive technology, which only follows
//! link annotations (WCAG 2.4.4). Only `http`, `https` (also `www.` addresses) and `mailto`
//! targets are made; the text and its look stay as written.

use super::text::{LinkTarget, Span};

/// Characters that end a sentence or close a bracket rather than belong to an address.
const TRAILING: &[char] = &['.', ',', ';', ':', '!', '?', ')', ']', '}', '>', '\'', '"'];
/// Characters that open a bracket or quote before an address.
const LEADING: &[char] = &['(', '[', '{', '<', '\'', '"'];

/// Where the address is in `word` (byte range) and where it links to.
fn address(word: &str) -> Option<(usize, usize, String)> {
    let start = word.len() - word.trim_start_matches(LEADING).len();
    let rest = &word[start..];
    let mut end = rest.trim_end_matches(TRAILING).len();
    // A closing parenthesis that is part of the address (`.../Foo_(bar)`) stays.
    if rest[..end].contains('(') && rest[end..].starts_with(')') {
        end += 1;
    }
    let found = &rest[..end];
    let lower = found.to_ascii_lowercase();
    let target = if lower.starts_with("https://") || lower.starts_with("http://") {
        (found.len() > lower.find("//")? + 2).then(|| found.to_string())?
    } else if lower.starts_with("www.") && found[4..].contains('.') {
        format!("https://{found}")
    } else if is_email(found) {
        format!("mailto:{found}")
    } else {
        return None;
    };
    Some((start, start + end, target))
}

fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-'));
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-'));
    local_ok && domain_ok
}

/// `spans` with every bare address outside a link split into its own linked span.
pub fn autolink(spans: &[Span]) -> Vec<Span> {
    let mut out = Vec::with_capacity(spans.len());
    for span in spans {
        if span.link.is_some() || !span.text.contains(['/', '@', '.']) {
            out.push(span.clone());
            continue;
        }
        let text = span.text.as_str();
        let mut done = 0;
        let mut word_start = None;
        for (i, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            if !c.is_whitespace() {
                word_start.get_or_insert(i);
                continue;
            }
            let Some(start) = word_start.take() else {
                continue;
            };
            if let Some((a, b, target)) = address(&text[start..i]) {
                let (a, b) = (start + a, start + b);
                if a > done {
                    out.push(Span {
                        text: text[done..a].to_string(),
                        ..span.clone()
                    });
                }
                out.push(Span {
                    text: text[a..b].to_string(),
                    style: span.style,
                    link: Some(LinkTarget::Uri(target)),
                    lang: span.lang.clone(),
                });
                done = b;
            }
        }
        if done == 0 {
            out.push(span.clone());
        } else if done < text.len() {
            out.push(Span {
                text: text[done..].to_string(),
                ..span.clone()
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::pdf::fonts::Face;
    use crate::export::pdf::text::Style;
    use crate::export::pdf::theme::Rgb;

    fn style() -> Style {
        Style {
            face: Face::Regular,
            size: 10.0,
            color: Rgb(0.0, 0.0, 0.0),
        }
    }

    fn linked(text: &str) -> Vec<(String, Option<String>)> {
        autolink(&[Span::new(text, style())])
            .into_iter()
            .map(|s| {
                let target = s.link.map(|l| match l {
                    LinkTarget::Uri(u) | LinkTarget::Anchor(u) => u,
                });
                (s.text, target)
            })
            .collect()
    }

    #[test]
    fn addresses_become_links_and_punctuation_stays_text() {
        assert_eq!(
            linked("See (https://example.com/a), or mail help@example.com."),
            [
                ("See (".to_string(), None),
                (
                    "https://example.com/a".to_string(),
                    Some("https://example.com/a".to_string())
                ),
                ("), or mail ".to_string(), None),
                (
                    "help@example.com".to_string(),
                    Some("mailto:help@example.com".to_string())
                ),
                (".".to_string(), None),
            ]
        );
        assert_eq!(
            linked("www.example.org"),
            [(
                "www.example.org".to_string(),
                Some("https://www.example.org".to_string())
            )]
        );
    }

    #[test]
    fn other_text_is_left_alone() {
        for text in [
            "a/b and c.d",
            "@mention",
            "user@localhost",
            "http://",
            "ftp://x.y",
            "javascript:alert(1)",
        ] {
            assert_eq!(linked(text), [(text.to_string(), None)], "{text}");
        }
    }
}
