//! The check of a round: each document's references and rules from its cache when what it read
//! is unchanged (else again, on every core), the whole-set checks again over them, in the order
//! [`crate::check::check_with`] reports them.

use std::path::Path;

use rayon::prelude::*;

use super::files::Files;
use super::stale::{Cached, Changes};
use crate::check::references::{document_references, duplicate_ids, include_cycles};
use crate::check::rules::{
    self, ActiveRules, RuleContext, Speller, content_diagnostics, document_diagnostics,
};
use crate::content::ContentSet;
use crate::content::reads::record;
use crate::diag::{Diagnostic, SourceMap};
use crate::load::ProjectConfig;

/// What the check of a round reads.
pub struct Inputs<'a> {
    /// The content set.
    pub content: &'a ContentSet,
    /// The sources.
    pub sources: &'a SourceMap,
    /// The configuration.
    pub config: &'a ProjectConfig,
    /// The content folder, canonical.
    pub root: Option<&'a Path>,
    /// The active rules.
    pub active: &'a ActiveRules,
    /// What changed when.
    pub changes: &'a Changes,
    /// This round.
    pub round: u64,
}

/// Brings every file's cached references and rule findings up to date, then gathers the check's
/// diagnostics before the expansion budget and the publishing notes, in the order a full check
/// does: loading, configuration, moved settings, references, rules. Returns them and how many
/// documents were checked again. `speller` is taken for the rules and given back.
pub fn run(
    files: &mut Files,
    prelude: &[Diagnostic],
    inputs: &Inputs<'_>,
    speller: &mut Option<Speller>,
) -> (Vec<Diagnostic>, usize) {
    let cx = RuleContext {
        content: inputs.content,
        sources: inputs.sources,
        config: inputs.config,
        speller: speller
            .take()
            .unwrap_or_else(|| Speller::new(&inputs.config.spelling)),
    };
    let index: std::collections::HashMap<_, _> = inputs
        .content
        .docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.file, i))
        .collect();
    let stale: Vec<(&mut super::files::Entry, usize)> = files
        .values_mut()
        .filter_map(|entry| {
            let doc = *index.get(&entry.file)?;
            let fresh = |c: &Option<Cached<_>>| c.as_ref().is_some_and(|c| c.fresh(inputs.changes));
            let fresh = fresh(&entry.references)
                && entry
                    .rules
                    .as_ref()
                    .is_some_and(|c| c.fresh(inputs.changes));
            (!fresh).then_some((entry, doc))
        })
        .collect();
    let count = stale.len();
    stale.into_par_iter().for_each(|(entry, doc)| {
        let doc = &inputs.content.docs[doc];
        if !entry
            .references
            .as_ref()
            .is_some_and(|c| c.fresh(inputs.changes))
        {
            let (value, reads) =
                record(|| document_references(inputs.content, inputs.sources, inputs.root, doc));
            entry.references = Some(Cached {
                at: inputs.round,
                reads,
                value,
            });
        }
        if !entry
            .rules
            .as_ref()
            .is_some_and(|c| c.fresh(inputs.changes))
        {
            let (value, reads) = record(|| document_diagnostics(&cx, inputs.active, doc));
            entry.rules = Some(Cached {
                at: inputs.round,
                reads,
                value,
            });
        }
    });
    let diagnostics = gather(files, prelude, inputs, &cx);
    *speller = Some(cx.speller);
    (diagnostics, count)
}

fn gather(
    files: &Files,
    prelude: &[Diagnostic],
    inputs: &Inputs<'_>,
    cx: &RuleContext<'_>,
) -> Vec<Diagnostic> {
    let mut diagnostics: Vec<Diagnostic> = prelude.to_vec();
    for entry in files.values() {
        diagnostics.extend(entry.diagnostics.iter().cloned());
    }
    diagnostics.extend(rules::unknown_codes(inputs.config));
    diagnostics.extend(crate::check::migration::moved_settings(
        inputs.content,
        inputs.config,
    ));
    let docs: Vec<&super::files::Entry> = files
        .values()
        .filter(|e| {
            e.references.is_some()
                && inputs
                    .content
                    .docs
                    .binary_search_by_key(&e.file, |d| d.file)
                    .is_ok()
        })
        .collect();
    let content = inputs.content;
    let mut references = Vec::new();
    duplicate_ids(content, &mut references);
    for entry in &docs {
        references.extend(
            entry
                .references
                .iter()
                .flat_map(|c| c.value.iter().cloned()),
        );
    }
    include_cycles(content, &mut references);
    diagnostics.extend(references);
    let whole = content_diagnostics(cx, inputs.active);
    let per_document: Vec<&[Vec<Diagnostic>]> = docs
        .iter()
        .filter_map(|e| e.rules.as_ref().map(|c| c.value.as_slice()))
        .collect();
    diagnostics.extend(rules::gather(whole, &per_document));
    diagnostics
}
