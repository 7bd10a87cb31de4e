//! Data views: a table, a list or tabs of tables whose rows come from a data file (CSV or YAML) under the content folder's `data/` folder.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::TopicId;

/// Which rows of a data file a view keeps: `where: {Module: Cash Management}` keeps the rows whose
/// `Module` cell is `Cash Management`; a list of values keeps rows with any of them; several
/// columns must all match. Values are compared exactly, as text.
pub type RowFilter = BTreeMap<String, OneOrMore>;

/// One value, or a list of values of which any matches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum OneOrMore {
    /// One value.
    One(String),
    /// Any of these values.
    More(Vec<String>),
}

impl OneOrMore {
    /// The values, in the order written.
    pub fn values(&self) -> &[String] {
        match self {
            OneOrMore::One(value) => std::slice::from_ref(value),
            OneOrMore::More(values) => values,
        }
    }
}

/// A table whose rows come from a data file: the chosen columns of the rows `where` keeps, in
/// the file's order, with the column names as its header.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataTable {
    /// The data file, relative to the content folder: `data/permissions.csv` (a `.csv`, `.yaml`,
    /// `.yml` or `.json` file under `data/`).
    pub from: String,
    /// The columns shown, in this order (default: every column, in the file's order).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<String>,
    /// Which rows are shown (default: all of them).
    #[serde(default, rename = "where", skip_serializing_if = "BTreeMap::is_empty")]
    pub filter: RowFilter,
    /// A short caption, read out by screen readers and shown above the table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// When true, the first shown column names each row (`th scope="row"`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub row_headers: bool,
}

/// A list whose items are one column's values in the rows `where` keeps: each distinct value
/// once, in the order it first appears, empty cells left out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataList {
    /// The data file, relative to the content folder (see [`DataTable::from`]).
    pub from: String,
    /// The column whose values are the items.
    pub item: String,
    /// Which rows are used (default: all of them).
    #[serde(default, rename = "where", skip_serializing_if = "BTreeMap::is_empty")]
    pub filter: RowFilter,
    /// Numbered when true, bulleted otherwise.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ordered: bool,
    /// Lay the items out in this many columns where there is room (as a list's `columns`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 2, max = 6))]
    pub columns: Option<u8>,
}

/// Tabs of tables from a data file: one pane per distinct value of the `tab_by` column (in the
/// order the values first appear), labelled with it, holding a table of that value's rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataTabs {
    /// The data file, relative to the content folder (see [`DataTable::from`]).
    pub from: String,
    /// The column whose values label the panes.
    pub tab_by: String,
    /// The columns of each pane's table, in this order (default: every column but `tab_by`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<String>,
    /// Which rows are used (default: all of them).
    #[serde(default, rename = "where", skip_serializing_if = "BTreeMap::is_empty")]
    pub filter: RowFilter,
    /// Tab sets with the same group id switch together (see [`super::Tabs::group_id`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = TopicId::PATTERN), length(max = TopicId::MAX_LEN))]
    pub group_id: Option<String>,
    /// When true, the first column of each pane's table names each row.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub row_headers: bool,
}

/// Any of the data views, for what they share: the data file, the row filter, the columns they
/// name.
#[derive(Debug, Clone, Copy)]
pub enum DataView<'a> {
    /// `data_table`.
    Table(&'a DataTable),
    /// `data_list`.
    List(&'a DataList),
    /// `data_tabs`.
    Tabs(&'a DataTabs),
}

impl<'a> DataView<'a> {
    /// The view of a block, when it is one.
    pub fn of(block: &'a super::Block) -> Option<DataView<'a>> {
        match block {
            super::Block::DataTable(v) => Some(DataView::Table(v)),
            super::Block::DataList(v) => Some(DataView::List(v)),
            super::Block::DataTabs(v) => Some(DataView::Tabs(v)),
            _ => None,
        }
    }

    /// The block's key as written (`data_table`), the first step of pointers into it.
    pub fn key(self) -> &'static str {
        match self {
            DataView::Table(_) => "data_table",
            DataView::List(_) => "data_list",
            DataView::Tabs(_) => "data_tabs",
        }
    }

    /// The data file, as written.
    pub fn from(self) -> &'a str {
        match self {
            DataView::Table(v) => &v.from,
            DataView::List(v) => &v.from,
            DataView::Tabs(v) => &v.from,
        }
    }

    /// The row filter.
    pub fn filter(self) -> &'a RowFilter {
        match self {
            DataView::Table(v) => &v.filter,
            DataView::List(v) => &v.filter,
            DataView::Tabs(v) => &v.filter,
        }
    }

    /// Every column name the view writes outside `where`, with its pointer below the block's key
    /// (`/columns/1`, `/item`, `/tab_by`).
    pub fn named_columns(self) -> Vec<(&'a str, String)> {
        let listed = |columns: &'a [String]| {
            columns
                .iter()
                .enumerate()
                .map(|(i, c)| (c.as_str(), format!("/columns/{i}")))
                .collect::<Vec<_>>()
        };
        match self {
            DataView::Table(v) => listed(&v.columns),
            DataView::List(v) => vec![(v.item.as_str(), "/item".to_string())],
            DataView::Tabs(v) => {
                let mut named = vec![(v.tab_by.as_str(), "/tab_by".to_string())];
                named.extend(listed(&v.columns));
                named
            }
        }
    }
}
