//! Reads a Docusaurus Markdown page body with pulldown-cmark into headings and blocks, each text
//! remembering where it is in the draft.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use super::Note;
use super::mapped::Mapped;
use super::regions::{self, Region};

/// A block of draft content.
#[derive(Debug, Clone, PartialEq)]
pub struct DBlock {
    /// Where it starts in the draft.
    pub at: usize,
    /// What it is.
    pub kind: BlockKind,
}

/// The kinds of block the importer keeps.
#[derive(Debug, Clone, PartialEq)]
pub enum BlockKind {
    /// A paragraph (its Markdown inline syntax kept as written).
    Paragraph(Mapped),
    /// A bulleted or numbered list.
    List {
        /// Numbered.
        ordered: bool,
        /// The items.
        items: Vec<DItem>,
    },
    /// A table.
    Table {
        /// Header cells.
        header: Vec<Mapped>,
        /// Body rows.
        rows: Vec<Vec<Mapped>>,
    },
    /// An image.
    Image {
        /// Its address as written.
        src: String,
        /// Its alt text.
        alt: Option<Mapped>,
    },
    /// A `:::tip Title` box (or a block quote, kept as a note).
    Admonition {
        /// One of Docusaurus's types: `note`, `tip`, `info`, `caution`, `warning`, `danger`.
        kind: &'static str,
        /// The title after the fence.
        title: Option<Mapped>,
        /// Its content.
        blocks: Vec<DBlock>,
    },
    /// `<Tabs>`: its `<TabItem>` panes (label, blocks), and blocks outside any pane.
    Tabs {
        /// The panes.
        panes: Vec<(Mapped, Vec<DBlock>)>,
        /// Blocks inside `<Tabs>` but in no `<TabItem>`.
        stray: Vec<DBlock>,
    },
    /// One `<TabItem>` (inside `Tabs` once grouped).
    Pane {
        /// Its label.
        label: Mapped,
        /// Its blocks.
        blocks: Vec<DBlock>,
    },
    /// `<details>` with its `<summary>`.
    Collapsible {
        /// The summary line, if the draft has one.
        summary: Option<Mapped>,
        /// Its blocks.
        blocks: Vec<DBlock>,
    },
    /// Another MDX component (`<ReadNext to="…">…</ReadNext>`): the page decides what it becomes.
    Component {
        /// Its name.
        name: String,
        /// Its attributes.
        attrs: Vec<(String, Mapped)>,
        /// The blocks inside it.
        blocks: Vec<DBlock>,
    },
    /// A code block (HTML and MDX statements are kept as code too).
    Code {
        /// The language.
        language: Option<String>,
        /// The code.
        code: String,
    },
}

impl BlockKind {
    /// The block lists inside this block (a list's items', a box's, a pane's), for walks.
    pub fn children_mut(&mut self) -> Vec<&mut Vec<DBlock>> {
        match self {
            BlockKind::List { items, .. } => items.iter_mut().map(|i| &mut i.blocks).collect(),
            BlockKind::Admonition { blocks, .. }
            | BlockKind::Pane { blocks, .. }
            | BlockKind::Collapsible { blocks, .. }
            | BlockKind::Component { blocks, .. } => vec![blocks],
            BlockKind::Tabs { panes, stray } => {
                let mut out: Vec<&mut Vec<DBlock>> = panes.iter_mut().map(|(_, b)| b).collect();
                out.push(stray);
                out
            }
            BlockKind::Paragraph(_)
            | BlockKind::Table { .. }
            | BlockKind::Image { .. }
            | BlockKind::Code { .. } => Vec::new(),
        }
    }

    /// The block lists inside this block, read-only.
    pub fn children(&self) -> Vec<&Vec<DBlock>> {
        match self {
            BlockKind::List { items, .. } => items.iter().map(|i| &i.blocks).collect(),
            BlockKind::Admonition { blocks, .. }
            | BlockKind::Pane { blocks, .. }
            | BlockKind::Collapsible { blocks, .. }
            | BlockKind::Component { blocks, .. } => vec![blocks],
            BlockKind::Tabs { panes, stray } => {
                let mut out: Vec<&Vec<DBlock>> = panes.iter().map(|(_, b)| b).collect();
                out.push(stray);
                out
            }
            BlockKind::Paragraph(_)
            | BlockKind::Table { .. }
            | BlockKind::Image { .. }
            | BlockKind::Code { .. } => Vec::new(),
        }
    }
}

/// One list item: its first paragraph and anything under it.
#[derive(Debug, Clone, PartialEq)]
pub struct DItem {
    /// Where it starts.
    pub at: usize,
    /// Its text (first paragraph).
    pub text: Mapped,
    /// Nested lists and further paragraphs.
    pub blocks: Vec<DBlock>,
}

/// A heading and everything under it.
#[derive(Debug, Clone, PartialEq)]
pub struct DSection {
    /// 1 to 6.
    pub level: u8,
    /// The heading text, without `{#id}`.
    pub title: Mapped,
    /// A `{#id}` written on the heading.
    pub custom_id: Option<String>,
    /// The anchor Docusaurus gives the heading (its `{#id}`, else its slug): kept as the id or
    /// an alias of what the heading becomes, so published links still land.
    pub anchor: String,
    /// Where the heading starts.
    pub at: usize,
    /// Blocks before the first sub-heading.
    pub blocks: Vec<DBlock>,
    /// Sub-headings.
    pub children: Vec<DSection>,
}

/// A page body: what comes before the first heading, and the headings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Body {
    /// Blocks before the first heading.
    pub intro: Vec<DBlock>,
    /// Top-level headings.
    pub sections: Vec<DSection>,
}

/// Parses a page body that starts at `start` in `draft`.
pub fn parse_body(draft: &str, start: usize, notes: &mut Vec<Note>) -> Body {
    let (masked, regions) = regions::mask(draft, start);
    let flow = Walker::new(draft, notes).run(&masked, start);
    let flow = group_regions(flow, &regions);
    nest(flow)
}

/// A heading or a block, in page order.
#[derive(Debug)]
enum Flow {
    Heading {
        level: u8,
        title: Mapped,
        custom_id: Option<String>,
        at: usize,
    },
    Block(DBlock),
}

fn flow_at(flow: &Flow) -> usize {
    match flow {
        Flow::Heading { at, .. } => *at,
        Flow::Block(b) => b.at,
    }
}

/// Puts the blocks inside each region (admonition, component) into one block, inside list items
/// first; a heading inside a region is kept as a paragraph.
fn group_regions(flow: Vec<Flow>, regions: &[Region]) -> Vec<Flow> {
    let mut used = regions::Used::new();
    let mut flow = flow;
    for item in &mut flow {
        if let Flow::Block(block) = item {
            regions::group_in_items(block, regions, &mut used);
        }
    }
    let free: Vec<&Region> = regions
        .iter()
        .filter(|r| !used.contains(&regions::key(r)))
        .collect();
    let mut out = Vec::new();
    let mut items = flow.into_iter().peekable();
    for region in regions::outermost(&free) {
        while items
            .peek()
            .is_some_and(|f| flow_at(f) < region.range.start)
        {
            out.extend(items.next());
        }
        let mut inside = Vec::new();
        while items.peek().is_some_and(|f| flow_at(f) < region.range.end) {
            inside.push(match items.next() {
                Some(Flow::Block(b)) => b,
                Some(Flow::Heading { title, at, .. }) => DBlock {
                    at,
                    kind: BlockKind::Paragraph(title),
                },
                None => break,
            });
        }
        used.insert(regions::key(&region));
        let inside =
            regions::group_blocks(inside, &regions::inner(regions, &region), &mut used, true);
        out.push(Flow::Block(regions::wrap(&region, inside)));
    }
    out.extend(items);
    out
}

/// Builds the heading tree from the flow.
fn nest(flow: Vec<Flow>) -> Body {
    let mut body = Body::default();
    let mut slugger = super::site::Slugger::default();
    let mut stack: Vec<DSection> = Vec::new();
    fn close(stack: &mut Vec<DSection>, body: &mut Body, level: u8) {
        while stack.last().is_some_and(|s| s.level >= level) {
            let Some(done) = stack.pop() else { break };
            match stack.last_mut() {
                Some(parent) => parent.children.push(done),
                None => body.sections.push(done),
            }
        }
    }
    for item in flow {
        match item {
            Flow::Block(block) => match stack.last_mut() {
                Some(section) => section.blocks.push(block),
                None => body.intro.push(block),
            },
            Flow::Heading {
                level,
                title,
                custom_id,
                at,
            } => {
                close(&mut stack, &mut body, level);
                let anchor = slugger.anchor(&title.text, custom_id.as_deref());
                stack.push(DSection {
                    level,
                    title,
                    anchor,
                    custom_id,
                    at,
                    blocks: Vec::new(),
                    children: Vec::new(),
                });
            }
        }
    }
    close(&mut stack, &mut body, 0);
    body
}

/// An open container while walking events.
enum Frame {
    Root(Vec<Flow>),
    Paragraph {
        range: Range<usize>,
        /// Images inside the paragraph, with their source ranges.
        images: Vec<(Range<usize>, DBlock)>,
    },
    Heading {
        level: u8,
        id: Option<String>,
        title: Mapped,
        at: usize,
    },
    List {
        ordered: bool,
        items: Vec<DItem>,
        at: usize,
    },
    Item {
        item: Option<DItem>,
        inline: Option<Range<usize>>,
        at: usize,
    },
    Quote {
        blocks: Vec<DBlock>,
        at: usize,
    },
    Code {
        language: Option<String>,
        code: String,
        at: usize,
    },
    Html {
        code: String,
        at: usize,
    },
    Table {
        header: Vec<Mapped>,
        rows: Vec<Vec<Mapped>>,
        at: usize,
    },
    Row(Vec<Mapped>),
    Cell(Range<usize>),
    Image {
        src: String,
        alt: Mapped,
        at: usize,
        range: Range<usize>,
    },
    /// Inline containers (emphasis, links) whose text the enclosing block keeps as written.
    Inline,
    /// A quote, list or list item nested deeper than [`MAX_NESTING`]: its content goes to the
    /// enclosing container, so the written YAML's indentation (and size) stays linear.
    Flattened {
        /// Whether it is a block quote (whose `>` markers the text drops).
        quote: bool,
    },
}

/// The deepest nesting of block quotes and lists an import keeps; deeper ones are flattened
/// into the one at this depth (each level indents every line below it in the YAML written).
pub const MAX_NESTING: usize = 8;

struct Walker<'a> {
    draft: &'a str,
    notes: &'a mut Vec<Note>,
    stack: Vec<Frame>,
    quote_depth: usize,
    /// Open quotes and lists (not flattened ones).
    nesting: usize,
    /// Whether the draft was told that deep nesting was flattened.
    flattened_noted: bool,
}

impl<'a> Walker<'a> {
    fn new(draft: &'a str, notes: &'a mut Vec<Note>) -> Self {
        Walker {
            draft,
            notes,
            stack: vec![Frame::Root(Vec::new())],
            quote_depth: 0,
            nesting: 0,
            flattened_noted: false,
        }
    }

    fn note(&mut self, at: usize, message: impl Into<String>) {
        self.notes.push(Note {
            at,
            message: message.into(),
        });
    }

    fn run(mut self, masked: &str, start: usize) -> Vec<Flow> {
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_HEADING_ATTRIBUTES
            | Options::ENABLE_STRIKETHROUGH;
        let body = &masked[start..];
        for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
            let range = range.start + start..range.end + start;
            self.event(event, range);
        }
        while self.stack.len() > 1 {
            self.end_frame();
        }
        match self.stack.pop() {
            Some(Frame::Root(flow)) => flow,
            _ => Vec::new(),
        }
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(TagEnd::Paragraph) => self.end_frame(),
            Event::End(_) => self.end_frame(),
            Event::Text(text) => self.text(&text, range),
            Event::Code(code) => {
                let draft = self.draft;
                if let Some(Frame::Heading { title, .. }) = self.text_frame() {
                    match code_inner(draft, &range, &code) {
                        Some(inner) => title.push_source(draft, inner),
                        None => title.push_str(&code),
                    }
                } else {
                    self.inline(range);
                }
            }
            Event::Html(html) => match self.stack.last_mut() {
                Some(Frame::Html { code, .. }) => code.push_str(&html),
                _ => self.inline(range),
            },
            Event::InlineHtml(_) | Event::SoftBreak | Event::HardBreak => self.inline(range),
            Event::Rule => self.note(
                range.start,
                "a horizontal rule (`---`) was left out: helpdoc separates topics itself",
            ),
            Event::FootnoteReference(_)
            | Event::TaskListMarker(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_) => self.inline(range),
        }
    }

    /// The innermost frame that is not an inline container (emphasis, link): where text goes.
    fn text_frame(&mut self) -> Option<&mut Frame> {
        self.stack
            .iter_mut()
            .rev()
            .find(|f| !matches!(f, Frame::Inline | Frame::Flattened { .. }))
    }

    /// The innermost frame that is not flattened: where blocks and item text go.
    fn container(&mut self) -> Option<&mut Frame> {
        self.stack
            .iter_mut()
            .rev()
            .find(|f| !matches!(f, Frame::Flattened { .. }))
    }

    /// A frame for a quote or list that may be too deep: `frame`, or a flattened one.
    fn nested(&mut self, at: usize, quote: bool, frame: Frame) -> Frame {
        if quote {
            self.quote_depth += 1;
        }
        if self.nesting < MAX_NESTING {
            self.nesting += 1;
            return frame;
        }
        if !self.flattened_noted {
            self.flattened_noted = true;
            self.note(
                at,
                format!(
                    "block quotes and lists nested deeper than {MAX_NESTING} levels were flattened into the one at level {MAX_NESTING}"
                ),
            );
        }
        Frame::Flattened { quote }
    }

    fn text(&mut self, text: &str, range: Range<usize>) {
        let draft = self.draft;
        match self.text_frame() {
            Some(Frame::Heading { title, .. }) => {
                if draft.get(range.clone()) == Some(text) {
                    title.push_source(draft, range);
                } else {
                    title.push_str(text);
                }
            }
            Some(Frame::Code { code, .. }) => code.push_str(text),
            Some(Frame::Image { alt, .. }) => {
                if draft.get(range.clone()) == Some(text) {
                    alt.push_source(draft, range);
                } else {
                    alt.push_str(text);
                }
            }
            _ => self.inline(range),
        }
    }

    /// Inline content directly inside a list item (a tight list) extends the item's text.
    fn inline(&mut self, range: Range<usize>) {
        if let Some(Frame::Item { inline, .. }) = self.container() {
            *inline = Some(match inline.take() {
                Some(r) => r.start.min(range.start)..r.end.max(range.end),
                None => range,
            });
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        let at = range.start;
        let frame = match tag {
            Tag::Paragraph => {
                self.flush_item_text();
                Frame::Paragraph {
                    range,
                    images: Vec::new(),
                }
            }
            Tag::Heading { level, id, .. } => Frame::Heading {
                level: level as u8,
                id: id.map(|i| i.to_string()),
                title: Mapped::new(at),
                at,
            },
            Tag::List(first) => {
                self.flush_item_text();
                let list = Frame::List {
                    ordered: first.is_some(),
                    items: Vec::new(),
                    at,
                };
                self.nested(at, false, list)
            }
            Tag::Item if matches!(self.stack.last(), Some(Frame::Flattened { .. })) => {
                Frame::Flattened { quote: false }
            }
            Tag::Item => Frame::Item {
                item: None,
                inline: None,
                at,
            },
            Tag::BlockQuote(_) => {
                self.flush_item_text();
                let quote = Frame::Quote {
                    blocks: Vec::new(),
                    at,
                };
                self.nested(at, true, quote)
            }
            Tag::CodeBlock(kind) => {
                self.flush_item_text();
                let language = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().map(str::to_string)
                    }
                    CodeBlockKind::Indented => None,
                };
                Frame::Code {
                    language,
                    code: String::new(),
                    at,
                }
            }
            Tag::HtmlBlock => {
                self.flush_item_text();
                Frame::Html {
                    code: String::new(),
                    at,
                }
            }
            Tag::Table(_) => Frame::Table {
                header: Vec::new(),
                rows: Vec::new(),
                at,
            },
            Tag::TableHead | Tag::TableRow => Frame::Row(Vec::new()),
            Tag::TableCell => Frame::Cell(range),
            Tag::Image { dest_url, .. } => Frame::Image {
                src: dest_url.to_string(),
                alt: Mapped::new(at),
                at,
                range,
            },
            _ => {
                self.inline(range);
                Frame::Inline
            }
        };
        self.stack.push(frame);
    }

    /// Turns the inline run of a tight list item into its text (or a further paragraph).
    fn flush_item_text(&mut self) {
        let draft = self.draft;
        let quoted = self.quote_depth > 0;
        if let Some(Frame::Item { item, inline, at }) = self.container()
            && let Some(range) = inline.take()
        {
            let text = Mapped::from_lines(draft, range.clone(), quoted, &[]);
            match item {
                None => {
                    *item = Some(DItem {
                        at: *at,
                        text,
                        blocks: Vec::new(),
                    })
                }
                Some(existing) => existing.blocks.push(DBlock {
                    at: range.start,
                    kind: BlockKind::Paragraph(text),
                }),
            }
        }
    }

    fn end_frame(&mut self) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        match frame {
            Frame::Root(flow) => self.stack.push(Frame::Root(flow)),
            Frame::Inline => {}
            Frame::Flattened { quote } => {
                if quote {
                    self.quote_depth = self.quote_depth.saturating_sub(1);
                }
            }
            Frame::Paragraph { range, images } => self.paragraph_with_images(range, images),
            Frame::Image {
                src,
                alt,
                at,
                range,
            } => {
                let block = DBlock {
                    at,
                    kind: BlockKind::Image {
                        src,
                        alt: (!alt.is_blank()).then(|| alt.trimmed()),
                    },
                };
                match self.stack.last_mut() {
                    Some(Frame::Paragraph { images, .. }) => images.push((range, block)),
                    _ => {
                        self.flush_item_text();
                        self.add_block(block);
                    }
                }
            }
            Frame::Heading {
                level,
                id,
                title,
                at,
            } => {
                let title = strip_heading_id(&title.trimmed());
                if self.stack.len() == 1 && self.quote_depth == 0 {
                    self.push_flow(Flow::Heading {
                        level,
                        title,
                        custom_id: id,
                        at,
                    });
                } else {
                    self.note(
                        at,
                        "a heading inside a list or quote was kept as a paragraph",
                    );
                    self.add_block(DBlock {
                        at,
                        kind: BlockKind::Paragraph(title),
                    });
                }
            }
            Frame::List { ordered, items, at } => {
                self.nesting = self.nesting.saturating_sub(1);
                self.add_block(DBlock {
                    at,
                    kind: BlockKind::List { ordered, items },
                })
            }
            Frame::Item { item, inline, at } => {
                self.stack.push(Frame::Item { item, inline, at });
                self.flush_item_text();
                let Some(Frame::Item { item, at, .. }) = self.stack.pop() else {
                    return;
                };
                let item = item.unwrap_or(DItem {
                    at,
                    text: Mapped::new(at),
                    blocks: Vec::new(),
                });
                if let Some(Frame::List { items, .. }) = self.stack.last_mut() {
                    items.push(item);
                }
            }
            Frame::Quote { blocks, at } => {
                self.quote_depth = self.quote_depth.saturating_sub(1);
                self.nesting = self.nesting.saturating_sub(1);
                self.note(at, "a block quote was kept as a note admonition");
                self.add_block(DBlock {
                    at,
                    kind: BlockKind::Admonition {
                        kind: "note",
                        title: None,
                        blocks,
                    },
                });
            }
            Frame::Code { language, code, at } => self.add_block(DBlock {
                at,
                kind: BlockKind::Code {
                    language,
                    code: code.trim_end_matches('\n').to_string(),
                },
            }),
            Frame::Html { code, at } => {
                self.note(
                    at,
                    "raw HTML or JSX is not allowed in content; it was kept as an `html` code block",
                );
                self.add_block(DBlock {
                    at,
                    kind: BlockKind::Code {
                        language: Some("html".into()),
                        code: code.trim_end_matches('\n').to_string(),
                    },
                });
            }
            Frame::Cell(range) => {
                let text = self
                    .draft
                    .get(range.clone())
                    .map(|t| {
                        let lead = t.len()
                            - t.trim_start_matches(|c: char| c == '|' || c.is_whitespace())
                                .len();
                        let body =
                            t[lead..].trim_end_matches(|c: char| c == '|' || c.is_whitespace());
                        Mapped::from_source(
                            self.draft,
                            range.start + lead..range.start + lead + body.len(),
                        )
                    })
                    .unwrap_or_else(|| Mapped::new(range.start));
                if let Some(Frame::Row(cells)) = self.stack.last_mut() {
                    cells.push(text);
                }
            }
            Frame::Row(cells) => {
                if let Some(Frame::Table { header, rows, .. }) = self.stack.last_mut() {
                    if header.is_empty() && rows.is_empty() {
                        *header = cells;
                    } else {
                        rows.push(cells);
                    }
                }
            }
            Frame::Table { header, rows, at } => self.add_block(DBlock {
                at,
                kind: BlockKind::Table { header, rows },
            }),
        }
    }

    /// Emits a paragraph; images inside it become image blocks after it.
    fn paragraph_with_images(&mut self, range: Range<usize>, images: Vec<(Range<usize>, DBlock)>) {
        let skip: Vec<Range<usize>> = images.iter().map(|(r, _)| r.clone()).collect();
        let blocks: Vec<DBlock> = images.into_iter().map(|(_, b)| b).collect();
        let text = Mapped::from_lines(self.draft, range.clone(), self.quote_depth > 0, &skip);
        if !text.is_blank() {
            if !blocks.is_empty() {
                self.note(
                    range.start,
                    "an image inside a paragraph was moved into its own image block after it",
                );
            }
            if is_mdx_statement(&text.text) {
                // helpdoc writes the imports its own components need; the draft's are not content.
                self.note(
                    range.start,
                    format!(
                        "an MDX import/export statement was dropped: {}",
                        text.text.lines().next().unwrap_or_default()
                    ),
                );
            } else {
                self.add_block(DBlock {
                    at: range.start,
                    kind: BlockKind::Paragraph(text),
                });
            }
        }
        for block in blocks {
            self.add_block(block);
        }
    }

    fn push_flow(&mut self, flow: Flow) {
        if let Some(Frame::Root(items)) = self.stack.first_mut() {
            items.push(flow);
        }
    }

    /// Adds a finished block to the innermost open container.
    fn add_block(&mut self, block: DBlock) {
        match self.container() {
            Some(Frame::Item { item, at, .. }) => match item {
                None => match block.kind {
                    BlockKind::Paragraph(text) => {
                        *item = Some(DItem {
                            at: *at,
                            text,
                            blocks: Vec::new(),
                        })
                    }
                    other => {
                        *item = Some(DItem {
                            at: *at,
                            text: Mapped::new(*at),
                            blocks: vec![DBlock {
                                at: block.at,
                                kind: other,
                            }],
                        })
                    }
                },
                Some(existing) => existing.blocks.push(block),
            },
            Some(Frame::Quote { blocks, .. }) => blocks.push(block),
            Some(Frame::Root(items)) => items.push(Flow::Block(block)),
            _ => {
                // A block in an unexpected place (e.g. inside a table cell): keep it at the top.
                self.push_flow(Flow::Block(block));
            }
        }
    }
}

/// The byte range of an inline code span's content, when it is the source text.
fn code_inner(draft: &str, range: &Range<usize>, code: &str) -> Option<Range<usize>> {
    let written = draft.get(range.clone())?;
    let at = written.find(code)?;
    Some(range.start + at..range.start + at + code.len())
}

/// Removes a trailing Docusaurus `{#id}` from a heading's text.
fn strip_heading_id(title: &Mapped) -> Mapped {
    let text = title.text.trim_end();
    if text.ends_with('}')
        && let Some(open) = text.rfind("{#")
    {
        return title.slice(0..open).trimmed();
    }
    title.clone()
}

/// `import X from 'y'` / `export const …`: MDX statements, not prose.
fn is_mdx_statement(text: &str) -> bool {
    let first = text.lines().next().unwrap_or_default();
    (first.starts_with("import ") && (first.contains(" from ") || first.contains('\'')))
        || first.starts_with("export ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Body {
        parse_body(text, 0, &mut Vec::new())
    }

    #[test]
    fn headings_nest_and_keep_their_blocks() {
        let body = parse("Intro.\n\n## A\n\n### B\n\ntext b\n\n## C {#c-id}\n");
        assert_eq!(body.intro.len(), 1);
        assert_eq!(body.sections.len(), 2);
        assert_eq!(body.sections[0].children[0].title.text, "B");
        assert_eq!(body.sections[1].title.text, "C");
        assert_eq!(body.sections[1].custom_id.as_deref(), Some("c-id"));
    }

    #[test]
    fn lists_admonitions_tables_and_images() {
        let text = "1. one\n2. two\n   - sub\n\n:::tip Be quick\nInside.\n:::\n\n| a | b |\n|---|---|\n| c | d |\n\n![Alt](img.png)\n";
        let body = parse(text);
        let kinds: Vec<&BlockKind> = body.intro.iter().map(|b| &b.kind).collect();
        let BlockKind::List { ordered, items } = kinds[0] else {
            panic!("{kinds:?}")
        };
        assert!(ordered);
        assert_eq!(items[1].text.text, "two");
        assert_eq!(items[1].blocks.len(), 1);
        let BlockKind::Admonition {
            kind,
            title,
            blocks,
        } = kinds[1]
        else {
            panic!("{kinds:?}")
        };
        assert_eq!(
            (*kind, title.as_ref().map(|t| t.text.as_str())),
            ("tip", Some("Be quick"))
        );
        assert_eq!(blocks.len(), 1);
        let BlockKind::Table { header, rows } = kinds[2] else {
            panic!("{kinds:?}")
        };
        assert_eq!(
            (header[1].text.as_str(), rows[0][0].text.as_str()),
            ("b", "c")
        );
        let BlockKind::Image { src, alt } = kinds[3] else {
            panic!("{kinds:?}")
        };
        assert_eq!(
            (src.as_str(), alt.as_ref().map(|a| a.text.as_str())),
            ("img.png", Some("Alt"))
        );
    }
}
