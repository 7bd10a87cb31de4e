//! What each fuzz target feeds helpdoc and asserts, shared with the main crate's regression test
//! (`tests/integration/fuzz_regressions.rs`), which replays the committed corpus and crash inputs
//! through these same functions without libFuzzer.
//!
//! Every function takes the raw fuzz input and panics only on a real bug: a panic inside helpdoc,
//! an invariant broken (spans outside the text, a schema-valid file the model refuses, output that
//! differs between two runs), never on input helpdoc is right to reject.

mod bytes;
mod content_gen;
mod exporters;
mod fences;
mod import;
mod loaders;
mod markdown_code;
mod rich_text;

pub use exporters::exporters;
pub use import::import_markdown;
pub use loaders::{load_json, load_yaml};
pub use markdown_code::markdown_code;
pub use rich_text::rich_text;

/// A target: takes the raw fuzz input, panics on a bug.
pub type Target = fn(&[u8]);

/// Every target by name (the folder names under `fuzz/corpus/` and `fuzz/regressions/`).
pub const TARGETS: [(&str, Target); 6] = [
    ("load_yaml", load_yaml),
    ("load_json", load_json),
    ("rich_text", rich_text),
    ("import_markdown", import_markdown),
    ("exporters", exporters),
    ("markdown_code", markdown_code),
];

/// Asserts that `range` is a slice of `text` (inside it, on character boundaries).
fn assert_slice(text: &str, range: &std::ops::Range<usize>, what: &str) {
    assert!(
        range.start <= range.end && text.get(range.clone()).is_some(),
        "{what} {range:?} is not a slice of the {}-byte text",
        text.len()
    );
}
