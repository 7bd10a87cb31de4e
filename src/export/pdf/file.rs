//! The PDF file written from a lopdf document: the bytes of lopdf 0.44's `save_to`, with the objects serialized on every core.
//!
//! lopdf's writer formats every object through `std::fmt` and `dyn Write` on one thread; for the
//! guide that was a tenth of the PDF's instructions, on the critical path after everything else
//! is done. Here each object is serialized on its own (they do not depend on each other), then
//! the pieces are laid end to end and the cross-reference table takes their offsets. The layout
//! (header, `N G obj`, separators, `endstream`/`endobj`, the table's sections, the trailer) is
//! lopdf's, token for token ([`super::syntax`]), so the file is byte-identical to its.

use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};
use rayon::prelude::*;

use super::syntax;

/// One indirect object ready to be laid out: its head (`N G obj`, and the whole object or a
/// stream's dictionary), the stream's bytes (borrowed, copied once into the file), its tail.
pub struct Piece<'a> {
    id: ObjectId,
    head: Vec<u8>,
    content: &'a [u8],
    tail: &'static [u8],
}

/// A dictionary helpdoc builds only to write it: its entries in order, no index. lopdf's
/// `Dictionary` hashes each key into an index map as it is set, which for the thousand small
/// elements of a structure tree was most of the time spent making them.
#[derive(Debug, Clone, Default)]
pub struct Entries(Vec<(&'static str, Object)>);

impl Entries {
    /// Room for `count` entries.
    pub fn with_capacity(count: usize) -> Self {
        Entries(Vec::with_capacity(count))
    }

    /// Adds an entry at the end. Keys are the caller's constants, each used once.
    pub fn push(&mut self, key: &'static str, value: impl Into<Object>) {
        self.0.push((key, value.into()));
    }
}

/// Where an indirect object's value is: in the document, or written by helpdoc as [`Entries`].
#[derive(Clone, Copy)]
enum Source<'a> {
    Object(&'a Object),
    Entries(&'a Entries),
}

/// Serializes every object of `doc` lopdf writes (all but object and cross-reference streams
/// and linearization dictionaries) and the dictionaries of `extra` (numbered apart from the
/// document's objects), on every core, in object order.
pub fn pieces<'a>(doc: &'a Document, extra: &'a [(ObjectId, Entries)]) -> Vec<Piece<'a>> {
    let mut objects: Vec<(ObjectId, Source<'a>)> = doc
        .objects
        .iter()
        .filter(|(_, object)| !skipped(object))
        .map(|(&id, object)| (id, Source::Object(object)))
        .chain(
            extra
                .iter()
                .map(|(id, entries)| (*id, Source::Entries(entries))),
        )
        .collect();
    // Two sorted runs: the sort merges them.
    objects.sort_by_key(|&(id, _)| id);
    objects
        .par_iter()
        .with_min_len(32)
        .map(|&(id, source)| match source {
            Source::Object(object) => piece(id, object),
            Source::Entries(entries) => {
                let mut head = header(id);
                head.extend_from_slice(b"<<");
                for (key, item) in &entries.0 {
                    entry(&mut head, key.as_bytes(), item);
                }
                head.extend_from_slice(b">>");
                Piece {
                    id,
                    head,
                    content: &[],
                    tail: b"\nendobj\n",
                }
            }
        })
        .collect()
}

/// Objects lopdf's writer leaves out: they describe a file's layout, which is written anew.
fn skipped(object: &Object) -> bool {
    object
        .type_name()
        .is_ok_and(|name| matches!(name, b"ObjStm" | b"XRef" | b"Linearized"))
}

/// `N G obj` and a line break.
fn header(id: ObjectId) -> Vec<u8> {
    let mut head = Vec::with_capacity(96);
    syntax::integer(&mut head, i64::from(id.0));
    head.push(b' ');
    syntax::integer(&mut head, i64::from(id.1));
    head.extend_from_slice(b" obj\n");
    head
}

fn piece(id: ObjectId, object: &Object) -> Piece<'_> {
    let mut head = header(id);
    if needs_separator(object) {
        head.push(b' ');
    }
    match object {
        Object::Stream(stream) => {
            dictionary(&mut head, &stream.dict);
            head.extend_from_slice(b"stream\n");
            Piece {
                id,
                head,
                content: &stream.content,
                tail: b"\nendstream \nendobj\n",
            }
        }
        _ => {
            value(&mut head, object);
            let tail: &[u8] = if needs_end_separator(object) {
                b" \nendobj\n"
            } else {
                b"\nendobj\n"
            };
            Piece {
                id,
                head,
                content: &[],
                tail,
            }
        }
    }
}

/// Writes the file: header, `pieces` (from [`pieces`] of the same `doc`), cross-reference
/// table and `trailer` (given apart, as the pieces borrow the document; `/Size` is set here
/// as lopdf sets it). Always a cross-reference table, as printpdf's documents ask for.
pub fn write(
    doc: &Document,
    mut trailer: Dictionary,
    pieces: Vec<Piece<'_>>,
) -> Result<Vec<u8>, String> {
    if doc.binary_mark.iter().any(|&byte| byte < 128) {
        return Err("the PDF cannot be written: invalid binary mark".to_string());
    }
    let size: usize = pieces
        .iter()
        .map(|p| p.head.len() + p.content.len() + p.tail.len())
        .sum();
    let mut out = Vec::with_capacity(size + 64 + pieces.len() * 20 + 256);
    out.extend_from_slice(b"%PDF-");
    out.extend_from_slice(doc.version.as_bytes());
    out.extend_from_slice(b"\n%");
    out.extend_from_slice(&doc.binary_mark);
    out.push(b'\n');

    // Each object number's offset (the last generation written wins, as in lopdf's table).
    let count = pieces.iter().map(|p| p.id.0).max().unwrap_or(0);
    let slots = (doc.max_id.max(count) as usize) + 1;
    let mut offsets: Vec<Option<(u32, u16)>> = vec![None; slots];
    for piece in pieces {
        let offset = u32::try_from(out.len())
            .map_err(|_| "the PDF cannot be written: it is larger than 4 GB".to_string())?;
        if let Some(slot) = offsets.get_mut(piece.id.0 as usize) {
            *slot = Some((offset, piece.id.1));
        }
        out.extend_from_slice(&piece.head);
        out.extend_from_slice(piece.content);
        out.extend_from_slice(piece.tail);
    }

    let xref_start = out.len();
    xref_table(&mut out, &offsets);
    trailer.set("Size", i64::from(doc.max_id) + 1);
    out.extend_from_slice(b"trailer\n");
    dictionary(&mut out, &trailer);
    out.extend_from_slice(b"\nstartxref\n");
    syntax::integer(&mut out, xref_start as i64);
    out.extend_from_slice(b"\n%%EOF");
    Ok(out)
}

/// The cross-reference table: object 0 (free), then one section per run of consecutive
/// object numbers that were written.
fn xref_table(out: &mut Vec<u8>, offsets: &[Option<(u32, u16)>]) {
    out.extend_from_slice(b"xref\n");
    let mut start = 0;
    let mut entries: Vec<Option<(u32, u16)>> = vec![None];
    for (id, entry) in offsets.iter().enumerate().skip(1) {
        if entries.is_empty() {
            start = id;
        }
        match entry {
            Some(entry) => entries.push(Some(*entry)),
            None if !entries.is_empty() => {
                section(out, start, &entries);
                entries.clear();
            }
            None => {}
        }
    }
    if !entries.is_empty() {
        section(out, start, &entries);
    }
}

/// `start count` and an entry per line: `offset(10) generation(5) n` or the free `65535 f`.
fn section(out: &mut Vec<u8>, start: usize, entries: &[Option<(u32, u16)>]) {
    syntax::integer(out, start as i64);
    out.push(b' ');
    syntax::integer(out, entries.len() as i64);
    out.push(b'\n');
    for entry in entries {
        match entry {
            Some((offset, generation)) => {
                padded(out, u64::from(*offset), 10);
                out.push(b' ');
                padded(out, u64::from(*generation), 5);
                out.extend_from_slice(b" n \n");
            }
            None => out.extend_from_slice(b"0000000000 65535 f \n"),
        }
    }
}

/// `number` with leading zeros to `width` digits (more digits when it needs them).
fn padded(out: &mut Vec<u8>, number: u64, width: usize) {
    let mut buffer = itoa::Buffer::new();
    let digits = buffer.format(number).as_bytes();
    out.extend(std::iter::repeat_n(
        b'0',
        width.saturating_sub(digits.len()),
    ));
    out.extend_from_slice(digits);
}

/// Values after which lopdf puts a space before the next token (they do not end in a delimiter).
fn needs_separator(object: &Object) -> bool {
    matches!(
        object,
        Object::Null
            | Object::Boolean(_)
            | Object::Integer(_)
            | Object::Real(_)
            | Object::Reference(_)
    )
}

/// Objects lopdf ends with a space before `endobj`.
fn needs_end_separator(object: &Object) -> bool {
    needs_separator(object) || matches!(object, Object::Name(_) | Object::Stream(_))
}

/// One direct value (a stream, which only occurs as an indirect object, as its whole text).
fn value(out: &mut Vec<u8>, object: &Object) {
    match object {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(true) => out.extend_from_slice(b"true"),
        Object::Boolean(false) => out.extend_from_slice(b"false"),
        Object::Integer(number) => syntax::integer(out, *number),
        Object::Real(number) => syntax::real(out, *number),
        Object::Name(name) => syntax::name(out, name),
        Object::String(text, StringFormat::Literal) => syntax::literal_string(out, text),
        Object::String(text, StringFormat::Hexadecimal) => syntax::hex_string(out, text),
        Object::Array(items) => {
            out.push(b'[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 && needs_separator(item) {
                    out.push(b' ');
                }
                value(out, item);
            }
            out.push(b']');
        }
        Object::Dictionary(dict) => dictionary(out, dict),
        Object::Stream(stream) => {
            dictionary(out, &stream.dict);
            out.extend_from_slice(b"stream\n");
            out.extend_from_slice(&stream.content);
            out.extend_from_slice(b"\nendstream");
        }
        Object::Reference((id, generation)) => {
            syntax::integer(out, i64::from(*id));
            out.push(b' ');
            syntax::integer(out, i64::from(*generation));
            out.extend_from_slice(b" R");
        }
    }
}

/// `<</Key value…>>`, in the dictionary's order.
fn dictionary(out: &mut Vec<u8>, dict: &Dictionary) {
    out.extend_from_slice(b"<<");
    for (key, item) in dict {
        entry(out, key, item);
    }
    out.extend_from_slice(b">>");
}

/// `/Key value` in a dictionary.
fn entry(out: &mut Vec<u8>, key: &[u8], item: &Object) {
    syntax::name(out, key);
    if needs_separator(item) {
        out.push(b' ');
    }
    value(out, item);
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::Stream;
    use lopdf::xref::XrefType;

    /// A document with every kind of object, a gap in the numbering and a skipped object stream.
    fn sample() -> Document {
        let mut doc = Document::with_version("1.7");
        doc.reference_table.cross_reference_type = XrefType::CrossReferenceTable;
        let reals = [
            0.0,
            -0.0,
            1.0,
            -3.0,
            0.1,
            595.2756,
            1e-7,
            1e20,
            8_388_608.0,
            -2.5,
        ];
        let objects = vec![
            Object::Null,
            Object::Boolean(true),
            Object::Integer(-3),
            Object::Array(reals.into_iter().map(Object::Real).collect()),
            Object::String(b"a (b) c) \\ (d \r".to_vec(), StringFormat::Literal),
            Object::String(b")(()(\\\r\n((x)".to_vec(), StringFormat::Literal),
            Object::String("Ünï".as_bytes().to_vec(), StringFormat::Hexadecimal),
            Object::Name((0..=255).collect()),
            Object::Reference((1, 0)),
            Object::Array(vec![
                Object::Integer(1),
                Object::Real(2.5),
                Object::Name(b"N".to_vec()),
                Object::Null,
                Object::Array(vec![]),
                Object::Reference((2, 0)),
            ]),
            Object::Dictionary(Dictionary::from_iter(vec![
                ("Type", Object::Name(b"Page".to_vec())),
                ("Count", Object::Integer(2)),
                ("Kids", Object::Array(vec![Object::Reference((3, 0))])),
                ("Open", Object::Boolean(false)),
            ])),
            Object::Stream(Stream::new(
                Dictionary::from_iter(vec![("Length", Object::Integer(3))]),
                b"ABC".to_vec(),
            )),
        ];
        for (index, object) in objects.into_iter().enumerate() {
            doc.objects.insert((index as u32 + 1, 0), object);
        }
        // A gap (13 and 14 missing), a later generation, and an object stream lopdf leaves out.
        doc.objects.insert((15, 2), Object::Integer(7));
        doc.objects.insert(
            (16, 0),
            Object::Stream(Stream::new(
                Dictionary::from_iter(vec![("Type", Object::Name(b"ObjStm".to_vec()))]),
                b"1 0".to_vec(),
            )),
        );
        doc.max_id = 18;
        doc.trailer.set("Root", Object::Reference((11, 0)));
        doc
    }

    /// The entries of a dictionary helpdoc writes itself (object 17).
    fn element() -> Vec<(&'static str, Object)> {
        vec![
            ("Type", Object::Name(b"StructElem".to_vec())),
            ("P", Object::Reference((11, 0))),
            ("K", Object::Integer(0)),
            ("Alt", Object::String(b"(x".to_vec(), StringFormat::Literal)),
        ]
    }

    #[test]
    fn writes_the_bytes_lopdf_writes() {
        let ours = sample();
        let mut entries = Entries::default();
        for (key, value) in element() {
            entries.push(key, value);
        }
        let extra = [((17, 0), entries)];
        let written = write(&ours, ours.trailer.clone(), pieces(&ours, &extra)).expect("writes");
        let mut theirs = sample();
        theirs.objects.insert(
            (17, 0),
            Object::Dictionary(Dictionary::from_iter(element())),
        );
        let mut expected = Vec::new();
        theirs.save_to(&mut expected).expect("lopdf writes");
        assert_eq!(
            String::from_utf8_lossy(&written),
            String::from_utf8_lossy(&expected)
        );
        assert_eq!(written, expected);
    }
}
