//! Rule `stale-link-text`: a cross-reference that quotes a topic's title, but not its current title.

use super::duplicate_topic::normalize;
use super::{Finding, Findings, Level, Rule, RuleContext, RuleMeta, TextSite};
use crate::content::{ContentDoc, ContentSet};
use crate::model::Topic;
use crate::model::inline::XRefSite;
use crate::model::{Section, SectionChild};

/// See the module docs.
pub struct StaleLinkText;

/// Whether a link's text is meant to quote the target's title. Sentence-case prose links ("you
/// [created the Web Services user](topic:…)") are not; a link whose text starts with a capital
/// letter in the middle of a sentence, or that stands alone (a list item of links), is.
fn quotes_a_title(text: &str, xref: &XRefSite) -> bool {
    let starts_upper = xref
        .text
        .trim_start_matches(['"', '\'', '“', '‘'])
        .starts_with(|c: char| c.is_uppercase());
    if !starts_upper {
        return false;
    }
    let line_start = text[..xref.range.start].rfind('\n').map_or(0, |i| i + 1);
    let before = text[line_start..xref.range.start].trim_end();
    let at_sentence_start = before.is_empty() || before.ends_with(['.', '!', '?', ':']);
    if !at_sentence_start {
        return true;
    }
    // At a sentence start, a capital is expected anyway: only a link that is the whole sentence
    // (nothing but punctuation after it) quotes a title.
    let rest = &text[xref.range.end..];
    let sentence_rest = rest.split(['\n']).next().unwrap_or_default();
    let until_stop = sentence_rest
        .split_inclusive(['.', '!', '?'])
        .next()
        .unwrap_or_default();
    !until_stop.chars().any(char::is_alphanumeric)
}

/// Whether the link `xref` in `text` quotes a title, and not one of `accepted` (the titles the
/// target has now): the rule's test, for topics here and for draft pages in `--lint-drafts`.
pub fn quotes_another_title(text: &str, xref: &XRefSite, accepted: &[&str]) -> bool {
    if !quotes_a_title(text, xref) {
        return false;
    }
    let shown = normalize(&xref.text);
    !accepted.iter().any(|a| normalize(a) == shown)
}

/// Whether two normalized texts share at least half their words (the larger set's).
fn similar(a: &str, b: &str) -> bool {
    let a: std::collections::BTreeSet<&str> = a.split(' ').collect();
    let b: std::collections::BTreeSet<&str> = b.split(' ').collect();
    let shared = a.intersection(&b).count();
    shared * 2 >= a.len().max(b.len())
}

/// The texts a link may show for a topic: its title, and an error's message.
fn accepted_texts(topic: &Topic) -> Vec<&str> {
    let mut accepted = vec![topic.meta().title.as_str()];
    if let Topic::Error(e) = topic {
        accepted.push(&e.message);
    }
    accepted
}

/// The titles of the sections (pages and groups) of every publication whose reading starts at
/// `topic`: a link to the topic with no anchor may show one of them, as a link to a whole page
/// (imported `[Sync errors](/docs/sync-errors)`) names the page's first topic.
fn titles_of_sections_opening_with<'c>(content: &'c ContentSet, topic: &str) -> Vec<&'c str> {
    fn walk<'c>(section: &'c Section, topic: &str, out: &mut Vec<&'c str>) {
        if section.first_topic().is_some_and(|id| id.as_str() == topic) {
            out.push(&section.title);
        }
        for (_, child) in section.children() {
            if let SectionChild::Section(nested) = child {
                walk(nested, topic, out);
            }
        }
    }
    let mut out = Vec::new();
    for publication in content.publications() {
        for section in &publication.sections {
            walk(section, topic, &mut out);
        }
    }
    out
}

/// What `helpdoc rules` says about this rule, and its level when the project sets none.
const META: RuleMeta = RuleMeta {
    code: "stale-link-text",
    description: "a cross-reference whose text quotes a topic title that is no longer the target's title (or, for an error, its message; for a topic that opens a page or group, that section's title)",
    why: "when a topic is renamed, links that still show the old title send readers looking for a heading that does not exist",
    example: "- paragraph: See [Add a Web Services authorization](topic:add-web-services-authorization). # the title is now \"Add the Web Services authorization\"",
    default_level: Level::Deny,
};

impl Rule for StaleLinkText {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_document(
        &self,
        cx: &RuleContext<'_>,
        doc: &ContentDoc,
        texts: &[TextSite],
        findings: &mut Findings,
    ) {
        for site in texts {
            if site.role.is_some() {
                continue;
            }
            for xref in &site.links().xrefs {
                let Some(target) = cx.content.topic(&xref.topic) else {
                    continue;
                };
                let mut accepted = accepted_texts(target);
                if !quotes_another_title(site.text, xref, &accepted) {
                    continue;
                }
                // Only now (this reads every publication): the titles of sections it opens.
                if xref.anchor.is_none() {
                    accepted.extend(titles_of_sections_opening_with(cx.content, &xref.topic));
                    if !quotes_another_title(site.text, xref, &accepted) {
                        continue;
                    }
                }
                let shown = normalize(&xref.text);
                // A link to a step or cause may describe that place in its own words; it is
                // stale only when it still reads like (an old version of) the topic's title.
                if xref.anchor.is_some() && !accepted.iter().any(|a| similar(&normalize(a), &shown))
                {
                    continue;
                }
                let title = &target.meta().title;
                let link = match &xref.anchor {
                    Some(anchor) => format!("topic:{}#{anchor}", xref.topic),
                    None => format!("topic:{}", xref.topic),
                };
                let (shown_text, topic) = (&xref.text, &xref.topic);
                let message = format!(
                    "the link text \"{shown_text}\" does not match the title of `{topic}`, which is now \"{title}\""
                );
                // The error's message, and the titles of the sections the topic opens.
                let alternative: String = (accepted.iter().skip(1))
                    .map(|text| format!(" or [{text}]({link})"))
                    .collect();
                let help = format!(
                    "write [{title}]({link}){alternative}, or check that the link points at the topic you mean"
                );
                findings.push(Finding::new(
                    doc.file,
                    site.source_range(cx, xref.range.clone()),
                    message,
                    "stale link text",
                    help,
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::inline::parse_inline;

    fn quoted(text: &str) -> bool {
        let xref = parse_inline(text).xrefs.remove(0);
        quotes_a_title(text, &xref)
    }

    #[test]
    fn title_links_and_prose_links() {
        assert!(quoted("[Missing permissions](topic:missing-permissions)"));
        assert!(quoted("To learn more, see [What is a user?](topic:user)."));
        assert!(quoted("as described in [Set the permissions](topic:set)."));
        assert!(!quoted("after you [created the user](topic:create-user)."));
        assert!(!quoted("[Password reset](topic:reset) sends a new email."));
    }
}
