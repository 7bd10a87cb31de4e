//! When a cached result goes stale: the round in which each thing it may have read last changed.

use crate::content::reads::Reads;
use crate::model::DocumentKind;

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

/// What changed in which round: the ids, the docs pages, the set of ids. A change in round `r`
/// makes stale every result computed before `r` that read it.
///
/// Changes are kept as a log, newest last, so checking a result looks only at what changed since
/// it was computed; a result found fresh is marked as of this round ([`Cached::fresh`]), so that
/// is usually one round's few changes, whatever the size of the content.
#[derive(Debug, Default)]
pub struct Changes {
    /// (round, what): `Id(id)` a document with this id was loaded, changed or removed;
    /// `Page(topic)` its docs page (publication, section) changed.
    log: Vec<(u64, Changed)>,
    /// Rounds before this one are no longer in the log: results older are stale.
    kept_from: u64,
    /// The set of ids (with their kinds and validity) changed.
    pub id_set: u64,
    /// Any document changed.
    pub any_doc: u64,
    /// Something outside the content files changed (an image): everything is stale.
    pub everything: u64,
    /// Files were added or removed (file ids moved).
    pub structure: u64,
    /// The kinds of the documents changed in round `kinds_round`.
    kinds: std::collections::BTreeSet<Option<DocumentKind>>,
    kinds_round: u64,
}

/// One logged change.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Changed {
    Id(String),
    Page(String),
}

/// How many changes the log keeps before it forgets the oldest rounds.
const LOG_CAP: usize = 100_000;

impl Changes {
    /// Notes that the document with `id` changed in round `round`.
    pub fn id(&mut self, id: &str, round: u64) {
        self.push(round, Changed::Id(id.to_string()));
        self.any_doc = round;
    }

    fn push(&mut self, round: u64, changed: Changed) {
        if self.log.len() >= LOG_CAP {
            let drop = self.log.len() / 2;
            self.kept_from = self.log[drop].0;
            self.log.drain(..drop);
            // Everything up to the dropped entries' rounds is now unknown.
            self.everything = self.everything.max(self.kept_from);
        }
        self.log.push((round, changed));
    }

    /// Notes that the docs pages of `topics` changed (see [`crate::bundle::DocsPages::changed_topics`]).
    pub fn pages(&mut self, topics: impl IntoIterator<Item = String>, round: u64) {
        for topic in topics {
            self.push(round, Changed::Page(topic));
        }
    }

    /// Whether a result computed in round `at` with these reads is still what it would be now.
    pub fn fresh(&self, at: u64, reads: &Reads) -> bool {
        let listed_changed =
            (reads.every_doc && self.any_doc > at) || (reads.every_id && self.id_set > at);
        self.everything <= at
            && !listed_changed
            && !self
                .log
                .iter()
                .rev()
                .take_while(|(round, _)| *round > at)
                .any(|(_, changed)| match changed {
                    Changed::Id(id) => reads.ids.contains(id),
                    Changed::Page(topic) => reads.pages.contains(topic),
                })
    }

    /// Notes that a document of `kind` (`None`: unknown) was loaded, changed or removed.
    pub fn kind(&mut self, kind: Option<DocumentKind>, round: u64) {
        if self.kinds_round != round {
            self.kinds.clear();
            self.kinds_round = round;
        }
        self.kinds.insert(kind);
    }

    /// The kinds of the documents that changed in round `round` (before and after the change).
    pub fn kinds_in(&self, round: u64) -> impl Iterator<Item = Option<DocumentKind>> + '_ {
        self.kinds
            .iter()
            .copied()
            .filter(move |_| self.kinds_round == round)
    }
}

impl<T> Cached<T> {
    /// Whether it is still what it would be in round `round`; if so it is marked as of that
    /// round, so later checks look only at later changes.
    pub fn fresh(&mut self, changes: &Changes, round: u64) -> bool {
        let fresh = changes.fresh(self.at, &self.reads);
        if fresh {
            self.at = self.at.max(round);
        }
        fresh
    }
}
