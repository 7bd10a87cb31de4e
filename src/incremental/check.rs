//! The check of a round: each document's references and rules from its cache when what it read
//! is unchanged (else again, on every core), the whole-set checks again over them, in the order
//! [`crate::check::check_with`] reports them.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;

use super::files::Files;
use super::stale::{Cached, Changes};
use crate::check::aliases;
use crate::check::conditions::{self, Context};
use crate::check::references::{SvgVerdicts, document_references, duplicate_ids, include_cycles};
use crate::check::rules::{self, ActiveRules, RuleContext, Speller, document_diagnostics};
use crate::content::reads::record;
use crate::content::{ContentDoc, ContentSet};
use crate::diag::{Diagnostic, FileId, SourceMap};
use crate::load::ProjectConfig;
use crate::model::Document;

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
    /// The files read again this round.
    pub reloaded: &'a [FileId],
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
    whole: &mut WholeSet,
) -> (Vec<Diagnostic>, usize) {
    let cx = RuleContext {
        content: inputs.content,
        sources: inputs.sources,
        config: inputs.config,
        speller: speller
            .take()
            .unwrap_or_else(|| Speller::new(&inputs.config.spelling)),
    };
    let (changes, round) = (inputs.changes, inputs.round);
    // Each document's condition problems hold while the conditions context does.
    let (context, conditions_front) = Context::of(inputs.content, inputs.config);
    if whole.conditions.as_ref() != Some(&context) {
        files.values_mut().for_each(|entry| entry.conditions = None);
    }
    // Files and documents are both in file id order: walk them together.
    let mut docs = inputs.content.docs.iter().peekable();
    let mut stale = Vec::new();
    for entry in files.values_mut() {
        while docs.next_if(|d| d.file < entry.file).is_some() {}
        let Some(doc) = docs.next_if(|d| d.file == entry.file) else {
            continue;
        };
        let references = entry
            .references
            .as_mut()
            .is_some_and(|c| c.fresh(changes, round));
        let rules = entry
            .rules
            .as_mut()
            .is_some_and(|c| c.fresh(changes, round));
        let clashes = !matches!(doc.document, Document::Publication(_))
            || (entry.clashes.as_mut()).is_some_and(|c| c.fresh(changes, round));
        let own = entry.slugs.is_some() && entry.conditions.is_some();
        if !(references && rules && clashes && own) {
            stale.push((entry, doc, references, rules, clashes));
        }
    }
    let count = stale.len();
    let svgs = SvgVerdicts::default();
    stale
        .into_par_iter()
        .for_each(|(entry, doc, references, rules, clashes)| {
            if entry.slugs.is_none() {
                entry.slugs = Some(aliases::slug_problems(doc));
            }
            if entry.conditions.is_none() {
                entry.conditions = Some(conditions::document_conditions(
                    &context,
                    doc,
                    inputs.sources,
                ));
            }
            if let (false, Document::Publication(publication)) = (clashes, &doc.document) {
                let (value, reads) =
                    record(|| aliases::publication_clashes(inputs.content, doc, publication));
                entry.clashes = Some(Cached {
                    at: round,
                    reads,
                    value,
                });
            }
            if !references {
                let (value, reads) = record(|| {
                    document_references(inputs.content, inputs.sources, inputs.root, &svgs, doc)
                });
                entry.references = Some(Cached {
                    at: round,
                    reads,
                    value,
                });
            }
            if !rules {
                let (value, reads) = record(|| document_diagnostics(&cx, inputs.active, doc));
                entry.rules = Some(Cached {
                    at: round,
                    reads,
                    value,
                });
            }
        });
    let conditions = conditions::combine(
        &context,
        inputs.content,
        conditions_front,
        &(files.values())
            .filter_map(|e| e.conditions.as_ref())
            .collect::<Vec<_>>(),
    );
    whole.conditions = Some(context);
    let diagnostics = gather(files, prelude, inputs, &cx, whole, conditions);
    *speller = Some(cx.speller);
    (diagnostics, count)
}

/// What the whole-set checks keep between rounds.
#[derive(Default)]
pub struct WholeSet {
    /// Each active rule's whole-set findings, kept until a document of a kind it reads changes
    /// ([`crate::check::rules::Rule::content_reads_kind`]), a document read again changes its
    /// key or is cited ([`crate::check::rules::Rule::document_key`]), or file ids move.
    rules: Vec<Option<Vec<Diagnostic>>>,
    /// For each active rule that has document keys: every document's key, as of its findings.
    keys: Vec<Option<BTreeMap<FileId, String>>>,
    /// The duplicate ids, kept while no id claim changes, no file moves and no file read again
    /// is cited (a cited id's place in its file may have moved).
    duplicate_ids: Option<Vec<Diagnostic>>,
    /// The conditions context the files' condition problems were found with.
    conditions: Option<Context>,
}

/// Whether `diagnostic` points into one of `files`.
fn cites(diagnostic: &Diagnostic, files: &[FileId]) -> bool {
    (diagnostic.primary.iter())
        .chain(&diagnostic.secondary)
        .any(|label| files.contains(&label.file))
}

/// Whether file ids moved or something outside the content files changed this round.
fn moved(inputs: &Inputs<'_>) -> bool {
    let (changes, round) = (inputs.changes, inputs.round);
    changes.structure == round || changes.everything == round
}

/// The document read from `file`, if it is one.
fn doc_of(content: &ContentSet, file: FileId) -> Option<&ContentDoc> {
    let at = content.docs.binary_search_by_key(&file, |d| d.file).ok()?;
    Some(&content.docs[at])
}

/// The duplicate ids, from the cache when it holds.
fn duplicate_ids_of(inputs: &Inputs<'_>, cached: &mut Option<Vec<Diagnostic>>) -> Vec<Diagnostic> {
    let holds = cached.as_ref().is_some_and(|found| {
        !moved(inputs)
            && inputs.changes.id_set < inputs.round
            && !found.iter().any(|d| cites(d, inputs.reloaded))
    });
    if !holds {
        let mut found = Vec::new();
        duplicate_ids(inputs.content, &mut found);
        *cached = Some(found);
    }
    cached.clone().unwrap_or_default()
}

/// Whether rule `rule`'s `found` findings, made when the documents had `keys`, still hold: the
/// documents read again keep their keys and are not cited.
fn keys_hold(
    rule: &dyn rules::Rule,
    inputs: &Inputs<'_>,
    keys: &BTreeMap<FileId, String>,
    found: &[Diagnostic],
) -> bool {
    inputs.reloaded.iter().all(|file| {
        let now = doc_of(inputs.content, *file).map(|doc| rule.document_key(doc));
        match (now, keys.get(file)) {
            (None, None) => true,
            (Some(Some(now)), Some(then)) => now == *then,
            _ => false,
        }
    }) && !found.iter().any(|d| cites(d, inputs.reloaded))
}

/// Every document's key for `rule`; `None` when it has none.
fn all_keys(rule: &dyn rules::Rule, content: &ContentSet) -> Option<BTreeMap<FileId, String>> {
    let keys: Vec<(FileId, Option<String>)> = content
        .docs
        .par_iter()
        .map(|doc| (doc.file, rule.document_key(doc)))
        .collect();
    keys.into_iter()
        .map(|(file, key)| Some((file, key?)))
        .collect()
}

/// Brings the whole-set rules' findings up to date: each rule runs again only when it is stale.
fn whole_set(cx: &RuleContext<'_>, inputs: &Inputs<'_>, whole: &mut WholeSet) {
    let (changes, round) = (inputs.changes, inputs.round);
    let moved = moved(inputs);
    let count = inputs.active.len();
    whole.rules.resize(count, None);
    whole.keys.resize(count, None);
    let stale: Vec<usize> = (0..count)
        .filter(|&i| {
            let (rule, _) = inputs.active[i];
            let Some(found) = &whole.rules[i] else {
                return true;
            };
            moved
                || match &whole.keys[i] {
                    Some(keys) => !keys_hold(rule, inputs, keys, found),
                    None => changes
                        .kinds_in(round)
                        .any(|kind| kind.is_none_or(|kind| rule.content_reads_kind(kind))),
                }
        })
        .collect();
    let found: Vec<(usize, Vec<Diagnostic>)> = stale
        .into_par_iter()
        .map(|i| {
            let (rule, severity) = inputs.active[i];
            (i, rules::rule_content_diagnostics(cx, rule, severity))
        })
        .collect();
    for (i, diagnostics) in found {
        let (rule, _) = inputs.active[i];
        let keys = match whole.keys[i].take() {
            Some(mut keys) if !moved => {
                for file in inputs.reloaded {
                    match doc_of(inputs.content, *file).and_then(|doc| rule.document_key(doc)) {
                        Some(key) => keys.insert(*file, key),
                        None => keys.remove(file),
                    };
                }
                Some(keys)
            }
            _ => all_keys(rule, inputs.content),
        };
        whole.keys[i] = keys;
        whole.rules[i] = Some(diagnostics);
    }
}

fn gather(
    files: &Files,
    prelude: &[Diagnostic],
    inputs: &Inputs<'_>,
    cx: &RuleContext<'_>,
    whole: &mut WholeSet,
    conditions: Vec<Diagnostic>,
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
    diagnostics.extend(conditions);
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
    let mut references = duplicate_ids_of(inputs, &mut whole.duplicate_ids);
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
    // As in `check_with` (`check_aliases`): each document's slugs, then the publications'
    // clashes, each alias once.
    diagnostics.extend(docs.iter().flat_map(|e| e.slugs.iter().flatten().cloned()));
    diagnostics.extend(aliases::first_clashes(
        (docs.iter()).filter_map(|e| e.clashes.as_ref().map(|c| c.value.as_slice())),
    ));
    whole_set(cx, inputs, whole);
    let whole: Vec<Vec<Diagnostic>> = whole
        .rules
        .iter()
        .map(|w| w.clone().unwrap_or_default())
        .collect();
    let per_document: Vec<&[Vec<Diagnostic>]> = docs
        .iter()
        .filter_map(|e| e.rules.as_ref().map(|c| c.value.as_slice()))
        .collect();
    diagnostics.extend(rules::gather(whole, &per_document));
    diagnostics
}
