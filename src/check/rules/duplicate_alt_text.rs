//! Rule `duplicate-alt-text`: the same alt text on different images (pasted from one screenshot
//! onto the next), anywhere in the content.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use super::{Finding, Findings, Level, Rule, RuleContext, RuleMeta};
use crate::content::ContentDoc;
use crate::model::Image;
use crate::model::walk::{Visitor, walk};

/// See the module docs.
pub struct DuplicateAltText;

/// One image with alt text in a document: its alt text compared ([`key`]), the pointer to its
/// `alt`, the file it shows. Worked out once per document ([`ContentDoc::alt_texts`]).
#[derive(Debug, Clone)]
pub struct AltText {
    key: String,
    pointer: String,
    file: PathBuf,
}

/// The images with alt text in `doc`, in document order.
fn alt_texts(doc: &ContentDoc) -> Vec<AltText> {
    let mut images: Vec<(String, &Image)> = Vec::new();
    struct Collect<'a, 'd>(&'a mut Vec<(String, &'d Image)>);
    impl<'d> Visitor<'d> for Collect<'_, 'd> {
        fn image(&mut self, image: &'d Image, pointer: &str) {
            self.0.push((pointer.to_string(), image));
        }
    }
    walk(&doc.document, &mut Collect(&mut images));
    images
        .into_iter()
        .filter_map(|(pointer, image)| {
            let alt = image.alt.as_deref().filter(|a| !a.trim().is_empty())?;
            Some(AltText {
                key: key(alt),
                pointer: format!("{pointer}/alt"),
                file: image_file(&doc.path, &image.src),
            })
        })
        .collect()
}

/// One image as written: its document's index and its alt text.
struct Seen<'d> {
    doc: usize,
    alt: &'d AltText,
}

/// The file an image shows: its `src` joined to the document's folder, `..` applied lexically
/// (two documents reach one image by different relative paths).
fn image_file(doc_path: &Path, src: &str) -> PathBuf {
    let joined = doc_path.parent().unwrap_or(Path::new("")).join(src);
    let mut out = PathBuf::new();
    for part in joined.components() {
        match part {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Alt text compared without case and runs of white space.
fn key(alt: &str) -> String {
    alt.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// What `helpdoc rules` says about this rule, and its level when the project sets none.
const META: RuleMeta = RuleMeta {
    code: "duplicate-alt-text",
    description: "two different images with the same alt text",
    why: "alt text pasted from another screenshot tells screen-reader users the wrong thing, and they cannot tell the two images apart",
    example: "- image: { src: images/security-tab.png, alt: The Company information screen }  # the alt of company-information.png",
    default_level: Level::Warn,
};

impl Rule for DuplicateAltText {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_content(&self, cx: &RuleContext<'_>, findings: &mut Findings) {
        let mut by_alt: HashMap<&str, Vec<Seen>> = HashMap::new();
        let mut order: Vec<&str> = Vec::new();
        for (index, doc) in cx.content.docs.iter().enumerate() {
            for alt in doc.alt_texts.get_or_init(|| alt_texts(doc)) {
                let seen = by_alt.entry(&alt.key).or_default();
                if seen.is_empty() {
                    order.push(&alt.key);
                }
                seen.push(Seen { doc: index, alt });
            }
        }
        for key in order {
            let seen = &by_alt[key];
            let first = &seen[0];
            for later in seen.iter().skip(1).filter(|s| s.alt.file != first.alt.file) {
                let (doc, first_doc) = (&cx.content.docs[later.doc], &cx.content.docs[first.doc]);
                let alt = cx.sources.file(doc.file).text
                    [doc.node.locate(&later.alt.pointer).node.span.clone()]
                .trim()
                .to_string();
                let first_range = first_doc.node.locate(&first.alt.pointer).node.span.clone();
                findings.push(
                    Finding::new(
                        doc.file,
                        doc.node.locate(&later.alt.pointer).node.span.clone(),
                        format!("another image already has the alt text {alt}"),
                        "same alt text as another image",
                        "describe what this image shows that the other does not (the screen, the tab, the field it points at)".into(),
                    )
                    .also(first_doc.file, first_range, "first used here"),
                );
            }
        }
    }
}
