//! Rule `empty-section`: a topic, section or resolution with no content.

use super::{Findings, Level, Rule, RuleContext, RuleMeta, TextSite};
use crate::content::ContentDoc;
use crate::model::walk::{Container, Visitor, walk};
use crate::model::{Document, DocumentKind, Topic};

/// Whether a topic that has no steps or causes still has blocks of its own.
fn has_intro(document: &Document, what: Container) -> bool {
    match document {
        Document::Topic(Topic::Procedure(p))
            if what == Container::Document(DocumentKind::Procedure) =>
        {
            !p.intro.is_empty() || !p.outro.is_empty()
        }
        Document::Topic(Topic::Error(e)) if what == Container::Document(DocumentKind::Error) => {
            !e.intro.is_empty()
        }
        _ => false,
    }
}

/// See the module docs.
pub struct EmptySection;

/// What `helpdoc rules` says about this rule, and its level when the project sets none.
const META: RuleMeta = RuleMeta {
    code: "empty-section",
    description: "a topic, section or resolution that has a heading but no content",
    why: "readers who follow a heading and find nothing lose trust in the whole guide",
    example: "kind: procedure\nid: create-admin-role\ntitle: How do I create an admin role?\n# no steps",
    default_level: Level::Deny,
};

impl Rule for EmptySection {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_document(
        &self,
        _cx: &RuleContext<'_>,
        doc: &ContentDoc,
        _texts: &[TextSite],
        findings: &mut Findings,
    ) {
        let mut empty = Vec::new();
        struct Collect<'a>(&'a mut Vec<(Container, String)>);
        impl Visitor<'_> for Collect<'_> {
            fn container(&mut self, what: Container, has_content: bool, pointer: &str) {
                if !has_content {
                    self.0.push((what, pointer.to_string()));
                }
            }
        }
        walk(&doc.document, &mut Collect(&mut empty));
        // A procedure with only an intro, or an error with only an intro, has content (the
        // steps or causes are missing, which the text itself usually says); it is not empty.
        empty.retain(|(what, pointer)| !(pointer.is_empty() && has_intro(&doc.document, *what)));
        for (what, pointer) in empty {
            let (field, needed) = match what {
                Container::Document(DocumentKind::Procedure) => ("/title", "add `steps:`"),
                Container::Document(DocumentKind::Concept) => ("/title", "add an `answer:`"),
                Container::Document(DocumentKind::Prerequisite) => (
                    "/title",
                    "add a `body:` saying what is required, or `check:` steps",
                ),
                Container::Document(DocumentKind::Error) => {
                    ("/title", "add `causes:`, each with a `resolution:`")
                }
                Container::Resolution => ("", "add `steps:` or a `procedure:` to follow"),
                Container::Document(DocumentKind::Fragment) => ("", "add `blocks:`"),
                Container::Document(DocumentKind::Publication) | Container::Section => {
                    ("/title", "add `topics:`, nested `sections:` or an `intro:`")
                }
            };
            let what = what.name();
            let title_pointer = format!("{pointer}{field}");
            let title = doc
                .node
                .locate(&title_pointer)
                .node
                .as_str()
                .map(str::to_string);
            let message = match title {
                Some(t) => format!("the {what} \"{t}\" has no content"),
                None => format!("this {what} has no content"),
            };
            findings.at_pointer(
                doc,
                &title_pointer,
                message,
                "empty",
                format!("{needed}, or remove it until it is written"),
            );
        }
    }
}
