//! The last check on every text file helpdoc's own exporters write: no line break but `\n`.
//!
//! Loaders normalize line breaks in all content text ([`crate::text::line_breaks`]), and exporters
//! count lines by `\n` when they fence code or escape line starts. A `\r`, NEL, LS or PS left in an
//! output would be a line end to some reader (MDX ends a line at `\r`) that the exporter never saw,
//! so an exporter's output is checked here, in one place, before anything is written.
//!
//! Binary artifacts are not checked: images are the content's own files, copied as they are, and a
//! PDF holds no line of text a reader splits (its text is drawn glyph by glyph, from spans that
//! [`crate::export::pdf`] cleans of every line break but `\n`).

use super::{Artifact, ExportContext, ExportError, Exported, Exporter};
use crate::resolve::ResolvedPublication;
use crate::text::line_breaks;

/// The extensions of the text files helpdoc's exporters write.
const TEXT_EXTENSIONS: [&str; 7] = ["md", "mdx", "html", "json", "css", "js", "txt"];

/// Fails, naming the file, line and character, when a text artifact holds a line break other than
/// `\n`.
pub fn check(exporter: &str, artifacts: &[Artifact]) -> Result<(), ExportError> {
    for artifact in artifacts.iter().filter(|a| is_text(&a.path)) {
        let text = String::from_utf8_lossy(&artifact.bytes);
        if let Some((at, c)) = line_breaks::find_foreign(&text) {
            let line = text[..at].matches('\n').count() + 1;
            return Err(ExportError {
                exporter: exporter.to_string(),
                message: format!(
                    "`{}` line {line} would hold a U+{:04X} line break, which readers of this format may count as a line end that helpdoc did not write; nothing was written. This is a bug in helpdoc (content line breaks are normalized when it is loaded): please report it with the content that caused it",
                    artifact.path,
                    u32::from(c)
                ),
            });
        }
    }
    Ok(())
}

fn is_text(path: &str) -> bool {
    path.rsplit_once('.')
        .is_some_and(|(_, ext)| TEXT_EXTENSIONS.iter().any(|t| ext.eq_ignore_ascii_case(t)))
}

/// An exporter whose artifacts pass [`check`]. Wraps the built-in exporters and template packs
/// (helpdoc writes their text); a command exporter's files are its own format and are not checked.
pub struct Checked(pub Box<dyn Exporter>);

impl Exporter for Checked {
    fn name(&self) -> &str {
        self.0.name()
    }
    fn wants(&self, publication: &ResolvedPublication) -> bool {
        self.0.wants(publication)
    }
    fn export(&self, cx: &ExportContext<'_>) -> Result<Exported, ExportError> {
        let exported = self.0.export(cx)?;
        check(self.0.name(), &exported.artifacts)?;
        Ok(exported)
    }
    fn prepare(&self) {
        self.0.prepare();
    }
    fn names_publications(&self) -> bool {
        self.0.names_publications()
    }
    fn weight(&self) -> Option<u32> {
        self.0.weight()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn artifact(path: &str, text: &str) -> Artifact {
        Artifact {
            path: path.to_string(),
            bytes: text.as_bytes().to_vec(),
            publication: None,
        }
    }

    #[test]
    fn refuses_every_foreign_line_break_in_text_files() {
        for c in ['\r', '\u{85}', '\u{2028}', '\u{2029}'] {
            let error = check(
                "markdown",
                &[
                    artifact("a/ok.md", "fine\n"),
                    artifact("a/page.md", &format!("one\ntwo{c}three\n")),
                ],
            )
            .unwrap_err();
            assert!(
                error
                    .message
                    .starts_with("`a/page.md` line 2 would hold a U+"),
                "{}",
                error.message
            );
        }
    }

    #[test]
    fn binary_files_and_clean_text_pass() {
        let artifacts = [
            artifact("guide.pdf", "%PDF\r\n"),
            artifact("img/logo.svg", "<svg>\r\n</svg>"),
            artifact("guide.html", "<p>a\nb</p>\n"),
        ];
        assert!(check("html", &artifacts).is_ok());
    }
}
