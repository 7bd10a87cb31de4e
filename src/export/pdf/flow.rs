//! Blocks → units of the vertical list: paragraphs with widow/orphan control, headings that keep
//! with what follows, labelled items (steps, list items), admonitions, code and images.

use crate::model::AdmonitionType;
use crate::resolve::{ImageStore, ResolvedBlock};

use super::autolink::autolink;
use super::fonts::{Face, Shaper};
use super::image::{Decoded, decode};
use super::layout::{Frame, Item, Unit, keeps_with_next, line_unit};
use super::linebreak::{Line, LineCache, break_lines};
use super::structure::{NodeId, Numbering, Role, Tree};
use super::text::{Span, Style};
use super::theme::{Rgb, Theme};
use super::topics::PageRefs;

/// Decoded images, shared by every layout pass of a document (decoded once).
#[derive(Default)]
pub struct Images {
    /// The images to embed, in first-use order.
    pub decoded: Vec<Decoded>,
    /// Content path → index in `decoded` (or the decoding error).
    by_path: Vec<(String, Result<usize, String>)>,
    /// Whether images are left undecoded (each is then missing): for a flow that only writes
    /// down the text it would break, where decoding every image again would be wasted.
    undecoded: bool,
}

impl Images {
    /// Images that are never decoded (see [`Breaking::Recorded`]).
    pub fn undecoded() -> Self {
        Images {
            undecoded: true,
            ..Images::default()
        }
    }

    fn get(&mut self, path: &str, store: &ImageStore) -> Result<(usize, &Decoded), String> {
        if self.undecoded {
            return Err(format!("image `{path}` is not decoded"));
        }
        if !self.by_path.iter().any(|(p, _)| p == path) {
            let result = match store.get(path) {
                Some(bytes) => decode(path, bytes).map(|d| {
                    self.decoded.push(d);
                    self.decoded.len() - 1
                }),
                None => Err(format!(
                    "image `{path}` was not found in the content folder"
                )),
            };
            self.by_path.push((path.to_string(), result));
        }
        let result = self
            .by_path
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, r)| r.clone())
            .unwrap_or_else(|| Err(format!("image `{path}` is missing")));
        let index = result?;
        Ok((index, &self.decoded[index]))
    }
}

/// Heading levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Chapter (top-level section), starts a page.
    Chapter,
    /// Topic or nested section.
    Topic,
    /// A part of a topic (a cause, "How to check").
    Part,
    /// A small run-in heading ("Related topics").
    Minor,
}

/// Where a flow gets the lines of its text from.
pub enum Breaking<'a> {
    /// Broken by [`break_text`], once per text and width, into a cache every pass shares.
    Cached(&'a LineCache),
    /// Not broken: each (spans, width) asked for is written down, in order, and answered with
    /// no lines. The widths a flow asks for never depend on the lines it got back (table columns
    /// are measured, not broken), so this lists what a real pass will ask for, at a fraction
    /// of its cost ([`super::prebreak`]).
    Recorded(Vec<(Vec<Span>, f32)>),
}

/// Builds the vertical list.
pub struct Flow<'a> {
    /// Page geometry and colours.
    pub theme: &'a Theme,
    /// The shaper (and its cache).
    pub shaper: &'a mut Shaper,
    /// Lines broken by earlier passes (or the text asked for, when only recording).
    broken: Breaking<'a>,
    store: &'a ImageStore,
    images: &'a mut Images,
    /// The units so far.
    pub units: Vec<Unit>,
    /// Frames the units refer to.
    pub frames: Vec<Frame>,
    /// Images that could not be embedded: (content-relative path, why), each once.
    pub warnings: Vec<(String, String)>,
    /// The structure elements made so far (continued by the next flow of the document).
    pub tree: Tree,
    /// The element new content belongs to.
    node: NodeId,
    x: f32,
    width: f32,
    frame_stack: Vec<usize>,
    pending_space: f32,
    pending_items: Vec<Item>,
    pending_new_page: bool,
    pending_chapter: Option<String>,
    /// Per table (by number): the caption marked "(continued)" and the header row, drawn again
    /// at the top of each page the table continues on.
    pub continued: Vec<Vec<Unit>>,
    /// The page of each anchor from the previous pass, for "(page N)" in steps inside blocks.
    refs: &'a PageRefs,
}

impl<'a> Flow<'a> {
    /// An empty flow over the full text width.
    pub fn new(
        theme: &'a Theme,
        shaper: &'a mut Shaper,
        broken: Breaking<'a>,
        store: &'a ImageStore,
        images: &'a mut Images,
        refs: &'a PageRefs,
    ) -> Self {
        Flow {
            theme,
            shaper,
            broken,
            store,
            images,
            units: Vec::new(),
            frames: Vec::new(),
            warnings: Vec::new(),
            tree: Tree::default(),
            node: Tree::ROOT,
            x: theme.left(),
            width: theme.text_width(),
            frame_stack: Vec::new(),
            pending_space: 0.0,
            pending_items: Vec::new(),
            pending_new_page: false,
            pending_chapter: None,
            continued: Vec::new(),
            refs,
        }
    }

    /// Body text style.
    pub fn body(&self) -> Style {
        Style {
            face: Face::Regular,
            size: self.theme.body_size,
            color: self.theme.text,
        }
    }

    /// The current left edge and width.
    pub fn column(&self) -> (f32, f32) {
        (self.x, self.width)
    }

    /// The page of each anchor from the previous pass.
    pub fn refs(&self) -> &'a PageRefs {
        self.refs
    }

    /// Rich text as spans, cross-references with their page numbers.
    pub fn spans(&self, text: &[crate::model::inline::Inline], base: Style) -> Vec<Span> {
        super::text::spans(text, base, self.theme, self.refs)
    }

    /// The frames new units are drawn in, outermost first.
    pub fn frames_here(&self) -> Vec<usize> {
        self.frame_stack.clone()
    }

    /// Runs `body` inside a new structure element; returns the element.
    pub fn tagged(&mut self, role: Role, body: impl FnOnce(&mut Self)) -> NodeId {
        let node = self.tree.add(self.node, role);
        let saved = std::mem::replace(&mut self.node, node);
        body(self);
        self.node = saved;
        node
    }

    /// Makes `node` the element new content belongs to; returns the one it replaces.
    pub fn enter(&mut self, node: NodeId) -> NodeId {
        std::mem::replace(&mut self.node, node)
    }

    /// Adds a unit, with the pending space, anchors and page break.
    pub fn push(&mut self, mut unit: Unit) {
        unit.items.insert(0, Item::Tag(Some(self.node)));
        unit.space_before = unit.space_before.max(self.pending_space);
        self.pending_space = 0.0;
        unit.frames = self.frame_stack.clone();
        if !self.pending_items.is_empty() {
            let mut items = std::mem::take(&mut self.pending_items);
            items.append(&mut unit.items);
            unit.items = items;
        }
        unit.new_page |= std::mem::take(&mut self.pending_new_page);
        if unit.chapter.is_none() {
            unit.chapter = self.pending_chapter.take();
        }
        self.units.push(unit);
    }

    /// Asks for at least `h` points before the next unit.
    pub fn space(&mut self, h: f32) {
        self.pending_space = self.pending_space.max(h);
    }

    /// Makes the next unit a link destination.
    pub fn anchor(&mut self, id: &str) {
        self.pending_items.push(Item::Anchor {
            id: id.to_string(),
            y: 0.0,
        });
    }

    /// Adds a bookmark that points at the next anchor.
    pub fn outline(&mut self, level: usize, title: &str, anchor: &str) {
        self.pending_items.push(Item::Outline {
            level,
            title: title.to_string(),
            anchor: anchor.to_string(),
        });
    }

    /// Starts the next unit on a new page, under a new running-header chapter title.
    pub fn new_page(&mut self, chapter: Option<String>) {
        self.end_chapter();
        self.pending_new_page = true;
        self.pending_chapter = chapter;
        self.pending_space = 0.0;
    }

    /// Keeps the last unit with the next one.
    pub fn keep_with_next(&mut self) {
        if let Some(last) = self.units.last_mut() {
            last.keep_with_next = true;
        }
    }

    /// Keeps the units from `from` on together and with the next one (an error's heading and
    /// message box with its first cause, a procedure's introduction with its first step), when
    /// they take at most a third of a page; a longer run keeps only its end with the next unit,
    /// rather than leaving most of a page blank.
    pub fn keep_together(&mut self, from: usize) {
        let page = self.theme.body_bottom() - self.theme.body_top();
        let run = self.units.get(from..).unwrap_or_default();
        let height: f32 = run.iter().map(|u| u.space_before + u.height).sum();
        if height <= page / 3.0 {
            for unit in self.units.iter_mut().skip(from) {
                unit.keep_with_next = true;
            }
        } else {
            self.keep_with_next();
        }
    }

    /// Ends a chapter (or the document): its last two units stay together, so its last page
    /// never holds a lone line or a lone related-topics bullet.
    pub fn end_chapter(&mut self) {
        if let Some(n) = self.units.len().checked_sub(2) {
            self.units[n].keep_with_next = true;
        }
    }

    /// Breaks spans into lines at `width` (see [`break_text`]), or only writes them down.
    pub fn lines(&mut self, spans: &[Span], width: f32) -> Vec<Line> {
        match &mut self.broken {
            Breaking::Cached(cache) => {
                let shaper = &mut *self.shaper;
                cache.lines(spans, width, || break_text(spans, width, shaper))
            }
            Breaking::Recorded(wanted) => {
                wanted.push((spans.to_vec(), width));
                Vec::new()
            }
        }
    }

    /// The text asked for so far by a recording flow, in order (empty for any other flow).
    pub fn take_recorded(&mut self) -> Vec<(Vec<Span>, f32)> {
        match &mut self.broken {
            Breaking::Recorded(wanted) => std::mem::take(wanted),
            Breaking::Cached(_) => Vec::new(),
        }
    }

    /// Lays out text as one unit per line, with no single line of a paragraph left alone at
    /// the bottom (orphan) or top (widow) of a page; a lead-in stays with what follows. Returns
    /// how many units it added.
    pub fn text(&mut self, spans: &[Span], size: f32, leading: f32) -> usize {
        let lines = self.lines(spans, self.width);
        let n = lines.len();
        for (i, line) in lines.into_iter().enumerate() {
            let mut unit = line_unit(line, self.x, size * leading, size);
            unit.keep_with_next = keeps_with_next(i, n);
            self.push(unit);
        }
        if is_lead_in(spans) {
            self.keep_with_next();
        }
        n
    }

    /// A body paragraph.
    pub fn paragraph(&mut self, spans: &[Span]) {
        self.space(self.theme.body_size * 0.6);
        let size = self.theme.body_size;
        self.tagged(Role::P, |flow| {
            flow.text(spans, size, flow.theme.leading);
        });
    }

    /// A heading: kept with what follows; chapters start a page and get a rule.
    pub fn heading(&mut self, level: Level, text: Vec<Span>, anchor: Option<&str>) {
        let base = self.theme.body_size;
        let (size, space, color) = match level {
            Level::Chapter => (base * 2.1, 0.0, self.theme.accent),
            Level::Topic => (base * 1.45, base * 2.0, self.theme.accent),
            Level::Part => (base * 1.15, base * 1.3, self.theme.text),
            Level::Minor => (base, base * 1.0, self.theme.text),
        };
        let styled: Vec<Span> = text
            .into_iter()
            .map(|mut s| {
                s.style = Style {
                    face: if s.style.face == Face::Mono {
                        Face::Mono
                    } else {
                        Face::Bold
                    },
                    size,
                    color: if s.link.is_some() {
                        s.style.color
                    } else {
                        color
                    },
                };
                s
            })
            .collect();
        self.space(space);
        if let Some(anchor) = anchor {
            self.anchor(anchor);
        }
        // Chapters and topics head their own `Sect`; parts of a topic are one level below it.
        let sections = self.tree.depth(self.node);
        let rank = match level {
            Level::Chapter | Level::Topic => sections,
            Level::Part | Level::Minor => sections + 1,
        };
        let heading = self.tree.add(
            self.node,
            Role::H(u8::try_from(rank.clamp(1, 6)).unwrap_or(6)),
        );
        let saved = self.enter(heading);
        let lines = self.lines(&styled, self.width);
        let n = lines.len();
        for (i, line) in lines.into_iter().enumerate() {
            let mut unit = line_unit(line, self.x, size * 1.25, size);
            unit.keep_with_next = true;
            if level == Level::Chapter && i + 1 == n {
                unit.height += 10.0;
                unit.items.push(Item::Rect {
                    x: self.x,
                    y: size * 1.25 + 4.0,
                    w: self.width,
                    h: 1.2,
                    fill: Some(self.theme.accent),
                    stroke: None,
                });
            }
            self.push(unit);
        }
        self.enter(saved);
        self.space(base * if level == Level::Chapter { 1.2 } else { 0.3 });
    }

    /// Runs `body` indented by `left` (and `right`) points.
    pub fn indented(&mut self, left: f32, right: f32, body: impl FnOnce(&mut Self)) {
        let saved = (self.x, self.width);
        self.x += left;
        self.width = (self.width - left - right).max(20.0);
        body(self);
        (self.x, self.width) = saved;
    }

    /// Runs `body` with a hanging label (a step number, a bullet) beside its first line: a
    /// list item (`LI`) of the enclosing list, with its `Lbl` and `LBody`.
    pub fn labelled(&mut self, label: Vec<Span>, indent: f32, body: impl FnOnce(&mut Self)) {
        let start = self.units.len();
        let x = self.x;
        let mut lbl = Tree::ROOT;
        self.tagged(Role::LI, |flow| {
            lbl = flow.tree.add(flow.node, Role::Lbl);
            flow.tagged(Role::LBody, |flow| flow.indented(indent, 0.0, body));
        });
        let mut lines = self.lines(&label, indent + 40.0);
        let Some(line) = lines.drain(..).next() else {
            return;
        };
        let Some(unit) = self.units.get_mut(start) else {
            return;
        };
        let baseline = unit
            .items
            .iter()
            .find_map(|item| match item {
                Item::Text { baseline, .. } => Some(*baseline),
                _ => None,
            })
            .unwrap_or(unit.height * 0.75);
        // Drawn first, so the label is read before the item's text.
        unit.items.splice(
            0..0,
            [Item::Tag(Some(lbl)), Item::Text { x, baseline, line }],
        );
    }

    /// Renders blocks in order.
    pub fn blocks(&mut self, blocks: &[ResolvedBlock]) {
        for block in blocks {
            self.block(block);
        }
    }

    fn block(&mut self, block: &ResolvedBlock) {
        let body = self.body();
        match block {
            ResolvedBlock::Paragraph(text) => {
                let s = self.spans(text, body);
                self.paragraph(&s);
            }
            ResolvedBlock::List {
                ordered,
                columns,
                items,
            } => {
                let in_columns =
                    columns.is_some_and(|n| super::columns::list(self, *ordered, n, items));
                if !in_columns {
                    self.list(*ordered, items);
                }
            }
            ResolvedBlock::Image { path, alt, caption } => {
                self.image(path, alt, caption.as_deref())
            }
            ResolvedBlock::Admonition {
                kind,
                title,
                blocks,
            } => self.admonition(*kind, title.as_deref(), blocks),
            ResolvedBlock::Code { code, .. } => {
                self.tagged(Role::Code, |flow| flow.code(code));
            }
            ResolvedBlock::Table {
                caption,
                header,
                row_headers,
                rows,
            } => super::table::table(self, caption.as_deref(), header, *row_headers, rows),
            ResolvedBlock::Tabs { panes, .. } => {
                // Paper cannot switch tabs: every pane, one after another, under its label.
                for pane in panes {
                    self.group(&pane.label, |flow| {
                        flow.blocks(&pane.blocks);
                        if !pane.steps.is_empty() {
                            let refs = flow.refs;
                            super::topics::steps(flow, &pane.steps, 0, refs);
                        }
                    });
                }
            }
            ResolvedBlock::Collapsible {
                summary, blocks, ..
            } => self.group(summary, |flow| flow.blocks(blocks)),
        }
    }

    /// A labelled group (a tab pane, an expanded collapsible): a `Div` whose first paragraph is
    /// the bold label, beside a bar in the accent colour, then what `body` adds.
    fn group(&mut self, label: &str, body: impl FnOnce(&mut Self)) {
        let size = self.theme.body_size;
        let accent = self.theme.accent;
        self.space(size * 0.8);
        let frame = Frame {
            x: 0.0,
            w: 0.0,
            fill: None,
            border: None,
            bar: Some(accent.tint(0.5)),
        };
        self.tagged(Role::Div, |flow| {
            flow.framed(frame, (12.0, 2.0, 2.0), |flow| {
                let style = Style {
                    face: Face::Bold,
                    size,
                    color: accent,
                };
                flow.tagged(Role::P, |flow| {
                    flow.text(&[Span::new(label.trim(), style)], size, flow.theme.leading);
                });
                flow.keep_with_next();
                body(flow);
            })
        });
        self.space(size * 0.8);
    }

    /// A bulleted or numbered list, one labelled item after another.
    fn list(&mut self, ordered: bool, items: &[crate::resolve::Text]) {
        let body = self.body();
        self.space(body.size * 0.5);
        let numbering = if ordered {
            Numbering::Decimal
        } else {
            Numbering::Disc
        };
        self.tagged(Role::L(numbering), |flow| {
            for (i, item) in items.iter().enumerate() {
                let label = if ordered {
                    Span::new(format!("{}.", i + 1), body)
                } else {
                    Span::new("•", body.with_color(flow.theme.accent))
                };
                let s = flow.spans(item, body);
                flow.space(body.size * 0.25);
                flow.labelled(vec![label], body.size * 1.4, |flow| {
                    flow.text(&s, body.size, flow.theme.leading);
                });
                if keeps_with_next(i, items.len()) {
                    flow.keep_with_next();
                }
            }
        });
    }

    /// Opens a frame around the units `body` adds, with inner padding.
    pub fn framed(&mut self, frame: Frame, pad: (f32, f32, f32), body: impl FnOnce(&mut Self)) {
        let (pad_x, pad_top, pad_bottom) = pad;
        self.frames.push(Frame {
            x: self.x,
            w: self.width,
            ..frame
        });
        self.frame_stack.push(self.frames.len() - 1);
        self.push(Unit {
            height: pad_top,
            keep_with_next: true,
            ..Unit::default()
        });
        self.indented(pad_x, pad_x, body);
        self.keep_with_next();
        self.pending_space = 0.0;
        self.push(Unit {
            height: pad_bottom,
            ..Unit::default()
        });
        self.frame_stack.pop();
    }

    fn admonition(&mut self, kind: AdmonitionType, title: Option<&str>, blocks: &[ResolvedBlock]) {
        let color = match kind {
            AdmonitionType::Note => Rgb(0.20, 0.40, 0.65),
            AdmonitionType::Tip => Rgb(0.13, 0.52, 0.30),
            AdmonitionType::Info => Rgb(0.04, 0.40, 0.47),
            AdmonitionType::Caution => Rgb(0.80, 0.52, 0.05),
            AdmonitionType::Warning => Rgb(0.75, 0.16, 0.16),
            AdmonitionType::Danger => Rgb(0.62, 0.08, 0.28),
        };
        let default_title = kind.label();
        let size = self.theme.body_size;
        self.space(size * 0.9);
        let frame = Frame {
            x: 0.0,
            w: 0.0,
            fill: Some(color.tint(0.92)),
            border: None,
            bar: Some(color),
        };
        // A `Div` whose first paragraph is the title.
        self.tagged(Role::Div, |flow| {
            flow.framed(frame, (12.0, 5.0, 7.0), |flow| {
                let style = Style {
                    face: Face::Bold,
                    size: size * 0.95,
                    color,
                };
                let title = Span::new(title.unwrap_or(default_title), style);
                flow.tagged(Role::P, |flow| {
                    flow.text(&[title], size * 0.95, 1.5);
                });
                flow.keep_with_next();
                let before = flow.units.len();
                flow.blocks(blocks);
                // The first block sits right under the title.
                if let Some(first) = flow.units.get_mut(before) {
                    first.space_before = size * 0.15;
                }
            })
        });
        self.space(size * 0.9);
    }

    fn code(&mut self, code: &str) {
        let size = self.theme.body_size * 0.85;
        self.space(self.theme.body_size * 0.7);
        let frame = Frame {
            x: 0.0,
            w: 0.0,
            fill: Some(Rgb(0.965, 0.965, 0.97)),
            border: Some(Rgb(0.85, 0.86, 0.88)),
            bar: None,
        };
        let style = Style {
            face: Face::Mono,
            size,
            color: self.theme.text,
        };
        self.framed(frame, (8.0, 5.0, 5.0), |flow| {
            let source = code.trim_end_matches('\n');
            let rows: Vec<&str> = source.split('\n').collect();
            let total = rows.len();
            for (i, row) in rows.into_iter().enumerate() {
                let lines = flow.lines(&[Span::new(row, style)], flow.width);
                let n = lines.len();
                if n == 0 {
                    flow.push(Unit {
                        height: size * 1.4,
                        ..Unit::default()
                    });
                }
                for (j, line) in lines.into_iter().enumerate() {
                    let mut unit = line_unit(line, flow.x, size * 1.4, size);
                    // Keep a short code block whole, and never leave one line alone.
                    unit.keep_with_next = total <= 6 || i == 0 || i + 2 >= total || j + 1 < n;
                    flow.push(unit);
                }
            }
        });
        self.space(self.theme.body_size * 0.7);
    }

    fn image(&mut self, path: &str, alt: &str, caption: Option<&[crate::model::inline::Inline]>) {
        let body = self.body();
        self.space(body.size);
        let max_height = (self.theme.body_bottom() - self.theme.body_top()) * 0.6;
        match self.images.get(path, self.store) {
            Ok((index, decoded)) => {
                let aspect = decoded.height as f32 / decoded.width as f32;
                let mut w = self.width;
                let mut h = w * aspect;
                if h > max_height {
                    h = max_height;
                    w = h / aspect;
                }
                let unit = Unit {
                    height: h,
                    items: vec![Item::Image {
                        x: self.x,
                        y: 0.0,
                        w,
                        h,
                        image: index,
                        alt: alt.to_string(),
                    }],
                    keep_with_next: caption.is_some(),
                    ..Unit::default()
                };
                self.tagged(Role::Figure(alt.to_string()), |flow| flow.push(unit));
            }
            Err(message) => {
                let warning = (path.to_string(), message);
                if !self.warnings.contains(&warning) {
                    self.warnings.push(warning);
                }
                let style = body.with_face(Face::Italic).with_color(self.theme.muted);
                let frame = Frame {
                    x: 0.0,
                    w: 0.0,
                    fill: None,
                    border: Some(self.theme.muted.tint(0.5)),
                    bar: None,
                };
                self.framed(frame, (8.0, 6.0, 6.0), |flow| {
                    flow.tagged(Role::P, |flow| {
                        flow.text(
                            &[Span::new(format!("[Image: {alt}]"), style)],
                            body.size,
                            1.4,
                        );
                    });
                });
                if caption.is_some() {
                    self.keep_with_next();
                }
            }
        }
        if let Some(caption) = caption {
            let style = Style {
                face: Face::Italic,
                size: body.size * 0.9,
                color: self.theme.muted,
            };
            let s = self.spans(caption, style);
            self.space(4.0);
            self.tagged(Role::Caption, |flow| {
                flow.text(&s, style.size, 1.35);
            });
        }
        self.space(body.size);
    }
}

/// Whether text is a lead-in: it ends with a colon ("Go to Company > Admin, and then:"), so it
/// introduces what follows and must not end a page.
fn is_lead_in(spans: &[Span]) -> bool {
    spans
        .iter()
        .rev()
        .flat_map(|span| span.text.chars().rev())
        .find(|c| !c.is_whitespace())
        == Some(':')
}

/// Breaks spans into lines at `width`, bare addresses becoming links. In a text with words in
/// another language, the other words go in plain `Span` elements too (an empty `lang`): the
/// element's text is then all in child elements, which readers and checkers take in order (its
/// own content would otherwise come before its children's).
pub fn break_text(spans: &[Span], width: f32, shaper: &mut Shaper) -> Vec<Line> {
    let mut spans = autolink(spans);
    if spans.iter().any(|s| s.lang.is_some()) {
        for span in spans.iter_mut().filter(|s| s.lang.is_none()) {
            span.lang = Some(String::new());
        }
    }
    break_lines(&spans, width, shaper)
}
