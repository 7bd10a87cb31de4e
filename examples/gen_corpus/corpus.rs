//! Generates a benchmark corpus: N renamed copies of a content folder, written as YAML, plus the
//! same pages as plain Markdown with what mdBook needs, and a check that the copies are clean.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use helpdoc::check::{CheckOptions, check_folder};
use helpdoc::content::{ContentDoc, ContentSet};
use helpdoc::model::{Document, Publication};
use helpdoc::resolve::resolve_publication;

use crate::markdown;
use crate::rename::{Copy, titles};
use crate::yaml::to_yaml;

/// How publications are laid out in the corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Layout {
    /// Every copy keeps its own publications (N guides, as a team with N integrations has).
    PerCopy,
    /// One publication per original publication, holding every copy's sections (one huge guide).
    Single,
}

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    /// The content folder to copy.
    pub source: PathBuf,
    /// The output folder (`content/` and `markdown/` are replaced inside it).
    pub out: PathBuf,
    /// How many copies.
    pub copies: usize,
    /// Publication layout.
    pub layout: Layout,
    /// The publication whose pages become the peers' Markdown.
    pub markdown_publication: String,
    /// Whether to write the Markdown for the peers.
    pub markdown: bool,
    /// Whether to run `check` on the result and fail unless it is clean.
    pub verify: bool,
}

/// What was generated.
#[derive(Debug, Default)]
pub struct Stats {
    /// Content files written.
    pub files: usize,
    /// Bytes of content written.
    pub bytes: u64,
    /// Topics written.
    pub topics: usize,
    /// Markdown pages written.
    pub pages: usize,
}

/// Generates the corpus described by `options`.
pub fn generate(options: &Options) -> Result<Stats, String> {
    let checked =
        check_folder(&options.source, &CheckOptions::default()).map_err(|e| e.to_string())?;
    if checked.has_errors() {
        return Err(format!(
            "{} has errors; run `helpdoc check --content {}` first",
            options.source.display(),
            options.source.display()
        ));
    }
    let original = &checked.content;
    let content_out = options.out.join("content");
    let markdown_out = options.out.join("markdown");
    for dir in [&content_out, &markdown_out] {
        if dir.exists() {
            std::fs::remove_dir_all(dir).map_err(|e| io_error("remove", dir, e))?;
        }
    }
    // Files beside the content at the top (helpdoc.toml, the word list) configure the project and are
    // written once, as are data files (views name them from the content folder: `data/…`); files
    // in other sub-folders (images) belong to the copied documents.
    let (project_files, extras): (Vec<_>, Vec<_>) = other_files(&options.source, original)?
        .into_iter()
        .partition(|(relative, _)| {
            relative.parent() == Some(Path::new("")) || helpdoc::data::data_key(relative).is_some()
        });
    let width = options.copies.to_string().len().max(4);
    let mut stats = Stats::default();
    let titles = titles(original);
    let mut merged: BTreeMap<usize, Publication> = BTreeMap::new();
    let mut summary = String::from("# Summary\n\n");
    let mut page_list = String::new();
    for number in 1..=options.copies {
        let copy = Copy {
            number,
            titles: &titles,
        };
        let folder = format!("copy-{number:0width$}");
        let mut docs = Vec::with_capacity(original.docs.len());
        for (index, doc) in original.docs.iter().enumerate() {
            let mut document = doc.document.clone();
            copy.document(&mut document)
                .map_err(|e| format!("{}: {e}", doc.path.display()))?;
            let renamed = ContentDoc {
                document,
                ..doc.clone()
            };
            match (&renamed.document, options.layout) {
                (Document::Publication(p), Layout::Single) => {
                    let entry = merged.entry(index).or_insert_with(|| {
                        let mut base = p.clone();
                        base.id = original_publication(doc).id.clone();
                        base.title = original_publication(doc).title.clone();
                        base.sections.clear();
                        base
                    });
                    entry.sections.extend(p.sections.iter().cloned());
                }
                (document, _) => {
                    if matches!(document, Document::Topic(_)) {
                        stats.topics += 1;
                    }
                    let path = content_out
                        .join(&folder)
                        .join(relative_dir(&options.source, &doc.path))
                        .join(format!("{}.yaml", renamed.id()));
                    stats.bytes += write_document(&path, document)?;
                    stats.files += 1;
                }
            }
            docs.push(renamed);
        }
        for (relative, bytes) in &extras {
            write_file(&content_out.join(&folder).join(relative), bytes)?;
        }
        if options.markdown {
            let set = ContentSet::new(original.root.clone(), docs, Vec::new());
            let id = copy.id(&helpdoc::model::TopicId(
                options.markdown_publication.clone(),
            ));
            let publication = set.publications().find(|p| p.id == id).ok_or_else(|| {
                format!(
                    "no publication `{}` to write as Markdown",
                    options.markdown_publication
                )
            })?;
            let (resolved, _) = resolve_publication(
                &set,
                publication,
                &helpdoc::site::DocsPages::from_content(&set),
            );
            summary.push_str(&format!("# {}\n\n", resolved.title));
            for page in markdown::pages(&resolved) {
                let relative = format!("{folder}/{}", page.file);
                write_file(
                    &markdown_out.join("src").join(&relative),
                    page.text.as_bytes(),
                )?;
                summary.push_str(&format!(
                    "- [{}]({relative})\n",
                    page.title.replace(['[', ']'], "")
                ));
                page_list.push_str(&format!("src/{relative}\n"));
                stats.pages += 1;
            }
            summary.push('\n');
            for (relative, bytes) in &extras {
                write_file(
                    &markdown_out
                        .join("src")
                        .join(&folder)
                        .join("img")
                        .join(relative),
                    bytes,
                )?;
            }
        }
    }
    for (index, publication) in merged {
        let path = content_out
            .join(relative_dir(&options.source, &original.docs[index].path))
            .join(format!("{}.yaml", publication.id));
        stats.bytes += write_document(&path, &Document::Publication(publication))?;
        stats.files += 1;
    }
    let mut project_files = project_files;
    raise_expansion_limit(&mut project_files, original, options.copies)?;
    for (relative, bytes) in &project_files {
        write_file(&content_out.join(relative), bytes)?;
    }
    if options.markdown {
        let book = format!(
            "[book]\ntitle = \"helpdoc benchmark corpus ({} copies)\"\nlanguage = \"en\"\nsrc = \"src\"\n\n[build]\ncreate-missing = false\n",
            options.copies
        );
        write_file(&markdown_out.join("book.toml"), book.as_bytes())?;
        write_file(&markdown_out.join("src/SUMMARY.md"), summary.as_bytes())?;
        write_file(&markdown_out.join("pages.txt"), page_list.as_bytes())?;
    }
    if options.verify {
        verify(&content_out, original.topics().count() * options.copies)?;
    }
    Ok(stats)
}

fn original_publication(doc: &ContentDoc) -> &Publication {
    match &doc.document {
        Document::Publication(p) => p,
        _ => unreachable!("only publications are merged"),
    }
}

/// Checks the generated content: no diagnostic at all, and every topic there.
fn verify(content: &Path, topics: usize) -> Result<(), String> {
    let checked = check_folder(content, &CheckOptions::default()).map_err(|e| e.to_string())?;
    if let Some(first) = checked.diagnostics.first() {
        return Err(format!(
            "the generated content has {} diagnostics; the first:\n{}",
            checked.diagnostics.len(),
            helpdoc::diag::render_human(first, &checked.sources, false)
        ));
    }
    let found = checked.content.topics().count();
    if found != topics {
        return Err(format!("expected {topics} topics, found {found}"));
    }
    Ok(())
}

fn write_document(path: &Path, document: &Document) -> Result<u64, String> {
    let value = match document {
        Document::Topic(t) => serde_json::to_value(t),
        Document::Fragment(f) => serde_json::to_value(f),
        Document::Publication(p) => serde_json::to_value(p),
    }
    .map_err(|e| format!("cannot serialize {}: {e}", path.display()))?;
    let text = to_yaml(&value);
    write_file(path, text.as_bytes())?;
    Ok(text.len() as u64)
}

/// Files in the content folder that are not content (images, `helpdoc.toml`, the word list), by
/// relative path.
fn other_files(root: &Path, content: &ContentSet) -> Result<Vec<(PathBuf, Vec<u8>)>, String> {
    let mut out = Vec::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).map_err(|e| io_error("read", &dir, e))? {
            let path = entry.map_err(|e| io_error("read", &dir, e))?.path();
            let hidden = path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'));
            let is_content = content.docs.iter().any(|d| d.path == path);
            if hidden || is_content {
                continue;
            }
            if path.is_dir() {
                pending.push(path);
            } else {
                let bytes = std::fs::read(&path).map_err(|e| io_error("read", &path, e))?;
                let relative = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
                out.push((relative, bytes));
            }
        }
    }
    out.sort();
    Ok(out)
}

fn relative_dir(root: &Path, path: &Path) -> PathBuf {
    path.parent()
        .and_then(|p| p.strip_prefix(root).ok())
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| io_error("create", parent, e))?;
    }
    std::fs::write(path, bytes).map_err(|e| io_error("write", path, e))
}

fn io_error(action: &str, path: &Path, error: std::io::Error) -> String {
    format!("cannot {action} {}: {error}", path.display())
}

/// Gives `helpdoc.toml` a `max_expanded_bytes` under `[limits]` twice what `copies` copies of
/// `original` expand to, when that is over the default: the limit guards writers against runaway
/// includes, and a large corpus is large on purpose (1,000 copies of the guide expand to 72 MiB).
fn raise_expansion_limit(
    project_files: &mut Vec<(PathBuf, Vec<u8>)>,
    original: &ContentSet,
    copies: usize,
) -> Result<(), String> {
    let one: u64 = (helpdoc::resolve::budget::measure_all(original).iter())
        .map(|(_, bytes)| bytes)
        .sum();
    let needed = one.saturating_mul(copies as u64).saturating_mul(2);
    if needed <= helpdoc::load::Limits::default().max_expanded_bytes {
        return Ok(());
    }
    let name = Path::new("helpdoc.toml");
    let index = match project_files
        .iter()
        .position(|(relative, _)| relative == name)
    {
        Some(index) => index,
        None => {
            project_files.push((name.to_path_buf(), Vec::new()));
            project_files.len() - 1
        }
    };
    let file = &mut project_files[index].1;
    let text = String::from_utf8_lossy(file);
    let mut table: toml::Table = text
        .parse()
        .map_err(|e| format!("helpdoc.toml cannot be read: {e}"))?;
    let limits = table
        .entry("limits")
        .or_insert_with(|| toml::Value::Table(toml::Table::new()));
    let Some(limits) = limits.as_table_mut() else {
        return Err("helpdoc.toml: `limits` is not a table".to_string());
    };
    let current = limits
        .get("max_expanded_bytes")
        .and_then(toml::Value::as_integer)
        .and_then(|n| u64::try_from(n).ok())
        .unwrap_or(0);
    if current < needed {
        let value = i64::try_from(needed).unwrap_or(i64::MAX);
        limits.insert("max_expanded_bytes".into(), toml::Value::Integer(value));
    }
    *file = toml::to_string(&table)
        .map_err(|e| format!("helpdoc.toml cannot be written: {e}"))?
        .into_bytes();
    Ok(())
}
