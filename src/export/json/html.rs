//! Safe HTML rendering of resolved rich text and blocks for the bundle's `html` fields.
//!
//! Inline HTML uses only `<strong> <em> <code> <br> <a href rel> <span lang>`; block HTML adds
//! `<p>`, `<ul data-columns>`, `<ol data-columns>`, `<li>`, `<table>`, `<caption>`, `<thead>`,
//! `<tbody>`, `<tr>`, `<th scope>`, `<td>`, `<pre>` and `<div class>` (`class` is
//! `admonition KIND`, `tabs`, `tab-pane` or `collapsible`). Every text character is escaped by
//! the crate's one escaper (`text::html_escape`, bundle dialect), and a link is written only for
//! an address `model::url::safe_url` accepts, percent-encoded as the HTML exporter writes it.

use crate::model::inline::{Inline, placeholder};
use crate::model::url::{href, safe_url};
use crate::resolve::{ResolvedBlock, ResolvedStep};
use crate::site::DocsLinks;
use crate::text::html_escape::{BUNDLE, push_attr_in, push_text_in};

/// The `rel` every link carries.
pub const LINK_REL: &str = "noopener noreferrer";

/// Escapes element text in the bundle's dialect of the crate's one escaper.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_text_in(&mut out, text, BUNDLE);
    out
}

/// Escapes a double-quoted attribute value in the bundle's dialect.
fn escape_attr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_attr_in(&mut out, text, BUNDLE);
    out
}

/// Inline rich text as HTML. Cross-references become links into the published docs when the
/// target has a docs page, and plain text otherwise.
pub fn inline_html(inlines: &[Inline], links: &DocsLinks) -> String {
    let mut out = String::new();
    append_inline(inlines, links, &mut out);
    out
}

fn append_inline(inlines: &[Inline], links: &DocsLinks, out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text(t) => out.push_str(&escape(t)),
            // Filled by resolving; shown as written otherwise.
            Inline::Variable(name) => out.push_str(&escape(&placeholder(name))),
            Inline::Code(t) => {
                out.push_str("<code>");
                out.push_str(&escape(t));
                out.push_str("</code>");
            }
            Inline::Emphasis(c) => wrap("em", c, links, out),
            Inline::Strong(c) => wrap("strong", c, links, out),
            Inline::Link { url, children } => link(Some(url.clone()), children, links, out),
            Inline::SiteLink { url, children, .. } => link(url.clone(), children, links, out),
            Inline::XRef {
                topic,
                anchor,
                children,
            } => link(links.url(topic, anchor.as_deref()), children, links, out),
            Inline::Lang { lang, children } => {
                out.push_str(&format!("<span lang=\"{}\">", escape_attr(lang)));
                append_inline(children, links, out);
                out.push_str("</span>");
            }
            Inline::LineBreak => out.push_str("<br>"),
        }
    }
}

fn wrap(tag: &str, children: &[Inline], links: &DocsLinks, out: &mut String) {
    out.push_str(&format!("<{tag}>"));
    append_inline(children, links, out);
    out.push_str(&format!("</{tag}>"));
}

fn link(target: Option<String>, children: &[Inline], links: &DocsLinks, out: &mut String) {
    match target.as_deref().and_then(safe_url) {
        Some(url) => {
            out.push_str(&format!(
                "<a href=\"{}\" rel=\"{LINK_REL}\">",
                escape_attr(&href(url))
            ));
            append_inline(children, links, out);
            out.push_str("</a>");
        }
        None => append_inline(children, links, out),
    }
}

/// Blocks as HTML. Images are left out (the bundle carries no image files); an admonition is a
/// `<div class="admonition KIND">` whose first paragraph is its label.
pub fn blocks_html(blocks: &[ResolvedBlock], links: &DocsLinks) -> String {
    let mut out = String::new();
    for block in blocks {
        append_block(block, links, &mut out);
    }
    out
}

fn append_block(block: &ResolvedBlock, links: &DocsLinks, out: &mut String) {
    match block {
        ResolvedBlock::Paragraph(text) => {
            out.push_str("<p>");
            out.push_str(&inline_html(text, links));
            out.push_str("</p>");
        }
        ResolvedBlock::List {
            ordered,
            columns,
            items,
        } => {
            let tag = if *ordered { "ol" } else { "ul" };
            // The columns are a layout hint the product may follow (CSS `columns`) or ignore.
            match columns {
                Some(n) => out.push_str(&format!("<{tag} data-columns=\"{n}\">")),
                None => out.push_str(&format!("<{tag}>")),
            }
            for item in items {
                out.push_str("<li>");
                out.push_str(&inline_html(item, links));
                out.push_str("</li>");
            }
            out.push_str(&format!("</{tag}>"));
        }
        ResolvedBlock::Table {
            caption,
            header,
            row_headers,
            rows,
        } => {
            out.push_str("<table>");
            if let Some(caption) = caption {
                out.push_str(&format!("<caption>{}</caption>", escape(caption)));
            }
            if !header.is_empty() {
                out.push_str("<thead>");
                table_row(("th", "th"), false, header, links, out);
                out.push_str("</thead>");
            }
            out.push_str("<tbody>");
            for row in rows {
                table_row(("td", "td"), *row_headers, row, links, out);
            }
            out.push_str("</tbody></table>");
        }
        ResolvedBlock::Image { .. } => {}
        ResolvedBlock::Admonition {
            kind,
            title,
            blocks,
        } => {
            let label = title.clone().unwrap_or_else(|| kind.label().to_string());
            out.push_str(&format!(
                "<div class=\"admonition {}\"><p><strong>{}</strong></p>",
                kind.as_str(),
                escape(&label)
            ));
            out.push_str(&blocks_html(blocks, links));
            out.push_str("</div>");
        }
        ResolvedBlock::Code { code, .. } => {
            out.push_str("<pre><code>");
            out.push_str(&escape(code));
            out.push_str("</code></pre>");
        }
        ResolvedBlock::Tabs { panes, .. } => {
            out.push_str("<div class=\"tabs\">");
            for pane in panes {
                labelled("tab-pane", &pane.label, out);
                out.push_str(&blocks_html(&pane.blocks, links));
                steps_html(&pane.steps, links, out);
                out.push_str("</div>");
            }
            out.push_str("</div>");
        }
        ResolvedBlock::Collapsible {
            summary, blocks, ..
        } => {
            labelled("collapsible", summary, out);
            out.push_str(&blocks_html(blocks, links));
            out.push_str("</div>");
        }
    }
}

/// Opens `<div class="CLASS">` with a first paragraph holding `label` in bold (closed by the caller).
fn labelled(class: &str, label: &str, out: &mut String) {
    out.push_str(&format!(
        "<div class=\"{class}\"><p><strong>{}</strong></p>",
        escape(label.trim())
    ));
}

/// Steps inside a block (a tab pane's) as an `<ol>`: each item holds the action, its blocks, its
/// result, its branches ("If …, go to …." or their callout) and its sub-steps.
fn steps_html(steps: &[ResolvedStep], links: &DocsLinks, out: &mut String) {
    if steps.is_empty() {
        return;
    }
    out.push_str("<ol>");
    for step in steps {
        out.push_str("<li>");
        out.push_str(&inline_html(&step.action, links));
        out.push_str(&blocks_html(&step.blocks, links));
        if let Some(result) = &step.result {
            out.push_str(&format!("<p>{}</p>", inline_html(result, links)));
        }
        out.push_str(&blocks_html(&step.after_result, links));
        for branch in &step.branches {
            if let Some(callout) = &branch.callout {
                out.push_str(&blocks_html(std::slice::from_ref(callout), links));
                continue;
            }
            let (before, middle, after) = crate::resolve::wording::BRANCH;
            out.push_str(&format!(
                "<p>{before}{}{middle}",
                inline_html(&branch.condition, links)
            ));
            let title = [Inline::Text(branch.title.clone())];
            link(links.url(&branch.go_to, None), &title, links, out);
            out.push_str(&format!("{after}</p>"));
        }
        steps_html(&step.substeps, links, out);
        out.push_str("</li>");
    }
    out.push_str("</ol>");
}

/// A row of `(open, close)` cells; with `row_header`, the first is `<th scope="row">`.
fn table_row(
    (open, close): (&str, &str),
    row_header: bool,
    cells: &[Vec<Inline>],
    links: &DocsLinks,
    out: &mut String,
) {
    out.push_str("<tr>");
    for (i, content) in cells.iter().enumerate() {
        let (open, close) = if row_header && i == 0 {
            ("th scope=\"row\"", "th")
        } else {
            (open, close)
        };
        out.push_str(&format!(
            "<{open}>{}</{close}>",
            inline_html(content, links)
        ));
    }
    out.push_str("</tr>");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Vec<Inline> {
        vec![Inline::Text(s.into())]
    }

    #[test]
    fn escapes_text_and_keeps_only_safe_links() {
        let links = DocsLinks::none();
        let inlines = vec![
            Inline::Strong(text("\"><img src=x onerror=alert(1)>")),
            Inline::Code("<script>alert(1)</script>".into()),
            Inline::Link {
                url: "javascript:alert(1)".into(),
                children: text("bad"),
            },
            Inline::Link {
                url: "https://example.com/?a=1&b=\"2\"".into(),
                children: text("good"),
            },
            Inline::XRef {
                topic: "elsewhere".into(),
                anchor: None,
                children: text("plain"),
            },
        ];
        assert_eq!(
            inline_html(&inlines, &links),
            "<strong>&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</strong>\
             <code>&lt;script&gt;alert(1)&lt;/script&gt;</code>bad\
             <a href=\"https://example.com/?a=1&amp;b=%222%22\" rel=\"noopener noreferrer\">good</a>plain"
        );
    }

    #[test]
    fn links_and_text_follow_the_html_exporters_rules() {
        let links = DocsLinks::none();
        let inlines = vec![
            Inline::Text("it's a\u{1}b".into()),
            Inline::Link {
                url: "https://example.com/é?q=<x>".into(),
                children: text("encoded"),
            },
            Inline::Link {
                url: "https://example.com/\u{202E}fdp.exe".into(),
                children: text("hidden"),
            },
        ];
        assert_eq!(
            inline_html(&inlines, &links),
            "it's a\u{FFFD}b\
             <a href=\"https://example.com/%C3%A9?q=%3Cx%3E\" rel=\"noopener noreferrer\">encoded</a>hidden"
        );
    }

    #[test]
    fn renders_blocks() {
        let links = DocsLinks::none();
        let blocks = vec![
            ResolvedBlock::List {
                ordered: false,
                columns: Some(3),
                items: vec![text("a<b")],
            },
            ResolvedBlock::Table {
                caption: None,
                header: vec![],
                row_headers: true,
                rows: vec![vec![text("Name"), text("x")]],
            },
            ResolvedBlock::Admonition {
                kind: crate::model::AdmonitionType::Tip,
                title: None,
                blocks: vec![ResolvedBlock::Paragraph(text("Copy."))],
            },
            ResolvedBlock::Code {
                language: Some("\"><x".into()),
                code: "{process.exit()}".into(),
            },
        ];
        assert_eq!(
            blocks_html(&blocks, &links),
            "<ul data-columns=\"3\"><li>a&lt;b</li></ul>\
             <table><tbody><tr><th scope=\"row\">Name</th><td>x</td></tr></tbody></table>\
             <div class=\"admonition tip\"><p><strong>Tip</strong></p><p>Copy.</p></div>\
             <pre><code>{process.exit()}</code></pre>"
        );
    }
}
