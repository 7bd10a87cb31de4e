//! What a data view shows: the rows its `where` keeps and the columns it names, as the grids, items and panes that resolving turns into tables, lists and tabs. The one definition `check` and `resolve` share.

use super::{DataSet, Row, WHEN_COLUMN};
use crate::model::{DataList, DataTable, DataTabs, RowFilter};
use crate::resolve::select::Selection;

/// A table's text: the header (column names) and the rows' cells, in the chosen columns' order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid<'s> {
    /// The column names.
    pub header: Vec<&'s str>,
    /// The cells of each kept row.
    pub rows: Vec<Vec<&'s str>>,
}

/// The rows `filter` keeps whose condition `selection` holds, in the file's order. A filter
/// naming a column the set does not have keeps nothing (`check` reports it). The one place rows
/// are kept or left out; `Selection::default()` (every variant) keeps every row's condition.
pub fn rows<'s>(set: &'s DataSet, filter: &RowFilter, selection: &Selection) -> Vec<&'s Row> {
    let tests: Option<Vec<(usize, &[String])>> = filter
        .iter()
        .map(|(column, values)| Some((set.column(column)?, values.values())))
        .collect();
    let Some(tests) = tests else {
        return Vec::new();
    };
    (set.rows.iter())
        .filter(|row| keeps(row, &tests) && selection.holds(row.when.as_ref()))
        .collect()
}

/// Whether `row` passes every test: its cell in the test's column is one of the test's values.
fn keeps(row: &Row, tests: &[(usize, &[String])]) -> bool {
    tests.iter().all(|(column, values)| {
        row.cells
            .get(*column)
            .is_some_and(|cell| values.contains(&cell.text))
    })
}

/// The column indexes `names` choose (every column but `except` and the rows' conditions when
/// `names` is empty); `None` when one is not a column of the set.
fn chosen(set: &DataSet, names: &[String], except: Option<usize>) -> Option<Vec<usize>> {
    if names.is_empty() {
        let when = set.column(WHEN_COLUMN);
        return Some(
            (0..set.columns.len())
                .filter(|i| Some(*i) != except && Some(*i) != when)
                .collect(),
        );
    }
    names.iter().map(|name| set.column(name)).collect()
}

fn grid<'s>(set: &'s DataSet, columns: &[usize], rows: &[&'s Row]) -> Grid<'s> {
    Grid {
        header: columns
            .iter()
            .map(|&c| set.columns[c].name.as_str())
            .collect(),
        rows: rows
            .iter()
            .map(|row| {
                columns
                    .iter()
                    .map(|&c| row.cells[c].text.as_str())
                    .collect()
            })
            .collect(),
    }
}

/// A `data_table`'s grid (`None` when it names a column the set does not have).
pub fn table<'s>(set: &'s DataSet, view: &DataTable, selection: &Selection) -> Option<Grid<'s>> {
    let columns = chosen(set, &view.columns, None)?;
    Some(grid(set, &columns, &rows(set, &view.filter, selection)))
}

/// Each distinct non-empty value of the column `column` in `rows`, in the order it first
/// appears, with the rows that have it.
fn distinct<'s>(column: usize, rows: &[&'s Row]) -> Vec<(&'s str, Vec<&'s Row>)> {
    let mut groups: Vec<(&str, Vec<&Row>)> = Vec::new();
    let mut index = std::collections::HashMap::new();
    for row in rows {
        let value = row.cells[column].text.as_str();
        if value.is_empty() {
            continue;
        }
        let at = *index.entry(value).or_insert_with(|| {
            groups.push((value, Vec::new()));
            groups.len() - 1
        });
        groups[at].1.push(row);
    }
    groups
}

/// A `data_list`'s items (`None` when its column is not one of the set's).
pub fn items<'s>(set: &'s DataSet, view: &DataList, selection: &Selection) -> Option<Vec<&'s str>> {
    let column = set.column(&view.item)?;
    let kept = rows(set, &view.filter, selection);
    Some(
        distinct(column, &kept)
            .into_iter()
            .map(|(value, _)| value)
            .collect(),
    )
}

/// A `data_tabs`'s panes: each label with its table (`None` when it names a column the set does
/// not have). Rows with an empty `tab_by` cell are in no pane (`check` reports them).
pub fn panes<'s>(
    set: &'s DataSet,
    view: &DataTabs,
    selection: &Selection,
) -> Option<Vec<(&'s str, Grid<'s>)>> {
    let by = set.column(&view.tab_by)?;
    let columns = chosen(set, &view.columns, Some(by))?;
    let kept = rows(set, &view.filter, selection);
    Some(
        distinct(by, &kept)
            .into_iter()
            .map(|(label, rows)| (label, grid(set, &columns, &rows)))
            .collect(),
    )
}
