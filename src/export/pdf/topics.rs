//! The guide's structure on paper: chapters, topics by kind (prerequisite, concept, procedure,
//! error), numbered steps with sub-steps, causes with their resolutions, and related topics.

use std::collections::BTreeMap;

use crate::model::inline::{Inline, plain_text};
use crate::model::{CauseStyle, ErrorType, Source};
use crate::resolve::{
    ResolvedBlock, ResolvedCause, ResolvedItem, ResolvedPublication, ResolvedSection, ResolvedStep,
    ResolvedTopic, TopicBody, wording,
};

use super::flow::{Flow, Level};
use super::fonts::Face;
use super::layout::{Frame, keeps_with_next};
use super::structure::{Numbering, Role};
use super::text::{LinkTarget, Span, Style, page_suffix};
use super::theme::Rgb;

/// Anchor id → physical page number (1-based), from the previous layout pass.
pub type PageRefs = BTreeMap<String, usize>;

/// Lays out every chapter of the publication.
pub fn publication(flow: &mut Flow<'_>, publication: &ResolvedPublication, refs: &PageRefs) {
    for chapter in &publication.sections {
        section(flow, chapter, refs);
    }
    flow.end_chapter();
}

fn section(flow: &mut Flow<'_>, section: &ResolvedSection, refs: &PageRefs) {
    flow.tagged(Role::Sect, |flow| section_body(flow, section, refs));
}

fn section_body(flow: &mut Flow<'_>, section: &ResolvedSection, refs: &PageRefs) {
    let level = if section.depth == 0 {
        flow.new_page(Some(section.title.clone()));
        Level::Chapter
    } else {
        Level::Topic
    };
    flow.outline(section.depth, &section.title, &section.id);
    let title = Span::new(section.title.clone(), flow.body());
    aliases(flow, &section.aliases);
    flow.heading(level, vec![title], Some(&section.id));
    flow.blocks(&section.intro);
    for item in &section.items {
        match item {
            ResolvedItem::Topic(t) => topic(flow, t, section.depth + 1, refs),
            ResolvedItem::Section(child) => self::section(flow, child, refs),
        }
    }
    flow.blocks(&section.outro);
    if !section.read_next.is_empty() {
        let body = flow.body();
        flow.space(body.size * 0.6);
        flow.heading(Level::Minor, vec![Span::new("Read next", body)], None);
        let links = section
            .read_next
            .iter()
            .map(|l| (l.id.as_str(), l.title.as_str()));
        flow.tagged(Role::L(Numbering::Disc), |flow| {
            link_items(flow, links, refs)
        });
    }
}

/// Old ids (aliases) as named destinations of the next unit, beside its own anchor: a link to
/// `guide.pdf#old-id` still lands there.
fn aliases(flow: &mut Flow<'_>, aliases: &[String]) {
    for alias in aliases {
        flow.anchor(alias);
    }
}

fn topic(flow: &mut Flow<'_>, topic: &ResolvedTopic, depth: usize, refs: &PageRefs) {
    flow.tagged(Role::Sect, |flow| topic_body(flow, topic, depth, refs));
}

fn topic_body(flow: &mut Flow<'_>, topic: &ResolvedTopic, depth: usize, refs: &PageRefs) {
    let body = flow.body();
    flow.outline(depth, &topic.title, &topic.id);
    aliases(flow, &topic.aliases);
    flow.heading(
        Level::Topic,
        vec![Span::new(topic.title.clone(), body)],
        Some(&topic.id),
    );
    if let Some(summary) = &topic.summary {
        let style = Style {
            size: body.size * 1.05,
            color: flow.theme.summary,
            ..body
        };
        let s = flow.spans(summary, style);
        flow.space(body.size * 0.4);
        flow.tagged(Role::P, |flow| {
            flow.text(&s, style.size, flow.theme.leading);
        });
        // The summary belongs to the heading: keep both with the start of the body.
        flow.keep_with_next();
    }
    match &topic.body {
        TopicBody::Prerequisite {
            applies_when,
            body: blocks,
            check,
            if_not_met,
        } => {
            applies(flow, applies_when.as_deref());
            flow.blocks(blocks);
            if !check.is_empty() {
                part_heading(flow, "How to check");
                steps(flow, check, 0, refs);
            }
            if !if_not_met.is_empty() {
                part_heading(flow, "If this is not met");
                flow.blocks(if_not_met);
            }
        }
        TopicBody::Concept { answer } => flow.blocks(answer),
        TopicBody::Procedure {
            applies_when,
            intro,
            steps: list,
            outro,
        } => {
            // What comes before the steps introduces them: it stays with the first one.
            let start = flow.units.len();
            applies(flow, applies_when.as_deref());
            flow.blocks(intro);
            flow.keep_together(start);
            steps(flow, list, 0, refs);
            flow.blocks(outro);
        }
        TopicBody::Error {
            message,
            code,
            error_type,
            intro,
            causes,
            cause_style,
            ..
        } => {
            // The heading, message box and introduction stay with the first cause.
            let start = flow.units.len();
            message_box(flow, message, code.as_deref(), *error_type);
            flow.blocks(intro);
            flow.keep_together(start);
            for (i, c) in causes.iter().enumerate() {
                match cause_style {
                    CauseStyle::Headings => {
                        cause(flow, &topic.id, i + 1, causes.len(), c, depth + 1, refs)
                    }
                    CauseStyle::List => listed_cause(flow, c, refs),
                }
            }
        }
    }
    related(flow, topic, refs);
}

fn applies(flow: &mut Flow<'_>, applies_when: Option<&[Inline]>) {
    let Some(text) = applies_when else {
        return;
    };
    let body = flow.body();
    let mut s = vec![Span::new("Applies when: ", body.with_face(Face::Bold))];
    s.extend(flow.spans(text, body));
    flow.paragraph(&s);
}

fn part_heading(flow: &mut Flow<'_>, title: &str) {
    let body = flow.body();
    flow.heading(Level::Part, vec![Span::new(title, body)], None);
}

/// A cross-reference with its page number, for readers on paper.
fn page_ref(flow: &Flow<'_>, id: &str, title: &str, refs: &PageRefs) -> Vec<Span> {
    let body = flow.body();
    let link = body.with_color(flow.theme.link);
    vec![
        Span::link(title, link, LinkTarget::Anchor(id.to_string())),
        Span::new(page_suffix(refs, id), body),
    ]
}

/// Numbered steps (lettered at `depth` 1 and below), as a tagged list.
pub(super) fn steps(flow: &mut Flow<'_>, list: &[ResolvedStep], depth: usize, refs: &PageRefs) {
    let numbering = if depth == 0 {
        Numbering::Decimal
    } else {
        Numbering::LowerAlpha
    };
    flow.tagged(Role::L(numbering), |flow| {
        step_items(flow, list, depth, refs)
    });
}

fn step_items(flow: &mut Flow<'_>, list: &[ResolvedStep], depth: usize, refs: &PageRefs) {
    let body = flow.body();
    let label_style = Style {
        face: Face::Bold,
        color: flow.theme.accent,
        ..body
    };
    for (i, step) in list.iter().enumerate() {
        let label = if depth == 0 {
            format!("{}.", i + 1)
        } else {
            let letter = char::from(b'a' + (i % 26) as u8);
            format!("{letter}.")
        };
        flow.space(body.size * if depth == 0 { 0.7 } else { 0.4 });
        if let Some(anchor) = &step.anchor {
            flow.anchor(anchor);
        }
        aliases(flow, &step.aliases);
        let indent = body.size * if depth == 0 { 2.0 } else { 1.7 };
        flow.labelled(vec![Span::new(label, label_style)], indent, |flow| {
            let action = flow.spans(&step.action, body);
            flow.tagged(Role::P, |flow| {
                flow.text(&action, body.size, flow.theme.leading);
            });
            if !step.blocks.is_empty()
                || step.result.is_some()
                || !step.after_result.is_empty()
                || !step.branches.is_empty()
                || !step.substeps.is_empty()
            {
                // The action stays with what it introduces (a screenshot, its result, its
                // branches, its substeps): a step never leaves its first line alone at a foot.
                flow.keep_with_next();
            }
            flow.blocks(&step.blocks);
            if let Some(result) = &step.result {
                let style = body.with_color(flow.theme.summary);
                let s = flow.spans(result, style);
                flow.space(body.size * 0.35);
                flow.tagged(Role::P, |flow| {
                    flow.text(&s, body.size, flow.theme.leading);
                });
                if !step.after_result.is_empty() {
                    flow.keep_with_next();
                }
            }
            flow.blocks(&step.after_result);
            for branch in &step.branches {
                if let Some(callout) = &branch.callout {
                    flow.blocks(std::slice::from_ref(callout));
                    continue;
                }
                let (before, between, after) = wording::BRANCH;
                let mut s = vec![Span::new(before, body)];
                s.extend(flow.spans(&branch.condition, body));
                s.push(Span::new(between, body));
                s.extend(page_ref(flow, &branch.go_to, &branch.title, refs));
                s.push(Span::new(after, body));
                flow.paragraph(&s);
            }
            if !step.substeps.is_empty() {
                steps(flow, &step.substeps, depth + 1, refs);
            }
        });
        // Steps are list items: the list rule keeps the first from being alone at a page foot
        // and the last from being alone at a page head.
        if keeps_with_next(i, list.len()) {
            flow.keep_with_next();
        }
    }
    flow.space(body.size * 0.6);
}

fn message_box(flow: &mut Flow<'_>, message: &str, code: Option<&str>, error_type: ErrorType) {
    let body = flow.body();
    let red = Rgb(0.70, 0.15, 0.15);
    let frame = Frame {
        x: 0.0,
        w: 0.0,
        fill: Some(red.tint(0.93)),
        border: None,
        bar: Some(red),
    };
    flow.space(body.size * 0.9);
    flow.tagged(Role::Div, |flow| {
        message_lines(flow, frame, red, message, code, error_type);
    });
    flow.space(body.size * 0.5);
}

/// The message box's label, message and code, one paragraph each.
fn message_lines(
    flow: &mut Flow<'_>,
    frame: Frame,
    red: Rgb,
    message: &str,
    code: Option<&str>,
    error_type: ErrorType,
) {
    let body = flow.body();
    flow.framed(frame, (12.0, 5.0, 7.0), |flow| {
        let label = match error_type {
            ErrorType::ProductError => "Error message",
            ErrorType::Symptom => "Symptom",
        };
        let label_style = Style {
            face: Face::Bold,
            size: body.size * 0.85,
            color: red,
        };
        flow.tagged(Role::P, |flow| {
            flow.text(&[Span::new(label, label_style)], label_style.size, 1.5);
        });
        flow.keep_with_next();
        let message_style = Style {
            face: Face::Bold,
            size: body.size * 1.1,
            color: flow.theme.text,
        };
        flow.tagged(Role::P, |flow| {
            flow.text(
                &[Span::new(message, message_style)],
                message_style.size,
                1.35,
            );
        });
        if let Some(code) = code {
            flow.keep_with_next();
            let s = vec![
                Span::new("Error code: ", body.with_color(flow.theme.muted)),
                Span::new(code, body.with_face(Face::Mono)),
            ];
            flow.tagged(Role::P, |flow| {
                flow.text(&s, body.size, flow.theme.leading);
            });
        }
    });
}

fn cause(
    flow: &mut Flow<'_>,
    topic: &str,
    number: usize,
    total: usize,
    cause: &ResolvedCause,
    depth: usize,
    refs: &PageRefs,
) {
    let body = flow.body();
    let prefix = if total > 1 {
        format!("Cause {number}: ")
    } else {
        "Cause: ".to_string()
    };
    let anchor = cause.anchor.clone().unwrap_or_else(|| {
        crate::resolve::anchor_id(
            topic,
            Some(&crate::resolve::anchors::cause_part(number - 1)),
        )
    });
    let mut heading = vec![Span::new(prefix.clone(), body)];
    if cause.group.is_empty() {
        heading.extend(flow.spans(&cause.cause, body));
    } else {
        heading.push(Span::new(wording::POSSIBLE_CAUSES, body));
    }
    let title = if cause.group.is_empty() {
        format!("{prefix}{}", plain_text(&cause.cause))
    } else {
        format!("{prefix}{}", wording::POSSIBLE_CAUSES)
    };
    flow.outline(depth, &title, &anchor);
    flow.heading(Level::Part, heading, Some(&anchor));
    group_list(flow, cause);
    resolution(flow, cause, refs);
}

/// A cause without a heading or outline entry (`cause_style: list`): "Cause: …" or "Possible
/// causes:" and a list, then "How to fix it:" and the resolution.
fn listed_cause(flow: &mut Flow<'_>, cause: &ResolvedCause, refs: &PageRefs) {
    let body = flow.body();
    let bold = body.with_face(Face::Bold);
    flow.space(body.size * 0.6);
    if let Some(anchor) = &cause.anchor {
        flow.anchor(anchor);
    }
    let s = if cause.group.is_empty() {
        let mut s = vec![Span::new(format!("{} ", wording::CAUSE), bold)];
        s.extend(flow.spans(&cause.cause, body));
        s
    } else {
        vec![Span::new(format!("{}:", wording::POSSIBLE_CAUSES), bold)]
    };
    flow.paragraph(&s);
    flow.keep_with_next();
    group_list(flow, cause);
    // A lead-in (it ends with a colon): it stays with the resolution.
    flow.paragraph(&[Span::new(format!("{}:", wording::HOW_TO_FIX), bold)]);
    resolution(flow, cause, refs);
}

/// A group's causes as a bulleted list (nothing for a single cause).
fn group_list(flow: &mut Flow<'_>, cause: &ResolvedCause) {
    if !cause.group.is_empty() {
        flow.blocks(&[ResolvedBlock::List {
            ordered: false,
            columns: None,
            items: cause.group.clone(),
        }]);
    }
}

/// A cause's resolution: blocks, steps and the procedure to follow.
fn resolution(flow: &mut Flow<'_>, cause: &ResolvedCause, refs: &PageRefs) {
    let body = flow.body();
    flow.blocks(&cause.blocks);
    steps(flow, &cause.steps, 0, refs);
    if let Some((id, title)) = &cause.procedure {
        let mut s = vec![Span::new("Follow ", body)];
        s.extend(page_ref(flow, id, title, refs));
        s.push(Span::new(".", body));
        flow.paragraph(&s);
    }
}

fn related(flow: &mut Flow<'_>, topic: &ResolvedTopic, refs: &PageRefs) {
    let body = flow.body();
    if !topic.see_also.is_empty() {
        flow.space(body.size * 0.6);
        flow.heading(Level::Minor, vec![Span::new("Related topics", body)], None);
        let links = topic
            .see_also
            .iter()
            .map(|(id, title)| (id.as_str(), title.as_str()));
        flow.tagged(Role::L(Numbering::Disc), |flow| {
            link_items(flow, links, refs)
        });
    }
    learn_more(flow, topic);
    source(flow, topic);
}

/// A bulleted list of links to anchors of the publication (related topics, read next), each
/// with its page number. The whole item is the link, so it is one piece of the tag tree: no
/// text of the item follows its link.
fn link_items<'a>(
    flow: &mut Flow<'_>,
    links: impl ExactSizeIterator<Item = (&'a str, &'a str)>,
    refs: &PageRefs,
) {
    let body = flow.body();
    let n = links.len();
    for (i, (id, title)) in links.enumerate() {
        let text: String = page_ref(flow, id, title, refs)
            .into_iter()
            .map(|span| span.text)
            .collect();
        let target = LinkTarget::Anchor(id.to_string());
        let s = vec![Span::link(text, body.with_color(flow.theme.link), target)];
        flow.space(body.size * 0.2);
        flow.labelled(
            vec![Span::new("•", body.with_color(flow.theme.accent))],
            body.size * 1.4,
            |flow| {
                flow.text(&s, body.size, flow.theme.leading);
            },
        );
        if keeps_with_next(i, n) {
            flow.keep_with_next();
        }
    }
}

/// "Learn more:" and each `learn_more` link.
fn learn_more(flow: &mut Flow<'_>, topic: &ResolvedTopic) {
    for link in &topic.learn_more {
        web_link(flow, wording::LEARN_MORE, link, "");
    }
}

/// "Adapted from" the topic's source.
fn source(flow: &mut Flow<'_>, topic: &ResolvedTopic) {
    if let Some(source) = &topic.source {
        web_link(flow, wording::ADAPTED_FROM, source, ".");
    }
}

/// A small paragraph: the words, then the linked page title.
fn web_link(flow: &mut Flow<'_>, words: &str, link: &Source, end: &str) {
    let body = flow.body();
    let style = Style {
        size: body.size * 0.85,
        color: flow.theme.muted,
        ..body
    };
    let mut s = vec![
        Span::new(format!("{words} "), style),
        Span::link(
            link.title.clone(),
            style.with_color(flow.theme.link),
            LinkTarget::Uri(link.url.clone()),
        ),
    ];
    if !end.is_empty() {
        s.push(Span::new(end, style));
    }
    flow.paragraph(&s);
}
