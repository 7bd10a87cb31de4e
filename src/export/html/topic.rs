//! Builds a topic's template data: its kind-specific body rendered to HTML, and its metadata.

use super::blocks::BodyRenderer;
use super::inline::{push_inlines, render_inlines};
use super::view::{ErrorView, LinkView, SourceView, TextField, TopicView};
use crate::model::url::{href, safe_url};
use crate::model::{ErrorType, Source};
use crate::resolve::anchors::part_id;
use crate::resolve::{ResolvedTopic, Text, TopicBody, wording};
use crate::text::html_escape::escape_attr;

impl BodyRenderer<'_> {
    /// The template data for one topic whose heading is at `level`.
    pub fn topic(&self, topic: &ResolvedTopic, level: usize) -> Result<TopicView, String> {
        let inner = (level + 1).min(6);
        let mut body = String::new();
        let mut error = None;
        let kind_label = match &topic.body {
            TopicBody::Prerequisite {
                applies_when,
                body: blocks,
                check,
                if_not_met,
            } => {
                applies(&mut body, applies_when.as_ref());
                self.blocks(&mut body, blocks)?;
                if !check.is_empty() {
                    subheading(&mut body, inner, &topic.id, "check", "How to check");
                    self.steps(&mut body, check, false)?;
                }
                if !if_not_met.is_empty() {
                    subheading(
                        &mut body,
                        inner,
                        &topic.id,
                        "if-not-met",
                        "If you don't meet it",
                    );
                    self.blocks(&mut body, if_not_met)?;
                }
                "Prerequisite"
            }
            TopicBody::Concept { answer } => {
                self.blocks(&mut body, answer)?;
                "Concept"
            }
            TopicBody::Procedure {
                applies_when,
                intro,
                steps,
                outro,
            } => {
                applies(&mut body, applies_when.as_ref());
                self.blocks(&mut body, intro)?;
                self.steps(&mut body, steps, false)?;
                self.blocks(&mut body, outro)?;
                "Procedure"
            }
            TopicBody::Error {
                message,
                code,
                error_type,
                user_recoverable,
                intro,
                causes,
                cause_style,
                ..
            } => {
                let symptom = *error_type == ErrorType::Symptom;
                error = Some(ErrorView {
                    message: TextField::new(message),
                    code: code.as_deref().map(TextField::new),
                    symptom,
                    user_recoverable: *user_recoverable,
                });
                self.blocks(&mut body, intro)?;
                self.causes(&mut body, &topic.id, causes, inner, *cause_style)?;
                if symptom { "Symptom" } else { "Error message" }
            }
        };
        Ok(TopicView {
            id: topic.id.clone(),
            title: TextField::new(&topic.title),
            level,
            aliases_html: super::steps::alias_spans(&topic.aliases),
            kind: topic.body.kind_name(),
            kind_label,
            summary_html: topic.summary.as_ref().map(|s| render_inlines(s)),
            error,
            body_html: body,
            see_also: topic
                .see_also
                .iter()
                .map(|(id, title)| LinkView {
                    id: id.clone(),
                    title: TextField::new(title),
                })
                .collect(),
            source: topic
                .source
                .as_ref()
                .and_then(|source| link_view(source, wording::ADAPTED_FROM)),
            learn_more: topic
                .learn_more
                .iter()
                .filter_map(|link| link_view(link, wording::LEARN_MORE))
                .collect(),
        })
    }
}

/// A web link for the template, with the words before it; none without a safe address.
fn link_view(link: &Source, label: &'static str) -> Option<SourceView> {
    safe_url(&link.url).map(|url| SourceView {
        label,
        url: href(url),
        title: TextField::new(&link.title),
    })
}

fn applies(out: &mut String, applies_when: Option<&Text>) {
    if let Some(text) = applies_when {
        out.push_str("<p class=\"applies-when\"><strong>When this applies:</strong> ");
        push_inlines(out, text);
        out.push_str("</p>\n");
    }
}

/// A heading inside a topic, with a generated id ([`part_id`]).
fn subheading(out: &mut String, level: usize, topic: &str, name: &str, title: &str) {
    out.push_str(&format!(
        "<h{level} id=\"{}\" class=\"topic-subheading\">{title}</h{level}>\n",
        escape_attr(&part_id(topic, name))
    ));
}
