//! Renders parsed rich text ([`Inline`]) as MDX-safe Markdown inline content.

use std::borrow::Cow;

use crate::model::inline::{Inline, placeholder};

use super::context::Page;
use super::escape;

/// Where the inline content goes, which decides how a line break is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A paragraph or list item: a hard break (`\` at the end of the line); the result may hold
    /// several lines.
    Flow,
    /// A heading or admonition title: one line, breaks become spaces.
    Line,
    /// A GFM table cell: one line, breaks become `<br />`, `|` is escaped inside code too.
    Cell,
}

/// Renders inline content that starts a line (a paragraph, a list item, a cell).
pub fn render(inlines: &[Inline], mode: Mode, page: &Page<'_>) -> String {
    let mut writer = Writer {
        out: String::new(),
        at_line_start: mode == Mode::Flow,
        mode,
        page,
    };
    writer.nodes(&coalesce(inlines), None);
    let mut out = writer.out;
    strip_trailing_breaks(&mut out);
    out
}

/// Removes hard breaks at the end: there a `\` would print as a backslash, or a closing
/// delimiter would start the next line.
fn strip_trailing_breaks(text: &mut String) {
    while text.ends_with("\\\n") {
        text.truncate(text.len() - 2);
    }
}

/// Renders plain (non-rich) text the same way, e.g. a title or a caption.
pub fn plain(text: &str, mode: Mode, page: &Page<'_>) -> String {
    render(&[Inline::Text(text.to_string())], mode, page)
}

/// Adjacent text nodes (the resolver leaves some when it unlinks a reference) merged, so escaping
/// sees each character's real neighbours.
fn coalesce(inlines: &[Inline]) -> Vec<Cow<'_, Inline>> {
    let mut out: Vec<Cow<'_, Inline>> = Vec::with_capacity(inlines.len());
    for inline in inlines {
        if let (Inline::Text(next), Some(last)) = (inline, out.last_mut())
            && let Inline::Text(previous) = last.as_ref()
        {
            *last = Cow::Owned(Inline::Text(format!("{previous}{next}")));
            continue;
        }
        out.push(Cow::Borrowed(inline));
    }
    out
}

struct Writer<'p, 'a> {
    out: String,
    at_line_start: bool,
    mode: Mode,
    page: &'p Page<'a>,
}

impl Writer<'_, '_> {
    /// Writes nodes; `after` is the first character the caller writes after them.
    fn nodes(&mut self, nodes: &[Cow<'_, Inline>], after: Option<char>) {
        for (i, node) in nodes.iter().enumerate() {
            let next = nodes.get(i + 1).map_or(after, |n| self.first_char(n));
            self.node(node, next);
        }
    }

    /// The first character a node writes (what the text before it must not combine with).
    fn first_char(&self, node: &Inline) -> Option<char> {
        match node {
            Inline::Text(t) => t.chars().next(),
            Inline::Variable(_) => Some('{'),
            Inline::Emphasis(_) | Inline::Strong(_) => Some('*'),
            Inline::Code(_) => Some('`'),
            Inline::Link { .. } | Inline::SiteLink { .. } | Inline::XRef { .. } => Some('['),
            Inline::Lang { .. } => Some('<'),
            Inline::LineBreak => Some(match self.mode {
                Mode::Flow => '\\',
                Mode::Line => ' ',
                Mode::Cell => '<',
            }),
        }
    }

    fn node(&mut self, node: &Inline, next: Option<char>) {
        match node {
            Inline::Text(text) => {
                let escaped = escape::text(text, self.at_line_start, next);
                self.push(&escaped);
            }
            // Filled by resolving; shown as written otherwise.
            Inline::Variable(name) => {
                let escaped = escape::text(&placeholder(name), self.at_line_start, next);
                self.push(&escaped);
            }
            Inline::Code(code) => {
                let span = escape::code_span(code, self.mode == Mode::Cell);
                self.push(&span);
            }
            Inline::Emphasis(children) => self.delimited("*", children),
            Inline::Strong(children) => self.delimited("**", children),
            Inline::Link { url, children } => self.link(children, &escape::url(url), url),
            // The route, not the absolute address: Docusaurus routes it and checks it exists.
            Inline::SiteLink {
                route,
                anchor,
                children,
                ..
            } => {
                let target = match anchor {
                    Some(anchor) => format!("{route}#{anchor}"),
                    None => route.clone(),
                };
                self.link(children, &escape::url(&target), &target);
            }
            Inline::XRef {
                topic,
                anchor,
                children,
            } => match self.page.href(topic, anchor.as_deref()) {
                Some(href) => {
                    let fallback = self.page.topic_title(topic).unwrap_or(topic).to_string();
                    self.link(children, &href, &fallback);
                }
                None => self.nodes(&coalesce(children), next),
            },
            // JSX, which MDX reads with the Markdown inside it; the tag is letters, digits and `-`.
            Inline::Lang { lang, children } => {
                let inner = self.nested(children, Some('<'));
                self.push(&format!(
                    "<span lang=\"{}\">{inner}</span>",
                    escape::attribute(lang)
                ));
            }
            Inline::LineBreak => self.line_break(),
        }
    }

    fn push(&mut self, text: &str) {
        if !text.is_empty() {
            self.out.push_str(text);
            self.at_line_start = false;
        }
    }

    /// `*…*` or `**…**`, with surrounding whitespace moved outside the delimiters (inside, it
    /// would stop them from opening or closing).
    fn delimited(&mut self, delimiter: &str, children: &[Inline]) {
        let was_at_line_start = self.at_line_start;
        let mut inner = self.nested(children, delimiter.chars().next());
        strip_trailing_breaks(&mut inner);
        let body = inner.trim_matches([' ', '\t']);
        let leading = &inner[..inner.len() - inner.trim_start_matches([' ', '\t']).len()];
        if !was_at_line_start {
            self.out.push_str(leading);
        }
        if body.is_empty() {
            return;
        }
        self.push(&format!("{delimiter}{body}{delimiter}"));
        self.out
            .push_str(&inner[inner.trim_end_matches([' ', '\t']).len()..]);
    }

    /// `[text](target)`; without text, `fallback` is shown.
    fn link(&mut self, children: &[Inline], target: &str, fallback: &str) {
        let mut text = self.nested(children, Some(']'));
        strip_trailing_breaks(&mut text);
        if text.trim().is_empty() {
            text = escape::text(fallback, false, Some(']'));
        }
        self.push(&format!("[{text}]({target})"));
    }

    /// Renders children into a separate string (they never start a line: a delimiter or `[`
    /// comes first).
    fn nested(&mut self, children: &[Inline], after: Option<char>) -> String {
        let outer = std::mem::take(&mut self.out);
        self.at_line_start = false;
        self.nodes(&coalesce(children), after);
        std::mem::replace(&mut self.out, outer)
    }

    fn line_break(&mut self) {
        match self.mode {
            Mode::Line => self.push(" "),
            Mode::Cell => self.push("<br />"),
            Mode::Flow => {
                // Nothing to break at the start of a line.
                if self.at_line_start || self.out.is_empty() {
                    return;
                }
                let trimmed = self.out.trim_end_matches([' ', '\t']).len();
                self.out.truncate(trimmed);
                self.out.push_str("\\\n");
                self.at_line_start = true;
            }
        }
    }
}
