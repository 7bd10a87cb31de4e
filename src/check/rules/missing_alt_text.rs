//! Rule `missing-alt-text`: an image without a description for readers who cannot see it.

use super::{Findings, Level, Rule, RuleContext, RuleMeta, TextSite};
use crate::content::ContentDoc;
use crate::model::Image;
use crate::model::walk::{Visitor, walk};

/// See the module docs.
pub struct MissingAltText;

/// What `helpdoc rules` says about this rule, and its level when the project sets none.
const META: RuleMeta = RuleMeta {
    code: "missing-alt-text",
    description: "an image has no `alt` text, or only an empty one",
    why: "screen-reader users, and every reader when the image fails to load, get nothing; accessibility law requires it",
    example: "- image: { src: images/roles.png }",
    default_level: Level::Deny,
};

impl Rule for MissingAltText {
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
        let mut images = Vec::new();
        struct Collect<'a>(&'a mut Vec<String>);
        impl Visitor<'_> for Collect<'_> {
            fn image(&mut self, image: &Image, pointer: &str) {
                if image.alt.as_deref().is_none_or(|a| a.trim().is_empty()) {
                    self.0.push(pointer.to_string());
                }
            }
        }
        walk(&doc.document, &mut Collect(&mut images));
        for pointer in images {
            let help = "add `alt:` describing what the image shows (e.g. \"The Roles list with the View link beside each role\")";
            findings.at_pointer(
                doc,
                &pointer,
                "this image has no alt text".into(),
                "no `alt`",
                help.into(),
            );
        }
    }
}
