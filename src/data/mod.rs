//! Data files: tables of rows kept as CSV or YAML under the content folder's `data/` folder, read through the guarded reader and validated like content, for the data views (`data_table`, `data_list`, `data_tabs`) to show.
//!
//! The rule that tells a data file from a content document is its place: every `.csv`, `.yaml`,
//! `.yml` or `.json` file under `data/` directly inside the content folder is a data file, and no
//! other file is ([`data_key`]). A CSV file's first line names the columns; a YAML or JSON data
//! file is a list of rows, each a mapping of column name to value (the first row's keys name the
//! columns). Every row must have every column.
//!
//! A column named `when` ([`WHEN_COLUMN`]) holds each row's condition over the project's
//! dimensions, in the shape `when:` has everywhere else (`edition: enterprise`,
//! `{entities: [single, multi]}`, `not: {edition: standard}`; an empty cell: every variant). A
//! publication shows the rows whose condition its selection holds; views never show the column.

mod csv;
pub mod select;
mod yaml_rows;

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::{Component, Path};

use crate::diag::words::count;
use crate::diag::{Diagnostic, FileId, SourceFile};
use crate::load::{Limits, Syntax};
use crate::model::Condition;

/// The folder, directly inside the content folder, that holds data files.
pub const DATA_FOLDER: &str = "data";

/// The column that holds each row's condition (see the module docs).
pub const WHEN_COLUMN: &str = "when";

/// The extensions of data files.
pub const DATA_EXTENSIONS: [&str; 4] = ["csv", "yaml", "yml", "json"];

/// A data file's key, `data/…` with `/` separators, when `relative` (a path relative to the
/// content folder) names a data file: a file with a data extension under [`DATA_FOLDER`].
pub fn data_key(relative: &Path) -> Option<String> {
    let mut parts = Vec::new();
    for component in relative.components() {
        match component {
            Component::Normal(part) => parts.push(part.to_str()?),
            Component::CurDir => {}
            _ => return None,
        }
    }
    let extension = relative.extension()?.to_str()?;
    (parts.len() >= 2 && parts[0] == DATA_FOLDER && DATA_EXTENSIONS.contains(&extension))
        .then(|| parts.join("/"))
}

/// A column: its name and where the name is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The name, as the header (or the first row's key) writes it.
    pub name: String,
    /// Where, in the data file.
    pub span: Range<usize>,
}

/// One cell: its text and where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// The value, as text (numbers and booleans as written, nothing as empty).
    pub text: String,
    /// Where, in the data file (for a quoted CSV field, with its quotes).
    pub span: Range<usize>,
}

/// A row: one cell per column, in the columns' order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The cells.
    pub cells: Vec<Cell>,
    /// The row's condition, from its [`WHEN_COLUMN`] cell (`None`: every variant).
    pub when: Option<Condition>,
}

/// A data file that loaded without problems.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataSet {
    /// Its key (`data/permissions.csv`).
    pub key: String,
    /// The file, in the run's source map.
    pub file: FileId,
    /// The columns, in order; names are unique.
    pub columns: Vec<Column>,
    /// The rows, in the file's order.
    pub rows: Vec<Row>,
}

impl DataSet {
    /// The index of the column named `name`.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name == name)
    }

    /// The column names, in order (for "did you mean").
    pub fn column_names(&self) -> impl Iterator<Item = &str> {
        self.columns.iter().map(|c| c.name.as_str())
    }

    /// The most any view of the set can expand to: every cell and column name, each counted as a
    /// text (see [`crate::resolve::budget::NODE_BYTES`]).
    pub fn expanded_bytes(&self) -> u64 {
        let node = crate::resolve::budget::NODE_BYTES;
        let texts = self.columns.iter().map(|c| &c.name).chain(
            self.rows
                .iter()
                .flat_map(|r| r.cells.iter().map(|c| &c.text)),
        );
        texts.map(|t| node + t.len() as u64).sum()
    }
}

/// Every data file of a content set: those that loaded, and the keys of those that did not (their
/// problems are reported in their own file; views of them report nothing more).
#[derive(Debug, Clone, Default)]
pub struct DataFiles {
    /// The data files that loaded, by key.
    pub sets: BTreeMap<String, DataSet>,
    /// The keys of data files that did not load.
    pub broken: BTreeSet<String>,
}

impl DataFiles {
    /// Every key, loaded or not (for "did you mean").
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.sets
            .keys()
            .chain(self.broken.iter())
            .map(String::as_str)
    }
}

/// A data file problem at a byte range, before it is attached to the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    code: &'static str,
    range: Range<usize>,
    message: String,
    help: String,
    related: Option<(Range<usize>, &'static str)>,
}

impl Problem {
    fn new(
        code: &'static str,
        range: Range<usize>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Self {
        Problem {
            code,
            range,
            message: message.into(),
            help: help.into(),
            related: None,
        }
    }

    fn also(mut self, range: Range<usize>, label: &'static str) -> Self {
        self.related = Some((range, label));
        self
    }

    fn into_diagnostic(self, file: FileId) -> Diagnostic {
        let mut diagnostic =
            Diagnostic::error(self.code, self.message).at(file, self.range, "here");
        if let Some((range, label)) = self.related {
            diagnostic = diagnostic.also(file, range, label);
        }
        diagnostic.help(self.help)
    }
}

/// Reads one data file's bytes: decoded as content files are (see [`crate::load::decode`]), then
/// parsed as CSV or YAML/JSON by its extension and checked. Returns its text (for the source
/// map), the set when it has no problem, and every problem found.
pub fn load(
    name: String,
    key: &str,
    bytes: Vec<u8>,
    file: FileId,
    limits: &Limits,
) -> (SourceFile, Option<DataSet>, Vec<Diagnostic>) {
    let text = match crate::load::decode(bytes) {
        Ok(text) => text,
        Err(failed) => {
            let (text, problem) = *failed;
            let diagnostic = problem.into_diagnostic(file);
            return (SourceFile::new(name, text), None, vec![diagnostic]);
        }
    };
    let source = SourceFile::new(name, text);
    let parsed = if key.ends_with(".csv") {
        csv::read(&source.text)
    } else {
        yaml_rows::read(&source, limits)
    };
    let parsed = parsed.and_then(|(columns, mut rows)| {
        conditions(&columns, &mut rows, limits)?;
        Ok((columns, rows))
    });
    match parsed {
        Ok((columns, rows)) => {
            let set = DataSet {
                key: key.to_string(),
                file,
                columns,
                rows,
            };
            (source, Some(set), Vec::new())
        }
        Err(problems) => {
            let diagnostics = problems
                .into_iter()
                .map(|p| p.into_diagnostic(file))
                .collect();
            (source, None, diagnostics)
        }
    }
}

/// Reads each row's [`WHEN_COLUMN`] cell as its condition, or returns a problem at each cell
/// that is not one. A cell is read as YAML, inside braces unless it has them (a YAML data file's
/// `when` may be a mapping; its cell holds it as written).
fn conditions(columns: &[Column], rows: &mut [Row], limits: &Limits) -> Result<(), Vec<Problem>> {
    let Some(at) = columns.iter().position(|c| c.name == WHEN_COLUMN) else {
        return Ok(());
    };
    let mut problems = Vec::new();
    for row in rows {
        let cell = &row.cells[at];
        let written = cell.text.trim();
        if written.is_empty() {
            continue;
        }
        let text = if written.starts_with('{') {
            written.to_string()
        } else {
            format!("{{{written}}}")
        };
        let source = SourceFile::new(WHEN_COLUMN.to_string(), text);
        let parsed = crate::load::parse(&source, Syntax::Yaml, limits)
            .ok()
            .and_then(|node| serde_json::from_value::<Condition>(node.to_json()).ok())
            .filter(|when| !when.all.is_empty() || when.not.is_some());
        match parsed {
            Some(when) => row.when = Some(when),
            None => problems.push(Problem::new(
                "data-when",
                cell.span.clone(),
                format!("`{}` is not a condition", cell.text),
                "write the row's condition as `when:` is written elsewhere: dimension: value, a list of values in brackets, and `not: {dimension: value}`, e.g. `edition: enterprise` or `{entities: [single, multi]}` (in CSV, in double quotes when it has a comma); leave it empty for every variant",
            )),
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// Checks the header and that every row has every column: the problems shared by both syntaxes.
/// `rows` holds each row's cells and the row's span.
fn check_shape(
    columns: &[Column],
    rows: &[(Vec<Cell>, Range<usize>)],
    problems: &mut Vec<Problem>,
) {
    let mut seen: BTreeMap<&str, &Range<usize>> = BTreeMap::new();
    for column in columns {
        if column.name.trim().is_empty() {
            problems.push(Problem::new(
                "data-header",
                column.span.clone(),
                "this column has no name",
                "name every column in the header: views choose and filter columns by name",
            ));
        } else if let Some(first) = seen.get(column.name.as_str()) {
            problems.push(
                Problem::new(
                    "data-header",
                    column.span.clone(),
                    format!("the column `{}` is named twice", column.name),
                    "give each column a name of its own",
                )
                .also((*first).clone(), "first named here"),
            );
        } else {
            seen.insert(&column.name, &column.span);
        }
    }
    let names = || {
        columns
            .iter()
            .map(|c| format!("`{}`", c.name))
            .collect::<Vec<_>>()
            .join(", ")
    };
    for (cells, span) in rows {
        if cells.len() != columns.len() {
            problems.push(Problem::new(
                "data-row",
                span.clone(),
                format!(
                    "this row has {}, but the header has {} ({})",
                    count(cells.len(), "cell"),
                    count(columns.len(), "column"),
                    names()
                ),
                "give every row one cell per column (an empty cell is written as nothing between two commas; a cell with a comma is written in double quotes)",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_files_under_data_are_data() {
        assert_eq!(
            data_key(Path::new("data/permissions.csv")).as_deref(),
            Some("data/permissions.csv")
        );
        assert_eq!(
            data_key(Path::new("./data/a/b.yaml")).as_deref(),
            Some("data/a/b.yaml")
        );
        assert_eq!(data_key(Path::new("topics/data/a.csv")), None);
        assert_eq!(data_key(Path::new("data/notes.txt")), None);
        assert_eq!(data_key(Path::new("data.csv")), None);
        assert_eq!(data_key(Path::new("../data/a.csv")), None);
    }
}
