//! Display list → a page's content stream (shaped glyph runs with kerning offsets, rectangles,
//! dotted leaders, images with alt text) and its link annotations (printpdf operations).
//! Content is marked (`BDC`/`EMC` with an MCID) for its structure element, the rest as artifacts.

use std::collections::{BTreeMap, VecDeque};
use std::sync::Arc;

use printpdf::{
    Actions, BorderArray, Codepoint, ColorArray, Destination, FontId, HighlightingMode,
    LinkAnnotation, Op, PdfFontHandle, Pt, Rect, TextItem, XObjectTransform,
};

use super::fonts::{Face, metrics};
use super::layout::{Item, Page};
use super::linebreak::Line;
use super::stream::{ContentStream, Paint};
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

/// Opens a marked-content sequence for element `node` (a new MCID), or an artifact.
fn begin_marked(out: &mut ContentStream, tree: &mut Tree, node: Option<NodeId>) {
    match node {
        Some(node) => {
            let mcid = tree.mark(node);
            out.begin_marked(tree.node(node).role.name(), None, mcid);
        }
        None => out.begin_artifact(),
    }
}

/// One painted page: its content stream, and its link annotations in the order they were
/// recorded in the structure tree (printpdf writes them into the page's `/Annots`).
pub struct Painted {
    /// The content stream, uncompressed.
    pub content: Vec<u8>,
    /// `Op::LinkAnnotation`s.
    pub annotations: Vec<Op>,
}

/// The glyphs a document draws, per face by subset glyph id, with the text each stands for.
/// printpdf builds each font's widths and `ToUnicode` map from the glyphs its pages show;
/// since helpdoc writes the content streams itself, it shows printpdf this list instead. As
/// in printpdf's own collection, the last text drawn for a glyph is the one kept.
#[derive(Default)]
pub struct GlyphTexts {
    faces: [Vec<Option<Option<Arc<str>>>>; Face::ALL.len()],
}

impl GlyphTexts {
    fn record(&mut self, face: Face, code: u16, text: Option<&Arc<str>>) {
        let glyphs = &mut self.faces[face as usize];
        let index = usize::from(code);
        if glyphs.len() <= index {
            glyphs.resize(index + 1, None);
        }
        glyphs[index] = Some(text.cloned());
    }

    /// printpdf operations that show every glyph once, each with its text (for
    /// `collect_used_glyphs`; the stream they would make is replaced by the pages' own).
    pub fn ops(&self) -> Vec<Op> {
        let mut ops = vec![Op::StartTextSection];
        for face in Face::ALL {
            let glyphs: Vec<Codepoint> = (self.faces[face as usize].iter().enumerate())
                .filter_map(|(code, text)| {
                    text.as_ref().map(|text| Codepoint {
                        gid: u16::try_from(code).unwrap_or(0),
                        offset: 0.0,
                        cid: text.as_deref().map(str::to_string),
                    })
                })
                .collect();
            if glyphs.is_empty() {
                continue;
            }
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(FontId(face.resource_name().to_string())),
                size: Pt(1.0),
            });
            ops.push(Op::ShowText {
                items: vec![TextItem::GlyphIds(glyphs)],
            });
        }
        ops.push(Op::EndTextSection);
        ops
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

/// Paints one page, recording its marked content in `tree` and the glyphs it draws in `texts`.
pub fn page(
    page: &Page,
    theme: &Theme,
    anchors: &Anchors,
    fonts: &Subsets,
    tree: &mut Tree,
    texts: &mut GlyphTexts,
) -> Painted {
    let h = theme.page_height;
    let mut out = ContentStream::new();
    let mut annotations = Vec::new();
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
                let glyphs = Glyphs { fonts, texts };
                text_ops(&mut out, line, *x, h - baseline, glyphs, &mut marking);
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
                let paint = match (fill, stroke) {
                    (Some(_), Some(_)) => Paint::FillStroke,
                    (Some(_), None) => Paint::Fill,
                    (None, Some(_)) => Paint::Stroke,
                    (None, None) => continue,
                };
                if let Some(fill) = fill {
                    out.fill_color(*fill);
                }
                if let Some((stroke, width)) = stroke {
                    out.stroke_color(*stroke);
                    out.line_width(*width);
                }
                out.begin_artifact();
                out.rect(*x, h - y - rh, *w, *rh, paint);
                out.end_marked();
            }
            Item::Dots {
                x1,
                x2,
                y,
                color: c,
            } => {
                out.begin_artifact();
                out.save();
                out.stroke_color(*c);
                out.line_width(0.9);
                out.round_caps();
                out.dash(&[0.0, 3.2], 0.0);
                out.line((*x1, h - y), (*x2, h - y));
                out.restore();
                out.end_marked();
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
                image_ops(&mut out, *image, alt, placement, &mut marking);
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
                annotations.push(Op::LinkAnnotation {
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
    Painted {
        content: out.finish(),
        annotations,
    }
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
    out: &mut ContentStream,
    image: usize,
    alt: &str,
    placement: (f32, f32, f32, f32),
    marking: &mut Marking<'_>,
) {
    // The alternative text travels with the figure element (see `tags`) and with the image as
    // a marked-content property (ISO 32000-1, 14.9.3), which text extractors read.
    match marking.node {
        Some(node) => {
            let mcid = marking.tree.mark(node);
            out.begin_marked("Figure", Some(&utf16_text(alt)), mcid);
        }
        None => out.begin_artifact(),
    }
    out.save();
    // The image is a unit square: scale it to its size, then move it into place.
    let transform = XObjectTransform {
        translate_x: Some(Pt(placement.0)),
        translate_y: Some(Pt(placement.1)),
        scale_x: Some(placement.2),
        scale_y: Some(placement.3),
        no_auto_scale: true,
        ..XObjectTransform::default()
    };
    out.image(&image_resource(image), &transform);
    out.restore();
    out.end_marked();
}

/// A PDF text string in UTF-16BE with a byte-order mark.
pub fn utf16_text(text: &str) -> Vec<u8> {
    let mut out = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        out.extend(unit.to_be_bytes());
    }
    out
}

/// What drawing glyphs reads and records: the subset ids, and the text of each glyph drawn.
struct Glyphs<'a> {
    fonts: &'a Subsets,
    texts: &'a mut GlyphTexts,
}

/// One line of text. Each run of fragments with the same owner is one marked-content
/// sequence: the element in force, or for linked text the `Link` element of its annotation.
fn text_ops(
    out: &mut ContentStream,
    line: &Line,
    x: f32,
    baseline: f32,
    glyphs: Glyphs<'_>,
    marking: &mut Marking<'_>,
) {
    if line.fragments.is_empty() {
        return;
    }
    let Glyphs { fonts, texts } = glyphs;
    out.begin_text();
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
                out.end_marked();
            }
            begin_marked(out, marking.tree, owner);
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
            out.set_font(style.face, style.size);
        }
        if current.map(|c| c.2) != Some(key.2) {
            out.fill_color(style.color);
        }
        current = Some(key);
        out.text_position(x + fragment.x, baseline);
        let face = style.face;
        let upem = metrics(face).units_per_em;
        out.show(fragment.runs.iter().flat_map(|run| &run.glyphs).map(|g| {
            let code = fonts.gid(face, g.gid);
            texts.record(face, code, g.text.as_ref());
            // The width the font's `/W` gives the glyph, and how far shaping moved the next.
            let width = (g.nominal as f32 * 1000.0 / upem) as i64;
            let offset = (g.nominal - g.advance) as f32 * 1000.0 / upem;
            (code, width, offset)
        }));
    }
    out.end_marked();
    out.end_text();
}
