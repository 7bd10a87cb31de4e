//! `helpdoc check`: loads every content file, validates it against its schema, resolves references
//! across files and runs the content rules, collecting every problem in one run.

mod expansion;
pub mod locate;
mod references;
pub mod rules;
mod schema_validation;
pub mod suggest;

pub use references::{IMAGE_EXTENSIONS, image_problem};
pub use schema_validation::{SchemaValidators, slugify};

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::de::DeserializeOwned;

use crate::content::{ContentDoc, ContentSet};
use crate::diag::{Diagnostic, FileId, SourceFile, SourceMap};
use crate::load::{self, Limits, Node, Syntax};
use crate::model::{Document, DocumentFamily, Fragment, Publication, Topic};
use rules::{RuleConfig, RuleContext, run_rules};

/// The project configuration file, looked for in the content folder.
pub const CONFIG_FILE: &str = "helpdoc.toml";

/// Options for a check run.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Resource caps.
    pub limits: Limits,
}

/// Everything a check run produced.
#[derive(Debug)]
pub struct Checked {
    /// Every file read.
    pub sources: SourceMap,
    /// Every problem, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    /// The documents that loaded (including ones with semantic errors).
    pub content: ContentSet,
    /// How many content files were checked.
    pub files_checked: usize,
}

impl Checked {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Failures that stop a run before content can be checked (exit code 2).
#[derive(Debug)]
pub enum CheckError {
    /// The content folder is missing or unreadable.
    ContentFolder {
        /// The folder.
        path: PathBuf,
        /// Why.
        error: std::io::Error,
    },
}

impl std::fmt::Display for CheckError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CheckError::ContentFolder { path, error } => {
                write!(
                    f,
                    "cannot read the content folder {}: {error}",
                    path.display()
                )
            }
        }
    }
}

/// Checks the content folder at `root`.
pub fn check_folder(root: &Path, options: &CheckOptions) -> Result<Checked, CheckError> {
    let folder_error = |error| CheckError::ContentFolder {
        path: root.to_path_buf(),
        error,
    };
    if !root.is_dir() {
        return Err(folder_error(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "no such folder",
        )));
    }
    let paths = load::discover(root).map_err(folder_error)?;
    let validators = SchemaValidators::new();
    let mut sources = SourceMap::new();
    let mut diagnostics = Vec::new();
    let mut config = load_config(root, &mut sources, &mut diagnostics);
    load_wordlist(root, &mut config, &mut sources);
    let limits = options.limits.with(&config.limits);
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut total_bytes: u64 = 0;
    let mut to_load = Vec::new();
    for path in &paths {
        total_bytes += std::fs::metadata(path).map_or(0, |m| m.len());
        if total_bytes > limits.max_total_bytes {
            diagnostics.push(
                Diagnostic::error(
                    "too-much-content",
                    format!(
                        "the content folder holds more than {} bytes of content files; stopped reading at {}",
                        limits.max_total_bytes,
                        display_name(path)
                    ),
                )
                .help("raise `max_total_bytes` under `[limits]` in helpdoc.toml, or split the content into several folders"),
            );
            break;
        }
        if let Some(syntax) = Syntax::of(path) {
            to_load.push((path, syntax));
        }
    }
    // Files are read, parsed and validated on every core; each gets the id it would have had
    // loaded one by one, and results are taken in path order, so the output does not depend on
    // which thread finished first.
    let first_id = sources.len();
    let loaded: Vec<Loaded> = to_load
        .par_iter()
        .enumerate()
        .map(|(i, (path, syntax))| {
            let file = FileId(first_id + i);
            load_document(path, *syntax, file, &canonical_root, &limits, &validators)
        })
        .collect();
    let mut docs = Vec::new();
    for loaded in loaded {
        let file = sources.add(loaded.source);
        debug_assert!(loaded.doc.as_ref().is_none_or(|doc| doc.file == file));
        diagnostics.extend(loaded.diagnostics);
        docs.extend(loaded.doc);
    }
    let content = ContentSet::new(root.to_path_buf(), docs);
    let cx = RuleContext::new(&content, &sources, &config);
    let (references, findings) = rayon::join(
        || references::check_references(&content, &sources),
        || run_rules(&cx),
    );
    drop(cx);
    diagnostics.extend(references);
    diagnostics.extend(findings);
    diagnostics.extend(expansion::check_expansion(
        &content,
        limits.max_expanded_bytes,
    ));
    crate::diag::sort(&mut diagnostics, &sources);
    Ok(Checked {
        sources,
        diagnostics,
        content,
        files_checked: paths.len(),
    })
}

/// Reads `helpdoc.toml` from the content folder, if there is one.
fn load_config(
    root: &Path,
    sources: &mut SourceMap,
    diagnostics: &mut Vec<Diagnostic>,
) -> RuleConfig {
    let path = root.join(CONFIG_FILE);
    let Ok(text) = std::fs::read_to_string(&path) else {
        return RuleConfig::default();
    };
    let file = sources.add(SourceFile::new(display_name(&path), text));
    let text = &sources.file(file).text;
    match toml::from_str::<RuleConfig>(text) {
        Ok(config) => {
            for code in config.unknown_codes() {
                let at = text.find(code).map_or(0..0, |i| i..i + code.len());
                let known = rules::RULES.iter().map(|r| r.code());
                diagnostics.push(
                    Diagnostic::error("config", format!("`{code}` is not a content rule"))
                        .at(file, at, "unknown rule")
                        .maybe_help(suggest::did_you_mean(code, known)),
                );
            }
            config
        }
        Err(error) => {
            diagnostics.push(
                Diagnostic::error("config", format!("invalid {CONFIG_FILE}: {}", error.message()))
                    .at(file, error.span().unwrap_or(0..0), "here")
                    .help("write `[rules]` followed by lines such as `placeholder = \"warn\"` (levels: allow, warn, deny)"),
            );
            RuleConfig::default()
        }
    }
}

/// Reads the spelling word list (`wordlist.txt`) from the content folder, if there is one.
fn load_wordlist(root: &Path, config: &mut RuleConfig, sources: &mut SourceMap) {
    let path = root.join(rules::WORDLIST_FILE);
    if let Ok(text) = std::fs::read_to_string(&path) {
        let file = sources.add(SourceFile::new(display_name(&path), text));
        config
            .spelling
            .read_wordlist(file, &sources.file(file).text.clone());
    }
}

/// The path as shown in diagnostics: as given, with `/` separators.
pub fn display_name(path: &Path) -> String {
    let name = path.strip_prefix(".").unwrap_or(path).display().to_string();
    name.replace('\\', "/")
}

/// One content file after loading: its text, the document if it is valid, and its problems.
struct Loaded {
    source: SourceFile,
    doc: Option<ContentDoc>,
    diagnostics: Vec<Diagnostic>,
}

/// Reads, parses, validates and deserializes one file, which will have the id `file`.
fn load_document(
    path: &Path,
    syntax: Syntax,
    file: FileId,
    root: &Path,
    limits: &Limits,
    validators: &SchemaValidators,
) -> Loaded {
    let name = display_name(path);
    let mut diagnostics = Vec::new();
    let bytes =
        match inside_root(path, root).and_then(|()| read_capped(path, limits.max_file_bytes)) {
            Ok(bytes) => bytes,
            Err((message, help)) => {
                diagnostics.push(
                    Diagnostic::error("unreadable", message)
                        .at(file, 0..0, "")
                        .help(help),
                );
                return Loaded {
                    source: SourceFile::new(name, String::new()),
                    doc: None,
                    diagnostics,
                };
            }
        };
    let source = match load::decode(bytes) {
        Ok(text) => SourceFile::new(name, text),
        Err(failed) => {
            let (text, problem) = *failed;
            diagnostics.push(problem.into_diagnostic(file));
            return Loaded {
                source: SourceFile::new(name, text),
                doc: None,
                diagnostics,
            };
        }
    };
    let doc = parse_document(
        path,
        syntax,
        file,
        &source,
        limits,
        validators,
        &mut diagnostics,
    );
    Loaded {
        source,
        doc,
        diagnostics,
    }
}

/// Parses, validates and deserializes the text of one file.
fn parse_document(
    path: &Path,
    syntax: Syntax,
    file: FileId,
    source: &SourceFile,
    limits: &Limits,
    validators: &SchemaValidators,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<ContentDoc> {
    let node = match load::parse(source, syntax, limits) {
        Ok(node) => node,
        Err(problems) => {
            diagnostics.extend(problems.into_iter().map(|p| p.into_diagnostic(file)));
            return None;
        }
    };
    let kind = document_kind(file, &node, diagnostics)?;
    let value = node.to_json();
    let errors = validators.validate(kind, file, &node, &value);
    if !errors.is_empty() {
        diagnostics.extend(errors);
        return None;
    }
    schema_reference(file, &node, kind, diagnostics);
    let document = match DocumentFamily::of_kind(kind)? {
        DocumentFamily::Topic => {
            Document::Topic(deserialize::<Topic>(file, &node, value, diagnostics)?)
        }
        DocumentFamily::Fragment => {
            Document::Fragment(deserialize::<Fragment>(file, &node, value, diagnostics)?)
        }
        DocumentFamily::Publication => {
            Document::Publication(deserialize::<Publication>(file, &node, value, diagnostics)?)
        }
    };
    Some(ContentDoc {
        file,
        path: path.to_path_buf(),
        node,
        document,
    })
}

/// Refuses a content file that is a symbolic link resolving outside the (canonical) content folder.
/// Only the file itself can be a link: `load::discover` does not enter linked folders, so a plain
/// file needs no resolving (one `lstat` instead of one per path component).
fn inside_root(path: &Path, root: &Path) -> Result<(), (String, String)> {
    if path
        .symlink_metadata()
        .is_ok_and(|meta| !meta.file_type().is_symlink())
    {
        return Ok(());
    }
    let Ok(real) = path.canonicalize() else {
        return Ok(());
    };
    if real.starts_with(root) {
        Ok(())
    } else {
        Err((
            "this file is a symbolic link to a file outside the content folder".to_string(),
            "copy the file into the content folder instead of linking to it".to_string(),
        ))
    }
}

/// Reads a file unless it is larger than `cap`. Errors are (message, help).
fn read_capped(path: &Path, cap: u64) -> Result<Vec<u8>, (String, String)> {
    let unreadable = |e: std::io::Error| {
        (
            format!("cannot read this file: {e}"),
            "check that the file exists and that you may read it".to_string(),
        )
    };
    let metadata = std::fs::metadata(path).map_err(unreadable)?;
    if metadata.len() > cap {
        return Err((
            format!(
                "this file is {} bytes, more than the {cap}-byte limit for one content file",
                metadata.len()
            ),
            "split it into smaller topics, or raise `max_file_bytes` under `[limits]` in helpdoc.toml".to_string(),
        ));
    }
    std::fs::read(path).map_err(unreadable)
}

/// The document's `kind`, or a diagnostic saying why it has none helpdoc knows.
fn document_kind(
    file: FileId,
    node: &Node,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<&'static str> {
    let kinds = DocumentFamily::KINDS;
    let Some(entry) = node.entry("kind") else {
        let is_map = matches!(node.value, load::NodeValue::Map(_));
        let message = if is_map {
            "this file has no `kind`".to_string()
        } else {
            format!(
                "a content file must be a mapping of fields, but this one is {}",
                node.type_name()
            )
        };
        diagnostics.push(
            Diagnostic::error("schema", message)
                .at(
                    file,
                    node.span.start..node.span.start,
                    "expected `kind:` here",
                )
                .help(format!(
                    "start the file with `kind:` and one of: {}",
                    kinds.join(", ")
                )),
        );
        return None;
    };
    let written = entry.value.as_str().unwrap_or_default();
    match kinds.iter().find(|k| **k == written) {
        Some(kind) => Some(kind),
        None => {
            let help = suggest::did_you_mean(written, kinds)
                .unwrap_or_else(|| format!("use one of: {}", kinds.join(", ")));
            diagnostics.push(
                Diagnostic::error("schema", format!("unknown kind `{written}`"))
                    .at(
                        file,
                        entry.value.span.clone(),
                        format!("expected one of: {}", kinds.join(", ")),
                    )
                    .help(help),
            );
            None
        }
    }
}

/// Warns when `$schema` names another family's schema (the editor would then validate wrongly).
fn schema_reference(file: FileId, node: &Node, kind: &str, diagnostics: &mut Vec<Diagnostic>) {
    let Some(value) = node.get("$schema") else {
        return;
    };
    let Some(family) = DocumentFamily::of_kind(kind) else {
        return;
    };
    let expected = family.schema_file();
    let written = value.as_str().unwrap_or_default();
    if !written.ends_with(expected) {
        diagnostics.push(
            Diagnostic::warning(
                "schema-ref",
                format!("`$schema` should name `{expected}` for a {kind}"),
            )
            .at(file, value.span.clone(), "names another schema")
            .help(format!(
                "point `$schema` at the `{expected}` file in the schema folder"
            )),
        );
    }
}

fn deserialize<T: DeserializeOwned>(
    file: FileId,
    node: &Node,
    value: serde_json::Value,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<T> {
    match serde_json::from_value(value) {
        Ok(document) => Some(document),
        Err(error) => {
            diagnostics.push(
                Diagnostic::error(
                    "schema",
                    format!("this document does not match the model: {error}"),
                )
                .at(file, node.span.start..node.span.start, "")
                .help("this is a bug in helpdoc if the file passed its schema; please report it"),
            );
            None
        }
    }
}
