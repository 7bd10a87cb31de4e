//! Rule `missing-alt-text`: an image without a description for readers who cannot see it.

use super::{Findings, Level, Rule, RuleContext, TextSite};
use crate::content::ContentDoc;
use crate::model::Image;
use crate::model::walk::{Visitor, walk};

/// See the module docs.
pub struct MissingAltText;

impl Rule for MissingAltText {
    fn code(&self) -> &'static str {
        "missing-alt-text"
    }
    fn description(&self) -> &'static str {
        "an image has no `alt` text, or only an empty one"
    }
    fn why(&self) -> &'static str {
        "screen-reader users, and every reader when the image fails to load, get nothing; accessibility law requires it"
    }
    fn example(&self) -> &'static str {
        "- image: { src: images/roles.png }"
    }
    fn default_level(&self) -> Level {
        Level::Deny
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
