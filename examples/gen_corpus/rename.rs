//! Renames one copy of the content: every id, title, message and reference gets the copy's suffix.

use std::collections::HashMap;

use helpdoc::content::ContentSet;
use helpdoc::model::{
    Block, Cause, Document, Fragment, Publication, RichText, Section, SectionItem, Step, Topic,
    TopicId,
};

/// The texts a link may quote for each topic id (its title and, for an error, its message),
/// normalized, so link texts that quote them are renamed with them.
pub type Titles = HashMap<String, Vec<String>>;

/// The quotable texts of every topic in the original content.
pub fn titles(content: &ContentSet) -> Titles {
    content
        .topics()
        .map(|(_, topic)| {
            let mut texts = vec![normalize(&topic.meta().title)];
            if let Topic::Error(e) = topic {
                texts.push(normalize(&e.message));
            }
            (topic.meta().id.to_string(), texts)
        })
        .collect()
}

/// Lowercase words of letters and digits, for comparing a link text with a title.
fn normalize(text: &str) -> String {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// One numbered copy: ids become `ID-cN`, titles and messages gain ` (copy N)`, and so do link
/// texts that quote them.
#[derive(Debug, Clone, Copy)]
pub struct Copy<'a> {
    /// The copy's number, from 1.
    pub number: usize,
    /// The original topics' quotable texts.
    pub titles: &'a Titles,
}

/// Why a document could not be renamed (a reference the renamer cannot find in its own text).
#[derive(Debug)]
pub struct RenameError(pub String);

impl std::fmt::Display for RenameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

type Result<T = ()> = std::result::Result<T, RenameError>;

impl Copy<'_> {
    /// The renamed id.
    pub fn id(&self, id: &TopicId) -> TopicId {
        TopicId(format!("{}-c{}", id.0, self.number))
    }

    /// The renamed title (or message).
    pub fn title(&self, title: &str) -> String {
        format!("{title} (copy {})", self.number)
    }

    fn ids(&self, ids: &mut [TopicId]) {
        for id in ids {
            *id = self.id(id);
        }
    }

    /// Renames every document kind in place.
    pub fn document(&self, document: &mut Document) -> Result {
        match document {
            Document::Topic(topic) => self.topic(topic),
            Document::Fragment(fragment) => self.fragment(fragment),
            Document::Publication(publication) => self.publication(publication),
        }
    }

    fn topic(&self, topic: &mut Topic) -> Result {
        let meta = match topic {
            Topic::Prerequisite(t) => &mut t.meta,
            Topic::Concept(t) => &mut t.meta,
            Topic::Procedure(t) => &mut t.meta,
            Topic::Error(t) => &mut t.meta,
        };
        meta.id = self.id(&meta.id);
        meta.title = self.title(&meta.title);
        self.ids(&mut meta.see_also);
        if let Some(summary) = &mut meta.summary {
            self.rich(summary)?;
        }
        match topic {
            Topic::Prerequisite(p) => {
                self.optional_rich(&mut p.applies_when)?;
                self.blocks(&mut p.body)?;
                self.steps(&mut p.check)?;
                self.blocks(&mut p.if_not_met)
            }
            Topic::Concept(c) => self.blocks(&mut c.answer),
            Topic::Procedure(p) => {
                self.optional_rich(&mut p.applies_when)?;
                self.blocks(&mut p.intro)?;
                self.steps(&mut p.steps)?;
                self.blocks(&mut p.outro)
            }
            Topic::Error(e) => {
                e.message = self.title(&e.message);
                for wording in &mut e.match_wordings {
                    *wording = self.title(wording);
                }
                if let Some(code) = &mut e.code {
                    *code = format!("{code}-c{}", self.number);
                }
                self.blocks(&mut e.intro)?;
                e.causes.iter_mut().try_for_each(|c| self.cause(c))
            }
        }
    }

    fn cause(&self, cause: &mut Cause) -> Result {
        if let Some(text) = &mut cause.cause {
            self.rich(text)?;
        }
        cause
            .causes
            .iter_mut()
            .try_for_each(|text| self.rich(text))?;
        let resolution = &mut cause.resolution;
        self.blocks(&mut resolution.blocks)?;
        self.steps(&mut resolution.steps)?;
        if let Some(procedure) = &mut resolution.procedure {
            *procedure = self.id(procedure);
        }
        Ok(())
    }

    fn fragment(&self, fragment: &mut Fragment) -> Result {
        fragment.id = self.id(&fragment.id);
        self.blocks(&mut fragment.blocks)
    }

    fn publication(&self, publication: &mut Publication) -> Result {
        publication.id = self.id(&publication.id);
        publication.title = self.title(&publication.title);
        self.sections(&mut publication.sections)
    }

    /// Renames sections (ids, titles, intros and outros, topic lists, `contents` and `read_next`),
    /// for publications and merged publications.
    pub fn sections(&self, sections: &mut [Section]) -> Result {
        for section in sections {
            self.section(section)?;
        }
        Ok(())
    }

    fn section(&self, section: &mut Section) -> Result {
        section.id = self.id(&section.id);
        section.title = self.title(&section.title);
        self.blocks(&mut section.intro)?;
        self.ids(&mut section.topics);
        for item in &mut section.contents {
            match item {
                SectionItem::Topic(id) => *id = self.id(id),
                SectionItem::Section(nested) => self.section(nested)?,
            }
        }
        self.sections(&mut section.sections)?;
        self.blocks(&mut section.outro)?;
        self.ids(&mut section.read_next);
        Ok(())
    }

    fn steps(&self, steps: &mut [Step]) -> Result {
        for step in steps {
            self.rich(&mut step.action)?;
            self.blocks(&mut step.blocks)?;
            self.optional_rich(&mut step.result)?;
            self.blocks(&mut step.after_result)?;
            self.steps(&mut step.substeps)?;
            for branch in &mut step.branches {
                self.rich(&mut branch.condition)?;
                self.blocks(&mut branch.blocks)?;
                branch.go_to = self.id(&branch.go_to);
            }
        }
        Ok(())
    }

    fn blocks(&self, blocks: &mut [Block]) -> Result {
        for block in blocks {
            match block {
                Block::Paragraph(text) => self.rich(text)?,
                Block::List(list) => list.items.iter_mut().try_for_each(|i| self.rich(i))?,
                Block::Table(table) => {
                    table.header.iter_mut().try_for_each(|c| self.rich(c))?;
                    for row in &mut table.rows {
                        row.cells_mut().iter_mut().try_for_each(|c| self.rich(c))?;
                    }
                }
                Block::Image(image) => self.optional_rich(&mut image.caption)?,
                Block::Admonition(admonition) => {
                    self.optional_rich(&mut admonition.text)?;
                    self.blocks(&mut admonition.blocks)?;
                }
                Block::Code(_) => {}
                Block::Include(id) => *id = self.id(id),
                Block::Tabs(tabs) => {
                    for pane in &mut tabs.panes {
                        self.blocks(&mut pane.blocks)?;
                        self.steps(&mut pane.steps)?;
                    }
                }
                Block::Collapsible(collapsible) => self.blocks(&mut collapsible.blocks)?,
                // Data views name a data file and its columns, no id or rich text.
                Block::DataTable(_) | Block::DataList(_) | Block::DataTabs(_) => {}
                Block::When(conditional) => {
                    self.blocks(std::slice::from_mut(&mut conditional.block))?
                }
            }
        }
        Ok(())
    }

    fn optional_rich(&self, text: &mut Option<RichText>) -> Result {
        match text {
            Some(text) => self.rich(text),
            None => Ok(()),
        }
    }

    /// Suffixes the target id of every `topic:ID[#ANCHOR]` link, found with helpdoc's own parser
    /// (so only real links change, never text that merely looks like one), and the link text when
    /// it quotes the target's title or message.
    fn rich(&self, text: &mut RichText) -> Result {
        let mut sites = text.parsed().xrefs.clone();
        if sites.is_empty() {
            return Ok(());
        }
        sites.sort_by_key(|s| s.range.start);
        let source = text.as_str();
        let suffix = format!("-c{}", self.number);
        let mut out = String::with_capacity(source.len() + sites.len() * suffix.len());
        let mut done = 0;
        for site in &sites {
            let needle = format!("topic:{}", site.topic);
            let link = &source[site.range.clone()];
            let Some(at) = link.rfind(&needle) else {
                return Err(RenameError(format!(
                    "cannot find `{needle}` in the link `{link}`"
                )));
            };
            let quotes_title = self
                .titles
                .get(&site.topic)
                .is_some_and(|t| t.contains(&normalize(&site.text)));
            if let (true, Some(text_end)) = (quotes_title, link[..at].rfind("](")) {
                let text_end = site.range.start + text_end;
                out.push_str(&source[done..text_end]);
                out.push_str(&format!(" (copy {})", self.number));
                done = text_end;
            }
            let end = site.range.start + at + needle.len();
            out.push_str(&source[done..end]);
            out.push_str(&suffix);
            done = end;
        }
        out.push_str(&source[done..]);
        *text = RichText::new(out);
        Ok(())
    }
}
