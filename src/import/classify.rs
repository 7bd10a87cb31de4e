//! Decides what a draft heading becomes: a topic of some kind, a group of topics, or neither.

use super::mapped::Mapped;
use crate::model::DocumentKind;

/// What the headings under a group become.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// "Prerequisites": every sub-heading is a prerequisite.
    Prerequisites,
    /// "Error resolution", "Errors", "Error messages": every sub-heading is an error topic.
    Errors,
    /// Any other heading: sub-headings are classified on their own.
    Plain,
}

/// The topic kind a heading maps to.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// Something required before starting.
    Prerequisite,
    /// A question and its answer ("What is …?", "Why …?").
    Concept,
    /// Steps ("How do I …?").
    Procedure,
    /// An error message or a symptom, with the message as written in the heading.
    Error {
        /// The message.
        message: Mapped,
        /// A user-reported symptom rather than a message the product shows.
        symptom: bool,
    },
}

impl Kind {
    /// The kind of the topic this draft becomes.
    pub fn document_kind(&self) -> DocumentKind {
        match self {
            Kind::Prerequisite => DocumentKind::Prerequisite,
            Kind::Concept => DocumentKind::Concept,
            Kind::Procedure => DocumentKind::Procedure,
            Kind::Error { .. } => DocumentKind::Error,
        }
    }
}

/// The group a heading starts, from its text.
pub fn group_of(title: &str) -> Group {
    let lower = title.trim().trim_end_matches(':').to_lowercase();
    match lower.as_str() {
        "prerequisites" | "prerequisite" | "before you start" | "before you begin"
        | "requirements" => Group::Prerequisites,
        "error resolution"
        | "errors"
        | "error messages"
        | "resolve errors"
        | "troubleshoot errors"
        | "error message resolution" => Group::Errors,
        _ => Group::Plain,
    }
}

/// The topic kind for a heading in a group of the given kind, or `None` when the heading is not
/// recognizably a topic.
pub fn kind_of(title: &Mapped, group: Group) -> Option<Kind> {
    if let Some(message) = quoted_error(title) {
        return Some(Kind::Error {
            message,
            symptom: false,
        });
    }
    match group {
        Group::Prerequisites => return Some(Kind::Prerequisite),
        Group::Errors => {
            return Some(Kind::Error {
                message: symptom_message(title),
                symptom: true,
            });
        }
        Group::Plain => {}
    }
    let lower = title.text.trim().to_lowercase().replace('\u{2019}', "'");
    if group_of(&lower) == Group::Prerequisites {
        return Some(Kind::Prerequisite);
    }
    if is_symptom(&lower) {
        return Some(Kind::Error {
            message: symptom_message(title),
            symptom: true,
        });
    }
    let starts = |prefixes: &[&str]| prefixes.iter().any(|p| lower.starts_with(p));
    if starts(&[
        "how do i ",
        "how can i ",
        "how to ",
        "how do you ",
        "how should i ",
    ]) {
        return Some(Kind::Procedure);
    }
    if starts(&[
        "what is ",
        "what are ",
        "what's ",
        "what does ",
        "what do ",
        "why ",
    ]) {
        return Some(Kind::Concept);
    }
    None
}

/// "How do I resolve the 'X' error?", "Resolve the 'X' error", "'X' error": the quoted X.
fn quoted_error(title: &Mapped) -> Option<Mapped> {
    let text = &title.text;
    let lower = text.to_lowercase();
    if !lower.contains("error") {
        return None;
    }
    for (open, close) in [('\'', '\''), ('"', '"'), ('‘', '’'), ('“', '”')] {
        let mut search = 0;
        while let Some(found) = text[search..].find(open) {
            let start = search + found;
            search = start + open.len_utf8();
            let opens_quote = text[..start]
                .chars()
                .next_back()
                .is_none_or(|c| c.is_whitespace() || c == '(');
            if !opens_quote {
                continue;
            }
            let inner_start = start + open.len_utf8();
            let Some(len) = text[inner_start..].find(close) else {
                continue;
            };
            let inner_end = inner_start + len;
            let after = &lower[inner_end + close.len_utf8()..];
            if len > 0 && after.trim_start().starts_with("error") {
                return Some(title.slice(inner_start..inner_end).trimmed());
            }
        }
    }
    None
}

/// "I haven't received …", "I can't see …": a symptom in the user's words.
fn is_symptom(lower: &str) -> bool {
    [
        "i haven't ",
        "i have not ",
        "i can't ",
        "i cannot ",
        "i can not ",
        "i don't ",
        "i do not ",
        "i didn't ",
        "i did not ",
        "i'm not ",
        "i am not ",
        "i never ",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
}

/// The symptom without a trailing "What do I do?" and final full stop.
fn symptom_message(title: &Mapped) -> Mapped {
    let mut text = title.trimmed();
    loop {
        let lower = text.text.to_lowercase();
        let generic = [
            "what do i do?",
            "what should i do?",
            "what can i do?",
            "what now?",
            "how do i fix this?",
            "how do i fix it?",
        ];
        match generic.iter().find(|g| lower.ends_with(*g)) {
            Some(g) if lower.len() > g.len() => {
                text = text.slice(0..text.text.len() - g.len()).trimmed();
            }
            _ => break,
        }
    }
    let end = text.text.trim_end_matches('.').len();
    text.slice(0..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(title: &str, group: Group) -> Option<Kind> {
        kind_of(&Mapped::from_source(title, 0..title.len()), group)
    }

    fn message(title: &str, group: Group) -> Option<(String, bool)> {
        match kind(title, group) {
            Some(Kind::Error { message, symptom }) => Some((message.text, symptom)),
            _ => None,
        }
    }

    #[test]
    fn errors_from_quoted_messages_and_symptoms() {
        assert_eq!(
            message(
                "How do I resolve the 'Unable to connect to Intacct' error?",
                Group::Plain
            ),
            Some(("Unable to connect to Intacct".into(), false))
        );
        assert_eq!(
            message("Resolve the “Missing permissions” error", Group::Plain),
            Some(("Missing permissions".into(), false))
        );
        assert_eq!(
            message(
                "I have not received an email with credentials. What do I do?",
                Group::Errors
            ),
            Some(("I have not received an email with credentials".into(), true))
        );
        assert_eq!(
            message("I haven't received an email with credentials", Group::Plain),
            Some(("I haven't received an email with credentials".into(), true))
        );
    }

    #[test]
    fn questions_and_groups() {
        assert_eq!(
            kind("What is a Web Services subscription?", Group::Plain),
            Some(Kind::Concept)
        );
        assert_eq!(
            kind("Why don't I see the Roles tab?", Group::Plain),
            Some(Kind::Concept)
        );
        assert_eq!(
            kind("How can I check my role?", Group::Plain),
            Some(Kind::Procedure)
        );
        assert_eq!(
            kind("What do I need before I start?", Group::Prerequisites),
            Some(Kind::Prerequisite)
        );
        assert_eq!(kind("Web Services user", Group::Plain), None);
        assert_eq!(group_of("Error resolution "), Group::Errors);
        assert_eq!(group_of("Prerequisites"), Group::Prerequisites);
    }
}
