//! The resolved model that exporters read: one publication's topics in reading order, fragments
//! included, variables applied, rich text parsed, and every cross-reference pointing at an anchor.

use serde::Serialize;

use crate::model::inline::Inline;
use crate::model::{AdmonitionType, CauseStyle, DocumentKind, ErrorType};

/// Parsed, safe inline text.
pub type Text = Vec<Inline>;

/// One publication, ready to export.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResolvedPublication {
    /// Publication id (output files are named after it).
    pub id: String,
    /// Title.
    pub title: String,
    /// Subtitle.
    pub subtitle: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Product name.
    pub product: Option<String>,
    /// Version.
    pub version: Option<String>,
    /// Author or publisher.
    pub author: Option<String>,
    /// Top-level sections, in order (each is a page in Markdown).
    pub sections: Vec<ResolvedSection>,
    /// Per-format options from the publication file.
    pub formats: crate::model::FormatOptions,
}

impl ResolvedPublication {
    /// Whether it builds Markdown pages: unless `formats.markdown.enabled` turns them off.
    pub fn wants_markdown(&self) -> bool {
        self.formats.wants_markdown()
    }

    /// Whether it builds an in-product help bundle: when `formats.json.enabled` says so, or by
    /// default when it has an error topic.
    pub fn wants_json(&self) -> bool {
        self.formats.json.enabled.unwrap_or_else(|| {
            self.topics()
                .iter()
                .any(|(_, t)| matches!(t.body, TopicBody::Error { .. }))
        })
    }

    /// Every topic, in reading order, with the index of the top-level section (page) holding it.
    pub fn topics(&self) -> Vec<(usize, &ResolvedTopic)> {
        fn collect<'a>(
            page: usize,
            section: &'a ResolvedSection,
            out: &mut Vec<(usize, &'a ResolvedTopic)>,
        ) {
            for item in &section.items {
                match item {
                    ResolvedItem::Topic(topic) => out.push((page, topic)),
                    ResolvedItem::Section(child) => collect(page, child, out),
                }
            }
        }
        let mut out = Vec::new();
        for (page, section) in self.sections.iter().enumerate() {
            collect(page, section, &mut out);
        }
        out
    }

    /// Calls `f` on every block of the publication, nested ones included, in reading order.
    pub fn each_block<'a>(&'a self, f: &mut dyn FnMut(&'a ResolvedBlock)) {
        fn section<'a>(s: &'a ResolvedSection, f: &mut dyn FnMut(&'a ResolvedBlock)) {
            s.intro.iter().for_each(|b| b.each_nested(f));
            for item in &s.items {
                let topic = match item {
                    ResolvedItem::Topic(topic) => topic,
                    ResolvedItem::Section(child) => {
                        section(child, f);
                        continue;
                    }
                };
                let blocks = |list: &'a [ResolvedBlock], f: &mut dyn FnMut(&'a ResolvedBlock)| {
                    list.iter().for_each(|b| b.each_nested(f))
                };
                match &topic.body {
                    TopicBody::Prerequisite {
                        body,
                        check,
                        if_not_met,
                        ..
                    } => {
                        blocks(body, f);
                        each_step_block(check, f);
                        blocks(if_not_met, f);
                    }
                    TopicBody::Concept { answer } => blocks(answer, f),
                    TopicBody::Procedure {
                        intro,
                        steps,
                        outro,
                        ..
                    } => {
                        blocks(intro, f);
                        each_step_block(steps, f);
                        blocks(outro, f);
                    }
                    TopicBody::Error { intro, causes, .. } => {
                        blocks(intro, f);
                        for cause in causes {
                            blocks(&cause.blocks, f);
                            each_step_block(&cause.steps, f);
                        }
                    }
                }
            }
            s.outro.iter().for_each(|b| b.each_nested(f));
        }
        self.sections.iter().for_each(|s| section(s, f));
    }

    /// The page (top-level section index) that holds a topic or section id, if this publication has it.
    pub fn page_of(&self, id: &str) -> Option<usize> {
        fn holds(section: &ResolvedSection, id: &str) -> bool {
            section.id == id
                || section.items.iter().any(|item| match item {
                    ResolvedItem::Topic(t) => t.id == id,
                    ResolvedItem::Section(s) => holds(s, id),
                })
        }
        self.sections.iter().position(|s| holds(s, id))
    }

    /// Every search keyword of its pages, in page order, each once (for the one-file formats).
    pub fn keywords(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for keyword in self.sections.iter().flat_map(|s| &s.keywords) {
            if !out.contains(&keyword.as_str()) {
                out.push(keyword);
            }
        }
        out
    }
}

/// A section: heading, intro, topics and nested sections in reading order, outro; a top-level
/// section (a page) also has its read-next links and page options. Command exporters read it as
/// JSON with `topics` and `sections` apart, as before `items` existed, and `order` to interleave
/// them (see `SectionWire`).
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedSection {
    /// Section id (its anchor).
    pub id: String,
    /// Heading text.
    pub title: String,
    /// Old anchors kept beside the id (extra anchors only; links use the id).
    pub aliases: Vec<String>,
    /// Sidebar label (top-level sections).
    pub sidebar_label: Option<String>,
    /// Description (top-level sections).
    pub description: Option<String>,
    /// Nesting depth: 0 for top-level sections.
    pub depth: usize,
    /// Blocks under the heading.
    pub intro: Vec<ResolvedBlock>,
    /// Topics and nested sections, in reading order.
    pub items: Vec<ResolvedItem>,
    /// Blocks after the items.
    pub outro: Vec<ResolvedBlock>,
    /// "Read next" links (pages): pages and topics of this publication.
    pub read_next: Vec<ReadNext>,
    /// The page's URL path on the docs site (pages; Docusaurus `slug`).
    pub slug: Option<String>,
    /// Search keywords (pages).
    pub keywords: Vec<String>,
    /// Whether the docs site hides the page's table of contents (pages).
    pub hide_table_of_contents: bool,
}

/// How a section is written for command exporters: its own `topics` and nested `sections` as
/// before, and their reading `order` as `{"topic": ID}` / `{"section": ID}` entries.
#[derive(Serialize)]
struct SectionWire<'a> {
    id: &'a str,
    title: &'a str,
    sidebar_label: &'a Option<String>,
    description: &'a Option<String>,
    depth: usize,
    intro: &'a [ResolvedBlock],
    topics: Vec<&'a ResolvedTopic>,
    sections: Vec<&'a ResolvedSection>,
    order: Vec<ItemRef<'a>>,
    outro: &'a [ResolvedBlock],
    read_next: &'a [ReadNext],
    slug: &'a Option<String>,
    keywords: &'a [String],
    hide_table_of_contents: bool,
}

/// One entry of [`SectionWire::order`].
#[derive(Serialize)]
#[serde(rename_all = "snake_case")]
enum ItemRef<'a> {
    Topic(&'a str),
    Section(&'a str),
}

impl Serialize for ResolvedSection {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        SectionWire {
            id: &self.id,
            title: &self.title,
            sidebar_label: &self.sidebar_label,
            description: &self.description,
            depth: self.depth,
            intro: &self.intro,
            topics: self.topics().collect(),
            sections: self.sections().collect(),
            order: (self.items.iter())
                .map(|item| match item {
                    ResolvedItem::Topic(t) => ItemRef::Topic(&t.id),
                    ResolvedItem::Section(s) => ItemRef::Section(&s.id),
                })
                .collect(),
            outro: &self.outro,
            read_next: &self.read_next,
            slug: &self.slug,
            keywords: &self.keywords,
            hide_table_of_contents: self.hide_table_of_contents,
        }
        .serialize(serializer)
    }
}

impl ResolvedSection {
    /// Its topics (not those of nested sections), in order.
    pub fn topics(&self) -> impl Iterator<Item = &ResolvedTopic> {
        self.items.iter().filter_map(|item| match item {
            ResolvedItem::Topic(topic) => Some(topic),
            ResolvedItem::Section(_) => None,
        })
    }

    /// Its nested sections, in order.
    pub fn sections(&self) -> impl Iterator<Item = &ResolvedSection> {
        self.items.iter().filter_map(|item| match item {
            ResolvedItem::Section(section) => Some(section),
            ResolvedItem::Topic(_) => None,
        })
    }
}

/// One item of a section, in reading order.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ResolvedItem {
    /// A topic.
    Topic(ResolvedTopic),
    /// A nested section (a grouping heading).
    Section(ResolvedSection),
}

/// A "read next" link: to a page (its heading anchor is the section id) or a topic.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReadNext {
    /// The page's section id or the topic id (the anchor in every format).
    pub id: String,
    /// The target's title.
    pub title: String,
    /// Whether the target is a page (a top-level section) rather than a topic.
    pub page: bool,
}

/// A topic with everything resolved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResolvedTopic {
    /// Topic id (its anchor).
    pub id: String,
    /// Title.
    pub title: String,
    /// Old anchors kept beside the id (extra anchors only; links use the id).
    pub aliases: Vec<String>,
    /// Summary.
    pub summary: Option<Text>,
    /// Related topics that are in this publication: (id, title).
    pub see_also: Vec<(String, String)>,
    /// Attribution ("Adapted from").
    pub source: Option<crate::model::Source>,
    /// Further reading ("Learn more").
    pub learn_more: Vec<crate::model::Source>,
    /// Kind-specific content.
    pub body: TopicBody,
}

/// The kind-specific part of a topic.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TopicBody {
    /// A prerequisite.
    Prerequisite {
        /// When it applies.
        applies_when: Option<Text>,
        /// What and why.
        body: Vec<ResolvedBlock>,
        /// How to check.
        check: Vec<ResolvedStep>,
        /// What to do without it.
        if_not_met: Vec<ResolvedBlock>,
    },
    /// A concept.
    Concept {
        /// The answer.
        answer: Vec<ResolvedBlock>,
    },
    /// A procedure.
    Procedure {
        /// When it applies.
        applies_when: Option<Text>,
        /// Before the steps.
        intro: Vec<ResolvedBlock>,
        /// The steps.
        steps: Vec<ResolvedStep>,
        /// After the steps.
        outro: Vec<ResolvedBlock>,
    },
    /// An error.
    Error {
        /// Exact message (a template when it has placeholders).
        message: String,
        /// Other wordings that find it (`match`).
        match_wordings: Vec<String>,
        /// Code.
        code: Option<String>,
        /// Product error or symptom.
        error_type: ErrorType,
        /// Whether users can fix it alone.
        user_recoverable: bool,
        /// Before the causes.
        intro: Vec<ResolvedBlock>,
        /// Causes and resolutions.
        causes: Vec<ResolvedCause>,
        /// How the publication shows causes (headings or a list).
        cause_style: CauseStyle,
    },
}

impl TopicBody {
    /// The topic's kind.
    pub fn kind(&self) -> DocumentKind {
        match self {
            TopicBody::Prerequisite { .. } => DocumentKind::Prerequisite,
            TopicBody::Concept { .. } => DocumentKind::Concept,
            TopicBody::Procedure { .. } => DocumentKind::Procedure,
            TopicBody::Error { .. } => DocumentKind::Error,
        }
    }

    /// The `kind` name.
    pub fn kind_name(&self) -> &'static str {
        self.kind().name()
    }
}

/// A cause (or several that share a fix) and its resolution.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResolvedCause {
    /// Full anchor (`topic--cause`), if the cause has an id.
    pub anchor: Option<String>,
    /// The cause; for a group, its first cause.
    pub cause: Text,
    /// For a group of causes that share the resolution (`causes:`), every one of them, in
    /// order; empty for a single cause.
    pub group: Vec<Text>,
    /// Blocks before the steps.
    pub blocks: Vec<ResolvedBlock>,
    /// Steps.
    pub steps: Vec<ResolvedStep>,
    /// A procedure to follow: (id, title).
    pub procedure: Option<(String, String)>,
}

/// A step.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResolvedStep {
    /// Full anchor (`topic--step`), if the step has an id.
    pub anchor: Option<String>,
    /// Old anchors kept for the step (full fragments; extra anchors only).
    pub aliases: Vec<String>,
    /// The action.
    pub action: Text,
    /// Supporting blocks.
    pub blocks: Vec<ResolvedBlock>,
    /// The result.
    pub result: Option<Text>,
    /// Blocks after the result.
    pub after_result: Vec<ResolvedBlock>,
    /// Sub-steps.
    pub substeps: Vec<ResolvedStep>,
    /// Branches to other procedures.
    pub branches: Vec<ResolvedBranch>,
}

/// "If CONDITION, go to PROCEDURE", as a sentence or as a titled callout.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResolvedBranch {
    /// The condition.
    pub condition: Text,
    /// The procedure's id.
    pub go_to: String,
    /// The procedure's title.
    pub title: String,
    /// For a branch with a title, type or blocks: the admonition to show in place of the plain
    /// sentence, its blocks followed by the go-to sentence (a cross-reference to `go_to`).
    pub callout: Option<ResolvedBlock>,
}

impl ResolvedBranch {
    /// The callout's kind, title and own blocks, without the go-to sentence that ends it.
    pub fn callout_parts(&self) -> Option<(AdmonitionType, Option<&str>, &[ResolvedBlock])> {
        match &self.callout {
            Some(ResolvedBlock::Admonition {
                kind,
                title,
                blocks,
            }) => Some((
                *kind,
                title.as_deref(),
                &blocks[..blocks.len().saturating_sub(1)],
            )),
            _ => None,
        }
    }
}

/// A block.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ResolvedBlock {
    /// A paragraph.
    Paragraph(Text),
    /// A list.
    List {
        /// Numbered?
        ordered: bool,
        /// Laid out in this many columns, reading down then across (a layout hint only).
        columns: Option<u8>,
        /// Items.
        items: Vec<Text>,
    },
    /// A table.
    Table {
        /// Caption.
        caption: Option<String>,
        /// Header cells (empty: no header row).
        header: Vec<Text>,
        /// Whether each row's first cell is its header.
        row_headers: bool,
        /// Rows.
        rows: Vec<Vec<Text>>,
    },
    /// An image.
    Image {
        /// Path relative to the content folder, `/`-separated (the key into [`super::ImageStore`]).
        path: String,
        /// Alt text.
        alt: String,
        /// Caption.
        caption: Option<Text>,
    },
    /// An admonition.
    Admonition {
        /// Kind.
        kind: AdmonitionType,
        /// Title (defaults to the kind's name when exporting).
        title: Option<String>,
        /// Body.
        blocks: Vec<ResolvedBlock>,
    },
    /// Code.
    Code {
        /// Language.
        language: Option<String>,
        /// Code.
        code: String,
    },
    /// Labelled alternative panes.
    Tabs {
        /// Tab sets with the same group id switch together.
        group_id: Option<String>,
        /// The panes, in order.
        panes: Vec<ResolvedPane>,
    },
    /// A summary that opens to show blocks.
    Collapsible {
        /// The summary line.
        summary: String,
        /// Whether it starts open on the web.
        open: bool,
        /// The blocks it hides.
        blocks: Vec<ResolvedBlock>,
    },
}

impl ResolvedBlock {
    /// Calls `f` on this block and every block nested in it (admonitions, collapsibles, tab panes
    /// and their steps), in reading order: the one walk for whoever needs every nested block.
    pub fn each_nested<'a>(&'a self, f: &mut dyn FnMut(&'a ResolvedBlock)) {
        f(self);
        match self {
            ResolvedBlock::Admonition { blocks, .. }
            | ResolvedBlock::Collapsible { blocks, .. } => {
                blocks.iter().for_each(|b| b.each_nested(f));
            }
            ResolvedBlock::Tabs { panes, .. } => {
                for pane in panes {
                    pane.blocks.iter().for_each(|b| b.each_nested(f));
                    each_step_block(&pane.steps, f);
                }
            }
            _ => {}
        }
    }
}

/// Calls [`ResolvedBlock::each_nested`] on the blocks of steps and their sub-steps.
pub fn each_step_block<'a>(steps: &'a [ResolvedStep], f: &mut dyn FnMut(&'a ResolvedBlock)) {
    for step in steps {
        step.blocks.iter().for_each(|b| b.each_nested(f));
        step.after_result.iter().for_each(|b| b.each_nested(f));
        for callout in step.branches.iter().filter_map(|b| b.callout.as_ref()) {
            callout.each_nested(f);
        }
        each_step_block(&step.substeps, f);
    }
}

/// One pane of a tab set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResolvedPane {
    /// The label (variables applied); also the pane's value, unique in its set.
    pub label: String,
    /// The pane's blocks.
    pub blocks: Vec<ResolvedBlock>,
    /// The pane's steps, after its blocks.
    pub steps: Vec<ResolvedStep>,
}
