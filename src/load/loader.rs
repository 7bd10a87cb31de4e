//! Loading a project's content in one call: the configuration, then every content file (from a folder, through the guarded reader, or from memory) to sources, documents and diagnostics.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::config::{CONFIG_FILE, ProjectConfig, WORDLIST_FILE, parse_config};
use super::documents::{LoadedFile, load_document, unreadable};
use super::schema_validation::SchemaValidators;
use super::{Limits, Project, ReadRoot, Syntax, discover_sized};
use crate::content::ContentSet;
use crate::data::DataFiles;
use crate::diag::{Diagnostic, FileId, SourceFile, SourceMap};

/// Options for loading.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Resource caps before the configuration's `[limits]` apply (they also cap reading the
    /// configuration itself).
    pub limits: Limits,
    /// The project the content belongs to, when there is one: its `helpdoc.toml` applies first,
    /// the content folder's over it (see [`super::config`]).
    pub project: Option<Project>,
    /// For `check`, which builds nothing: report what building would note without keeping the
    /// resolved publications (see [`crate::check::check_with`]).
    pub notes_only: bool,
}

/// A content file given in memory.
#[derive(Debug, Clone)]
pub struct ContentFile {
    /// Its path, relative to the content root (images it names are relative to it). Its syntax
    /// comes from its extension.
    pub path: PathBuf,
    /// Its text.
    pub text: String,
}

/// Everything loading produced: what `check` works on.
#[derive(Debug)]
pub struct Loaded {
    /// Every file read: configuration files, the word list and content files.
    pub sources: SourceMap,
    /// Problems found while loading (unreadable files, syntax, schema, configuration), unsorted.
    pub diagnostics: Vec<Diagnostic>,
    /// The documents that loaded (and the ids of those that did not).
    pub content: ContentSet,
    /// The configuration, both `helpdoc.toml` files merged, with the word list.
    pub config: ProjectConfig,
    /// The caps in force: the options' with the configuration's `[limits]` over them.
    pub limits: Limits,
    /// Each content file's id in [`Loaded::sources`], in the order they were found (for files
    /// given in memory: the order given).
    pub files: Vec<FileId>,
}

/// Failures that stop a run before content can be loaded.
#[derive(Debug)]
pub enum LoadError {
    /// The content folder is missing or unreadable.
    ContentFolder {
        /// The folder.
        path: PathBuf,
        /// Why.
        error: std::io::Error,
    },
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::ContentFolder { path, error } => {
                write!(
                    f,
                    "cannot read the content folder {}: {error}",
                    path.display()
                )
            }
        }
    }
}

impl std::error::Error for LoadError {}

/// What to do when the content folder cannot be read (the `help:` every command prints with it).
pub const CONTENT_FOLDER_HELP: &str =
    "run helpdoc from your project folder, or pass `--content DIR`";

impl LoadError {
    /// How to fix it, for a `help:` line.
    pub fn help(&self) -> &'static str {
        match self {
            LoadError::ContentFolder { .. } => CONTENT_FOLDER_HELP,
        }
    }
}

/// Loads the content folder at `root`: its configuration, then every content file under it.
pub fn load_folder(root: &Path, options: &LoadOptions) -> Result<Loaded, LoadError> {
    let folder_error = |error| LoadError::ContentFolder {
        path: root.to_path_buf(),
        error,
    };
    if !root.is_dir() {
        return Err(folder_error(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "no such folder",
        )));
    }
    let found = discover_sized(root).map_err(folder_error)?;
    let Prelude {
        folder,
        mut sources,
        mut diagnostics,
        config,
        limits,
    } = load_prelude(root, options)?;
    let mut total_bytes: u64 = 0;
    let mut to_load = Vec::new();
    for super::Found { path, size } in &found {
        total_bytes += size;
        if total_bytes > limits.max_total_bytes {
            diagnostics.push(
                Diagnostic::error(
                    "too-much-content",
                    format!(
                        "the content folder holds more than {} of content files; stopped reading at {}",
                        crate::diag::words::count(limits.max_total_bytes as usize, "byte"),
                        display_name(path)
                    ),
                )
                .help("raise `max_total_bytes` under `[limits]` in helpdoc.toml, or split the content into several folders"),
            );
            break;
        }
        if let Some(kind) = Kind::of(root, path) {
            to_load.push((path, kind));
        }
    }
    let validators = SchemaValidators::shared();
    // Files are read, parsed and validated on every core; each gets the id it would have had
    // loaded one by one, and results are taken in path order, so the output does not depend on
    // which thread finished first.
    let first_id = sources.len();
    let loaded: Vec<LoadedFile> = to_load
        .par_iter()
        .enumerate()
        .map(|(i, (path, kind))| {
            let file = FileId(first_id + i);
            load_file(&folder, path, kind, file, &limits, validators)
        })
        .collect();
    let (docs, invalid, data, files) = gather(loaded, &mut sources, &mut diagnostics);
    Ok(Loaded {
        sources,
        diagnostics,
        content: ContentSet::new(root.to_path_buf(), docs, invalid).with_data(data),
        config,
        limits,
        files,
    })
}

/// What loading a folder reads before its content files: the configuration.
pub struct Prelude {
    /// The content folder, for reading its files through the guards.
    pub folder: ReadRoot,
    /// The configuration files and word list read (content files follow them).
    pub sources: SourceMap,
    /// The configuration's problems.
    pub diagnostics: Vec<Diagnostic>,
    /// The configuration, both `helpdoc.toml` files merged, with the word list.
    pub config: ProjectConfig,
    /// The caps in force.
    pub limits: Limits,
}

/// Reads the configuration of the content folder `root` (see [`load_folder`], which reads the
/// content files after it; the incremental engine reads them one by one with [`load_file`]).
pub fn load_prelude(root: &Path, options: &LoadOptions) -> Result<Prelude, LoadError> {
    let folder =
        ReadRoot::new(root, "the content folder").map_err(|error| LoadError::ContentFolder {
            path: root.to_path_buf(),
            error,
        })?;
    let mut sources = SourceMap::new();
    let mut diagnostics = Vec::new();
    let (config, limits) = load_config(
        options,
        Some((root, &folder)),
        &mut sources,
        &mut diagnostics,
    );
    Ok(Prelude {
        folder,
        sources,
        diagnostics,
        config,
        limits,
    })
}

/// Reads, parses and validates the content file at `path` through the guarded reader of its
/// folder; it gets the id `file`.
pub fn load_file(
    folder: &ReadRoot,
    path: &Path,
    kind: &Kind,
    file: FileId,
    limits: &Limits,
    validators: &SchemaValidators,
) -> LoadedFile {
    let name = display_name(path);
    match folder.read(path, limits.max_file_bytes) {
        Ok(bytes) => kind.load(name, path, bytes, file, limits, validators),
        Err(refused) => {
            let mut loaded = LoadedFile::refused(name, file, &refused);
            if let Kind::Data(key) = kind {
                loaded.data = Some((key.clone(), None));
            }
            loaded
        }
    }
}

/// Loads content files given in memory (with the images they name, by path relative to the
/// content root), with the configuration of `config_folder` (its `helpdoc.toml` and word list,
/// when it has them) and of the options' project. Nothing is written anywhere.
pub fn load_memory(
    files: Vec<ContentFile>,
    images: BTreeMap<String, Vec<u8>>,
    config_folder: Option<&Path>,
    options: &LoadOptions,
) -> Loaded {
    let mut sources = SourceMap::new();
    let mut diagnostics = Vec::new();
    let folder = config_folder.and_then(|path| {
        ReadRoot::new(path, "the content folder")
            .ok()
            .map(|root| (path, root))
    });
    let (config, limits) = load_config(
        options,
        folder.as_ref().map(|(path, root)| (*path, root)),
        &mut sources,
        &mut diagnostics,
    );
    let validators = SchemaValidators::shared();
    let first_id = sources.len();
    let loaded: Vec<LoadedFile> = files
        .into_par_iter()
        .enumerate()
        .map(|(i, given)| {
            let file = FileId(first_id + i);
            let name = display_name(&given.path);
            // A file whose extension names no syntax is read as YAML, which JSON is a subset of.
            let kind = match crate::data::data_key(&given.path) {
                Some(key) => Kind::Data(key),
                None => Kind::Document(Syntax::of(&given.path).unwrap_or(Syntax::Yaml)),
            };
            let bytes = given.text.into_bytes();
            kind.load(name, &given.path, bytes, file, &limits, validators)
        })
        .collect();
    let (docs, invalid, data, files) = gather(loaded, &mut sources, &mut diagnostics);
    Loaded {
        sources,
        diagnostics,
        content: ContentSet::in_memory(docs, invalid, images).with_data(data),
        config,
        limits,
        files,
    }
}

type Gathered = (
    Vec<crate::content::ContentDoc>,
    Vec<crate::content::InvalidDoc>,
    DataFiles,
    Vec<FileId>,
);

/// What a file found under the content folder is read as.
pub enum Kind {
    /// A content document, in this syntax.
    Document(Syntax),
    /// A data file, with its key (see [`crate::data::data_key`]).
    Data(String),
}

impl Kind {
    /// What the file at `path` (under the content folder `root`) is: a data file (under
    /// `data/`), a content document (by its extension), or neither (`None`: not loaded). The one
    /// rule, for a full load and for the incremental engine alike.
    pub fn of(root: &Path, path: &Path) -> Option<Kind> {
        let data = path.strip_prefix(root).ok().and_then(crate::data::data_key);
        match (data, Syntax::of(path)) {
            (Some(key), _) => Some(Kind::Data(key)),
            (None, Some(syntax)) => Some(Kind::Document(syntax)),
            (None, None) => None,
        }
    }

    /// Reads the file's bytes as this kind.
    fn load(
        &self,
        name: String,
        path: &Path,
        bytes: Vec<u8>,
        file: FileId,
        limits: &Limits,
        validators: &SchemaValidators,
    ) -> LoadedFile {
        match self {
            Kind::Document(syntax) => {
                load_document(name, path, bytes, *syntax, file, limits, validators)
            }
            Kind::Data(key) => LoadedFile::data(name, key.clone(), bytes, file, limits),
        }
    }
}

/// Adds each loaded file to `sources` in order, and sorts its document into valid or invalid
/// (or its data set into loaded or broken).
fn gather(
    loaded: Vec<LoadedFile>,
    sources: &mut SourceMap,
    diagnostics: &mut Vec<Diagnostic>,
) -> Gathered {
    let mut docs = Vec::new();
    let mut invalid = Vec::new();
    let mut data = DataFiles::default();
    let mut files = Vec::with_capacity(loaded.len());
    for loaded in loaded {
        let file = sources.add(loaded.source);
        files.push(file);
        diagnostics.extend(loaded.diagnostics);
        match loaded.data {
            Some((key, Some(set))) => {
                debug_assert_eq!(set.file, file);
                data.sets.insert(key, set);
            }
            Some((key, None)) => {
                data.broken.insert(key);
            }
            None => {}
        }
        match loaded.doc {
            Some(Ok(doc)) => {
                debug_assert_eq!(doc.file, file);
                docs.push(doc);
            }
            Some(Err(doc)) => invalid.push(doc),
            None => {}
        }
    }
    (docs, invalid, data, files)
}

/// The configuration: the project's `helpdoc.toml`, then the content folder's over it (unless it
/// is the same file), then the content folder's word list; and the caps in force.
fn load_config(
    options: &LoadOptions,
    content: Option<(&Path, &ReadRoot)>,
    sources: &mut SourceMap,
    diagnostics: &mut Vec<Diagnostic>,
) -> (ProjectConfig, Limits) {
    let mut config = ProjectConfig::default();
    let content_config = content.map(|(root, _)| root.join(CONFIG_FILE));
    if let Some(project) = &options.project {
        let same = content_config
            .as_ref()
            .is_some_and(|c| same_file(c, &project.file));
        if !same {
            let file = sources.add(SourceFile::new(
                display_name(&project.file),
                project.text.clone(),
            ));
            apply(&mut config, file, sources, diagnostics);
        }
    }
    if let Some((root, folder)) = content {
        let read = |name, sources: &mut SourceMap, diagnostics: &mut Vec<Diagnostic>| {
            read_optional(root, folder, name, &options.limits, sources, diagnostics)
        };
        if let Some(file) = read(CONFIG_FILE, sources, diagnostics) {
            apply(&mut config, file, sources, diagnostics);
        }
        if let Some(file) = read(WORDLIST_FILE, sources, diagnostics) {
            config
                .spelling
                .read_wordlist(file, &sources.file(file).text);
        }
    }
    let limits = options.limits.with(&config.limits);
    (config, limits)
}

/// Parses the configuration file `file` and applies it over `config`; one that is invalid is an
/// error and changes nothing.
fn apply(
    config: &mut ProjectConfig,
    file: FileId,
    sources: &SourceMap,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let text = &sources.file(file).text;
    match parse_config(file, text) {
        Ok(parsed) => config.apply(file, text, parsed),
        Err(diagnostic) => diagnostics.push(*diagnostic),
    }
}

/// Whether two paths name the same existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    matches!((a.canonicalize(), b.canonicalize()), (Ok(a), Ok(b)) if a == b)
}

/// Reads the optional file `name` (`helpdoc.toml`, `wordlist.txt`) of the content folder and
/// adds it to `sources`. `None` when there is none, or when it was refused: then an `unreadable`
/// error names it (and its content, which may be anyone's secret, is not kept).
fn read_optional(
    root: &Path,
    folder: &ReadRoot,
    name: &str,
    limits: &Limits,
    sources: &mut SourceMap,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<FileId> {
    let path = root.join(name);
    match folder.read_text(&path, limits.max_file_bytes) {
        Ok(text) => Some(sources.add(SourceFile::new(display_name(&path), text))),
        Err(refused) if refused.is_missing() => None,
        Err(refused) => {
            let file = sources.add(SourceFile::new(display_name(&path), String::new()));
            diagnostics.push(unreadable(file, &refused));
            None
        }
    }
}

/// The path as shown in diagnostics: as given, with `/` separators.
pub fn display_name(path: &Path) -> String {
    let name = path.strip_prefix(".").unwrap_or(path).display().to_string();
    name.replace('\\', "/")
}
