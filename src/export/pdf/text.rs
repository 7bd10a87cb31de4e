//! Rich text (inline trees) → styled spans: faces for strong/emphasis/code, link targets.

use crate::model::inline::{Inline, placeholder};
use crate::resolve::anchor_id;
use crate::text::invisible::is_bidi_control;
use crate::text::line_breaks;

use super::fonts::Face;
use super::theme::{Rgb, Theme};

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
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
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
}

impl Span {
    /// A plain span.
    pub fn new(text: impl Into<String>, style: Style) -> Span {
        Span {
            text: clean(&text.into()),
            style,
            link: None,
        }
    }

    /// A span that links somewhere.
    pub fn link(text: impl Into<String>, style: Style, target: LinkTarget) -> Span {
        Span {
            text: clean(&text.into()),
            style,
            link: Some(target),
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

/// Turns an inline tree into spans, starting from `base`.
pub fn spans(inlines: &[Inline], base: Style, theme: &Theme) -> Vec<Span> {
    let mut out = Vec::new();
    push_inlines(inlines, base, None, theme, &mut out);
    out
}

fn push_inlines(
    inlines: &[Inline],
    style: Style,
    link: Option<&LinkTarget>,
    theme: &Theme,
    out: &mut Vec<Span>,
) {
    for inline in inlines {
        match inline {
            Inline::Text(text) => out.push(Span {
                text: clean(text),
                style,
                link: link.cloned(),
            }),
            // Filled by resolving; shown as written otherwise.
            Inline::Variable(name) => out.push(Span {
                text: clean(&placeholder(name)),
                style,
                link: link.cloned(),
            }),
            Inline::Emphasis(children) => {
                let face = if style.face == Face::Bold {
                    Face::Bold
                } else {
                    Face::Italic
                };
                push_inlines(children, style.with_face(face), link, theme, out);
            }
            Inline::Strong(children) => {
                push_inlines(children, style.with_face(Face::Bold), link, theme, out);
            }
            Inline::Code(code) => out.push(Span {
                text: clean(code).replace('\n', " "),
                style: Style {
                    face: Face::Mono,
                    size: style.size * 0.9,
                    color: style.color,
                },
                link: link.cloned(),
            }),
            Inline::SiteLink {
                url: None,
                children,
                ..
            } => push_inlines(children, style, link, theme, out),
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
                    Some(&target),
                    theme,
                    out,
                );
            }
            Inline::XRef {
                topic,
                anchor,
                children,
            } => {
                let target = LinkTarget::Anchor(anchor_id(topic, anchor.as_deref()));
                push_inlines(
                    children,
                    style.with_color(theme.link),
                    Some(&target),
                    theme,
                    out,
                );
            }
            Inline::LineBreak => out.push(Span {
                text: "\n".to_string(),
                style,
                link: None,
            }),
        }
    }
}
