//! Reads CSV (RFC 4180: commas, double-quoted fields with `""` for a quote, quoted line breaks) into columns and rows that remember where each cell is written.
//!
//! Spaces around a field are not part of it (`Module, Permission` names `Permission`); lines
//! with nothing on them are skipped. Line ends are already `\n` (see [`crate::load::decode`]).

use std::ops::Range;

use super::{Cell, Column, Problem, Row, check_shape};

/// The columns (the first line) and rows of a CSV text, or every problem found.
pub(super) fn read(text: &str) -> Result<(Vec<Column>, Vec<Row>), Vec<Problem>> {
    let mut problems = Vec::new();
    let mut records = records(text, &mut problems).into_iter();
    let Some((header, _)) = records.next() else {
        return Err(vec![Problem::new(
            "empty-file",
            0..0,
            "the data file is empty",
            "write the column names on the first line, then one row per line",
        )]);
    };
    let columns: Vec<Column> = header
        .into_iter()
        .map(|cell| Column {
            name: cell.text,
            span: cell.span,
        })
        .collect();
    let rows: Vec<(Vec<Cell>, Range<usize>)> = records.collect();
    check_shape(&columns, &rows, &mut problems);
    if problems.is_empty() {
        let rows = rows
            .into_iter()
            .map(|(cells, _)| Row { cells, when: None })
            .collect();
        Ok((columns, rows))
    } else {
        Err(problems)
    }
}

/// Every record (line, or lines joined by a quoted line break) with its span; blank lines are
/// skipped. A quote that is never closed ends reading (the rest of the file is inside it).
fn records(text: &str, problems: &mut Vec<Problem>) -> Vec<(Vec<Cell>, Range<usize>)> {
    let bytes = text.as_bytes();
    let mut records = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] == b'\n' {
            at += 1;
            continue;
        }
        let start = at;
        let mut cells = Vec::new();
        loop {
            let (cell, next) = match field(text, at, problems) {
                Some(found) => found,
                None => return records,
            };
            cells.push(cell);
            at = next;
            match bytes.get(at) {
                Some(b',') => at += 1,
                Some(b'\n') | None => break,
                Some(_) => unreachable!("a field ends at a comma, a line end or the end"),
            }
        }
        let end = text[start..at].trim_end().len() + start;
        records.push((cells, start..end));
        at += 1;
    }
    records
}

/// The field starting at `at`, and where it ends (at a comma, a line end or the end of the
/// text). `None` when a quote is never closed (reported).
fn field(text: &str, at: usize, problems: &mut Vec<Problem>) -> Option<(Cell, usize)> {
    let bytes = text.as_bytes();
    let start = skip_spaces(bytes, at);
    if bytes.get(start) != Some(&b'"') {
        let end = text[at..]
            .find([',', '\n'])
            .map_or(text.len(), |offset| at + offset);
        let value = text[at..end].trim_matches([' ', '\t']);
        let value_start = start.min(end);
        let cell = Cell {
            text: value.to_string(),
            span: value_start..value_start + value.len(),
        };
        return Some((cell, end));
    }
    let mut value = String::new();
    let mut i = start + 1;
    loop {
        let Some(offset) = text[i..].find('"') else {
            problems.push(Problem::new(
                "data-syntax",
                start..start + 1,
                "this quoted cell is never closed",
                "end the cell with a double quote; write a double quote inside a quoted cell as two (`\"\"`)",
            ));
            return None;
        };
        value.push_str(&text[i..i + offset]);
        i += offset + 1;
        if bytes.get(i) == Some(&b'"') {
            value.push('"');
            i += 1;
        } else {
            break;
        }
    }
    let span = start..i;
    let after = skip_spaces(bytes, i);
    let end = match bytes.get(after) {
        Some(b',' | b'\n') | None => after,
        Some(_) => {
            let stray_end = text[after..]
                .find([',', '\n'])
                .map_or(text.len(), |offset| after + offset);
            problems.push(Problem::new(
                "data-syntax",
                after..stray_end,
                "text after the closing quote of a cell",
                "put the whole cell inside the quotes, and write a double quote inside it as two (`\"\"`)",
            ));
            stray_end
        }
    };
    Some((Cell { text: value, span }, end))
}

fn skip_spaces(bytes: &[u8], mut at: usize) -> usize {
    while matches!(bytes.get(at), Some(b' ' | b'\t')) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<Vec<String>> {
        let (columns, rows) = read(text).expect("valid");
        std::iter::once(columns.into_iter().map(|c| c.name).collect())
            .chain(
                rows.into_iter()
                    .map(|r| r.cells.into_iter().map(|c| c.text).collect()),
            )
            .collect()
    }

    #[test]
    fn reads_quotes_spaces_blank_lines_and_empty_cells() {
        let text = "Module, Permission\n\n\"Cash, Bank\",\"say \"\"hi\"\"\nthere\"\nGL,\n";
        assert_eq!(
            texts(text),
            [
                vec!["Module", "Permission"],
                vec!["Cash, Bank", "say \"hi\"\nthere"],
                vec!["GL", ""],
            ]
        );
        let (columns, rows) = read(text).unwrap();
        assert_eq!(&text[columns[1].span.clone()], "Permission");
        assert_eq!(&text[rows[0].cells[0].span.clone()], "\"Cash, Bank\"");
        assert_eq!(rows[1].cells[1].span, text.len() - 1..text.len() - 1);
    }

    #[test]
    fn every_problem_is_located() {
        let text = "A,B,A\n1,2\n\"x\"y,2,3\n\"open,4,5\n";
        let problems = read(text).unwrap_err();
        let found: Vec<(&str, &str)> = problems
            .iter()
            .map(|p| (p.code, &text[p.range.clone()]))
            .collect();
        assert_eq!(
            found,
            [
                ("data-syntax", "y"),
                ("data-syntax", "\""),
                ("data-header", "A"),
                ("data-row", "1,2"),
            ]
        );
        assert_eq!(problems[2].range, 4..5);
    }
}
