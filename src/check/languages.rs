//! A publication's format languages (`formats.pdf.language`, `formats.json.language`) are BCP 47 tags, checked by the one tag check ([`crate::text::language::check`]).

use crate::content::ContentDoc;
use crate::diag::Diagnostic;
use crate::model::Publication;
use crate::model::inline::LANGUAGE_TAG;

/// A `language-tag` error at each format language of `publication` that is not a well-formed
/// tag: PDF readers and screen readers (the PDF's `/Lang`) and products reading the bundle would
/// get a language they cannot use.
pub fn format_languages(doc: &ContentDoc, publication: &Publication, out: &mut Vec<Diagnostic>) {
    let formats = &publication.formats;
    for (format, language) in [
        ("pdf", &formats.pdf.language),
        ("json", &formats.json.language),
    ] {
        let Some(tag) = language else {
            continue;
        };
        let Err(why) = crate::text::language::check(tag) else {
            continue;
        };
        let span = doc
            .node
            .locate(&format!("/formats/{format}/language"))
            .node
            .span
            .clone();
        out.push(
            Diagnostic::error(
                LANGUAGE_TAG,
                format!("`formats.{format}.language` `{tag}` is not a BCP 47 language tag: {why}"),
            )
            .at(doc.file, span, "not a language tag")
            .help(crate::text::language::HELP),
        );
    }
}
