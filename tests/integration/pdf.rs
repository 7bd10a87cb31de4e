//! The customer PDF, judged by real tools: qpdf's structure check, poppler's font list, text
//! extraction in reading order and word boxes, the outline and contents links read back with
//! lopdf, and byte-identical rebuilds in any build order.

use std::path::{Path, PathBuf};

use helpdoc::check::{CheckOptions, check_folder};
use helpdoc::model::inline::plain_text;
use helpdoc::resolve::{ResolvedPublication, ResolvedStep, TopicBody};
use lopdf::{Document, Object, ObjectId};

use crate::support::{build_shipped, client, fixture, repo, run};

pub(crate) const GUIDE: &str = "sage-intacct-guide";

pub(crate) fn pdf_tool(program: &str, args: &[&str]) -> String {
    let run = client(program, args);
    assert_eq!(
        run.code, 0,
        "{program} {args:?} failed (run .ci/install-test-tools if it is missing):\n{}{}",
        run.stdout, run.stderr
    );
    run.stdout
}

pub(crate) fn shipped_pdf() -> (tempfile::TempDir, PathBuf) {
    let (temp, out) = build_shipped(&["--format", "pdf"]);
    let pdf = out.join("pdf").join(format!("{GUIDE}.pdf"));
    assert!(pdf.is_file(), "{} was not written", pdf.display());
    (temp, pdf)
}

pub(crate) fn fixture_pdf() -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().expect("temp dir");
    let out = temp.path().join("build");
    let content = fixture("pdf");
    let args = [
        "build",
        "--content",
        &content.to_string_lossy(),
        "--out",
        &out.to_string_lossy(),
        "--format",
        "pdf",
    ];
    let result = run(&args);
    assert_eq!(result.code, 0, "build failed:\n{}", result.stderr);
    (temp, out.join("pdf/layout-stress.pdf"))
}

pub(crate) fn resolved(content: &Path, id: &str) -> ResolvedPublication {
    let checked = check_folder(content, &CheckOptions::default()).expect("content loads");
    helpdoc::publish::prepare(&checked.content, &checked.config.site)
        .publications
        .into_iter()
        .find(|p| p.id == id)
        .expect("publication exists")
}

/// Text without whitespace or hyphens: line breaks and hyphenation do not matter.
pub(crate) fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '\u{2010}')
        .collect()
}

fn steps_into(steps: &[ResolvedStep], out: &mut Vec<String>) {
    for step in steps {
        out.push(plain_text(&step.action));
        steps_into(&step.substeps, out);
    }
}

/// Headings, error messages and step actions of a publication, in reading order.
fn expected_sequence(publication: &ResolvedPublication) -> Vec<String> {
    let mut out = Vec::new();
    for section in &publication.sections {
        out.push(section.title.clone());
        for topic in section.topics() {
            out.push(topic.title.clone());
            match &topic.body {
                TopicBody::Procedure { steps, .. } => steps_into(steps, &mut out),
                TopicBody::Prerequisite { check, .. } => steps_into(check, &mut out),
                TopicBody::Error {
                    message, causes, ..
                } => {
                    out.push(message.clone());
                    for cause in causes {
                        out.push(plain_text(&cause.cause));
                        steps_into(&cause.steps, &mut out);
                    }
                }
                TopicBody::Concept { .. } => {}
            }
        }
    }
    out
}

#[test]
fn shipped_guide_is_valid_with_embedded_subset_fonts() {
    let (_temp, pdf) = shipped_pdf();
    let path = pdf.to_string_lossy();
    let check = client("qpdf", &["--check", &path]);
    assert_eq!(
        check.code, 0,
        "qpdf --check:\n{}{}",
        check.stdout, check.stderr
    );
    assert!(check.stdout.contains("No syntax or stream encoding errors"));
    let fonts = pdf_tool("pdffonts", &[&path]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(
        rows.len() >= 3,
        "expected regular, bold and mono fonts:\n{fonts}"
    );
    for row in rows {
        let columns: Vec<&str> = row.split_whitespace().collect();
        let name = columns[0];
        let (tag, _) = name
            .split_once('+')
            .unwrap_or_else(|| panic!("not subset: {row}"));
        assert!(
            tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
            "bad subset tag: {row}"
        );
        // Columns: name type... emb sub uni object ID.
        let n = columns.len();
        assert_eq!(columns[n - 5], "yes", "not embedded: {row}");
        assert_eq!(columns[n - 4], "yes", "not subset: {row}");
        assert_eq!(columns[n - 3], "yes", "no ToUnicode map: {row}");
    }
    // The subset tag alone proves nothing: a full face is about 500 kB, so four full faces
    // would make the guide several times its size.
    let size = std::fs::metadata(&pdf).map(|m| m.len()).unwrap_or(0);
    assert!(
        size < 400_000,
        "the guide is {size} bytes: are the fonts really subset?"
    );
    let info = pdf_tool("pdfinfo", &[&path]);
    assert!(info.contains("612 x 792 pts (letter)"), "{info}");
    assert!(
        info.contains("Title:           Connect Sage Intacct"),
        "{info}"
    );
    assert!(
        info.contains("Author:          Documentation Team"),
        "{info}"
    );
    assert!(info.contains("Producer:        helpdoc"), "{info}");
}

#[test]
fn text_comes_out_in_reading_order_with_correct_characters() {
    let (_temp, pdf) = shipped_pdf();
    let publication = resolved(&repo().join("content"), GUIDE);
    let text = pdf_tool("pdftotext", &[&pdf.to_string_lossy(), "-"]);
    // Cross-references print their page after the link ("(page 12)"), which the model's text
    // does not hold (`pdf_layout` checks those numbers).
    let squashed = without_page_numbers(&squash(&text));
    let mut at = 0;
    let expected = expected_sequence(&publication);
    assert!(expected.len() > 40, "the guide has headings and steps");
    for item in expected {
        let needle = squash(&item);
        match squashed[at..].find(&needle) {
            Some(found) => at += found + needle.len(),
            None => panic!(
                "`{item}` is missing or out of order in the extracted text (after byte {at}):\n{}",
                &squashed[at.saturating_sub(200)..(at + 400).min(squashed.len())]
            ),
        }
    }
    // Ligatures copy as letters, and the typographic apostrophe survives.
    assert!(text.contains("first") || text.contains("profile") || text.contains("fi"));
    assert!(
        !text.contains('\u{FFFD}'),
        "replacement characters in the text"
    );
}

/// `text` without the "(pageN)" of squashed cross-references.
fn without_page_numbers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("(page") {
        let digits = rest[at + 5..].len()
            - rest[at + 5..]
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .len();
        let end = at + 5 + digits;
        out.push_str(&rest[..at]);
        if digits > 0 && rest[end..].starts_with(')') {
            rest = &rest[end + 1..];
        } else {
            out.push_str("(page");
            rest = &rest[at + 5..];
        }
    }
    out.push_str(rest);
    out
}

/// (page number, object id) for every page.
pub(crate) fn page_numbers(doc: &Document) -> Vec<(u32, ObjectId)> {
    doc.get_pages().into_iter().collect()
}

pub(crate) fn page_of(doc: &Document, dest: &Object) -> Option<u32> {
    let array = dest.as_array().ok()?;
    let id = array.first()?.as_reference().ok()?;
    page_numbers(doc)
        .into_iter()
        .find(|(_, page)| *page == id)
        .map(|(n, _)| n)
}

fn page_text(pdf: &Path, page: u32) -> String {
    let n = page.to_string();
    squash(&pdf_tool(
        "pdftotext",
        &["-f", &n, "-l", &n, &pdf.to_string_lossy(), "-"],
    ))
}

pub(crate) fn decode_text(object: &Object) -> String {
    let bytes = object.as_str().unwrap_or_default();
    if bytes.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    }
}

/// Walks the outline: (depth, title, page).
pub(crate) fn outline(doc: &Document) -> Vec<(usize, String, u32)> {
    fn walk(
        doc: &Document,
        first: Option<ObjectId>,
        depth: usize,
        out: &mut Vec<(usize, String, u32)>,
    ) {
        let mut next = first;
        while let Some(id) = next {
            let item = doc.get_dictionary(id).expect("outline item");
            let title = decode_text(item.get(b"Title").expect("title"));
            let page = page_of(doc, item.get(b"Dest").expect("dest")).expect("dest page");
            out.push((depth, title, page));
            let child = item.get(b"First").and_then(Object::as_reference).ok();
            walk(doc, child, depth + 1, out);
            next = item.get(b"Next").and_then(Object::as_reference).ok();
        }
    }
    let catalog = doc.catalog().expect("catalog");
    let root = catalog
        .get(b"Outlines")
        .and_then(Object::as_reference)
        .expect("the PDF has an outline");
    let first = doc
        .get_dictionary(root)
        .expect("outline root")
        .get(b"First")
        .and_then(Object::as_reference)
        .ok();
    let mut out = Vec::new();
    walk(doc, first, 0, &mut out);
    out
}

#[test]
fn outline_and_contents_links_land_on_their_headings() {
    let (_temp, pdf) = shipped_pdf();
    let publication = resolved(&repo().join("content"), GUIDE);
    let doc = Document::load(&pdf).expect("lopdf reads the PDF");
    let entries = outline(&doc);
    let chapters: Vec<&str> = entries
        .iter()
        .filter(|(depth, _, _)| *depth == 0)
        .map(|(_, title, _)| title.as_str())
        .collect();
    let mut expected = vec!["Contents"];
    expected.extend(publication.sections.iter().map(|s| s.title.as_str()));
    assert_eq!(chapters, expected);
    let topics: Vec<&str> = entries
        .iter()
        .filter(|(depth, _, _)| *depth == 1)
        .map(|(_, title, _)| title.as_str())
        .collect();
    let expected_topics: Vec<&str> = publication
        .topics()
        .into_iter()
        .map(|(_, t)| t.title.as_str())
        .collect();
    assert_eq!(topics, expected_topics);
    assert!(
        entries.iter().any(|(depth, _, _)| *depth == 2),
        "causes nest under errors"
    );
    for (_, title, page) in &entries {
        assert!(
            page_text(&pdf, *page).contains(&squash(title)),
            "bookmark `{title}` points at page {page}, which does not show it"
        );
    }

    // Every contents entry links to the page that shows its heading.
    let contents_page = entries[0].2;
    let pages = page_numbers(&doc);
    let (_, page_id) = pages[contents_page as usize - 1];
    let annotations = doc
        .get_page_annotations(page_id)
        .expect("annotations on the contents page");
    let mut checked = 0;
    for annotation in annotations {
        let action = annotation
            .get(b"A")
            .and_then(Object::as_dict)
            .expect("link action");
        assert_eq!(
            action.get(b"S").and_then(Object::as_name).ok(),
            Some(&b"GoTo"[..])
        );
        let target = page_of(&doc, action.get(b"D").expect("destination")).expect("target page");
        let rect: Vec<f32> = annotation
            .get(b"Rect")
            .and_then(Object::as_array)
            .expect("rect")
            .iter()
            .map(|o| o.as_float().expect("number"))
            .collect();
        // The text under the link (pdftotext crops in points from the top-left at 72 dpi).
        let height = 792.0;
        let n = contents_page.to_string();
        let label = squash(&pdf_tool(
            "pdftotext",
            &[
                "-f",
                &n,
                "-l",
                &n,
                "-r",
                "72",
                "-x",
                &format!("{}", rect[0] as i32),
                "-y",
                &format!("{}", (height - rect[3]) as i32 + 1),
                "-W",
                &format!("{}", (rect[2] - rect[0]) as i32),
                "-H",
                &format!("{}", (rect[3] - rect[1]) as i32 - 2),
                &pdf.to_string_lossy(),
                "-",
            ],
        ));
        let title: String = label
            .trim_end_matches(|c: char| c.is_ascii_digit() || c == '.')
            .to_string();
        assert!(!title.is_empty(), "a contents link with no text");
        assert!(
            page_text(&doc_path(&pdf), target).contains(&title),
            "contents entry `{title}` links to page {target}, which does not show it"
        );
        checked += 1;
    }
    assert!(
        checked >= publication.topics().len() + publication.sections.len(),
        "one link per contents entry, found {checked}"
    );
}

fn doc_path(pdf: &Path) -> PathBuf {
    pdf.to_path_buf()
}

#[test]
fn rebuilds_are_byte_identical_in_any_build_order() {
    let (_a, first) = shipped_pdf();
    let (_b, second) = shipped_pdf();
    let first = std::fs::read(first).expect("pdf");
    assert_eq!(
        first,
        std::fs::read(second).expect("pdf"),
        "two builds differ"
    );

    // In one process, building another publication before must not change the bytes.
    let guide = resolved(&repo().join("content"), GUIDE);
    let stress = resolved(&fixture("pdf"), "layout-stress");
    let build = helpdoc::export::BuildInfo {
        helpdoc_version: env!("CARGO_PKG_VERSION"),
        epoch_seconds: 1_795_305_600,
    };
    let images = helpdoc::resolve::ImageStore::new();
    let render = |p: &ResolvedPublication| {
        helpdoc::export::pdf::render(p, &images, &build)
            .expect("renders")
            .0
    };
    let guide_first = render(&guide);
    let stress_after = render(&stress);
    let guide_after = render(&guide);
    let stress_first = render(&stress);
    assert_eq!(guide_first, guide_after);
    assert_eq!(stress_first, stress_after);
    assert_eq!(guide_first, first, "the library and the CLI agree");
}

/// A word's box from `pdftotext -bbox`: xMin, yMin, xMax, yMax, text.
type WordBox = (f32, f32, f32, f32, String);

/// Word boxes from `pdftotext -bbox`: (page width, page height, words) per page.
fn word_boxes(pdf: &Path) -> Vec<(f32, f32, Vec<WordBox>)> {
    let html = pdf_tool("pdftotext", &["-bbox", &pdf.to_string_lossy(), "-"]);
    let attr = |tag: &str, name: &str| -> f32 {
        let key = format!("{name}=\"");
        let start = tag.find(&key).map(|i| i + key.len()).expect("attribute");
        let end = tag[start..].find('"').expect("quote") + start;
        tag[start..end].parse().expect("number")
    };
    let mut pages = Vec::new();
    for chunk in html.split("<page ").skip(1) {
        let (head, rest) = chunk.split_once('>').expect("page tag");
        let mut words = Vec::new();
        for word in rest.split("<word ").skip(1) {
            let (tag, text) = word.split_once('>').expect("word tag");
            let text = text.split('<').next().unwrap_or_default().to_string();
            words.push((
                attr(tag, "xMin"),
                attr(tag, "yMin"),
                attr(tag, "xMax"),
                attr(tag, "yMax"),
                text,
            ));
        }
        pages.push((attr(head, "width"), attr(head, "height"), words));
    }
    pages
}

#[test]
fn images_long_urls_long_words_and_wide_tables_stay_inside_the_margins() {
    let (_temp, pdf) = fixture_pdf();
    let path = pdf.to_string_lossy().into_owned();
    let check = client("qpdf", &["--check", &path]);
    assert_eq!(
        check.code, 0,
        "qpdf --check:\n{}{}",
        check.stdout, check.stderr
    );
    let info = pdf_tool("pdfinfo", &[&path]);
    assert!(
        info.contains("595.276 x 841.89 pts (A4)"),
        "A4 by default:\n{info}"
    );

    // Default margins: 22 mm left and right.
    let margin = 22.0 * 72.0 / 25.4;
    let pages = word_boxes(&pdf);
    let mut words = 0;
    for (number, (width, height, boxes)) in pages.iter().enumerate() {
        for (x_min, y_min, x_max, y_max, text) in boxes {
            words += 1;
            assert!(
                *x_min >= margin - 1.0 && *x_max <= width - margin + 1.0,
                "page {}: `{text}` ({x_min:.1}..{x_max:.1}) leaves the text column ({margin:.1}..{:.1})",
                number + 1,
                width - margin
            );
            assert!(
                *y_min >= 0.0 && *y_max <= *height,
                "page {}: `{text}` is off the page",
                number + 1
            );
        }
    }
    assert!(words > 100);

    // The long address is kept whole (split across lines), and stays a link.
    let text = squash(&pdf_tool("pdftotext", &[&path, "-"]));
    assert!(text.contains(&squash(
        "https://example.com/a/really/long/path/that/goes/on/and/on/without/any/spaces/at/all/index.html?query=parameter&another=value"
    )));
    let doc = Document::load(&pdf).expect("lopdf reads the PDF");
    let mut uris = Vec::new();
    let mut internal = 0;
    for (_, page) in doc.get_pages() {
        for annotation in doc.get_page_annotations(page).unwrap_or_default() {
            let Ok(action) = annotation.get(b"A").and_then(Object::as_dict) else {
                continue;
            };
            match action.get(b"S").and_then(Object::as_name) {
                Ok(b"URI") => uris.push(decode_text(action.get(b"URI").expect("uri"))),
                Ok(b"GoTo") => internal += 1,
                _ => {}
            }
        }
    }
    assert!(
        uris.iter().any(|u| u.ends_with("another=value")),
        "{uris:?}"
    );
    assert!(internal >= 1, "the cross-reference is an internal link");

    // The image is embedded once, with its alternative text beside it.
    let images = pdf_tool("pdfimages", &["-list", &path]);
    assert_eq!(images.lines().count(), 3, "one image:\n{images}");
    let mut alt_found = false;
    for (_, page) in doc.get_pages() {
        let content = doc.get_page_content(page);
        if String::from_utf8_lossy(&content).contains("/Alt") {
            alt_found = true;
        }
    }
    assert!(
        alt_found,
        "the image's alternative text is in the content stream"
    );

    // The table's header row and cells are all there.
    for cell in [
        "Module",
        "Permission",
        "Description",
        "Controller",
        "Finance",
    ] {
        assert!(text.contains(cell), "table cell `{cell}` missing");
    }
}
