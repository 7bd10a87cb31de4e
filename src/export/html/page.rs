//! Builds the page's template data from a resolved publication: title page facts, table of
//! contents, and chapters with their sections and topics rendered to HTML fragments.

use super::blocks::BodyRenderer;
use super::script::{TABS_SCRIPT, script_policy};
use super::view::{
    ChapterView, LinkView, PageView, ScriptView, SectionView, TextField, TocChapter, TocEntry,
};
use crate::export::BuildInfo;
use crate::resolve::{ResolvedBlock, ResolvedItem, ResolvedPublication, ResolvedSection};

/// The deepest heading level HTML has.
const MAX_LEVEL: usize = 6;

/// The template data for one publication.
pub fn page_view(
    publication: &ResolvedPublication,
    renderer: &BodyRenderer<'_>,
    build: &BuildInfo,
    styles: String,
) -> Result<PageView, String> {
    let mut chapters = Vec::new();
    let mut toc = Vec::new();
    for (index, section) in publication.sections.iter().enumerate() {
        let mut segments = Vec::new();
        let mut entries = Vec::new();
        flatten(section, 0, &mut segments, &mut entries, renderer)?;
        toc.push(TocChapter {
            id: section.id.clone(),
            title: TextField::new(&section.title),
            entries,
        });
        let mut segments = segments.into_iter();
        let Some(own) = segments.next() else {
            continue;
        };
        chapters.push(ChapterView {
            number: index + 1,
            section: own,
            subsections: segments.collect(),
            read_next: (section.read_next.iter())
                .map(|link| LinkView {
                    id: link.id.clone(),
                    title: TextField::new(&link.title),
                })
                .collect(),
        });
    }
    let field = |value: &Option<String>| value.as_deref().map(TextField::new);
    let mut has_tabs = false;
    publication.each_block(&mut |block| has_tabs |= matches!(block, ResolvedBlock::Tabs { .. }));
    Ok(PageView {
        lang: "en",
        id: publication.id.clone(),
        title: TextField::new(&publication.title),
        subtitle: field(&publication.subtitle),
        description: field(&publication.description),
        product: field(&publication.product),
        version: field(&publication.version),
        author: field(&publication.author),
        date: TextField::new(&build.long_date()),
        date_iso: build.date(),
        generator: format!("helpdoc {}", build.helpdoc_version),
        styles,
        script: has_tabs.then(|| ScriptView {
            code: TABS_SCRIPT,
            policy: script_policy(TABS_SCRIPT),
        }),
        keywords: publication.keywords().join(", "),
        toc,
        chapters,
    })
}

/// Adds a section at `depth` (0 = a chapter) as segments in reading order: its heading, intro and
/// first topics; then each nested section's segments, each followed by a headingless segment that
/// continues this section's topics (and, last, holds its outro). Also adds its TOC entries (a
/// chapter's own entry is the chapter's).
fn flatten(
    section: &ResolvedSection,
    depth: usize,
    out: &mut Vec<SectionView>,
    toc: &mut Vec<TocEntry>,
    renderer: &BodyRenderer<'_>,
) -> Result<(), String> {
    if depth > 0 {
        toc.push(TocEntry {
            id: section.id.clone(),
            title: TextField::new(&section.title),
            depth,
            kind: "section",
        });
    }
    let level = (2 + depth).min(MAX_LEVEL);
    let mut current = SectionView {
        id: section.id.clone(),
        title: TextField::new(&section.title),
        level,
        aliases_html: super::steps::alias_spans(&section.aliases),
        chapter: depth == 0,
        continued: false,
        intro_html: renderer.blocks_html(&section.intro)?,
        topics: Vec::new(),
        outro_html: String::new(),
    };
    for item in &section.items {
        match item {
            ResolvedItem::Topic(topic) => {
                toc.push(TocEntry {
                    id: topic.id.clone(),
                    title: TextField::new(&topic.title),
                    depth: depth + 1,
                    kind: topic.body.kind_name(),
                });
                (current.topics).push(renderer.topic(topic, (level + 1).min(MAX_LEVEL))?);
            }
            ResolvedItem::Section(child) => {
                let continued = SectionView {
                    continued: true,
                    intro_html: String::new(),
                    topics: Vec::new(),
                    ..current.clone_heading()
                };
                out.push(std::mem::replace(&mut current, continued));
                flatten(child, depth + 1, out, toc, renderer)?;
            }
        }
    }
    current.outro_html = renderer.blocks_html(&section.outro)?;
    if !current.continued || !current.topics.is_empty() || !current.outro_html.is_empty() {
        out.push(current);
    }
    Ok(())
}
