//! `helpdoc check`: loads every content file, validates it against its schema, resolves references
//! across files and runs the content rules, collecting every problem in one run.

mod expansion;
pub mod locate;
pub mod publishing;
mod references;
pub mod rules;
mod salvage;
mod schema_validation;
pub mod suggest;

pub use references::{IMAGE_EXTENSIONS, image_problem};
pub use schema_validation::{SchemaValidators, Validated, slugify};

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::de::DeserializeOwned;

use crate::content::{ContentDoc, ContentSet, InvalidDoc};
use crate::diag::{Diagnostic, FileId, SourceFile, SourceMap};
use crate::load::guarded::Why;
use crate::load::{self, Limits, Node, ReadRoot, Refused, Syntax};
use crate::model::{Document, DocumentFamily, Fragment, Publication, Topic};
use rules::{RuleConfig, RuleContext, run_rules};

/// The project configuration file, looked for in the content folder.
pub const CONFIG_FILE: &str = "helpdoc.toml";

/// Options for a check run.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Resource caps.
    pub limits: Limits,
    /// Only report what building would note, without keeping the resolved publications
    /// ([`Checked::publications`] stays empty): for `check`, which builds nothing.
    pub notes_only: bool,
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
    /// Every publication resolved, for `build` to export; empty when the content has errors
    /// (nothing is built then).
    pub publications: Vec<crate::resolve::ResolvedPublication>,
    /// The project configuration, for the levels of notes found during export.
    pub config: RuleConfig,
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

impl std::error::Error for CheckError {}

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
    let folder = ReadRoot::new(root, "the content folder").map_err(folder_error)?;
    let validators = SchemaValidators::new();
    let mut sources = SourceMap::new();
    let mut diagnostics = Vec::new();
    let project = Project {
        root,
        folder: &folder,
    };
    let mut config = load_config(&project, &options.limits, &mut sources, &mut diagnostics);
    let limits = options.limits.with(&config.limits);
    load_wordlist(
        &project,
        &limits,
        &mut config,
        &mut sources,
        &mut diagnostics,
    );
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
            load_document(path, *syntax, file, &folder, &limits, &validators)
        })
        .collect();
    let mut docs = Vec::new();
    let mut invalid = Vec::new();
    for loaded in loaded {
        let file = sources.add(loaded.source);
        diagnostics.extend(loaded.diagnostics);
        match loaded.doc {
            Some(Ok(doc)) => {
                debug_assert_eq!(doc.file, file);
                docs.push(doc);
            }
            Some(Err(doc)) => invalid.push(doc),
            None => {}
        }
    }
    let content = ContentSet::new(root.to_path_buf(), docs, invalid);
    let cx = RuleContext::new(&content, &sources, &config);
    let (references, findings) = rayon::join(
        || references::check_references(&content, &sources),
        || run_rules(&cx),
    );
    drop(cx);
    diagnostics.extend(references);
    diagnostics.extend(findings);
    // Checked before anything is expanded: resolving below would build what it measures.
    diagnostics.extend(expansion::check_expansion(
        &content,
        limits.max_expanded_bytes,
    ));
    // What building would note, on content that can be built (`build` stops before on errors).
    let mut publications = Vec::new();
    if !diagnostics.iter().any(Diagnostic::is_error) {
        let notes = if options.notes_only {
            crate::publish::notes(&content)
        } else {
            let prepared = crate::publish::prepare(&content);
            publications = prepared.publications;
            prepared.notes
        };
        diagnostics.extend(publishing::note_diagnostics(
            notes, &content, &sources, &config,
        ));
    }
    crate::diag::sort(&mut diagnostics, &sources);
    Ok(Checked {
        sources,
        diagnostics,
        content,
        files_checked: paths.len(),
        publications,
        config,
    })
}

/// Reads `helpdoc.toml` from the content folder, if there is one. One that cannot be read (a
/// link out of the folder, a FIFO, too large) is an error, not silently left out.
fn load_config(
    project: &Project,
    limits: &Limits,
    sources: &mut SourceMap,
    diagnostics: &mut Vec<Diagnostic>,
) -> RuleConfig {
    let Some(file) = project.read_optional(CONFIG_FILE, limits, sources, diagnostics) else {
        return RuleConfig::default();
    };
    let text = &sources.file(file).text;
    match toml::from_str::<RuleConfig>(text) {
        Ok(config) => {
            for code in config.unknown_codes() {
                let at = text.find(code).map_or(0..0, |i| i..i + code.len());
                let known = rules::all_codes();
                diagnostics.push(
                    Diagnostic::error("config", format!("`{code}` is not a rule"))
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
fn load_wordlist(
    project: &Project,
    limits: &Limits,
    config: &mut RuleConfig,
    sources: &mut SourceMap,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if let Some(file) = project.read_optional(rules::WORDLIST_FILE, limits, sources, diagnostics) {
        config
            .spelling
            .read_wordlist(file, &sources.file(file).text.clone());
    }
}

/// The content folder as given (for the names in diagnostics) and as a root to read from.
struct Project<'a> {
    root: &'a Path,
    folder: &'a ReadRoot,
}

impl Project<'_> {
    /// Reads the optional project file `name` (`helpdoc.toml`, `wordlist.txt`) and adds it to
    /// `sources`. `None` when there is none, or when it was refused: then an `unreadable` error
    /// names it (and its content, which may be anyone's secret, is not kept).
    fn read_optional(
        &self,
        name: &str,
        limits: &Limits,
        sources: &mut SourceMap,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<FileId> {
        let path = self.root.join(name);
        match self.folder.read_text(&path, limits.max_file_bytes) {
            Ok(text) => Some(sources.add(SourceFile::new(display_name(&path), text))),
            Err(refused) if refused.is_missing() => None,
            Err(refused) => {
                let file = sources.add(SourceFile::new(display_name(&path), String::new()));
                diagnostics.push(unreadable(file, &refused));
                None
            }
        }
    }
}

/// The diagnostic for a file the guarded reader refused, attached to `file` (which has no text).
fn unreadable(file: FileId, refused: &Refused) -> Diagnostic {
    let (message, help) = match refused.why {
        Why::TooLarge { .. } => (
            format!("{} for one content file", refused.reason()),
            "split it into smaller files, or raise `max_file_bytes` under `[limits]` in helpdoc.toml".to_string(),
        ),
        _ => (refused.reason(), refused.help()),
    };
    Diagnostic::error("unreadable", message)
        .at(file, 0..0, "")
        .help(help)
}

/// The path as shown in diagnostics: as given, with `/` separators.
pub fn display_name(path: &Path) -> String {
    let name = path.strip_prefix(".").unwrap_or(path).display().to_string();
    name.replace('\\', "/")
}

/// One content file after loading: its text, the document (if it is valid; else its id, if that
/// can be read), and its problems.
struct Loaded {
    source: SourceFile,
    doc: Option<Result<ContentDoc, InvalidDoc>>,
    diagnostics: Vec<Diagnostic>,
}

/// Reads, parses, validates and deserializes one file, which will have the id `file`.
fn load_document(
    path: &Path,
    syntax: Syntax,
    file: FileId,
    folder: &ReadRoot,
    limits: &Limits,
    validators: &SchemaValidators,
) -> Loaded {
    let name = display_name(path);
    let mut diagnostics = Vec::new();
    let bytes = match folder.read(path, limits.max_file_bytes) {
        Ok(bytes) => bytes,
        Err(refused) => {
            diagnostics.push(unreadable(file, &refused));
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
            let doc = salvage::from_text(file, &text, syntax).map(Err);
            return Loaded {
                source: SourceFile::new(name, text),
                doc,
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
    )
    .map_or_else(
        |unloaded| match unloaded.node {
            Some(node) => salvage::from_tree(file, &node, unloaded.kind).map(Err),
            None => salvage::from_text(file, &source.text, syntax).map(Err),
        },
        |doc| Some(Ok(doc)),
    );
    Loaded {
        source,
        doc,
        diagnostics,
    }
}

/// What is known of a file that is not a valid document.
struct Unloaded {
    /// Its tree, if it parsed.
    node: Option<Node>,
    /// Its kind, when it is one helpdoc knows and fits the file.
    kind: Option<&'static str>,
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
) -> Result<ContentDoc, Unloaded> {
    let node = match load::parse(source, syntax, limits) {
        Ok(node) => node,
        Err(problems) => {
            diagnostics.extend(problems.into_iter().map(|p| p.into_diagnostic(file)));
            return Err(Unloaded {
                node: None,
                kind: None,
            });
        }
    };
    let Some(kind) = document_kind(file, &node, diagnostics) else {
        return Err(Unloaded {
            node: Some(node),
            kind: None,
        });
    };
    let value = node.to_json();
    let validated = validators.validate(kind, file, &node, &value);
    if !validated.diagnostics.is_empty() {
        diagnostics.extend(validated.diagnostics);
        return Err(Unloaded {
            node: Some(node),
            kind: validated.kind_fits.then_some(kind),
        });
    }
    schema_reference(file, &node, kind, diagnostics);
    let document = match DocumentFamily::of_kind(kind) {
        Some(DocumentFamily::Topic) => {
            deserialize::<Topic>(file, &node, value, diagnostics).map(Document::Topic)
        }
        Some(DocumentFamily::Fragment) => {
            deserialize::<Fragment>(file, &node, value, diagnostics).map(Document::Fragment)
        }
        Some(DocumentFamily::Publication) => {
            deserialize::<Publication>(file, &node, value, diagnostics).map(Document::Publication)
        }
        None => None,
    };
    let Some(document) = document else {
        return Err(Unloaded {
            node: Some(node),
            kind: Some(kind),
        });
    };
    Ok(ContentDoc {
        file,
        path: path.to_path_buf(),
        node,
        document,
    })
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
                format!(
                    "`$schema` should name `{expected}` for {}",
                    crate::diag::words::with_article(kind)
                ),
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
