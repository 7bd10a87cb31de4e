//! Rule `duplicate-topic`: two topics for the same error message, or for the same question, across files.
//!
//! Messages (and `match` wordings) are first normalized as the in-product lookup finds them
//! ([`crate::lookup::normalize_message`]), then compared loosely like questions ([`normalize`]:
//! contractions, punctuation and hyphens do not count). So every pair the lookup cannot tell
//! apart is reported, and so are near-duplicates ("I haven't …" and "I have not …") that should
//! be one topic with a `match` wording. Inside one topic, a `match` wording is redundant only
//! when the lookup finds it already.

use std::collections::HashMap;

use super::{Finding, Findings, Level, Rule, RuleContext, RuleMeta};
use crate::content::ContentDoc;
use crate::model::Topic;
use crate::model::{Document, DocumentKind};

/// See the module docs.
pub struct DuplicateTopic;

/// Normalizes a question (a title) or a normalized message for comparison: lowercase, contractions expanded ("haven't" →
/// "have not"), quotes and punctuation dropped, white space collapsed.
pub fn normalize(text: &str) -> String {
    let lower = text.to_lowercase().replace('\u{2019}', "'");
    let mut out = String::with_capacity(lower.len());
    // The runs of letters and digits of `part`, each after a space (but the first).
    let mut push_words = |part: &str| {
        for word in part.split(|c: char| !c.is_alphanumeric()) {
            if !word.is_empty() {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(word);
            }
        }
    };
    for token in lower.split_whitespace() {
        let token = token.trim_matches(|c: char| !c.is_alphanumeric());
        match token {
            "can't" | "cannot" => push_words("can not"),
            "won't" => push_words("will not"),
            _ => match CONTRACTIONS
                .iter()
                .find_map(|(from, to)| Some((token.strip_suffix(from)?, to)))
            {
                Some((stem, to)) => {
                    push_words(stem);
                    push_words(to);
                }
                None => push_words(token),
            },
        }
    }
    out
}

/// Contraction endings and the words they stand for, in the order they are tried.
const CONTRACTIONS: [(&str, &str); 5] = [
    ("n't", "not"),
    ("'re", "are"),
    ("'ve", "have"),
    ("'m", "am"),
    ("'ll", "will"),
];

/// What a topic is about, for comparison: an exact message wording of an error (templates are
/// compared by `overlapping-templates`), or the question a topic's title asks. Kept with its
/// document ([`ContentDoc::duplicate_subjects`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    /// The loose key (`message:` or `question:` and the [`normalize`]d text).
    key: String,
    /// The lookup's key.
    exact: String,
    /// The JSON pointer of the field that says it.
    field: String,
    /// Its text.
    text: String,
}

fn subjects(topic: &Topic) -> Vec<Subject> {
    match topic {
        Topic::Error(e) => crate::lookup::wordings(&e.message, &e.match_wordings)
            .into_iter()
            .filter_map(|(pointer, wording)| match crate::lookup::parse(wording) {
                Ok(crate::lookup::Pattern::Exact(key)) => {
                    let loose = normalize(&key);
                    (!loose.is_empty()).then(|| Subject {
                        key: format!("message:{loose}"),
                        exact: key,
                        field: pointer,
                        text: wording.to_string(),
                    })
                }
                _ => None,
            })
            .collect(),
        other => {
            let key = normalize(&other.meta().title);
            if key.is_empty() {
                return Vec::new();
            }
            vec![Subject {
                key: format!("question:{key}"),
                exact: key,
                field: "/title".to_string(),
                text: other.meta().title.clone(),
            }]
        }
    }
}

/// What `helpdoc rules` says about this rule, and its level when the project sets none.
const META: RuleMeta = RuleMeta {
    code: "duplicate-topic",
    description: "two error topics for the same message, or two topics for the same question, anywhere in the content",
    why: "duplicates drift apart: readers (and the in-product help, keyed by message) get whichever copy was not updated",
    example: "errors/missing-permissions.yaml and drafts/missing-permissions-2.yaml both have `message: Missing permissions`",
    default_level: Level::Deny,
};

impl Rule for DuplicateTopic {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn content_reads_kind(&self, kind: DocumentKind) -> bool {
        // Topics of every kind, not fragments or publications.
        kind.is_topic()
    }
    fn document_key(&self, doc: &ContentDoc) -> Option<String> {
        // Its id (a second subject of the same topic is told apart by it) and its subjects.
        let subjects = match &doc.document {
            Document::Topic(topic) => doc.duplicate_subjects.get_or_init(|| subjects(topic)),
            _ => return Some(String::new()),
        };
        Some(format!("{}\n{subjects:?}", doc.id()))
    }
    fn check_content(&self, cx: &RuleContext<'_>, findings: &mut Findings) {
        let mut first: HashMap<&str, (&ContentDoc, &str, &str)> = HashMap::new();
        for (doc, topic) in cx.content.topics() {
            let found = doc.duplicate_subjects.get_or_init(|| subjects(topic));
            for Subject {
                key,
                exact,
                field,
                text,
            } in found
            {
                let Some(&(original, original_field, original_exact)) = first.get(key.as_str())
                else {
                    first.insert(key, (doc, field, exact));
                    continue;
                };
                let what = if key.starts_with("message:") {
                    format!("the error message \"{text}\"")
                } else {
                    format!("the question \"{text}\"")
                };
                let here = doc.node.locate(field).node.span.clone();
                let original_span = original.node.locate(original_field).node.span.clone();
                if original.id() == doc.id() {
                    if original_exact != exact {
                        // Another wording the lookup tells apart ("Top-level" for "Top level").
                        continue;
                    }
                    findings.push(
                        Finding::new(
                            doc.file,
                            here,
                            format!("{what} already finds this topic"),
                            "same wording",
                            "remove this `match` wording: the lookup normalizes case, spacing, quotes and trailing punctuation".into(),
                        )
                        .also(original.file, original_span, "first written here"),
                    );
                    continue;
                }
                findings.push(
                    Finding::new(
                        doc.file,
                        here,
                        format!(
                            "{what} already has a topic, `{}`; this is a second one, `{}`",
                            original.id(),
                            doc.id()
                        ),
                        "duplicate",
                        format!(
                            "keep one topic: merge what this one adds into `{}`, delete this one, and link to it with `topic:{}` where needed",
                            original.id(),
                            original.id()
                        ),
                    )
                    .also(original.file, original_span, "first written here"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn contractions_quotes_and_case_do_not_matter_in_questions() {
        assert_eq!(
            normalize("Why I haven't received an email with credentials"),
            normalize("Why I have not received an email with credentials?")
        );
        assert_eq!(
            normalize("'Missing permissions'"),
            normalize("Missing Permissions")
        );
        assert_ne!(normalize("Missing permissions"), normalize("Missing roles"));
        assert_eq!(
            normalize("  \"You can't — won't’ve it's n't ÉTÉ x-ray's 'quoted'!  "),
            "you can not won t have it s not été x ray s quoted"
        );
        assert_eq!(
            normalize("I'm here, you'll see; we're done, they've left"),
            "i am here you will see we are done they have left"
        );
        assert_eq!(normalize("..."), "");
    }
}
