//! When a cached result goes stale: the round in which each thing it may have read last changed.

use std::collections::{BTreeMap, HashMap};

use crate::content::reads::Reads;

/// A result computed in round `at`, with what it read of the content set.
#[derive(Debug, Clone)]
pub struct Cached<T> {
    /// The round it was computed in (after that round's changes were applied).
    pub at: u64,
    /// What it read.
    pub reads: Reads,
    /// The result.
    pub value: T,
}

/// The round in which each id, each docs page and the set of ids last changed. A change in round
/// `r` makes stale every result computed before `r` that read it.
#[derive(Debug, Default)]
pub struct Changes {
    /// By id: a document with this id was loaded, changed or removed.
    ids: HashMap<String, u64>,
    /// By topic id: its docs page (publication, section) changed.
    pages: HashMap<String, u64>,
    /// The set of ids (with their kinds and validity) changed.
    pub id_set: u64,
    /// Any document changed.
    pub any_doc: u64,
    /// Something outside the content files changed (an image): everything is stale.
    pub everything: u64,
}

impl Changes {
    /// Notes that the document with `id` changed in round `round`.
    pub fn id(&mut self, id: &str, round: u64) {
        self.ids.insert(id.to_string(), round);
        self.any_doc = round;
    }

    /// Notes the topics whose page differs between two docs-pages indexes.
    pub fn pages(
        &mut self,
        old: &BTreeMap<String, (String, String)>,
        new: &BTreeMap<String, (String, String)>,
        round: u64,
    ) {
        for (topic, page) in old {
            if new.get(topic) != Some(page) {
                self.pages.insert(topic.clone(), round);
            }
        }
        for (topic, page) in new {
            if old.get(topic) != Some(page) {
                self.pages.insert(topic.clone(), round);
            }
        }
    }

    /// Whether a result computed in round `at` with these reads is still what it would be now.
    pub fn fresh(&self, at: u64, reads: &Reads) -> bool {
        let after = |round: Option<&u64>| round.is_some_and(|r| *r > at);
        self.everything <= at
            && !(reads.every_doc && self.any_doc > at)
            && !(reads.every_id && self.id_set > at)
            && !reads.ids.iter().any(|id| after(self.ids.get(id)))
            && !reads.pages.iter().any(|topic| after(self.pages.get(topic)))
    }
}

impl<T> Cached<T> {
    /// Whether it is still what it would be now.
    pub fn fresh(&self, changes: &Changes) -> bool {
        changes.fresh(self.at, &self.reads)
    }
}
