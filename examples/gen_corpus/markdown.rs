//! Plain Markdown for the peers (mdBook, pandoc): one page per top-level section of a resolved
//! publication, every heading with an explicit `{#id}` so anchors match helpdoc's.

use helpdoc::model::inline::{Inline, placeholder};
use helpdoc::resolve::{
    ResolvedBlock, ResolvedCause, ResolvedItem, ResolvedPublication, ResolvedSection, ResolvedStep,
    ResolvedTopic, TopicBody, anchor_id,
};

/// One page: a file name (`SECTION-ID.md`), its title and its Markdown.
pub struct Page {
    /// The file name.
    pub file: String,
    /// The page title (for `SUMMARY.md`).
    pub title: String,
    /// The Markdown text.
    pub text: String,
}

/// Every page of a publication, in reading order.
pub fn pages(publication: &ResolvedPublication) -> Vec<Page> {
    let writer = Writer { publication };
    publication
        .sections
        .iter()
        .map(|section| Page {
            file: page_file(section),
            title: section.title.clone(),
            text: writer.section(section, 1),
        })
        .collect()
}

fn page_file(section: &ResolvedSection) -> String {
    format!("{}.md", section.id)
}

struct Writer<'a> {
    publication: &'a ResolvedPublication,
}

impl Writer<'_> {
    fn section(&self, section: &ResolvedSection, level: usize) -> String {
        let mut out = heading(level, &escape(&section.title), Some(&section.id));
        push_part(&mut out, &self.blocks(&section.intro));
        for item in &section.items {
            let part = match item {
                ResolvedItem::Topic(topic) => self.topic(topic, level + 1),
                ResolvedItem::Section(child) => self.section(child, level + 1),
            };
            push_part(&mut out, &part);
        }
        push_part(&mut out, &self.blocks(&section.outro));
        out
    }

    fn topic(&self, topic: &ResolvedTopic, level: usize) -> String {
        let mut out = heading(level, &escape(&topic.title), Some(&topic.id));
        if let Some(summary) = &topic.summary {
            push_part(&mut out, &format!("*{}*\n", self.inlines(summary)));
        }
        match &topic.body {
            TopicBody::Prerequisite {
                applies_when,
                body,
                check,
                if_not_met,
            } => {
                self.applies_when(applies_when.as_deref(), &mut out);
                push_part(&mut out, &self.blocks(body));
                if !check.is_empty() {
                    push_part(&mut out, "**How to check:**\n");
                    push_part(&mut out, &self.steps(check));
                }
                if !if_not_met.is_empty() {
                    push_part(&mut out, "**If this is not met:**\n");
                    push_part(&mut out, &self.blocks(if_not_met));
                }
            }
            TopicBody::Concept { answer } => push_part(&mut out, &self.blocks(answer)),
            TopicBody::Procedure {
                applies_when,
                intro,
                steps,
                outro,
            } => {
                self.applies_when(applies_when.as_deref(), &mut out);
                push_part(&mut out, &self.blocks(intro));
                push_part(&mut out, &self.steps(steps));
                push_part(&mut out, &self.blocks(outro));
            }
            TopicBody::Error {
                message,
                code,
                intro,
                causes,
                ..
            } => {
                let code = code
                    .as_deref()
                    .map(|c| format!(" (code {})", code_span(c)))
                    .unwrap_or_default();
                push_part(
                    &mut out,
                    &format!("**Message:** {}{code}\n", code_span(message)),
                );
                push_part(&mut out, &self.blocks(intro));
                for cause in causes {
                    push_part(&mut out, &self.cause(cause, level + 1));
                }
            }
        }
        if let Some(source) = &topic.source {
            push_part(
                &mut out,
                &format!(
                    "Learn more: [{}](<{}>)\n",
                    escape(&source.title),
                    source.url
                ),
            );
        }
        if !topic.see_also.is_empty() {
            push_part(&mut out, "**See also:**\n");
            let items: String = topic
                .see_also
                .iter()
                .map(|(id, title)| format!("- [{}]({})\n", escape(title), self.href(id, None)))
                .collect();
            push_part(&mut out, &items);
        }
        out
    }

    fn applies_when(&self, text: Option<&[Inline]>, out: &mut String) {
        if let Some(text) = text {
            push_part(out, &format!("**Applies when:** {}\n", self.inlines(text)));
        }
    }

    fn cause(&self, cause: &ResolvedCause, level: usize) -> String {
        let title = format!("Cause: {}", self.inlines(&cause.cause));
        let mut out = heading(level, &title, cause.anchor.as_deref());
        push_part(&mut out, &self.blocks(&cause.blocks));
        push_part(&mut out, &self.steps(&cause.steps));
        if let Some((id, title)) = &cause.procedure {
            push_part(
                &mut out,
                &format!("Follow [{}]({}).\n", escape(title), self.href(id, None)),
            );
        }
        out
    }

    fn steps(&self, steps: &[ResolvedStep]) -> String {
        let mut out = String::new();
        for (i, step) in steps.iter().enumerate() {
            let marker = format!("{}. ", i + 1);
            let anchor = step
                .anchor
                .as_deref()
                .map(|a| format!("<a id=\"{a}\"></a>"))
                .unwrap_or_default();
            let mut body = format!("{anchor}{}\n", self.inlines(&step.action));
            push_part(&mut body, &self.blocks(&step.blocks));
            if let Some(result) = &step.result {
                push_part(&mut body, &format!("{}\n", self.inlines(result)));
            }
            push_part(&mut body, &self.steps(&step.substeps));
            for branch in &step.branches {
                push_part(
                    &mut body,
                    &format!(
                        "If {}, go to [{}]({}).\n",
                        self.inlines(&branch.condition),
                        escape(&branch.title),
                        self.href(&branch.go_to, None)
                    ),
                );
            }
            out.push_str(&marker);
            out.push_str(&hang(&body, marker.len()));
            out.push('\n');
        }
        out
    }

    fn blocks(&self, blocks: &[ResolvedBlock]) -> String {
        let mut out = String::new();
        for block in blocks {
            push_part(&mut out, &self.block(block));
        }
        out
    }

    fn block(&self, block: &ResolvedBlock) -> String {
        match block {
            ResolvedBlock::Paragraph(text) => format!("{}\n", self.inlines(text)),
            ResolvedBlock::List { ordered, items, .. } => items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let marker = if *ordered {
                        format!("{}. ", i + 1)
                    } else {
                        "- ".to_string()
                    };
                    format!("{marker}{}\n", hang(&self.inlines(item), marker.len()))
                })
                .collect(),
            ResolvedBlock::Table {
                caption,
                header,
                rows,
                ..
            } => {
                let mut out = caption
                    .as_deref()
                    .map(|c| format!("*{}*\n\n", escape(c)))
                    .unwrap_or_default();
                out.push_str(&self.row(header));
                out.push_str(&format!("|{}\n", "---|".repeat(header.len())));
                for row in rows {
                    out.push_str(&self.row(row));
                }
                out
            }
            ResolvedBlock::Image { path, alt, caption } => {
                let mut out = format!("![{}](img/{path})\n", escape(alt));
                if let Some(caption) = caption {
                    out.push_str(&format!("\n*{}*\n", self.inlines(caption)));
                }
                out
            }
            ResolvedBlock::Admonition {
                kind,
                title,
                blocks,
            } => {
                let title = title.clone().unwrap_or_else(|| {
                    let name = kind.as_str();
                    name[..1].to_uppercase() + &name[1..]
                });
                let inner = format!("**{}**\n\n{}", escape(&title), self.blocks(blocks));
                inner
                    .lines()
                    .map(|line| {
                        if line.is_empty() {
                            ">\n".to_string()
                        } else {
                            format!("> {line}\n")
                        }
                    })
                    .collect()
            }
            ResolvedBlock::Code { language, code } => {
                let fence = "`".repeat(longest_run(code, '`').max(2) + 1);
                let language = language.as_deref().unwrap_or_default();
                format!(
                    "{fence}{language}\n{}\n{fence}\n",
                    code.trim_end_matches('\n')
                )
            }
            // Plain Markdown has no tabs or collapsibles: each pane (and the collapsible's
            // blocks) under its label in bold, as the PDF shows them.
            ResolvedBlock::Tabs { panes, .. } => {
                let mut out = String::new();
                for pane in panes {
                    push_part(&mut out, &format!("**{}**\n", escape(&pane.label)));
                    push_part(&mut out, &self.blocks(&pane.blocks));
                    push_part(&mut out, &self.steps(&pane.steps));
                }
                out
            }
            ResolvedBlock::Collapsible {
                summary, blocks, ..
            } => {
                let mut out = format!("**{}**\n", escape(summary));
                push_part(&mut out, &self.blocks(blocks));
                out
            }
        }
    }

    fn row(&self, cells: &[Vec<Inline>]) -> String {
        let cells: Vec<String> = cells
            .iter()
            .map(|c| self.inlines(c).replace("\\\n", " "))
            .collect();
        format!("| {} |\n", cells.join(" | "))
    }

    fn inlines(&self, inlines: &[Inline]) -> String {
        let mut out = String::new();
        for inline in inlines {
            match inline {
                Inline::Text(text) => out.push_str(&escape(text)),
                Inline::Variable(name) => out.push_str(&escape(&placeholder(name))),
                Inline::Emphasis(c) => out.push_str(&format!("*{}*", self.inlines(c))),
                Inline::Strong(c) => out.push_str(&format!("**{}**", self.inlines(c))),
                Inline::Code(code) => out.push_str(&code_span(code)),
                Inline::Link { url, children } => {
                    out.push_str(&format!("[{}](<{url}>)", self.inlines(children)))
                }
                Inline::SiteLink {
                    route,
                    anchor,
                    children,
                    ..
                } => {
                    let fragment = anchor.as_ref().map(|a| format!("#{a}")).unwrap_or_default();
                    out.push_str(&format!(
                        "[{}](<{route}{fragment}>)",
                        self.inlines(children)
                    ))
                }
                Inline::XRef {
                    topic,
                    anchor,
                    children,
                } => out.push_str(&format!(
                    "[{}]({})",
                    self.inlines(children),
                    self.href(topic, anchor.as_deref())
                )),
                Inline::Lang { lang, children } => out.push_str(&format!(
                    "<span lang=\"{lang}\">{}</span>",
                    self.inlines(children)
                )),
                Inline::LineBreak => out.push_str("\\\n"),
            }
        }
        out
    }

    /// The link to a topic (or an anchor in it) on whichever page holds it.
    fn href(&self, topic: &str, anchor: Option<&str>) -> String {
        let page = self
            .publication
            .page_of(topic)
            .map(|i| page_file(&self.publication.sections[i]))
            .unwrap_or_default();
        format!("{page}#{}", anchor_id(topic, anchor))
    }
}

fn heading(level: usize, text: &str, id: Option<&str>) -> String {
    let hashes = "#".repeat(level.clamp(1, 6));
    match id {
        Some(id) => format!("{hashes} {text} {{#{id}}}\n"),
        None => format!("{hashes} {text}\n"),
    }
}

/// Appends a block-level part, separated from what came before by a blank line.
fn push_part(out: &mut String, part: &str) {
    if part.is_empty() {
        return;
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(part);
}

/// Indents every line after the first by `width` spaces, so it continues a list item.
fn hang(text: &str, width: usize) -> String {
    let pad = " ".repeat(width);
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.trim_end_matches('\n').split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
            if !line.is_empty() {
                out.push_str(&pad);
            }
        }
        out.push_str(line);
    }
    out
}

/// Escapes Markdown punctuation so text stays text.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\`*_[]<>|#{}&!".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn code_span(code: &str) -> String {
    let fence = "`".repeat(longest_run(code, '`') + 1);
    let pad = if code.starts_with('`') || code.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{code}{pad}{fence}")
}

fn longest_run(text: &str, c: char) -> usize {
    let (mut best, mut run) = (0, 0);
    for ch in text.chars() {
        run = if ch == c { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}
