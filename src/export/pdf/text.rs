//! Rich text (inline trees) → styled spans: faces for strong/emphasis/code, link targets.

use crate::model::inline::{Inline, placeholder};
use crate::resolve::anchor_id;
use crate::text::invisible::is_bidi_control;
use crate::text::line_breaks;

use super::fonts::Face;
use super::theme::{Rgb, Theme};
use super::topics::PageRefs;

/// How a piece of text is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    /// The face.
    pub face: Face,
    /// Size in points.
    pub size: f32,
    /// Fill colour.
    pub color: Rgb,
}

impl Style {
    /// The same style in another face.
    pub fn with_face(self, face: Face) -> Style {
        Style { face, ..self }
    }

    /// The same style in another colour.
    pub fn with_color(self, color: Rgb) -> Style {
        Style { color, ..self }
    }
}

/// Where a link goes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LinkTarget {
    /// An external address (http, https, mailto).
    Uri(String),
    /// An anchor in this document (a heading, step or cause id).
    Anchor(String),
}

/// A run of text in one style, optionally a link.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    /// The text (`\n` is a forced line break).
    pub text: String,
    /// How it is drawn.
    pub style: Style,
    /// Where it links to.
    pub link: Option<LinkTarget>,
    /// Its language (a BCP 47 tag), when content marks it as other than the document's; empty
    /// for the other words of such a text (see [`super::flow::Flow::lines`]).
    pub lang: Option<String>,
}

impl Span {
    /// A plain span.
    pub fn new(text: impl Into<String>, style: Style) -> Span {
        Span {
            text: clean(&text.into()),
            style,
            link: None,
            lang: None,
        }
    }

    /// A span that links somewhere.
    pub fn link(text: impl Into<String>, style: Style, target: LinkTarget) -> Span {
        Span {
            text: clean(&text.into()),
            style,
            link: Some(target),
            lang: None,
        }
    }
}

/// Drops characters that have no glyph and no meaning on paper (control characters and bidi
/// controls), turns tabs into spaces and every line break into `\n`; the visible text stays as
/// written. Every text drawn in the PDF passes here.
pub fn clean(text: &str) -> String {
    line_breaks::normalize(text)
        .chars()
        .filter_map(|c| match c {
            '\t' => Some(' '),
            '\n' => Some('\n'),
            c if is_bidi_control(c) || c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// The page an anchor lands on, as printed in "(page N)" and the contents: from the previous
/// layout pass, `0` in the first (a digit, so the text is about as wide as it will be).
pub fn page_number(refs: &PageRefs, anchor: &str) -> String {
    refs.get(anchor)
        .map_or_else(|| "0".to_string(), usize::to_string)
}

/// " (page N)" after a cross-reference, for readers on paper.
pub fn page_suffix(refs: &PageRefs, anchor: &str) -> String {
    format!(" (page {})", page_number(refs, anchor))
}

/// Turns an inline tree into spans, starting from `base`; a cross-reference is followed by its
/// page number (from `refs`).
pub fn spans(inlines: &[Inline], base: Style, theme: &Theme, refs: &PageRefs) -> Vec<Span> {
    let mut out = Vec::new();
    let cx = Context { theme, refs };
    push_inlines(inlines, base, (None, None), &cx, &mut out);
    out
}

/// What every span of one text is made with.
struct Context<'a> {
    theme: &'a Theme,
    refs: &'a PageRefs,
}

/// What a span inherits from the inlines around it: the link and the language it is inside.
type Around<'a> = (Option<&'a LinkTarget>, Option<&'a str>);

fn push_inlines(
    inlines: &[Inline],
    style: Style,
    (link, lang): Around<'_>,
    cx: &Context<'_>,
    out: &mut Vec<Span>,
) {
    let theme = cx.theme;
    let around = (link, lang);
    for inline in inlines {
        match inline {
            Inline::Text(text) => out.push(Span {
                text: clean(text),
                style,
                link: link.cloned(),
                lang: lang.map(str::to_string),
            }),
            // Filled by resolving; shown as written otherwise.
            Inline::Variable(name) => out.push(Span {
                text: clean(&placeholder(name)),
                style,
                link: link.cloned(),
                lang: lang.map(str::to_string),
            }),
            Inline::Emphasis(children) => {
                let face = if style.face == Face::Bold {
                    Face::Bold
                } else {
                    Face::Italic
                };
                push_inlines(children, style.with_face(face), around, cx, out);
            }
            Inline::Strong(children) => {
                push_inlines(children, style.with_face(Face::Bold), around, cx, out);
            }
            Inline::Code(code) => out.push(Span {
                text: clean(code).replace('\n', " "),
                style: Style {
                    face: Face::Mono,
                    size: style.size * 0.9,
                    color: style.color,
                },
                link: link.cloned(),
                lang: lang.map(str::to_string),
            }),
            Inline::SiteLink {
                url: None,
                children,
                ..
            } => push_inlines(children, style, around, cx, out),
            Inline::Link { url, children }
            | Inline::SiteLink {
                url: Some(url),
                children,
                ..
            } => {
                let target = LinkTarget::Uri(url.clone());
                push_inlines(
                    children,
                    style.with_color(theme.link),
                    (Some(&target), lang),
                    cx,
                    out,
                );
            }
            Inline::XRef {
                topic,
                anchor,
                children,
            } => {
                let id = anchor_id(topic, anchor.as_deref());
                let target = LinkTarget::Anchor(id.clone());
                push_inlines(
                    children,
                    style.with_color(theme.link),
                    (Some(&target), lang),
                    cx,
                    out,
                );
                out.push(Span::new(page_suffix(cx.refs, &id), style));
            }
            Inline::Lang {
                lang: tag,
                children,
            } => push_inlines(children, style, (link, Some(tag)), cx, out),
            Inline::LineBreak => out.push(Span {
                text: "\n".to_string(),
                style,
                link: None,
                lang: None,
            }),
        }
    }
}
