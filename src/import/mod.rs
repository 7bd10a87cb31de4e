//! `helpdoc import`: turns Docusaurus Markdown drafts into typed content files (topics and one
//! publication per page), keeping a map from every imported text back to the draft.
//!
//! Headings become topics by their form ("How do I …?" → procedure, "What is …?" / "Why …?" →
//! concept, "… the 'X' error" and headings under "Error resolution" → error, headings under
//! "Prerequisites" → prerequisite); groups of headings become publication sections. Nothing is
//! invented: what cannot be mapped is kept as paragraphs and reported as a note.

mod classify;
mod frontmatter;
pub mod lint;
mod mapped;
mod markdown;
mod page;
pub mod source_map;
mod yaml_out;

use std::path::{Component, Path, PathBuf};

use crate::check::display_name;
use crate::diag::SourceFile;
use page::{Ids, ImageCopy, PageConverter};
use source_map::DraftMap;
use yaml_out::{Y, write_document};

/// Something the importer did that the writer should know about (a heading it could not map,
/// content it kept as paragraphs), at a byte offset of the draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Byte offset in the draft.
    pub at: usize,
    /// What happened.
    pub message: String,
}

/// A draft page read from disk.
#[derive(Debug, Clone)]
pub struct DraftPage {
    /// The path as given.
    pub path: PathBuf,
    /// The path as shown to the writer.
    pub name: String,
    /// The text.
    pub text: String,
}

/// One generated file.
#[derive(Debug, Clone)]
pub struct Generated {
    /// Path inside the output folder, `/`-separated.
    pub rel_path: String,
    /// The YAML text.
    pub text: String,
    /// The map back to the draft.
    pub map: DraftMap,
    /// Index of the draft page it came from.
    pub page: usize,
}

/// Everything an import produced, before anything is written.
#[derive(Debug, Clone, Default)]
pub struct Conversion {
    /// The files, in page order.
    pub files: Vec<Generated>,
    /// Notes for the writer: (page index, note).
    pub notes: Vec<(usize, Note)>,
    /// Images to copy: (page index, copy).
    pub images: Vec<(usize, ImageCopy)>,
}

impl Conversion {
    /// The images that exist next to their drafts: (source file, path inside the output folder);
    /// a note for each one that does not.
    pub fn image_files(&mut self, pages: &[DraftPage]) -> Vec<(PathBuf, String)> {
        let mut found = Vec::new();
        for (page, copy) in &self.images {
            let Some(draft) = pages.get(*page) else {
                continue;
            };
            let from = draft.path.parent().unwrap_or(Path::new("")).join(&copy.src);
            if from.is_file() {
                found.push((from, copy.to.clone()));
            } else {
                self.notes.push((
                    *page,
                    Note {
                        at: copy.at,
                        message: format!("the image `{}` was not found next to the draft; put it at {} in the output folder", copy.src, copy.to),
                    },
                ));
            }
        }
        found
    }
}

/// Where `$schema` points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemaLocation {
    /// A base URL (or any prefix) to which the schema file name is appended.
    Url(String),
    /// The project's schema folder (absolute): written as a path relative to each file.
    Dir(PathBuf),
}

/// Options for `helpdoc import`.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The draft pages.
    pub pages: Vec<PathBuf>,
    /// The output folder.
    pub out: PathBuf,
    /// Overwrite existing files.
    pub force: bool,
    /// Where `$schema` points, if not the project's `schema/` folder.
    pub schema_url: Option<String>,
}

/// What an import did.
#[derive(Debug, Clone)]
pub struct ImportSummary {
    /// The files written, as paths.
    pub written: Vec<PathBuf>,
    /// Of those, how many replaced an existing file.
    pub overwritten: usize,
    /// The notes, rendered as `page:line:col: note: …`.
    pub notes: Vec<String>,
    /// A note about `$schema`, when no schema folder was found.
    pub schema_note: Option<String>,
}

/// Why an import stopped before writing anything.
#[derive(Debug)]
pub enum ImportError {
    /// A draft could not be read.
    Read(PathBuf, String),
    /// Files exist and `--force` was not given.
    Exists(Vec<PathBuf>),
    /// Writing failed.
    Write(PathBuf, std::io::Error),
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::Read(path, why) => write!(f, "cannot read {}: {why}", path.display()),
            ImportError::Exists(paths) => {
                let list: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
                write!(
                    f,
                    "{} file(s) already exist and were left alone: {}",
                    paths.len(),
                    list.join(", ")
                )
            }
            ImportError::Write(path, error) => {
                write!(f, "cannot write {}: {error}", path.display())
            }
        }
    }
}

/// Reads draft pages (UTF-8 text).
pub fn read_pages(paths: &[PathBuf]) -> Result<Vec<DraftPage>, ImportError> {
    paths
        .iter()
        .map(|path| {
            let bytes =
                std::fs::read(path).map_err(|e| ImportError::Read(path.clone(), e.to_string()))?;
            let bytes = bytes
                .strip_prefix(b"\xEF\xBB\xBF")
                .map(<[u8]>::to_vec)
                .unwrap_or(bytes);
            let text = String::from_utf8(bytes).map_err(|e| {
                ImportError::Read(
                    path.clone(),
                    format!(
                        "it is not UTF-8 text (bad byte at offset {}); save it as UTF-8",
                        e.utf8_error().valid_up_to()
                    ),
                )
            })?;
            Ok(DraftPage {
                path: path.clone(),
                name: display_name(path),
                // Line ends as content files have them, so notes point at the editor's lines.
                text: crate::text::line_breaks::normalize_file(text),
            })
        })
        .collect()
}

/// Converts pages into files (nothing is written). `out` is where they will go (for `$schema`).
pub fn convert(pages: &[DraftPage], schema: &SchemaLocation, out: &Path) -> Conversion {
    let mut ids = Ids::default();
    for id in existing_ids(out) {
        ids.reserve(&id);
    }
    let mut conversion = Conversion::default();
    let absolute_out = absolute(out);
    for (index, page) in pages.iter().enumerate() {
        let mut notes = Vec::new();
        let front = frontmatter::split(&page.text, &mut notes);
        let body = markdown::parse_body(&page.text, front.body_start, &mut notes);
        let stem = page
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "page".into());
        let (docs, more, images) =
            PageConverter::new(&page.text, &page.name, &stem, &mut ids).convert(&front, body);
        notes.extend(more);
        conversion
            .images
            .extend(images.into_iter().map(|i| (index, i)));
        notes.sort_by_key(|n| n.at);
        conversion
            .notes
            .extend(notes.into_iter().map(|n| (index, n)));
        for doc in docs {
            let file = absolute_out.join(&doc.rel_path);
            let schema_ref = schema_reference(schema, &file, doc.family.schema_file());
            let mut root = vec![("$schema".to_string(), Y::raw(schema_ref))];
            root.extend(doc.root);
            let written = write_document(&doc.header, &root, &doc.footer, doc.fallback);
            conversion.files.push(Generated {
                rel_path: doc.rel_path,
                text: written.text,
                map: written.map,
                page: index,
            });
        }
    }
    conversion
}

/// The ids already used in the content folder that `out` is in (the closest folder above it, or
/// itself, that has a `helpdoc.toml` or a `publications` folder; else `out`), so imported topics
/// get ids of their own.
fn existing_ids(out: &Path) -> Vec<String> {
    let out = absolute(out);
    let root = out
        .ancestors()
        .find(|dir| {
            dir.join(crate::check::CONFIG_FILE).is_file() || dir.join("publications").is_dir()
        })
        .unwrap_or(&out);
    let Ok(paths) = crate::load::discover(root) else {
        return Vec::new();
    };
    let limits = crate::load::Limits::default();
    paths
        .iter()
        .filter_map(|path| {
            let syntax = crate::load::Syntax::of(path)?;
            let text = std::fs::read_to_string(path).ok()?;
            let node = crate::load::parse(&SourceFile::new("", text), syntax, &limits).ok()?;
            node.get("id")?.as_str().map(str::to_string)
        })
        .collect()
}

/// Imports pages into the output folder. Writes nothing if any target exists (without `force`)
/// or a page cannot be read.
pub fn import(options: &ImportOptions) -> Result<ImportSummary, ImportError> {
    let pages = read_pages(&options.pages)?;
    let (schema, schema_note) = match &options.schema_url {
        Some(url) => (SchemaLocation::Url(url.clone()), None),
        None => find_schema_dir(&options.out),
    };
    let mut conversion = convert(&pages, &schema, &options.out);
    let images = conversion.image_files(&pages);
    let targets: Vec<PathBuf> = conversion
        .files
        .iter()
        .map(|f| options.out.join(&f.rel_path))
        .chain(images.iter().map(|(_, to)| options.out.join(to)))
        .collect();
    let existing: Vec<PathBuf> = targets.iter().filter(|p| p.exists()).cloned().collect();
    if !existing.is_empty() && !options.force {
        return Err(ImportError::Exists(existing));
    }
    let contents = conversion
        .files
        .iter()
        .map(|f| Ok(f.text.as_bytes().to_vec()))
        .chain(images.iter().map(|(from, _)| {
            std::fs::read(from).map_err(|e| ImportError::Read(from.clone(), e.to_string()))
        }));
    for (bytes, path) in contents.zip(&targets) {
        let bytes = bytes?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| ImportError::Write(parent.to_path_buf(), e))?;
        }
        crate::output::write_file_atomic(path, &bytes)
            .map_err(|e| ImportError::Write(path.clone(), e))?;
    }
    let notes = render_notes(&pages, &conversion.notes);
    Ok(ImportSummary {
        written: targets,
        overwritten: existing.len(),
        notes,
        schema_note,
    })
}

/// Notes as `page:line:col: note: …` lines.
pub fn render_notes(pages: &[DraftPage], notes: &[(usize, Note)]) -> Vec<String> {
    let files: Vec<SourceFile> = pages
        .iter()
        .map(|p| SourceFile::new(p.name.clone(), p.text.clone()))
        .collect();
    let mut notes: Vec<&(usize, Note)> = notes.iter().collect();
    notes.sort_by_key(|(page, note)| (*page, note.at));
    notes
        .into_iter()
        .filter_map(|(page, note)| {
            let file = files.get(*page)?;
            let at = file.line_col(note.at);
            Some(format!(
                "{}:{}:{}: note: {}",
                file.name, at.line, at.column, note.message
            ))
        })
        .collect()
}

/// The project's `schema/` folder: the closest one above the output folder, else the one in the
/// current folder. When there is none, `$schema` points at `schema/` in the current folder and
/// the note says how to create it.
pub fn find_schema_dir(out: &Path) -> (SchemaLocation, Option<String>) {
    let out = absolute(out);
    let marker = crate::model::DocumentFamily::Topic.schema_file();
    for dir in out.ancestors() {
        let candidate = dir.join("schema");
        if candidate.join(marker).is_file() {
            return (SchemaLocation::Dir(candidate), None);
        }
    }
    let here = absolute(Path::new("schema"));
    let note = (!here.join(marker).is_file()).then(|| {
        format!(
            "no schema folder was found above {}; `$schema` points at {}: run `helpdoc schema --out schema` there so editors can validate",
            out.display(),
            here.display()
        )
    });
    (SchemaLocation::Dir(here), note)
}

/// The `$schema` value for a file at `file` (absolute).
fn schema_reference(schema: &SchemaLocation, file: &Path, name: &str) -> String {
    match schema {
        SchemaLocation::Url(base) => format!("{}/{name}", base.trim_end_matches('/')),
        SchemaLocation::Dir(dir) => {
            let from = file.parent().unwrap_or(file);
            format!("{}/{name}", relative_path(from, dir))
        }
    }
}

/// An absolute, lexically normalized path (`.` and `..` resolved without touching the disk).
fn absolute(path: &Path) -> PathBuf {
    let joined = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// The `/`-separated relative path from folder `from` to `to` (both absolute and normalized).
fn relative_path(from: &Path, to: &Path) -> String {
    let from: Vec<Component> = from.components().collect();
    let to: Vec<Component> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); from.len() - common];
    parts.extend(
        to[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    if parts.is_empty() {
        ".".into()
    } else {
        parts.join("/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_schema_paths() {
        assert_eq!(
            relative_path(
                Path::new("/p/content/drafts/errors"),
                Path::new("/p/schema")
            ),
            "../../../schema"
        );
        assert_eq!(
            relative_path(Path::new("/p"), Path::new("/p/schema")),
            "schema"
        );
    }
}
