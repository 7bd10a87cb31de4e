//! The table of contents: chapters and topics with dot leaders, right-aligned page numbers and
//! clickable entries. Page numbers come from the previous layout pass (see `mod.rs`).

use crate::resolve::{ResolvedItem, ResolvedPublication, ResolvedSection};

use super::flow::{Flow, Level};
use super::fonts::Face;
use super::layout::{Item, line_unit};
use super::structure::Role;
use super::text::{LinkTarget, Span, Style, page_number};
use super::topics::PageRefs;

/// The anchor of the contents page itself (ids are slugs, so no topic can take it).
pub const CONTENTS_ANCHOR: &str = "_contents";

/// Lays out the contents.
/// Tagged as a `Sect` with the heading and a `TOC`, whose items (`TOCI`) nest like the
/// sections: each item is a `Link` (its text, page number and annotation) and, when the section
/// has topics or subsections, a nested `TOC`.
pub fn contents(flow: &mut Flow<'_>, publication: &ResolvedPublication, refs: &PageRefs) {
    flow.tagged(Role::Sect, |flow| {
        flow.outline(0, "Contents", CONTENTS_ANCHOR);
        let title = Span::new("Contents", flow.body());
        flow.heading(Level::Chapter, vec![title], Some(CONTENTS_ANCHOR));
        flow.tagged(Role::TOC, |flow| {
            for section in &publication.sections {
                entries(flow, section, refs);
            }
        });
    });
    flow.end_chapter();
}

fn entries(flow: &mut Flow<'_>, section: &ResolvedSection, refs: &PageRefs) {
    flow.tagged(Role::TOCI, |flow| {
        entry(flow, section.depth, &section.title, &section.id, refs);
        if section.items.is_empty() {
            return;
        }
        flow.tagged(Role::TOC, |flow| {
            for item in &section.items {
                match item {
                    ResolvedItem::Topic(topic) => {
                        flow.tagged(Role::TOCI, |flow| {
                            entry(flow, section.depth + 1, &topic.title, &topic.id, refs);
                        });
                    }
                    ResolvedItem::Section(child) => entries(flow, child, refs),
                }
            }
        });
    });
}

fn entry(flow: &mut Flow<'_>, level: usize, title: &str, anchor: &str, refs: &PageRefs) {
    let body = flow.body();
    let chapter = level == 0;
    let style = Style {
        face: if chapter { Face::Bold } else { Face::Regular },
        size: if chapter { body.size * 1.05 } else { body.size },
        color: if chapter {
            flow.theme.accent
        } else {
            body.color
        },
    };
    let (x, width) = flow.column();
    let indent = level as f32 * body.size * 1.6;
    let number_column = body.size * 3.0;
    let text_width = (width - indent - number_column - body.size).max(40.0);
    let page = page_number(refs, anchor);
    flow.space(if chapter {
        body.size * 1.1
    } else {
        body.size * 0.25
    });
    let lines = flow.lines(&[Span::new(title, style)], text_width);
    let number = flow
        .lines(&[Span::new(page.clone(), style)], number_column)
        .into_iter()
        .next();
    let n = lines.len();
    let height = style.size * 1.4;
    let target = LinkTarget::Anchor(anchor.to_string());
    let link = flow.tagged(Role::Link, |flow| {
        for (i, line) in lines.into_iter().enumerate() {
            let text_end = x + indent + line.width;
            let mut unit = line_unit(line, x + indent, height, style.size);
            let baseline = height / 2.0 + style.size * 0.35;
            if i + 1 == n
                && let Some(number) = &number
            {
                let number_x = x + width - number.width;
                if number_x - text_end > 12.0 {
                    unit.items.push(Item::Dots {
                        x1: text_end + 5.0,
                        x2: number_x - 5.0,
                        y: baseline,
                        color: flow.theme.muted.tint(0.3),
                    });
                }
                unit.items.push(Item::Text {
                    x: number_x,
                    baseline,
                    line: number.clone(),
                });
            }
            unit.items.push(Item::Link {
                x: x + indent,
                y: 0.0,
                w: width - indent,
                h: height,
                target: target.clone(),
            });
            // A chapter entry stays with its first topic.
            unit.keep_with_next = i + 1 < n || chapter;
            flow.push(unit);
        }
    });
    flow.tree.describe(link, &format!("{title}, page {page}"));
}
