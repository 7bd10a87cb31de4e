//! The kinds of content document (`kind:` in a file): the one table of their names and words.

use super::DocumentFamily;

/// A kind of content document, as written after `kind:`. Adding a kind is adding a variant here,
/// a row to the table of its names and words (`DocumentKind::row`) and its model type; the
/// compiler then points at each `match` that must handle it. Everything else that names kinds
/// (parsing, "did you mean", messages, the folders `helpdoc new` and the import write into, the
/// schema of each kind) reads this table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocumentKind {
    /// A prerequisite topic.
    Prerequisite,
    /// A concept topic.
    Concept,
    /// A procedure topic.
    Procedure,
    /// An error topic.
    Error,
    /// A fragment: blocks included by topics.
    Fragment,
    /// A publication: topics assembled into a deliverable.
    Publication,
}

/// One row of the table: what a kind is called in each place.
struct Row {
    /// As written after `kind:`.
    name: &'static str,
    /// With its indefinite article, for messages ("an error").
    with_article: &'static str,
    /// Its plural, for messages and folder names ("errors").
    plural: &'static str,
    /// Its family (which schema file describes it).
    family: DocumentFamily,
}

impl DocumentKind {
    /// Every kind, in the order messages and projects list them (topics first).
    pub const ALL: [DocumentKind; 6] = [
        DocumentKind::Prerequisite,
        DocumentKind::Concept,
        DocumentKind::Procedure,
        DocumentKind::Error,
        DocumentKind::Fragment,
        DocumentKind::Publication,
    ];

    /// Every kind's name, in [`DocumentKind::ALL`] order (for "use one of" and "did you mean").
    pub const NAMES: [&'static str; 6] = {
        let mut names = [""; 6];
        let mut i = 0;
        while i < names.len() {
            names[i] = DocumentKind::ALL[i].name();
            i += 1;
        }
        names
    };

    /// The table.
    const fn row(self) -> Row {
        use DocumentFamily::{Fragment, Publication, Topic};
        let (name, with_article, plural, family) = match self {
            DocumentKind::Prerequisite => {
                ("prerequisite", "a prerequisite", "prerequisites", Topic)
            }
            DocumentKind::Concept => ("concept", "a concept", "concepts", Topic),
            DocumentKind::Procedure => ("procedure", "a procedure", "procedures", Topic),
            DocumentKind::Error => ("error", "an error", "errors", Topic),
            DocumentKind::Fragment => ("fragment", "a fragment", "fragments", Fragment),
            DocumentKind::Publication => {
                ("publication", "a publication", "publications", Publication)
            }
        };
        Row {
            name,
            with_article,
            plural,
            family,
        }
    }

    /// The kind called `name` (as written after `kind:`), if there is one.
    pub fn parse(name: &str) -> Option<DocumentKind> {
        DocumentKind::ALL
            .into_iter()
            .find(|kind| kind.name() == name)
    }

    /// The name written after `kind:` ("procedure").
    pub const fn name(self) -> &'static str {
        self.row().name
    }

    /// The name with its indefinite article, for messages ("an error").
    pub const fn with_article(self) -> &'static str {
        self.row().with_article
    }

    /// The plural, for messages and for the folder files of this kind go into ("procedures").
    pub const fn plural(self) -> &'static str {
        self.row().plural
    }

    /// The family, which names the schema file that describes this kind.
    pub const fn family(self) -> DocumentFamily {
        self.row().family
    }

    /// Whether this is a topic kind.
    pub fn is_topic(self) -> bool {
        self.family() == DocumentFamily::Topic
    }
}

impl std::fmt::Display for DocumentKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::words::{plural, with_article};

    #[test]
    fn names_parse_back_and_words_agree_with_the_grammar_rules() {
        for kind in DocumentKind::ALL {
            assert_eq!(DocumentKind::parse(kind.name()), Some(kind));
            assert_eq!(kind.with_article(), with_article(kind.name()));
            assert_eq!(kind.plural(), plural(kind.name()));
        }
        assert_eq!(DocumentKind::parse("procdure"), None);
        assert_eq!(DocumentKind::NAMES[3], "error");
    }

    /// The serde tag of every topic (and the schema's `kind` values) is the table's name.
    #[test]
    fn the_schemas_name_every_kind_as_the_table_does() {
        let mut named = Vec::new();
        for family in DocumentFamily::ALL {
            let schema = serde_json::to_string(&crate::schema::family_schema(family)).unwrap();
            for kind in DocumentKind::ALL {
                if schema.contains(&format!("\"const\":\"{}\"", kind.name())) {
                    assert_eq!(kind.family(), family, "{kind}");
                    named.push(kind);
                }
            }
        }
        named.sort();
        assert_eq!(named, DocumentKind::ALL);
    }
}
