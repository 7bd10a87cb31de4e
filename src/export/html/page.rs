//! Builds the page's template data from a resolved publication: title page facts, table of
//! contents, and chapters with their sections and topics rendered to HTML fragments.

use super::blocks::BodyRenderer;
use super::script::{TABS_SCRIPT, script_policy};
use super::view::{
    ChapterView, PageView, ScriptView, SectionView, TextField, TocChapter, TocEntry,
};
use crate::export::BuildInfo;
use crate::resolve::{ResolvedBlock, ResolvedPublication, ResolvedSection};

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
        let mut subsections = Vec::new();
        let mut entries = Vec::new();
        topic_entries(section, 1, &mut entries);
        for child in &section.sections {
            flatten(child, 1, &mut subsections, &mut entries, renderer)?;
        }
        toc.push(TocChapter {
            id: section.id.clone(),
            title: TextField::new(&section.title),
            entries,
        });
        chapters.push(ChapterView {
            number: index + 1,
            section: section_view(section, 0, renderer)?,
            subsections,
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
        toc,
        chapters,
    })
}

/// Adds a nested section at `depth` (1 = directly inside a chapter) and its own nested sections.
fn flatten(
    section: &ResolvedSection,
    depth: usize,
    out: &mut Vec<SectionView>,
    toc: &mut Vec<TocEntry>,
    renderer: &BodyRenderer<'_>,
) -> Result<(), String> {
    toc.push(TocEntry {
        id: section.id.clone(),
        title: TextField::new(&section.title),
        depth,
        kind: "section",
    });
    topic_entries(section, depth + 1, toc);
    out.push(section_view(section, depth, renderer)?);
    for child in &section.sections {
        flatten(child, depth + 1, out, toc, renderer)?;
    }
    Ok(())
}

fn topic_entries(section: &ResolvedSection, depth: usize, toc: &mut Vec<TocEntry>) {
    toc.extend(section.topics.iter().map(|topic| TocEntry {
        id: topic.id.clone(),
        title: TextField::new(&topic.title),
        depth,
        kind: topic.body.kind_name(),
    }));
}

/// One section at `depth` (0 = chapter): its heading is `h2` for chapters, one deeper per level.
fn section_view(
    section: &ResolvedSection,
    depth: usize,
    renderer: &BodyRenderer<'_>,
) -> Result<SectionView, String> {
    let level = (2 + depth).min(MAX_LEVEL);
    let topics = section
        .topics
        .iter()
        .map(|topic| renderer.topic(topic, (level + 1).min(MAX_LEVEL)))
        .collect::<Result<_, _>>()?;
    Ok(SectionView {
        id: section.id.clone(),
        title: TextField::new(&section.title),
        level,
        aliases_html: super::steps::alias_spans(&section.aliases),
        chapter: depth == 0,
        intro_html: renderer.blocks_html(&section.intro)?,
        topics,
    })
}
