//! Semantic checks across files: unique ids, references that resolve (topics, procedures, fragments,
//! anchors), include cycles, rich text that parses safely, links, and images inside the content folder.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::path::Path;

use rayon::prelude::*;

use super::locate::span_in_value;
use super::suggest::did_you_mean;
use crate::content::{ContentDoc, ContentSet, Images};
use crate::diag::{Diagnostic, FileId, SourceMap};
use crate::model::inline::INVISIBLE_CHARACTER;
use crate::model::url::has_allowed_scheme;
use crate::model::walk::{RefTarget, Visitor, anchors, walk};
use crate::model::{
    Block, Document, DocumentFamily, DocumentKind, Image, MAX_SECTION_DEPTH, RichText, Section,
    SectionChild, Topic, TopicId,
};

/// Image file types every exporter can embed.
pub const IMAGE_EXTENSIONS: [&str; 5] = ["png", "jpg", "jpeg", "gif", "svg"];

/// Runs every cross-file check and returns its diagnostics: the duplicate ids, each document's
/// references ([`document_references`]) in document order, then the include cycles.
pub fn check_references(content: &ContentSet, sources: &SourceMap) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    duplicate_ids(content, &mut out);
    let canonical_root = content.root.canonicalize().ok();
    let svgs = SvgVerdicts::default();
    // Each document's references are checked on its own (on every core), then gathered in
    // document order.
    let per_document: Vec<Vec<Diagnostic>> = content
        .docs
        .par_iter()
        .map(|doc| document_references(content, sources, canonical_root.as_deref(), &svgs, doc))
        .collect();
    out.extend(per_document.into_iter().flatten());
    include_cycles(content, &mut out);
    out
}

/// What [`super::svg::svg_problem`] found in each SVG image read during one check (by its path
/// relative to the content folder), so an image shown a thousand times is read and parsed once.
#[derive(Default)]
pub struct SvgVerdicts(std::sync::Mutex<HashMap<String, SvgVerdict>>);

/// An SVG image's verdict: fine, a problem in it, or why it could not be read.
type SvgVerdict = Result<Option<super::svg::SvgProblem>, String>;

impl SvgVerdicts {
    /// The verdict on the image at `key`, from `judge` the first time it is asked for.
    fn get_or_judge(&self, key: String, judge: impl FnOnce() -> SvgVerdict) -> SvgVerdict {
        let known = |map: &HashMap<String, SvgVerdict>| map.get(&key).cloned();
        let lock = || {
            self.0
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        };
        if let Some(verdict) = known(&lock()) {
            return verdict;
        }
        // Judged outside the lock: two threads meeting one new image both read it, once each.
        let verdict = judge();
        lock().insert(key, verdict.clone());
        verdict
    }
}

/// One document's references, anchors and (for a publication) structure. `root` is the content
/// folder, canonical, for the images it names; `svgs` the SVG images judged so far in this check.
/// It reads other documents only through the content set's lookups, so
/// [`crate::content::reads`] records what it depends on.
pub fn document_references(
    content: &ContentSet,
    sources: &SourceMap,
    root: Option<&Path>,
    svgs: &SvgVerdicts,
    doc: &ContentDoc,
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let mut checker = DocChecker {
        content,
        sources,
        doc,
        root,
        svgs,
        out: &mut found,
    };
    walk(&doc.document, &mut checker);
    if let Document::Topic(topic) = &doc.document {
        duplicate_anchors(doc, topic, &mut found);
        super::causes::cause_shapes(doc, topic, &mut found);
    }
    if let Document::Publication(publication) = &doc.document {
        publication_structure(content, doc, &publication.sections, &mut found);
        super::languages::format_languages(doc, publication, &mut found);
    }
    found
}

/// Every id is claimed once, by valid documents and by those that failed to load alike (each is
/// the document its id names), in file order.
pub fn duplicate_ids(content: &ContentSet, out: &mut Vec<Diagnostic>) {
    let id_span = |doc: &ContentDoc| doc.node.get("id").map_or(0..0, |n| n.span.clone());
    let mut claims: Vec<(FileId, &str, Range<usize>)> = content
        .docs
        .iter()
        .map(|doc| (doc.file, doc.id(), id_span(doc)))
        .chain(
            content
                .invalid
                .iter()
                .map(|doc| (doc.file, doc.id.as_str(), doc.id_span.clone())),
        )
        .collect();
    claims.sort_by_key(|(file, ..)| *file);
    let mut first: HashMap<&str, (FileId, Range<usize>)> = HashMap::new();
    for (file, id, span) in claims {
        if let Some((original, original_span)) = first.get(id) {
            out.push(
                Diagnostic::error(
                    "duplicate-id",
                    format!("the id `{id}` is already used by another file"),
                )
                .at(file, span, "used again here")
                .also(*original, original_span.clone(), "first used here")
                .help("ids must be unique across the content folder: rename one of them"),
            );
        } else {
            first.insert(id, (file, span));
        }
    }
}

fn duplicate_anchors(doc: &ContentDoc, topic: &Topic, out: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<String, String> = HashMap::new();
    for (anchor, pointer) in anchors(topic) {
        if let Some(first) = seen.get(&anchor) {
            out.push(
                Diagnostic::error(
                    "duplicate-anchor",
                    format!("the anchor `{anchor}` is defined twice in this topic"),
                )
                .at(
                    doc.file,
                    doc.node.locate(&pointer).node.span.clone(),
                    "defined again here",
                )
                .also(
                    doc.file,
                    doc.node.locate(first).node.span.clone(),
                    "first defined here",
                )
                .help("give each step and cause a different `id`"),
            );
        } else {
            seen.insert(anchor, pointer);
        }
    }
}

/// Per publication: a topic appears at most once (its anchors must be unique on a page), section
/// ids are unique and distinct from topic ids, sections nest no deeper than headings allow, page
/// options sit on pages, and `read_next` names a page or a topic of the publication.
fn publication_structure(
    content: &ContentSet,
    doc: &ContentDoc,
    sections: &[Section],
    out: &mut Vec<Diagnostic>,
) {
    let mut structure = Structure {
        doc,
        placed: HashMap::new(),
        read_next: Vec::new(),
        out,
    };
    for (i, section) in sections.iter().enumerate() {
        structure.section(section, &format!("/sections/{i}"), 0);
    }
    // A page or a topic placed anywhere in the publication (also after the link).
    let pages: Vec<&str> = sections.iter().map(|s| s.id.as_str()).collect();
    let Structure {
        placed,
        read_next,
        out,
        ..
    } = structure;
    for (id, pointer) in read_next {
        let is_page = pages.contains(&id);
        let is_topic = content.topic(id).is_some() && placed.contains_key(id);
        if is_page || is_topic {
            continue;
        }
        let targets = pages
            .iter()
            .copied()
            .chain((placed.keys().map(String::as_str)).filter(|id| content.topic(id).is_some()));
        let help = did_you_mean(id, targets).unwrap_or_else(|| {
            "name a page (a top-level section) of this publication, or a topic it places"
                .to_string()
        });
        let message = if placed.contains_key(id) {
            format!("`read_next` names the grouping section `{id}`, which is not a page")
        } else if content.topic(id).is_some() {
            format!("`read_next` names the topic `{id}`, which this publication does not place")
        } else {
            format!("`read_next` refers to unknown page or topic `{id}`")
        };
        out.push(
            Diagnostic::error("dangling-ref", message)
                .at(
                    doc.file,
                    doc.node.locate(&pointer).node.span.clone(),
                    "no page or topic here has this id",
                )
                .help(help),
        );
    }
}

/// What [`publication_structure`] gathers while it walks the sections.
struct Structure<'a> {
    doc: &'a ContentDoc,
    /// Section and topic ids placed so far, with where.
    placed: HashMap<String, String>,
    /// `read_next` ids with their pointers, checked once every id is placed.
    read_next: Vec<(&'a str, String)>,
    out: &'a mut Vec<Diagnostic>,
}

impl<'a> Structure<'a> {
    fn span(&self, pointer: &str) -> Range<usize> {
        self.doc.node.locate(pointer).node.span.clone()
    }

    fn claim(&mut self, id: &str, pointer: String, what: &str) {
        if let Some(first) = self.placed.get(id) {
            let diagnostic = Diagnostic::error("duplicate-placement", format!("`{id}` appears twice in this publication"))
                .at(self.doc.file, self.span(&pointer), format!("{what} placed again here"))
                .also(self.doc.file, self.span(first), "first placed here")
                .help("a topic or section can appear once per publication; link to it with `topic:ID` elsewhere");
            self.out.push(diagnostic);
        } else {
            self.placed.insert(id.to_string(), pointer);
        }
    }

    fn section(&mut self, section: &'a Section, here: &str, depth: usize) {
        self.claim(section.id.as_str(), format!("{here}/id"), "section");
        if depth > MAX_SECTION_DEPTH {
            let diagnostic = Diagnostic::error(
                "section-too-deep",
                format!("the section `{}` is nested {depth} levels below its page; its headings would go past the sixth level", section.id),
            )
            .at(self.doc.file, self.span(&format!("{here}/id")), "nested too deep")
            .help(format!("a page holds groups and a group holds groups, no deeper ({MAX_SECTION_DEPTH} levels): move this section's topics into its parent section, or make it a page of its own"));
            self.out.push(diagnostic);
        }
        if depth > 0
            && let Some(field) = section.page_only_field()
        {
            let diagnostic = Diagnostic::error(
                "page-option-on-group",
                format!("`{field}` applies to pages only, but `{}` is a section inside a page", section.id),
            )
            .at(self.doc.file, self.span(&format!("{here}/{field}")), "set on a nested section")
            .help("move it to the top-level section (the page) that holds this one, or make this section a page");
            self.out.push(diagnostic);
        }
        for (pointer, child) in section.children() {
            match child {
                SectionChild::Topic(id) => {
                    self.claim(id.as_str(), format!("{here}{pointer}"), "topic")
                }
                SectionChild::Section(nested) => {
                    self.section(nested, &format!("{here}{pointer}"), depth + 1)
                }
            }
        }
        for (k, id) in section.read_next.iter().enumerate() {
            self.read_next
                .push((id.as_str(), format!("{here}/read_next/{k}")));
        }
    }
}

/// Fragments that include each other in a cycle, one error per cycle.
pub fn include_cycles(content: &ContentSet, out: &mut Vec<Diagnostic>) {
    let mut graph: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for doc in &content.docs {
        if let Document::Fragment(fragment) = &doc.document {
            let mut targets = Vec::new();
            collect_includes(&doc.document, &mut targets);
            graph.insert(fragment.id.as_str(), targets);
        }
    }
    let mut reported: HashSet<&str> = HashSet::new();
    for &start in graph.keys() {
        let mut path = vec![start];
        if let Some(cycle) = find_cycle(start, &graph, &mut path)
            && !cycle.iter().any(|id| reported.contains(id))
        {
            reported.extend(cycle.iter().copied());
            let Some(doc) = content.get(start) else {
                continue;
            };
            let span = find_include_span(&doc.node, cycle.get(1).copied().unwrap_or(start));
            out.push(
                Diagnostic::error(
                    "include-cycle",
                    format!(
                        "fragments include each other in a cycle: {}",
                        cycle.join(" → ")
                    ),
                )
                .at(doc.file, span, "this include starts the cycle")
                .help("remove one of the includes; a fragment cannot contain itself"),
            );
        }
    }
}

fn find_cycle<'a>(
    at: &'a str,
    graph: &BTreeMap<&'a str, Vec<&'a str>>,
    path: &mut Vec<&'a str>,
) -> Option<Vec<&'a str>> {
    for &next in graph.get(at).map(Vec::as_slice).unwrap_or_default() {
        if next == path[0] {
            let mut cycle = path.clone();
            cycle.push(next);
            return Some(cycle);
        }
        if path.contains(&next) || path.len() > graph.len() {
            continue;
        }
        path.push(next);
        if let Some(cycle) = find_cycle(next, graph, path) {
            return Some(cycle);
        }
        path.pop();
    }
    None
}

/// Every fragment a document includes, wherever the `include` sits (admonitions, steps, tab
/// panes, collapsibles): the walk's own list of includes.
fn collect_includes<'a>(document: &'a Document, out: &mut Vec<&'a str>) {
    struct Includes<'a, 'o>(&'o mut Vec<&'a str>);
    impl<'a> Visitor<'a> for Includes<'a, '_> {
        fn include(&mut self, id: &'a TopicId, _pointer: &str) {
            self.0.push(id.as_str());
        }
    }
    walk(document, &mut Includes(out));
}

fn find_include_span(node: &crate::load::Node, target: &str) -> std::ops::Range<usize> {
    use crate::load::NodeValue;
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        if let Some(v) = n.get("include")
            && v.as_str() == Some(target)
        {
            return v.span.clone();
        }
        match &n.value {
            NodeValue::Map(entries) => stack.extend(entries.iter().rev().map(|e| &e.value)),
            NodeValue::Seq(items) => stack.extend(items.iter().rev()),
            _ => {}
        }
    }
    node.span.clone()
}

struct DocChecker<'a> {
    content: &'a ContentSet,
    sources: &'a SourceMap,
    doc: &'a ContentDoc,
    root: Option<&'a Path>,
    svgs: &'a SvgVerdicts,
    out: &'a mut Vec<Diagnostic>,
}

impl DocChecker<'_> {
    fn span(&self, pointer: &str) -> std::ops::Range<usize> {
        self.doc.node.locate(pointer).node.span.clone()
    }

    fn unknown_topic(&mut self, id: &str, span: std::ops::Range<usize>, what: &str) {
        let help = did_you_mean(id, self.content.ids())
            .unwrap_or_else(|| "check the id, or add a topic with this id".to_string());
        self.out.push(
            Diagnostic::error(
                "dangling-ref",
                format!("{what} refers to unknown topic `{id}`"),
            )
            .at(self.doc.file, span, "no topic has this id")
            .help(help),
        );
    }
}

impl Visitor<'_> for DocChecker<'_> {
    fn block(&mut self, block: &Block, pointer: &str) {
        super::alternatives::check_block(self.doc, block, pointer, self.out);
        super::data_views::check_block(self.content, self.doc, block, pointer, self.out);
    }

    fn rich_text(&mut self, text: &RichText, pointer: &str) {
        // Links (`unsafe-link`, `broken-link`, `invisible-character`) are content rules,
        // reported from `rules/`.
        let mut problems = (text.parsed().problems.iter())
            .filter(|p| p.code != "unsafe-link" && p.code != INVISIBLE_CHARACTER)
            .peekable();
        if problems.peek().is_none() {
            // Locating the text in its file costs a walk of the document: only for a finding.
            return;
        }
        let node = self.doc.node.locate(pointer).node;
        let source = &self.sources.file(self.doc.file).text;
        for problem in problems {
            let span = span_in_value(node, source, text.as_str(), problem.range.clone());
            self.out.push(
                Diagnostic::error(problem.code, problem.message.clone())
                    .at(self.doc.file, span, "here")
                    .help(problem.help.clone()),
            );
        }
    }

    fn topic_ref(&mut self, id: &TopicId, target: RefTarget, pointer: &str) {
        // The kind of the topic with this id; `None` when it failed to load with a kind that
        // cannot be read (reported in its own file).
        let kind = match self.content.topic(id.as_str()) {
            Some(topic) => Some(topic.kind()),
            None => match self.content.invalid(id.as_str()) {
                Some(doc) if doc.may_be(DocumentFamily::Topic) => doc.kind,
                _ => {
                    return self.unknown_topic(id.as_str(), self.span(pointer), "this reference");
                }
            },
        };
        match (kind, target) {
            (None | Some(DocumentKind::Procedure), _) | (_, RefTarget::AnyTopic) => {}
            (Some(kind), RefTarget::Procedure) => self.out.push(
                Diagnostic::error("wrong-ref-kind", format!("`{id}` is {} topic, but a procedure is expected here", kind.with_article()))
                    .at(self.doc.file, self.span(pointer), "not a procedure")
                    .help("point `go_to` and `procedure` at a procedure; link other topics from text with `topic:ID`"),
            ),
        }
    }

    fn include(&mut self, id: &TopicId, pointer: &str) {
        let exists = self.content.fragment(id.as_str()).is_some()
            || (self.content.invalid(id.as_str()))
                .is_some_and(|doc| doc.may_be(DocumentFamily::Fragment));
        if !exists {
            crate::content::reads::every_id();
            let valid = self.content.docs.iter().filter_map(|d| match &d.document {
                Document::Fragment(f) => Some(f.id.as_str()),
                _ => None,
            });
            let invalid = (self.content.invalid.iter())
                .filter(|d| d.may_be(DocumentFamily::Fragment))
                .map(|d| d.id.as_str());
            let fragments = valid.chain(invalid);
            let help = did_you_mean(id.as_str(), fragments)
                .unwrap_or_else(|| "add a fragment file with this id".to_string());
            self.out.push(
                Diagnostic::error(
                    "dangling-ref",
                    format!("`include` refers to unknown fragment `{id}`"),
                )
                .at(self.doc.file, self.span(pointer), "no fragment has this id")
                .help(help),
            );
        }
    }

    fn image(&mut self, image: &Image, pointer: &str) {
        let problem = match &self.content.images {
            Images::Folder => image_problem(&image.src, &self.doc.path, self.root),
            Images::Memory(images) => memory_image_problem(&image.src, &self.doc.path, images),
        };
        let problem = problem
            .or_else(|| svg_image_problem(self.content, &self.doc.path, &image.src, self.svgs));
        if let Some(problem) = problem {
            let span = self.span(&format!("{pointer}/src"));
            self.out.push(
                Diagnostic::error("bad-image", problem.0)
                    .at(self.doc.file, span, "here")
                    .help(problem.1),
            );
        }
    }

    fn url(&mut self, url: &str, pointer: &str) {
        if !has_allowed_scheme(url) {
            self.out.push(
                Diagnostic::error(
                    "unsafe-link",
                    format!("`{url}` is not an http, https or mailto address"),
                )
                .at(self.doc.file, self.span(pointer), "here")
                .help("use a full `https://` address"),
            );
        }
    }
}

/// Why an image path is unusable, if it is: outside the content folder, missing, or of a type
/// exporters cannot embed.
pub fn image_problem(src: &str, doc_path: &Path, root: Option<&Path>) -> Option<(String, String)> {
    if let Some(problem) = image_form_problem(src) {
        return Some(problem);
    }
    let path = Path::new(src);
    let full = doc_path.parent().unwrap_or(Path::new(".")).join(path);
    if let Some(root) = root
        && let Ok(doc_dir) = doc_path.parent().unwrap_or(Path::new(".")).canonicalize()
        && !lexically_inside(&doc_dir.join(path), root)
    {
        return Some((
            format!("image `{src}` is outside the content folder"),
            "images must live inside the content folder (paths with `..` or symbolic links may not leave it)".into(),
        ));
    }
    let Ok(real) = full.canonicalize() else {
        return Some((
            format!("image `{src}` does not exist"),
            format!(
                "the path is relative to this file; no file is at {}",
                full.display()
            ),
        ));
    };
    if let Some(root) = root
        && !real.starts_with(root)
    {
        return Some((
            format!("image `{src}` is outside the content folder"),
            "images must live inside the content folder (paths with `..` or symbolic links may not leave it)".into(),
        ));
    }
    if !real.is_file() {
        return Some((
            format!("image `{src}` is not a file"),
            "point `src` at an image file".into(),
        ));
    }
    None
}

/// Why an SVG image (found, inside the content folder) may not be published: see
/// [`super::svg`]. Other images are bytes the exporters embed or copy as they are.
fn svg_image_problem(
    content: &ContentSet,
    doc_path: &Path,
    src: &str,
    svgs: &SvgVerdicts,
) -> Option<(String, String)> {
    if !src.to_ascii_lowercase().ends_with(".svg") {
        return None;
    }
    let verdict = match &content.images {
        Images::Folder => {
            let key = crate::resolve::content_relative(&content.root, doc_path, src);
            svgs.get_or_judge(key, || {
                let folder = crate::load::ReadRoot::new(&content.root, "the content folder")
                    .map_err(|error| error.to_string())?;
                let full = doc_path.parent().unwrap_or(Path::new(".")).join(src);
                let bytes = folder
                    .read(&full, crate::resolve::MAX_IMAGE_BYTES)
                    .map_err(|refused| refused.reason())?;
                Ok(super::svg::svg_problem(&bytes))
            })
        }
        Images::Memory(images) => {
            let key = memory_image_key(src, doc_path).ok()?;
            Ok(super::svg::svg_problem(images.get(&key)?))
        }
    };
    match verdict {
        Ok(problem) => {
            let problem = problem?;
            Some((
                format!(
                    "image `{src}` cannot be published: line {} of the image holds {}",
                    problem.line, problem.what
                ),
                "the docs site serves an SVG as a document of its own, where scripts, handlers and \
                 links in it would run: remove that part, or save the drawing again as plain SVG \
                 (UTF-8, well-formed), or use a PNG"
                    .into(),
            ))
        }
        Err(reason) => Some((
            format!("image `{src}` cannot be read"),
            format!("{reason}; point `src` at an image file in the content folder"),
        )),
    }
}

/// Why an image path is unusable whatever is on disk: a URL, absolute, or of a type exporters
/// cannot embed.
fn image_form_problem(src: &str) -> Option<(String, String)> {
    let path = Path::new(src);
    if src.contains("://") || src.starts_with("data:") {
        return Some((
            format!("image `{src}` is not a file in the content folder"),
            "copy the image into the content folder and give its relative path".into(),
        ));
    }
    if path.is_absolute() {
        return Some((
            format!("image path `{src}` is absolute"),
            "give the path relative to this file, inside the content folder".into(),
        ));
    }
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if !IMAGE_EXTENSIONS.contains(&extension.as_str()) {
        return Some((
            format!("image `{src}` is not a PNG, JPEG, GIF or SVG file"),
            "convert the image to PNG or SVG".into(),
        ));
    }
    None
}

/// Why an image path of content loaded from memory is unusable, if it is: as
/// [`image_problem`], with the images given in memory (by path relative to the content root) in
/// place of the content folder.
fn memory_image_problem(
    src: &str,
    doc_path: &Path,
    images: &std::collections::BTreeMap<String, Vec<u8>>,
) -> Option<(String, String)> {
    if let Some(problem) = image_form_problem(src) {
        return Some(problem);
    }
    let key = match memory_image_key(src, doc_path) {
        Ok(key) => key,
        Err(problem) => return Some(problem),
    };
    (!images.contains_key(&key)).then(|| {
        (
            format!("image `{src}` does not exist"),
            format!("the path is relative to this file; no image is at `{key}` in the content"),
        )
    })
}

/// Where an image of content loaded from memory is in its images (the path relative to the
/// content root), or why the path leaves the content.
fn memory_image_key(src: &str, doc_path: &Path) -> Result<String, (String, String)> {
    let mut parts: Vec<&str> = Vec::new();
    let doc_dir = doc_path.parent().and_then(Path::to_str).unwrap_or_default();
    for part in doc_dir.split(['/', '\\']).chain(src.split(['/', '\\'])) {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err((
                        format!("image `{src}` is outside the content folder"),
                        "images must live inside the content folder (paths with `..` may not leave it)".into(),
                    ));
                }
            }
            other => parts.push(other),
        }
    }
    Ok(parts.join("/"))
}

/// Whether `path`, with `.` and `..` applied lexically, stays under `root`.
fn lexically_inside(path: &Path, root: &Path) -> bool {
    let mut clean = std::path::PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::ParentDir => {
                if !clean.pop() {
                    return false;
                }
            }
            std::path::Component::CurDir => {}
            other => clean.push(other),
        }
    }
    clean.starts_with(root)
}
