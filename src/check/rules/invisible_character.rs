//! Rule `invisible-character`: a bidi control or zero-width character where text is matched or
//! followed rather than read: an error topic's product message, a link target, a source URL, a
//! publication's `docs_base_url`, `base_url` under `[site]` in helpdoc.toml, and a data file's
//! cells and column names (views choose columns and keep rows by their exact text).

use std::ops::Range;

use super::{Finding, Findings, Level, Rule, RuleContext, RuleMeta, TextSite};
use crate::check::locate::span_in_value;
use crate::content::ContentDoc;
use crate::diag::FileId;
use crate::model::Document;
use crate::model::DocumentKind;
use crate::model::inline::INVISIBLE_CHARACTER;
use crate::model::walk::TextRole;
use crate::text::invisible;

/// See the module docs.
pub struct InvisibleCharacter;

/// What `helpdoc rules` says about this rule, and its level when the project sets none.
const META: RuleMeta = RuleMeta {
    code: INVISIBLE_CHARACTER,
    description: "a bidi control or zero-width character (U+202E, U+200B, …) in an error message, a link target, a source URL or a docs base URL",
    why: "these characters do not show: a message holding one no longer matches what the product shows (its in-product help is never found), and an address holding one reads as another. Exporters never link such an address",
    example: "message: \"Missing\\u200B permissions\"",
    default_level: Level::Deny,
};

impl Rule for InvisibleCharacter {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn content_reads_kind(&self, _kind: DocumentKind) -> bool {
        // Its whole-set part reads only the configuration's `[site] base_url`.
        false
    }
    fn check_content(&self, cx: &RuleContext<'_>, findings: &mut Findings) {
        site_base_url(cx, findings);
    }
    fn check_data(&self, cx: &RuleContext<'_>, texts: &[TextSite], findings: &mut Findings) {
        for site in texts {
            let locate = |range| site.source_range(cx, range);
            report(site.file, locate, site.text, "the data cell", findings);
        }
    }
    fn check_document(
        &self,
        cx: &RuleContext<'_>,
        doc: &ContentDoc,
        texts: &[TextSite],
        findings: &mut Findings,
    ) {
        for site in texts {
            match site.role {
                None => {
                    // Link targets: refused (and explained) when the rich text is parsed.
                    for problem in &site.links().problems {
                        if problem.code == INVISIBLE_CHARACTER {
                            findings.push(Finding::new(
                                site.file,
                                site.source_range(cx, problem.range.clone()),
                                problem.message.clone(),
                                "this link",
                                problem.help.clone(),
                            ));
                        }
                    }
                }
                Some(TextRole::Message) => {
                    plain(cx, doc, &site.pointer, site.text, "the message", findings)
                }
                Some(_) => {}
            }
        }
        match &doc.document {
            Document::Topic(topic) => {
                if let Some(source) = &topic.meta().source {
                    plain(
                        cx,
                        doc,
                        "/source/url",
                        &source.url,
                        "the source URL",
                        findings,
                    );
                }
            }
            Document::Publication(publication) => {
                if let Some(base) = &publication.formats.json.docs_base_url {
                    let pointer = "/formats/json/docs_base_url";
                    plain(cx, doc, pointer, base, "`docs_base_url`", findings);
                }
            }
            Document::Fragment(_) => {}
        }
    }
}

/// Reports the first invisible character of `base_url` under `[site]` in helpdoc.toml, at its key
/// (the value may be written with escapes).
fn site_base_url(cx: &RuleContext<'_>, findings: &mut Findings) {
    let (Some(base), Some((file, key))) = (&cx.config.site.base_url, &cx.config.site_base_url_at)
    else {
        return;
    };
    let Some((at, c)) = invisible::find(base) else {
        return;
    };
    findings.push(Finding::new(
        *file,
        key.clone(),
        format!(
            "`base_url` `{}` holds the invisible character {}",
            invisible::reveal(base),
            invisible::describe(c)
        ),
        "here",
        format!(
            "delete the character (after `{}`): `base_url` is followed exactly, and no reader can see it",
            invisible::reveal(&base[..at])
        ),
    ));
}

/// Reports the first invisible character of a plain-text field at `pointer`.
fn plain(
    cx: &RuleContext<'_>,
    doc: &ContentDoc,
    pointer: &str,
    text: &str,
    what: &str,
    findings: &mut Findings,
) {
    let node = doc.node.locate(pointer).node;
    let source = &cx.sources.file(doc.file).text;
    let locate = |range| span_in_value(node, source, text, range);
    report(doc.file, locate, text, what, findings);
}

/// Reports the first invisible character of `text`, written in `file` where `locate` maps a
/// range of it.
fn report(
    file: FileId,
    locate: impl Fn(Range<usize>) -> Range<usize>,
    text: &str,
    what: &str,
    findings: &mut Findings,
) {
    let Some((at, c)) = invisible::find(text) else {
        return;
    };
    findings.push(Finding::new(
        file,
        locate(at..at + c.len_utf8()),
        format!(
            "{what} `{}` holds the invisible character {}",
            invisible::reveal(text),
            invisible::describe(c)
        ),
        "here",
        format!(
            "delete the character (after `{}`): {what} is matched or followed exactly, and no reader can see it",
            invisible::reveal(&text[..at])
        ),
    ));
}
