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

/// The JSON pointer of the field being walked, kept in one buffer: a child's segment is
/// appended before it is visited and cut off after, so walking allocates no pointer per field
/// (every check and rule walks every document; building each pointer with `format!` was a
/// tenth of `check`). Visitors get it as `&str`, and copy it only when they keep it.
struct Here(String);

impl Here {
    /// Appends `segment` (one or more `/key` steps), runs `f` with the longer pointer, and
    /// restores it.
    fn at<R>(&mut self, segment: &str, f: impl FnOnce(&mut Here) -> R) -> R {
        let mark = self.0.len();
        self.0.push_str(segment);
        let result = f(self);
        self.0.truncate(mark);
        result
    }

    /// Appends `/index`, runs `f`, and restores the pointer.
    fn at_index<R>(&mut self, index: usize, f: impl FnOnce(&mut Here) -> R) -> R {
        let mark = self.0.len();
        self.0.push('/');
        push_decimal(&mut self.0, index);
        let result = f(self);
        self.0.truncate(mark);
        result
    }

    fn as_str(&self) -> &str {
        &self.0
    }
}

/// Writes `n` in decimal (what `format!("{n}")` writes, without the formatting machinery).
fn push_decimal(out: &mut String, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[i..] {
        out.push(char::from(d));
    }
}

/// Walks every field of a document that a check or rule may care about.
pub fn walk<'d>(document: &'d Document, visitor: &mut dyn Visitor<'d>) {
    let here = &mut Here(String::with_capacity(64));
    let v = visitor;
    match document {
        Document::Topic(topic) => walk_topic(topic, here, v),
        Document::Fragment(fragment) => here.at("/blocks", |h| {
            v.container(
                Container::Document(DocumentKind::Fragment),
                !fragment.blocks.is_empty(),
                h.as_str(),
            );
            blocks(&fragment.blocks, h, v);
        }),
        Document::Publication(publication) => {
            let title = &publication.title;
            here.at("/title", |h| {
                v.plain_text(title, TextRole::Title, h.as_str())
            });
            if let Some(subtitle) = &publication.subtitle {
                here.at("/subtitle", |h| {
                    v.plain_text(subtitle, TextRole::Plain, h.as_str())
                });
            }
            if let Some(description) = &publication.description {
                here.at("/description", |h| {
                    v.plain_text(description, TextRole::Plain, h.as_str())
                });
            }
            here.at("/sections", |h| sections(&publication.sections, h, v));
        }
    }
}

fn walk_topic<'d>(topic: &'d Topic, h: &mut Here, v: &mut dyn Visitor<'d>) {
    let meta = topic.meta();
    if let Some(when) = &meta.when {
        h.at("/when", |h| v.condition(when, h.as_str()));
    }
    h.at("/title", |h| {
        v.plain_text(&meta.title, TextRole::Title, h.as_str())
    });
    if let Some(summary) = &meta.summary {
        h.at("/summary", |h| v.rich_text(summary, h.as_str()));
    }
    h.at("/see_also", |h| {
        for (i, id) in meta.see_also.iter().enumerate() {
            h.at_index(i, |h| v.topic_ref(id, RefTarget::AnyTopic, h.as_str()));
        }
    });
    if let Some(source) = &meta.source {
        h.at("/source/title", |h| {
            v.plain_text(&source.title, TextRole::Plain, h.as_str())
        });
        h.at("/source/url", |h| v.url(&source.url, h.as_str()));
    }
    h.at("/learn_more", |h| {
        for (i, link) in meta.learn_more.iter().enumerate() {
            h.at_index(i, |h| {
                h.at("/title", |h| {
                    v.plain_text(&link.title, TextRole::Plain, h.as_str())
                });
                h.at("/url", |h| v.url(&link.url, h.as_str()));
            });
        }
    });
    aliases(&meta.aliases, h, v);
    let kind = Container::Document(topic.kind());
    match topic {
        Topic::Prerequisite(p) => {
            optional_rich(&p.applies_when, "/applies_when", h, v);
            v.container(kind, !p.body.is_empty() || !p.check.is_empty(), h.as_str());
            h.at("/body", |h| blocks(&p.body, h, v));
            h.at("/check", |h| steps(&p.check, h, v));
            h.at("/if_not_met", |h| blocks(&p.if_not_met, h, v));
        }
        Topic::Concept(c) => {
            v.container(kind, !c.answer.is_empty(), h.as_str());
            h.at("/answer", |h| blocks(&c.answer, h, v));
        }
        Topic::Procedure(p) => {
            optional_rich(&p.applies_when, "/applies_when", h, v);
            v.container(kind, !p.steps.is_empty(), h.as_str());
            h.at("/intro", |h| blocks(&p.intro, h, v));
            h.at("/steps", |h| steps(&p.steps, h, v));
            h.at("/outro", |h| blocks(&p.outro, h, v));
        }
        Topic::Error(e) => {
            h.at("/message", |h| {
                v.plain_text(&e.message, TextRole::Message, h.as_str())
            });
            v.container(kind, !e.causes.is_empty(), h.as_str());
            h.at("/intro", |h| blocks(&e.intro, h, v));
            h.at("/causes", |h| {
                for (i, cause) in e.causes.iter().enumerate() {
                    h.at_index(i, |h| walk_cause(cause, h, v));
                }
            });
        }
    }
}

fn walk_cause<'d>(cause: &'d Cause, h: &mut Here, v: &mut dyn Visitor<'d>) {
    if let Some(when) = &cause.when {
        h.at("/when", |h| v.condition(when, h.as_str()));
    }
    if let Some(id) = &cause.id {
        h.at("/id", |h| v.anchor(id, h.as_str()));
    }
    optional_rich(&cause.cause, "/cause", h, v);
    h.at("/causes", |h| {
        for (i, text) in cause.causes.iter().enumerate() {
            h.at_index(i, |h| v.rich_text(text, h.as_str()));
        }
    });
    let resolution = &cause.resolution;
    let has_content = !resolution.steps.is_empty()
        || resolution.procedure.is_some()
        || !resolution.blocks.is_empty();
    h.at("/resolution", |h| {
        v.container(Container::Resolution, has_content, h.as_str());
        h.at("/blocks", |h| blocks(&resolution.blocks, h, v));
        h.at("/steps", |h| steps(&resolution.steps, h, v));
        if let Some(procedure) = &resolution.procedure {
            h.at("/procedure", |h| {
                v.topic_ref(procedure, RefTarget::Procedure, h.as_str())
            });
        }
    });
}

fn optional_rich<'d>(text: &'d Option<RichText>, key: &str, h: &mut Here, v: &mut dyn Visitor<'d>) {
    if let Some(text) = text {
        h.at(key, |h| v.rich_text(text, h.as_str()));
    }
}

fn sections<'d>(list: &'d [Section], h: &mut Here, v: &mut dyn Visitor<'d>) {
    for (i, section) in list.iter().enumerate() {
        h.at_index(i, |h| section_at(section, h, v));
    }
}

fn section_at<'d>(section: &'d Section, h: &mut Here, v: &mut dyn Visitor<'d>) {
    h.at("/title", |h| {
        v.plain_text(&section.title, TextRole::Title, h.as_str())
    });
    aliases(&section.aliases, h, v);
    h.at("/keywords", |h| {
        for (k, keyword) in section.keywords.iter().enumerate() {
            h.at_index(k, |h| v.plain_text(keyword, TextRole::Plain, h.as_str()));
        }
    });
    let has_content = section.children().next().is_some()
        || !section.intro.is_empty()
        || !section.outro.is_empty();
    v.container(Container::Section, has_content, h.as_str());
    h.at("/intro", |h| blocks(&section.intro, h, v));
    for (pointer, child) in section.children() {
        h.at(&pointer, |h| match child {
            SectionChild::Topic(id) => v.topic_ref(id, RefTarget::AnyTopic, h.as_str()),
            SectionChild::Section(nested) => section_at(nested, h, v),
        });
    }
    h.at("/outro", |h| blocks(&section.outro, h, v));
}

fn steps<'d>(list: &'d [Step], h: &mut Here, v: &mut dyn Visitor<'d>) {
    for (i, step) in list.iter().enumerate() {
        h.at_index(i, |h| step_at(step, h, v));
    }
}

fn step_at<'d>(step: &'d Step, h: &mut Here, v: &mut dyn Visitor<'d>) {
    if let Some(when) = &step.when {
        h.at("/when", |h| v.condition(when, h.as_str()));
    }
    if let Some(id) = &step.id {
        h.at("/id", |h| v.anchor(id, h.as_str()));
    }
    aliases(&step.aliases, h, v);
    h.at("/action", |h| v.rich_text(&step.action, h.as_str()));
    h.at("/blocks", |h| blocks(&step.blocks, h, v));
    optional_rich(&step.result, "/result", h, v);
    h.at("/after_result", |h| blocks(&step.after_result, h, v));
    h.at("/substeps", |h| steps(&step.substeps, h, v));
    h.at("/branches", |h| {
        for (j, branch) in step.branches.iter().enumerate() {
            h.at_index(j, |h| {
                if let Some(title) = &branch.title {
                    h.at("/title", |h| {
                        v.plain_text(title, TextRole::Plain, h.as_str())
                    });
                }
                h.at("/blocks", |h| blocks(&branch.blocks, h, v));
                h.at("/if", |h| v.rich_text(&branch.condition, h.as_str()));
                h.at("/go_to", |h| {
                    v.topic_ref(&branch.go_to, RefTarget::Procedure, h.as_str())
                });
            });
        }
    });
}

fn aliases<'d>(list: &'d [Alias], h: &mut Here, v: &mut dyn Visitor<'d>) {
    if list.is_empty() {
        return;
    }
    h.at("/aliases", |h| {
        for (i, alias) in list.iter().enumerate() {
            h.at_index(i, |h| v.alias(alias, h.as_str()));
        }
    });
}

fn blocks<'d>(list: &'d [Block], h: &mut Here, v: &mut dyn Visitor<'d>) {
    for (i, block) in list.iter().enumerate() {
        h.at_index(i, |h| block_at(block, h, v));
    }
}

fn block_at<'d>(block: &'d Block, h: &mut Here, v: &mut dyn Visitor<'d>) {
    let (block, when) = block.parts();
    if let Some(when) = when {
        h.at("/when", |h| v.condition(when, h.as_str()));
    }
    v.block(block, h.as_str());
    match block {
        Block::Paragraph(text) => h.at("/paragraph", |h| v.rich_text(text, h.as_str())),
        Block::List(list) => h.at("/list/items", |h| {
            for (j, item) in list.items.iter().enumerate() {
                h.at_index(j, |h| v.rich_text(item, h.as_str()));
            }
        }),
        Block::Table(table) => h.at("/table", |h| {
            if let Some(caption) = &table.caption {
                h.at("/caption", |h| {
                    v.plain_text(caption, TextRole::Plain, h.as_str())
                });
            }
            h.at("/header", |h| {
                for (j, cell) in table.header.iter().enumerate() {
                    h.at_index(j, |h| v.rich_text(cell, h.as_str()));
                }
            });
            h.at("/rows", |h| {
                for (r, row) in table.rows.iter().enumerate() {
                    h.at_index(r, |h| {
                        if let Some(when) = row.when() {
                            h.at("/when", |h| v.condition(when, h.as_str()));
                        }
                        h.at(row.cells_pointer(), |h| {
                            for (c, cell) in row.cells().iter().enumerate() {
                                h.at_index(c, |h| v.rich_text(cell, h.as_str()));
                            }
                        });
                    });
                }
            });
        }),
        Block::Image(image) => h.at("/image", |h| {
            v.image(image, h.as_str());
            if let Some(caption) = &image.caption {
                h.at("/caption", |h| v.rich_text(caption, h.as_str()));
            }
        }),
        Block::Admonition(admonition) => h.at("/admonition", |h| {
            if let Some(title) = &admonition.title {
                h.at("/title", |h| {
                    v.plain_text(title, TextRole::Plain, h.as_str())
                });
            }
            optional_rich(&admonition.text, "/text", h, v);
            h.at("/blocks", |h| blocks(&admonition.blocks, h, v));
        }),
        Block::Code(code) => h.at("/code", |h| v.code(&code.code, h.as_str())),
        Block::Include(id) => h.at("/include", |h| v.include(id, h.as_str())),
        Block::Tabs(tabs) => h.at("/tabs/panes", |h| {
            for (j, pane) in tabs.panes.iter().enumerate() {
                h.at_index(j, |h| {
                    if let Some(when) = &pane.when {
                        h.at("/when", |h| v.condition(when, h.as_str()));
                    }
                    h.at("/label", |h| {
                        v.plain_text(&pane.label, TextRole::Plain, h.as_str())
                    });
                    h.at("/blocks", |h| blocks(&pane.blocks, h, v));
                    h.at("/steps", |h| steps(&pane.steps, h, v));
                });
            }
        }),
        Block::Collapsible(collapsible) => h.at("/collapsible", |h| {
            h.at("/summary", |h| {
                v.plain_text(&collapsible.summary, TextRole::Plain, h.as_str())
            });
            h.at("/blocks", |h| blocks(&collapsible.blocks, h, v));
        }),
        Block::DataTable(table) => {
            if let Some(caption) = &table.caption {
                h.at("/data_table/caption", |h| {
                    v.plain_text(caption, TextRole::Plain, h.as_str())
                });
            }
        }
        // Their text is in the data file: rules read it there (see `crate::data`).
        Block::DataList(_) | Block::DataTabs(_) => {}
        // `parts` unwrapped it.
        Block::When(_) => {}
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
    walk_topic(topic, &mut Here(String::new()), &mut found);
    found.0
}
