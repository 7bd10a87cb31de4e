//! Renders blocks (paragraphs, lists, tables, images, admonitions, code) as lines of Markdown.

use crate::export::COLUMN_CLASS;
use crate::model::AdmonitionType;
use crate::resolve::{ResolvedBlock, ResolvedPane, Text};

use super::context::Page;
use super::escape;
use super::inline::{self, Mode};
use super::lines;

/// Renders blocks, separated by blank lines.
pub fn blocks(blocks: &[ResolvedBlock], page: &Page<'_>) -> Vec<String> {
    lines::join(blocks.iter().map(|b| block(b, page)))
}

/// Renders one block.
pub fn block(block: &ResolvedBlock, page: &Page<'_>) -> Vec<String> {
    match block {
        ResolvedBlock::Paragraph(text) => paragraph(text, page),
        ResolvedBlock::List {
            ordered,
            columns,
            items,
        } => match columns {
            Some(columns) => in_columns(*columns, list(*ordered, items, page)),
            None => list(*ordered, items, page),
        },
        ResolvedBlock::Table {
            caption,
            header,
            row_headers,
            rows,
        } if *row_headers || header.is_empty() => {
            jsx_table(caption.as_deref(), header, *row_headers, rows, page)
        }
        ResolvedBlock::Table {
            caption,
            header,
            rows,
            ..
        } => table(caption.as_deref(), header, rows, page),
        ResolvedBlock::Image { path, alt, caption } => image(path, alt, caption.as_ref(), page),
        ResolvedBlock::Admonition {
            kind,
            title,
            blocks: inner,
        } => admonition(*kind, title.as_deref(), &blocks(inner, page), page),
        ResolvedBlock::Code { language, code } => escape::code_block(code, language.as_deref()),
        ResolvedBlock::Tabs { group_id, panes } => tabs(group_id.as_deref(), panes, page),
        ResolvedBlock::Collapsible {
            summary,
            open,
            blocks: inner,
        } => collapsible(summary, *open, &blocks(inner, page), page),
    }
}

/// The `import`s that [`tabs`] needs: Docusaurus's own `Tabs` and `TabItem` components.
pub const TABS_IMPORTS: [&str; 2] = [
    "import Tabs from '@theme/Tabs';",
    "import TabItem from '@theme/TabItem';",
];

/// Docusaurus tabs: `<Tabs groupId>` around one `<TabItem value label>` per pane, each holding
/// the pane's blocks and then its steps. The label is the value too (unique in the set, checked),
/// so sets with one `groupId` switch together by label. The page imports both components.
fn tabs(group_id: Option<&str>, panes: &[ResolvedPane], page: &Page<'_>) -> Vec<String> {
    TABS_IMPORTS
        .iter()
        .for_each(|statement| page.import(statement));
    let mut out = vec![match group_id {
        Some(group) => format!("<Tabs groupId=\"{}\">", escape::attribute(group)),
        None => "<Tabs>".to_string(),
    }];
    for pane in panes {
        let label = escape::attribute(pane.label.trim());
        out.push(format!("<TabItem value=\"{label}\" label=\"{label}\">"));
        out.push(String::new());
        let body = lines::join([
            blocks(&pane.blocks, page),
            super::steps::steps(&pane.steps, page),
        ]);
        out.extend(body);
        out.push(String::new());
        out.push("</TabItem>".to_string());
    }
    out.push("</Tabs>".to_string());
    out
}

/// A `<details>` block with its `<summary>` line, around already rendered content; Docusaurus
/// renders it with its own `Details` component (which also reports the anchors inside it).
fn collapsible(summary: &str, open: bool, content: &[String], page: &Page<'_>) -> Vec<String> {
    let summary = inline::plain(summary.trim(), Mode::Line, page);
    let opening = if open { "<details open>" } else { "<details>" };
    lines::join([
        vec![opening.to_string(), format!("<summary>{summary}</summary>")],
        content.to_vec(),
        vec!["</details>".to_string()],
    ])
}

/// A paragraph of rich text.
pub fn paragraph(text: &Text, page: &Page<'_>) -> Vec<String> {
    lines::split(&inline::render(text, Mode::Flow, page))
}

/// A paragraph that starts with a bold label: `**Label:** text`.
pub fn labelled(label: &str, text: &Text, page: &Page<'_>) -> Vec<String> {
    let body = inline::render(text, Mode::Flow, page);
    lines::split(&format!("**{label}** {body}"))
}

fn list(ordered: bool, items: &[Text], page: &Page<'_>) -> Vec<String> {
    items
        .iter()
        .enumerate()
        .flat_map(|(i, item)| {
            let marker = if ordered {
                format!("{}. ", i + 1)
            } else {
                "- ".to_string()
            };
            lines::list_item(&marker, paragraph(item, page))
        })
        .collect()
}

/// A Markdown list inside a `div` whose classes lay it out in CSS columns (the site's stylesheet
/// holds the rules, as the standalone HTML's does: see [`COLUMN_CLASS`]). The list stays one
/// Markdown list, read in order. A class rather than a `style={{…}}` object: the page holds no
/// JavaScript expression at all.
fn in_columns(columns: u8, list: Vec<String>) -> Vec<String> {
    lines::join([
        vec![format!(
            "<div className=\"{COLUMN_CLASS} {COLUMN_CLASS}-{columns}\">"
        )],
        list,
        vec!["</div>".to_string()],
    ])
}

/// A table as JSX, for what GFM tables cannot say: a header column (`th scope="row"`) or no
/// header row. One row per line, so MDX reads each cell's Markdown as inline text.
fn jsx_table(
    caption: Option<&str>,
    header: &[Text],
    row_headers: bool,
    rows: &[Vec<Text>],
    page: &Page<'_>,
) -> Vec<String> {
    let columns = rows.iter().map(Vec::len).chain([header.len(), 1]).max();
    let columns = columns.unwrap_or(1);
    let row = |cells: &[Text], header_row: bool| {
        let rendered: String = (0..columns)
            .map(|i| {
                let cell = cells.get(i).map(|c| inline::render(c, Mode::Cell, page));
                let cell = cell.unwrap_or_default();
                if header_row {
                    format!("<th scope=\"col\">{cell}</th>")
                } else if row_headers && i == 0 {
                    format!("<th scope=\"row\">{cell}</th>")
                } else {
                    format!("<td>{cell}</td>")
                }
            })
            .collect();
        format!("  <tr>{rendered}</tr>")
    };
    let mut out = vec!["<table>".to_string()];
    if let Some(caption) = caption.map(str::trim).filter(|c| !c.is_empty()) {
        let caption = inline::plain(caption, Mode::Cell, page);
        out.push(format!("  <caption>{caption}</caption>"));
    }
    if !header.is_empty() {
        out.extend([
            "<thead>".to_string(),
            row(header, true),
            "</thead>".to_string(),
        ]);
    }
    out.push("<tbody>".to_string());
    out.extend(rows.iter().map(|r| row(r, false)));
    out.extend(["</tbody>".to_string(), "</table>".to_string()]);
    out
}

fn table(
    caption: Option<&str>,
    header: &[Text],
    rows: &[Vec<Text>],
    page: &Page<'_>,
) -> Vec<String> {
    let columns = rows
        .iter()
        .map(Vec::len)
        .chain([header.len(), 1])
        .max()
        .unwrap_or(1);
    let row = |cells: &[Text]| {
        let rendered: Vec<String> = (0..columns)
            .map(|i| {
                cells
                    .get(i)
                    .map(|c| inline::render(c, Mode::Cell, page))
                    .filter(|c| !c.is_empty())
                    .unwrap_or_else(|| " ".to_string())
            })
            .collect();
        format!("| {} |", rendered.join(" | "))
    };
    let mut table = vec![row(header), format!("|{}", " --- |".repeat(columns))];
    table.extend(rows.iter().map(|r| row(r)));
    let caption = caption
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(|c| vec![format!("**{}**", escape::text(c, false, Some('*')))]);
    lines::join(caption.into_iter().chain([table]))
}

fn image(path: &str, alt: &str, caption: Option<&Text>, page: &Page<'_>) -> Vec<String> {
    let alt = escape::text(alt.trim(), false, Some(']'));
    let picture = vec![format!("![{alt}]({})", page.image_src(path))];
    let caption = caption
        .map(|c| inline::render(c, Mode::Line, page))
        .filter(|c| !c.trim().is_empty())
        .map(|c| vec![format!("_{}_", c.trim())]);
    // `_` rather than `*`: the caption's own `*emphasis*` cannot merge with it.
    lines::join([picture].into_iter().chain(caption))
}

/// A Docusaurus admonition, `:::tip Title` … `:::`, around already rendered content. The fence
/// is longer than any colon fence inside, so nested admonitions close where they should.
pub fn admonition(
    kind: AdmonitionType,
    title: Option<&str>,
    content: &[String],
    page: &Page<'_>,
) -> Vec<String> {
    let inner_fence = content
        .iter()
        .map(|line| line.trim_start().chars().take_while(|c| *c == ':').count())
        .max()
        .unwrap_or(0);
    let fence = ":".repeat(inner_fence.max(2) + 1);
    let title = title
        .map(|t| inline::plain(t.trim(), Mode::Line, page))
        .filter(|t| !t.is_empty());
    let opening = match title {
        Some(title) => format!("{fence}{} {title}", kind.as_str()),
        None => format!("{fence}{}", kind.as_str()),
    };
    lines::join([vec![opening], content.to_vec(), vec![fence]])
}

/// An ATX heading with an explicit id in the form both MDX 3 and Docusaurus accept:
/// `## Title \{#id\}` (MDX reads an unescaped `{` as an expression; Docusaurus still takes the id).
/// `text` is already rendered inline Markdown; levels beyond 6 are written as 6.
pub fn heading(level: usize, text: &str, id: &str) -> Vec<String> {
    let hashes = "#".repeat(level.clamp(1, 6));
    let text = text.trim();
    let id = crate::site::route::id(id);
    if text.is_empty() {
        vec![format!("{hashes} \\{{#{id}\\}}")]
    } else {
        vec![format!("{hashes} {text} \\{{#{id}\\}}")]
    }
}
