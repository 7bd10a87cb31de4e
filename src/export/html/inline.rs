//! Renders the safe inline tree (text, emphasis, code, links, cross-references) as HTML.

use crate::model::inline::{Inline, placeholder};
use crate::model::url::{href, safe_url};
use crate::resolve::anchor_id;
use crate::text::html_escape::{escape_attr, push_text};

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
    }
}
