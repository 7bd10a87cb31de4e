//! Loading a project: finding its root and configuration, and reading its content (from a folder or
//! from memory) through the guarded reader into sources, parsed and validated documents, and
//! diagnostics ([`load_folder`], [`load_memory`]). Also the pieces: discovery, decoding, and
//! parsing YAML or JSON into spanned node trees.

mod compiled_schemas;
pub mod config;
mod discover;
mod documents;
#[cfg(test)]
mod from_nodes_tests;
pub mod guarded;
mod json;
mod loader;
mod node;
mod node_de;
pub mod project;
mod salvage;
mod schema_validation;
mod yaml;
#[cfg(test)]
mod yaml_fast_path;

/// Every YAML or JSON file under the repository's `folders` (relative to its root), sorted: the
/// inputs the loading tests compare two ways of reading on.
#[cfg(test)]
fn repository_files(folders: &[&str]) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pending: Vec<PathBuf> = folders.iter().map(|folder| root.join(folder)).collect();
    let mut found = Vec::new();
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for path in entries.flatten().map(|entry| entry.path()) {
            if path.is_dir() {
                pending.push(path);
            } else if Syntax::of(&path).is_some() {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

pub use config::{CONFIG_FILE, ConfigFile, Dimension, Level, ProjectConfig, WORDLIST_FILE};
pub use discover::{Found, discover, discover_sized};
pub use documents::LoadedFile;
pub use guarded::{ReadRoot, Refused};
pub use loader::{
    CONTENT_FOLDER_HELP, ContentFile, Kind, LoadError, LoadOptions, Loaded, Prelude, display_name,
    load_file, load_folder, load_memory, load_prelude,
};
pub use node::{Entry, Located, Node, NodeValue};
pub use project::{Project, ProjectError, find_project};
pub use schema_validation::{SchemaValidators, Validated};

use std::ops::Range;
use std::path::Path;
#[cfg(test)]
use std::path::PathBuf;

use crate::diag::{Diagnostic, FileId, SourceFile};
use crate::text::line_breaks::normalize_file;

/// Caps that keep hostile input from exhausting time or memory. Defaults are documented in the
/// README; a project changes them under `[limits]` in `helpdoc.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Largest content file read, in bytes.
    pub max_file_bytes: u64,
    /// Deepest nesting of lists and mappings.
    pub max_depth: usize,
    /// Largest total size of all content files, in bytes.
    pub max_total_bytes: u64,
    /// Largest size the publications expand to together, in bytes, once fragments are
    /// included and variables filled (measured by [`crate::resolve::budget`]: text bytes plus
    /// [`crate::resolve::budget::NODE_BYTES`] per text, include and reference).
    ///
    /// Every exporter's output and memory stay within a fixed multiple of this size: each
    /// built-in format writes at most [`OUTPUT_MULTIPLE`] times it, and a build's peak memory
    /// is at most [`MEMORY_MULTIPLE`] times it on top of what loading the content takes (both
    /// checked by the `resource_bounds` tests). 500 copies of the shipped guide expand to
    /// 36 MiB; the default leaves room for about twice that.
    pub max_expanded_bytes: u64,
}

/// How many times its expanded size (see [`Limits::max_expanded_bytes`]) one built-in format's
/// output can be, at most. The tagged PDF sets it: besides its drawing operations, every
/// paragraph, list item and table cell has a structure element, a marked-content sequence and a
/// parent-tree entry (a 20,000-item list writes about 16 times its expanded size); the text
/// formats stay under 8.
pub const OUTPUT_MULTIPLE: u64 = 24;

/// How many times the expanded size (see [`Limits::max_expanded_bytes`]) a build's peak memory
/// can be, at most, on top of the loaded content. The PDF exporter sets it: it holds every
/// page's layout, drawing operations and PDF objects (about 200 bytes per expanded byte for a
/// list of short items), where the other formats need a few times the text.
pub const MEMORY_MULTIPLE: u64 = 256;

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 16 * 1024 * 1024,
            max_depth: 64,
            max_total_bytes: 1024 * 1024 * 1024,
            max_expanded_bytes: 64 * 1024 * 1024,
        }
    }
}

/// The `[limits]` table of `helpdoc.toml`: any cap left out keeps its default (see [`Limits`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LimitsConfig {
    /// Largest content file read, in bytes (default 16 MiB).
    pub max_file_bytes: Option<u64>,
    /// Deepest nesting of lists and mappings in a content file (default 64).
    pub max_depth: Option<usize>,
    /// Largest total size of all content files, in bytes (default 1 GiB).
    pub max_total_bytes: Option<u64>,
    /// Largest size the publications expand to together once fragments are included and
    /// variables filled, in bytes (default 64 MiB).
    pub max_expanded_bytes: Option<u64>,
}

impl Limits {
    /// These limits with the configured ones applied over them.
    pub fn with(&self, config: &LimitsConfig) -> Limits {
        Limits {
            max_file_bytes: config.max_file_bytes.unwrap_or(self.max_file_bytes),
            max_depth: config.max_depth.unwrap_or(self.max_depth),
            max_total_bytes: config.max_total_bytes.unwrap_or(self.max_total_bytes),
            max_expanded_bytes: config.max_expanded_bytes.unwrap_or(self.max_expanded_bytes),
        }
    }
}

/// The syntax of a content file, from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// `.yaml` or `.yml`.
    Yaml,
    /// `.json`.
    Json,
}

impl Syntax {
    /// The syntax for a path, if it is a content file.
    pub fn of(path: &Path) -> Option<Syntax> {
        match path.extension()?.to_str()? {
            "yaml" | "yml" => Some(Syntax::Yaml),
            "json" => Some(Syntax::Json),
            _ => None,
        }
    }
}

/// A parse failure at a byte range, before it is attached to a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseProblem {
    /// Diagnostic code.
    pub code: &'static str,
    /// Where.
    pub range: Range<usize>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// A second place and its label.
    pub related: Option<(Range<usize>, String)>,
}

impl ParseProblem {
    pub(crate) fn new(
        code: &'static str,
        range: Range<usize>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Self {
        ParseProblem {
            code,
            range,
            message: message.into(),
            help: Some(help.into()),
            related: None,
        }
    }

    fn syntax(range: Range<usize>, message: String) -> Self {
        ParseProblem {
            code: "yaml-syntax",
            range,
            message,
            help: None,
            related: None,
        }
    }

    fn with_code(mut self, code: &'static str) -> Self {
        self.code = code;
        self
    }

    fn with_related(mut self, range: Range<usize>, label: &str) -> Self {
        self.related = Some((range, label.to_string()));
        self
    }

    fn empty_file() -> Self {
        ParseProblem::new(
            "empty-file",
            0..0,
            "the file is empty",
            "write a document starting with `kind:` and `id:`, or delete the file",
        )
    }

    /// Attaches the problem to a file.
    pub fn into_diagnostic(self, file: FileId) -> Diagnostic {
        let label = match self.code {
            "duplicate-key" => "written again here",
            "empty-file" => "",
            _ => "here",
        };
        let mut diagnostic = Diagnostic::error(self.code, self.message).at(file, self.range, label);
        if let Some((range, text)) = self.related {
            diagnostic = diagnostic.also(file, range, text);
        }
        diagnostic.maybe_help(self.help)
    }
}

/// Decodes a content file's bytes: strips a UTF-8 BOM, refuses binary and non-UTF-8 files with a
/// problem that points at the first bad byte, and writes `\r\n` and bare `\r` line ends as `\n`
/// (see [`crate::text::line_breaks::normalize_file`]), so the parser, the diagnostics and every
/// exporter count the same lines as the writer's editor.
pub fn decode(bytes: Vec<u8>) -> Result<String, Box<(String, ParseProblem)>> {
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    if bytes.contains(&0) {
        // Binary data makes no readable snippet: report the file without one.
        return Err(Box::new((
            String::new(),
            ParseProblem::new(
                "binary-file",
                0..0,
                "this looks like a binary file (it contains a NUL byte), not YAML or JSON text",
                "content files must be UTF-8 text; move other files out of the content folder or give them another extension",
            ),
        )));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(normalize_file(text)),
        Err(error) => {
            let valid = error.utf8_error().valid_up_to();
            let bad = error.as_bytes()[valid];
            let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
            // The bytes before `valid` are the same in the lossy text: find where they end once
            // their line ends are normalized.
            let at = normalize_file(text[..valid].to_string()).len();
            Err(Box::new((
                normalize_file(text),
                ParseProblem::new(
                    "invalid-utf8",
                    at..at + char::REPLACEMENT_CHARACTER.len_utf8(),
                    format!("the file is not valid UTF-8 (byte 0x{bad:02X} at offset {valid})"),
                    "save the file as UTF-8 in your editor (it may be Windows-1252 or Latin-1)",
                ),
            )))
        }
    }
}

/// Parses decoded text as YAML or JSON.
pub fn parse(
    source: &SourceFile,
    syntax: Syntax,
    limits: &Limits,
) -> Result<Node, Vec<ParseProblem>> {
    if source.text.trim().is_empty() {
        return Err(vec![ParseProblem::empty_file()]);
    }
    match syntax {
        Syntax::Yaml => yaml::parse(source, limits),
        Syntax::Json => json::parse(source, limits),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_skipped() {
        assert_eq!(decode(b"\xEF\xBB\xBFid: x".to_vec()).unwrap(), "id: x");
    }

    #[test]
    fn carriage_returns_become_newlines() {
        assert_eq!(decode(b"a\r\nb\rc\n".to_vec()).unwrap(), "a\nb\nc\n");
        let (text, problem) = *decode(b"a\r\nb: caf\xE9\r\n".to_vec()).unwrap_err();
        assert_eq!(&text[problem.range], "\u{FFFD}");
    }

    #[test]
    fn invalid_utf8_points_at_the_byte() {
        let (_, problem) = *decode(b"id: caf\xE9\n".to_vec()).unwrap_err();
        assert_eq!(problem.code, "invalid-utf8");
        assert_eq!(problem.range, 7..10);
    }
}
