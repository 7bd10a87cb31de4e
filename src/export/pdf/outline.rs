//! lopdf post-processing: the nested outline (bookmarks) that jumps to each heading, named
//! destinations for every anchor (`guide.pdf#missing-permissions`), document metadata, the
//! language, and a trailer ID derived from the content (so equal builds give equal bytes).

use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};

use super::file;
use super::paint::utf16_text;

/// A bookmark: nesting level, title, 1-based page, and the top of its heading in PDF
/// coordinates (bottom-up).
#[derive(Debug, Clone)]
pub struct Bookmark {
    /// Nesting level (0 = chapter).
    pub level: usize,
    /// The text in the outline.
    pub title: String,
    /// 1-based page.
    pub page: usize,
    /// Top of the destination.
    pub top: f32,
}

/// Document information.
#[derive(Debug, Clone)]
pub struct Metadata {
    /// Title.
    pub title: String,
    /// Author.
    pub author: Option<String>,
    /// Subject (the publication's description).
    pub subject: Option<String>,
    /// Keywords.
    pub keywords: Option<String>,
    /// The program that made the content.
    pub creator: String,
    /// The program that wrote the PDF.
    pub producer: String,
    /// Creation and modification date, `D:YYYYMMDDHHmmSSZ`.
    pub date: String,
    /// BCP 47 language tag.
    pub language: String,
}

fn text(s: &str) -> Object {
    if s.is_ascii() {
        Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        Object::String(utf16_text(s), StringFormat::Hexadecimal)
    }
}

fn destination(pages: &[ObjectId], page: usize, top: f32) -> Option<Object> {
    let id = *pages.get(page.checked_sub(1)?)?;
    Some(Object::Array(vec![
        Object::Reference(id),
        Object::Name(b"XYZ".to_vec()),
        Object::Integer(0),
        Object::Real(top),
        Object::Null,
    ]))
}

/// Finishes the document: outline, named destinations, metadata, language, trailer ID.
pub fn finish(
    doc: &mut Document,
    bookmarks: &[Bookmark],
    destinations: &[(String, usize, f32)],
    meta: &Metadata,
) -> Result<(), String> {
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let catalog_id = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|e| format!("the PDF has no catalog: {e}"))?;
    indirect_annotations(doc, &pages);
    let outline_root = add_outline(doc, &pages, bookmarks);

    let mut names = Vec::new();
    let mut sorted: Vec<&(String, usize, f32)> = destinations.iter().collect();
    sorted.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    sorted.dedup_by(|a, b| a.0 == b.0);
    for (name, page, top) in sorted {
        if let Some(dest) = destination(&pages, *page, *top) {
            names.push(Object::String(
                name.as_bytes().to_vec(),
                StringFormat::Literal,
            ));
            names.push(dest);
        }
    }
    let dests = doc.add_object(Dictionary::from_iter(vec![("Names", Object::Array(names))]));

    let catalog = doc
        .get_object_mut(catalog_id)
        .and_then(Object::as_dict_mut)
        .map_err(|e| format!("the PDF catalog cannot be read: {e}"))?;
    if let Some(root) = outline_root {
        catalog.set("Outlines", Object::Reference(root));
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    }
    catalog.set(
        "Names",
        Dictionary::from_iter(vec![("Dests", Object::Reference(dests))]),
    );
    catalog.set("Lang", text(&meta.language));
    catalog.set(
        "ViewerPreferences",
        Dictionary::from_iter(vec![("DisplayDocTitle", Object::Boolean(true))]),
    );

    let mut info = Dictionary::new();
    info.set("Title", text(&meta.title));
    if let Some(author) = &meta.author {
        info.set("Author", text(author));
    }
    if let Some(subject) = &meta.subject {
        info.set("Subject", text(subject));
    }
    if let Some(keywords) = &meta.keywords {
        info.set("Keywords", text(keywords));
    }
    info.set("Creator", text(&meta.creator));
    info.set("Producer", text(&meta.producer));
    info.set("CreationDate", text(&meta.date));
    info.set("ModDate", text(&meta.date));
    let info_id = doc.add_object(info);
    doc.trailer.set("Info", Object::Reference(info_id));
    doc.version = "1.7".to_string();
    Ok(())
}

/// printpdf writes link annotations inline in each page's `/Annots`; ISO 32000-1 (table 30)
/// wants indirect references, which some readers and tools (lopdf among them) rely on.
fn indirect_annotations(doc: &mut Document, pages: &[ObjectId]) {
    for &page in pages {
        let annotations = match doc.get_dictionary(page).and_then(|d| d.get(b"Annots")) {
            Ok(Object::Array(items)) => items.clone(),
            _ => continue,
        };
        let mut references = Vec::with_capacity(annotations.len());
        for annotation in annotations {
            match annotation {
                Object::Dictionary(mut dict) => {
                    dict.set("P", Object::Reference(page));
                    references.push(Object::Reference(doc.add_object(dict)));
                }
                other => references.push(other),
            }
        }
        if let Ok(dict) = doc.get_dictionary_mut(page) {
            dict.set("Annots", Object::Array(references));
        }
    }
}

/// Sets the trailer ID from a hash of the document's streams and metadata (the same content
/// gives the same ID; nothing random), and writes the file ([`super::file`]) with the
/// dictionaries of `extra` among the document's objects. The hash reads
/// every stream byte by byte, so it runs beside the objects' serialization: the ID is only
/// needed in the trailer, written last.
pub fn save(
    doc: &Document,
    extra: &[(ObjectId, file::Entries)],
    meta: &Metadata,
) -> Result<Vec<u8>, String> {
    let (id, pieces) = rayon::join(|| content_id(doc, meta), || file::pieces(doc, extra));
    let id = Object::String(id.to_vec(), StringFormat::Hexadecimal);
    let mut trailer = doc.trailer.clone();
    trailer.set("ID", Object::Array(vec![id.clone(), id]));
    file::write(doc, trailer, pieces)
}

/// The trailer ID: [`fnv128`] of every stream's bytes in object order, the title and the date.
fn content_id(doc: &Document, meta: &Metadata) -> [u8; 16] {
    let streams = doc.objects.values().filter_map(|object| match object {
        Object::Stream(stream) => Some(stream.content.as_slice()),
        _ => None,
    });
    fnv128(streams.chain([meta.title.as_bytes(), meta.date.as_bytes()]))
}

/// FNV-1a over the parts as one run of bytes, twice with different offsets: 16 bytes of ID.
/// The two hashes advance together in one pass (each byte's step waits on the previous one's
/// multiply, so two independent chains take the time of one).
fn fnv128<'a>(parts: impl Iterator<Item = &'a [u8]>) -> [u8; 16] {
    const PRIME: u64 = 0x0000_0100_0000_01B3;
    let (mut first, mut second) = (0xcbf2_9ce4_8422_2325_u64, 0x6c62_272e_07bb_0142_u64);
    for part in parts {
        for &byte in part {
            first = (first ^ u64::from(byte)).wrapping_mul(PRIME);
            second = (second ^ u64::from(byte)).wrapping_mul(PRIME);
        }
    }
    let mut out = [0u8; 16];
    out[..8].copy_from_slice(&first.to_be_bytes());
    out[8..].copy_from_slice(&second.to_be_bytes());
    out
}

/// Builds the outline tree; returns the root's id.
fn add_outline(doc: &mut Document, pages: &[ObjectId], bookmarks: &[Bookmark]) -> Option<ObjectId> {
    if bookmarks.is_empty() {
        return None;
    }
    let root = doc.new_object_id();
    let ids: Vec<ObjectId> = bookmarks.iter().map(|_| doc.new_object_id()).collect();
    // Parent of each bookmark: the nearest earlier bookmark with a smaller level.
    let mut parents: Vec<Option<usize>> = Vec::with_capacity(bookmarks.len());
    let mut stack: Vec<usize> = Vec::new();
    for (i, b) in bookmarks.iter().enumerate() {
        while stack.last().is_some_and(|&p| bookmarks[p].level >= b.level) {
            stack.pop();
        }
        parents.push(stack.last().copied());
        stack.push(i);
    }
    // Children of each bookmark (index + 1) and of the root (index 0), in order.
    let mut kids_of: Vec<Vec<usize>> = vec![Vec::new(); bookmarks.len() + 1];
    let mut positions = Vec::with_capacity(bookmarks.len());
    for (i, parent) in parents.iter().enumerate() {
        let kids = &mut kids_of[parent.map_or(0, |p| p + 1)];
        positions.push(kids.len());
        kids.push(i);
    }
    let children = |parent: Option<usize>| -> &[usize] { &kids_of[parent.map_or(0, |p| p + 1)] };
    for (i, b) in bookmarks.iter().enumerate() {
        let siblings = children(parents[i]);
        let position = positions[i];
        let mut dict = Dictionary::new();
        dict.set("Title", text(&b.title));
        dict.set(
            "Parent",
            Object::Reference(parents[i].map_or(root, |p| ids[p])),
        );
        if position > 0 {
            dict.set("Prev", Object::Reference(ids[siblings[position - 1]]));
        }
        if let Some(&next) = siblings.get(position + 1) {
            dict.set("Next", Object::Reference(ids[next]));
        }
        let kids = children(Some(i));
        if let (Some(&first), Some(&last)) = (kids.first(), kids.last()) {
            dict.set("First", Object::Reference(ids[first]));
            dict.set("Last", Object::Reference(ids[last]));
            // Chapters open (their children visible), deeper levels closed (negative count).
            let count = kids.len() as i64;
            dict.set("Count", if b.level == 0 { count } else { -count });
        }
        if let Some(dest) = destination(pages, b.page, b.top) {
            dict.set("Dest", dest);
        }
        doc.objects.insert(ids[i], Object::Dictionary(dict));
    }
    let top = children(None);
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"Outlines".to_vec()));
    if let (Some(&first), Some(&last)) = (top.first(), top.last()) {
        dict.set("First", Object::Reference(ids[first]));
        dict.set("Last", Object::Reference(ids[last]));
    }
    let visible = top.len() + top.iter().map(|&t| children(Some(t)).len()).sum::<usize>();
    dict.set("Count", visible as i64);
    doc.objects.insert(root, Object::Dictionary(dict));
    Some(root)
}
