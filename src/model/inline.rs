//! Parses rich text (a small Markdown subset) into a safe inline tree, once, with pulldown-cmark.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::url::has_allowed_scheme;

/// One inline element of parsed rich text. Exporters render these; they never see raw Markdown.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Inline {
    /// Plain text (to be escaped by every exporter).
    Text(String),
    /// `*emphasis*`: screen, section and pop-up names.
    Emphasis(Vec<Inline>),
    /// `**strong**`: things the user clicks or fills in.
    Strong(Vec<Inline>),
    /// `` `code` ``: values and exact strings.
    Code(String),
    /// An external link (http, https or mailto only).
    Link {
        /// The checked address.
        url: String,
        /// The link text.
        children: Vec<Inline>,
    },
    /// A cross-reference to a topic (and optionally an anchor in it): `[text](topic:ID#ANCHOR)`.
    #[serde(rename = "xref")]
    XRef {
        /// The target topic id.
        topic: String,
        /// The anchor inside the target topic.
        anchor: Option<String>,
        /// The link text.
        children: Vec<Inline>,
    },
    /// A link to a page of the same docs site outside the content set, by its route from the
    /// site's root: `[FAQ](/faq)` or `[billing](/faq#billing)`. `check` holds the route to those
    /// declared under `[site] routes`; Markdown links the route (Docusaurus routes and checks it),
    /// the other formats the absolute `url` that resolving fills in.
    SiteLink {
        /// The route, starting with one `/` (no fragment).
        route: String,
        /// The fragment after `#`, if any.
        anchor: Option<String>,
        /// The absolute address (the site's origin + route + fragment); set by resolving when
        /// `[site] base_url` is, `None` in parsed text.
        url: Option<String>,
        /// The link text.
        children: Vec<Inline>,
    },
    /// Words in another language than the document's: `[Bonjour](lang:fr)`. Readers mark it
    /// (`lang` in HTML, `/Lang` in the PDF) so screen readers speak it in that language.
    Lang {
        /// The BCP 47 language tag, as written (checked by [`crate::text::language::check`]).
        lang: String,
        /// The words.
        children: Vec<Inline>,
    },
    /// A line break inside the text.
    LineBreak,
    /// A `{{name}}` placeholder: resolving fills it with the publication's value of the
    /// variable `name` (exporters never see one).
    Variable(String),
}

/// A variable's placeholder as written: `{{name}}` (how a variable node reads where it is not
/// filled).
pub fn placeholder(name: &str) -> String {
    format!("{{{{{name}}}}}")
}

/// Why a piece of rich text was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlineProblem {
    /// Diagnostic code (`raw-html`, `unsafe-link`, `rich-text`).
    pub code: &'static str,
    /// Byte range inside the rich-text string.
    pub range: Range<usize>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: String,
}

/// A cross-reference found in rich text, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XRefSite {
    /// Target topic id.
    pub topic: String,
    /// Target anchor.
    pub anchor: Option<String>,
    /// The link's visible text.
    pub text: String,
    /// Byte range of the whole link in the rich-text string.
    pub range: Range<usize>,
}

/// A site link found in rich text, with where it is (for checking its route).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteLinkSite {
    /// The route (no fragment).
    pub route: String,
    /// Byte range of the whole link in the rich-text string.
    pub range: Range<usize>,
}

/// A `{{name}}` placeholder found in rich text, with where it is (for checking its name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariableSite {
    /// The variable's name.
    pub name: String,
    /// Byte range of `{{name}}` in the rich-text string.
    pub range: Range<usize>,
}

/// A piece of text split at its `{{name}}` placeholders (see [`split_variables`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'t> {
    /// Text as written.
    Text(&'t str),
    /// The name inside one `{{name}}`.
    Variable(&'t str),
}

/// Whether a character may be part of a variable name: letters, digits, `_`, `-` and `.`.
fn name_char(c: char) -> bool {
    c.is_alphanumeric() || "_-.".contains(c)
}

/// Splits text at its `{{name}}` placeholders, in order: the one definition of the placeholder
/// syntax (a name of letters, digits, `_`, `-` and `.` between `{{` and `}}`), shared by the
/// rich-text parser and by filling plain-text fields such as titles. Anything else (`{{ x }}`,
/// `{{` alone) stays text.
pub fn split_variables<'t>(text: &'t str, mut emit: impl FnMut(Piece<'t>)) {
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        let after = &rest[open + 2..];
        let name_len = after.find(|c: char| !name_char(c)).unwrap_or(after.len());
        if name_len > 0 && after[name_len..].starts_with("}}") {
            if open > 0 {
                emit(Piece::Text(&rest[..open]));
            }
            emit(Piece::Variable(&after[..name_len]));
            rest = &after[name_len + 2..];
        } else {
            emit(Piece::Text(&rest[..open + 1]));
            rest = &rest[open + 1..];
        }
    }
    if !rest.is_empty() {
        emit(Piece::Text(rest));
    }
}

/// Turns every `{{name}}` in the tree's text nodes into a [`Inline::Variable`] node (text split
/// by the parser's events is joined first, so a placeholder is found wherever it sits).
fn split_variable_nodes(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut out = Vec::with_capacity(inlines.len());
    for inline in inlines {
        match inline {
            Inline::Text(text) if text.contains("{{") => {
                let mut buffer = String::new();
                split_variables(&text, |piece| match piece {
                    Piece::Text(t) => buffer.push_str(t),
                    Piece::Variable(name) => {
                        if !buffer.is_empty() {
                            out.push(Inline::Text(std::mem::take(&mut buffer)));
                        }
                        out.push(Inline::Variable(name.to_string()));
                    }
                });
                if !buffer.is_empty() {
                    out.push(Inline::Text(buffer));
                }
            }
            Inline::Emphasis(c) => out.push(Inline::Emphasis(split_variable_nodes(c))),
            Inline::Strong(c) => out.push(Inline::Strong(split_variable_nodes(c))),
            Inline::Link { url, children } => out.push(Inline::Link {
                url,
                children: split_variable_nodes(children),
            }),
            Inline::SiteLink {
                route,
                anchor,
                url,
                children,
            } => out.push(Inline::SiteLink {
                route,
                anchor,
                url,
                children: split_variable_nodes(children),
            }),
            Inline::XRef {
                topic,
                anchor,
                children,
            } => out.push(Inline::XRef {
                topic,
                anchor,
                children: split_variable_nodes(children),
            }),
            Inline::Lang { lang, children } => out.push(Inline::Lang {
                lang,
                children: split_variable_nodes(children),
            }),
            other => out.push(other),
        }
    }
    out
}

/// The placeholders of a parsed tree, each located at the next `{{name}}` in the source.
fn variable_sites(inlines: &[Inline], source: &str, from: &mut usize, out: &mut Vec<VariableSite>) {
    for inline in inlines {
        match inline {
            Inline::Variable(name) => {
                let written = placeholder(name);
                let at = source[*from..].find(&written).map_or(*from, |i| *from + i);
                let end = (at + written.len()).min(source.len());
                out.push(VariableSite {
                    name: name.clone(),
                    range: at..end,
                });
                *from = end;
            }
            Inline::Emphasis(c)
            | Inline::Strong(c)
            | Inline::Link { children: c, .. }
            | Inline::SiteLink { children: c, .. }
            | Inline::XRef { children: c, .. }
            | Inline::Lang { children: c, .. } => variable_sites(c, source, from, out),
            _ => {}
        }
    }
}

/// The result of parsing one rich-text string.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedInline {
    /// The safe tree.
    pub inlines: Vec<Inline>,
    /// Cross-references, for reference checking.
    pub xrefs: Vec<XRefSite>,
    /// Site links, for checking their routes.
    pub site_links: Vec<SiteLinkSite>,
    /// `{{name}}` placeholders, for checking their names.
    pub variables: Vec<VariableSite>,
    /// Everything refused.
    pub problems: Vec<InlineProblem>,
    /// Byte ranges that readers see as prose: the text outside code spans, link targets, HTML
    /// and escapes (all of it when it has no Markdown punctuation). Prose rules read these.
    pub prose: Vec<Range<usize>>,
}

/// The problem code of a link target holding a bidi control or zero-width character (reported
/// by the `invisible-character` content rule).
pub const INVISIBLE_CHARACTER: &str = "invisible-character";

/// The link target that marks words in another language: `[Bonjour](lang:fr)`.
pub const LANG_PREFIX: &str = "lang:";

/// The problem code of a language span whose tag is not a BCP 47 language tag.
pub const LANGUAGE_TAG: &str = "language-tag";

/// The deepest nesting of emphasis, strong and links kept in the tree. Deeper formatting is
/// refused and kept as its text, so every walk over the tree (exporters recurse) stays shallow.
pub const MAX_NESTING: usize = 16;

/// Characters that can make rich text more than one run of prose; without any of them the whole
/// text is prose.
const MARKUP: [char; 12] = ['`', '[', ']', '<', '>', '&', '\\', '*', '_', '!', '#', '\n'];

/// Parses rich text. Never fails: refused constructs become problems and their text is kept as text.
pub fn parse_inline(source: &str) -> ParsedInline {
    let parsed = if is_plain_prose(source) {
        ParsedInline {
            inlines: vec![Inline::Text(source.to_string())],
            prose: std::iter::once(0..source.len()).collect(),
            ..ParsedInline::default()
        }
    } else {
        parse_markdown(source)
    };
    with_variables(parsed, source)
}

/// Makes the `{{name}}` placeholders of a parse variable nodes, and lists them.
fn with_variables(mut parsed: ParsedInline, source: &str) -> ParsedInline {
    if source.contains("{{") {
        parsed.inlines = split_variable_nodes(std::mem::take(&mut parsed.inlines));
        variable_sites(&parsed.inlines, source, &mut 0, &mut parsed.variables);
    }
    parsed
}

/// Whether `source` is one line of prose that Markdown leaves as it is: it starts with a letter
/// (no block marker, list number or indent), ends with no white space (which a paragraph drops),
/// and holds no Markdown punctuation or control character. Most texts are; parsing them with
/// pulldown-cmark gives one text node equal to the source, so they skip it (a unit test holds the
/// two to the same answer).
fn is_plain_prose(source: &str) -> bool {
    source.chars().next().is_some_and(char::is_alphabetic)
        && !source.chars().next_back().is_some_and(char::is_whitespace)
        && !source.contains(|c: char| MARKUP.contains(&c) || c.is_control())
}

/// Parses rich text with pulldown-cmark (see [`parse_inline`]).
fn parse_markdown(source: &str) -> ParsedInline {
    let mut out = ParsedInline::default();
    let whole_is_prose = !source.contains(MARKUP);
    // Children under construction: (tag, start offset, children).
    let mut stack: Vec<(Frame, Range<usize>, Vec<Inline>)> =
        vec![(Frame::Root, 0..source.len(), Vec::new())];
    // How many frames on the stack build a nested node, and whether too deep was reported.
    let mut nesting = 0;
    let mut too_deep = false;
    let parser = Parser::new_ext(source, Options::empty()).into_offset_iter();
    for (event, range) in parser {
        match event {
            Event::Start(tag) => {
                let frame = match tag {
                    Tag::Paragraph => {
                        // A blank line inside rich text separates paragraphs: keep it as a break.
                        if !stack[0].2.is_empty() {
                            push(&mut stack, Inline::LineBreak);
                        }
                        continue;
                    }
                    Tag::Emphasis => Frame::Emphasis,
                    Tag::Strong => Frame::Strong,
                    Tag::Link {
                        link_type,
                        dest_url,
                        ..
                    } => link_frame(&dest_url, link_type, &range, &mut out.problems),
                    Tag::Image { .. } => {
                        out.problems.push(problem(
                            "rich-text",
                            range.clone(),
                            "images are not allowed inside rich text",
                            "use an `image` block with `src` and `alt` instead",
                        ));
                        Frame::Dropped
                    }
                    other => {
                        out.problems.push(problem(
                            "rich-text",
                            range.clone(),
                            format!("{} is not allowed inside rich text", describe_block(&other)),
                            "rich text holds inline formatting only; use a `list`, `table` or `code` block for structure",
                        ));
                        Frame::Transparent
                    }
                };
                let frame = if frame.nests() && nesting >= MAX_NESTING {
                    if !too_deep {
                        too_deep = true;
                        out.problems.push(problem(
                            "rich-text",
                            range.clone(),
                            format!("formatting and links nest more than {MAX_NESTING} levels deep here"),
                            "use at most a few levels of `*emphasis*`, `**strong**` and links inside each other",
                        ));
                    }
                    Frame::Transparent
                } else {
                    frame
                };
                nesting += usize::from(frame.nests());
                stack.push((frame, range, Vec::new()));
            }
            Event::End(TagEnd::Paragraph) => {}
            Event::End(_) => {
                let Some((frame, start, mut children)) = stack.pop() else {
                    continue;
                };
                // Every text keeps its tree for the whole run: no spare capacity in it.
                children.shrink_to_fit();
                nesting -= usize::from(frame.nests());
                let node = match frame {
                    Frame::Emphasis => Some(Inline::Emphasis(children)),
                    Frame::Strong => Some(Inline::Strong(children)),
                    Frame::Link(url) => Some(Inline::Link { url, children }),
                    Frame::SiteLink { route, anchor } => {
                        out.site_links.push(SiteLinkSite {
                            route: route.clone(),
                            range: start,
                        });
                        Some(Inline::SiteLink {
                            route,
                            anchor,
                            url: None,
                            children,
                        })
                    }
                    Frame::Lang(lang) => Some(Inline::Lang { lang, children }),
                    Frame::XRef { topic, anchor } => {
                        out.xrefs.push(XRefSite {
                            topic: topic.clone(),
                            anchor: anchor.clone(),
                            text: plain_text(&children),
                            range: start,
                        });
                        Some(Inline::XRef {
                            topic,
                            anchor,
                            children,
                        })
                    }
                    Frame::Transparent => {
                        if let Some(parent) = stack.last_mut() {
                            parent.2.extend(children);
                        }
                        None
                    }
                    Frame::Dropped => None,
                    Frame::Root => {
                        stack.push((Frame::Root, start, children));
                        None
                    }
                };
                if let (Some(node), Some(parent)) = (node, stack.last_mut()) {
                    parent.2.push(node);
                }
            }
            Event::Text(text) => {
                // Prose: text whose source is the text itself (not an escape or entity). Words
                // marked as another language are not the document's prose (no spelling check).
                let foreign = stack.iter().any(|(f, _, _)| matches!(f, Frame::Lang(_)));
                if !whole_is_prose && !foreign && source.get(range.clone()) == Some(&*text) {
                    match out.prose.last_mut() {
                        Some(last) if last.end == range.start => last.end = range.end,
                        _ => out.prose.push(range.clone()),
                    }
                }
                push_text(&mut stack, &text)
            }
            Event::Code(code) => push(&mut stack, Inline::Code(code.into_string())),
            Event::SoftBreak => push_text(&mut stack, " "),
            Event::HardBreak => push(&mut stack, Inline::LineBreak),
            Event::Html(html) | Event::InlineHtml(html) => {
                out.problems.push(problem(
                    "raw-html",
                    range.clone(),
                    format!("raw HTML `{}` is not allowed in content", html.trim()),
                    "use Markdown (`**bold**`, `*italic*`, `` `code` ``); to show the characters literally, put them in backticks or escape `<` as `\\<`",
                ));
                push_text(&mut stack, &html);
            }
            _ => push_text(&mut stack, &source[range.clone()]),
        }
    }
    while stack.len() > 1 {
        let (_, _, children) = stack.pop().unwrap_or((Frame::Root, 0..0, Vec::new()));
        stack[0].2.extend(children);
    }
    out.inlines = stack.pop().map(|(_, _, c)| c).unwrap_or_default();
    out.inlines.shrink_to_fit();
    out.xrefs.shrink_to_fit();
    out.site_links.shrink_to_fit();
    if whole_is_prose {
        out.prose = std::iter::once(0..source.len()).collect();
    }
    out.prose.shrink_to_fit();
    out
}

enum Frame {
    Root,
    Emphasis,
    Strong,
    Link(String),
    SiteLink {
        route: String,
        anchor: Option<String>,
    },
    XRef {
        topic: String,
        anchor: Option<String>,
    },
    Lang(String),
    /// A refused container whose text is kept.
    Transparent,
    /// A refused container whose content is dropped.
    Dropped,
}

impl Frame {
    /// Whether the frame becomes a node with children (and so deepens the tree).
    fn nests(&self) -> bool {
        matches!(
            self,
            Frame::Emphasis
                | Frame::Strong
                | Frame::Link(_)
                | Frame::SiteLink { .. }
                | Frame::XRef { .. }
                | Frame::Lang(_)
        )
    }
}

fn link_frame(
    dest: &str,
    link_type: LinkType,
    range: &Range<usize>,
    problems: &mut Vec<InlineProblem>,
) -> Frame {
    if matches!(link_type, LinkType::Autolink | LinkType::Email) && !dest.contains(':') {
        return Frame::Link(format!("mailto:{dest}"));
    }
    if let Some(tag) = dest.strip_prefix(LANG_PREFIX) {
        return match crate::text::language::check(tag) {
            Ok(()) => Frame::Lang(tag.to_string()),
            Err(why) => {
                problems.push(problem(
                    LANGUAGE_TAG,
                    range.clone(),
                    format!("the language `{tag}` is not a BCP 47 language tag: {why}"),
                    crate::text::language::HELP,
                ));
                Frame::Transparent
            }
        };
    }
    if let Some(target) = dest.strip_prefix("topic:") {
        let (topic, anchor) = match target.split_once('#') {
            Some((topic, anchor)) => (topic.to_string(), Some(anchor.to_string())),
            None => (target.to_string(), None),
        };
        return Frame::XRef { topic, anchor };
    }
    if let Some((at, c)) = crate::text::invisible::find(dest) {
        problems.push(problem(
            INVISIBLE_CHARACTER,
            range.clone(),
            format!(
                "the link target `{}` holds the invisible character {}",
                crate::text::invisible::reveal(dest),
                crate::text::invisible::describe(c)
            ),
            &format!(
                "delete the character (after `{}`): the address a reader sees is not the one the link follows; no output links it",
                crate::text::invisible::reveal(&dest[..at])
            ),
        ));
        return Frame::Transparent;
    }
    if let Some(site) = site_route(dest) {
        return match site {
            Ok((route, anchor)) => Frame::SiteLink {
                route: route.to_string(),
                anchor: anchor.map(str::to_string),
            },
            Err(why) => {
                problems.push(problem(
                    "unsafe-link",
                    range.clone(),
                    format!("the site route `{dest}` {why}"),
                    "write a route from the docs site's root, such as `/faq` or `/other-product/setup#install`: letters, digits, `-`, `_`, `.` and `/`",
                ));
                Frame::Transparent
            }
        };
    }
    if has_allowed_scheme(dest) && !dest.chars().any(char::is_control) {
        return Frame::Link(dest.to_string());
    }
    let scheme = dest.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
    match scheme.as_deref() {
        Some(s)
            if s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)) =>
        {
            problems.push(problem(
                "unsafe-link",
                range.clone(),
                format!("links with the `{s}:` scheme are not allowed"),
                "link to an `https://` address, a `mailto:` address, or another topic with `topic:ID`",
            ));
            Frame::Transparent
        }
        _ => {
            problems.push(problem(
                "unsafe-link",
                range.clone(),
                format!("the link target `{dest}` is not an absolute address, a site route or a topic reference"),
                "link to other topics with `topic:ID` (or `topic:ID#ANCHOR`), to other pages of the docs site with their route from its root (`/faq`), and to other sites with a full `https://` address",
            ));
            Frame::Transparent
        }
    }
}

/// Whether a link target is a site route (it starts with one `/`): `None` when it is not, else
/// the route and its fragment, or why the route is refused. Routes are checked against those
/// declared under `[site] routes` by the `broken-link` rule.
pub fn site_route(dest: &str) -> Option<Result<(&str, Option<&str>), &'static str>> {
    if !dest.starts_with('/') || dest.starts_with("//") {
        return None;
    }
    let (route, anchor) = match dest.split_once('#') {
        Some((route, anchor)) => (route, Some(anchor)),
        None => (dest, None),
    };
    let route_char = |c: char| c.is_ascii_alphanumeric() || "-_.~/".contains(c);
    let anchor_char = |c: char| c.is_ascii_alphanumeric() || "-_.~".contains(c);
    Some(if !route.chars().all(route_char) {
        Err("holds a character other than letters, digits, `-`, `_`, `.`, `~` and `/`")
    } else if route
        .split('/')
        .any(|segment| segment == "." || segment == "..")
    {
        Err("has a `.` or `..` segment")
    } else if route.contains("//") {
        Err("has an empty segment (`//`)")
    } else if anchor.is_some_and(|a| a.is_empty() || !a.chars().all(anchor_char)) {
        Err("has a fragment other than letters, digits, `-`, `_`, `.` and `~`")
    } else {
        Ok((route, anchor))
    })
}

/// A route as compared with the declared ones: without a trailing `/` (but `/` itself).
pub fn normal_route(route: &str) -> &str {
    match route.trim_end_matches('/') {
        "" => "/",
        trimmed => trimmed,
    }
}

fn describe_block(tag: &Tag<'_>) -> &'static str {
    match tag {
        Tag::Heading { .. } => "a heading",
        Tag::List(_) | Tag::Item => "a list",
        Tag::BlockQuote(_) => "a block quote",
        Tag::CodeBlock(_) => "a code block",
        Tag::Table(_) | Tag::TableHead | Tag::TableRow | Tag::TableCell => "a table",
        _ => "this Markdown construct",
    }
}

fn problem(
    code: &'static str,
    range: Range<usize>,
    message: impl Into<String>,
    help: &str,
) -> InlineProblem {
    InlineProblem {
        code,
        range,
        message: message.into(),
        help: help.to_string(),
    }
}

fn push(stack: &mut [(Frame, Range<usize>, Vec<Inline>)], inline: Inline) {
    if let Some(top) = stack.last_mut() {
        top.2.push(inline);
    }
}

fn push_text(stack: &mut [(Frame, Range<usize>, Vec<Inline>)], text: &str) {
    if let Some(top) = stack.last_mut() {
        if let Some(Inline::Text(last)) = top.2.last_mut() {
            last.push_str(text);
        } else {
            top.2.push(Inline::Text(text.to_string()));
        }
    }
}

/// The visible text of an inline tree, without formatting; a line break becomes a space.
pub fn plain_text(inlines: &[Inline]) -> String {
    plain_text_with_breaks(inlines, " ")
}

/// The visible text of an inline tree, without formatting; a line break becomes `line_break`.
pub fn plain_text_with_breaks(inlines: &[Inline], line_break: &str) -> String {
    let mut out = String::new();
    append_plain(inlines, line_break, &mut out);
    out
}

fn append_plain(inlines: &[Inline], line_break: &str, out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text(t) | Inline::Code(t) => out.push_str(t),
            Inline::Emphasis(c)
            | Inline::Strong(c)
            | Inline::Link { children: c, .. }
            | Inline::SiteLink { children: c, .. }
            | Inline::XRef { children: c, .. }
            | Inline::Lang { children: c, .. } => append_plain(c, line_break, out),
            Inline::LineBreak => out.push_str(line_break),
            Inline::Variable(name) => out.push_str(&placeholder(name)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_spans_carry_their_tag_and_a_bad_tag_is_refused_with_its_text_kept() {
        let parsed = parse_inline("Say [Bonjour](lang:fr) or [*Grüezi*](lang:de-CH).");
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        assert_eq!(
            parsed.inlines,
            [
                Inline::Text("Say ".into()),
                Inline::Lang {
                    lang: "fr".into(),
                    children: vec![Inline::Text("Bonjour".into())],
                },
                Inline::Text(" or ".into()),
                Inline::Lang {
                    lang: "de-CH".into(),
                    children: vec![Inline::Emphasis(vec![Inline::Text("Grüezi".into())])],
                },
                Inline::Text(".".into()),
            ]
        );
        let parsed = parse_inline("Say [Bonjour](lang:french).");
        assert_eq!(parsed.problems.len(), 1, "{:?}", parsed.problems);
        let problem = &parsed.problems[0];
        assert_eq!(problem.code, LANGUAGE_TAG);
        assert!(problem.message.contains("`french`"), "{}", problem.message);
        assert_eq!(problem.range, 4..26);
        assert_eq!(plain_text(&parsed.inlines), "Say Bonjour.");
        // Foreign words are not prose: the spelling rule does not read them.
        let parsed = parse_inline("Say [Bonjour](lang:fr) now");
        let prose: Vec<&str> = parsed
            .prose
            .iter()
            .map(|r| &"Say [Bonjour](lang:fr) now"[r.clone()])
            .collect();
        assert_eq!(prose, ["Say ", " now"]);
    }

    #[test]
    fn parses_the_subset() {
        let parsed = parse_inline(
            "Go to **Company > Admin** and see [roles](topic:set-role-permissions#modules).",
        );
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        assert_eq!(
            parsed.inlines,
            vec![
                Inline::Text("Go to ".into()),
                Inline::Strong(vec![Inline::Text("Company > Admin".into())]),
                Inline::Text(" and see ".into()),
                Inline::XRef {
                    topic: "set-role-permissions".into(),
                    anchor: Some("modules".into()),
                    children: vec![Inline::Text("roles".into())]
                },
                Inline::Text(".".into()),
            ]
        );
        assert_eq!(parsed.xrefs[0].range, 34..77);
    }

    #[test]
    fn refuses_html_and_script_links() {
        let parsed = parse_inline("a <b>bold</b> [x](javascript:alert(1))");
        let codes: Vec<_> = parsed.problems.iter().map(|p| p.code).collect();
        assert_eq!(codes, ["raw-html", "raw-html", "unsafe-link"]);
        assert_eq!(plain_text(&parsed.inlines), "a <b>bold</b> x");
    }

    #[test]
    fn caps_nesting_and_keeps_the_text() {
        let source = format!("{}a{}", "*".repeat(20_000), "*".repeat(20_000));
        let parsed = parse_inline(&source);
        assert_eq!(parsed.problems.len(), 1);
        assert_eq!(parsed.problems[0].code, "rich-text");
        let mut depth = 0;
        let mut level = parsed.inlines.as_slice();
        while let Some(Inline::Emphasis(c) | Inline::Strong(c)) = level.first() {
            depth += 1;
            level = c;
        }
        assert_eq!(depth, MAX_NESTING);
        assert_eq!(plain_text(&parsed.inlines), "a");
        let shallow = parse_inline("***a*** and [*b*](topic:x)");
        assert!(shallow.problems.is_empty(), "{:?}", shallow.problems);
    }

    #[test]
    fn plain_prose_parses_as_markdown_would() {
        let plain = [
            "Open the Settings page.",
            "Sage Intacct's Web Services (copy 3): retry in 5 minutes; see {{product}} docs",
            "a - b + c = d | e ~ f ^ g % h $ i @ j / k ' l \" m ( n ) { o } p , q ; r ? s",
            "https://example.com/a/b?c=d and www.example.com and user@example.com",
            "Élan résumé naïve — “quoted” ‘single’ … ½ ✓ 日本語",
            "x  y   z\u{a0}w",
            "Setext\u{2028}line",
            "a1. b2) c",
        ];
        for text in plain {
            assert!(is_plain_prose(text), "{text:?}");
            let markdown = with_variables(parse_markdown(text), text);
            assert_eq!(parse_inline(text), markdown, "{text:?}");
        }
        let not_plain = [
            "",
            "1. item",
            "- item",
            "+ item",
            "> quote",
            " indented",
            "trailing ",
            "tab\t",
            "a\nb",
            "a\rb",
            "nul\0",
            "# h",
            "a *b*",
            "a _b_",
            "a `b`",
            "a [b](topic:c)",
            "a <b>",
            "a &amp; b",
            "a \\ b",
            "a ! b",
            "trailing\u{a0}",
            "«quote»",
        ];
        for text in not_plain {
            assert!(!is_plain_prose(text), "{text:?}");
        }
    }

    #[test]
    fn site_routes_are_links_and_odd_ones_are_refused() {
        let parsed =
            parse_inline("See the [FAQ](/faq#billing) and [setup](/other-product/setup/).");
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        let routes: Vec<_> = parsed.site_links.iter().map(|s| s.route.as_str()).collect();
        assert_eq!(routes, ["/faq", "/other-product/setup/"]);
        assert!(matches!(
            &parsed.inlines[1],
            Inline::SiteLink { route, anchor: Some(a), url: None, .. } if route == "/faq" && a == "billing"
        ));
        for bad in [
            "//evil.example/x",
            "/a/../b",
            "/a b",
            "/a\\b",
            "/a?q=1",
            "/faq#",
            "relative/path",
        ] {
            let parsed = parse_inline(&format!("[x]({bad})"));
            let codes: Vec<_> = parsed.problems.iter().map(|p| p.code).collect();
            assert!(
                codes == ["unsafe-link"] || bad.contains(' '),
                "{bad}: {codes:?}"
            );
            assert!(parsed.site_links.is_empty(), "{bad}");
        }
        assert_eq!(normal_route("/faq/"), "/faq");
        assert_eq!(normal_route("/"), "/");
    }

    #[test]
    fn variables_are_nodes_of_the_tree() {
        let parsed = parse_inline("Open **{{menu}}** in {{product}}, not {{ x }} or `{{code}}`.");
        assert_eq!(
            parsed.inlines,
            [
                Inline::Text("Open ".into()),
                Inline::Strong(vec![Inline::Variable("menu".into())]),
                Inline::Text(" in ".into()),
                Inline::Variable("product".into()),
                Inline::Text(", not {{ x }} or ".into()),
                Inline::Code("{{code}}".into()),
                Inline::Text(".".into()),
            ]
        );
        let source = "Open **{{menu}}** in {{product}}";
        let parsed = parse_inline(source);
        let names: Vec<_> = (parsed.variables.iter())
            .map(|v| (v.name.as_str(), &source[v.range.clone()]))
            .collect();
        assert_eq!(names, [("menu", "{{menu}}"), ("product", "{{product}}")]);
        let plain = parse_inline("Use {{a_b}} here");
        assert_eq!(plain.inlines[1], Inline::Variable("a_b".into()));
    }

    #[test]
    fn refuses_block_constructs() {
        let parsed = parse_inline("# Heading");
        assert_eq!(parsed.problems[0].code, "rich-text");
    }
}
