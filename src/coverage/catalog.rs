//! A product's error catalog: one file read through the guarded reader, decoded, and parsed by its format into entries with their places.

use std::ops::Range;
use std::path::Path;

use crate::diag::{Diagnostic, FileId, SourceFile, SourceMap};
use crate::load::{Limits, ParseProblem, ReadRoot, Refused};

/// One message in a catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogEntry {
    /// Its code: the JSON key (dotted when nested), PO `msgctxt`, Android `name` or Apple key.
    pub code: Option<String>,
    /// The message the product shows (PO: the `msgid`, the source text).
    pub message: String,
    /// Where the entry is written (its key, `msgctxt`/`msgid` line or start tag).
    pub span: Range<usize>,
}

/// The entries of one catalog file.
#[derive(Debug, Clone)]
pub struct Catalog {
    /// The file, in the run's source map.
    pub file: FileId,
    /// Its entries, in file order (none when it could not be parsed).
    pub entries: Vec<CatalogEntry>,
}

/// The catalog formats, told apart by the file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.json`: an object of code → message (nested objects give dotted codes), or a list of
    /// `{"code", "message"}` objects.
    Json,
    /// `.po` or `.pot`: gettext.
    Po,
    /// `.xml`: Android `strings.xml`.
    Android,
    /// `.strings`: Apple's `"key" = "value";`.
    AppleStrings,
    /// `.xcstrings`: Apple's string catalog (JSON).
    XcStrings,
}

impl Format {
    /// Every extension and its format, for the message that lists them.
    const EXTENSIONS: [(&'static str, Format); 6] = [
        ("json", Format::Json),
        ("po", Format::Po),
        ("pot", Format::Po),
        ("xml", Format::Android),
        ("strings", Format::AppleStrings),
        ("xcstrings", Format::XcStrings),
    ];

    /// The format of a catalog file, from its extension.
    pub fn of(path: &Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        Self::EXTENSIONS
            .iter()
            .find(|(e, _)| *e == extension)
            .map(|(_, f)| *f)
    }

    /// The extensions helpdoc reads as catalogs: ".json, .po, …".
    pub fn known_extensions() -> String {
        let list: Vec<String> = Self::EXTENSIONS
            .iter()
            .map(|(e, _)| format!(".{e}"))
            .collect();
        list.join(", ")
    }

    /// Parses decoded text.
    fn parse(
        self,
        source: &SourceFile,
        limits: &Limits,
    ) -> Result<Vec<CatalogEntry>, Vec<ParseProblem>> {
        let one = |problem| vec![problem];
        match self {
            Format::Json => super::json::parse(source, limits),
            Format::XcStrings => super::xcstrings::parse(source, limits),
            Format::Po => super::po::parse(&source.text).map_err(one),
            Format::Android => super::android::parse(&source.text).map_err(one),
            Format::AppleStrings => super::apple_strings::parse(&source.text).map_err(one),
        }
    }
}

/// Reads the catalog at `path` (a regular file inside its own folder, at most
/// `limits.max_file_bytes`) and parses it. A catalog that cannot be decoded or parsed is
/// returned with no entries and located errors; one that cannot be read is refused.
pub fn read(
    path: &Path,
    format: Format,
    limits: &Limits,
    sources: &mut SourceMap,
) -> Result<(Catalog, Vec<Diagnostic>), Refused> {
    let bytes = folder_of(path)?.read(path, limits.max_file_bytes)?;
    let name = crate::check::display_name(path);
    let (text, problem) = match decode(bytes) {
        Ok(text) => (text, None),
        Err(failed) => (failed.0, Some(failed.1)),
    };
    let file = sources.add(SourceFile::new(name, text));
    let mut catalog = Catalog {
        file,
        entries: Vec::new(),
    };
    let problems = match problem {
        Some(problem) => vec![problem],
        None => match format.parse(sources.file(file), limits) {
            Ok(entries) => {
                catalog.entries = entries;
                Vec::new()
            }
            Err(problems) => problems,
        },
    };
    let diagnostics = problems
        .into_iter()
        .map(|p| p.into_diagnostic(file))
        .collect();
    Ok((catalog, diagnostics))
}

/// The guarded root for a file named on the command line: the folder it is in, as the operating
/// system resolves it (so a symbolic link named as the catalog may not lead out of that folder).
pub fn folder_of(path: &Path) -> Result<ReadRoot, Refused> {
    let refuse = |error: std::io::Error| Refused {
        path: path.to_path_buf(),
        why: if error.kind() == std::io::ErrorKind::NotFound {
            crate::load::guarded::Why::Missing
        } else {
            crate::load::guarded::Why::Unreadable(error)
        },
    };
    let absolute = std::path::absolute(path).map_err(refuse)?;
    let folder = absolute.parent().unwrap_or(Path::new("/"));
    ReadRoot::new(folder, "the catalog's folder").map_err(refuse)
}

/// Decodes a catalog: UTF-8 (a byte-order mark dropped) or UTF-16 with a byte-order mark (as
/// Apple `.strings` files often are), line ends written as `\n`. A file that is neither is a
/// located problem (with whatever text could be read, for the snippet).
fn decode(bytes: Vec<u8>) -> Result<String, Box<(String, ParseProblem)>> {
    let utf16 = match bytes.get(..2) {
        Some([0xFF, 0xFE]) => Some(u16::from_le_bytes as fn([u8; 2]) -> u16),
        Some([0xFE, 0xFF]) => Some(u16::from_be_bytes as fn([u8; 2]) -> u16),
        _ => None,
    };
    if let Some(unit) = utf16 {
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|pair| unit([pair[0], pair.get(1).copied().unwrap_or(0)]))
            .collect();
        let text: String = char::decode_utf16(units.iter().copied())
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect();
        let text = crate::text::line_breaks::normalize_file(text);
        let broken = bytes.len() % 2 == 1 || text.contains(char::REPLACEMENT_CHARACTER);
        if broken {
            let at = text.find(char::REPLACEMENT_CHARACTER).unwrap_or(text.len());
            return Err(Box::new((
                text,
                ParseProblem::new(
                    "invalid-utf16",
                    at..at,
                    "the file starts with a UTF-16 byte-order mark but is not valid UTF-16 here",
                    "save the catalog again as UTF-8 or UTF-16 in your editor",
                ),
            )));
        }
        return Ok(text);
    }
    if bytes.contains(&0) {
        return Err(Box::new((
            String::new(),
            ParseProblem::new(
                "binary-file",
                0..0,
                "this file contains NUL bytes: it is UTF-16 without a byte-order mark, or not text",
                "save the catalog as UTF-8, or as UTF-16 with a byte-order mark",
            ),
        )));
    }
    crate::load::decode(bytes)
}

/// A syntax problem in a catalog, at `range`.
pub fn problem(range: Range<usize>, message: impl Into<String>, help: &str) -> ParseProblem {
    ParseProblem::new("catalog-syntax", range, message, help)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_with_a_bom_is_decoded_and_without_one_refused() {
        let mut le = vec![0xFF, 0xFE];
        le.extend(
            "\"a\" = \"é\";\r\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        );
        assert_eq!(decode(le).unwrap(), "\"a\" = \"é\";\n");
        let mut be = vec![0xFE, 0xFF];
        be.extend("x".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(be).unwrap(), "x");
        let bare: Vec<u8> = "x".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(decode(bare).unwrap_err().1.code, "binary-file");
        let lone = vec![0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00];
        assert_eq!(decode(lone).unwrap_err().1.code, "invalid-utf16");
    }
}
