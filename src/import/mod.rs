//! `helpdoc import`: turns Docusaurus Markdown drafts into typed content files (topics and one
//! publication per page, or per docs folder of a Docusaurus site), keeping a map from every imported text back to the draft.
//!
//! Headings become topics by their form ("How do I …?" → procedure, "What is …?" / "Why …?" →
//! concept, "… the 'X' error" and headings under "Error resolution" → error, headings under
//! "Prerequisites" → prerequisite); groups of headings become publication sections. Nothing is
//! invented: what cannot be mapped is kept as paragraphs and reported as a note.

mod classify;
mod draft_rules;
pub mod fidelity;
mod folder;
mod frontmatter;
mod links;
pub mod lint;
mod mapped;
mod markdown;
mod page;
mod read_next;
mod regions;
mod site;
pub mod source_map;
mod yaml_out;

use std::collections::{BTreeMap, HashSet};
use std::path::{Component, Path, PathBuf};

use crate::diag::SourceFile;
use crate::load::config::ComponentMapping;
use crate::load::display_name;
use crate::load::{ReadRoot, Refused};
use crate::model::DocumentKind;
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
    /// Index of the draft page it came from (the first, for a folder's publication).
    pub page: usize,
    /// For a file written from several pages (a folder's publication), each page's share;
    /// empty for a file of one page.
    pub parts: Vec<folder::Part>,
}

impl Generated {
    /// The draft page and its range that the YAML range `yaml` of this file was written from.
    pub fn origin(&self, yaml: std::ops::Range<usize>) -> (usize, std::ops::Range<usize>) {
        let range = self.map.map_range(yaml);
        match self.parts.iter().rev().find(|p| p.base <= range.start) {
            Some(part) => (
                part.page,
                range.start - part.base..range.end.saturating_sub(part.base),
            ),
            None => (self.page, range),
        }
    }

    /// Whether the file holds text of the page `page`, and which top-level section of it is the
    /// page's when it holds several pages.
    pub fn holds(&self, page: usize) -> Option<Option<usize>> {
        if self.parts.is_empty() {
            return (self.page == page).then_some(None);
        }
        self.parts
            .iter()
            .find(|p| p.page == page)
            .map(|p| Some(p.section))
    }
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
    /// Reads the images the drafts name: (bytes, path inside the output folder). Each is read
    /// through the guarded reader rooted at its draft's folder or Docusaurus site; one that is not
    /// there gets a note (the writer copies it in later), and one that is refused (outside the
    /// root, not a regular file, too large) is an error at its place in the draft.
    pub fn read_images(
        &mut self,
        pages: &[DraftPage],
    ) -> Result<Vec<(Vec<u8>, String)>, ImportError> {
        let mut found = Vec::new();
        let mut refused = Vec::new();
        let mut roots: Vec<Option<DraftRoot>> = vec![None; pages.len()];
        for (page, copy) in &self.images {
            let Some(draft) = pages.get(*page) else {
                continue;
            };
            let root = match &roots[*page] {
                Some(root) => root,
                None => roots[*page].insert(DraftRoot::of(&draft.path)?),
            };
            let missing = |why: String| Note {
                at: copy.at,
                message: format!(
                    "the image `{}` {why}; put it at {} in the output folder",
                    copy.src, copy.to
                ),
            };
            let Some(from) = root.image_path(&draft.path, &copy.src) else {
                self.notes.push((*page, missing("is a path from the site root, but no Docusaurus site (a folder with `docusaurus.config.js`) was found above the draft".into())));
                continue;
            };
            match root.folder.read(&from, crate::resolve::MAX_IMAGE_BYTES) {
                Ok(bytes) => found.push((bytes, copy.to.clone())),
                Err(why) if why.is_missing() => {
                    let place = if copy.src.starts_with('/') {
                        "in the site's `static/` folder"
                    } else {
                        "next to the draft"
                    };
                    self.notes
                        .push((*page, missing(format!("was not found {place}"))));
                }
                Err(why) => {
                    let at =
                        SourceFile::new(draft.name.clone(), draft.text.clone()).line_col(copy.at);
                    refused.push(format!(
                        "{}:{}:{}: error: the image `{}` was not copied: {}\n  help: {}",
                        draft.name,
                        at.line,
                        at.column,
                        copy.src,
                        why.reason(),
                        why.help()
                    ));
                }
            }
        }
        if refused.is_empty() {
            Ok(found)
        } else {
            Err(ImportError::Images(refused))
        }
    }
}

/// Where a draft and the images it names may be read from: the Docusaurus site the draft is in
/// (the closest folder above it with a `docusaurus.config.*`), else the draft's own folder.
#[derive(Debug, Clone)]
struct DraftRoot {
    /// The root, for reading.
    folder: ReadRoot,
    /// Whether the root is a Docusaurus site (then `/img/x.png` is `static/img/x.png` in it).
    site: bool,
}

/// The file names that mark a Docusaurus site's root folder.
const DOCUSAURUS_CONFIGS: [&str; 4] = [
    "docusaurus.config.js",
    "docusaurus.config.ts",
    "docusaurus.config.mjs",
    "docusaurus.config.cjs",
];

impl DraftRoot {
    /// The root for the draft at `draft`.
    fn of(draft: &Path) -> Result<DraftRoot, ImportError> {
        let unreadable = |error| {
            ImportError::Read(Refused {
                path: draft.to_path_buf(),
                why: crate::load::guarded::Why::Unreadable(error),
            })
        };
        // Not `absolute`, which applies `..` lexically: the OS resolves `link/..` after the link.
        let folder = std::path::absolute(draft)
            .map_err(unreadable)?
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let folder = folder.canonicalize().map_err(unreadable)?;
        let site = folder.ancestors().find(|dir| {
            DOCUSAURUS_CONFIGS
                .iter()
                .any(|name| dir.join(name).is_file())
        });
        let (root, name, site) = match site {
            Some(site) => (site, "the Docusaurus site", true),
            None => (folder.as_path(), "the draft's folder", false),
        };
        Ok(DraftRoot {
            folder: ReadRoot::new(root, name).map_err(unreadable)?,
            site,
        })
    }

    /// Where the image `src` named by the draft at `draft` is: relative to the draft, or for
    /// `/…` in the site's `static/` folder (`None` when the draft is in no site).
    fn image_path(&self, draft: &Path, src: &str) -> Option<PathBuf> {
        match src.strip_prefix('/') {
            Some(from_site) => self
                .site
                .then(|| self.folder.real().join("static").join(from_site)),
            None => Some(draft.parent().unwrap_or(Path::new("")).join(src)),
        }
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
    /// Compare each imported page with its draft ([`fidelity`]).
    pub report: bool,
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
    /// With `report`: each page compared with its draft.
    pub fidelity: Vec<fidelity::PageReport>,
}

/// Why an import stopped before writing anything.
#[derive(Debug)]
pub enum ImportError {
    /// A draft could not be read.
    Read(Refused),
    /// Images the drafts name were refused, each as `draft:line:col: error: why` and a help line.
    Images(Vec<String>),
    /// Files exist and `--force` was not given.
    Exists(Vec<PathBuf>),
    /// Two generated files would have the same path (a bug of the importer: nothing is written
    /// rather than one replacing the other).
    SameTarget(PathBuf),
    /// Writing failed.
    Write(PathBuf, std::io::Error),
    /// A `helpdoc.toml` the import reads (for `[import.components]`) is invalid: where and why.
    Config(String),
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::Read(refused) => f.write_str(&refused.explained()),
            ImportError::Images(lines) => f.write_str(&lines.join("\n")),
            ImportError::Exists(paths) => {
                let list: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
                let (exist, were) = match paths.len() {
                    1 => ("exists", "was"),
                    _ => ("exist", "were"),
                };
                write!(
                    f,
                    "{} already {exist} and {were} left alone: {}",
                    crate::diag::words::count(paths.len(), "file"),
                    list.join(", ")
                )
            }
            ImportError::SameTarget(path) => write!(
                f,
                "two imported files would both be written to {}; nothing was written (please report this as a bug of `helpdoc import`)",
                path.display()
            ),
            ImportError::Write(path, error) => {
                write!(f, "cannot write {}: {error}", path.display())
            }
            ImportError::Config(why) => write!(
                f,
                "{why}\n  help: under `[import.components]`, each line maps a component to \"collapsible\", \"content\", \"note\", \"tip\", \"info\", \"caution\", \"warning\" or \"danger\""
            ),
        }
    }
}

impl std::error::Error for ImportError {}

/// Reads draft pages (UTF-8 text), each through the guarded reader rooted at its folder or
/// the Docusaurus site it is in.
pub fn read_pages(paths: &[PathBuf]) -> Result<Vec<DraftPage>, ImportError> {
    let cap = crate::load::Limits::default().max_file_bytes;
    paths
        .iter()
        .map(|path| {
            let text = DraftRoot::of(path)?
                .folder
                .read_text(path, cap)
                .map_err(ImportError::Read)?;
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
/// Ids already used in the content folder `out` is in are left to the content's topics.
/// No team component is mapped (see [`convert_with`]).
pub fn convert(pages: &[DraftPage], schema: &SchemaLocation, out: &Path) -> Conversion {
    convert_with(pages, schema, out, &BTreeMap::new())
}

/// Converts pages as [`convert`] does, with the team's MDX components mapped as `components`
/// says (`[import.components]`).
pub fn convert_with(
    pages: &[DraftPage],
    schema: &SchemaLocation,
    out: &Path,
    components: &BTreeMap<String, ComponentMapping>,
) -> Conversion {
    convert_reserving(pages, schema, out, existing_ids(out), components)
}

/// Converts pages as [`convert`] does, for content that is not written anywhere (`--lint-drafts`):
/// no id is reserved, and the files' paths are relative to an empty root.
pub fn convert_alone(pages: &[DraftPage], schema: &SchemaLocation) -> Conversion {
    convert_reserving(pages, schema, Path::new(""), Vec::new(), &BTreeMap::new())
}

/// Converts pages with ids `reserved` already taken.
fn convert_reserving(
    pages: &[DraftPage],
    schema: &SchemaLocation,
    out: &Path,
    reserved: Vec<String>,
    components: &BTreeMap<String, ComponentMapping>,
) -> Conversion {
    let mut ids = Ids::default();
    for id in reserved {
        ids.reserve(&id);
    }
    let mut keys = HashSet::new();
    let mut conversion = Conversion::default();
    let absolute_out = absolute(out);
    let mut converted = Vec::new();
    for page in pages {
        let mut notes = Vec::new();
        let front = frontmatter::split(&page.text, &mut notes);
        let body = markdown::parse_body(&page.text, front.body_start, &mut notes);
        let stem = page_key(page, pages, &mut keys, &mut notes);
        let mut page_converted =
            PageConverter::new(&page.text, &page.name, &stem, &mut ids, components)
                .convert(&front, body);
        page_converted.notes.extend(notes);
        converted.push(page_converted);
    }
    // Links between the pages, now that every page's anchors have their topics.
    let site: Vec<site::SitePage> = site::read(pages).into_iter().map(|(p, _)| p).collect();
    let anchors: Vec<links::PageAnchors> = converted.iter().map(|c| c.anchors.clone()).collect();
    let mut folder_notes: Vec<Vec<Note>> = vec![Vec::new(); pages.len()];
    let folders = folder::folders(pages, &site, &mut keys, &mut folder_notes);
    place_read_next(&mut converted, &site, &anchors, &folders);
    for (index, page) in converted.iter_mut().enumerate() {
        for doc in &mut page.docs {
            links::rewrite(&mut doc.root, index, &site, &anchors, &mut page.notes);
        }
    }
    let mut page_notes: Vec<Vec<Note>> = converted
        .iter_mut()
        .zip(folder_notes)
        .map(|(c, mut notes)| {
            notes.append(&mut c.notes);
            notes
        })
        .collect();
    // Each folder's pages give their publication documents to the folder's one.
    let mut held: Vec<Option<page::OutDoc>> = vec![None; pages.len()];
    for &index in folders.iter().flat_map(|f| &f.pages) {
        let docs = &mut converted[index].docs;
        if let Some(at) = docs
            .iter()
            .rposition(|d| d.family == crate::model::DocumentFamily::Publication)
        {
            held[index] = Some(docs.remove(at));
        }
    }
    let mut documents: Vec<(page::OutDoc, usize, Vec<folder::Part>)> = Vec::new();
    for (index, page) in converted.into_iter().enumerate() {
        conversion
            .images
            .extend(page.images.into_iter().map(|i| (index, i)));
        documents.extend(page.docs.into_iter().map(|doc| (doc, index, Vec::new())));
    }
    for group in &folders {
        let publications: Vec<(usize, page::OutDoc)> = group
            .pages
            .iter()
            .filter_map(|&p| held[p].take().map(|doc| (p, doc)))
            .collect();
        if publications.is_empty() {
            continue;
        }
        let id = ids.claim(&group.key);
        let (doc, parts) = folder::merge(group, pages, &site, publications, &id, &mut page_notes);
        documents.push((doc, parts[0].page, parts));
    }
    for (index, mut notes) in page_notes.into_iter().enumerate() {
        notes.sort_by_key(|n| n.at);
        notes.dedup();
        conversion
            .notes
            .extend(notes.into_iter().map(|n| (index, n)));
    }
    for (doc, index, parts) in documents {
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
            parts,
        });
    }
    conversion
}

/// Gives each page the links of its read-next components (see [`read_next`]), in its top-level
/// section, before the links between pages are rewritten (a link kept as a paragraph is
/// rewritten as any other).
fn place_read_next(
    converted: &mut [page::Converted],
    site: &[site::SitePage],
    anchors: &[links::PageAnchors],
    folders: &[folder::Folder],
) {
    let mut folder_of = vec![None; converted.len()];
    for (f, folder) in folders.iter().enumerate() {
        for &page in &folder.pages {
            folder_of[page] = Some(f);
        }
    }
    let page_ids: Vec<String> = converted.iter().map(|c| c.id.clone()).collect();
    let known = read_next::Pages {
        site,
        anchors,
        page_ids: &page_ids,
        folder_of: &folder_of,
    };
    for (index, page) in converted.iter_mut().enumerate() {
        let links = std::mem::take(&mut page.read_next);
        if links.is_empty() {
            continue;
        }
        let section = (page.docs.iter_mut())
            .rfind(|d| d.family == crate::model::DocumentFamily::Publication)
            .and_then(|doc| doc.root.iter_mut().find(|(k, _)| k == "sections"))
            .and_then(|(_, sections)| match sections {
                Y::Seq(items) => items.first_mut(),
                _ => None,
            });
        if let Some(Y::Map(section)) = section {
            read_next::place(&known, index, &links, section, &mut page.notes);
        }
    }
}

/// A key for `page` that no other page of the import has: it names the page's publication
/// file and the folder of its topics and images (and its publication's id, made unique among the
/// content's ids as every id is). It is the file stem, or when another page of the import has
/// that name (two `troubleshooting.md` in different folders) the parent folder's name and the
/// stem (`ledgerly-troubleshooting`), else a numbered one; a note says so. A page imported again
/// keeps its key, so its files are found as existing (and replaced only with `--force`).
fn page_key(
    page: &DraftPage,
    pages: &[DraftPage],
    keys: &mut HashSet<String>,
    notes: &mut Vec<Note>,
) -> String {
    let stem = page
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "page".into());
    // Compared without case: on macOS and Windows `A/` and `a/` are one folder.
    let mut take = |key: &str| keys.insert(key.to_lowercase());
    if take(&stem) {
        return stem;
    }
    let folder = page
        .path
        .parent()
        .and_then(Path::file_name)
        .map(|f| f.to_string_lossy().into_owned());
    let qualified = folder.map_or(stem.clone(), |f| format!("{f}-{stem}"));
    let mut key = qualified.clone();
    let mut n = 2;
    while !take(&key) {
        key = format!("{qualified}-{n}");
        n += 1;
    }
    let file = page
        .path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned());
    let other = pages
        .iter()
        .find(|other| other.path != page.path && other.path.file_stem() == page.path.file_stem())
        .map_or_else(
            || "another page of this import".to_string(),
            |o| format!("another page of this import, {},", o.name),
        );
    notes.push(Note {
        at: 0,
        message: format!(
            "{other} is also named `{}`: this page's publication is publications/{key}.yaml, with its topics and images in {key}/",
            file.unwrap_or(stem)
        ),
    });
    key
}

/// The first path that two generated files (or copied images) share, if any: each would replace
/// the other, so the import stops before writing.
fn shared_target(targets: &[PathBuf]) -> Option<&PathBuf> {
    let mut seen = HashSet::new();
    // Compared without case: on macOS and Windows `A.yaml` and `a.yaml` are one file.
    targets
        .iter()
        .find(|path| !seen.insert(path.to_string_lossy().to_lowercase()))
}

/// The ids already used in the content folder that `out` is in (the closest folder above it, or
/// itself, that has a `helpdoc.toml` or a `publications` folder; else `out`), so imported topics
/// get ids of their own.
fn existing_ids(out: &Path) -> Vec<String> {
    let root = content_root(out);
    let Ok(paths) = crate::load::discover(&root) else {
        return Vec::new();
    };
    let Ok(folder) = ReadRoot::new(&root, "the content folder") else {
        return Vec::new();
    };
    let limits = crate::load::Limits::default();
    // A file that cannot be read reserves no id: `helpdoc check` reports it.
    paths
        .iter()
        .filter_map(|path| {
            let syntax = crate::load::Syntax::of(path)?;
            let text = folder.read_text(path, limits.max_file_bytes).ok()?;
            let node = crate::load::parse(&SourceFile::new("", text), syntax, &limits).ok()?;
            node.get("id")?.as_str().map(str::to_string)
        })
        .collect()
}

/// The team's component mappings, from the `helpdoc.toml` of the project and of the content
/// folder that `out` is in (the content folder's entries win); an invalid file is an error.
fn import_components(out: &Path) -> Result<BTreeMap<String, ComponentMapping>, ImportError> {
    let root = content_root(out);
    let project = root
        .ancestors()
        .find(|dir| dir.is_dir())
        .and_then(|dir| crate::load::find_project(dir).ok().flatten());
    let mut files: Vec<PathBuf> = project.map(|p| p.file).into_iter().collect();
    let here = root.join(crate::load::CONFIG_FILE);
    if here.is_file() && !files.iter().any(|f| same_file(f, &here)) {
        files.push(here);
    }
    let mut components = BTreeMap::new();
    for file in files {
        let folder = file.parent().unwrap_or(Path::new("."));
        let text = ReadRoot::new(folder, "the configuration's folder")
            .and_then(|r| {
                r.read_text(&file, crate::load::Limits::default().max_file_bytes)
                    .map_err(|e| std::io::Error::other(e.explained()))
            })
            .map_err(|e| ImportError::Config(format!("{}: {e}", file.display())))?;
        let config =
            crate::load::config::parse_config(crate::diag::FileId(0), &text).map_err(|d| {
                let at = d
                    .primary
                    .as_ref()
                    .map(|l| SourceFile::new("", text.clone()).line_col(l.range.start));
                let place = at.map_or(String::new(), |at| format!(":{}:{}", at.line, at.column));
                ImportError::Config(format!("{}{place}: {}", file.display(), d.message))
            })?;
        components.extend(config.import.components);
    }
    Ok(components)
}

fn same_file(a: &Path, b: &Path) -> bool {
    matches!((a.canonicalize(), b.canonicalize()), (Ok(a), Ok(b)) if a == b)
}

/// The content folder that `out` is in: the closest folder above it, or itself, that has a
/// `helpdoc.toml` or a `publications` folder (or is the project's content folder); else `out`.
fn content_root(out: &Path) -> PathBuf {
    let out = absolute(out);
    // A project root's `helpdoc.toml` (with `[project]`) does not mark a content folder: its
    // `content` folder is the one, when `out` is in it.
    let project = out
        .ancestors()
        .find(|dir| dir.is_dir())
        .and_then(|dir| crate::load::find_project(dir).ok().flatten());
    let project_content = project.as_ref().map(|p| absolute(&p.content()));
    out.ancestors()
        .find(|dir| {
            let config = dir.join(crate::load::CONFIG_FILE);
            let marks_project = project.as_ref().is_some_and(|p| {
                matches!((config.canonicalize(), p.file.canonicalize()), (Ok(a), Ok(b)) if a == b)
            });
            project_content.as_deref() == Some(*dir)
                || (config.is_file() && !marks_project)
                || dir.join(DocumentKind::Publication.plural()).is_dir()
        })
        .unwrap_or(&out)
        .to_path_buf()
}

/// Imports pages into the output folder. Writes nothing if any target exists (without `force`)
/// or a page cannot be read.
pub fn import(options: &ImportOptions) -> Result<ImportSummary, ImportError> {
    let pages = read_pages(&options.pages)?;
    let (schema, schema_note) = match &options.schema_url {
        Some(url) => (SchemaLocation::Url(url.clone()), None),
        None => find_schema_dir(&options.out),
    };
    let components = import_components(&options.out)?;
    let mut conversion = convert_with(&pages, &schema, &options.out, &components);
    let images = conversion.read_images(&pages)?;
    let targets: Vec<PathBuf> = conversion
        .files
        .iter()
        .map(|f| options.out.join(&f.rel_path))
        .chain(images.iter().map(|(_, to)| options.out.join(to)))
        .collect();
    if let Some(path) = shared_target(&targets) {
        return Err(ImportError::SameTarget(path.clone()));
    }
    let existing: Vec<PathBuf> = targets.iter().filter(|p| p.exists()).cloned().collect();
    if !existing.is_empty() && !options.force {
        return Err(ImportError::Exists(existing));
    }
    let contents = conversion
        .files
        .iter()
        .map(|f| f.text.as_bytes())
        .chain(images.iter().map(|(bytes, _)| bytes.as_slice()));
    for (bytes, path) in contents.zip(&targets) {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| ImportError::Write(parent.to_path_buf(), e))?;
        }
        crate::output::write_file_atomic(path, bytes)
            .map_err(|e| ImportError::Write(path.clone(), e))?;
    }
    let notes = render_notes(&pages, &conversion.notes);
    let fidelity = if options.report {
        fidelity::report(&pages, &conversion)
    } else {
        Vec::new()
    };
    Ok(ImportSummary {
        written: targets,
        overwritten: existing.len(),
        notes,
        schema_note,
        fidelity,
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

    #[test]
    fn existing_files_are_counted_in_agreement() {
        let one = ImportError::Exists(vec![PathBuf::from("a.yaml")]);
        assert_eq!(
            one.to_string(),
            "1 file already exists and was left alone: a.yaml"
        );
        let two = ImportError::Exists(vec![PathBuf::from("a.yaml"), PathBuf::from("b.yaml")]);
        assert_eq!(
            two.to_string(),
            "2 files already exist and were left alone: a.yaml, b.yaml"
        );
    }
}
