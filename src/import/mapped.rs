//! Text taken from a draft page that remembers, for each of its bytes, the draft byte it came from.

use std::ops::Range;

/// A run of text copied verbatim: `text[at..at + len] == draft[from..from + len]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    /// Offset in the mapped text.
    pub at: usize,
    /// Offset in the draft.
    pub from: usize,
    /// Length in bytes.
    pub len: usize,
}

/// Text built from pieces of a draft (and, rarely, text helpdoc adds), with its origin.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mapped {
    /// The text.
    pub text: String,
    /// Where its copied runs came from, in order.
    pub pieces: Vec<Piece>,
    /// The draft offset to point at when a byte has no piece (the start of the construct).
    pub anchor: usize,
}

impl Mapped {
    /// Empty text anchored at a draft offset.
    pub fn new(anchor: usize) -> Self {
        Mapped {
            anchor,
            ..Mapped::default()
        }
    }

    /// A copy of `draft[range]`.
    pub fn from_source(draft: &str, range: Range<usize>) -> Self {
        let mut mapped = Mapped::new(range.start);
        mapped.push_source(draft, range);
        mapped
    }

    /// Text that is not in the draft (kept with the anchor only).
    pub fn synthetic(text: &str, anchor: usize) -> Self {
        let mut mapped = Mapped::new(anchor);
        mapped.push_str(text);
        mapped
    }

    /// Appends `draft[range]`.
    pub fn push_source(&mut self, draft: &str, range: Range<usize>) {
        let Some(part) = draft.get(range.clone()) else {
            return;
        };
        if part.is_empty() {
            return;
        }
        match self.pieces.last_mut() {
            Some(last)
                if last.at + last.len == self.text.len() && last.from + last.len == range.start =>
            {
                last.len += part.len();
            }
            _ => self.pieces.push(Piece {
                at: self.text.len(),
                from: range.start,
                len: part.len(),
            }),
        }
        self.text.push_str(part);
    }

    /// The same text with its draft offsets moved by `base` (a page's place in a file written
    /// from several pages, see `super::folder`).
    pub fn shift(&mut self, base: usize) {
        self.anchor += base;
        for piece in &mut self.pieces {
            piece.from += base;
        }
    }

    /// Appends text that is not in the draft.
    pub fn push_str(&mut self, text: &str) {
        self.text.push_str(text);
    }

    /// Appends another mapped text.
    pub fn push_mapped(&mut self, other: &Mapped) {
        let base = self.text.len();
        self.text.push_str(&other.text);
        self.pieces.extend(other.pieces.iter().map(|p| Piece {
            at: base + p.at,
            ..*p
        }));
    }

    /// The draft offset of byte `at` of the text, if that byte was copied.
    pub fn draft_offset(&self, at: usize) -> Option<usize> {
        self.pieces
            .iter()
            .find(|p| p.at <= at && at < p.at + p.len)
            .map(|p| p.from + (at - p.at))
    }

    /// The part of the text in `range`, with its origin.
    pub fn slice(&self, range: Range<usize>) -> Mapped {
        let mut out = Mapped::new(self.draft_offset(range.start).unwrap_or(self.anchor));
        let Some(text) = self.text.get(range.clone()) else {
            return out;
        };
        out.text = text.to_string();
        for p in &self.pieces {
            let start = p.at.max(range.start);
            let end = (p.at + p.len).min(range.end);
            if start < end {
                out.pieces.push(Piece {
                    at: start - range.start,
                    from: p.from + (start - p.at),
                    len: end - start,
                });
            }
        }
        out
    }

    /// The text without white space at either end.
    pub fn trimmed(&self) -> Mapped {
        let start = self.text.len() - self.text.trim_start().len();
        let end = self.text.trim_end().len().max(start);
        self.slice(start..end)
    }

    /// Whether the text is empty or white space.
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// Builds a paragraph's text from the draft lines in `range`: each line without its
    /// indentation (and block-quote markers when `quoted`) and trailing white space, skipping the
    /// byte ranges in `skip`, lines joined with `\n`.
    pub fn from_lines(
        draft: &str,
        range: Range<usize>,
        quoted: bool,
        skip: &[Range<usize>],
    ) -> Mapped {
        let mut out = Mapped::new(range.start);
        let Some(block) = draft.get(range.clone()) else {
            return out;
        };
        let mut offset = range.start;
        for line in block.split('\n') {
            let line_start = offset;
            offset += line.len() + 1;
            let mut lead = 0;
            for (i, c) in line.char_indices() {
                if c.is_whitespace() || (quoted && c == '>') {
                    lead = i + c.len_utf8();
                } else {
                    break;
                }
            }
            let body = line[lead..].trim_end();
            let start = line_start + lead;
            let end = start + body.len();
            let mut pieces: Vec<Range<usize>> = std::iter::once(start..end).collect();
            for s in skip {
                pieces = pieces
                    .into_iter()
                    .flat_map(|p| {
                        if s.end <= p.start || p.end <= s.start {
                            vec![p]
                        } else {
                            vec![p.start..s.start.max(p.start), s.end.min(p.end)..p.end]
                        }
                    })
                    .filter(|p| p.start < p.end)
                    .collect();
            }
            let mut line_text = Mapped::new(start);
            for p in pieces {
                line_text.push_source(draft, p);
            }
            let line_text = line_text.trimmed();
            if line_text.is_blank() {
                continue;
            }
            if !out.text.is_empty() {
                out.push_str("\n");
            }
            match block_start_escape(&line_text.text) {
                Some(at) => {
                    out.push_mapped(&line_text.slice(0..at));
                    out.push_str("\\");
                    out.push_mapped(&line_text.slice(at..line_text.text.len()));
                }
                None => out.push_mapped(&line_text),
            }
        }
        out
    }
}

/// Where a backslash keeps a paragraph line from starting a block when the line is read on its
/// own (a lazy continuation line such as `2) done` or `- note` is text in the draft, but would be a
/// list in rich text): before a list marker's punctuation, or before `#`, `>`, a fence or a rule.
fn block_start_escape(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let first = *bytes.first()?;
    let followed_by_space = |i: usize| bytes.get(i).is_none_or(|b| *b == b' ' || *b == b'\t');
    match first {
        b'-' | b'+' | b'*' if followed_by_space(1) => Some(0),
        b'#' if bytes.iter().take_while(|b| **b == b'#').count() <= 6
            && followed_by_space(bytes.iter().take_while(|b| **b == b'#').count()) =>
        {
            Some(0)
        }
        b'>' => Some(0),
        b'-' | b'*' | b'_' | b'=' if line.chars().all(|c| c == first as char || c == ' ') => {
            Some(0)
        }
        b'`' | b'~' if line.starts_with("```") || line.starts_with("~~~") => Some(0),
        b'0'..=b'9' => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            let marker = bytes.get(digits).is_some_and(|b| *b == b'.' || *b == b')');
            (digits <= 9 && marker && followed_by_space(digits + 1)).then_some(digits)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_keep_their_origin() {
        let draft = "- item\n  one  \n    two\n";
        let mapped = Mapped::from_lines(draft, 2..draft.len(), false, &[]);
        assert_eq!(mapped.text, "item\none\ntwo");
        let two = mapped.text.find("two").unwrap_or_default();
        assert_eq!(mapped.draft_offset(two), draft.find("two"));
        let slice = mapped.slice(5..8);
        assert_eq!(slice.text, "one");
        assert_eq!(slice.draft_offset(0), draft.find("one"));
    }

    #[test]
    fn lines_that_would_start_blocks_are_escaped() {
        let draft = "Done:\n2) next\n- note\nplain";
        let mapped = Mapped::from_lines(draft, 0..draft.len(), false, &[]);
        assert_eq!(mapped.text, "Done:\n2\\) next\n\\- note\nplain");
        let plain = mapped.text.find("plain").unwrap_or_default();
        assert_eq!(mapped.draft_offset(plain), draft.find("plain"));
    }

    #[test]
    fn skipped_ranges_are_left_out() {
        let draft = "See ![a](b.png) here";
        let image = draft.find('!').unwrap_or_default()..draft.find(" here").unwrap_or_default();
        assert_eq!(
            Mapped::from_lines(draft, 0..draft.len(), false, &[image]).text,
            "See  here"
        );
    }
}
