//! The data views' references into their data files: the file exists, every column they name is one of its columns, every `where` value occurs in its column, and what they keep is not empty.

use std::ops::Range;
use std::path::Path;

use super::suggest::did_you_mean;
use crate::content::{ContentDoc, ContentSet};
use crate::data::{DataSet, data_key, select};
use crate::diag::Diagnostic;
use crate::model::{Block, DataView, OneOrMore};
use crate::resolve::select::Selection;

/// How many of a column's values a help message lists.
const LISTED_VALUES: usize = 8;

/// The problems of one block (nothing for blocks that are not data views). `pointer` is the
/// block's JSON pointer in `doc`.
pub fn check_block(
    content: &ContentSet,
    doc: &ContentDoc,
    block: &Block,
    pointer: &str,
    out: &mut Vec<Diagnostic>,
) {
    let Some(view) = DataView::of(block) else {
        return;
    };
    let at = format!("{pointer}/{}", view.key());
    let span = |suffix: &str| doc.node.locate(&format!("{at}{suffix}")).node.span.clone();
    let from = view.from();
    let Some(set) = content.data.sets.get(from) else {
        if !content.data.broken.contains(from) {
            out.push(unknown_file(content, from).at(doc.file, span("/from"), "no such data file"));
        }
        return;
    };
    let before = out.len();
    for (name, suffix) in view.named_columns() {
        if set.column(name).is_none() {
            out.push(unknown_column(set, name).at(doc.file, span(&suffix), "not a column"));
        }
    }
    for (name, values) in view.filter() {
        let key = format!("{at}/where/{}", name.replace('~', "~0").replace('/', "~1"));
        let located = doc.node.locate(&key);
        let Some(column) = set.column(name) else {
            let key_span = located.key_span.unwrap_or(located.node.span.clone());
            out.push(unknown_column(set, name).at(doc.file, key_span, "not a column"));
            continue;
        };
        for (i, value) in values.values().iter().enumerate() {
            if set.rows.iter().any(|row| &row.cells[column].text == value) {
                continue;
            }
            let value_span = match values {
                OneOrMore::One(_) => located.node.span.clone(),
                OneOrMore::More(_) => doc.node.locate(&format!("{key}/{i}")).node.span.clone(),
            };
            out.push(unknown_value(set, column, value).at(doc.file, value_span, "in no row"));
        }
    }
    if out.len() == before {
        let at = if view.filter().is_empty() {
            ""
        } else {
            "/where"
        };
        kept(set, view, doc, span(at), out);
    }
}

/// What the view keeps: some rows, items or panes (at least two), and no pane without a label.
fn kept(
    set: &DataSet,
    view: DataView<'_>,
    doc: &ContentDoc,
    span: Range<usize>,
    out: &mut Vec<Diagnostic>,
) {
    let empty = |what: &str| {
        Diagnostic::error(
            "empty-data-view",
            format!("this view of `{}` {what}", set.key),
        )
        .at(doc.file, span.clone(), "shows nothing")
        .help("change `where` so it keeps some rows, or remove the view")
    };
    // Over every variant: a view is empty here when no publication could show a row of it.
    let rows = select::rows(set, view.filter(), &Selection::default());
    if rows.is_empty() {
        out.push(empty("keeps no row: no row matches every value in `where`"));
        return;
    }
    match view {
        DataView::Table(_) => {}
        DataView::List(list) => {
            if select::items(set, list, &Selection::default()).is_some_and(|items| items.is_empty())
            {
                out.push(empty(&format!(
                    "has no item: the `{}` cell of every row it keeps is empty",
                    list.item
                )));
            }
        }
        DataView::Tabs(tabs) => {
            let Some(by) = set.column(&tabs.tab_by) else {
                return;
            };
            if let Some(row) = rows.iter().find(|row| row.cells[by].text.is_empty()) {
                out.push(
                    Diagnostic::error(
                        "empty-label",
                        format!(
                            "a row this view keeps has no `{}`, which labels its pane",
                            tabs.tab_by
                        ),
                    )
                    .at(set.file, row.cells[by].span.clone(), "empty")
                    .also(doc.file, span.clone(), "tabs by this column")
                    .help(format!(
                        "fill in `{}` in every row, or leave such rows out with `where`",
                        tabs.tab_by
                    )),
                );
            }
            let panes = select::panes(set, tabs, &Selection::default()).map_or(0, |p| p.len());
            if panes < 2 {
                out.push(
                    Diagnostic::error(
                        "too-few-panes",
                        format!(
                            "a tab set needs at least two panes, and the rows this view keeps have {} of `{}`",
                            crate::diag::words::count(panes, "value"),
                            tabs.tab_by
                        ),
                    )
                    .at(doc.file, span.clone(), "here")
                    .help("keep rows with more values (see `where`), or show them as a `data_table`"),
                );
            }
        }
    }
}

fn unknown_file(content: &ContentSet, from: &str) -> Diagnostic {
    let help = if data_key(Path::new(from)).is_none() {
        "a data file is a `.csv`, `.yaml`, `.yml` or `.json` file under `data/` in the content folder, named from there: `data/permissions.csv`".to_string()
    } else {
        did_you_mean(from, content.data.keys()).unwrap_or_else(|| {
            "check the path: it is relative to the content folder (`data/permissions.csv`)"
                .to_string()
        })
    };
    Diagnostic::error(
        "unknown-data-file",
        format!("there is no data file `{from}`"),
    )
    .help(help)
}

fn unknown_column(set: &DataSet, name: &str) -> Diagnostic {
    let help = did_you_mean(name, set.column_names()).unwrap_or_else(|| {
        format!(
            "its columns are {}",
            set.column_names()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    });
    Diagnostic::error(
        "unknown-column",
        format!("`{name}` is not a column of `{}`", set.key),
    )
    .help(help)
}

fn unknown_value(set: &DataSet, column: usize, value: &str) -> Diagnostic {
    let mut values: Vec<&str> = Vec::new();
    for row in &set.rows {
        let text = row.cells[column].text.as_str();
        if !values.contains(&text) {
            values.push(text);
        }
    }
    let name = &set.columns[column].name;
    let help = did_you_mean(value, values.iter().copied()).unwrap_or_else(|| {
        let mut listed: Vec<String> = (values.iter().take(LISTED_VALUES))
            .map(|v| format!("`{v}`"))
            .collect();
        if values.len() > LISTED_VALUES {
            listed.push("…".to_string());
        }
        format!("the values of `{name}` are {}", listed.join(", "))
    });
    Diagnostic::error(
        "unknown-value",
        format!("no row of `{}` has `{value}` in `{name}`", set.key),
    )
    .help(help)
}
