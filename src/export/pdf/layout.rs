//! The vertical list and page breaking: unbreakable units with keep rules flow into pages,
//! boxes that span a break are drawn on each page, and table headers repeat.

use super::linebreak::Line;
use super::structure::NodeId;
use super::text::LinkTarget;
use super::theme::{Rgb, Theme};

/// Something drawn on a page. `y` values are from the top of the unit (in a [`Unit`]) or of
/// the page (in a [`Page`]), growing downwards.
#[derive(Debug, Clone)]
pub enum Item {
    /// A line of text.
    Text {
        /// Left edge of the line.
        x: f32,
        /// The baseline.
        baseline: f32,
        /// The line.
        line: Line,
    },
    /// A rectangle.
    Rect {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Fill colour.
        fill: Option<Rgb>,
        /// Stroke colour and width.
        stroke: Option<(Rgb, f32)>,
    },
    /// A raster image (index into the document's images).
    Image {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Which image.
        image: usize,
        /// Alternative text.
        alt: String,
    },
    /// A dotted leader line (table of contents).
    Dots {
        /// Start.
        x1: f32,
        /// End.
        x2: f32,
        /// Vertical position.
        y: f32,
        /// Colour.
        color: Rgb,
    },
    /// A clickable area.
    Link {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Where it goes.
        target: LinkTarget,
    },
    /// A link destination (a heading, step or cause id).
    Anchor {
        /// The anchor id.
        id: String,
        /// Its top.
        y: f32,
    },
    /// The structure element the content after it belongs to, up to the next `Tag`; `None`
    /// makes it an artifact (running headers, repeated table headers).
    Tag(Option<NodeId>),
    /// A bookmark in the PDF outline, pointing at `anchor`.
    Outline {
        /// Nesting level, 0 for chapters.
        level: usize,
        /// The bookmark text.
        title: String,
        /// The anchor it jumps to.
        anchor: String,
    },
}

impl Item {
    /// The same item moved down by `dy`.
    pub fn shifted(&self, dy: f32) -> Item {
        let mut item = self.clone();
        match &mut item {
            Item::Text { baseline, .. } => *baseline += dy,
            Item::Rect { y, .. }
            | Item::Image { y, .. }
            | Item::Link { y, .. }
            | Item::Anchor { y, .. }
            | Item::Dots { y, .. } => *y += dy,
            Item::Outline { .. } | Item::Tag(_) => {}
        }
        item
    }
}

/// A box drawn behind units (admonitions, code): on each page it spans the units it holds.
#[derive(Debug, Clone)]
pub struct Frame {
    /// Left.
    pub x: f32,
    /// Width.
    pub w: f32,
    /// Background.
    pub fill: Option<Rgb>,
    /// Thin border.
    pub border: Option<Rgb>,
    /// A thick bar on the left edge.
    pub bar: Option<Rgb>,
}

/// Which table a unit belongs to, for repeating the header row after a page break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableRow {
    /// The table's number in the document.
    pub table: usize,
    /// Whether this unit is the header row.
    pub header: bool,
}

/// An unbreakable piece of the vertical list: a line, a table row, an image.
#[derive(Debug, Clone, Default)]
pub struct Unit {
    /// Space above, dropped at the top of a page.
    pub space_before: f32,
    /// Height.
    pub height: f32,
    /// What it draws, relative to its top.
    pub items: Vec<Item>,
    /// No page break between this unit and the next.
    pub keep_with_next: bool,
    /// The frames around it, outermost first.
    pub frames: Vec<usize>,
    /// The table row it is.
    pub table: Option<TableRow>,
    /// Starts a new page (chapters).
    pub new_page: bool,
    /// Sets the running header's chapter title from this page on.
    pub chapter: Option<String>,
}

/// One laid-out page.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// What it draws, in page coordinates (top-down).
    pub items: Vec<Item>,
    /// The chapter in force at the top of the page, for the running header.
    pub chapter: Option<String>,
}

/// Builds units: a text line, with the links of its fragments.
pub fn line_unit(line: Line, x: f32, height: f32, size: f32) -> Unit {
    let baseline = height / 2.0 + size * 0.35;
    let mut items = Vec::new();
    for fragment in &line.fragments {
        if let Some(target) = &fragment.link {
            items.push(Item::Link {
                x: x + fragment.x,
                y: baseline - fragment.style.size * 0.95,
                w: fragment.width,
                h: fragment.style.size * 1.25,
                target: target.clone(),
            });
        }
    }
    items.push(Item::Text { x, baseline, line });
    Unit {
        height,
        items,
        ..Unit::default()
    }
}

/// Whether piece `i` of `n` (lines of a paragraph, items of a list, rows of a table) keeps with
/// the next: the first and the second-to-last do, so no single piece is left alone at the foot
/// (orphan) or the head (widow) of a page. The one definition of the widow and orphan rule.
pub fn keeps_with_next(i: usize, n: usize) -> bool {
    n > 1 && (i == 0 || i + 2 == n)
}

/// Where a placed unit comes from.
#[derive(Clone, Copy, PartialEq)]
enum Source {
    /// A unit of the vertical list.
    Unit(usize),
    /// A unit repeated at the top of a page where a table continues: (table, index).
    Repeat(usize, usize),
}

struct Placed {
    source: Source,
    top: f32,
}

impl Placed {
    fn unit<'a>(&self, units: &'a [Unit], continued: &'a [Vec<Unit>]) -> &'a Unit {
        match self.source {
            Source::Unit(i) => &units[i],
            Source::Repeat(t, k) => &continued[t][k],
        }
    }

    fn index(&self) -> Option<usize> {
        match self.source {
            Source::Unit(i) => Some(i),
            Source::Repeat(..) => None,
        }
    }
}

/// Breaks units into pages, honouring keep rules, and draws frames; a page where a table
/// continues starts with that table's `continued` units (its caption marked "(continued)" and
/// its header row), drawn as artifacts.
pub fn paginate(
    units: &[Unit],
    frames: &[Frame],
    continued: &[Vec<Unit>],
    theme: &Theme,
) -> Vec<Page> {
    let top = theme.body_top();
    let bottom = theme.body_bottom();
    let mut pages: Vec<Vec<Placed>> = Vec::new();
    let mut page: Vec<Placed> = Vec::new();
    // The first unit of the page (after the repeated table parts).
    let mut page_start = 0;
    let mut y = top;
    let mut i = 0;
    while i < units.len() {
        let unit = &units[i];
        if unit.new_page && !page.is_empty() {
            pages.push(std::mem::take(&mut page));
        }
        if page.is_empty() {
            y = top;
            page_start = i;
            // A table continued from the previous page starts with its caption and header again.
            if let Some(row) = unit.table
                && !row.header
                && let Some(repeat) = continued.get(row.table)
            {
                for (k, part) in repeat.iter().enumerate() {
                    page.push(Placed {
                        source: Source::Repeat(row.table, k),
                        top: y,
                    });
                    y += part.height;
                }
            }
        }
        let has_content = page.iter().any(|p| p.index().is_some());
        let space = if has_content { unit.space_before } else { 0.0 };
        if y + space + unit.height <= bottom + 0.01 || !has_content {
            page.push(Placed {
                source: Source::Unit(i),
                top: y + space,
            });
            y += space + unit.height;
            i += 1;
            continue;
        }
        // It does not fit: break before the start of the keep chain that ends here, unless
        // the chain fills the whole page (then keeping it together is impossible).
        let mut j = i;
        while j > page_start && units[j - 1].keep_with_next {
            j -= 1;
        }
        if j == page_start {
            j = i;
        }
        page.retain(|p| p.index().is_none_or(|u| u < j));
        pages.push(std::mem::take(&mut page));
        i = j;
    }
    if !page.is_empty() {
        pages.push(page);
    }
    let mut chapter: Option<String> = None;
    pages
        .into_iter()
        .map(|placed| {
            let mut out = Page {
                items: frame_items(&placed, units, continued, frames),
                chapter: None,
            };
            let mut page_chapter = chapter.clone();
            for (n, p) in placed.iter().enumerate() {
                let unit = p.unit(units, continued);
                if let Some(title) = &unit.chapter {
                    if n == 0 || page_chapter.is_none() {
                        page_chapter = Some(title.clone());
                    }
                    chapter = Some(title.clone());
                }
                if p.index().is_none() {
                    // Repeated, so not content again: an artifact without links.
                    out.items.push(Item::Tag(None));
                    out.items.extend(
                        unit.items
                            .iter()
                            .filter(|item| !matches!(item, Item::Tag(_) | Item::Link { .. }))
                            .map(|item| item.shifted(p.top)),
                    );
                    continue;
                }
                out.items
                    .extend(unit.items.iter().map(|item| item.shifted(p.top)));
            }
            out.chapter = page_chapter;
            out
        })
        .collect()
}

/// The frame backgrounds of one page, outermost first.
fn frame_items(
    placed: &[Placed],
    units: &[Unit],
    continued: &[Vec<Unit>],
    frames: &[Frame],
) -> Vec<Item> {
    let mut extents: Vec<(usize, f32, f32)> = Vec::new();
    for p in placed {
        let unit = p.unit(units, continued);
        for &f in &unit.frames {
            match extents.iter_mut().find(|(id, _, _)| *id == f) {
                Some(extent) => extent.2 = p.top + unit.height,
                None => extents.push((f, p.top, p.top + unit.height)),
            }
        }
    }
    let mut items = Vec::new();
    for (id, top, bottom) in extents {
        let Some(frame) = frames.get(id) else {
            continue;
        };
        if frame.fill.is_some() || frame.border.is_some() {
            items.push(Item::Rect {
                x: frame.x,
                y: top,
                w: frame.w,
                h: bottom - top,
                fill: frame.fill,
                stroke: frame.border.map(|c| (c, 0.6)),
            });
        }
        if let Some(bar) = frame.bar {
            items.push(Item::Rect {
                x: frame.x,
                y: top,
                w: 3.0,
                h: bottom - top,
                fill: Some(bar),
                stroke: None,
            });
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PdfOptions;

    fn marked(id: &str, height: f32) -> Unit {
        Unit {
            height,
            items: vec![Item::Anchor {
                id: id.to_string(),
                y: 0.0,
            }],
            ..Unit::default()
        }
    }

    fn ids(page: &Page) -> Vec<String> {
        page.items
            .iter()
            .filter_map(|i| match i {
                Item::Anchor { id, .. } => Some(id.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn continued_tables_repeat_caption_and_header_and_rows_stay_whole() {
        let theme = Theme::from_options(&PdfOptions::default());
        let row = |header| Some(TableRow { table: 0, header });
        let mut units = vec![Unit {
            table: row(true),
            keep_with_next: true,
            ..marked("header", 20.0)
        }];
        for i in 0..80 {
            units.push(Unit {
                table: row(false),
                ..marked(&format!("row{i}"), 30.0)
            });
        }
        let continued = vec![vec![
            marked("caption (continued)", 15.0),
            marked("header", 20.0),
        ]];
        let pages = paginate(&units, &[], &continued, &theme);
        assert!(pages.len() >= 3);
        for (n, page) in pages.iter().enumerate() {
            let on_page = ids(page);
            if n == 0 {
                assert_eq!(on_page[0], "header");
            } else {
                assert_eq!(
                    on_page[..2],
                    ["caption (continued)", "header"],
                    "a continued page starts with the caption and the header row"
                );
                assert!(
                    matches!(page.items[0], Item::Tag(None)),
                    "drawn as an artifact"
                );
            }
            let rows = page.items.iter().filter_map(|i| match i {
                Item::Anchor { y, .. } => Some(*y),
                _ => None,
            });
            assert!(rows.clone().all(|y| y + 30.0 <= theme.body_bottom() + 0.01));
        }
        let all: usize = pages
            .iter()
            .map(|p| ids(p).iter().filter(|id| id.starts_with("row")).count())
            .sum();
        assert_eq!(all, 80, "each row exactly once");
    }

    #[test]
    fn a_heading_moves_to_the_next_page_with_its_text() {
        let theme = Theme::from_options(&PdfOptions::default());
        let body = theme.body_bottom() - theme.body_top();
        let filler = marked("filler", body - 30.0);
        let heading = Unit {
            keep_with_next: true,
            ..marked("heading", 20.0)
        };
        let first_line = Unit {
            keep_with_next: true,
            ..marked("line1", 14.0)
        };
        let units = vec![filler, heading, first_line, marked("line2", 14.0)];
        let pages = paginate(&units, &[], &[], &theme);
        assert_eq!(ids(&pages[0]), ["filler"]);
        assert_eq!(ids(&pages[1]), ["heading", "line1", "line2"]);
    }
}
