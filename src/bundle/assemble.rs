//! Builds a help bundle from one resolved publication: its error topics, deep links and index.

use std::collections::BTreeSet;

use super::html::{blocks_html, inline_html};
use super::links::{DocsLinks, DocsPages};
use super::normalize::normalize_message;
use super::text::{blocks_text, inline_text};
use super::{
    BundleIndex, ErrorKind, FORMAT_VERSION, FormattedText, Generator, HelpBranch, HelpBundle,
    HelpCause, HelpError, HelpResolution, HelpStep, ProcedureRef, PublicationInfo, SCHEMA_ID,
};
use crate::export::BuildInfo;
use crate::model::ErrorType;
use crate::model::inline::Inline;
use crate::resolve::{ResolvedBlock, ResolvedCause, ResolvedPublication, ResolvedStep, TopicBody};

/// Builds the bundle for `publication`, linking into the Markdown pages indexed in `pages`.
/// Returns the bundle and notes for the writer (missing deep links, index clashes, left-out images).
pub fn assemble(
    publication: &ResolvedPublication,
    pages: &DocsPages,
    build: &BuildInfo,
) -> (HelpBundle, Vec<String>) {
    let base = publication.formats.json.docs_base_url.as_deref();
    let (links, warning) = DocsLinks::new(base, pages);
    let mut assembler = Assembler {
        publication,
        links,
        warnings: warning.into_iter().collect(),
        images: 0,
    };
    if base.is_none() {
        assembler.warnings.push(
            "`formats.json.docs_base_url` is not set, so the bundle has no docs links".into(),
        );
    }
    let mut seen = BTreeSet::new();
    let errors: Vec<HelpError> = publication
        .topics()
        .into_iter()
        .filter(|(_, topic)| seen.insert(topic.id.clone()))
        .filter_map(|(_, topic)| assembler.error(topic))
        .collect();
    if errors.is_empty() {
        assembler
            .warnings
            .push("the publication has no error topics, so its help bundle is empty".into());
    }
    if assembler.images > 0 {
        assembler.warnings.push(format!(
            "{} image(s) in error topics are left out of the help bundle (it carries no image files)",
            assembler.images
        ));
    }
    let index = index(&errors, &mut assembler.warnings);
    let bundle = HelpBundle {
        schema: SCHEMA_ID.to_string(),
        format_version: FORMAT_VERSION,
        generator: Generator {
            name: "helpdoc".into(),
            version: build.helpdoc_version.to_string(),
        },
        publication: PublicationInfo {
            id: publication.id.clone(),
            title: publication.title.clone(),
            product: publication.product.clone(),
            version: publication.version.clone(),
        },
        generated: build.date(),
        errors,
        index,
    };
    (bundle, assembler.warnings)
}

/// The lookup index; on a clash the first error in reading order keeps the key.
fn index(errors: &[HelpError], warnings: &mut Vec<String>) -> BundleIndex {
    let mut index = BundleIndex::default();
    for error in errors {
        if let Some(code) = &error.code {
            if let Some(first) = index.by_code.get(code) {
                warnings.push(format!(
                    "errors `{first}` and `{}` have the same code `{code}`; the index sends it to `{first}`",
                    error.id
                ));
            } else {
                index.by_code.insert(code.clone(), error.id.clone());
            }
        }
        let key = normalize_message(&error.message);
        if key.is_empty() {
            warnings.push(format!(
                "the message of error `{}` is empty once normalized, so it is not in the message index",
                error.id
            ));
        } else if let Some(first) = index.by_message.get(&key) {
            warnings.push(format!(
                "errors `{first}` and `{}` have the same normalized message `{key}`; the index sends it to `{first}`",
                error.id
            ));
        } else {
            index.by_message.insert(key, error.id.clone());
        }
    }
    index
}

struct Assembler<'a> {
    publication: &'a ResolvedPublication,
    links: DocsLinks,
    warnings: Vec<String>,
    /// Images left out.
    images: usize,
}

impl Assembler<'_> {
    fn error(&mut self, topic: &crate::resolve::ResolvedTopic) -> Option<HelpError> {
        let TopicBody::Error {
            message,
            code,
            error_type,
            user_recoverable,
            intro,
            causes,
        } = &topic.body
        else {
            return None;
        };
        let docs_url = self.links.url(&topic.id, None);
        if docs_url.is_none() && self.links.has_base() {
            self.warnings.push(format!(
                "error `{}` is in no Markdown-enabled publication, so it has no `docs_url`",
                topic.id
            ));
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
        })
    }

    fn cause(&mut self, topic: &str, cause: &ResolvedCause) -> HelpCause {
        HelpCause {
            id: cause.anchor.as_deref().map(|a| local_id(topic, a)),
            text: inline_text(&cause.cause),
            html: inline_html(&cause.cause, &self.links),
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
            text: inline_text(&step.action),
            html: inline_html(&step.action, &self.links),
            details: self.blocks(&step.blocks),
            result: step.result.as_ref().map(|r| self.inline(r)),
            substeps: self.steps(topic, &step.substeps),
            branches: step
                .branches
                .iter()
                .map(|(condition, id, title)| HelpBranch {
                    condition: self.inline(condition),
                    procedure: self.procedure(id, title, false),
                })
                .collect(),
        }
    }

    fn inline(&self, text: &[Inline]) -> FormattedText {
        FormattedText {
            text: inline_text(text),
            html: inline_html(text, &self.links),
        }
    }

    /// Blocks as text and HTML; `None` when nothing is left to show.
    fn blocks(&mut self, blocks: &[ResolvedBlock]) -> Option<FormattedText> {
        self.images += count_images(blocks);
        let html = blocks_html(blocks, &self.links);
        (!html.is_empty()).then(|| FormattedText {
            text: blocks_text(blocks),
            html,
        })
    }
}

/// A step or cause id as written in its topic, from its full anchor (`topic--id`).
fn local_id(topic: &str, anchor: &str) -> String {
    anchor
        .strip_prefix(topic)
        .and_then(|rest| rest.strip_prefix("--"))
        .unwrap_or(anchor)
        .to_string()
}

fn count_images(blocks: &[ResolvedBlock]) -> usize {
    blocks
        .iter()
        .map(|b| match b {
            ResolvedBlock::Image { .. } => 1,
            ResolvedBlock::Admonition { blocks, .. } => count_images(blocks),
            _ => 0,
        })
        .sum()
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
