//! Turns one parsed draft page into topic documents and a publication that reproduces its order
//! and frontmatter. Nothing is invented: what cannot be mapped is kept as paragraphs, with a note.

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;

use super::Note;
use super::classify::{Group, Kind, group_of, kind_of};
use super::frontmatter::Frontmatter;
use super::links::PageAnchors;
use super::mapped::Mapped;
use super::markdown::{BlockKind, Body, DBlock, DItem, DSection};
use super::read_next::ReadNextLink;
use super::yaml_out::Y;
use crate::load::config::ComponentMapping;
use crate::model::{DocumentFamily, DocumentKind, TopicId};

/// What converting one page gives.
pub struct Converted {
    /// Its topics, then its publication.
    pub docs: Vec<OutDoc>,
    /// Notes for the writer.
    pub notes: Vec<Note>,
    /// Images to copy.
    pub images: Vec<ImageCopy>,
    /// Where its headings' anchors went.
    pub anchors: PageAnchors,
    /// Its id (its publication's, and its top-level section's in a folder's publication).
    pub id: String,
    /// The links of its components mapped to `read_next`, placed once every page is read.
    pub read_next: Vec<ReadNextLink>,
}

/// A document ready to be written.
#[derive(Debug, Clone)]
pub struct OutDoc {
    /// Path inside the output folder, `/`-separated.
    pub rel_path: String,
    /// Which schema it follows.
    pub family: DocumentFamily,
    /// Comment lines before the document.
    pub header: Vec<String>,
    /// The top-level mapping, without `$schema` (added when the path is known).
    pub root: Vec<(String, Y)>,
    /// Comment lines after the document.
    pub footer: Vec<String>,
    /// Where to point in the draft for anything without text of its own.
    pub fallback: Range<usize>,
}

/// An image a page refers to by a relative path: copied next to the imported topics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageCopy {
    /// The path as written in the draft (relative to the draft's folder, or `/…` from a
    /// Docusaurus site's `static/` folder).
    pub src: String,
    /// Where it goes, relative to the output folder.
    pub to: String,
    /// Where the image is in the draft.
    pub at: usize,
}

/// Hands out ids that are unique across one import.
#[derive(Debug, Default)]
pub struct Ids {
    used: HashSet<String>,
}

impl Ids {
    /// Marks an id as taken (by a file that already exists).
    pub fn reserve(&mut self, id: &str) {
        self.used.insert(id.to_string());
    }

    /// The id `text` asks for before it is made unique: slugified, at most about 60 characters.
    fn base_of(text: &str) -> String {
        let cleaned: String = text
            .chars()
            .filter(|c| *c != '\'' && *c != '\u{2019}')
            .collect();
        let mut base = TopicId::slugify(&cleaned);
        if base.len() > 60 {
            let cut = base[..60].rfind('-').unwrap_or(60);
            base.truncate(cut);
        }
        if base.is_empty() {
            base = "topic".into();
        }
        base
    }

    /// The id for a heading Docusaurus gave the anchor `anchor`, and the aliases that keep the
    /// anchor: an anchor the writer chose (`{#id}`, `chosen`) is the id itself when it is a valid
    /// id not taken yet; otherwise the id is based on `text` (short: "How do I add a role?" is
    /// `add-a-role`) and the anchor Docusaurus generated is an alias, so old links still land.
    pub fn anchored(&mut self, chosen: bool, anchor: &str, text: &str) -> (String, Vec<String>) {
        let fits = chosen && TopicId::is_valid(anchor);
        if fits && self.used.insert(anchor.to_string()) {
            return (anchor.to_string(), Vec::new());
        }
        let id = self.claim(text);
        let aliases = alias_for(anchor, &id).into_iter().collect();
        (id, aliases)
    }

    /// A unique id based on `text` (slugified, at most about 60 characters).
    pub fn claim(&mut self, text: &str) -> String {
        let base = Self::base_of(text);
        let mut id = base.clone();
        let mut n = 2;
        while !self.used.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }
}

/// `anchor` as an alias of the topic or section `id`, when it is not the id and the alias rule
/// takes it (an anchor over 200 characters, or an odd `{#id}`, cannot be kept: the fidelity
/// report names it).
fn alias_for(anchor: &str, id: &str) -> Option<String> {
    let keep = !anchor.is_empty()
        && anchor != id
        && anchor.len() <= 200
        && crate::check::aliases::slug_problem(anchor).is_none();
    keep.then(|| anchor.to_string())
}

/// A topic being assembled (blocks can still be folded into it).
struct TopicDraft {
    id: String,
    /// Anchors the draft's headings had that are not the id (kept so old links land).
    aliases: Vec<String>,
    kind: Kind,
    title: Mapped,
    at: usize,
    blocks: Vec<DBlock>,
}

/// A publication section being assembled.
struct SectionDraft {
    /// Given once every topic has its id, so topics get the natural ids.
    id: String,
    /// The heading's anchor on the published page (empty for the page itself).
    anchor: String,
    /// Anchors that are not the id.
    aliases: Vec<String>,
    title: Mapped,
    intro: Vec<DBlock>,
    /// Topics and groups, in the draft's order.
    contents: Vec<Entry>,
}

/// One entry of a section: a topic (by index) or a group.
enum Entry {
    Topic(usize),
    Section(SectionDraft),
}

impl SectionDraft {
    fn topics(&self) -> impl Iterator<Item = usize> + '_ {
        self.contents.iter().filter_map(|e| match e {
            Entry::Topic(i) => Some(*i),
            Entry::Section(_) => None,
        })
    }

    fn sections_mut(&mut self) -> impl Iterator<Item = &mut SectionDraft> {
        self.contents.iter_mut().filter_map(|e| match e {
            Entry::Section(s) => Some(s),
            Entry::Topic(_) => None,
        })
    }
}

/// Converts one page.
pub struct PageConverter<'a> {
    /// The draft text.
    draft: &'a str,
    /// The page's name as shown to the writer.
    name: &'a str,
    /// The page's key, unique in the import: it names the page's folder and publication file,
    /// and its publication's id is claimed from it.
    stem: String,
    ids: &'a mut Ids,
    /// What the team's own MDX components become (`[import.components]`).
    components: &'a BTreeMap<String, ComponentMapping>,
    notes: Vec<Note>,
    topics: Vec<TopicDraft>,
    images: Vec<ImageCopy>,
    read_next: Vec<ReadNextLink>,
}

impl<'a> PageConverter<'a> {
    /// A converter for the page `name`, whose key in the import is `stem` (see
    /// `super::page_key`).
    pub fn new(
        draft: &'a str,
        name: &'a str,
        stem: &str,
        ids: &'a mut Ids,
        components: &'a BTreeMap<String, ComponentMapping>,
    ) -> Self {
        PageConverter {
            draft,
            name,
            stem: stem.to_string(),
            ids,
            components,
            notes: Vec::new(),
            topics: Vec::new(),
            images: Vec::new(),
            read_next: Vec::new(),
        }
    }

    fn note(&mut self, at: usize, message: impl Into<String>) {
        self.notes.push(Note {
            at,
            message: message.into(),
        });
    }

    /// Converts the page: its topic documents, then its publication, the notes, and the images
    /// to copy.
    pub fn convert(mut self, front: &Frontmatter, mut body: Body) -> Converted {
        let publication_id = self.ids.claim(&self.stem);
        self.map_components(&mut body.intro);
        let mut sections: Vec<&mut DSection> = body.sections.iter_mut().collect();
        while let Some(section) = sections.pop() {
            self.map_components(&mut section.blocks);
            sections.extend(section.children.iter_mut());
        }
        let mut title = front.text("title").cloned();
        let single_h1 = body.sections.len() == 1 && body.sections[0].level == 1;
        if single_h1 {
            let h1 = body.sections.remove(0);
            if title.is_none() {
                title = Some(h1.title.clone());
            } else {
                self.note(h1.at, "the page has both a frontmatter title and a `#` heading; the frontmatter title was used and the heading left out");
            }
            body.intro.extend(h1.blocks);
            body.sections = h1.children;
        }
        let title = title.unwrap_or_else(|| {
            self.note(0, "the page has no title; its file name was used");
            Mapped::synthetic(&self.stem, 0)
        });
        let mut top = SectionDraft {
            id: publication_id.clone(),
            anchor: String::new(),
            aliases: Vec::new(),
            title: title.clone(),
            intro: body.intro,
            contents: Vec::new(),
        };
        self.children(body.sections, Group::Plain, &mut top);
        for section in top.sections_mut() {
            self.section_ids(section);
        }
        self.unique_aliases(&mut top);
        let mut topics = std::mem::take(&mut self.topics);
        for topic in &mut topics {
            self.relocate_images(&mut topic.blocks, "../images");
        }
        self.topics = topics;
        let publication_prefix = format!("../{}/images", self.stem);
        self.relocate_section_images(&mut top, &publication_prefix);
        let topic_ids: Vec<String> = self.topics.iter().map(|t| t.id.clone()).collect();
        let anchors = self.anchors(&top);
        let mut docs: Vec<OutDoc> = std::mem::take(&mut self.topics)
            .into_iter()
            .map(|t| self.topic_doc(t))
            .collect();
        let section = section_y(&top, &topic_ids);
        docs.push(self.publication_doc(front, &publication_id, title, section));
        Converted {
            docs,
            notes: self.notes,
            images: self.images,
            anchors,
            id: publication_id,
            read_next: self.read_next,
        }
    }

    fn children(&mut self, children: Vec<DSection>, group: Group, out: &mut SectionDraft) {
        for child in children {
            let child_group = group_of(&child.title.text);
            if !child.children.is_empty() && child_group != Group::Plain {
                self.group(child, child_group, out);
                continue;
            }
            // A heading over numbered steps is a task, however it is worded.
            // A heading over a list of causes is a symptom in the user's words.
            let kind = kind_of(&child.title, group)
                .or_else(|| has_steps(&child.blocks).then_some(Kind::Procedure))
                .or_else(|| {
                    child
                        .blocks
                        .iter()
                        .any(leads_in_causes)
                        .then(|| Kind::Error {
                            message: child.title.trimmed(),
                            symptom: true,
                        })
                });
            if let Some(kind) = kind {
                self.topic(child, kind, out);
                continue;
            }
            if !child.children.is_empty() {
                self.group(child, Group::Plain, out);
                continue;
            }
            match out.topics().last() {
                Some(previous) => {
                    let id = self.topics[previous].id.clone();
                    self.note(
                        child.at,
                        format!("the heading \"{}\" is not a question, error or task: it and its content were kept as paragraphs at the end of topic `{id}` (its anchor is an alias of the topic)", child.title.text),
                    );
                    let (folded, anchors) = fold(child);
                    let kept = anchors.iter().filter_map(|a| alias_for(a, &id));
                    self.topics[previous].aliases.extend(kept);
                    self.topics[previous].blocks.extend(folded);
                }
                None => {
                    self.note(
                        child.at,
                        format!("the heading \"{}\" is not a question, error or task: it was imported as a concept", child.title.text),
                    );
                    self.topic(child, Kind::Concept, out);
                }
            }
        }
    }

    fn group(&mut self, section: DSection, group: Group, out: &mut SectionDraft) {
        let mut draft = SectionDraft {
            id: String::new(),
            anchor: section.anchor,
            aliases: Vec::new(),
            title: section.title,
            intro: section.blocks,
            contents: Vec::new(),
        };
        self.children(section.children, group, &mut draft);
        out.contents.push(Entry::Section(draft));
    }

    /// Turns each MDX component in `blocks` (and the blocks inside them) into what
    /// `[import.components]` maps it to; one not mapped keeps its content, with a note at its line.
    fn map_components(&mut self, blocks: &mut [DBlock]) {
        for block in blocks.iter_mut() {
            for inner in block.kind.children_mut() {
                self.map_components(inner);
            }
            let BlockKind::Component {
                name,
                attrs,
                blocks,
            } = &mut block.kind
            else {
                continue;
            };
            let attr = |keys: &[&str]| {
                keys.iter()
                    .find_map(|k| attrs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()))
            };
            let inner = std::mem::take(blocks);
            let name = name.clone();
            block.kind = match self.components.get(&name) {
                Some(ComponentMapping::Content) => BlockKind::Component {
                    name,
                    attrs: Vec::new(),
                    blocks: inner,
                },
                Some(ComponentMapping::Collapsible) => BlockKind::Collapsible {
                    summary: attr(&["summary", "question", "title", "label"])
                        .or_else(|| Some(Mapped::synthetic(&name, block.at))),
                    blocks: inner,
                },
                Some(ComponentMapping::ReadNext) => {
                    let links = super::read_next::links_of(block.at, attrs, &inner);
                    let kept = if links.is_empty() {
                        "it holds no link, so its text was kept as content"
                    } else {
                        "its own text was left out: a read-next link shows the title of the page or topic it names"
                    };
                    if links.is_empty() || !inner.is_empty() {
                        self.note(
                            block.at,
                            format!("the MDX component `<{name}>` became the page's read-next links: {kept}"),
                        );
                    }
                    self.read_next.extend(links.iter().cloned());
                    BlockKind::Component {
                        name,
                        attrs: Vec::new(),
                        blocks: if links.is_empty() { inner } else { Vec::new() },
                    }
                }
                Some(boxed) => BlockKind::Admonition {
                    kind: match boxed {
                        ComponentMapping::Tip => "tip",
                        ComponentMapping::Info => "info",
                        ComponentMapping::Caution => "caution",
                        ComponentMapping::Warning => "warning",
                        ComponentMapping::Danger => "danger",
                        _ => "note",
                    },
                    title: attr(&["title"]),
                    blocks: inner,
                },
                None => {
                    let text = if inner.is_empty() {
                        "it has no text, so nothing of it was kept"
                    } else {
                        "its text was kept as content"
                    };
                    self.note(
                        block.at,
                        format!("the MDX component `<{name}>` is not one helpdoc knows: {text}; to map it, add `{name} = \"collapsible\"` (or \"content\", \"read_next\", \"note\", \"tip\", \"info\", \"caution\", \"warning\", \"danger\") under `[import.components]` in helpdoc.toml"),
                    );
                    BlockKind::Component {
                        name,
                        attrs: Vec::new(),
                        blocks: inner,
                    }
                }
            };
        }
    }

    /// Where each heading anchor of the page went: to its topic, or for a group's heading to the
    /// group's first topic; and the page's first topic, which links to the whole page name.
    fn anchors(&self, top: &SectionDraft) -> PageAnchors {
        let mut out = PageAnchors::default();
        for topic in &self.topics {
            for anchor in std::iter::once(&topic.id).chain(&topic.aliases) {
                out.anchors.insert(anchor.clone(), topic.id.clone());
            }
        }
        fn first(section: &SectionDraft, topics: &[TopicDraft]) -> Option<String> {
            section.contents.iter().find_map(|entry| match entry {
                Entry::Topic(i) => topics.get(*i).map(|t| t.id.clone()),
                Entry::Section(sub) => first(sub, topics),
            })
        }
        fn groups(section: &SectionDraft, topics: &[TopicDraft], out: &mut PageAnchors) {
            for entry in &section.contents {
                if let Entry::Section(sub) = entry {
                    if let Some(topic) = first(sub, topics) {
                        let names = [&sub.anchor, &sub.id].into_iter().chain(&sub.aliases);
                        for anchor in names.filter(|a| !a.is_empty()) {
                            out.anchors.entry(anchor.clone()).or_insert(topic.clone());
                        }
                    }
                    groups(sub, topics, out);
                }
            }
        }
        groups(top, &self.topics, &mut out);
        out.first = first(top, &self.topics);
        out
    }

    /// Drops aliases that are another id of the page or repeat one (an anchor the page's
    /// Docusaurus slugs would not have had twice): an alias must name one place on its page.
    fn unique_aliases(&mut self, top: &mut SectionDraft) {
        fn section_ids(section: &SectionDraft, out: &mut HashSet<String>) {
            out.insert(section.id.clone());
            for entry in &section.contents {
                if let Entry::Section(sub) = entry {
                    section_ids(sub, out);
                }
            }
        }
        fn dedupe(aliases: &mut Vec<String>, taken: &mut HashSet<String>) {
            aliases.retain(|a| taken.insert(a.clone()));
        }
        fn sections(section: &mut SectionDraft, taken: &mut HashSet<String>) {
            dedupe(&mut section.aliases, taken);
            for sub in section.sections_mut() {
                sections(sub, taken);
            }
        }
        let mut taken: HashSet<String> = self.topics.iter().map(|t| t.id.clone()).collect();
        section_ids(top, &mut taken);
        for topic in &mut self.topics {
            dedupe(&mut topic.aliases, &mut taken);
        }
        sections(top, &mut taken);
    }

    fn relocate_section_images(&mut self, section: &mut SectionDraft, prefix: &str) {
        self.relocate_images(&mut section.intro, prefix);
        for sub in section.sections_mut() {
            self.relocate_section_images(sub, prefix);
        }
    }

    /// Points image paths (relative to the draft, or `/…` from a Docusaurus site's `static/`
    /// folder) at `<page>/images/` in the output (as seen from `prefix`) and records the files to
    /// copy there.
    fn relocate_images(&mut self, blocks: &mut [DBlock], prefix: &str) {
        for block in blocks {
            match &mut block.kind {
                BlockKind::Image { src, .. } => {
                    let relative = !src.is_empty()
                        && !src.contains("://")
                        && !src.starts_with('@')
                        && !src.starts_with("//")
                        && !src.starts_with("data:");
                    if !relative {
                        self.note(
                            block.at,
                            format!("the image `{src}` is not a path next to the draft; copy it into the content folder and set its `src`"),
                        );
                        continue;
                    }
                    let name = image_name(src);
                    let copy = match self.images.iter().find(|c| c.src == *src) {
                        Some(existing) => existing.to.clone(),
                        None => {
                            let mut to = format!("{}/images/{name}", self.stem);
                            let mut n = 2;
                            while self.images.iter().any(|c| c.to == to) {
                                to = format!("{}/images/{n}-{name}", self.stem);
                                n += 1;
                            }
                            self.images.push(ImageCopy {
                                src: src.clone(),
                                to: to.clone(),
                                at: block.at,
                            });
                            to
                        }
                    };
                    let file = copy.rsplit('/').next().unwrap_or(&name).to_string();
                    *src = format!("{prefix}/{file}");
                }
                other => {
                    for inner in other.children_mut() {
                        self.relocate_images(inner, prefix);
                    }
                }
            }
        }
    }

    fn section_ids(&mut self, section: &mut SectionDraft) {
        let (id, aliases) = self
            .ids
            .anchored(false, &section.anchor, &section.title.text);
        section.id = id;
        section.aliases = aliases;
        for sub in section.sections_mut() {
            self.section_ids(sub);
        }
    }

    /// A "Prerequisites" heading whose content starts with a list of bold-titled items
    /// ("**Full administrator privileges.** Go to …") is one prerequisite per item, titled by its
    /// bold words; what follows the list stays with the last one. `None` for other headings.
    fn split_prerequisites(
        &mut self,
        section: &mut DSection,
        out: &mut SectionDraft,
    ) -> Option<()> {
        if group_of(&section.title.text) != Group::Prerequisites || !section.children.is_empty() {
            return None;
        }
        let BlockKind::List { items, .. } = &section.blocks.first()?.kind else {
            return None;
        };
        let titled: Vec<(Mapped, Mapped)> = items
            .iter()
            .map(|item| {
                let text = &item.text.text;
                let inner = text.strip_prefix("**")?;
                let close = inner.find("**")? + 2;
                let title = item.text.slice(2..close).trimmed();
                let title = match title.text.strip_suffix(['.', ':']) {
                    Some(cut) => title.slice(0..cut.len()),
                    None => title,
                };
                let rest = item.text.slice(close + 2..text.len()).trimmed();
                (!title.is_blank()).then_some((title, rest))
            })
            .collect::<Option<_>>()?;
        let BlockKind::List { items, .. } = section.blocks.remove(0).kind else {
            return None;
        };
        let after = std::mem::take(&mut section.blocks);
        let count = titled.len();
        for (index, ((title, rest), item)) in titled.into_iter().zip(items).enumerate() {
            let mut blocks = Vec::new();
            if !rest.is_blank() {
                blocks.push(DBlock {
                    at: item.at,
                    kind: BlockKind::Paragraph(rest),
                });
            }
            blocks.extend(item.blocks);
            if index + 1 == count {
                blocks.extend(after.iter().cloned());
            }
            let (id, mut aliases) = self.ids.anchored(false, "", &title.text);
            if index == 0 && !section.anchor.is_empty() && section.anchor != id {
                // The "Prerequisites" heading's anchor lands on the first of them.
                aliases.extend(alias_for(&section.anchor, &id));
            }
            out.contents.push(Entry::Topic(self.topics.len()));
            self.topics.push(TopicDraft {
                id,
                aliases,
                kind: Kind::Prerequisite,
                title,
                at: item.at,
                blocks,
            });
        }
        Some(())
    }

    fn topic(&mut self, mut section: DSection, kind: Kind, out: &mut SectionDraft) {
        if kind == Kind::Prerequisite && self.split_prerequisites(&mut section, out).is_some() {
            return;
        }
        let fallback = match &kind {
            Kind::Error { message, .. } => message.text.clone(),
            _ => question_stem(&section.title.text),
        };
        let (id, aliases) =
            self.ids
                .anchored(section.custom_id.is_some(), &section.anchor, &fallback);
        let sub_headings = std::mem::take(&mut section.children);
        let heading = section.title.text.clone();
        out.contents.push(Entry::Topic(self.topics.len()));
        self.topics.push(TopicDraft {
            id: id.clone(),
            aliases,
            kind,
            title: section.title,
            at: section.at,
            blocks: section.blocks,
        });
        if !sub_headings.is_empty() {
            self.note(
                section.at,
                format!(
                    "the sub-headings of \"{heading}\" follow topic `{id}` as topics of their own"
                ),
            );
            self.children(sub_headings, Group::Plain, out);
        }
    }

    fn line_of(&self, at: usize) -> usize {
        self.draft[..at.min(self.draft.len())].matches('\n').count() + 1
    }

    fn topic_doc(&mut self, topic: TopicDraft) -> OutDoc {
        let line = self.line_of(topic.at);
        let kind = topic.kind.document_kind();
        let mut root: Vec<(String, Y)> = vec![
            ("kind".into(), Y::raw(kind.name())),
            ("id".into(), Y::string(&topic.id)),
            ("title".into(), Y::Text(topic.title.clone())),
        ];
        if !topic.aliases.is_empty() {
            let aliases = topic.aliases.iter().map(|a| Y::string(a)).collect();
            root.push(("aliases".into(), Y::Seq(aliases)));
        }
        let blocks = topic.blocks;
        match &topic.kind {
            Kind::Prerequisite => push_blocks(&mut root, "body", &blocks),
            Kind::Concept => push_blocks(&mut root, "answer", &blocks),
            Kind::Procedure => self.procedure(&mut root, &topic.id, topic.at, blocks),
            Kind::Error { message, symptom } => {
                root.push(("message".into(), Y::Text(message.clone())));
                if *symptom {
                    root.push(("error_type".into(), Y::raw("symptom")));
                }
                root.push((
                    "user_recoverable".into(),
                    Y::Commented(
                        Box::new(Y::raw("false")),
                        "not in the draft: set to true if users can fix this alone".into(),
                    ),
                ));
                self.note(
                    topic.at,
                    format!("error `{}`: the draft does not say whether users can fix this alone; `user_recoverable` is false until you decide", topic.id),
                );
                let single = || {
                    let found = single_cause(&blocks);
                    if found.is_some() {
                        self.notes.push(Note {
                            at: topic.at,
                            message: format!("error `{}`: the paragraph before its steps was taken as its one cause, and the steps as its resolution", topic.id),
                        });
                    }
                    found
                };
                match split_causes(&blocks).or_else(single) {
                    Some((intro, causes)) => {
                        push_blocks(&mut root, "intro", intro);
                        root.push(("causes".into(), Y::Seq(causes)));
                    }
                    None => {
                        if !blocks.is_empty() {
                            self.note(
                                topic.at,
                                format!("error `{}`: the draft names no causes, so its content was kept as `intro`; split it into `causes:`, each with a `resolution:`", topic.id),
                            );
                        }
                        push_blocks(&mut root, "intro", &blocks);
                    }
                }
            }
        }
        OutDoc {
            rel_path: format!("{}/{}/{}.yaml", self.stem, kind.plural(), topic.id),
            family: kind.family(),
            header: vec![format!(
                "Imported by helpdoc from {}, line {line}.",
                self.name
            )],
            root,
            footer: Vec::new(),
            fallback: topic.at..topic.at,
        }
    }

    /// Intro before the first numbered list, steps from numbered lists (with anything between
    /// them attached to the step before), outro after the last.
    fn procedure(&mut self, root: &mut Vec<(String, Y)>, id: &str, at: usize, blocks: Vec<DBlock>) {
        let Some(steps) = steps_of(&blocks) else {
            if !blocks.is_empty() {
                self.note(
                    at,
                    format!("procedure `{id}`: the draft has no numbered list, so its content was kept as `intro`; add `steps:`"),
                );
            }
            push_blocks(root, "intro", &blocks);
            return;
        };
        if steps.between {
            self.note(
                at,
                format!("procedure `{id}`: images, tables, boxes or text between numbered items belong to the step before them, and the numbering continues across them"),
            );
        }
        push_blocks(root, "intro", steps.before);
        root.push(("steps".into(), Y::Seq(steps.steps)));
        push_blocks(root, "outro", steps.after);
    }

    fn publication_doc(
        &mut self,
        front: &Frontmatter,
        id: &str,
        title: Mapped,
        mut section: Y,
    ) -> OutDoc {
        let mut root: Vec<(String, Y)> = vec![
            ("kind".into(), Y::raw(DocumentKind::Publication.name())),
            ("id".into(), Y::string(id)),
            ("title".into(), Y::Text(title)),
        ];
        let description = front.text("description").cloned();
        if let Some(description) = &description {
            root.push(("description".into(), Y::Text(description.clone())));
        }
        let mut mapped = vec!["title", "description", "sidebar_label"];
        if let Y::Map(entries) = &mut section {
            let mut extra = Vec::new();
            if let Some(label) = front.text("sidebar_label") {
                extra.push(("sidebar_label".to_string(), Y::Text(label.clone())));
            }
            if let Some(description) = description {
                extra.push(("description".to_string(), Y::Text(description)));
            }
            let at = entries.len().min(2);
            entries.splice(at..at, extra);
            entries.extend(page_options(front, &mut mapped));
        }
        root.push(("sections".into(), Y::Seq(vec![section])));
        if let Some(position) = front
            .field("sidebar_position")
            .and_then(|f| f.scalar.as_deref())
            .filter(|p| p.parse::<u32>().is_ok())
        {
            // The page is a publication of its own here, so its place in the sidebar is the
            // publication's.
            mapped.push("sidebar_position");
            let markdown = Y::map(vec![("sidebar_position", Y::raw(position))]);
            root.push(("formats".into(), Y::map(vec![("markdown", markdown)])));
        }
        // Fields with no place, and text fields whose value is not text.
        let unmapped = |f: &&super::frontmatter::Field| {
            !mapped.contains(&f.key.as_str())
                || (f.text.is_none()
                    && ["title", "description", "sidebar_label"].contains(&f.key.as_str()))
        };
        let kept: Vec<String> = front
            .fields
            .iter()
            .filter(unmapped)
            .map(|f| format!("  {}", f.written))
            .collect();
        let mut footer = Vec::new();
        if !kept.is_empty() {
            self.note(
                front.range.start,
                format!(
                    "frontmatter fields helpdoc has no place for were kept as a comment in the publication: {}",
                    front.fields.iter().filter(unmapped).map(|f| f.key.as_str()).collect::<Vec<_>>().join(", ")
                ),
            );
            footer.push("Frontmatter of the draft that helpdoc has no field for:".to_string());
            footer.extend(kept);
        }
        OutDoc {
            rel_path: format!("{}/{}.yaml", DocumentKind::Publication.plural(), self.stem),
            family: DocumentFamily::Publication,
            header: vec![format!(
                "Imported by helpdoc from {}: one section for the page, in the draft's order.",
                self.name
            )],
            root,
            footer,
            fallback: front.range.start..front.range.start,
        }
    }
}

/// The page options of the frontmatter that the page's section takes: `slug` (when it is one
/// helpdoc accepts), `keywords`, `hide_table_of_contents`. Their keys are added to `mapped`.
fn page_options(front: &Frontmatter, mapped: &mut Vec<&'static str>) -> Vec<(String, Y)> {
    let mut out = Vec::new();
    if let Some(slug) = front.text("slug").filter(|s| valid_slug(&s.text)) {
        mapped.push("slug");
        out.push(("slug".to_string(), Y::Text(slug.clone())));
    }
    if let Some(field) = front.field("keywords") {
        let words: Vec<Y> = match &field.text {
            Some(text) => text
                .text
                .split(',')
                .map(str::trim)
                .filter(|w| !w.is_empty())
                .map(|w| Y::Text(Mapped::synthetic(w, text.anchor)))
                .collect(),
            None => field
                .list
                .iter()
                .map(|w| Y::Text(Mapped::synthetic(w, front.range.start)))
                .collect(),
        };
        if !words.is_empty() {
            mapped.push("keywords");
            out.push(("keywords".to_string(), Y::Seq(words)));
        }
    }
    if let Some(hide) = front
        .field("hide_table_of_contents")
        .and_then(|f| f.scalar.as_deref())
        .filter(|v| matches!(*v, "true" | "false"))
    {
        mapped.push("hide_table_of_contents");
        out.push(("hide_table_of_contents".to_string(), Y::raw(hide)));
    }
    out
}

/// Whether `slug` is a page slug helpdoc accepts (the schema's pattern for `slug`).
pub(super) fn valid_slug(slug: &str) -> bool {
    let path = slug.trim_start_matches('/').trim_end_matches('/');
    if path.is_empty() {
        return slug == "/";
    }
    path.split('/').all(|segment| {
        !segment.is_empty()
            && segment.split(['-', '_']).all(|w| {
                !w.is_empty()
                    && w.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            })
    })
}

/// A publication section as YAML.
fn section_y(section: &SectionDraft, topic_ids: &[String]) -> Y {
    let mut entries: Vec<(String, Y)> = vec![
        ("id".into(), Y::string(&section.id)),
        ("title".into(), Y::Text(section.title.clone())),
    ];
    if !section.aliases.is_empty() {
        let aliases = section.aliases.iter().map(|a| Y::string(a)).collect();
        entries.push(("aliases".into(), Y::Seq(aliases)));
    }
    push_blocks(&mut entries, "intro", &section.intro);
    let groups = section
        .contents
        .iter()
        .any(|e| matches!(e, Entry::Section(_)));
    let items: Vec<Y> = section
        .contents
        .iter()
        .filter_map(|entry| match entry {
            Entry::Topic(i) => topic_ids.get(*i).map(|id| Y::string(id)),
            Entry::Section(sub) => Some(section_y(sub, topic_ids)),
        })
        .collect();
    if !items.is_empty() {
        // Topics and groups in the draft's order: `contents` when there is a group.
        let key = if groups { "contents" } else { "topics" };
        entries.push((key.into(), Y::Seq(items)));
    }
    Y::Map(entries)
}

/// A safe file name for an image: its last path part without query or fragment.
fn image_name(src: &str) -> String {
    let path = src.split(['?', '#']).next().unwrap_or(src);
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || "._-".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect();
    let safe = safe.trim_start_matches('.').to_string();
    if safe.is_empty() {
        "image".into()
    } else {
        safe
    }
}

/// A heading and its content as paragraphs (the heading text first), for folding into a topic,
/// and the anchors of its headings.
fn fold(section: DSection) -> (Vec<DBlock>, Vec<String>) {
    let mut out = vec![DBlock {
        at: section.at,
        kind: BlockKind::Paragraph(section.title),
    }];
    let mut anchors = vec![section.anchor];
    out.extend(section.blocks);
    for child in section.children {
        let (blocks, more) = fold(child);
        out.extend(blocks);
        anchors.extend(more);
    }
    (out, anchors)
}

/// Whether blocks hold a numbered list (then their heading is a task).
fn has_steps(blocks: &[DBlock]) -> bool {
    blocks.iter().any(is_numbered)
}

fn is_numbered(block: &DBlock) -> bool {
    matches!(block.kind, BlockKind::List { ordered: true, .. })
}

/// Blocks read as steps: what comes before the first numbered list, the steps, what comes after
/// the last. Numbered lists interrupted by an image, table, box or paragraph are one run of steps
/// (Markdown restarts the list; the writer's numbers continue), and what interrupts them belongs
/// to the step before.
struct Steps<'b> {
    before: &'b [DBlock],
    steps: Vec<Y>,
    after: &'b [DBlock],
    between: bool,
}

fn steps_of(blocks: &[DBlock]) -> Option<Steps<'_>> {
    let first = blocks.iter().position(is_numbered)?;
    let last = blocks.iter().rposition(is_numbered)?;
    let mut steps: Vec<(DItem, Vec<DBlock>)> = Vec::new();
    let mut between = false;
    for block in &blocks[first..=last] {
        match &block.kind {
            BlockKind::List {
                ordered: true,
                items,
            } => steps.extend(items.iter().map(|i| (i.clone(), Vec::new()))),
            _ => {
                between = true;
                if let Some(step) = steps.last_mut() {
                    step.1.push(block.clone());
                }
            }
        }
    }
    Some(Steps {
        before: &blocks[..first],
        steps: steps
            .iter()
            .map(|(item, extra)| step_y(item, extra))
            .collect(),
        after: &blocks[last + 1..],
        between,
    })
}

/// Whether a paragraph introduces a list of causes: "This could be for one of two reasons:",
/// "This happens for one of these causes:".
pub(super) fn leads_in_causes(block: &DBlock) -> bool {
    let BlockKind::Paragraph(text) = &block.kind else {
        return false;
    };
    let lower = text.text.trim().to_lowercase();
    (lower.ends_with(':') || lower.ends_with(" -"))
        && (lower.contains("reason") || lower.contains("cause"))
}

/// An error's blocks with numbered steps but no list of causes: the paragraph right before the
/// steps says what went wrong ("The bank ended the connection …"), so it is the one cause and the
/// steps its resolution. `None` when the steps come first.
fn single_cause(blocks: &[DBlock]) -> Option<(&[DBlock], Vec<Y>)> {
    let first = blocks.iter().position(is_numbered)?;
    let cause_at = first.checked_sub(1)?;
    let BlockKind::Paragraph(text) = &blocks[cause_at].kind else {
        return None;
    };
    if leads_in_causes(&blocks[cause_at]) {
        return None;
    }
    let steps = steps_of(&blocks[first..])?;
    let mut steps_y = steps.steps;
    if !steps.after.is_empty()
        && let Some(Y::Map(last)) = steps_y.last_mut()
    {
        let after = blocks_y(steps.after);
        match last.iter_mut().find(|(k, _)| k == "blocks") {
            Some((_, Y::Seq(blocks))) => blocks.extend(after),
            _ => last.push(("blocks".into(), Y::Seq(after))),
        }
    }
    let cause = Y::Map(vec![
        ("cause".into(), Y::Text(text.clone())),
        (
            "resolution".into(),
            Y::Map(vec![("steps".into(), Y::Seq(steps_y))]),
        ),
    ]);
    Some((&blocks[..cause_at], vec![cause]))
}

/// An error's blocks as `intro` and `causes`: a list right after a paragraph that introduces
/// causes gives one cause per item, sharing the fix that follows (its own when there is one
/// item). `None` when the draft has no such list or no fix after it.
fn split_causes(blocks: &[DBlock]) -> Option<(&[DBlock], Vec<Y>)> {
    let lead = blocks.iter().position(leads_in_causes)?;
    let BlockKind::List { items, .. } = &blocks.get(lead + 1)?.kind else {
        return None;
    };
    let fix = &blocks[lead + 2..];
    // Numbered causes followed by more numbered items ("1. cause / fix / 2. cause / fix") pair
    // each cause with its own fix in a way the list does not show: left to the writer.
    let numbered = matches!(blocks[lead + 1].kind, BlockKind::List { ordered: true, .. });
    if items.is_empty() || fix.is_empty() || (numbered && has_steps(fix)) {
        return None;
    }
    let mut resolution = Vec::new();
    match steps_of(fix) {
        Some(steps) => {
            push_blocks(&mut resolution, "blocks", steps.before);
            let mut steps_y = steps.steps;
            // What follows the last step is part of it.
            if !steps.after.is_empty()
                && let Some(Y::Map(last)) = steps_y.last_mut()
            {
                let after = blocks_y(steps.after);
                match last.iter_mut().find(|(k, _)| k == "blocks") {
                    Some((_, Y::Seq(blocks))) => blocks.extend(after),
                    _ => last.push(("blocks".into(), Y::Seq(after))),
                }
            }
            resolution.push(("steps".into(), Y::Seq(steps_y)));
        }
        None => push_blocks(&mut resolution, "blocks", fix),
    }
    let texts: Vec<Y> = items.iter().map(|i| Y::Text(i.text.clone())).collect();
    let mut cause = Vec::new();
    match <[Y; 1]>::try_from(texts) {
        Ok([one]) => cause.push(("cause".to_string(), one)),
        Err(texts) => cause.push(("causes".to_string(), Y::Seq(texts))),
    }
    cause.push(("resolution".into(), Y::Map(resolution)));
    Some((&blocks[..=lead], vec![Y::Map(cause)]))
}

/// The words of a question that make a good id: "How do I enable X?" → "enable X".
fn question_stem(title: &str) -> String {
    let lower = title.to_lowercase();
    for prefix in [
        "how do i ",
        "how can i ",
        "how to ",
        "how do you ",
        "how should i ",
        "what is a ",
        "what is an ",
        "what is ",
        "what are ",
        "what's ",
    ] {
        if lower.starts_with(prefix) {
            return title[prefix.len()..].to_string();
        }
    }
    title.to_string()
}

fn push_blocks(entries: &mut Vec<(String, Y)>, key: &str, blocks: &[DBlock]) {
    let items = blocks_y(blocks);
    if !items.is_empty() {
        entries.push((key.to_string(), Y::Seq(items)));
    }
}

/// Blocks as YAML. A list item's nested content follows its list (which continues after it), as
/// content-model lists hold one text per item.
pub fn blocks_y(blocks: &[DBlock]) -> Vec<Y> {
    let mut out = Vec::new();
    for block in blocks {
        match &block.kind {
            BlockKind::Paragraph(text) => {
                if !text.is_blank() {
                    out.push(Y::map(vec![("paragraph", Y::Text(text.clone()))]));
                }
            }
            BlockKind::List { ordered, items } => {
                let mut current = Vec::new();
                for item in items {
                    if !item.text.is_blank() {
                        current.push(Y::Text(item.text.clone()));
                    }
                    if !item.blocks.is_empty() {
                        out.extend(list_y(*ordered, std::mem::take(&mut current)));
                        out.extend(blocks_y(&item.blocks));
                    }
                }
                out.extend(list_y(*ordered, current));
            }
            BlockKind::Table { header, rows } => {
                let cells =
                    |row: &Vec<Mapped>| Y::Seq(row.iter().map(|c| Y::Text(c.clone())).collect());
                out.push(Y::map(vec![(
                    "table",
                    Y::map(vec![
                        ("header", cells(header)),
                        ("rows", Y::Seq(rows.iter().map(cells).collect())),
                    ]),
                )]));
            }
            BlockKind::Image { src, alt } => {
                let mut image = vec![("src", Y::Text(Mapped::synthetic(src, block.at)))];
                if let Some(alt) = alt {
                    image.push(("alt", Y::Text(alt.clone())));
                }
                out.push(Y::map(vec![("image", Y::map(image))]));
            }
            BlockKind::Admonition {
                kind,
                title,
                blocks,
            } => {
                let mut entries = vec![("type", Y::raw(*kind))];
                if let Some(title) = title {
                    entries.push(("title", Y::Text(title.clone())));
                }
                let inner = blocks_y(blocks);
                if !inner.is_empty() {
                    entries.push(("blocks", Y::Seq(inner)));
                }
                out.push(Y::map(vec![("admonition", Y::map(entries))]));
            }
            BlockKind::Tabs { panes, stray } => {
                if panes.len() < 2 {
                    // One pane is no choice: its blocks stand on their own.
                    for (_, blocks) in panes {
                        out.extend(blocks_y(blocks));
                    }
                } else {
                    let panes = panes
                        .iter()
                        .map(|(label, blocks)| {
                            let mut pane = vec![("label", Y::Text(label.clone()))];
                            let inner = blocks_y(blocks);
                            if !inner.is_empty() {
                                pane.push(("blocks", Y::Seq(inner)));
                            }
                            Y::map(pane)
                        })
                        .collect();
                    out.push(Y::map(vec![(
                        "tabs",
                        Y::map(vec![("panes", Y::Seq(panes))]),
                    )]));
                }
                out.extend(blocks_y(stray));
            }
            BlockKind::Pane { blocks, .. } | BlockKind::Component { blocks, .. } => {
                out.extend(blocks_y(blocks));
            }
            BlockKind::Collapsible { summary, blocks } => {
                let summary = summary
                    .clone()
                    .unwrap_or_else(|| Mapped::synthetic("Details", block.at));
                let inner = blocks_y(blocks);
                if inner.is_empty() {
                    out.push(Y::map(vec![("paragraph", Y::Text(summary))]));
                } else {
                    out.push(Y::map(vec![(
                        "collapsible",
                        Y::map(vec![
                            ("summary", Y::Text(summary)),
                            ("blocks", Y::Seq(inner)),
                        ]),
                    )]));
                }
            }
            BlockKind::Code { language, code } => {
                let mut entries = Vec::new();
                if let Some(language) = language {
                    entries.push(("language", Y::Text(Mapped::synthetic(language, block.at))));
                }
                entries.push(("code", Y::Text(Mapped::synthetic(code, block.at))));
                out.push(Y::map(vec![("code", Y::map(entries))]));
            }
        }
    }
    out
}

fn list_y(ordered: bool, items: Vec<Y>) -> Option<Y> {
    if items.is_empty() {
        return None;
    }
    let mut entries = Vec::new();
    if ordered {
        entries.push(("ordered", Y::raw("true")));
    }
    entries.push(("items", Y::Seq(items)));
    Some(Y::map(vec![("list", Y::map(entries))]))
}

/// A numbered item as a step: nested numbered lists become sub-steps.
fn step_y(item: &DItem, extra: &[DBlock]) -> Y {
    let mut entries = vec![("action", Y::Text(item.text.clone()))];
    let mut blocks = Vec::new();
    let mut substeps = Vec::new();
    for block in item.blocks.iter().chain(extra) {
        match &block.kind {
            BlockKind::List {
                ordered: true,
                items,
            } => {
                substeps.extend(items.iter().map(|i| step_y(i, &[])));
            }
            _ => blocks.push(block.clone()),
        }
    }
    let blocks = blocks_y(&blocks);
    if !blocks.is_empty() {
        entries.push(("blocks", Y::Seq(blocks)));
    }
    if !substeps.is_empty() {
        entries.push(("substeps", Y::Seq(substeps)));
    }
    Y::map(entries)
}
