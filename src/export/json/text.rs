//! Plain-text rendering of resolved rich text and blocks for the bundle's `text` fields.

use crate::model::inline::Inline;
use crate::resolve::{ResolvedBlock, ResolvedStep};

/// The visible text of inline rich text, without markup; a line break becomes `\n`.
pub fn inline_text(inlines: &[Inline]) -> String {
    crate::model::inline::plain_text_with_breaks(inlines, "\n")
}

/// The text of blocks, separated by blank lines: list items as `- item` or `1. item`, table
/// rows with cells joined by ` | `, admonitions prefixed with their label ("Tip: …"), code
/// verbatim. Images are left out (the bundle carries no image files).
pub fn blocks_text(blocks: &[ResolvedBlock]) -> String {
    blocks
        .iter()
        .filter_map(block_text)
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn block_text(block: &ResolvedBlock) -> Option<String> {
    match block {
        ResolvedBlock::Paragraph(text) => Some(inline_text(text)),
        ResolvedBlock::List { ordered, items, .. } => Some(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let marker = if *ordered {
                        format!("{}.", i + 1)
                    } else {
                        "-".to_string()
                    };
                    format!("{marker} {}", inline_text(item))
                })
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        ResolvedBlock::Table {
            caption,
            header,
            rows,
            ..
        } => {
            let mut lines: Vec<String> = caption.iter().cloned().collect();
            for row in std::iter::once(header)
                .chain(rows)
                .filter(|r| !r.is_empty())
            {
                let cells: Vec<String> = row.iter().map(|c| inline_text(c)).collect();
                lines.push(cells.join(" | "));
            }
            Some(lines.join("\n"))
        }
        ResolvedBlock::Image { .. } => None,
        ResolvedBlock::Admonition {
            kind,
            title,
            blocks,
        } => {
            let label = title.clone().unwrap_or_else(|| kind.label().to_string());
            Some(format!("{label}: {}", blocks_text(blocks)))
        }
        ResolvedBlock::Code { code, .. } => Some(code.clone()),
        ResolvedBlock::Tabs { panes, .. } => Some(
            panes
                .iter()
                .map(|pane| {
                    let body = [blocks_text(&pane.blocks), steps_text(&pane.steps)]
                        .into_iter()
                        .filter(|part| !part.is_empty())
                        .collect::<Vec<_>>()
                        .join("\n\n");
                    format!("{}:\n{body}", pane.label.trim())
                })
                .collect::<Vec<_>>()
                .join("\n\n"),
        ),
        ResolvedBlock::Collapsible {
            summary, blocks, ..
        } => Some(format!("{}:\n{}", summary.trim(), blocks_text(blocks))),
    }
}

/// Steps as numbered lines (`1. action`), each followed by its blocks, result, branches and
/// sub-steps indented under it: steps inside a tab pane, which the bundle carries as text.
pub fn steps_text(steps: &[ResolvedStep]) -> String {
    let mut lines = Vec::new();
    for (i, step) in steps.iter().enumerate() {
        lines.push(format!("{}. {}", i + 1, inline_text(&step.action)));
        let mut under: Vec<String> = vec![blocks_text(&step.blocks)];
        under.extend(step.result.as_ref().map(|r| inline_text(r)));
        under.push(blocks_text(&step.after_result));
        under.extend(step.branches.iter().map(|branch| match &branch.callout {
            Some(callout) => blocks_text(std::slice::from_ref(callout)),
            None => {
                let (before, middle, after) = crate::resolve::wording::BRANCH;
                format!(
                    "{before}{}{middle}{}{after}",
                    inline_text(&branch.condition),
                    branch.title
                )
            }
        }));
        under.push(steps_text(&step.substeps));
        for part in under.iter().filter(|p| !p.is_empty()) {
            lines.extend(part.lines().map(|l| format!("   {l}")));
        }
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AdmonitionType;

    fn text(s: &str) -> Vec<Inline> {
        vec![Inline::Text(s.into())]
    }

    #[test]
    fn renders_inlines_without_markup() {
        let inlines = vec![
            Inline::Text("Click ".into()),
            Inline::Strong(text("<Save>")),
            Inline::LineBreak,
            Inline::Code("{x}".into()),
        ];
        assert_eq!(inline_text(&inlines), "Click <Save>\n{x}");
    }

    #[test]
    fn renders_blocks() {
        let blocks = vec![
            ResolvedBlock::Paragraph(text("Intro.")),
            ResolvedBlock::List {
                ordered: true,
                columns: None,
                items: vec![text("a"), text("b")],
            },
            ResolvedBlock::Image {
                path: "x.png".into(),
                alt: "x".into(),
                caption: None,
            },
            ResolvedBlock::Admonition {
                kind: AdmonitionType::Tip,
                title: None,
                blocks: vec![ResolvedBlock::Paragraph(text("Copy it."))],
            },
        ];
        assert_eq!(
            blocks_text(&blocks),
            "Intro.\n\n1. a\n2. b\n\nTip: Copy it."
        );
    }
}
