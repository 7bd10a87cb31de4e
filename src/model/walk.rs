//! Walks a document and reports each text, reference and image with its JSON pointer, so checks and
//! content rules can point at the exact place in the source file.

use super::{
    Alias, Anchor, Block, Cause, Condition, Document, DocumentKind, Image, RichText, Section,
    SectionChild, Step, Topic, TopicId,
};

/// Something readers see as a section, which may be empty (see [`Visitor::container`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    /// A whole document: a topic (its steps, answer, body or causes) or a fragment (its blocks).
    Document(DocumentKind),
    /// A publication section.
    Section,
    /// An error cause's resolution.
    Resolution,
}

impl Container {
    /// What writers call it ("procedure", "section").
    pub fn name(self) -> &'static str {
        match self {
            Container::Document(kind) => kind.name(),
            Container::Section => "section",
            Container::Resolution => "resolution",
        }
    }
}

/// What a topic reference must point at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefTarget {
    /// Any topic (`see_also`, publication sections).
    AnyTopic,
    /// A procedure (`go_to`, `resolution.procedure`).
    Procedure,
}

/// Where a piece of plain text sits, so rules can treat titles differently from body text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextRole {
    /// A topic, section or publication title.
    Title,
    /// An error topic's exact product message.
    Message,
    /// Other plain text (captions, admonition titles, descriptions).
    Plain,
}

/// Callbacks for [`walk`]; every method has a no-op default. Pointers are JSON pointers into the
/// document as written (e.g. `/steps/2/action`). Fields are lent for the document's lifetime
/// `'d`, so a visitor can keep them without copying.
pub trait Visitor<'d> {
    /// A rich-text field.
    fn rich_text(&mut self, _text: &'d RichText, _pointer: &str) {}
    /// A plain-text field.
    fn plain_text(&mut self, _text: &'d str, _role: TextRole, _pointer: &str) {}
    /// A reference to a topic by id.
    fn topic_ref(&mut self, _id: &'d TopicId, _target: RefTarget, _pointer: &str) {}
    /// An `include` of a fragment.
    fn include(&mut self, _id: &'d TopicId, _pointer: &str) {}
    /// A code block (its text is copied to outputs as written).
    fn code(&mut self, _code: &'d str, _pointer: &str) {}
    /// An image block.
    fn image(&mut self, _image: &'d Image, _pointer: &str) {}
    /// A URL field outside rich text (`source.url`).
    fn url(&mut self, _url: &'d str, _pointer: &str) {}
    /// An alias: an old anchor kept on a topic, section or step.
    fn alias(&mut self, _alias: &'d Alias, _pointer: &str) {}
    /// A container that readers see as a section (a topic, a publication section, a
    /// resolution), and whether it has any content.
    fn container(&mut self, _what: Container, _has_content: bool, _pointer: &str) {}
    /// A step's or cause's `id`.
    fn anchor(&mut self, _id: &'d Anchor, _pointer: &str) {}
    /// A block, before the fields inside it (for checks on the block's own shape); a block
    /// with `when` is reported as the block itself (its condition through [`Self::condition`]).
    fn block(&mut self, _block: &'d Block, _pointer: &str) {}
    /// A `when:` condition (of a topic, block, step, cause, tab pane or table row), at the
    /// pointer of the `when` key.
    fn condition(&mut self, _when: &'d Condition, _pointer: &str) {}
}

/// Walks every field of a document that a check or rule may care about.
pub fn walk<'d>(document: &'d Document, visitor: &mut dyn Visitor<'d>) {
    match document {
        Document::Topic(topic) => walk_topic(topic, visitor),
        Document::Fragment(fragment) => {
            let fragment_kind = Container::Document(DocumentKind::Fragment);
            visitor.container(fragment_kind, !fragment.blocks.is_empty(), "/blocks");
            blocks(&fragment.blocks, "/blocks", visitor);
        }
        Document::Publication(publication) => {
            visitor.plain_text(&publication.title, TextRole::Title, "/title");
            if let Some(subtitle) = &publication.subtitle {
                visitor.plain_text(subtitle, TextRole::Plain, "/subtitle");
            }
            if let Some(description) = &publication.description {
                visitor.plain_text(description, TextRole::Plain, "/description");
            }
            sections(&publication.sections, "/sections", visitor);
        }
    }
}

fn walk_topic<'d>(topic: &'d Topic, v: &mut dyn Visitor<'d>) {
    let meta = topic.meta();
    if let Some(when) = &meta.when {
        v.condition(when, "/when");
    }
    v.plain_text(&meta.title, TextRole::Title, "/title");
    if let Some(summary) = &meta.summary {
        v.rich_text(summary, "/summary");
    }
    for (i, id) in meta.see_also.iter().enumerate() {
        v.topic_ref(id, RefTarget::AnyTopic, &format!("/see_also/{i}"));
    }
    if let Some(source) = &meta.source {
        v.plain_text(&source.title, TextRole::Plain, "/source/title");
        v.url(&source.url, "/source/url");
    }
    for (i, link) in meta.learn_more.iter().enumerate() {
        v.plain_text(
            &link.title,
            TextRole::Plain,
            &format!("/learn_more/{i}/title"),
        );
        v.url(&link.url, &format!("/learn_more/{i}/url"));
    }
    aliases(&meta.aliases, "", v);
    let kind = Container::Document(topic.kind());
    match topic {
        Topic::Prerequisite(p) => {
            optional_rich(&p.applies_when, "/applies_when", v);
            v.container(kind, !p.body.is_empty() || !p.check.is_empty(), "");
            blocks(&p.body, "/body", v);
            steps(&p.check, "/check", v);
            blocks(&p.if_not_met, "/if_not_met", v);
        }
        Topic::Concept(c) => {
            v.container(kind, !c.answer.is_empty(), "");
            blocks(&c.answer, "/answer", v);
        }
        Topic::Procedure(p) => {
            optional_rich(&p.applies_when, "/applies_when", v);
            v.container(kind, !p.steps.is_empty(), "");
            blocks(&p.intro, "/intro", v);
            steps(&p.steps, "/steps", v);
            blocks(&p.outro, "/outro", v);
        }
        Topic::Error(e) => {
            v.plain_text(&e.message, TextRole::Message, "/message");
            v.container(kind, !e.causes.is_empty(), "");
            blocks(&e.intro, "/intro", v);
            for (i, cause) in e.causes.iter().enumerate() {
                walk_cause(cause, &format!("/causes/{i}"), v);
            }
        }
    }
}

fn walk_cause<'d>(cause: &'d Cause, at: &str, v: &mut dyn Visitor<'d>) {
    if let Some(when) = &cause.when {
        v.condition(when, &format!("{at}/when"));
    }
    if let Some(id) = &cause.id {
        v.anchor(id, &format!("{at}/id"));
    }
    optional_rich(&cause.cause, &format!("{at}/cause"), v);
    for (i, text) in cause.causes.iter().enumerate() {
        v.rich_text(text, &format!("{at}/causes/{i}"));
    }
    let resolution = &cause.resolution;
    let has_content = !resolution.steps.is_empty()
        || resolution.procedure.is_some()
        || !resolution.blocks.is_empty();
    v.container(
        Container::Resolution,
        has_content,
        &format!("{at}/resolution"),
    );
    blocks(&resolution.blocks, &format!("{at}/resolution/blocks"), v);
    steps(&resolution.steps, &format!("{at}/resolution/steps"), v);
    if let Some(procedure) = &resolution.procedure {
        v.topic_ref(
            procedure,
            RefTarget::Procedure,
            &format!("{at}/resolution/procedure"),
        );
    }
}

fn optional_rich<'d>(text: &'d Option<RichText>, at: &str, v: &mut dyn Visitor<'d>) {
    if let Some(text) = text {
        v.rich_text(text, at);
    }
}

fn sections<'d>(list: &'d [Section], at: &str, v: &mut dyn Visitor<'d>) {
    for (i, section) in list.iter().enumerate() {
        section_at(section, &format!("{at}/{i}"), v);
    }
}

fn section_at<'d>(section: &'d Section, here: &str, v: &mut dyn Visitor<'d>) {
    v.plain_text(&section.title, TextRole::Title, &format!("{here}/title"));
    aliases(&section.aliases, here, v);
    for (k, keyword) in section.keywords.iter().enumerate() {
        v.plain_text(keyword, TextRole::Plain, &format!("{here}/keywords/{k}"));
    }
    let has_content = section.children().next().is_some()
        || !section.intro.is_empty()
        || !section.outro.is_empty();
    v.container(Container::Section, has_content, here);
    blocks(&section.intro, &format!("{here}/intro"), v);
    for (pointer, child) in section.children() {
        match child {
            SectionChild::Topic(id) => {
                v.topic_ref(id, RefTarget::AnyTopic, &format!("{here}{pointer}"))
            }
            SectionChild::Section(nested) => section_at(nested, &format!("{here}{pointer}"), v),
        }
    }
    blocks(&section.outro, &format!("{here}/outro"), v);
}

fn steps<'d>(list: &'d [Step], at: &str, v: &mut dyn Visitor<'d>) {
    for (i, step) in list.iter().enumerate() {
        let here = format!("{at}/{i}");
        if let Some(when) = &step.when {
            v.condition(when, &format!("{here}/when"));
        }
        if let Some(id) = &step.id {
            v.anchor(id, &format!("{here}/id"));
        }
        aliases(&step.aliases, &here, v);
        v.rich_text(&step.action, &format!("{here}/action"));
        blocks(&step.blocks, &format!("{here}/blocks"), v);
        optional_rich(&step.result, &format!("{here}/result"), v);
        blocks(&step.after_result, &format!("{here}/after_result"), v);
        steps(&step.substeps, &format!("{here}/substeps"), v);
        for (j, branch) in step.branches.iter().enumerate() {
            let branch_at = format!("{here}/branches/{j}");
            if let Some(title) = &branch.title {
                v.plain_text(title, TextRole::Plain, &format!("{branch_at}/title"));
            }
            blocks(&branch.blocks, &format!("{branch_at}/blocks"), v);
            v.rich_text(&branch.condition, &format!("{here}/branches/{j}/if"));
            v.topic_ref(
                &branch.go_to,
                RefTarget::Procedure,
                &format!("{here}/branches/{j}/go_to"),
            );
        }
    }
}

fn aliases<'d>(list: &'d [Alias], at: &str, v: &mut dyn Visitor<'d>) {
    for (i, alias) in list.iter().enumerate() {
        v.alias(alias, &format!("{at}/aliases/{i}"));
    }
}

fn blocks<'d>(list: &'d [Block], at: &str, v: &mut dyn Visitor<'d>) {
    for (i, block) in list.iter().enumerate() {
        let here = format!("{at}/{i}");
        let (block, when) = block.parts();
        if let Some(when) = when {
            v.condition(when, &format!("{here}/when"));
        }
        v.block(block, &here);
        match block {
            Block::Paragraph(text) => v.rich_text(text, &format!("{here}/paragraph")),
            Block::List(list) => {
                for (j, item) in list.items.iter().enumerate() {
                    v.rich_text(item, &format!("{here}/list/items/{j}"));
                }
            }
            Block::Table(table) => {
                if let Some(caption) = &table.caption {
                    v.plain_text(caption, TextRole::Plain, &format!("{here}/table/caption"));
                }
                for (j, cell) in table.header.iter().enumerate() {
                    v.rich_text(cell, &format!("{here}/table/header/{j}"));
                }
                for (r, row) in table.rows.iter().enumerate() {
                    let row_at = format!("{here}/table/rows/{r}");
                    if let Some(when) = row.when() {
                        v.condition(when, &format!("{row_at}/when"));
                    }
                    let cells_at = format!("{row_at}{}", row.cells_pointer());
                    for (c, cell) in row.cells().iter().enumerate() {
                        v.rich_text(cell, &format!("{cells_at}/{c}"));
                    }
                }
            }
            Block::Image(image) => {
                v.image(image, &format!("{here}/image"));
                if let Some(caption) = &image.caption {
                    v.rich_text(caption, &format!("{here}/image/caption"));
                }
            }
            Block::Admonition(admonition) => {
                if let Some(title) = &admonition.title {
                    v.plain_text(title, TextRole::Plain, &format!("{here}/admonition/title"));
                }
                optional_rich(&admonition.text, &format!("{here}/admonition/text"), v);
                blocks(&admonition.blocks, &format!("{here}/admonition/blocks"), v);
            }
            Block::Code(code) => v.code(&code.code, &format!("{here}/code")),
            Block::Include(id) => v.include(id, &format!("{here}/include")),
            Block::Tabs(tabs) => {
                for (j, pane) in tabs.panes.iter().enumerate() {
                    let pane_at = format!("{here}/tabs/panes/{j}");
                    if let Some(when) = &pane.when {
                        v.condition(when, &format!("{pane_at}/when"));
                    }
                    v.plain_text(&pane.label, TextRole::Plain, &format!("{pane_at}/label"));
                    blocks(&pane.blocks, &format!("{pane_at}/blocks"), v);
                    steps(&pane.steps, &format!("{pane_at}/steps"), v);
                }
            }
            Block::Collapsible(collapsible) => {
                let summary = format!("{here}/collapsible/summary");
                v.plain_text(&collapsible.summary, TextRole::Plain, &summary);
                blocks(
                    &collapsible.blocks,
                    &format!("{here}/collapsible/blocks"),
                    v,
                );
            }
            Block::DataTable(table) => {
                if let Some(caption) = &table.caption {
                    let pointer = format!("{here}/data_table/caption");
                    v.plain_text(caption, TextRole::Plain, &pointer);
                }
            }
            // Their text is in the data file: rules read it there (see `crate::data`).
            Block::DataList(_) | Block::DataTabs(_) => {}
            // `parts` unwrapped it.
            Block::When(_) => {}
        }
    }
}

/// Every anchor (step and cause `id`) a topic defines, with its pointer, in reading order: also
/// the ids of steps inside tab panes, wherever the tabs sit in the topic.
pub fn anchors(topic: &Topic) -> Vec<(String, String)> {
    struct Anchors(Vec<(String, String)>);
    impl Visitor<'_> for Anchors {
        fn anchor(&mut self, id: &Anchor, pointer: &str) {
            self.0.push((id.0.clone(), pointer.to_string()));
        }
    }
    let mut found = Anchors(Vec::new());
    walk_topic(topic, &mut found);
    found.0
}
