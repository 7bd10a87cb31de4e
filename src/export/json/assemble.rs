//! Builds a help bundle from one resolved publication: its error topics, deep links and index.

use std::collections::{BTreeMap, BTreeSet};

use super::html::{blocks_html, inline_html};
use super::text::{blocks_text, inline_text};
use crate::bundle::{
    BundleIndex, ErrorKind, FORMAT_VERSION, FormattedText, Generator, HelpBranch, HelpBundle,
    HelpCause, HelpError, HelpLink, HelpResolution, HelpStep, MessageTemplate, ProcedureRef,
    PublicationInfo, SCHEMA_ID,
};
use crate::lookup::Pattern;
use crate::model::ErrorType;
use crate::model::inline::Inline;
use crate::model::url::{href, safe_url};
use crate::resolve::{
    BUNDLE_EMPTY, BUNDLE_IMAGE_LEFT_OUT, BUNDLE_LOOKUP, BUNDLE_NO_DOCS_LINKS, BUNDLE_NO_DOCS_PAGE,
    Note, Place, ResolvedBlock, ResolvedBranch, ResolvedCause, ResolvedPublication, ResolvedStep,
    TopicBody, wording,
};
use crate::site::{DocsLinks, DocsPages};

/// Builds the bundle for `publication`, linking into the Markdown pages indexed in `pages`,
/// stamped with the tool's version and the build date.
/// Returns the bundle and notes for the writer (missing deep links, index clashes, left-out
/// images); `build` reports the notes before any exporter runs, so the JSON exporter drops them.
pub fn assemble(
    publication: &ResolvedPublication,
    pages: &DocsPages,
    version: &str,
    generated: String,
) -> (HelpBundle, Vec<Note>) {
    assemble_as(publication, pages, version, generated, Render::Texts)
}

/// The notes [`assemble`] gives for `publication`, without writing any text or HTML: what the
/// notes depend on (ids, codes, wordings, docs links, images) is gathered as assembling does, so
/// the notes are the same, and `check` does not render every error's help to throw it away.
pub fn assemble_notes(publication: &ResolvedPublication, pages: &DocsPages) -> Vec<Note> {
    assemble_as(publication, pages, "", String::new(), Render::NotesOnly).1
}

/// Whether assembling writes the texts and HTML of the help, or only finds the notes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Render {
    Texts,
    NotesOnly,
}

fn assemble_as(
    publication: &ResolvedPublication,
    pages: &DocsPages,
    version: &str,
    generated: String,
    render: Render,
) -> (HelpBundle, Vec<Note>) {
    let base = publication.formats.json.docs_base_url.as_deref();
    let (links, warning) = DocsLinks::new(base, pages);
    let links = links.from_publication(&publication.id);
    let id = Some(publication.id.as_str());
    let base_place = Place::field(&publication.id, "/formats/json/docs_base_url");
    let mut notes: Vec<Note> = warning
        .into_iter()
        .map(|w| {
            Note::new(&BUNDLE_NO_DOCS_LINKS, id, w).at(base_place.clone(), "not a web address")
        })
        .collect();
    if base.is_none() {
        notes.push(
            Note::new(
                &BUNDLE_NO_DOCS_LINKS,
                id,
                "no docs base URL is set (`base_url` under `[site]` in helpdoc.toml), so the help bundle has no docs links",
            )
            .at(base_place, "no docs base URL"),
        );
    }
    let mut assembler = Assembler {
        publication,
        render,
        links,
        notes,
        images: BTreeSet::new(),
        wordings: BTreeMap::new(),
    };
    let mut seen = BTreeSet::new();
    let errors: Vec<HelpError> = publication
        .topics()
        .into_iter()
        .filter(|(_, topic)| seen.insert(topic.id.clone()))
        .filter_map(|(_, topic)| assembler.error(topic))
        .collect();
    if errors.is_empty() {
        assembler.notes.push(
            Note::new(
                &BUNDLE_EMPTY,
                id,
                "the publication has no error topics, so its help bundle is empty",
            )
            .at(
                Place::field(&publication.id, "/formats/json/enabled"),
                "asks for a help bundle",
            ),
        );
    }
    for path in std::mem::take(&mut assembler.images) {
        assembler.notes.push(
            Note::new(
                &BUNDLE_IMAGE_LEFT_OUT,
                id,
                format!(
                    "image `{path}` is left out of the help bundle, which carries no image files"
                ),
            )
            .at(Place::Image { path }, "left out of the help bundle"),
        );
    }
    let index = index(
        &publication.id,
        &errors,
        &assembler.wordings,
        &mut assembler.notes,
    );
    let bundle = HelpBundle {
        schema: SCHEMA_ID.to_string(),
        format_version: FORMAT_VERSION,
        generator: Generator {
            name: "helpdoc".into(),
            version: version.to_string(),
        },
        publication: PublicationInfo {
            id: publication.id.clone(),
            title: publication.title.clone(),
            product: publication.product.clone(),
            version: publication.version.clone(),
        },
        language: publication
            .formats
            .json
            .language
            .clone()
            .unwrap_or_else(|| "en".to_string()),
        generated,
        errors,
        index,
    };
    (bundle, assembler.notes)
}

/// The lookup index; on a clash the first error in reading order keeps the key. `wordings` holds
/// each error's message and `match` wordings (with their JSON pointers), by error id. A wording
/// that is not a valid template is left out: `check` reports it (rule `message-template`).
fn index(
    publication: &str,
    errors: &[HelpError],
    wordings: &BTreeMap<String, Vec<(String, String)>>,
    notes: &mut Vec<Note>,
) -> BundleIndex {
    let mut index = BundleIndex::default();
    let note = |message: String| Note::new(&BUNDLE_LOOKUP, Some(publication), message);
    let mut templates = Vec::new();
    for error in errors {
        if let Some(code) = &error.code {
            if let Some(first) = index.by_code.get(code) {
                notes.push(
                    note(format!(
                        "errors `{first}` and `{}` have the same code `{code}`; the index sends it to `{first}`",
                        error.id
                    ))
                    .at(Place::field(&error.id, "/code"), "same code")
                    .also(Place::field(first, "/code"), "first used here"),
                );
            } else {
                index.by_code.insert(code.clone(), error.id.clone());
            }
        }
        for (pointer, wording) in wordings.get(&error.id).into_iter().flatten() {
            let key = match crate::lookup::parse(wording) {
                Ok(Pattern::Exact(key)) => key,
                Ok(Pattern::Template(template)) => {
                    templates.push((template, error.id.clone(), templates.len()));
                    continue;
                }
                Err(_) => continue,
            };
            if key.is_empty() {
                notes.push(
                    note(format!(
                        "the message of error `{}` is empty once normalized, so it is not in the message index",
                        error.id
                    ))
                    .at(Place::field(&error.id, pointer), "empty once normalized"),
                );
            } else if let Some(first) = index.by_message.get(&key) {
                if *first != error.id {
                    notes.push(
                        note(format!(
                            "errors `{first}` and `{}` have the same normalized message `{key}`; the index sends it to `{first}`",
                            error.id
                        ))
                        .at(Place::field(&error.id, pointer), "same message")
                        .also(Place::field(first, "/message"), "first used here"),
                    );
                }
            } else {
                index.by_message.insert(key, error.id.clone());
            }
        }
    }
    templates.sort_by(|(a, a_id, a_order), (b, b_id, b_order)| {
        b.literal_chars()
            .cmp(&a.literal_chars())
            .then_with(|| a_id.cmp(b_id))
            .then(a_order.cmp(b_order))
    });
    index.templates = templates
        .into_iter()
        .map(|(template, id, _)| MessageTemplate {
            id,
            literals: template.literals,
            placeholders: template.names,
        })
        .collect();
    index
}

struct Assembler<'a> {
    publication: &'a ResolvedPublication,
    /// With [`Render::NotesOnly`], every text and HTML is left empty.
    render: Render,
    links: DocsLinks,
    notes: Vec<Note>,
    /// Images left out, by content-relative path.
    images: BTreeSet<String>,
    /// Each error's message and `match` wordings with their JSON pointers, by error id.
    wordings: BTreeMap<String, Vec<(String, String)>>,
}

impl Assembler<'_> {
    fn error(&mut self, topic: &crate::resolve::ResolvedTopic) -> Option<HelpError> {
        let TopicBody::Error {
            message,
            match_wordings,
            code,
            error_type,
            user_recoverable,
            intro,
            causes,
            ..
        } = &topic.body
        else {
            return None;
        };
        let wordings = crate::lookup::wordings(message, match_wordings)
            .into_iter()
            .map(|(pointer, wording)| (pointer, wording.to_string()))
            .collect();
        self.wordings.insert(topic.id.clone(), wordings);
        let docs_url = self.links.url(&topic.id, None);
        if docs_url.is_none() && self.links.has_base() {
            self.notes.push(
                Note::new(
                    &BUNDLE_NO_DOCS_PAGE,
                    Some(self.publication.id.as_str()),
                    format!(
                        "error `{}` is in no Markdown-enabled publication, so it has no `docs_url`",
                        topic.id
                    ),
                )
                .at(Place::field(&topic.id, "/id"), "no docs page"),
            );
        }
        Some(HelpError {
            id: topic.id.clone(),
            message: message.clone(),
            code: code.clone(),
            error_type: match error_type {
                ErrorType::ProductError => ErrorKind::ProductError,
                ErrorType::Symptom => ErrorKind::Symptom,
            },
            title: topic.title.clone(),
            summary: topic.summary.as_ref().map(|s| self.inline(s)),
            intro: self.blocks(intro),
            user_recoverable: *user_recoverable,
            docs_url,
            causes: causes.iter().map(|c| self.cause(&topic.id, c)).collect(),
            learn_more: topic
                .learn_more
                .iter()
                .filter_map(|link| help_link(wording::LEARN_MORE, link))
                .collect(),
            source: topic
                .source
                .as_ref()
                .and_then(|link| help_link(wording::ADAPTED_FROM, link)),
        })
    }

    fn cause(&mut self, topic: &str, cause: &ResolvedCause) -> HelpCause {
        HelpCause {
            id: cause.anchor.as_deref().map(|a| local_id(topic, a)),
            text: self.text(&cause.cause),
            html: self.html(&cause.cause),
            more_causes: cause.group.iter().skip(1).map(|c| self.inline(c)).collect(),
            docs_url: cause
                .anchor
                .as_deref()
                .and_then(|a| self.links.url_with_fragment(topic, a)),
            resolution: HelpResolution {
                intro: self.blocks(&cause.blocks),
                steps: self.steps(topic, &cause.steps),
                procedure: cause
                    .procedure
                    .as_ref()
                    .map(|(id, title)| self.procedure(id, title, true)),
            },
        }
    }

    /// A procedure reference; with `inline_steps`, it carries the procedure's steps when this
    /// publication includes the procedure.
    fn procedure(&mut self, id: &str, title: &str, inline_steps: bool) -> ProcedureRef {
        let topics = self.publication.topics();
        let steps = topics
            .iter()
            .filter(|_| inline_steps)
            .find_map(|(_, topic)| match &topic.body {
                TopicBody::Procedure { steps, .. } if topic.id == id => Some(steps.as_slice()),
                _ => None,
            })
            .unwrap_or_default();
        ProcedureRef {
            id: id.to_string(),
            title: title.to_string(),
            docs_url: self.links.url(id, None),
            steps: self.steps(id, steps),
        }
    }

    fn steps(&mut self, topic: &str, steps: &[ResolvedStep]) -> Vec<HelpStep> {
        steps.iter().map(|s| self.step(topic, s)).collect()
    }

    fn step(&mut self, topic: &str, step: &ResolvedStep) -> HelpStep {
        HelpStep {
            id: step.anchor.as_deref().map(|a| local_id(topic, a)),
            text: self.text(&step.action),
            html: self.html(&step.action),
            details: self.blocks(&step.blocks),
            result: step.result.as_ref().map(|r| self.inline(r)),
            after_result: self.blocks(&step.after_result),
            substeps: self.steps(topic, &step.substeps),
            branches: step.branches.iter().map(|b| self.branch(b)).collect(),
        }
    }

    fn branch(&mut self, branch: &ResolvedBranch) -> HelpBranch {
        let callout = branch.callout_parts();
        HelpBranch {
            condition: self.inline(&branch.condition),
            procedure: self.procedure(&branch.go_to, &branch.title, false),
            callout_type: callout.map(|(kind, ..)| kind.as_str().to_string()),
            title: callout.and_then(|(_, title, _)| title.map(str::to_string)),
            details: callout.and_then(|(.., blocks)| self.blocks(blocks)),
        }
    }

    fn inline(&self, text: &[Inline]) -> FormattedText {
        FormattedText {
            text: self.text(text),
            html: self.html(text),
        }
    }

    /// Rich text as plain text (empty when only notes are wanted).
    fn text(&self, text: &[Inline]) -> String {
        match self.render {
            Render::Texts => inline_text(text),
            Render::NotesOnly => String::new(),
        }
    }

    /// Rich text as an HTML fragment (empty when only notes are wanted).
    fn html(&self, text: &[Inline]) -> String {
        match self.render {
            Render::Texts => inline_html(text, &self.links),
            Render::NotesOnly => String::new(),
        }
    }

    /// Blocks as text and HTML; `None` when nothing is left to show (and when only notes are
    /// wanted: their images are still gathered).
    fn blocks(&mut self, blocks: &[ResolvedBlock]) -> Option<FormattedText> {
        collect_images(blocks, &mut self.images);
        if self.render == Render::NotesOnly {
            return None;
        }
        let html = blocks_html(blocks, &self.links);
        (!html.is_empty()).then(|| FormattedText {
            text: blocks_text(blocks),
            html,
        })
    }
}

/// A `source` or `learn_more` link with its words; none without a safe address (the one rule),
/// and its address written as the HTML exporter writes an `href`.
fn help_link(label: &str, link: &crate::model::Source) -> Option<HelpLink> {
    safe_url(link.url.trim()).map(|url| HelpLink {
        label: label.to_string(),
        title: link.title.clone(),
        url: href(url),
    })
}

/// A step or cause id as written in its topic, from its full anchor (`topic--id`).
fn local_id(topic: &str, anchor: &str) -> String {
    anchor
        .strip_prefix(topic)
        .and_then(|rest| rest.strip_prefix("--"))
        .unwrap_or(anchor)
        .to_string()
}

fn collect_images(blocks: &[ResolvedBlock], out: &mut BTreeSet<String>) {
    for block in blocks {
        block.each_nested(&mut |block| {
            if let ResolvedBlock::Image { path, .. } = block {
                out.insert(path.clone());
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_ids_drop_the_topic_prefix() {
        assert_eq!(
            local_id("missing-permissions", "missing-permissions--role"),
            "role"
        );
        assert_eq!(local_id("a", "other--x"), "other--x");
    }
}
