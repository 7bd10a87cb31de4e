//! Display list → printpdf operations: shaped glyph runs (with kerning offsets and the text
//! each glyph stands for), rectangles, dotted leaders, images with alt text, link annotations.
//! Content is marked (`BDC`/`EMC` with an MCID) for its structure element, the rest as artifacts.

use std::collections::{BTreeMap, VecDeque};

use printpdf::{
    Actions, BorderArray, Codepoint, Color, ColorArray, Destination, DictItem, FontId,
    HighlightingMode, Line as PdfLine, LineCapStyle, LineDashPattern, LinePoint, LinkAnnotation,
    Op, PaintMode, PdfFontHandle, Point, Pt, Rect, TextItem, TextMatrix, XObjectId,
    XObjectTransform,
};

use super::fonts::{Face, metrics};
use super::layout::{Item, Page};
use super::linebreak::Line;
use super::structure::{NodeId, Role, Tree};
use super::subset::Subsets;
use super::text::LinkTarget;
use super::theme::{Rgb, Theme};

/// Where each anchor landed: (1-based page, y from the top of the page).
pub type Anchors = BTreeMap<String, (usize, f32)>;

/// The resource name of image `index`.
pub fn image_resource(index: usize) -> String {
    format!("HDIMG{index}")
}

fn color(c: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb {
        r: c.0,
        g: c.1,
        b: c.2,
        icc_profile: None,
    })
}

/// Opens a marked-content sequence for element `node` (a new MCID), or an artifact.
fn begin_marked(ops: &mut Vec<Op>, tree: &mut Tree, node: Option<NodeId>) {
    match node {
        Some(node) => {
            let tag = tree.node(node).role.name().to_string();
            let mcid = tree.mark(node);
            let mut properties = BTreeMap::new();
            properties.insert("MCID".to_string(), DictItem::Int(i64::from(mcid)));
            ops.push(Op::BeginMarkedContentWithProperties {
                tag,
                properties: DictItem::Dict { map: properties },
            });
        }
        None => ops.push(Op::BeginMarkedContent {
            tag: "Artifact".to_string(),
        }),
    }
}

/// Where painting a page stands in the structure tree.
struct Marking<'t> {
    tree: &'t mut Tree,
    /// The element content belongs to now (`None`: artifact).
    node: Option<NodeId>,
    /// `Link` elements made for annotations, waiting for the linked text that follows them.
    links: VecDeque<NodeId>,
}

/// The operations that draw one page, recording its marked content in `tree`.
pub fn page_ops(
    page: &Page,
    theme: &Theme,
    anchors: &Anchors,
    fonts: &Subsets,
    tree: &mut Tree,
) -> Vec<Op> {
    let h = theme.page_height;
    let mut ops = Vec::new();
    tree.begin_page();
    let mut marking = Marking {
        tree,
        node: None,
        links: VecDeque::new(),
    };
    for item in &page.items {
        match item {
            Item::Tag(node) => {
                marking.node = *node;
                marking.links.clear();
            }
            Item::Text { x, baseline, line } => {
                text_ops(&mut ops, line, *x, h - baseline, fonts, &mut marking);
                marking.links.clear();
            }
            Item::Rect {
                x,
                y,
                w,
                h: rh,
                fill,
                stroke,
            } => {
                let mode = match (fill, stroke) {
                    (Some(_), Some(_)) => PaintMode::FillStroke,
                    (Some(_), None) => PaintMode::Fill,
                    (None, Some(_)) => PaintMode::Stroke,
                    (None, None) => continue,
                };
                if let Some(fill) = fill {
                    ops.push(Op::SetFillColor { col: color(*fill) });
                }
                if let Some((stroke, width)) = stroke {
                    ops.push(Op::SetOutlineColor {
                        col: color(*stroke),
                    });
                    ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                }
                let mut rect = Rect::from_xywh(Pt(*x), Pt(h - y - rh), Pt(*w), Pt(*rh));
                rect.mode = Some(mode);
                ops.push(Op::BeginMarkedContent {
                    tag: "Artifact".to_string(),
                });
                ops.push(Op::DrawRectangle { rectangle: rect });
                ops.push(Op::EndMarkedContent);
            }
            Item::Dots {
                x1,
                x2,
                y,
                color: c,
            } => {
                ops.push(Op::BeginMarkedContent {
                    tag: "Artifact".to_string(),
                });
                ops.push(Op::SaveGraphicsState);
                ops.push(Op::SetOutlineColor { col: color(*c) });
                ops.push(Op::SetOutlineThickness { pt: Pt(0.9) });
                ops.push(Op::SetLineCapStyle {
                    cap: LineCapStyle::Round,
                });
                ops.push(Op::SetLineDashPattern {
                    dash: LineDashPattern::new(0.0, &[0.0, 3.2]),
                });
                let point = |x: f32| LinePoint {
                    p: Point {
                        x: Pt(x),
                        y: Pt(h - y),
                    },
                    bezier: false,
                };
                ops.push(Op::DrawLine {
                    line: PdfLine {
                        points: vec![point(*x1), point(*x2)],
                        is_closed: false,
                    },
                });
                ops.push(Op::RestoreGraphicsState);
                ops.push(Op::EndMarkedContent);
            }
            Item::Image {
                x,
                y,
                w,
                h: ih,
                image,
                alt,
            } => {
                let placement = (*x, h - y - ih, *w, *ih);
                if let Some(node) = marking.node {
                    let (x, y, w, ih) = placement;
                    marking.tree.set_bbox(node, [x, y, x + w, y + ih]);
                }
                image_ops(&mut ops, *image, alt, placement, &mut marking);
            }
            Item::Link {
                x,
                y,
                w,
                h: lh,
                target,
            } => {
                let actions = match target {
                    LinkTarget::Uri(uri) => Actions::uri(uri.clone()),
                    LinkTarget::Anchor(id) => match anchors.get(id) {
                        Some(&(page, top)) => Actions::go_to(Destination::Xyz {
                            page,
                            left: Some(0.0),
                            top: Some(h - top + 6.0),
                            zoom: None,
                        }),
                        None => continue,
                    },
                };
                let rect = Rect::from_xywh(Pt(*x), Pt(h - y - lh), Pt(*w), Pt(*lh));
                marking.annotate();
                ops.push(Op::LinkAnnotation {
                    link: LinkAnnotation::new(
                        rect,
                        actions,
                        Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                        Some(ColorArray::Transparent),
                        Some(HighlightingMode::Invert),
                    ),
                });
            }
            Item::Anchor { .. } | Item::Outline { .. } => {}
        }
    }
    ops
}

impl Marking<'_> {
    /// Records the link annotation about to be written: it belongs to the `Link` element in
    /// force (a contents entry), or to a new `Link` element that takes the next linked text.
    fn annotate(&mut self) {
        let link = match self.node {
            Some(node) if self.tree.node(node).role == Role::Link => node,
            node => {
                let link = self.tree.add(node.unwrap_or(Tree::ROOT), Role::Link);
                self.links.push_back(link);
                link
            }
        };
        self.tree.annotate(link);
    }
}

fn image_ops(
    ops: &mut Vec<Op>,
    image: usize,
    alt: &str,
    placement: (f32, f32, f32, f32),
    marking: &mut Marking<'_>,
) {
    // The alternative text travels with the figure element (see `tags`) and with the image as
    // a marked-content property (ISO 32000-1, 14.9.3), which text extractors read.
    let mut properties = BTreeMap::new();
    properties.insert(
        "Alt".to_string(),
        DictItem::String {
            data: utf16_text(alt),
            literal: false,
        },
    );
    match marking.node {
        Some(node) => {
            let mcid = marking.tree.mark(node);
            properties.insert("MCID".to_string(), DictItem::Int(i64::from(mcid)));
            ops.push(Op::BeginMarkedContentWithProperties {
                tag: "Figure".to_string(),
                properties: DictItem::Dict { map: properties },
            });
        }
        None => ops.push(Op::BeginMarkedContent {
            tag: "Artifact".to_string(),
        }),
    }
    ops.push(Op::SaveGraphicsState);
    ops.push(Op::UseXobject {
        id: XObjectId(image_resource(image)),
        // The image is a unit square: scale it to its size, then move it into place.
        transform: XObjectTransform {
            translate_x: Some(Pt(placement.0)),
            translate_y: Some(Pt(placement.1)),
            scale_x: Some(placement.2),
            scale_y: Some(placement.3),
            no_auto_scale: true,
            ..XObjectTransform::default()
        },
    });
    ops.push(Op::RestoreGraphicsState);
    ops.push(Op::EndMarkedContent);
}

/// A PDF text string in UTF-16BE with a byte-order mark.
pub fn utf16_text(text: &str) -> Vec<u8> {
    let mut out = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        out.extend(unit.to_be_bytes());
    }
    out
}

/// One line of text. Each run of fragments with the same owner is one marked-content
/// sequence: the element in force, or for linked text the `Link` element of its annotation.
fn text_ops(
    ops: &mut Vec<Op>,
    line: &Line,
    x: f32,
    baseline: f32,
    fonts: &Subsets,
    marking: &mut Marking<'_>,
) {
    if line.fragments.is_empty() {
        return;
    }
    ops.push(Op::StartTextSection);
    let mut current: Option<(Face, u32, Rgb)> = None;
    let mut open: Option<Option<NodeId>> = None;
    // The `Span` element of the words in another language being drawn, with its tag.
    let mut span: Option<(&str, NodeId)> = None;
    for fragment in &line.fragments {
        let owner = match (&fragment.link, fragment.lang.as_deref(), marking.node) {
            (Some(_), _, Some(_)) => marking.links.pop_front().or(marking.node),
            (None, Some(lang), Some(node)) => Some(match span {
                Some((open_lang, id)) if open_lang == lang => id,
                _ => {
                    let id = marking.tree.add(node, Role::Span(lang.to_string()));
                    span = Some((lang, id));
                    id
                }
            }),
            _ => marking.node,
        };
        if fragment.lang.is_none() {
            span = None;
        }
        if open != Some(owner) {
            if open.is_some() {
                ops.push(Op::EndMarkedContent);
            }
            begin_marked(ops, marking.tree, owner);
            open = Some(owner);
        }
        if let Some(link) =
            owner.filter(|&o| Some(o) != marking.node && marking.tree.node(o).role == Role::Link)
        {
            for run in &fragment.runs {
                for g in &run.glyphs {
                    marking.tree.describe(link, g.text.as_deref().unwrap_or(""));
                }
            }
        }
        let style = fragment.style;
        let key = (style.face, style.size.to_bits(), style.color);
        if current.map(|c| (c.0, c.1)) != Some((key.0, key.1)) {
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(FontId(style.face.resource_name().to_string())),
                size: Pt(style.size),
            });
        }
        if current.map(|c| c.2) != Some(key.2) {
            ops.push(Op::SetFillColor {
                col: color(style.color),
            });
        }
        current = Some(key);
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Raw([1.0, 0.0, 0.0, 1.0, x + fragment.x, baseline]),
        });
        let upem = metrics(style.face).units_per_em;
        let mut glyphs = Vec::new();
        for run in &fragment.runs {
            for g in &run.glyphs {
                let offset = (g.nominal - g.advance) as f32 * 1000.0 / upem;
                glyphs.push(Codepoint {
                    gid: fonts.gid(style.face, g.gid),
                    offset,
                    cid: g.text.as_deref().map(str::to_string),
                });
            }
        }
        ops.push(Op::ShowText {
            items: vec![TextItem::GlyphIds(glyphs)],
        });
    }
    ops.push(Op::EndMarkedContent);
    ops.push(Op::EndTextSection);
}
