//! Source files and byte-offset → line:column conversion for diagnostics.

/// Index of a file in a [`SourceMap`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub usize);

/// A 1-based line and column (columns count characters, as editors do).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// One loaded source file.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as shown to the user (relative to where helpdoc was run, `/`-separated).
    pub name: String,
    /// The text (after BOM removal). Empty when the file could not be decoded.
    pub text: String,
    line_starts: Vec<usize>,
    /// Whether the text is all ASCII, where a character column is a byte column.
    ascii: bool,
}

impl SourceFile {
    /// Wraps a file's text and indexes its lines.
    pub fn new(name: impl Into<String>, text: String) -> Self {
        let line_starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        SourceFile {
            name: name.into(),
            ascii: text.is_ascii(),
            text,
            line_starts,
        }
    }

    /// The line and column of a byte offset (clamped to the text).
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = self.clamp(offset);
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let column = self.text[self.line_starts[line]..offset].chars().count() + 1;
        LineCol {
            line: line + 1,
            column,
        }
    }

    /// The byte offset of a 1-based line and 0-based character column (clamped to the line).
    pub fn offset_of(&self, line: usize, char_col: usize) -> usize {
        let index = line.saturating_sub(1);
        let Some(&start) = self.line_starts.get(index) else {
            return self.text.len();
        };
        // The line ends before the next line's `\n` (or at the end of the text).
        let end = self
            .line_starts
            .get(index + 1)
            .map_or(self.text.len(), |next| next - 1);
        if self.ascii {
            return (start + char_col).min(end);
        }
        let line_text = &self.text[start..end];
        start
            + line_text
                .char_indices()
                .nth(char_col)
                .map_or(line_text.len(), |(i, _)| i)
    }

    /// Clamps an offset into the text and back onto a character boundary.
    pub fn clamp(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}

/// Every file a run has read, addressed by [`FileId`].
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    /// An empty map.
    pub fn new() -> Self {
        SourceMap::default()
    }

    /// Adds a file and returns its id.
    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        FileId(self.files.len() - 1)
    }

    /// A map of these files, the first with id 0.
    pub fn from_files(files: Vec<SourceFile>) -> Self {
        SourceMap { files }
    }

    /// The files, in id order.
    pub fn into_files(self) -> Vec<SourceFile> {
        self.files
    }

    /// Puts `file` in the place of the file with this id (a file read again).
    pub fn replace(&mut self, id: FileId, file: SourceFile) {
        self.files[id.0] = file;
    }

    /// The file with this id.
    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id.0]
    }

    /// How many files were read.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether no file was read.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let file = SourceFile::new("a.yaml", "ab\néé: x\n".to_string());
        assert_eq!(file.line_col(0), LineCol { line: 1, column: 1 });
        let x = file.text.find('x').unwrap();
        assert_eq!(file.line_col(x), LineCol { line: 2, column: 5 });
        assert_eq!(file.offset_of(2, 4), x);
    }

    #[test]
    fn offsets_are_clamped_to_their_line_in_ascii_and_unicode_text() {
        for text in ["ab\ncd: x\n", "ab\nçd: x\n"] {
            let file = SourceFile::new("a.yaml", text.to_string());
            let x = file.text.find('x').unwrap();
            assert_eq!(file.offset_of(2, 4), x, "{text}");
            assert_eq!(file.offset_of(1, 99), 2, "{text}");
            assert_eq!(file.offset_of(2, 99), file.text.len() - 1, "{text}");
            assert_eq!(file.offset_of(3, 0), file.text.len(), "{text}");
            assert_eq!(file.offset_of(9, 0), file.text.len(), "{text}");
        }
    }
}
