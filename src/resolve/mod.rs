//! Resolves a publication against the content set: picks its topics and leaves out every topic,
//! block, step, cause, tab pane and table row whose `when:` its selection does not hold (marking
//! what it flags), expands fragment includes, copies each rich text's tree (parsed once, at load)
//! with its `{{variable}}` nodes filled with the publication's values, and turns
//! cross-references to topics outside the publication into docs links or plain text, so
//! exporters only ever see valid links.

pub mod anchors;
pub mod budget;
mod data;
mod filtered;
mod note;
pub mod select;
mod types;

pub use note::*;
pub use types::*;
pub mod wording;

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use crate::content::ContentSet;
use crate::model::inline::{Inline, Piece, split_variables};
use crate::model::{
    AdmonitionType, Block, Branch, Cause, Condition, Publication, RichText, Section, SectionChild,
    Step, Topic, TopicId,
};
use select::{Selection, topic_condition};

/// The anchor of a topic, or of a step or cause inside it: `topic` or `topic--anchor` (ids never
/// contain `--`, so these cannot collide).
pub fn anchor_id(topic: &str, anchor: Option<&str>) -> String {
    match anchor {
        Some(anchor) => format!("{topic}--{anchor}"),
        None => topic.to_string(),
    }
}

/// Aliases as the resolved model holds them.
fn aliases(list: &[crate::model::Alias]) -> Vec<String> {
    list.iter().map(|a| a.as_str().to_string()).collect()
}

/// Image files referenced by the resolved publications, keyed by content-relative path.
pub type ImageStore = BTreeMap<String, Vec<u8>>;

/// Resolves one publication. Returns it and notes about links that became plain text.
///
/// A cross-reference to a topic the publication does not include becomes a link into the docs
/// site when a docs base URL is set (`[site] base_url`, or the publication's older
/// `formats.json.docs_base_url`) and a Markdown publication holds
/// the target (`pages`); otherwise it becomes plain text, and a note says so.
pub fn resolve_publication(
    content: &ContentSet,
    publication: &Publication,
    pages: &crate::site::DocsPages,
) -> (ResolvedPublication, Vec<Note>) {
    resolve_as(content, publication, pages, Resolving::Whole)
}

/// How much of a publication resolving writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolving {
    /// Everything: what exporters read.
    Whole,
    /// Every note, on a publication whose rich texts are left empty: its structure (sections,
    /// topics, steps, causes, blocks, images, links) is whole, so the notes made from it (the
    /// help bundle's, see [`crate::publish::format_notes`]) are those of the whole publication.
    /// For `check`, which reports notes and exports nothing: copying every text of every
    /// publication was most of its resolving.
    NotesOnly,
}

/// [`resolve_publication`], writing as much as `resolving` says.
pub fn resolve_as(
    content: &ContentSet,
    publication: &Publication,
    pages: &crate::site::DocsPages,
    resolving: Resolving,
) -> (ResolvedPublication, Vec<Note>) {
    let included = included_topics(content, publication);
    let (docs, _warning) =
        crate::site::DocsLinks::new(publication.formats.json.docs_base_url.as_deref(), pages);
    let docs = docs.from_publication(publication.id.as_str());
    let selection = Selection::of(publication);
    let left_out = filtered::LeftOut::of(content, publication, &selection, &included);
    let mut resolver = Resolver {
        left_out: &left_out,
        content,
        publication,
        variables: selection.variables(publication),
        selection: &selection,
        included: &included,
        docs,
        notes: Vec::new(),
        topic: String::new(),
        doc: publication.id.to_string(),
        resolving,
    };
    let sections = (publication.sections.iter().enumerate())
        .map(|(i, s)| {
            let page = resolver.section(s, 0);
            resolver.page_emptied(s, &page, i);
            page
        })
        .collect();
    let resolved = ResolvedPublication {
        id: publication.id.to_string(),
        title: resolver.vars(&publication.title),
        subtitle: publication.subtitle.as_deref().map(|s| resolver.vars(s)),
        description: publication.description.as_deref().map(|s| resolver.vars(s)),
        product: publication.product.clone(),
        version: publication.version.clone(),
        author: publication.author.clone(),
        sections,
        formats: publication.formats.clone(),
    };
    (resolved, resolver.notes)
}

/// A publication's outline: its sections and the ids of the topics each places, exactly as
/// [`resolve_publication`] orders them, without any text (titles empty, no intros, every topic an
/// empty concept). Enough to index where topics are published
/// ([`crate::site::DocsPages::index`]) without holding every publication resolved at once.
pub fn outline(content: &ContentSet, publication: &Publication) -> ResolvedPublication {
    fn section(
        at: &Section,
        depth: usize,
        content: &ContentSet,
        included: &HashSet<String>,
    ) -> ResolvedSection {
        let items = (at.children())
            .filter_map(|(_, child)| match child {
                SectionChild::Topic(id) => {
                    let topic = placed(content, included, id)?;
                    Some(ResolvedItem::Topic(ResolvedTopic {
                        id: topic.meta().id.to_string(),
                        title: String::new(),
                        aliases: Vec::new(),
                        summary: None,
                        see_also: Vec::new(),
                        source: None,
                        learn_more: Vec::new(),
                        body: TopicBody::Concept { answer: Vec::new() },
                    }))
                }
                SectionChild::Section(nested) => Some(ResolvedItem::Section(section(
                    nested,
                    depth + 1,
                    content,
                    included,
                ))),
            })
            .collect();
        ResolvedSection {
            id: at.id.to_string(),
            title: String::new(),
            aliases: Vec::new(),
            sidebar_label: None,
            description: None,
            depth,
            intro: Vec::new(),
            items,
            outro: Vec::new(),
            read_next: Vec::new(),
            slug: at.slug.clone(),
            keywords: Vec::new(),
            hide_table_of_contents: false,
        }
    }
    let included = included_topics(content, publication);
    ResolvedPublication {
        id: publication.id.to_string(),
        title: String::new(),
        subtitle: None,
        description: None,
        product: None,
        version: None,
        author: None,
        sections: (publication.sections.iter())
            .map(|s| section(s, 0, content, &included))
            .collect(),
        formats: publication.formats.clone(),
    }
}

/// The topic a section places under `id`, if the publication includes it.
fn placed<'c>(
    content: &'c ContentSet,
    included: &HashSet<String>,
    id: &TopicId,
) -> Option<&'c Topic> {
    included
        .contains(id.as_str())
        .then(|| content.topic(id.as_str()))
        .flatten()
}

/// The largest image read, in bytes.
pub const MAX_IMAGE_BYTES: u64 = 64 * 1024 * 1024;

/// Loads every image the content set references (already checked to exist inside the folder),
/// through the guarded reader: one that cannot be read is left out, and the exporter that needs
/// it says so.
pub fn load_images(content: &ContentSet) -> ImageStore {
    let mut store = ImageStore::new();
    if let crate::content::Images::Memory(images) = &content.images {
        return images.clone();
    }
    add_images(&mut store, content, &content.docs);
    store
}

/// Adds to `store` the images `docs` name that it does not hold yet (see [`load_images`]).
pub fn add_images(
    store: &mut ImageStore,
    content: &ContentSet,
    docs: &[crate::content::ContentDoc],
) {
    if !matches!(content.images, crate::content::Images::Folder) {
        return;
    }
    let Ok(folder) = crate::load::ReadRoot::new(&content.root, "the content folder") else {
        return;
    };
    for doc in docs {
        struct Collect<'a>(&'a mut Vec<String>);
        impl crate::model::walk::Visitor<'_> for Collect<'_> {
            fn image(&mut self, image: &crate::model::Image, _pointer: &str) {
                self.0.push(image.src.clone());
            }
        }
        let mut sources = Vec::new();
        crate::model::walk::walk(&doc.document, &mut Collect(&mut sources));
        for src in sources {
            let key = content_relative(&content.root, &doc.path, &src);
            if let std::collections::btree_map::Entry::Vacant(slot) = store.entry(key.clone())
                && let Ok(bytes) = folder.read(&content.root.join(&key), MAX_IMAGE_BYTES)
            {
                slot.insert(bytes);
            }
        }
    }
}

/// An image path relative to the content folder, normalized (`a/../b` → `b`), `/`-separated.
pub fn content_relative(root: &Path, doc_path: &Path, src: &str) -> String {
    let doc_dir = doc_path
        .parent()
        .and_then(|p| p.strip_prefix(root).ok())
        .unwrap_or(Path::new(""));
    let mut parts: Vec<String> = doc_dir
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    for part in src.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other.to_string()),
        }
    }
    parts.join("/")
}

/// Where the publication places each topic it includes (one that exists and whose `when` its
/// selection holds): (index of the top-level section holding it, topic id), in reading order.
pub fn placed_topics<'c>(
    content: &ContentSet,
    publication: &'c Publication,
) -> Vec<(usize, &'c str)> {
    fn visit<'c>(
        page: usize,
        section: &'c Section,
        content: &ContentSet,
        selection: &Selection,
        out: &mut Vec<(usize, &'c str)>,
    ) {
        for (_, child) in section.children() {
            match child {
                SectionChild::Topic(id) => {
                    if let Some(topic) = content.topic(id.as_str())
                        && selection.holds(topic_condition(topic.meta()).as_deref())
                    {
                        out.push((page, id.as_str()));
                    }
                }
                SectionChild::Section(nested) => visit(page, nested, content, selection, out),
            }
        }
    }
    let selection = Selection::of(publication);
    let mut out = Vec::new();
    for (page, section) in publication.sections.iter().enumerate() {
        visit(page, section, content, &selection, &mut out);
    }
    out
}

/// Topic ids the publication places (and whose `when` it holds).
fn included_topics(content: &ContentSet, publication: &Publication) -> HashSet<String> {
    placed_topics(content, publication)
        .into_iter()
        .map(|(_, id)| id.to_string())
        .collect()
}

/// A piece of text after filling variables: written text, or a variable's value.
pub(crate) enum Fill<'t> {
    /// Text as written.
    Text(&'t str),
    /// The value of the variable `name`, for one `{{name}}`.
    Variable {
        /// The variable's name.
        name: &'t str,
        /// Its value.
        value: &'t str,
    },
}

/// Splits plain text (a title, a label) into what filling each `{{name}}` with its variable
/// gives, in one pass ([`split_variables`] finds them, as the rich-text parser does). Values
/// are inserted as written, never expanded again: values that name other variables could
/// otherwise multiply without bound. A name with no value stays as written. The one definition
/// of filling plain text: [`fill_variables`] writes the pieces, the expansion budget
/// ([`budget`]) counts them.
pub(crate) fn fill_pieces<'t>(
    text: &'t str,
    variables: &'t BTreeMap<String, String>,
    mut emit: impl FnMut(Fill<'t>),
) {
    if variables.is_empty() || !text.contains("{{") {
        emit(Fill::Text(text));
        return;
    }
    split_variables(text, |piece| match piece {
        Piece::Text(text) => emit(Fill::Text(text)),
        Piece::Variable(name) => match variables.get_key_value(name) {
            Some((name, value)) => emit(Fill::Variable { name, value }),
            None => emit(Fill::Text(written(text, name))),
        },
    });
}

/// The `{{name}}` around `name`, a slice of `text` that [`split_variables`] found.
fn written<'t>(text: &'t str, name: &'t str) -> &'t str {
    let start = (name.as_ptr() as usize).saturating_sub(text.as_ptr() as usize + 2);
    text.get(start..start + name.len() + 4).unwrap_or(name)
}

/// Fills each `{{name}}` with its variable (see [`fill_pieces`]).
fn fill_variables(text: &str, variables: &BTreeMap<String, String>) -> String {
    let mut out = String::with_capacity(text.len());
    fill_pieces(text, variables, |piece| match piece {
        Fill::Text(text) => out.push_str(text),
        Fill::Variable { value, .. } => out.push_str(value),
    });
    out
}

struct Resolver<'a> {
    content: &'a ContentSet,
    publication: &'a Publication,
    /// What the publication selects and flags.
    selection: &'a Selection,
    /// What it leaves out that references may point at.
    left_out: &'a filtered::LeftOut,
    /// The value of each variable in this publication.
    variables: BTreeMap<String, String>,
    included: &'a HashSet<String>,
    /// Links into the docs site, for cross-references to topics outside the publication.
    docs: crate::site::DocsLinks,
    notes: Vec<Note>,
    /// The topic being resolved (for anchors).
    topic: String,
    /// The document whose blocks are being resolved (a topic, or an included fragment), for
    /// resolving image paths relative to the file that wrote them.
    doc: String,
    /// Whether rich texts are written or only noted.
    resolving: Resolving,
}

impl Resolver<'_> {
    fn vars(&self, text: &str) -> String {
        fill_variables(text, &self.variables)
    }

    /// Whether the publication keeps content with condition `when`.
    fn holds(&self, when: Option<&Condition>) -> bool {
        self.selection.holds(when)
    }

    /// The marker of content with condition `when`, if the publication flags it.
    fn marker(&self, when: Option<&Condition>) -> Option<String> {
        self.selection
            .marker(when)
            .map(|words| wording::marker(&words))
    }

    /// The text's tree (parsed when it was loaded), with variables filled and links to topics
    /// outside the publication noted and made plain.
    fn text(&mut self, text: &RichText) -> Text {
        for xref in &text.parsed().xrefs {
            if let Some(why) = self.anchor_left_out(&xref.topic, xref.anchor.as_deref()) {
                let why = why.to_string();
                let place = Place::Text {
                    doc: self.doc.clone(),
                    text: text.as_str().to_string(),
                    range: xref.range.clone(),
                };
                let target = anchor_id(&xref.topic, xref.anchor.as_deref());
                self.left_out_reference(place, format!("the link to `{target}` points at a step or cause left out of {PUBLICATIONS}: its `when: {why}` does not hold there"));
            } else if !self.included.contains(&xref.topic)
                && self.docs.url(&xref.topic, xref.anchor.as_deref()).is_none()
            {
                self.link_outside(text, xref);
            }
        }
        if self.resolving == Resolving::NotesOnly {
            return Text::new();
        }
        let mut out = Vec::with_capacity(text.inlines().len());
        self.inlines_into(text.inlines(), &mut out);
        out
    }

    /// The condition that left out the step or cause `anchor` of `topic`, if the publication
    /// left it out.
    fn anchor_left_out(&self, topic: &str, anchor: Option<&str>) -> Option<&Condition> {
        let key = (topic.to_string(), anchor?.to_string());
        self.left_out.anchors.get(&key)
    }

    /// Notes a reference to content the publication left out (an error unless configured).
    fn left_out_reference(&mut self, place: Place, message: String) {
        let publication = self.publication.id.as_str();
        self.notes.push(
            Note::new(&REFERENCE_FILTERED_OUT, Some(publication), message)
                .at(place, "left out here"),
        );
    }

    /// Notes a structural reference (`go_to`, a resolution's `procedure`, `read_next`) to a
    /// topic the publication places but leaves out.
    fn check_topic_ref(&mut self, id: &TopicId, what: &str) {
        let Some(why) = self.left_out.topics.get(id.as_str()) else {
            return;
        };
        let message = format!(
            "{what} `{id}`, which is left out of {PUBLICATIONS}: its `when: {why}` does not hold there"
        );
        let place = Place::field(&self.doc, &self.ref_pointer(id));
        self.left_out_reference(place, message);
    }

    /// The pointer of the first reference to `id` in the document being resolved.
    fn ref_pointer(&self, id: &TopicId) -> String {
        struct Find<'i>(&'i TopicId, Option<String>);
        impl crate::model::walk::Visitor<'_> for Find<'_> {
            fn topic_ref(&mut self, id: &TopicId, _: crate::model::walk::RefTarget, pointer: &str) {
                if self.1.is_none() && id == self.0 {
                    self.1 = Some(pointer.to_string());
                }
            }
        }
        let mut find = Find(id, None);
        if let Some(doc) = self.content.get(&self.doc) {
            crate::model::walk::walk(&doc.document, &mut find);
        }
        find.1.unwrap_or_default()
    }

    /// Notes a page (top-level section `index`) whose topics the selection all left out.
    fn page_emptied(&mut self, section: &Section, page: &ResolvedSection, index: usize) {
        fn any_topic(items: &[ResolvedItem]) -> bool {
            items.iter().any(|item| match item {
                ResolvedItem::Topic(_) => true,
                ResolvedItem::Section(s) => any_topic(&s.items),
            })
        }
        fn conditions(section: &Section, left: &filtered::LeftOut, out: &mut Vec<String>) {
            for (_, child) in section.children() {
                match child {
                    SectionChild::Topic(id) => {
                        out.extend(left.topics.get(id.as_str()).map(|c| c.to_string()))
                    }
                    SectionChild::Section(nested) => conditions(nested, left, out),
                }
            }
        }
        let mut why = Vec::new();
        conditions(section, self.left_out, &mut why);
        if why.is_empty() || any_topic(&page.items) {
            return;
        }
        let place = Place::field(self.publication.id.as_str(), &format!("/sections/{index}"));
        self.emptied(place, "the page", "topics", why);
    }

    /// Notes something the selection emptied, naming the conditions that did.
    fn emptied(&mut self, place: Place, what: &str, parts: &str, mut why: Vec<String>) {
        why.sort();
        why.dedup();
        let why: Vec<String> = why.iter().map(|c| format!("`when: {c}`")).collect();
        let message = format!(
            "{what} has no {parts} left in {PUBLICATIONS}: {} left them all out",
            crate::diag::words::and_list(&why)
        );
        let publication = self.publication.id.as_str();
        self.notes.push(
            Note::new(&EMPTIED_BY_CONDITION, Some(publication), message).at(place, "emptied"),
        );
    }

    /// Notes a cross-reference that becomes plain text (the link is dropped in [`Self::inlines`]).
    fn link_outside(&mut self, text: &RichText, xref: &crate::model::inline::XRefSite) {
        let publication = &self.publication.id;
        let topic = &xref.topic;
        let place = Place::Text {
            doc: self.doc.clone(),
            text: text.as_str().to_string(),
            range: xref.range.clone(),
        };
        self.notes.push(
            Note::new(
                &LINK_OUTSIDE_PUBLICATION,
                Some(publication.as_str()),
                format!("the link to `{topic}` becomes plain text in {PUBLICATIONS}: that topic is not included there"),
            )
            .at(place, "becomes plain text")
            .help(format!(
                "add `{topic}` to {PUBLICATIONS}; or set `base_url` under `[site]` in helpdoc.toml and publish `{topic}` in a Markdown publication, to link into the docs site; or reword the text"
            )),
        );
    }

    fn inlines(&self, inlines: &[Inline]) -> Text {
        let mut out = Vec::with_capacity(inlines.len());
        self.inlines_into(inlines, &mut out);
        out
    }

    /// Copies `inlines` into `out` with each variable node filled with its value (as text; a
    /// name without a value stays as written); a link to a topic outside the publication (noted
    /// in [`Self::text`]) is replaced by its text.
    fn inlines_into(&self, inlines: &[Inline], out: &mut Text) {
        for inline in inlines {
            match inline {
                Inline::Text(t) => push_text(out, t),
                Inline::Variable(name) => match self.variables.get(name) {
                    Some(value) => push_text(out, value),
                    None => push_text(out, &crate::model::inline::placeholder(name)),
                },
                Inline::Emphasis(c) => out.push(Inline::Emphasis(self.inlines(c))),
                Inline::Strong(c) => out.push(Inline::Strong(self.inlines(c))),
                Inline::Link { url, children } => out.push(Inline::Link {
                    url: url.clone(),
                    children: self.inlines(children),
                }),
                Inline::SiteLink {
                    route,
                    anchor,
                    children,
                    ..
                } => out.push(Inline::SiteLink {
                    route: route.clone(),
                    anchor: anchor.clone(),
                    url: self.site_url(route, anchor.as_deref()),
                    children: self.inlines(children),
                }),
                Inline::XRef {
                    topic,
                    anchor,
                    children,
                } => {
                    // A link to a topic outside the publication goes to the docs site, or
                    // becomes plain text (noted in `text`); so does one to a step or cause the
                    // publication left out.
                    if self.anchor_left_out(topic, anchor.as_deref()).is_some() {
                        self.inlines_into(children, out);
                    } else if self.included.contains(topic) {
                        out.push(Inline::XRef {
                            topic: topic.clone(),
                            anchor: anchor.clone(),
                            children: self.inlines(children),
                        });
                    } else if let Some(url) = self.docs.url(topic, anchor.as_deref()) {
                        out.push(Inline::Link {
                            url,
                            children: self.inlines(children),
                        });
                    } else {
                        self.inlines_into(children, out);
                    }
                }
                Inline::Lang { lang, children } => out.push(Inline::Lang {
                    lang: lang.clone(),
                    children: self.inlines(children),
                }),
                other => out.push(other.clone()),
            }
        }
    }

    /// The absolute address of a site route: the origin of the docs base URL (`[site] base_url`)
    /// followed by the route (routes are written from the site's root). `None` without a usable
    /// base URL.
    fn site_url(&self, route: &str, anchor: Option<&str>) -> Option<String> {
        let base = self.publication.formats.json.docs_base_url.as_deref()?;
        let origin = crate::site::origin(base)?;
        Some(match anchor {
            Some(anchor) => format!("{origin}{route}#{anchor}"),
            None => format!("{origin}{route}"),
        })
    }

    /// A topic's title, with the marker its condition gets here.
    fn marked_title(&self, topic: &Topic) -> String {
        let meta = topic.meta();
        let title = self.vars(&meta.title);
        match self.marker(topic_condition(meta).as_deref()) {
            Some(marker) => format!("{title} {marker}"),
            None => title,
        }
    }

    fn title_of(&self, id: &str) -> String {
        self.content
            .topic(id)
            .map(|t| self.vars(&t.meta().title))
            .unwrap_or_else(|| id.to_string())
    }

    fn section(&mut self, section: &Section, depth: usize) -> ResolvedSection {
        self.topic = section.id.to_string();
        self.doc = self.publication.id.to_string();
        let intro = self.blocks(&section.intro);
        let mut items = Vec::new();
        for (_, child) in section.children() {
            match child {
                SectionChild::Topic(id) => {
                    if let Some(topic) = placed(self.content, self.included, id) {
                        items.push(ResolvedItem::Topic(self.topic(topic)));
                    }
                }
                SectionChild::Section(nested) => {
                    items.push(ResolvedItem::Section(self.section(nested, depth + 1)));
                }
            }
        }
        // The outro's links and images resolve against the section, as its intro's do.
        self.topic = section.id.to_string();
        self.doc = self.publication.id.to_string();
        let outro = self.blocks(&section.outro);
        ResolvedSection {
            id: section.id.to_string(),
            title: self.vars(&section.title),
            aliases: aliases(&section.aliases),
            sidebar_label: section.sidebar_label.clone(),
            description: section.description.clone(),
            depth,
            intro,
            items,
            outro,
            read_next: {
                for id in &section.read_next {
                    self.check_topic_ref(id, "the read-next link names");
                }
                (section.read_next.iter())
                    .filter_map(|id| self.read_next(id))
                    .collect()
            },
            slug: section.slug.clone(),
            keywords: section.keywords.iter().map(|k| self.vars(k)).collect(),
            hide_table_of_contents: section.hide_table_of_contents.unwrap_or(false),
        }
    }

    /// A read-next link to a page of the publication or a topic it includes (`check` reports
    /// any other id; a topic the audience filter leaves out is dropped, as in `see_also`).
    fn read_next(&self, id: &TopicId) -> Option<ReadNext> {
        if let Some(page) = (self.publication.sections.iter()).find(|s| s.id == *id) {
            return Some(ReadNext {
                id: id.to_string(),
                title: self.vars(&page.title),
                page: true,
            });
        }
        self.included.contains(id.as_str()).then(|| ReadNext {
            id: id.to_string(),
            title: self.title_of(id.as_str()),
            page: false,
        })
    }

    fn topic(&mut self, topic: &Topic) -> ResolvedTopic {
        let meta = topic.meta();
        self.topic = meta.id.to_string();
        self.doc = meta.id.to_string();
        let selection = self.selection;
        let body = match topic {
            Topic::Prerequisite(p) => TopicBody::Prerequisite {
                applies_when: p.applies_when.as_ref().map(|t| self.text(t)),
                body: self.blocks(&p.body),
                check: self.steps(&p.check),
                if_not_met: self.blocks(&p.if_not_met),
            },
            Topic::Concept(c) => TopicBody::Concept {
                answer: self.blocks(&c.answer),
            },
            Topic::Procedure(p) => {
                let steps = self.steps(&p.steps);
                if steps.is_empty() && !p.steps.is_empty() {
                    let why = p
                        .steps
                        .iter()
                        .filter_map(|s| s.when.as_ref())
                        .map(|c| c.to_string())
                        .collect();
                    self.emptied(
                        Place::field(&self.topic, "/steps"),
                        "the procedure",
                        "steps",
                        why,
                    );
                }
                TopicBody::Procedure {
                    applies_when: p.applies_when.as_ref().map(|t| self.text(t)),
                    intro: self.blocks(&p.intro),
                    steps,
                    outro: self.blocks(&p.outro),
                }
            }
            Topic::Error(e) => TopicBody::Error {
                message: e.message.clone(),
                match_wordings: e.match_wordings.clone(),
                code: e.code.clone(),
                error_type: e.error_type,
                user_recoverable: e.user_recoverable,
                intro: self.blocks(&e.intro),
                causes: {
                    let causes: Vec<ResolvedCause> = (e.causes.iter())
                        .filter(|c| selection.holds(c.when.as_ref()))
                        .map(|c| self.cause(c))
                        .collect();
                    if causes.is_empty() && !e.causes.is_empty() {
                        let why = e
                            .causes
                            .iter()
                            .filter_map(|c| c.when.as_ref())
                            .map(|c| c.to_string())
                            .collect();
                        self.emptied(
                            Place::field(&self.topic, "/causes"),
                            "the error",
                            "causes",
                            why,
                        );
                    }
                    causes
                },
                cause_style: self.publication.cause_style,
            },
        };
        ResolvedTopic {
            id: meta.id.to_string(),
            title: self.marked_title(topic),
            aliases: aliases(&meta.aliases),
            summary: meta.summary.as_ref().map(|s| self.text(s)),
            see_also: meta
                .see_also
                .iter()
                .filter(|id| self.included.contains(id.as_str()))
                .map(|id| (id.to_string(), self.title_of(id.as_str())))
                .collect(),
            source: meta.source.clone(),
            learn_more: meta.learn_more.clone(),
            body,
        }
    }

    fn cause(&mut self, cause: &Cause) -> ResolvedCause {
        let resolution = &cause.resolution;
        if let Some(procedure) = &resolution.procedure {
            self.check_topic_ref(procedure, "the resolution follows the procedure");
        }
        ResolvedCause {
            anchor: cause
                .id
                .as_ref()
                .map(|a| anchor_id(&self.topic, Some(&a.0))),
            cause: {
                let mut text = (cause.texts().next())
                    .map(|t| self.text(t))
                    .unwrap_or_default();
                mark(&mut text, self.marker(cause.when.as_ref()));
                text
            },
            group: cause.causes.iter().map(|t| self.text(t)).collect(),
            blocks: self.blocks(&resolution.blocks),
            steps: self.steps(&resolution.steps),
            procedure: resolution
                .procedure
                .as_ref()
                .map(|id| (id.to_string(), self.title_of(id.as_str()))),
        }
    }

    fn steps(&mut self, steps: &[Step]) -> Vec<ResolvedStep> {
        self.steps_at(steps, 0)
    }

    /// Steps whose blocks sit `depth` includes and containers deep (steps in a tab pane).
    fn steps_at(&mut self, steps: &[Step], depth: usize) -> Vec<ResolvedStep> {
        let selection = self.selection;
        steps
            .iter()
            .filter(|step| selection.holds(step.when.as_ref()))
            .map(|step| ResolvedStep {
                anchor: step.id.as_ref().map(|a| anchor_id(&self.topic, Some(&a.0))),
                aliases: aliases(&step.aliases),
                action: {
                    let mut action = self.text(&step.action);
                    mark(&mut action, self.marker(step.when.as_ref()));
                    action
                },
                blocks: {
                    let mut blocks = Vec::new();
                    self.blocks_into(&step.blocks, &mut blocks, depth);
                    blocks
                },
                result: step.result.as_ref().map(|r| self.text(r)),
                after_result: {
                    let mut blocks = Vec::new();
                    self.blocks_into(&step.after_result, &mut blocks, depth);
                    blocks
                },
                substeps: self.steps_at(&step.substeps, depth),
                branches: step.branches.iter().map(|b| self.branch(b)).collect(),
            })
            .collect()
    }

    fn branch(&mut self, branch: &Branch) -> ResolvedBranch {
        self.check_topic_ref(&branch.go_to, "the branch goes to");
        let condition = self.text(&branch.condition);
        let title = self.title_of(branch.go_to.as_str());
        let callout = branch.is_callout().then(|| {
            let mut blocks = self.blocks(&branch.blocks);
            // The go-to sentence as a cross-reference, resolved like any other (a docs link, or
            // plain text when the procedure is outside the publication and the docs).
            let (before, between, after) = wording::BRANCH;
            let mut sentence = vec![Inline::Text(before.to_string())];
            sentence.extend(condition.iter().cloned());
            sentence.push(Inline::Text(between.to_string()));
            sentence.extend(self.inlines(&[Inline::XRef {
                topic: branch.go_to.to_string(),
                anchor: None,
                children: vec![Inline::Text(title.clone())],
            }]));
            sentence.push(Inline::Text(after.to_string()));
            blocks.push(ResolvedBlock::Paragraph(sentence));
            ResolvedBlock::Admonition {
                kind: branch.kind.unwrap_or(AdmonitionType::Note),
                title: branch.title.as_deref().map(|t| self.vars(t)),
                blocks,
            }
        });
        ResolvedBranch {
            condition,
            go_to: branch.go_to.to_string(),
            title,
            callout,
        }
    }

    fn blocks(&mut self, blocks: &[Block]) -> Vec<ResolvedBlock> {
        let mut out = Vec::new();
        self.blocks_into(blocks, &mut out, 0);
        out
    }

    fn blocks_into(&mut self, blocks: &[Block], out: &mut Vec<ResolvedBlock>, depth: usize) {
        for block in blocks {
            let (block, when) = block.parts();
            if !self.holds(when) {
                continue;
            }
            let marker = self.marker(when);
            let selection = self.selection;
            let resolved = match block {
                Block::Paragraph(text) => ResolvedBlock::Paragraph(self.text(text)),
                Block::List(list) => ResolvedBlock::List {
                    ordered: list.ordered,
                    columns: list.columns,
                    items: list.items.iter().map(|i| self.text(i)).collect(),
                },
                Block::Table(table) => ResolvedBlock::Table {
                    caption: table.caption.clone(),
                    header: table.header.iter().map(|c| self.text(c)).collect(),
                    row_headers: table.row_headers,
                    rows: (table.rows.iter())
                        .filter(|row| selection.holds(row.when()))
                        .map(|row| {
                            let mut cells: Vec<Text> =
                                row.cells().iter().map(|c| self.text(c)).collect();
                            if let Some(first) = cells.first_mut() {
                                mark(first, self.marker(row.when()));
                            }
                            cells
                        })
                        .collect(),
                },
                Block::Image(image) => {
                    let doc_path = self
                        .content
                        .get(&self.doc)
                        .map(|d| d.path.clone())
                        .unwrap_or_default();
                    ResolvedBlock::Image {
                        path: content_relative(&self.content.root, &doc_path, &image.src),
                        alt: image.alt.clone().unwrap_or_default(),
                        caption: image.caption.as_ref().map(|c| self.text(c)),
                    }
                }
                Block::Admonition(a) => {
                    let mut inner = Vec::new();
                    if let Some(text) = &a.text {
                        inner.push(ResolvedBlock::Paragraph(self.text(text)));
                    }
                    self.blocks_into(&a.blocks, &mut inner, depth + 1);
                    ResolvedBlock::Admonition {
                        kind: a.kind,
                        title: a.title.as_deref().map(|t| self.vars(t)),
                        blocks: inner,
                    }
                }
                Block::Code(code) => ResolvedBlock::Code {
                    language: code.language.clone(),
                    code: code.code.clone(),
                },
                Block::Tabs(tabs) => ResolvedBlock::Tabs {
                    group_id: tabs.group_id.clone(),
                    panes: (tabs.panes.iter())
                        .filter(|pane| selection.holds(pane.when.as_ref()))
                        .map(|pane| {
                            let mut blocks = Vec::new();
                            self.blocks_into(&pane.blocks, &mut blocks, depth + 1);
                            let label = self.vars(&pane.label);
                            ResolvedPane {
                                label: match self.marker(pane.when.as_ref()) {
                                    Some(marker) => format!("{label} {marker}"),
                                    None => label,
                                },
                                blocks,
                                steps: self.steps_at(&pane.steps, depth + 1),
                            }
                        })
                        .collect(),
                },
                Block::Collapsible(c) => {
                    let mut inner = Vec::new();
                    self.blocks_into(&c.blocks, &mut inner, depth + 1);
                    ResolvedBlock::Collapsible {
                        summary: self.vars(&c.summary),
                        open: c.open,
                        blocks: inner,
                    }
                }
                Block::DataTable(view) => {
                    let caption = view.caption.as_deref().map(|c| self.vars(c));
                    match data::data_table(&self.content.data, view, caption, self.selection) {
                        Some(block) => block,
                        None => continue,
                    }
                }
                Block::DataList(view) => {
                    match data::data_list(&self.content.data, view, self.selection) {
                        Some(block) => block,
                        None => continue,
                    }
                }
                Block::DataTabs(view) => {
                    match data::data_tabs(&self.content.data, view, self.selection) {
                        Some(block) => block,
                        None => continue,
                    }
                }
                Block::Include(id) => {
                    // Cycles are rejected by `check`; the depth cap is a second guard.
                    if let Some(fragment) = self.content.fragment(id.as_str())
                        && depth < 16
                    {
                        if let Some(marker) = marker {
                            out.push(ResolvedBlock::Paragraph(vec![Inline::Text(marker)]));
                        }
                        let outer = std::mem::replace(&mut self.doc, id.to_string());
                        self.blocks_into(&fragment.blocks, out, depth + 1);
                        self.doc = outer;
                    }
                    continue;
                }
                // `parts` unwrapped it; a conditional block never holds another.
                Block::When(_) => continue,
            };
            // The marker goes where readers meet the block first: a paragraph's text, a box's
            // title, a collapsible's summary; before any other block, as a paragraph.
            match (marker, resolved) {
                (Some(marker), ResolvedBlock::Paragraph(mut text)) => {
                    mark(&mut text, Some(marker));
                    out.push(ResolvedBlock::Paragraph(text));
                }
                (
                    Some(marker),
                    ResolvedBlock::Admonition {
                        kind,
                        title,
                        blocks,
                    },
                ) => {
                    let title = title.unwrap_or_else(|| kind.label().to_string());
                    out.push(ResolvedBlock::Admonition {
                        kind,
                        title: Some(format!("{title} {marker}")),
                        blocks,
                    });
                }
                (
                    Some(marker),
                    ResolvedBlock::Collapsible {
                        summary,
                        open,
                        blocks,
                    },
                ) => {
                    out.push(ResolvedBlock::Collapsible {
                        summary: format!("{summary} {marker}"),
                        open,
                        blocks,
                    });
                }
                (Some(marker), resolved) => {
                    out.push(ResolvedBlock::Paragraph(vec![Inline::Text(marker)]));
                    out.push(resolved);
                }
                (None, resolved) => out.push(resolved),
            }
        }
    }
}

/// Appends text to a tree, joined to a text node that ends it (so filled variables read as the
/// text around them did before they were nodes).
fn push_text(out: &mut Text, text: &str) {
    match out.last_mut() {
        Some(Inline::Text(last)) => last.push_str(text),
        _ => out.push(Inline::Text(text.to_string())),
    }
}

/// Puts a flag marker before a text ("(Enterprise only) Click …").
fn mark(text: &mut Text, marker: Option<String>) {
    let Some(marker) = marker else { return };
    match text.first_mut() {
        Some(Inline::Text(first)) => first.insert_str(0, &format!("{marker} ")),
        _ => text.insert(0, Inline::Text(format!("{marker} "))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables_fill_once_and_never_expand_again() {
        let mut variables = BTreeMap::new();
        variables.insert("a".to_string(), "{{b}}{{b}}".to_string());
        variables.insert("b".to_string(), "x".to_string());
        assert_eq!(fill_variables("{{a}} {{b}}", &variables), "{{b}}{{b}} x");
        assert_eq!(
            fill_variables("{{{b}}} {{c}} {{", &variables),
            "{x} {{c}} {{"
        );
        assert_eq!(fill_variables("no braces", &variables), "no braces");
    }
}
