//! Publishing notes: what resolving or exporting a publication does that the writer should know
//! (a link that becomes plain text, a help bundle without docs links), each with a rule-like code
//! whose level `helpdoc.toml` sets and, where there is one, its place in the content.

use std::ops::Range;

/// In a note's message, stands for the publications it was found in ("publication `a`",
/// "publications `a` and `b`"), filled when notes from several publications merge. A message
/// without it gets them as a prefix.
pub const PUBLICATIONS: &str = "{publications}";

/// Where in the content a note points; `check` turns it into a file and byte span.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Place {
    /// Nowhere in the content (something an exporter did on its own).
    Nowhere,
    /// A field of a document: the document's id and a JSON pointer into it as written.
    Field {
        /// The document's id.
        doc: String,
        /// The JSON pointer (`/formats/json/docs_base_url`).
        pointer: String,
    },
    /// A stretch of a rich text in a document: the text as written and a byte range in it.
    Text {
        /// The id of the document that holds the text (a fragment's, for included text).
        doc: String,
        /// The rich text as written.
        text: String,
        /// The byte range in `text`.
        range: Range<usize>,
    },
    /// An image, by its path relative to the content folder.
    Image {
        /// The content-relative path.
        path: String,
    },
}

impl Place {
    /// A field of a document.
    pub fn field(doc: &str, pointer: &str) -> Place {
        Place::Field {
            doc: doc.to_string(),
            pointer: pointer.to_string(),
        }
    }
}

/// One note from a publication (or from an exporter as a whole).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// What kind of note this is.
    pub rule: &'static NoteRule,
    /// The publication it is about; `None` for an exporter's note about its whole run.
    pub publication: Option<String>,
    /// One sentence that names no publication (notes from several publications merge); it may
    /// hold [`PUBLICATIONS`].
    pub message: String,
    /// Where it is.
    pub place: Place,
    /// The label under the underline.
    pub label: String,
    /// A related place and its label ("first used here").
    pub also: Option<(Place, String)>,
    /// How to fix it.
    pub help: String,
}

impl Note {
    /// A note of `rule` about `publication`, at no place yet.
    pub fn new(
        rule: &'static NoteRule,
        publication: Option<&str>,
        message: impl Into<String>,
    ) -> Note {
        Note {
            rule,
            publication: publication.map(str::to_string),
            message: message.into(),
            place: Place::Nowhere,
            label: String::new(),
            also: None,
            help: rule.help.to_string(),
        }
    }

    /// Sets where the note points and its label.
    pub fn at(mut self, place: Place, label: impl Into<String>) -> Note {
        self.place = place;
        self.label = label.into();
        self
    }

    /// Adds a related place.
    pub fn also(mut self, place: Place, label: impl Into<String>) -> Note {
        self.also = Some((place, label.into()));
        self
    }

    /// Replaces the rule's general help with a specific one.
    pub fn help(mut self, help: impl Into<String>) -> Note {
        self.help = help.into();
        self
    }
}

/// A kind of publishing note: its code and what `helpdoc rules` says about it. Every kind is a
/// warning unless `helpdoc.toml` sets another level under `[rules]`, as for content rules.
#[derive(Debug, PartialEq, Eq)]
pub struct NoteRule {
    /// The code, used in diagnostics and in `helpdoc.toml`.
    pub code: &'static str,
    /// One line: what it catches.
    pub description: &'static str,
    /// Why it matters to readers.
    pub why: &'static str,
    /// The general fix.
    pub help: &'static str,
    /// Whether it is an error unless `helpdoc.toml` sets another level (a publication that
    /// would publish something broken); other notes are warnings.
    pub deny: bool,
}

/// A cross-reference to a topic the publication does not include, and that cannot link into the
/// docs site instead, becomes plain text.
pub const LINK_OUTSIDE_PUBLICATION: NoteRule = NoteRule {
    code: "link-outside-publication",
    description: "a link to a topic that a publication using this text does not include, and that no docs page of it can replace; there it becomes plain text",
    why: "readers of that publication see the link text but cannot follow it to the answer",
    help: "add the topic to the publication; or set `base_url` under `[site]` in helpdoc.toml and publish the topic in a Markdown publication, so the link goes into the docs site; or reword the text",
    deny: false,
};

/// No docs base URL (`[site] base_url` in helpdoc.toml, or a publication's older
/// `formats.json.docs_base_url`), so the help bundle has no docs links.
pub const BUNDLE_NO_DOCS_LINKS: NoteRule = NoteRule {
    code: "bundle-no-docs-links",
    description: "a publication with an in-product help bundle has no usable docs base URL (`base_url` under `[site]` in helpdoc.toml)",
    why: "without it the product cannot send users from an error to the full page in the docs",
    help: "set `base_url` under `[site]` in helpdoc.toml to the https:// address where the Markdown docs are published",
    deny: false,
};

/// An error topic has no page in any Markdown-enabled publication, so no docs link.
pub const BUNDLE_NO_DOCS_PAGE: NoteRule = NoteRule {
    code: "bundle-no-docs-page",
    description: "an error topic in a help bundle that no Markdown-enabled publication includes",
    why: "the product shows the error's help without a link to read more",
    help: "place the topic in a publication that builds Markdown docs",
    deny: false,
};

/// A help bundle with no error topics.
pub const BUNDLE_EMPTY: NoteRule = NoteRule {
    code: "bundle-empty",
    description: "a publication that asks for an in-product help bundle but has no error topics",
    why: "the product receives a bundle with nothing in it",
    help: "add error topics to the publication, or set `formats.json.enabled: false`",
    deny: false,
};

/// Two errors share an index key, or a message has none.
pub const BUNDLE_LOOKUP: NoteRule = NoteRule {
    code: "bundle-lookup",
    description: "error topics in one help bundle that share a code or a normalized message, or a message that is empty once normalized",
    why: "the product looks errors up by code and by message; one of them can then never be found",
    help: "give each error its own `code` and `message`",
    deny: false,
};

/// Images in error topics, which the help bundle does not carry.
pub const BUNDLE_IMAGE_LEFT_OUT: NoteRule = NoteRule {
    code: "bundle-image-left-out",
    description: "an image in an error topic (or a procedure it shows) of a help bundle, which carries no image files",
    why: "users in the product see the help without the picture the text may refer to",
    help: "make the text stand without the image, or keep the image in topics outside the bundle",
    deny: false,
};

/// A publication with no sections has no pages.
pub const EMPTY_PUBLICATION: NoteRule = NoteRule {
    code: "empty-publication",
    description: "a publication with no sections, which builds no Markdown pages",
    why: "the docs site gets a folder with nothing to read",
    help: "add sections with topics to the publication, or turn its Markdown format off",
    deny: false,
};

/// An image the PDF cannot embed.
pub const PDF_IMAGE: NoteRule = NoteRule {
    code: "pdf-image",
    description: "an image the PDF cannot embed (not a PNG, or not decodable); it shows the alternative text instead",
    why: "PDF readers see a placeholder where the picture should be",
    help: "convert the image to an 8-bit PNG",
    deny: false,
};

/// A command exporter that wrote nothing.
pub const EXPORTER_NO_FILES: NoteRule = NoteRule {
    code: "exporter-no-files",
    description: "a command exporter that finished without writing any file",
    why: "its output folder is empty, which is rarely what the exporter meant",
    help: "check the exporter's command and that it writes into the folder it is given",
    deny: false,
};

/// A publication's selection leaves a procedure without steps, an error without causes or a
/// page without topics.
pub const EMPTIED_BY_CONDITION: NoteRule = NoteRule {
    code: "emptied-by-condition",
    description: "a procedure with no steps, an error with no causes or a page with no topics left once a publication leaves out what its `when` conditions do not select",
    why: "readers of that publication get a heading with nothing under it",
    help: "leave the whole topic (or page) out with a `when` of its own, or give the publication content for what it selects",
    deny: true,
};

/// A reference that, in a publication, points at content its selection left out.
pub const REFERENCE_FILTERED_OUT: NoteRule = NoteRule {
    code: "reference-filtered-out",
    description: "a branch, resolution, read-next link or link to a step or cause that points at content a publication's selection left out",
    why: "readers of that publication are sent to something that is not there",
    help: "give the reference the same `when` as its target, or point it at content the publication keeps",
    deny: true,
};

/// Every kind of publishing note, sorted by code.
pub static NOTE_RULES: &[&NoteRule] = &[
    &BUNDLE_EMPTY,
    &BUNDLE_IMAGE_LEFT_OUT,
    &BUNDLE_LOOKUP,
    &BUNDLE_NO_DOCS_LINKS,
    &BUNDLE_NO_DOCS_PAGE,
    &EMPTIED_BY_CONDITION,
    &EMPTY_PUBLICATION,
    &EXPORTER_NO_FILES,
    &LINK_OUTSIDE_PUBLICATION,
    &PDF_IMAGE,
    &REFERENCE_FILTERED_OUT,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn note_rules_are_sorted_and_unique() {
        let codes: Vec<&str> = NOTE_RULES.iter().map(|r| r.code).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(codes, sorted);
    }
}
