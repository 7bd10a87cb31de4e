//! The loaded content set: every valid document with its file, source tree and typed model, indexed by id.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::PathBuf;

use crate::diag::FileId;
use crate::load::Node;
use crate::model::{Document, DocumentFamily, DocumentKind, Fragment, Publication, Topic};

pub mod reads;

/// One content file that parsed and passed its schema.
#[derive(Debug, Clone)]
pub struct ContentDoc {
    /// The file, in the run's source map.
    pub file: FileId,
    /// The file's path on disk (for resolving relative image paths).
    pub path: PathBuf,
    /// The parsed tree, for mapping JSON pointers back to source positions.
    pub node: Node,
    /// The typed document.
    pub document: Document,
    /// What `duplicate-topic` compares of this document, worked out on first use. A document
    /// read again is a new `ContentDoc`, so after an edit that whole-set rule normalizes only
    /// the documents that changed, not every title of the content again.
    pub duplicate_subjects: std::sync::OnceLock<Vec<crate::check::rules::duplicate_topic::Subject>>,
    /// What `duplicate-alt-text` compares of this document, worked out on first use (as
    /// [`ContentDoc::duplicate_subjects`]: the whole-set rule walks only documents read again).
    pub alt_texts: std::sync::OnceLock<Vec<crate::check::rules::duplicate_alt_text::AltText>>,
}

impl ContentDoc {
    /// The document's kind.
    pub fn kind(&self) -> DocumentKind {
        self.document.kind()
    }

    /// The document's id.
    pub fn id(&self) -> &str {
        match &self.document {
            Document::Topic(t) => t.meta().id.as_str(),
            Document::Fragment(f) => f.id.as_str(),
            Document::Publication(p) => p.id.as_str(),
        }
    }
}

/// A content file that failed to load but whose `id` could be read. It exists: references to it
/// are not dangling (its own problems are reported once, in its own file), and its id is offered
/// by "did you mean" like any other.
#[derive(Debug, Clone)]
pub struct InvalidDoc {
    /// The file, in the run's source map.
    pub file: FileId,
    /// The id as written.
    pub id: String,
    /// Where the id is written.
    pub id_span: Range<usize>,
    /// The `kind`, when it is one helpdoc knows.
    pub kind: Option<DocumentKind>,
}

impl InvalidDoc {
    /// Whether the document may belong to `family`: its kind says so, or could not be read.
    pub fn may_be(&self, family: DocumentFamily) -> bool {
        self.kind.is_none_or(|kind| kind.family() == family)
    }
}

/// Where a content set's images are.
#[derive(Debug, Clone, Default)]
pub enum Images {
    /// Files in the content folder ([`ContentSet::root`]), read through the guarded reader.
    #[default]
    Folder,
    /// Given in memory with the documents, by path relative to the content root, `/`-separated
    /// and normalized (as [`crate::resolve::content_relative`] writes it).
    Memory(BTreeMap<String, Vec<u8>>),
}

/// Every loaded document, with an index by id (ids share one namespace).
#[derive(Debug, Clone, Default)]
pub struct ContentSet {
    /// The content folder (empty for content loaded from memory).
    pub root: PathBuf,
    /// Documents in file order.
    pub docs: Vec<ContentDoc>,
    /// Files that failed to load but whose id could be read, in file order.
    pub invalid: Vec<InvalidDoc>,
    /// Where the images the documents name are.
    pub images: Images,
    /// The data files under `data/` (see [`crate::data`]).
    pub data: crate::data::DataFiles,
    by_id: HashMap<String, usize>,
    invalid_by_id: HashMap<String, usize>,
}

impl ContentSet {
    /// The set of documents loaded from memory (see [`crate::load::load_memory`]), with the
    /// images they name by path relative to the (virtual) content root.
    pub fn in_memory(
        docs: Vec<ContentDoc>,
        invalid: Vec<InvalidDoc>,
        images: BTreeMap<String, Vec<u8>>,
    ) -> Self {
        ContentSet {
            images: Images::Memory(images),
            ..ContentSet::new(PathBuf::new(), docs, invalid)
        }
    }

    /// Builds the set of documents of the content folder `root`; the first document with an id
    /// wins (duplicates are reported by `check`).
    pub fn new(root: PathBuf, docs: Vec<ContentDoc>, invalid: Vec<InvalidDoc>) -> Self {
        let mut set = ContentSet {
            root,
            docs,
            invalid,
            images: Images::Folder,
            data: crate::data::DataFiles::default(),
            by_id: HashMap::new(),
            invalid_by_id: HashMap::new(),
        };
        set.reindex();
        set
    }

    /// Rebuilds the index by id after [`ContentSet::docs`] or [`ContentSet::invalid`] were
    /// changed in place (the incremental engine edits them rather than rebuilding the set).
    pub fn reindex(&mut self) {
        let mut by_id = HashMap::with_capacity(self.docs.len());
        for (index, doc) in self.docs.iter().enumerate() {
            by_id.entry(doc.id().to_string()).or_insert(index);
        }
        let mut invalid_by_id = HashMap::with_capacity(self.invalid.len());
        for (index, doc) in self.invalid.iter().enumerate() {
            invalid_by_id.entry(doc.id.clone()).or_insert(index);
        }
        self.by_id = by_id;
        self.invalid_by_id = invalid_by_id;
    }

    /// This set with its data files.
    pub fn with_data(self, data: crate::data::DataFiles) -> Self {
        ContentSet { data, ..self }
    }

    /// The document with this id that failed to load, when no valid document has the id.
    pub fn invalid(&self, id: &str) -> Option<&InvalidDoc> {
        reads::id(id);
        if self.by_id.contains_key(id) {
            return None;
        }
        self.invalid_by_id.get(id).map(|&i| &self.invalid[i])
    }

    /// The document with this id.
    pub fn get(&self, id: &str) -> Option<&ContentDoc> {
        reads::id(id);
        self.by_id.get(id).map(|&i| &self.docs[i])
    }

    /// The topic with this id.
    pub fn topic(&self, id: &str) -> Option<&Topic> {
        match &self.get(id)?.document {
            Document::Topic(t) => Some(t),
            _ => None,
        }
    }

    /// The fragment with this id.
    pub fn fragment(&self, id: &str) -> Option<&Fragment> {
        match &self.get(id)?.document {
            Document::Fragment(f) => Some(f),
            _ => None,
        }
    }

    /// Every publication, in file order.
    pub fn publications(&self) -> impl Iterator<Item = &Publication> {
        reads::every_doc();
        self.docs.iter().filter_map(|d| match &d.document {
            Document::Publication(p) => Some(p),
            _ => None,
        })
    }

    /// Every topic, in file order.
    pub fn topics(&self) -> impl Iterator<Item = (&ContentDoc, &Topic)> {
        reads::every_doc();
        self.docs.iter().filter_map(|d| match &d.document {
            Document::Topic(t) => Some((d, t)),
            _ => None,
        })
    }

    /// Every id, including those of documents that failed to load, for "did you mean" suggestions.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        reads::every_id();
        self.by_id
            .keys()
            .chain(self.invalid_by_id.keys())
            .map(String::as_str)
    }
}
