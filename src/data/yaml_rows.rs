//! Reads a YAML or JSON data file: a list of rows, each a mapping of column name to a plain value; the first row's keys name the columns.

use super::{Cell, Column, Problem, Row, check_shape};
use crate::diag::SourceFile;
use crate::diag::suggest::did_you_mean;
use crate::load::{Limits, Node, NodeValue, Syntax};

const SHAPE_HELP: &str = "write a list of rows, each a mapping of column name to value, e.g. `- {Module: Cash Management, Permission: Deposits}`";

/// The columns and rows of a YAML or JSON data file, or every problem found.
pub(super) fn read(
    source: &SourceFile,
    limits: &Limits,
) -> Result<(Vec<Column>, Vec<Row>), Vec<Problem>> {
    let node = crate::load::parse(source, Syntax::Yaml, limits).map_err(|problems| {
        problems
            .into_iter()
            .map(|p| Problem {
                code: p.code,
                range: p.range,
                message: p.message,
                help: p.help.unwrap_or_else(|| SHAPE_HELP.to_string()),
                related: None,
            })
            .collect::<Vec<_>>()
    })?;
    let NodeValue::Seq(items) = &node.value else {
        return Err(vec![Problem::new(
            "data-shape",
            node.span.clone(),
            format!("a data file holds a list of rows, not {}", node.type_name()),
            SHAPE_HELP,
        )]);
    };
    let mut problems = Vec::new();
    let mut columns: Option<Vec<Column>> = None;
    let mut rows: Vec<Vec<Cell>> = Vec::with_capacity(items.len());
    for item in items {
        let NodeValue::Map(entries) = &item.value else {
            problems.push(Problem::new(
                "data-shape",
                item.span.clone(),
                format!(
                    "a row is a mapping of column name to value, not {}",
                    item.type_name()
                ),
                SHAPE_HELP,
            ));
            continue;
        };
        let columns = columns.get_or_insert_with(|| {
            entries
                .iter()
                .map(|e| Column {
                    name: e.key.clone(),
                    span: e.key_span.clone(),
                })
                .collect()
        });
        let mut cells: Vec<Option<Cell>> = vec![None; columns.len()];
        // Columns whose value is reported as not plain: not reported again as missing.
        let mut reported = vec![false; columns.len()];
        // A row with a misspelt column lacks the column it meant: one mistake, reported once.
        let mut unknown = false;
        for entry in entries {
            let Some(index) = columns.iter().position(|c| c.name == entry.key) else {
                let names = columns.iter().map(|c| c.name.as_str());
                problems.push(Problem::new(
                    "data-row",
                    entry.key_span.clone(),
                    format!("`{}` is not a column of this file (the first row names them)", entry.key),
                    did_you_mean(&entry.key, names).unwrap_or_else(|| {
                        "give every row the first row's columns, or add this column to the first row".to_string()
                    }),
                ));
                unknown = true;
                continue;
            };
            let cell = match &entry.value.value {
                // A row's condition may be a mapping: its cell holds it as JSON (a YAML flow
                // mapping), read as a condition with the CSV cells' (see `super::conditions`).
                NodeValue::Map(_) if entry.key == super::WHEN_COLUMN => Some(Cell {
                    text: entry.value.to_json().to_string(),
                    span: entry.value.span.clone(),
                }),
                _ => cell(&entry.value),
            };
            match cell {
                Some(cell) => cells[index] = Some(cell),
                None => {
                    reported[index] = true;
                    problems.push(Problem::new(
                        "data-shape",
                        entry.value.span.clone(),
                        format!(
                            "a cell holds one plain value, not {}",
                            entry.value.type_name()
                        ),
                        "write the value as text, a number or true/false",
                    ));
                }
            }
        }
        let missing: Vec<String> = (columns.iter().zip(&cells).zip(&reported))
            .filter(|((_, cell), reported)| cell.is_none() && !**reported)
            .map(|((column, _), _)| format!("`{}`", column.name))
            .collect();
        if !missing.is_empty() && !unknown {
            problems.push(Problem::new(
                "data-row",
                item.span.clone(),
                format!("this row has no {}", missing.join(", ")),
                "give every row every column (write an empty value as `\"\"`)",
            ));
        }
        rows.push(cells.into_iter().flatten().collect());
    }
    let columns = columns.unwrap_or_default();
    // Every row has every column, or was reported above: only the names are left to check.
    check_shape(&columns, &[], &mut problems);
    if problems.is_empty() {
        let rows = rows
            .into_iter()
            .map(|cells| Row { cells, when: None })
            .collect();
        Ok((columns, rows))
    } else {
        Err(problems)
    }
}

/// A plain value as a cell (`None` for a list or mapping).
fn cell(node: &Node) -> Option<Cell> {
    let text = match &node.value {
        NodeValue::Null => String::new(),
        NodeValue::Bool(b) => b.to_string(),
        NodeValue::Number(n) => n.to_string(),
        NodeValue::String(s) => s.clone(),
        NodeValue::Seq(_) | NodeValue::Map(_) => return None,
    };
    Some(Cell {
        text,
        span: node.span.clone(),
    })
}
