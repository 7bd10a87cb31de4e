//! What a computation read of the content set, recorded so that the incremental engine knows when
//! its cached result goes stale (see [`crate::incremental`]).
//!
//! Recording is per thread: [`record`] runs a closure with a fresh record on the current thread,
//! and the content set's lookups ([`super::ContentSet::get`], [`super::ContentSet::invalid`], …)
//! and the docs-pages index's lookups note into it. Outside [`record`] noting costs one
//! thread-local check. A computation that hands work to other threads would lose their reads, so
//! only sequential computations are recorded (one document's checks, one publication's resolve).

use std::cell::RefCell;
use std::collections::BTreeSet;

/// What one computation read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reads {
    /// Every id looked up, found or not.
    pub ids: BTreeSet<String>,
    /// Topic ids whose docs page (publication and section) was looked up.
    pub pages: BTreeSet<String>,
    /// Whether it listed every id (for a "did you mean"): any change to the set of ids can change it.
    pub every_id: bool,
    /// Whether it walked every document: any change can change it.
    pub every_doc: bool,
}

thread_local! {
    static STACK: RefCell<Vec<Reads>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f`, returning its result and what it read of the content set.
pub fn record<T>(f: impl FnOnce() -> T) -> (T, Reads) {
    STACK.with(|stack| stack.borrow_mut().push(Reads::default()));
    let result = f();
    let reads = STACK
        .with(|stack| stack.borrow_mut().pop())
        .unwrap_or_default();
    (result, reads)
}

fn note(f: impl FnOnce(&mut Reads)) {
    STACK.with(|stack| {
        if let Some(top) = stack.borrow_mut().last_mut() {
            f(top);
        }
    });
}

/// Notes that the id `id` was looked up.
pub fn id(id: &str) {
    note(|reads| {
        if !reads.ids.contains(id) {
            reads.ids.insert(id.to_string());
        }
    });
}

/// Notes that the docs page of topic `topic` was looked up.
pub fn page(topic: &str) {
    note(|reads| {
        if !reads.pages.contains(topic) {
            reads.pages.insert(topic.to_string());
        }
    });
}

/// Notes that every id was listed.
pub fn every_id() {
    note(|reads| reads.every_id = true);
}

/// Notes that every document was walked.
pub fn every_doc() {
    note(|reads| reads.every_doc = true);
}
