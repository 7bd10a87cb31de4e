//! The customer PDF: our own typesetting (shaping, line and page breaking) written with printpdf.
//!
//! Pipeline per publication: the body and the contents are laid out into pages ([`flow`],
//! [`topics`], [`toc`], [`layout`]); page numbers learnt from one pass feed the next (the
//! contents and "(page N)" references) until they are stable; then the cover, running header
//! and footer are added, pages are painted into printpdf operations ([`paint`]), and lopdf adds
//! the nested outline, named destinations and metadata ([`outline`]).

pub mod autolink;
pub mod columns;
pub mod cover;
pub mod deflate;
pub mod file;
pub mod flow;
pub mod fonts;
pub mod image;
pub mod layout;
pub mod linebreak;
pub mod outline;
pub mod paint;
pub mod prebreak;
pub mod stream;
pub mod structure;
pub mod subset;
pub mod syntax;
pub mod table;
pub mod tags;
pub mod text;
pub mod theme;
pub mod toc;
pub mod topics;

use std::collections::BTreeMap;

use printpdf::{
    FontId, PdfDocument, PdfFont, PdfPage, PdfSaveOptions, Pt, Rect, XObject, XObjectId,
};

use crate::export::{Artifact, BuildInfo, ExportContext, ExportError, Exported, Exporter};
use crate::resolve::{ImageStore, Note, PDF_IMAGE, Place, ResolvedPublication};

use fonts::Shaper;
use layout::{Item, Page, paginate};
use outline::{Bookmark, Metadata};
use paint::Anchors;
use theme::Theme;
use topics::PageRefs;

/// The `pdf` format: `pdf/<publication-id>.pdf`.
pub struct PdfExporter;

impl Exporter for PdfExporter {
    fn name(&self) -> &str {
        "pdf"
    }

    fn wants(&self, publication: &ResolvedPublication) -> bool {
        publication.formats.pdf.enabled.unwrap_or(true)
    }

    fn names_publications(&self) -> bool {
        true
    }

    /// The slowest by far: about 12 ms of processor time on the shipped guide (see [`Exporter::weight`]).
    fn weight(&self) -> Option<u32> {
        Some(20)
    }

    /// Parses the embedded fonts (for shaping) and loads the hyphenation patterns.
    fn prepare(&self) {
        // Errors are reported by `render`, which asks again.
        let _ = fonts::check_fonts();
        linebreak::load_dictionary();
    }

    fn export(&self, cx: &ExportContext<'_>) -> Result<Exported, ExportError> {
        // Publications are independent: render them on every core, then collect in order so
        // the output does not depend on scheduling.
        let threads = crate::cores::available().min(cx.publications.len()).max(1);
        let chunk = cx.publications.len().div_ceil(threads).max(1);
        // A panic while rendering one publication (a bug; the panic hook prints its message)
        // becomes that publication's error instead of ending the build.
        let render_all = |publications: &[&ResolvedPublication]| {
            publications
                .iter()
                .map(|p| {
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        render(p, cx.images, cx.build)
                    }))
                    .unwrap_or_else(|_| Err("the PDF renderer panicked".to_string()))
                })
                .collect::<Vec<_>>()
        };
        // One chunk (one publication, or one core) is rendered here: a thread of its own would
        // only be one more to start and wait for.
        let results: Vec<RenderResult> = if threads == 1 {
            render_all(cx.publications)
        } else {
            std::thread::scope(|scope| {
                let handles: Vec<_> = cx
                    .publications
                    .chunks(chunk)
                    .map(|publications| scope.spawn(move || render_all(publications)))
                    .collect();
                handles
                    .into_iter()
                    .flat_map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                    .collect()
            })
        };
        let mut exported = Exported::default();
        for (publication, result) in cx.publications.iter().zip(results) {
            let (bytes, warnings) = result.map_err(|message| ExportError {
                exporter: "pdf".to_string(),
                message: format!("publication `{}`: {message}", publication.id),
            })?;
            exported.artifacts.push(Artifact {
                path: format!("{}.pdf", publication.id),
                bytes,
                publication: Some(publication.id.clone()),
            });
            exported
                .warnings
                .extend(warnings.into_iter().map(|(path, message)| {
                    Note::new(&PDF_IMAGE, Some(publication.id.as_str()), message)
                        .at(Place::Image { path }, "not embedded in the PDF")
                }));
        }
        Ok(exported)
    }
}

/// PDF bytes and the images it could not embed (path, why), or why rendering failed.
type RenderResult = Result<(Vec<u8>, Vec<(String, String)>), String>;

/// The laid-out document: every page, its structure elements, and where its anchors are.
struct Laid {
    pages: Vec<Page>,
    tree: structure::Tree,
    anchors: Anchors,
    warnings: Vec<(String, String)>,
}

/// Renders one publication to PDF bytes, with warnings for the writer.
pub fn render(
    publication: &ResolvedPublication,
    store: &ImageStore,
    build: &BuildInfo,
) -> RenderResult {
    fonts::check_fonts()?;
    let theme = Theme::from_options(&publication.formats.pdf);
    let mut shaper = Shaper::new();
    let mut images = flow::Images::default();
    let laid = lay_out(publication, store, &theme, &mut shaper, &mut images, build);
    let Laid {
        pages,
        mut tree,
        anchors,
        warnings,
    } = laid;

    // The fonts are cut (on other cores) while the pages are painted, and each page's content
    // stream is deflated as soon as it is painted ([`deflate::Packer`]); the layout is let go
    // page by page as it is painted, so only one form of the pages is held at a time.
    let subsets = subset::Subsets::of(&pages);
    let bookmarks = bookmarks(&pages, &anchors, &theme);
    let size = Rect::from_wh(Pt(theme.page_width), Pt(theme.page_height));
    let mut texts = paint::GlyphTexts::default();
    let mut packer = deflate::Packer::start();
    let (fonts, annotations) = std::thread::scope(|scope| {
        let fonts = scope.spawn(|| subsets.fonts());
        let annotations: Vec<Vec<printpdf::Op>> = pages
            .into_iter()
            .map(|page| {
                let page = paint::page(&page, &theme, &anchors, &subsets, &mut tree, &mut texts);
                packer.send(page.content);
                page.annotations
            })
            .collect();
        let fonts = fonts
            .join()
            .unwrap_or_else(|_| Err("the font subsetter panicked".to_string()));
        (fonts, annotations)
    });
    // printpdf assembles the document: page tree, resources, the fonts (widths and ToUnicode
    // maps from the glyphs shown to it), images, link annotations, catalog. Each page's content
    // stream is written by helpdoc ([`stream`]) and put in place afterwards.
    let mut doc = PdfDocument::new(&publication.title);
    let mut programs = Vec::new();
    for subset::Cut {
        face,
        font,
        program,
    } in fonts?
    {
        doc.resources
            .fonts
            .map
            .insert(FontId(face.resource_name().to_string()), PdfFont::new(font));
        programs.push(program);
    }
    for (index, decoded) in images.decoded.iter().enumerate() {
        doc.resources.xobjects.map.insert(
            XObjectId(paint::image_resource(index)),
            XObject::Image(decoded.to_raw()),
        );
    }
    doc.pages = annotations
        .into_iter()
        .map(|ops| PdfPage {
            media_box: size.clone(),
            trim_box: size.clone(),
            crop_box: size.clone(),
            ops,
        })
        .collect();
    // The glyphs printpdf reads the fonts' widths and ToUnicode maps from.
    if let Some(first) = doc.pages.first_mut() {
        first.ops.extend(texts.ops());
    }

    let options = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut pdf_warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&options, &mut pdf_warnings);
    drop(doc);

    let destinations: Vec<(String, usize, f32)> = anchors
        .iter()
        .map(|(id, &(page, y))| (id.clone(), page, theme.page_height - y + 6.0))
        .collect();
    let version = build.helpdoc_version;
    let meta = Metadata {
        title: publication.title.clone(),
        author: publication.author.clone(),
        subject: publication
            .description
            .clone()
            .or_else(|| publication.subtitle.clone()),
        keywords: keywords(publication),
        creator: format!("helpdoc {version}"),
        producer: format!("helpdoc {version} (printpdf, lopdf)"),
        date: pdf_date(build),
        language: theme.language.clone(),
    };
    outline::finish(&mut lo, &bookmarks, &destinations, &meta)?;
    // The structure elements need only the pages and annotations: they are built while the
    // content streams are put in place and the last streams compressed (neither numbers new
    // objects), then the rest is filled in.
    let inputs = tags::Inputs::read(&lo);
    let (elements, streams) = rayon::join(
        || tags::elements(&inputs, &tree),
        || -> Result<(), String> {
            stream::put_contents(&mut lo, packer.finish()?)?;
            deflate::compress(&mut lo, programs);
            Ok(())
        },
    );
    streams?;
    tags::write(&mut lo, &inputs, &elements, &tree, &meta)?;
    let bytes = outline::save(&lo, &elements.dictionaries, &meta)?;
    Ok((bytes, warnings))
}

/// `D:YYYYMMDDHHmmSSZ` from the build time (SOURCE_DATE_EPOCH).
fn pdf_date(build: &BuildInfo) -> String {
    let date = build.date().replace('-', "");
    let seconds = build.epoch_seconds.rem_euclid(86_400);
    format!(
        "D:{date}{:02}{:02}{:02}Z",
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    )
}

/// Lays out cover, contents and body until the page numbers printed in the contents and in
/// "(page N)" references agree with where the anchors land (two passes, rarely three). On a
/// machine with a second core, a helper breaks the body's text from its end meanwhile
/// ([`prebreak`]).
fn lay_out(
    publication: &ResolvedPublication,
    store: &ImageStore,
    theme: &Theme,
    shaper: &mut Shaper,
    images: &mut flow::Images,
    build: &BuildInfo,
) -> Laid {
    let broken = linebreak::LineCache::default();
    let two_cores = crate::cores::available() > 1;
    let mut laid = std::thread::scope(|scope| {
        let helper = two_cores
            .then(|| scope.spawn(|| prebreak::break_ahead(publication, store, theme, &broken)));
        let laid = passes(publication, store, theme, shaper, images, build, &broken);
        // The helper's lines are only a head start: if it failed, the passes broke them.
        if let Some(helper) = helper {
            let _ = helper.join();
        }
        laid
    });
    cover::header_and_footer(&mut laid.pages, publication, theme, shaper);
    laid
}

/// The layout passes, until the page numbers are stable (at most three).
fn passes(
    publication: &ResolvedPublication,
    store: &ImageStore,
    theme: &Theme,
    shaper: &mut Shaper,
    images: &mut flow::Images,
    build: &BuildInfo,
    broken: &linebreak::LineCache,
) -> Laid {
    let mut refs = PageRefs::new();
    let mut last = None;
    for _pass in 0..3 {
        // Only the last pass is kept: let the previous one go before laying out again.
        drop(last.take());
        let cached = flow::Breaking::Cached(broken);
        let mut body = flow::Flow::new(theme, shaper, cached, store, images, &refs);
        topics::publication(&mut body, publication, &refs);
        let body_pages = paginate(&body.units, &body.frames, &body.continued, theme);
        let warnings = std::mem::take(&mut body.warnings);
        let tree = std::mem::take(&mut body.tree);
        drop(body);
        // The contents (and the cover) add their elements to the body's tree.
        let cached = flow::Breaking::Cached(broken);
        let mut contents = flow::Flow::new(theme, shaper, cached, store, images, &refs);
        contents.tree = tree;
        toc::contents(&mut contents, publication, &refs);
        let toc_pages = paginate(
            &contents.units,
            &contents.frames,
            &contents.continued,
            theme,
        );
        let mut tree = std::mem::take(&mut contents.tree);
        drop(contents);

        let mut pages = Vec::with_capacity(1 + toc_pages.len() + body_pages.len());
        let date = build.long_date();
        pages.push(cover::cover(publication, &date, theme, shaper, &mut tree));
        pages.extend(toc_pages);
        pages.extend(body_pages);
        let anchors = anchors(&pages);
        let new_refs: PageRefs = anchors
            .iter()
            .map(|(id, &(page, _))| (id.clone(), page))
            .collect();
        let stable = new_refs == refs;
        refs = new_refs;
        last = Some(Laid {
            pages,
            tree,
            anchors,
            warnings,
        });
        if stable {
            break;
        }
    }
    last.unwrap_or(Laid {
        pages: Vec::new(),
        tree: structure::Tree::default(),
        anchors: Anchors::new(),
        warnings: Vec::new(),
    })
}

/// Where each anchor landed (the first occurrence wins).
fn anchors(pages: &[Page]) -> Anchors {
    let mut out = BTreeMap::new();
    for (index, page) in pages.iter().enumerate() {
        for item in &page.items {
            if let Item::Anchor { id, y } = item {
                out.entry(id.clone()).or_insert((index + 1, *y));
            }
        }
    }
    out
}

/// The outline entries in page order, placed at their anchors.
fn bookmarks(pages: &[Page], anchors: &Anchors, theme: &Theme) -> Vec<Bookmark> {
    pages
        .iter()
        .flat_map(|page| page.items.iter())
        .filter_map(|item| match item {
            Item::Outline {
                level,
                title,
                anchor,
            } => anchors.get(anchor).map(|&(page, y)| Bookmark {
                level: *level,
                title: title.clone(),
                page,
                top: theme.page_height - y + 6.0,
            }),
            _ => None,
        })
        .collect()
}

/// The PDF's Keywords: the product, then every page's search keywords (`None` without any).
fn keywords(publication: &ResolvedPublication) -> Option<String> {
    let all: Vec<&str> = (publication.product.as_deref().into_iter())
        .chain(publication.keywords())
        .collect();
    (!all.is_empty()).then(|| all.join(", "))
}
