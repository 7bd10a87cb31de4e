//! Which publications' outputs changed since `helpdoc watch` last wrote the output folder.

use std::collections::BTreeSet;

use super::Work;
use crate::resolve::ResolvedPublication;

/// The publications whose files must be written again: those exported again or changed since
/// the last write (rounds with errors write nothing, so their changes add up), and those written
/// last time that are gone now (their files must go). Everything, until the first write and
/// after the engine started over or the exporters changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unwritten {
    everything: bool,
    changed: BTreeSet<String>,
    written: BTreeSet<String>,
}

impl Default for Unwritten {
    fn default() -> Unwritten {
        Unwritten {
            everything: true,
            changed: BTreeSet::new(),
            written: BTreeSet::new(),
        }
    }
}

impl Unwritten {
    /// Every publication must be written again (the exporters changed).
    pub fn everything(&mut self) {
        self.everything = true;
    }

    /// Adds what an engine update did again.
    pub fn note(&mut self, work: &Work) {
        self.everything |= work.full;
        self.changed
            .extend(work.exported_publications.iter().cloned());
        self.changed
            .extend(work.changed_publications.iter().cloned());
    }

    /// The publications to write, for [`crate::incremental::Engine::exports_of`]: `None` for
    /// every one.
    pub fn selection(&self, current: &[ResolvedPublication]) -> Option<BTreeSet<String>> {
        if self.everything {
            return None;
        }
        let now: BTreeSet<&str> = current.iter().map(|p| p.id.as_str()).collect();
        let gone = self.written.iter().filter(|id| !now.contains(id.as_str()));
        Some(self.changed.iter().chain(gone).cloned().collect())
    }

    /// The output folder now holds `current`'s files, as they are.
    pub fn written(&mut self, current: &[ResolvedPublication]) {
        self.everything = false;
        self.changed.clear();
        self.written = current.iter().map(|p| p.id.clone()).collect();
    }
}
