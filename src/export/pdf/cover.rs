//! The cover page (title band, subtitle, product, version, date, cover text, author) and the
//! running header and footer of every other page.

use crate::resolve::ResolvedPublication;

use super::autolink::autolink;
use super::fonts::{Face, Shaper};
use super::layout::{Item, Page, line_unit};
use super::linebreak::break_lines;
use super::structure::{Role, Tree};
use super::text::{Span, Style};
use super::theme::{Rgb, Theme};

/// Places text lines from `top` (bare addresses linked), as one paragraph of `tree`; returns the y below the last line.
#[allow(clippy::too_many_arguments)]
fn lines_at(
    items: &mut Vec<Item>,
    tree: &mut Tree,
    shaper: &mut Shaper,
    spans: &[Span],
    x: f32,
    top: f32,
    width: f32,
    line_height: f32,
) -> f32 {
    let size = spans.first().map_or(10.0, |s| s.style.size);
    items.push(Item::Tag(Some(tree.add(Tree::ROOT, Role::P))));
    let mut y = top;
    for line in break_lines(&autolink(spans), width, shaper) {
        let unit = line_unit(line, x, line_height, size);
        items.extend(unit.items.into_iter().map(|item| item.shifted(y)));
        y += line_height;
    }
    y
}

/// The cover page; its text is tagged as paragraphs of `tree`.
pub fn cover(
    publication: &ResolvedPublication,
    date: &str,
    theme: &Theme,
    shaper: &mut Shaper,
    tree: &mut Tree,
) -> Page {
    let mut items = Vec::new();
    let x = theme.left();
    let width = theme.text_width();
    let band = theme.page_height * 0.46;
    items.push(Item::Rect {
        x: 0.0,
        y: 0.0,
        w: theme.page_width,
        h: band,
        fill: Some(theme.accent),
        stroke: None,
    });
    items.push(Item::Rect {
        x: 0.0,
        y: band,
        w: theme.page_width,
        h: 4.0,
        fill: Some(theme.accent.tint(0.55)),
        stroke: None,
    });
    let white = Rgb(1.0, 1.0, 1.0);
    let size = theme.body_size;
    if let Some(product) = &publication.product {
        let style = Style {
            face: Face::Bold,
            size: size * 1.1,
            color: theme.accent.tint(0.7),
        };
        let text = product.to_uppercase();
        lines_at(
            &mut items,
            tree,
            shaper,
            &[Span::new(text, style)],
            x,
            theme.margin_top + 10.0,
            width,
            size * 1.6,
        );
    }
    // Title and subtitle sit at the bottom of the band: measure first, then place.
    let title_style = Style {
        face: Face::Bold,
        size: size * 3.0,
        color: white,
    };
    let subtitle_style = Style {
        face: Face::Regular,
        size: size * 1.35,
        color: theme.accent.tint(0.82),
    };
    let title = [Span::new(publication.title.clone(), title_style)];
    let subtitle: Vec<Span> = publication
        .subtitle
        .iter()
        .map(|s| Span::new(s.clone(), subtitle_style))
        .collect();
    let title_lines = break_lines(&title, width, shaper).len() as f32;
    let subtitle_lines = break_lines(&subtitle, width * 0.9, shaper).len() as f32;
    let title_height = title_lines * title_style.size * 1.15;
    let subtitle_height = subtitle_lines * subtitle_style.size * 1.4;
    let mut y = band - 36.0 - title_height - subtitle_height - 12.0;
    y = lines_at(
        &mut items,
        tree,
        shaper,
        &title,
        x,
        y,
        width,
        title_style.size * 1.15,
    );
    y += 12.0;
    lines_at(
        &mut items,
        tree,
        shaper,
        &subtitle,
        x,
        y,
        width * 0.9,
        subtitle_style.size * 1.4,
    );

    let mut y = band + 40.0;
    let meta_style = Style {
        face: Face::Regular,
        size: size * 1.1,
        color: theme.text,
    };
    let mut meta = Vec::new();
    if let Some(version) = &publication.version {
        meta.push(format!("Version {version}"));
    }
    meta.push(date.to_string());
    y = lines_at(
        &mut items,
        tree,
        shaper,
        &[Span::new(meta.join("  ·  "), meta_style)],
        x,
        y,
        width,
        size * 1.7,
    );
    if let Some(text) = &publication.formats.pdf.cover_text {
        y += 14.0;
        items.push(Item::Rect {
            x,
            y,
            w: 40.0,
            h: 2.0,
            fill: Some(theme.accent),
            stroke: None,
        });
        y += 14.0;
        let style = Style {
            face: Face::Regular,
            size: size * 1.1,
            color: theme.summary,
        };
        lines_at(
            &mut items,
            tree,
            shaper,
            &[Span::new(text.clone(), style)],
            x,
            y,
            width * 0.8,
            size * 1.6,
        );
    }
    if let Some(author) = &publication.author {
        let style = Style {
            face: Face::Bold,
            size,
            color: theme.muted,
        };
        let y = theme.page_height - theme.margin_bottom - size * 1.5;
        lines_at(
            &mut items,
            tree,
            shaper,
            &[Span::new(author.clone(), style)],
            x,
            y,
            width,
            size * 1.5,
        );
    }
    Page {
        items,
        chapter: None,
    }
}

/// Adds the running header (publication and chapter titles) and the footer (`Page N of M`)
/// to every page but the cover.
pub fn header_and_footer(
    pages: &mut [Page],
    publication: &ResolvedPublication,
    theme: &Theme,
    shaper: &mut Shaper,
) {
    let total = pages.len();
    let size = theme.body_size * 0.8;
    let style = Style {
        face: Face::Regular,
        size,
        color: theme.muted,
    };
    let x = theme.left();
    let width = theme.text_width();
    let header_base = theme.margin_top - 18.0;
    let footer_base = theme.page_height - theme.margin_bottom + 26.0;
    for (index, page) in pages.iter_mut().enumerate().skip(1) {
        // Running headers and footers are pagination artifacts, not content.
        let mut items = vec![Item::Tag(None)];
        let half = width * 0.48;
        let left = break_lines(
            &[Span::new(
                publication.title.clone(),
                style.with_face(Face::Bold),
            )],
            half,
            shaper,
        );
        if let Some(line) = left.into_iter().next() {
            items.push(Item::Text {
                x,
                baseline: header_base,
                line,
            });
        }
        if let Some(chapter) = &page.chapter {
            let right = break_lines(&[Span::new(chapter.clone(), style)], half, shaper);
            if let Some(line) = right.into_iter().next() {
                items.push(Item::Text {
                    x: x + width - line.width,
                    baseline: header_base,
                    line,
                });
            }
        }
        items.push(Item::Rect {
            x,
            y: header_base + 6.0,
            w: width,
            h: 0.5,
            fill: Some(theme.muted.tint(0.5)),
            stroke: None,
        });
        let mut footer_left = publication.product.clone().unwrap_or_default();
        if let Some(version) = &publication.version {
            footer_left = format!("{footer_left} {version}").trim().to_string();
        }
        if !footer_left.is_empty() {
            for line in break_lines(&[Span::new(footer_left, style)], half, shaper)
                .into_iter()
                .take(1)
            {
                items.push(Item::Text {
                    x,
                    baseline: footer_base,
                    line,
                });
            }
        }
        let number = format!("Page {} of {total}", index + 1);
        for line in break_lines(&[Span::new(number, style)], half, shaper)
            .into_iter()
            .take(1)
        {
            items.push(Item::Text {
                x: x + width - line.width,
                baseline: footer_base,
                line,
            });
        }
        page.items.extend(items);
    }
}
