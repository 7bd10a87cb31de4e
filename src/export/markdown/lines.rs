//! Line-level assembly: blocks are lists of lines that containers indent and join with blank lines.

/// Joins blocks with one blank line between them (empty blocks are skipped).
pub fn join(blocks: impl IntoIterator<Item = Vec<String>>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for block in blocks.into_iter().filter(|b| !b.is_empty()) {
        if !out.is_empty() {
            out.push(String::new());
        }
        out.extend(block);
    }
    out
}

/// A list item: `marker` before the first line, later lines indented to the item's content column
/// (blank lines stay empty).
pub fn list_item(marker: &str, content: Vec<String>) -> Vec<String> {
    let indent = " ".repeat(marker.chars().count());
    content
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            if i == 0 {
                format!("{marker}{line}").trim_end().to_string()
            } else if line.is_empty() {
                line
            } else {
                format!("{indent}{line}")
            }
        })
        .collect()
}

/// Splits rendered text into lines.
pub fn split(text: &str) -> Vec<String> {
    if text.is_empty() {
        return Vec::new();
    }
    text.split('\n').map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_items_indent_continuation_lines() {
        let item = list_item("10. ", vec!["a".into(), String::new(), ":::tip".into()]);
        assert_eq!(item, ["10. a", "", "    :::tip"]);
        assert_eq!(
            join([vec!["a".into()], vec![], vec!["b".into()]]),
            ["a", "", "b"]
        );
    }
}
