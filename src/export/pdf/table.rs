//! Tables: column widths from the cells' natural and minimum widths, wrapping cells, one
//! unbreakable unit per row, and the caption (marked "continued") and header row that the page
//! breaker repeats on each page the table continues on.

use crate::resolve::{Text, wording};

use super::flow::Flow;
use super::fonts::Face;
use super::layout::{Item, TableRow, Unit, keeps_with_next, line_unit};
use super::linebreak::Line;
use super::structure::{NodeId, Role, Scope};
use super::text::{Span, Style};
use super::theme::Rgb;

const PAD_X: f32 = 5.0;
const PAD_Y: f32 = 3.5;

/// Lays out a table as units; with `row_headers`, each body row's first cell is a `TH` with
/// `/Scope /Row`, set in bold.
pub fn table(
    flow: &mut Flow<'_>,
    caption: Option<&str>,
    header: &[Text],
    row_headers: bool,
    rows: &[Vec<Text>],
) {
    let columns = rows
        .iter()
        .map(Vec::len)
        .chain(std::iter::once(header.len()))
        .max()
        .unwrap_or(0);
    if columns == 0 {
        return;
    }
    let theme = flow.theme;
    let refs = flow.refs();
    let size = theme.body_size * 0.9;
    let body = Style {
        face: Face::Regular,
        size,
        color: theme.text,
    };
    let head = body.with_face(Face::Bold);
    let cells = |row: &[Text], style: Style, first: Style| -> Vec<Vec<Span>> {
        (0..columns)
            .map(|c| {
                let style = if c == 0 { first } else { style };
                row.get(c)
                    .map(|t| super::text::spans(t, style, theme, refs))
                    .unwrap_or_default()
            })
            .collect()
    };
    let header_cells = cells(header, head, head);
    let first = if row_headers { head } else { body };
    let body_cells: Vec<Vec<Vec<Span>>> = rows.iter().map(|r| cells(r, body, first)).collect();
    let (_, available) = flow.column();
    let widths = column_widths(flow, &header_cells, &body_cells, columns, available);

    let id = flow.continued.len();
    flow.continued.push(Vec::new());
    flow.space(theme.body_size * 0.9);
    flow.tagged(Role::Table, |flow| {
        rows_of(
            flow,
            id,
            caption,
            (&header_cells, &body_cells),
            &widths,
            (!header.is_empty(), row_headers),
        );
    });
    flow.space(theme.body_size * 0.9);
}

/// The caption, the header row (`THead`) and the body rows (`TBody`) of a table.
fn rows_of(
    flow: &mut Flow<'_>,
    id: usize,
    caption: Option<&str>,
    (header_cells, body_cells): (&[Vec<Span>], &[Vec<Vec<Span>>]),
    widths: &[f32],
    (has_header, row_headers): (bool, bool),
) {
    let theme = flow.theme;
    let size = theme.body_size * 0.9;
    let (x, available) = flow.column();
    if let Some(caption) = caption {
        let style = Style {
            face: Face::Bold,
            size,
            color: theme.text,
        };
        flow.tagged(Role::Caption, |flow| {
            flow.text(&[Span::new(caption, style)], size, 1.5);
        });
        flow.keep_with_next();
        let continued = format!("{caption} {}", wording::CONTINUED);
        let repeat = stacked(flow, &[Span::new(continued, style)], size, 1.5);
        flow.continued[id].push(repeat);
    }
    if has_header {
        let row = flow.tagged(Role::THead, |_| {});
        let mut unit = row_unit(
            flow,
            row,
            (Role::TH(Scope::Column), None, header_cells),
            widths,
            x,
            size,
            Some(theme.accent.tint(0.86)),
        );
        unit.table = Some(TableRow {
            table: id,
            header: true,
        });
        unit.keep_with_next = true;
        unit.items.push(Item::Rect {
            x,
            y: unit.height - 0.5,
            w: available,
            h: 1.0,
            fill: Some(theme.accent),
            stroke: None,
        });
        let repeat = Unit {
            frames: flow.frames_here(),
            ..unit.clone()
        };
        flow.continued[id].push(repeat);
        flow.push(unit);
    }
    let rows = flow.tagged(Role::TBody, |_| {});
    for (i, row) in body_cells.iter().enumerate() {
        let fill = (i % 2 == 1).then_some(Rgb(0.965, 0.968, 0.975));
        let first = row_headers.then_some(Role::TH(Scope::Row));
        let mut unit = row_unit(flow, rows, (Role::TD, first, row), widths, x, size, fill);
        unit.table = Some(TableRow {
            table: id,
            header: false,
        });
        unit.keep_with_next = keeps_with_next(i, body_cells.len());
        unit.items.push(Item::Rect {
            x,
            y: unit.height - 0.25,
            w: available,
            h: 0.5,
            fill: Some(Rgb(0.78, 0.8, 0.83)),
            stroke: None,
        });
        flow.push(unit);
    }
}

/// Widths that fill the column: every column gets its longest word, and the rest of the
/// space goes where the text is longest.
fn column_widths(
    flow: &mut Flow<'_>,
    header: &[Vec<Span>],
    rows: &[Vec<Vec<Span>>],
    columns: usize,
    available: f32,
) -> Vec<f32> {
    let mut min = vec![0.0f32; columns];
    let mut natural = vec![0.0f32; columns];
    for row in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        for (c, cell) in row.iter().enumerate() {
            let mut total = 0.0;
            for span in cell {
                for word in span.text.split_whitespace() {
                    let w = flow.shaper.width(span.style.face, span.style.size, word);
                    min[c] = min[c].max(w);
                }
                total += flow
                    .shaper
                    .width(span.style.face, span.style.size, &span.text);
            }
            natural[c] = natural[c].max(total);
        }
    }
    let pad = 2.0 * PAD_X;
    // A token longer than an equal share of the width (an address, an identifier) breaks
    // anywhere rather than starving the other columns.
    let share = (available / columns as f32).max(36.0);
    let min: Vec<f32> = min.iter().map(|w| (w + pad).min(share)).collect();
    let natural: Vec<f32> = natural
        .iter()
        .zip(&min)
        .map(|(n, m)| (n + pad).max(*m))
        .collect();
    let min_sum: f32 = min.iter().sum();
    let natural_sum: f32 = natural.iter().sum();
    if natural_sum <= available {
        let extra = (available - natural_sum) / columns as f32;
        return natural.iter().map(|n| n + extra).collect();
    }
    if min_sum >= available {
        // Even the longest words do not fit: share by minimum width; long words break anywhere.
        return min.iter().map(|m| available * m / min_sum).collect();
    }
    let flexible = natural_sum - min_sum;
    let extra = available - min_sum;
    min.iter()
        .zip(&natural)
        .map(|(m, n)| m + (n - m) * extra / flexible.max(0.001))
        .collect()
}

/// One row: a `TR` under `group` with a cell element of `role` per column (`first`, when set,
/// for the first).
fn row_unit(
    flow: &mut Flow<'_>,
    group: NodeId,
    (role, first, cells): (Role, Option<Role>, &[Vec<Span>]),
    widths: &[f32],
    x: f32,
    size: f32,
    fill: Option<Rgb>,
) -> Unit {
    let line_height = size * 1.35;
    let laid: Vec<Vec<Line>> = cells
        .iter()
        .zip(widths)
        .map(|(cell, w)| flow.lines(cell, (w - 2.0 * PAD_X).max(4.0)))
        .collect();
    let rows = laid.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let height = rows as f32 * line_height + 2.0 * PAD_Y;
    let mut items = Vec::new();
    if let Some(fill) = fill {
        items.push(Item::Rect {
            x,
            y: 0.0,
            w: widths.iter().sum(),
            h: height,
            fill: Some(fill),
            stroke: None,
        });
    }
    let row = flow.tree.add(group, Role::TR);
    let mut cell_x = x;
    for (c, (lines, w)) in laid.into_iter().zip(widths).enumerate() {
        let role = match (&first, c) {
            (Some(first), 0) => first.clone(),
            _ => role.clone(),
        };
        items.push(Item::Tag(Some(flow.tree.add(row, role))));
        for (k, line) in lines.into_iter().enumerate() {
            let top = PAD_Y + k as f32 * line_height;
            let unit = line_unit(line, cell_x + PAD_X, line_height, size);
            items.extend(unit.items.into_iter().map(|item| item.shifted(top)));
        }
        cell_x += w;
    }
    Unit {
        height,
        items,
        ..Unit::default()
    }
}

/// Text as one unit of stacked lines at the current column, not added to the flow: a part the
/// page breaker draws again (a caption marked "continued").
fn stacked(flow: &mut Flow<'_>, spans: &[Span], size: f32, leading: f32) -> Unit {
    let (x, width) = flow.column();
    let height = size * leading;
    let mut items = Vec::new();
    let lines = flow.lines(spans, width);
    let count = lines.len();
    for (k, line) in lines.into_iter().enumerate() {
        let unit = line_unit(line, x, height, size);
        items.extend(
            unit.items
                .into_iter()
                .map(|item| item.shifted(k as f32 * height)),
        );
    }
    Unit {
        height: count as f32 * height,
        items,
        frames: flow.frames_here(),
        ..Unit::default()
    }
}
