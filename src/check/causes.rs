//! The shape of an error's cause entries: each names its cause once, as `cause` or as `causes`.

use crate::content::ContentDoc;
use crate::diag::Diagnostic;
use crate::model::Topic;

/// One `cause-shape` error per cause entry that has neither `cause` nor `causes`, or both.
pub fn cause_shapes(doc: &ContentDoc, topic: &Topic, out: &mut Vec<Diagnostic>) {
    let Topic::Error(error) = topic else {
        return;
    };
    for (i, cause) in error.causes.iter().enumerate() {
        let (message, pointer, label, help) = match (&cause.cause, cause.causes.is_empty()) {
            (None, true) => (
                "this cause entry names no cause",
                format!("/causes/{i}"),
                "no `cause` or `causes` here",
                "add `cause:` (one sentence), or `causes:` (a list of causes that this \
                 `resolution` fixes alike)",
            ),
            (Some(_), false) => (
                "this cause entry has both `cause` and `causes`",
                format!("/causes/{i}/causes"),
                "`causes` given as well as `cause`",
                "move the `cause` sentence into the `causes` list (they share this \
                 `resolution`), or give it an entry of its own with its own `resolution`",
            ),
            _ => continue,
        };
        out.push(
            Diagnostic::error("cause-shape", message)
                .at(doc.file, doc.node.locate(&pointer).node.span.clone(), label)
                .help(help),
        );
    }
}
