//! Renders body blocks (paragraphs, lists, tables, images, admonitions, code) as HTML fragments.

use super::images::data_uri;
use super::inline::push_inlines;
use crate::export::COLUMN_CLASS;
use crate::resolve::{ImageStore, ResolvedBlock, Text};
use crate::text::html_escape::{escape_attr, escape_text, push_text};

/// Renders a topic's content into HTML strings. Holds what rendering needs beyond the content
/// itself: the image bytes to embed.
pub struct BodyRenderer<'a> {
    /// Image bytes by content-relative path.
    pub images: &'a ImageStore,
}

impl BodyRenderer<'_> {
    /// Renders blocks; fails only when an image is missing or of an unknown type.
    pub fn blocks(&self, out: &mut String, blocks: &[ResolvedBlock]) -> Result<(), String> {
        for block in blocks {
            self.block(out, block)?;
        }
        Ok(())
    }

    /// [`Self::blocks`] into a new string.
    pub fn blocks_html(&self, blocks: &[ResolvedBlock]) -> Result<String, String> {
        let mut out = String::new();
        self.blocks(&mut out, blocks)?;
        Ok(out)
    }

    fn block(&self, out: &mut String, block: &ResolvedBlock) -> Result<(), String> {
        match block {
            ResolvedBlock::Paragraph(text) => paragraph(out, None, text),
            ResolvedBlock::List {
                ordered,
                columns,
                items,
            } => {
                let tag = if *ordered { "ol" } else { "ul" };
                // One list, laid out in CSS columns (at most N, each at least 12em).
                match columns {
                    Some(n) => out.push_str(&format!(
                        "<{tag} class=\"{COLUMN_CLASS} {COLUMN_CLASS}-{n}\">\n"
                    )),
                    None => out.push_str(&format!("<{tag}>\n")),
                }
                for item in items {
                    out.push_str("<li>");
                    push_inlines(out, item);
                    out.push_str("</li>\n");
                }
                out.push_str(&format!("</{tag}>\n"));
            }
            ResolvedBlock::Table {
                caption,
                header,
                row_headers,
                rows,
            } => table(out, caption.as_deref(), header, *row_headers, rows),
            ResolvedBlock::Image { path, alt, caption } => {
                let bytes = self.images.get(path).ok_or_else(|| {
                    format!("image `{path}` could not be read from the content folder")
                })?;
                let src = data_uri(path, bytes)?;
                out.push_str("<figure class=\"figure\">\n<img src=\"");
                out.push_str(&src);
                out.push_str("\" alt=\"");
                out.push_str(&escape_attr(alt));
                out.push_str("\">\n");
                if let Some(caption) = caption {
                    out.push_str("<figcaption>");
                    push_inlines(out, caption);
                    out.push_str("</figcaption>\n");
                }
                out.push_str("</figure>\n");
            }
            ResolvedBlock::Admonition {
                kind,
                title,
                blocks,
            } => {
                let name = kind.as_str();
                out.push_str(&format!(
                    "<div class=\"admonition admonition-{name}\" role=\"note\" aria-label=\"{}\">\n<p class=\"admonition-title\">",
                    kind.label()
                ));
                push_text(out, title.as_deref().unwrap_or(kind.label()));
                out.push_str("</p>\n");
                self.blocks(out, blocks)?;
                out.push_str("</div>\n");
            }
            ResolvedBlock::Code { language, code } => {
                out.push_str("<pre class=\"code\"");
                if let Some(language) = language.as_deref().map(language_tag)
                    && !language.is_empty()
                {
                    out.push_str(&format!(" data-language=\"{}\"", escape_attr(&language)));
                }
                out.push_str("><code>");
                out.push_str(&escape_text(code.strip_suffix('\n').unwrap_or(code)));
                out.push_str("</code></pre>\n");
            }
            ResolvedBlock::Tabs { group_id, panes } => {
                // Without script every pane shows under its label; `tabs.js` turns the set into
                // ARIA tabs (and the print stylesheet shows every pane again).
                out.push_str("<div class=\"tabs\" data-tabs");
                if let Some(group) = group_id {
                    out.push_str(&format!(" data-group=\"{}\"", escape_attr(group)));
                }
                out.push_str(">\n");
                for pane in panes {
                    out.push_str(&format!(
                        "<div class=\"tab-pane\" data-label=\"{}\">\n<p class=\"tab-label\">",
                        escape_attr(pane.label.trim())
                    ));
                    push_text(out, pane.label.trim());
                    out.push_str("</p>\n");
                    self.blocks(out, &pane.blocks)?;
                    self.steps(out, &pane.steps, false)?;
                    out.push_str("</div>\n");
                }
                out.push_str("</div>\n");
            }
            ResolvedBlock::Collapsible {
                summary,
                open,
                blocks,
            } => {
                out.push_str(if *open {
                    "<details class=\"collapsible\" open>\n<summary>"
                } else {
                    "<details class=\"collapsible\">\n<summary>"
                });
                push_text(out, summary.trim());
                out.push_str("</summary>\n");
                self.blocks(out, blocks)?;
                out.push_str("</details>\n");
            }
        }
        Ok(())
    }
}

/// A code block's language reduced to the characters a language name uses (`c++`, `objective-c`).
fn language_tag(language: &str) -> String {
    language
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || "+#._-".contains(*c))
        .take(32)
        .collect()
}

/// Appends `<p>` (with an optional class) holding rich text.
pub fn paragraph(out: &mut String, class: Option<&str>, text: &Text) {
    match class {
        Some(class) => out.push_str(&format!("<p class=\"{class}\">")),
        None => out.push_str("<p>"),
    }
    push_inlines(out, text);
    out.push_str("</p>\n");
}

/// A table, with every row padded to the widest row so the table model stays valid; with
/// `row_headers`, each row's first cell is its header.
fn table(
    out: &mut String,
    caption: Option<&str>,
    header: &[Text],
    row_headers: bool,
    rows: &[Vec<Text>],
) {
    let width = rows
        .iter()
        .map(Vec::len)
        .chain([header.len()])
        .max()
        .unwrap_or(0);
    out.push_str("<div class=\"table-wrap\">\n<table>\n");
    if let Some(caption) = caption {
        out.push_str("<caption>");
        push_text(out, caption);
        out.push_str("</caption>\n");
    }
    if !header.is_empty() {
        out.push_str("<thead>\n");
        row(out, ("th scope=\"col\"", "th"), false, header, width);
        out.push_str("</thead>\n");
    }
    out.push_str("<tbody>\n");
    for cells in rows {
        row(out, ("td", "td"), row_headers, cells, width);
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
}

/// A row of `(open, close)` cells; with `row_header`, the first is `<th scope="row">`.
fn row(
    out: &mut String,
    (open, close): (&str, &str),
    row_header: bool,
    cells: &[Text],
    width: usize,
) {
    out.push_str("<tr>");
    for (i, cell) in cells.iter().enumerate() {
        let (open, close) = if row_header && i == 0 {
            ("th scope=\"row\"", "th")
        } else {
            (open, close)
        };
        out.push_str(&format!("<{open}>"));
        push_inlines(out, cell);
        out.push_str(&format!("</{close}>"));
    }
    for _ in cells.len()..width {
        out.push_str("<td></td>");
    }
    out.push_str("</tr>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::inline::Inline;

    fn text(s: &str) -> Text {
        vec![Inline::Text(s.into())]
    }

    #[test]
    fn pads_ragged_tables_and_escapes_captions() {
        let images = ImageStore::new();
        let html = BodyRenderer { images: &images }
            .blocks_html(&[ResolvedBlock::Table {
                caption: Some("<b>".into()),
                header: vec![text("A"), text("B")],
                row_headers: false,
                rows: vec![vec![text("1")], vec![text("1"), text("2"), text("3")]],
            }])
            .unwrap_or_default();
        assert!(html.contains("<caption>&lt;b&gt;</caption>"), "{html}");
        assert!(
            html.contains("<tr><th scope=\"col\">A</th><th scope=\"col\">B</th><td></td></tr>")
        );
        assert!(html.contains("<tr><td>1</td><td></td><td></td></tr>"));
    }

    #[test]
    fn missing_images_are_errors() {
        let images = ImageStore::new();
        let result = BodyRenderer { images: &images }.blocks_html(&[ResolvedBlock::Image {
            path: "img/a.png".into(),
            alt: "A".into(),
            caption: None,
        }]);
        assert!(result.is_err_and(|e| e.contains("img/a.png")));
    }

    #[test]
    fn code_keeps_text_and_cleans_the_language() {
        let images = ImageStore::new();
        let html = BodyRenderer { images: &images }
            .blocks_html(&[ResolvedBlock::Code {
                language: Some("x\"><script>".into()),
                code: "</code><script>\n".into(),
            }])
            .unwrap_or_default();
        assert_eq!(
            html,
            "<pre class=\"code\" data-language=\"xscript\"><code>&lt;/code&gt;&lt;script&gt;</code></pre>\n"
        );
    }
}
