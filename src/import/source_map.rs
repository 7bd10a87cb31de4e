//! Maps byte ranges in an imported YAML file back to the draft page its text came from, so
//! findings can be reported where the writer edits.

use std::ops::Range;

/// A run of written YAML and the draft bytes it was written from. When both have the same length
/// the mapping is byte for byte; otherwise (an escape such as `\"`) the whole run maps to the draft
/// range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Bytes in the YAML file.
    pub yaml: Range<usize>,
    /// Bytes in the draft.
    pub draft: Range<usize>,
}

/// The map of one written file.
#[derive(Debug, Clone, Default)]
pub struct DraftMap {
    /// Segments, sorted by YAML offset.
    segments: Vec<Segment>,
    /// Each written text scalar (including quotes and block indicators) and its draft anchor.
    scalars: Vec<(Range<usize>, usize)>,
    /// Where to point for anything else (the heading of the topic, the page's frontmatter).
    fallback: Range<usize>,
}

impl DraftMap {
    /// Builds a map; `segments` may be in any order.
    pub fn new(
        mut segments: Vec<Segment>,
        scalars: Vec<(Range<usize>, usize)>,
        fallback: Range<usize>,
    ) -> Self {
        segments.sort_by_key(|s| s.yaml.start);
        DraftMap {
            segments,
            scalars,
            fallback,
        }
    }

    fn draft_at(segment: &Segment, yaml: usize) -> usize {
        if segment.yaml.len() == segment.draft.len() {
            segment.draft.start + (yaml - segment.yaml.start)
        } else if yaml >= segment.yaml.end {
            segment.draft.end
        } else {
            segment.draft.start
        }
    }

    /// The draft range for a YAML range: the draft bytes of the written text it covers; for a
    /// point or a range over quotes and indentation only, the nearest text of the same scalar;
    /// otherwise the fallback.
    pub fn map_range(&self, range: Range<usize>) -> Range<usize> {
        let covered: Vec<&Segment> = self
            .segments
            .iter()
            .filter(|s| s.yaml.start < range.end && range.start < s.yaml.end)
            .collect();
        if let (Some(first), Some(last)) = (covered.first(), covered.last()) {
            let start = Self::draft_at(first, range.start.max(first.yaml.start));
            let end = Self::draft_at(last, range.end.min(last.yaml.end));
            return start..end.max(start);
        }
        if let Some(segment) = self.segments.iter().find(|s| s.yaml.contains(&range.start)) {
            let at = Self::draft_at(segment, range.start);
            return at..at;
        }
        let touches = |s: &Range<usize>| {
            s.contains(&range.start) || (s.start < range.end && range.start < s.end)
        };
        if let Some((scalar, anchor)) = self.scalars.iter().find(|(s, _)| touches(s)) {
            let first = self
                .segments
                .iter()
                .find(|s| s.yaml.start >= range.start && s.yaml.end <= scalar.end);
            return match first {
                Some(s) => s.draft.start..s.draft.start,
                None => *anchor..*anchor,
            };
        }
        self.fallback.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_text_points_and_fallbacks() {
        let map = DraftMap::new(
            vec![
                Segment {
                    yaml: 10..20,
                    draft: 100..110,
                },
                Segment {
                    yaml: 20..22,
                    draft: 110..111,
                },
            ],
            vec![(9..23, 100)],
            5..8,
        );
        assert_eq!(map.map_range(12..15), 102..105);
        assert_eq!(map.map_range(12..22), 102..111);
        assert_eq!(map.map_range(9..9), 100..100);
        // A mapping around a scalar with no text of the draft points at the scalar's anchor.
        let synthetic = DraftMap::new(Vec::new(), vec![(30..40, 77)], 5..8);
        assert_eq!(synthetic.map_range(25..45), 77..77);
        assert_eq!(map.map_range(0..3), 5..8);
    }
}
