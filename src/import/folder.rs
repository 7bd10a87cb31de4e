//! The pages of one Docusaurus docs folder as one publication: each page a top-level section in
//! sidebar order, the folder's `_category_.json` as the publication's sidebar options.
//!
//! Docusaurus orders a folder's pages by `sidebar_position` (pages without one after the others)
//! and then by file name; the publication's sections follow that order. Each page keeps its old
//! route as an absolute `slug`, since its file moves into the publication's folder.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::mapped::Mapped;
use super::page::{OutDoc, valid_slug};
use super::site::SitePage;
use super::yaml_out::Y;
use super::{DraftPage, DraftRoot, Note, frontmatter};
use crate::model::{DocumentFamily, DocumentKind};

/// The pages of one docs folder.
#[derive(Debug)]
pub struct Folder {
    /// The pages (indexes into the import's pages), in sidebar order.
    pub pages: Vec<usize>,
    /// The key naming the publication file and id (see `super::page_key`).
    pub key: String,
}

/// A page's share of a file written from several pages: its text's draft offsets are moved by
/// `base`, and it wrote the top-level section `section`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The page (index into the import's pages).
    pub page: usize,
    /// What was added to its draft offsets in the file's map.
    pub base: usize,
    /// Its top-level section in the publication.
    pub section: usize,
}

/// The docs folders of the pages that are in a Docusaurus site's `docs/` (those with a route),
/// in the order their first page was given, each with its pages in sidebar order. A page outside
/// a site is no folder's: it stays a publication of its own.
pub fn folders(
    pages: &[DraftPage],
    site: &[SitePage],
    keys: &mut HashSet<String>,
    notes: &mut [Vec<Note>],
) -> Vec<Folder> {
    let mut by_folder: Vec<(PathBuf, Vec<usize>)> = Vec::new();
    for (index, page) in pages.iter().enumerate() {
        if site.get(index).and_then(|s| s.route.as_ref()).is_none() {
            continue;
        }
        let folder = page
            .path
            .parent()
            .and_then(|p| p.canonicalize().ok())
            .unwrap_or_default();
        match by_folder.iter_mut().find(|(f, _)| *f == folder) {
            Some((_, members)) => members.push(index),
            None => by_folder.push((folder, vec![index])),
        }
    }
    by_folder
        .into_iter()
        .map(|(folder, mut members)| {
            members.sort_by(|a, b| {
                let (pa, pb) = (position(&pages[*a]), position(&pages[*b]));
                pa.total_cmp(&pb)
                    .then_with(|| pages[*a].path.file_name().cmp(&pages[*b].path.file_name()))
            });
            let name = folder
                .file_name()
                .map_or_else(|| "docs".to_string(), |f| f.to_string_lossy().into_owned());
            let key = folder_key(&name, &folder, keys);
            if key != name {
                notes[members[0]].push(Note {
                    at: 0,
                    message: format!(
                        "the folder `{name}` has a name another page or folder of this import has: its publication is publications/{key}.yaml"
                    ),
                });
            }
            Folder {
                pages: members,
                key,
            }
        })
        .collect()
}

/// A page's `sidebar_position` (pages without one sort after every page with one).
fn position(page: &DraftPage) -> f64 {
    frontmatter::split(&page.text, &mut Vec::new())
        .field("sidebar_position")
        .and_then(|f| f.scalar.as_deref())
        .and_then(|p| p.parse::<f64>().ok())
        .filter(|p| p.is_finite())
        .unwrap_or(f64::INFINITY)
}

/// A key for the folder's publication no page or other folder of the import has.
fn folder_key(name: &str, folder: &Path, keys: &mut HashSet<String>) -> String {
    let mut take = |key: &str| keys.insert(key.to_lowercase());
    if take(name) {
        return name.to_string();
    }
    let qualified = folder
        .parent()
        .and_then(Path::file_name)
        .map_or(name.to_string(), |p| {
            format!("{}-{name}", p.to_string_lossy())
        });
    let mut key = qualified.clone();
    let mut n = 2;
    while !take(&key) {
        key = format!("{qualified}-{n}");
        n += 1;
    }
    key
}

/// What `_category_.json` says of the folder's sidebar category.
#[derive(Debug, Default)]
struct Category {
    label: Option<String>,
    position: Option<u32>,
    collapsed: Option<bool>,
}

/// Reads the folder's `_category_.json` (through the guarded reader of the site): a note for
/// what cannot be read or has no place in helpdoc.
fn category(first: &DraftPage, notes: &mut Vec<Note>) -> Category {
    let Some(path) = first.path.parent().map(|p| p.join("_category_.json")) else {
        return Category::default();
    };
    let text = match DraftRoot::of(&first.path).map(|root| {
        root.folder
            .read_text(&path, crate::load::Limits::default().max_file_bytes)
    }) {
        Ok(Ok(text)) => text,
        Ok(Err(refused)) if refused.is_missing() => return Category::default(),
        Ok(Err(refused)) => {
            notes.push(Note {
                at: 0,
                message: format!(
                    "the folder's `_category_.json` was not read ({}): its label, position and collapsed state were not carried over",
                    refused.reason()
                ),
            });
            return Category::default();
        }
        Err(_) => return Category::default(),
    };
    let json: serde_json::Value = match serde_json::from_str(&text) {
        Ok(json) => json,
        Err(e) => {
            notes.push(Note {
                at: 0,
                message: format!(
                    "the folder's `_category_.json` is not valid JSON (line {}, column {}: {e}): its label, position and collapsed state were not carried over",
                    e.line(),
                    e.column()
                ),
            });
            return Category::default();
        }
    };
    let found = Category {
        label: json
            .get("label")
            .and_then(|l| l.as_str())
            .map(str::to_string),
        position: json
            .get("position")
            .and_then(|p| p.as_u64())
            .and_then(|p| u32::try_from(p).ok()),
        collapsed: json.get("collapsed").and_then(|c| c.as_bool()),
    };
    let unmapped: Vec<&str> = json.as_object().map_or_else(Vec::new, |fields| {
        fields
            .iter()
            .filter(|(key, value)| match key.as_str() {
                "label" => found.label.is_none(),
                "position" => {
                    // A position that is not a whole number is read as none.
                    !value.is_u64()
                }
                "collapsed" => found.collapsed.is_none(),
                _ => true,
            })
            .map(|(key, _)| key.as_str())
            .collect()
    });
    if !unmapped.is_empty() {
        notes.push(Note {
            at: 0,
            message: format!(
                "fields of the folder's `_category_.json` helpdoc has no place for were left out: {} (Docusaurus generates the category's index page itself)",
                unmapped.join(", ")
            ),
        });
    }
    found
}

/// The folder's publication, from each page's own publication document (`publications`: the
/// page and its document, in sidebar order): its sections become the publication's, and the map's draft
/// offsets of each page are moved past the pages before it (see [`Part`]).
pub fn merge(
    folder: &Folder,
    pages: &[DraftPage],
    site: &[SitePage],
    publications: Vec<(usize, OutDoc)>,
    id: &str,
    notes: &mut [Vec<Note>],
) -> (OutDoc, Vec<Part>) {
    let first = publications.first().map_or(folder.pages[0], |(p, _)| *p);
    let category = category(&pages[first], &mut notes[first]);
    let mut sections = Vec::new();
    let mut parts = Vec::new();
    let mut footer = Vec::new();
    let mut base = 0;
    let single_title = (publications.len() == 1).then(|| {
        publications[0]
            .1
            .root
            .iter()
            .find(|(k, _)| k == "title")
            .map(|(_, y)| y.clone())
    });
    let names: Vec<&str> = publications
        .iter()
        .map(|(p, _)| pages[*p].name.as_str())
        .collect();
    for (n, (page, doc)) in publications.into_iter().enumerate() {
        let mut section = doc
            .root
            .into_iter()
            .find(|(k, _)| k == "sections")
            .and_then(|(_, y)| match y {
                Y::Seq(mut items) if !items.is_empty() => Some(items.remove(0)),
                _ => None,
            })
            .unwrap_or_else(|| Y::Map(Vec::new()));
        if let Y::Map(entries) = &mut section {
            keep_route(entries, &site[page], &pages[page], &mut notes[page]);
        }
        section.shift(base);
        sections.push(section);
        if !doc.footer.is_empty() {
            footer.push(format!("From {}:", pages[page].name));
            footer.extend(doc.footer.into_iter().skip(1));
        }
        parts.push(Part {
            page,
            base,
            section: n,
        });
        base += pages[page].text.len() + 1;
    }
    if !footer.is_empty() {
        footer.insert(
            0,
            "Frontmatter of the drafts that helpdoc has no field for:".to_string(),
        );
    }
    let title = match (&category.label, single_title.flatten()) {
        (Some(label), _) => Y::Text(Mapped::synthetic(label, 0)),
        (None, Some(title)) => title,
        (None, None) => Y::Text(Mapped::synthetic(&folder.key, 0)),
    };
    let mut root: Vec<(String, Y)> = vec![
        ("kind".into(), Y::raw(DocumentKind::Publication.name())),
        ("id".into(), Y::string(id)),
        ("title".into(), title),
        ("sections".into(), Y::Seq(sections)),
    ];
    let mut markdown = Vec::new();
    if let Some(label) = &category.label {
        markdown.push(("category_label", Y::Text(Mapped::synthetic(label, 0))));
    }
    if let Some(position) = category.position {
        markdown.push(("sidebar_position", Y::raw(position.to_string())));
    }
    if let Some(collapsed) = category.collapsed {
        markdown.push(("collapsed", Y::raw(collapsed.to_string())));
    }
    if !markdown.is_empty() {
        root.push((
            "formats".into(),
            Y::map(vec![("markdown", Y::map(markdown))]),
        ));
    }
    let doc = OutDoc {
        rel_path: format!("{}/{}.yaml", DocumentKind::Publication.plural(), folder.key),
        family: DocumentFamily::Publication,
        header: vec![format!(
            "Imported by helpdoc: one page (top-level section) for each draft of the folder, in sidebar order: {}.",
            names.join(", ")
        )],
        root,
        footer,
        fallback: 0..0,
    };
    (doc, parts)
}

/// Gives the page's section its old route as an absolute `slug` (its Markdown file moves into
/// the publication's folder, so its path alone would give it another URL).
fn keep_route(
    entries: &mut Vec<(String, Y)>,
    site: &SitePage,
    page: &DraftPage,
    notes: &mut Vec<Note>,
) {
    let Some(route) = site.route.as_deref() else {
        return;
    };
    let slug = route.strip_prefix("/docs").filter(|s| s.starts_with('/'));
    let Some(slug) = slug.filter(|s| valid_slug(s)) else {
        notes.push(Note {
            at: 0,
            message: format!(
                "the page's route `{route}` is not a slug helpdoc accepts (lower-case words joined by `-` or `_`), so its Markdown page gets a new route; add `slug:` to its section to choose one"
            ),
        });
        return;
    };
    let front = frontmatter::split(&page.text, &mut Vec::new());
    let anchor = front.text("slug").map_or(front.range.start, |s| s.anchor);
    let value = Y::Text(Mapped::synthetic(slug, anchor));
    match entries.iter_mut().find(|(k, _)| k == "slug") {
        Some((_, old)) => *old = value,
        None => {
            let at = entries
                .iter()
                .position(|(k, _)| k == "keywords" || k == "hide_table_of_contents")
                .unwrap_or(entries.len());
            entries.insert(at, ("slug".into(), value));
        }
    }
}
