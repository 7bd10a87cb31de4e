//! The fixed words every format prints around content (attribution, further reading, cause labels,
//! branches): one definition each, shared by the exporters and the in-product bundle.

/// Before a `source` link: the topic's text is adapted from that page ("Adapted from TITLE.").
pub const ADAPTED_FROM: &str = "Adapted from";

/// Before a `learn_more` link: further reading, crediting no one ("Learn more: TITLE").
pub const LEARN_MORE: &str = "Learn more:";

/// The label of one cause shown without a heading (`cause_style: list`).
pub const CAUSE: &str = "Cause:";

/// The label (and, as a heading, the title) of several causes that share one fix.
pub const POSSIBLE_CAUSES: &str = "Possible causes";

/// The label of a resolution.
pub const HOW_TO_FIX: &str = "How to fix it";

/// The words of a branch around its condition and target: "If CONDITION, go to TARGET."
pub const BRANCH: (&str, &str, &str) = ("If ", ", go to ", ".");

/// A flagged element's marker as readers see it, around the words a publication's `flag` gives
/// ("Enterprise only"): after a title or tab label, before a step's action, a cause, a table
/// row's first cell or a block.
pub fn marker(words: &str) -> String {
    format!("({words})")
}

/// After a table's caption repeated on the next page, in the PDF: "Modules (continued)".
pub const CONTINUED: &str = "(continued)";
