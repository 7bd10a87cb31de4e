//! lopdf post-processing for tagged PDF (PDF/UA-1): the structure tree, parent tree, tagged link annotations, `/MarkInfo` and XMP metadata.
//!
//! Painting ([`super::paint`]) marked each page's content with MCIDs and recorded, in a
//! [`Tree`], which element each MCID and each link annotation belongs to. This writes that
//! tree into the document printpdf made, and the document-level parts PDF/UA-1 asks for.

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};

use super::file::Entries;
use super::outline::Metadata;
use super::paint::utf16_text;
use super::structure::{Content, Kid, Numbering, Role, Scope, Tree};

/// Annotation flag 3 (Print): printed, and shown the same on screen and paper.
const PRINT: i64 = 4;

fn text(s: &str) -> Object {
    if s.is_ascii() {
        Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        Object::String(utf16_text(s), StringFormat::Hexadecimal)
    }
}

fn name(s: &str) -> Object {
    Object::Name(s.as_bytes().to_vec())
}

/// What the structure tree takes from the document: its pages, each page's annotations (made
/// indirect by [`super::outline::finish`]) and the first free object number. Read before the
/// streams are compressed, so the elements can be built ([`elements`]) while they are.
pub struct Inputs {
    pages: Vec<ObjectId>,
    annotations: Vec<Vec<ObjectId>>,
    next_id: u32,
}

impl Inputs {
    /// Reads the inputs from `doc`; nothing may number new objects in `doc` until [`write()`].
    pub fn read(doc: &Document) -> Self {
        let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
        let annotations = pages
            .iter()
            .map(
                |&page| match doc.get_dictionary(page).and_then(|d| d.get(b"Annots")) {
                    Ok(Object::Array(items)) => {
                        items.iter().filter_map(|o| o.as_reference().ok()).collect()
                    }
                    _ => Vec::new(),
                },
            )
            .collect();
        Inputs {
            pages,
            annotations,
            next_id: doc.max_id + 1,
        }
    }

    fn annotation(&self, page: u32, index: u32) -> Option<ObjectId> {
        self.annotations
            .get(page as usize)?
            .get(index as usize)
            .copied()
    }

    fn page(&self, page: u32) -> Option<ObjectId> {
        self.pages.get(page as usize).copied()
    }
}

/// The structure elements, numbered from [`Inputs`]' first free object number on (the root,
/// then every element in tree order: deterministic), ready for [`write()`].
pub struct Elements {
    root: ObjectId,
    ids: Vec<Option<ObjectId>>,
    /// The highest object number taken.
    last_id: u32,
    /// Each element's dictionary, written by [`super::file`] beside the document's objects.
    pub dictionaries: Vec<(ObjectId, Entries)>,
}

/// Builds the element dictionaries of `tree`; needs nothing of the document but `inputs`.
pub fn elements(inputs: &Inputs, tree: &Tree) -> Elements {
    let order = tree.ordered();
    let mut next = inputs.next_id;
    let mut take = || {
        let id = (next, 0);
        next += 1;
        id
    };
    let root = take();

    // Object ids for every element that is written, in tree order (deterministic).
    let mut ids: Vec<Option<ObjectId>> = vec![None; tree.nodes.len()];
    let mut stack = vec![Tree::ROOT];
    let mut preorder = Vec::new();
    while let Some(node) = stack.pop() {
        if ids[node as usize].is_some() {
            continue;
        }
        ids[node as usize] = Some(take());
        preorder.push(node);
        for kid in order[node as usize].iter().rev() {
            if let Kid::Node(child) = kid {
                stack.push(*child);
            }
        }
    }
    let last_id = next - 1;

    let mut dictionaries = Vec::with_capacity(preorder.len());
    for &node in &preorder {
        let Some(id) = ids[node as usize] else {
            continue;
        };
        let element = tree.node(node);
        let parent = if node == Tree::ROOT {
            root
        } else {
            ids[element.parent as usize].unwrap_or(root)
        };
        // The element's own page: where its first marked content is.
        let own_page = order[node as usize].iter().find_map(|kid| match kid {
            Kid::Content(Content::Mcr { page, .. }) => Some(*page),
            _ => None,
        });
        let mut kids = Vec::with_capacity(order[node as usize].len());
        for kid in &order[node as usize] {
            match *kid {
                Kid::Node(child) => {
                    if let Some(child_id) = ids[child as usize] {
                        kids.push(Object::Reference(child_id));
                    }
                }
                Kid::Content(Content::Mcr { page, mcid }) => {
                    if Some(page) == own_page {
                        kids.push(Object::Integer(i64::from(mcid)));
                    } else if let Some(pg) = inputs.page(page) {
                        kids.push(Object::Dictionary(Dictionary::from_iter(vec![
                            ("Type", name("MCR")),
                            ("Pg", Object::Reference(pg)),
                            ("MCID", Object::Integer(i64::from(mcid))),
                        ])));
                    }
                }
                Kid::Content(Content::Objr { page, annot }) => {
                    if let (Some(obj), Some(pg)) =
                        (inputs.annotation(page, annot), inputs.page(page))
                    {
                        kids.push(Object::Dictionary(Dictionary::from_iter(vec![
                            ("Type", name("OBJR")),
                            ("Obj", Object::Reference(obj)),
                            ("Pg", Object::Reference(pg)),
                        ])));
                    }
                }
            }
        }
        let mut dict = Entries::with_capacity(7);
        dict.push("Type", name("StructElem"));
        dict.push("S", name(element.role.name()));
        dict.push("P", Object::Reference(parent));
        if let Some(pg) = own_page.and_then(|page| inputs.page(page)) {
            dict.push("Pg", Object::Reference(pg));
        }
        // A single kid is written bare (ISO 32000-1 allows both; some readers handle only
        // that form for one-line headings).
        let kids = if kids.len() == 1 {
            kids.into_iter().next().unwrap_or(Object::Null)
        } else {
            Object::Array(kids)
        };
        dict.push("K", kids);
        attributes(&mut dict, &element.role, element.bbox.map(|(_, b)| b));
        dictionaries.push((id, dict));
    }
    Elements {
        root,
        ids,
        last_id,
        dictionaries,
    }
}

/// Writes the rest of the structure tree into `doc` (the parent tree, the root, each page's
/// and link annotation's keys) and the PDF/UA document parts (`/MarkInfo`, XMP metadata).
/// `elements` were built from [`Inputs`] read from this `doc`; their dictionaries stay apart,
/// for the file writer.
pub fn write(
    doc: &mut Document,
    inputs: &Inputs,
    elements: &Elements,
    tree: &Tree,
    meta: &Metadata,
) -> Result<(), String> {
    if doc.max_id + 1 != inputs.next_id {
        return Err("the PDF gained objects while its structure tree was built".to_string());
    }
    doc.max_id = elements.last_id;
    let ids = &elements.ids;
    let pages = &inputs.pages;

    // The parent tree: each page's MCIDs to their elements, then each annotation to its link.
    let mut nums = Vec::new();
    for (index, marks) in tree.marks.iter().enumerate() {
        if marks.is_empty() {
            continue;
        }
        let parents = marks
            .iter()
            .map(|&node| ids[node as usize].map_or(Object::Null, Object::Reference))
            .collect();
        nums.push(Object::Integer(index as i64));
        nums.push(Object::Array(parents));
        if let Some(&page) = pages.get(index)
            && let Ok(dict) = doc.get_dictionary_mut(page)
        {
            dict.set("StructParents", Object::Integer(index as i64));
        }
    }
    let mut next_key = pages.len() as i64;
    for (page, links) in tree.annotations.iter().enumerate() {
        for (index, &link) in links.iter().enumerate() {
            let (Some(annot), Some(link_id)) = (
                inputs.annotation(page as u32, index as u32),
                ids[link as usize],
            ) else {
                continue;
            };
            let description = tree.node(link).description.trim();
            if let Ok(dict) = doc.get_dictionary_mut(annot) {
                dict.set("StructParent", Object::Integer(next_key));
                dict.set(
                    "Contents",
                    text(if description.is_empty() {
                        "Link"
                    } else {
                        description
                    }),
                );
                dict.set("F", Object::Integer(PRINT));
            }
            nums.push(Object::Integer(next_key));
            nums.push(Object::Reference(link_id));
            next_key += 1;
        }
    }
    // Tab order follows the structure on every page.
    for &page in pages {
        if let Ok(dict) = doc.get_dictionary_mut(page) {
            dict.set("Tabs", name("S"));
        }
    }
    let parent_tree = doc.add_object(Dictionary::from_iter(vec![("Nums", Object::Array(nums))]));
    let document = ids[Tree::ROOT as usize].ok_or("the structure tree has no root")?;
    doc.objects.insert(
        elements.root,
        Object::Dictionary(Dictionary::from_iter(vec![
            ("Type", name("StructTreeRoot")),
            ("K", Object::Array(vec![Object::Reference(document)])),
            ("ParentTree", Object::Reference(parent_tree)),
            ("ParentTreeNextKey", Object::Integer(next_key)),
        ])),
    );

    let mut xmp = Stream::new(
        Dictionary::from_iter(vec![("Type", name("Metadata")), ("Subtype", name("XML"))]),
        xmp(meta).into_bytes(),
    );
    // Left uncompressed, as metadata is meant to be readable by tools that do not parse PDF.
    xmp.allows_compression = false;
    let metadata = doc.add_object(xmp);

    let catalog_id = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|e| format!("the PDF has no catalog: {e}"))?;
    let catalog = doc
        .get_object_mut(catalog_id)
        .and_then(Object::as_dict_mut)
        .map_err(|e| format!("the PDF catalog cannot be read: {e}"))?;
    catalog.set(
        "MarkInfo",
        Dictionary::from_iter(vec![("Marked", Object::Boolean(true))]),
    );
    catalog.set("StructTreeRoot", Object::Reference(elements.root));
    catalog.set("Metadata", Object::Reference(metadata));
    Ok(())
}

/// The attributes an element's type needs: a figure's alternative text and box, a header
/// cell's scope, a list's numbering, a span's language.
fn attributes(dict: &mut Entries, role: &Role, bbox: Option<[f32; 4]>) {
    match role {
        Role::Span(lang) if !lang.is_empty() => dict.push("Lang", text(lang)),
        Role::Figure(alt) => {
            dict.push("Alt", text(alt));
            if let Some([x1, y1, x2, y2]) = bbox {
                dict.push(
                    "A",
                    Dictionary::from_iter(vec![
                        ("O", name("Layout")),
                        ("Placement", name("Block")),
                        (
                            "BBox",
                            Object::Array(vec![
                                Object::Real(x1),
                                Object::Real(y1),
                                Object::Real(x2),
                                Object::Real(y2),
                            ]),
                        ),
                    ]),
                );
            }
        }
        Role::TH(scope) => {
            let scope = match scope {
                Scope::Column => "Column",
                Scope::Row => "Row",
            };
            dict.push(
                "A",
                Dictionary::from_iter(vec![("O", name("Table")), ("Scope", name(scope))]),
            )
        }
        Role::L(numbering) => {
            let numbering = match numbering {
                Numbering::Disc => "Disc",
                Numbering::Decimal => "Decimal",
                Numbering::LowerAlpha => "LowerAlpha",
            };
            dict.push(
                "A",
                Dictionary::from_iter(vec![
                    ("O", name("List")),
                    ("ListNumbering", name(numbering)),
                ]),
            );
        }
        _ => {}
    }
}

/// Text for XML character data and attribute values (control characters dropped).
fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() && !matches!(c, '\t' | '\n') => {}
            c => out.push(c),
        }
    }
    out
}

/// `D:YYYYMMDDHHmmSSZ` → `YYYY-MM-DDTHH:mm:SSZ`.
fn xmp_date(pdf_date: &str) -> String {
    let d = pdf_date.trim_start_matches("D:");
    let part = |a: usize, b: usize| d.get(a..b).unwrap_or("00");
    format!(
        "{}-{}-{}T{}:{}:{}Z",
        d.get(0..4).unwrap_or("1970"),
        part(4, 6),
        part(6, 8),
        part(8, 10),
        part(10, 12),
        part(12, 14)
    )
}

/// The XMP packet: Dublin Core title (what PDF/UA readers show), creator, description and
/// language, the PDF producer and dates, and the PDF/UA-1 identification.
fn xmp(meta: &Metadata) -> String {
    let mut dc = format!(
        "<dc:format>application/pdf</dc:format>\n\
         <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:title>\n\
         <dc:language><rdf:Bag><rdf:li>{}</rdf:li></rdf:Bag></dc:language>\n",
        xml_escape(&meta.title),
        xml_escape(&meta.language)
    );
    if let Some(author) = &meta.author {
        dc.push_str(&format!(
            "<dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>\n",
            xml_escape(author)
        ));
    }
    if let Some(subject) = &meta.subject {
        dc.push_str(&format!(
            "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:description>\n",
            xml_escape(subject)
        ));
    }
    let mut pdf = format!(
        "<pdf:Producer>{}</pdf:Producer>\n",
        xml_escape(&meta.producer)
    );
    if let Some(keywords) = &meta.keywords {
        pdf.push_str(&format!(
            "<pdf:Keywords>{}</pdf:Keywords>\n",
            xml_escape(keywords)
        ));
    }
    let date = xmp_date(&meta.date);
    format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
         <x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
         <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
         <rdf:Description rdf:about=\"\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" \
         xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" \
         xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n\
         {dc}{pdf}\
         <xmp:CreatorTool>{}</xmp:CreatorTool>\n\
         <xmp:CreateDate>{date}</xmp:CreateDate>\n\
         <xmp:ModifyDate>{date}</xmp:ModifyDate>\n\
         <xmp:MetadataDate>{date}</xmp:MetadataDate>\n\
         <pdfuaid:part>1</pdfuaid:part>\n\
         </rdf:Description>\n\
         </rdf:RDF>\n\
         </x:xmpmeta>\n\
         <?xpacket end=\"w\"?>",
        xml_escape(&meta.creator)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xmp_escapes_text_and_converts_the_date() {
        let meta = Metadata {
            title: "Tom & Jerry <\"quoted\">".to_string(),
            author: None,
            subject: None,
            keywords: None,
            creator: "helpdoc".to_string(),
            producer: "helpdoc".to_string(),
            date: "D:20260301123456Z".to_string(),
            language: "en-US".to_string(),
        };
        let packet = xmp(&meta);
        assert!(packet.contains("Tom &amp; Jerry &lt;&quot;quoted&quot;&gt;"));
        assert!(packet.contains("<xmp:CreateDate>2026-03-01T12:34:56Z</xmp:CreateDate>"));
        assert!(packet.contains("<pdfuaid:part>1</pdfuaid:part>"));
    }
}
