//! Lists in columns: one unbreakable unit whose items read down each column, then across, drawn
//! and tagged in that order, so the tag tree holds one `L` and text extraction reads it in order.

use crate::resolve::Text;

use super::flow::Flow;
use super::layout::{Item, Unit, line_unit};
use super::structure::{Numbering, Role};
use super::text::Span;

/// The narrowest column, in body-text ems; fewer columns are used when the text is narrower.
const MIN_COLUMN_EMS: f32 = 9.0;
/// The tallest a list in columns may be, as a share of the page's text height; a taller one
/// (which a page break would cut) is laid out as a plain list instead.
const MAX_PAGE_SHARE: f32 = 0.6;

/// Lays out `items` in up to `columns` columns, as one unit under a new `L`. Returns false, having
/// added nothing, when the list would not fit on one page (the caller lays it out as a plain list).
pub fn list(flow: &mut Flow<'_>, ordered: bool, columns: u8, items: &[Text]) -> bool {
    let body = flow.body();
    let theme = flow.theme;
    let (x, width) = flow.column();
    let gap = body.size * 1.5;
    let fit = ((width + gap) / (body.size * MIN_COLUMN_EMS + gap)).floor() as usize;
    let count = usize::from(columns).min(items.len()).min(fit).max(1);
    let rows = items.len().div_ceil(count);
    let column_width = (width - gap * (count - 1) as f32) / count as f32;
    let indent = body.size * 1.4;
    // Items follow each other at the line spacing, with no gap: a column is then one block of
    // lines to text extraction (`pdftotext` reads it down before moving across).
    let line_height = body.size * theme.leading;

    // Each item's label and lines, laid out at its column's width.
    let laid: Vec<_> = (items.iter().enumerate())
        .map(|(i, item)| {
            let label = if ordered {
                Span::new(format!("{}.", i + 1), body)
            } else {
                Span::new("•", body.with_color(theme.accent))
            };
            let label = flow.lines(&[label], indent + 40.0).into_iter().next();
            let text = flow.spans(item, body);
            let lines = flow.lines(&text, (column_width - indent).max(20.0));
            (label, lines)
        })
        .collect();
    let height_of = |lines: usize| lines.max(1) as f32 * line_height;
    let height = (0..count)
        .map(|c| {
            let column = laid.iter().skip(c * rows).take(rows);
            column.map(|(_, lines)| height_of(lines.len())).sum::<f32>()
        })
        .fold(0.0f32, f32::max);
    if height > (theme.body_bottom() - theme.body_top()) * MAX_PAGE_SHARE {
        return false;
    }

    let numbering = if ordered {
        Numbering::Decimal
    } else {
        Numbering::Disc
    };
    flow.space(body.size * 0.5);
    let list = flow.tagged(Role::L(numbering), |_| {});
    let mut drawn = Vec::new();
    let mut top = 0.0;
    // Column by column, top to bottom: the order the content is drawn is the reading order.
    for (i, (label, lines)) in laid.into_iter().enumerate() {
        if i % rows == 0 {
            top = 0.0;
        }
        let column_x = x + (i / rows) as f32 * (column_width + gap);
        let li = flow.tree.add(list, Role::LI);
        let lbl = flow.tree.add(li, Role::Lbl);
        let lbody = flow.tree.add(li, Role::LBody);
        drawn.push(Item::Tag(Some(lbl)));
        if let Some(label) = label {
            let placed = line_unit(label, column_x, line_height, body.size);
            drawn.extend(placed.items.into_iter().map(|item| item.shifted(top)));
        }
        drawn.push(Item::Tag(Some(lbody)));
        let item_height = height_of(lines.len());
        for (k, line) in lines.into_iter().enumerate() {
            let line_top = top + k as f32 * line_height;
            let placed = line_unit(line, column_x + indent, line_height, body.size);
            drawn.extend(placed.items.into_iter().map(|item| item.shifted(line_top)));
        }
        top += item_height;
    }
    flow.push(Unit {
        height,
        items: drawn,
        ..Unit::default()
    });
    flow.space(body.size * 0.5);
    true
}
