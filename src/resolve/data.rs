//! Data views as the blocks every exporter already writes: a `data_table` becomes a table, a `data_list` a list and `data_tabs` tabs of tables (what they keep is [`crate::data::select`]).

use super::select::Selection;
use super::{ResolvedBlock, ResolvedPane, Text};
use crate::data::DataFiles;
use crate::data::select::{self, Grid};
use crate::model::inline::Inline;
use crate::model::{DataList, DataTable, DataTabs};

/// A cell's text: plain, never read as markup (a data file holds values, not rich text).
fn text(cell: &str) -> Text {
    if cell.is_empty() {
        Vec::new()
    } else {
        vec![Inline::Text(cell.to_string())]
    }
}

fn table(grid: Grid<'_>, caption: Option<String>, row_headers: bool) -> ResolvedBlock {
    ResolvedBlock::Table {
        caption,
        header: grid.header.into_iter().map(text).collect(),
        row_headers,
        rows: (grid.rows.into_iter())
            .map(|row| row.into_iter().map(text).collect())
            .collect(),
    }
}

/// A `data_table` as a table with `caption` (variables already filled); `None` when its data
/// file or a column it names is missing (`check` reports it, and nothing is built then).
pub(super) fn data_table(
    data: &DataFiles,
    view: &DataTable,
    caption: Option<String>,
    selection: &Selection,
) -> Option<ResolvedBlock> {
    let set = data.sets.get(&view.from)?;
    Some(table(
        select::table(set, view, selection)?,
        caption,
        view.row_headers,
    ))
}

/// A `data_list` as a list.
pub(super) fn data_list(
    data: &DataFiles,
    view: &DataList,
    selection: &Selection,
) -> Option<ResolvedBlock> {
    let set = data.sets.get(&view.from)?;
    Some(ResolvedBlock::List {
        ordered: view.ordered,
        columns: view.columns,
        items: select::items(set, view, selection)?
            .into_iter()
            .map(text)
            .collect(),
    })
}

/// `data_tabs` as tabs, each pane holding its value's table.
pub(super) fn data_tabs(
    data: &DataFiles,
    view: &DataTabs,
    selection: &Selection,
) -> Option<ResolvedBlock> {
    let set = data.sets.get(&view.from)?;
    let panes = select::panes(set, view, selection)?
        .into_iter()
        .map(|(label, grid)| ResolvedPane {
            label: label.to_string(),
            blocks: vec![table(grid, None, view.row_headers)],
            steps: Vec::new(),
        })
        .collect();
    Some(ResolvedBlock::Tabs {
        group_id: view.group_id.clone(),
        panes,
    })
}
