//! Renders one topic under its heading: summary, the kind's body, attribution and related topics.

use crate::model::inline::Inline;
use crate::model::{CauseStyle, ErrorType, Source};
use crate::resolve::anchors::cause_part;
use crate::resolve::{ResolvedCause, ResolvedTopic, Text, TopicBody, anchor_id, wording};

use super::blocks::{self, heading, labelled};
use super::context::Page;
use super::escape;
use super::inline::{self, Mode};
use super::lines;
use super::steps::{self, steps};

/// Renders a topic with its heading at `level`.
pub fn topic(topic: &ResolvedTopic, level: usize, page: &Page<'_>) -> Vec<String> {
    let title = inline::plain(&topic.title, Mode::Line, page);
    let summary = topic.summary.as_ref().map(|s| blocks::paragraph(s, page));
    lines::join(
        [
            steps::heading_aliases(&topic.aliases, page),
            heading(level, &title, &topic.id),
        ]
        .into_iter()
        .chain(summary)
        .chain(body(topic, level, page))
        .chain([learn_more(topic), source(topic), see_also(topic, page)]),
    )
}

fn body(topic: &ResolvedTopic, level: usize, page: &Page<'_>) -> Vec<Vec<String>> {
    match &topic.body {
        TopicBody::Prerequisite {
            applies_when,
            body,
            check,
            if_not_met,
        } => vec![
            applies(applies_when.as_ref(), page),
            blocks::blocks(body, page),
            labelled_blocks("How to check:", steps(check, page)),
            labelled_blocks("If you don't have it:", blocks::blocks(if_not_met, page)),
        ],
        TopicBody::Concept { answer } => vec![blocks::blocks(answer, page)],
        TopicBody::Procedure {
            applies_when,
            intro,
            steps: list,
            outro,
        } => vec![
            applies(applies_when.as_ref(), page),
            blocks::blocks(intro, page),
            steps(list, page),
            blocks::blocks(outro, page),
        ],
        TopicBody::Error {
            message,
            code,
            error_type,
            intro,
            causes,
            cause_style,
            ..
        } => {
            let mut parts = vec![self::message(&topic.title, message, *error_type, page)];
            if let Some(code) = code.as_deref().filter(|c| !c.trim().is_empty()) {
                parts.push(vec![format!(
                    "**Error code:** {}",
                    escape::code_span(code, false)
                )]);
            }
            parts.push(blocks::blocks(intro, page));
            parts.extend(causes.iter().enumerate().map(|(i, c)| match cause_style {
                CauseStyle::Headings => cause(&topic.id, i, c, causes, level + 1, page),
                CauseStyle::List => listed_cause(c, page),
            }));
            parts
        }
    }
}

fn applies(applies_when: Option<&Text>, page: &Page<'_>) -> Vec<String> {
    applies_when
        .map(|text| labelled("When this applies:", text, page))
        .unwrap_or_default()
}

/// A bold label paragraph before content, or nothing when the content is empty.
fn labelled_blocks(label: &str, content: Vec<String>) -> Vec<String> {
    if content.is_empty() {
        return content;
    }
    lines::join([vec![format!("**{label}**")], content])
}

/// The exact message as inline code (a product error), or the reader's words (a symptom, shown
/// only when the title does not already say it).
fn message(title: &str, message: &str, error_type: ErrorType, page: &Page<'_>) -> Vec<String> {
    if message.trim().is_empty() {
        return Vec::new();
    }
    match error_type {
        ErrorType::ProductError => vec![format!(
            "**Error message:** {}",
            escape::code_span(message, false)
        )],
        ErrorType::Symptom if message.trim() == title.trim() => Vec::new(),
        ErrorType::Symptom => vec![format!(
            "**Symptom:** {}",
            inline::plain(message, Mode::Line, page)
        )],
    }
}

/// A cause as a heading (its anchor as the id), then its resolution. A group's heading is
/// "Possible causes", its causes a list under it.
fn cause(
    topic: &str,
    index: usize,
    cause: &ResolvedCause,
    all: &[ResolvedCause],
    level: usize,
    page: &Page<'_>,
) -> Vec<String> {
    let id = cause
        .anchor
        .clone()
        .unwrap_or_else(|| unanchored_cause_id(topic, index, all));
    let title = if cause.group.is_empty() {
        inline::render(&without_final_period(&cause.cause), Mode::Line, page)
    } else {
        wording::POSSIBLE_CAUSES.to_string()
    };
    lines::join([
        heading(level, &title, &id),
        group_list(cause, page),
        resolution(cause, page),
    ])
}

/// A cause without a heading (`cause_style: list`): "**Cause:** …" or "**Possible causes:**"
/// and a list, then "**How to fix it:**" and the resolution. Its anchor is a `Link` id.
fn listed_cause(cause: &ResolvedCause, page: &Page<'_>) -> Vec<String> {
    let anchor = cause
        .anchor
        .as_deref()
        .map(|a| steps::anchor_tag(a, page))
        .unwrap_or_default();
    let label = if cause.group.is_empty() {
        let text = inline::render(&cause.cause, Mode::Flow, page);
        lines::split(&format!("{anchor}**{}** {text}", wording::CAUSE))
    } else {
        vec![format!("{anchor}**{}:**", wording::POSSIBLE_CAUSES)]
    };
    lines::join([
        label,
        group_list(cause, page),
        labelled_blocks(
            &format!("{}:", wording::HOW_TO_FIX),
            resolution(cause, page),
        ),
    ])
}

/// A group's causes as a bulleted list (nothing for a single cause).
fn group_list(cause: &ResolvedCause, page: &Page<'_>) -> Vec<String> {
    cause
        .group
        .iter()
        .flat_map(|text| lines::list_item("- ", blocks::paragraph(text, page)))
        .collect()
}

/// A cause's resolution: its blocks, steps and the procedure to follow.
fn resolution(cause: &ResolvedCause, page: &Page<'_>) -> Vec<String> {
    let procedure = cause
        .procedure
        .as_ref()
        .map(|(id, title)| vec![format!("Follow {}.", steps::link(id, title, page))]);
    lines::join(
        [
            blocks::blocks(&cause.blocks, page),
            steps(&cause.steps, page),
        ]
        .into_iter()
        .chain(procedure),
    )
}

/// An id for a cause written without one, `topic--cause-N`, made unique against the others.
fn unanchored_cause_id(topic: &str, index: usize, all: &[ResolvedCause]) -> String {
    let taken = |id: &str| all.iter().any(|c| c.anchor.as_deref() == Some(id));
    let mut id = anchor_id(topic, Some(&cause_part(index)));
    while taken(&id) {
        id.push_str("-x");
    }
    id
}

/// Headings read better without a full stop at the end.
fn without_final_period(text: &Text) -> Text {
    let mut text = text.clone();
    if let Some(Inline::Text(last)) = text.last_mut()
        && last.ends_with('.')
        && !last.ends_with("..")
    {
        last.pop();
    }
    text
}

/// "Adapted from [title](url)." for the topic's `source`.
fn source(topic: &ResolvedTopic) -> Vec<String> {
    topic
        .source
        .as_ref()
        .map(|source| vec![format!("{} {}.", wording::ADAPTED_FROM, web_link(source))])
        .unwrap_or_default()
}

/// "Learn more: [title](url)", one paragraph per `learn_more` link.
fn learn_more(topic: &ResolvedTopic) -> Vec<String> {
    lines::join(
        topic
            .learn_more
            .iter()
            .map(|link| vec![format!("{} {}", wording::LEARN_MORE, web_link(link))]),
    )
}

/// A link to a web page, or its title alone when the address is not http(s).
fn web_link(link: &Source) -> String {
    let title = escape::text(link.title.trim(), false, Some(']'));
    let title = if title.is_empty() {
        escape::text(&link.url, false, Some(']'))
    } else {
        title
    };
    let url = link.url.trim();
    let is_web = ["http://", "https://"].iter().any(|scheme| {
        url.get(..scheme.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(scheme))
    });
    if is_web {
        format!("[{title}]({})", escape::url(url))
    } else {
        title
    }
}

fn see_also(topic: &ResolvedTopic, page: &Page<'_>) -> Vec<String> {
    let items: Vec<String> = topic
        .see_also
        .iter()
        .map(|(id, title)| format!("- {}", steps::link(id, title, page)))
        .collect();
    labelled_blocks("See also:", items)
}
