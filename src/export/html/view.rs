//! The data handed to the page templates. Fields ending in `_html` (and every `html` member) hold
//! HTML that Rust already escaped, for triple-stash; everything else is plain text for `{{…}}`.

use serde::Serialize;

use crate::text::html_escape::escape_text;

/// A plain-text field in both forms: `text` for `{{…}}` (attributes, `<title>`; the template
/// engine escapes it and drops bidi controls) and `html` for `{{{…}}}` in element content (escaped,
/// with bidi controls isolated in `<bdi>`).
#[derive(Debug, Clone, Serialize)]
pub struct TextField {
    /// The text as written.
    pub text: String,
    /// The text escaped for element content.
    pub html: String,
}

impl TextField {
    /// Both forms of `text`.
    pub fn new(text: &str) -> Self {
        TextField {
            text: text.to_string(),
            html: escape_text(text),
        }
    }
}

/// An inline script and the policy that allows exactly it.
#[derive(Debug, Serialize)]
pub struct ScriptView {
    /// The script's text (trusted: helpdoc's own, never content).
    pub code: &'static str,
    /// `script-src 'sha256-…'`.
    pub policy: String,
}

/// The whole page (`page.hbs`).
#[derive(Debug, Serialize)]
pub struct PageView {
    /// The document language.
    pub lang: &'static str,
    /// The publication id.
    pub id: String,
    /// The publication title.
    pub title: TextField,
    /// Subtitle.
    pub subtitle: Option<TextField>,
    /// One-sentence description.
    pub description: Option<TextField>,
    /// Product name.
    pub product: Option<TextField>,
    /// Version.
    pub version: Option<TextField>,
    /// Author or publisher.
    pub author: Option<TextField>,
    /// The build date, "22 November 2026".
    pub date: TextField,
    /// The build date, `2026-11-22`, for `<time datetime>`.
    pub date_iso: String,
    /// "helpdoc 0.1.0".
    pub generator: String,
    /// The stylesheets (`theme.css` then `style.css`), for `<style>{{{styles}}}</style>`.
    pub styles: String,
    /// The page's script, only when it has tab sets: `<script>{{{script.code}}}</script>`, with
    /// `script.policy` for its `Content-Security-Policy` meta element.
    pub script: Option<ScriptView>,
    /// Every page's search keywords, comma-separated, for `<meta name="keywords">` (empty for none).
    pub keywords: String,
    /// The table of contents.
    pub toc: Vec<TocChapter>,
    /// The chapters (top-level sections), in order.
    pub chapters: Vec<ChapterView>,
}

/// A chapter in the table of contents.
#[derive(Debug, Serialize)]
pub struct TocChapter {
    /// The chapter's anchor.
    pub id: String,
    /// Its title.
    pub title: TextField,
    /// Sections and topics inside it, in reading order.
    pub entries: Vec<TocEntry>,
}

/// A section or topic in the table of contents.
#[derive(Debug, Serialize)]
pub struct TocEntry {
    /// Its anchor.
    pub id: String,
    /// Its title.
    pub title: TextField,
    /// Nesting under the chapter: 1 for its own topics and sections, 2 below those, …
    pub depth: usize,
    /// `section`, or the topic kind.
    pub kind: &'static str,
}

/// A top-level section: the section itself plus its nested sections, flattened in reading order
/// (so templates need no recursive partials).
#[derive(Debug, Serialize)]
pub struct ChapterView {
    /// 1-based chapter number.
    pub number: usize,
    /// The chapter's own heading, intro and topics.
    #[serde(flatten)]
    pub section: SectionView,
    /// Nested sections, each with its heading level, and the segments that continue a section
    /// after a nested one (`continued`), in reading order.
    pub subsections: Vec<SectionView>,
    /// "Read next" links, after everything in the chapter.
    pub read_next: Vec<LinkView>,
}

/// One section: heading, intro, topics and outro (`section.hbs`); or, `continued`, the topics
/// and outro of a section that go on after one of its nested sections (no heading, no intro).
#[derive(Debug, Serialize)]
pub struct SectionView {
    /// Its anchor.
    pub id: String,
    /// Its heading.
    pub title: TextField,
    /// Heading level (2 for chapters, at most 6).
    pub level: usize,
    /// Empty `<span id>`s for its old ids (aliases), to put first inside the heading.
    pub aliases_html: String,
    /// Whether this is a chapter (top-level section).
    pub chapter: bool,
    /// Whether this continues a section after one of its nested sections (no heading).
    pub continued: bool,
    /// Blocks under the heading.
    pub intro_html: String,
    /// Topics, in order.
    pub topics: Vec<TopicView>,
    /// Blocks that close the section.
    pub outro_html: String,
}

impl SectionView {
    /// A segment with this one's id, title and level, and nothing in it.
    pub fn clone_heading(&self) -> Self {
        SectionView {
            id: self.id.clone(),
            title: self.title.clone(),
            level: self.level,
            // The heading (and so its aliases) is written once, by the first segment.
            aliases_html: String::new(),
            chapter: self.chapter,
            continued: self.continued,
            intro_html: String::new(),
            topics: Vec::new(),
            outro_html: String::new(),
        }
    }
}

/// One topic (`topic.hbs`).
#[derive(Debug, Serialize)]
pub struct TopicView {
    /// Its anchor.
    pub id: String,
    /// Its heading.
    pub title: TextField,
    /// Heading level (at most 6).
    pub level: usize,
    /// Empty `<span id>`s for its old ids (aliases), to put first inside the heading.
    pub aliases_html: String,
    /// `prerequisite`, `concept`, `procedure` or `error`.
    pub kind: &'static str,
    /// A label for the kind: "Prerequisite", "Concept", "Procedure", "Error message", "Symptom".
    pub kind_label: &'static str,
    /// The summary.
    pub summary_html: Option<String>,
    /// For error topics: the message box.
    pub error: Option<ErrorView>,
    /// The kind-specific body.
    pub body_html: String,
    /// Related topics in this publication.
    pub see_also: Vec<LinkView>,
    /// Attribution for adapted text (only with an http, https or mailto address).
    pub source: Option<SourceView>,
    /// Further reading (only links with an http, https or mailto address).
    pub learn_more: Vec<SourceView>,
}

/// What an error topic shows above its causes.
#[derive(Debug, Serialize)]
pub struct ErrorView {
    /// Exactly what the product shows (or the user's words, for a symptom).
    pub message: TextField,
    /// The product's error code.
    pub code: Option<TextField>,
    /// True for a user-reported symptom rather than a product message.
    pub symptom: bool,
    /// Whether users can fix it without an administrator or support.
    pub user_recoverable: bool,
}

/// A link to a topic on this page.
#[derive(Debug, Serialize)]
pub struct LinkView {
    /// Target anchor.
    pub id: String,
    /// Target title.
    pub title: TextField,
}

/// An external page: a source or a "learn more" link.
#[derive(Debug, Serialize)]
pub struct SourceView {
    /// The words before the link ("Adapted from", "Learn more:").
    pub label: &'static str,
    /// Checked address.
    pub url: String,
    /// Link text.
    pub title: TextField,
}
