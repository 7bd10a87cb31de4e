//! Matches the help's error topics to the catalogs' entries (code first, then the normalized message with placeholders as slots) and reports what does not match.

use std::collections::HashMap;
use std::ops::Range;

use crate::check::rules::RuleConfig;
use crate::check::suggest::closest;
use crate::content::{ContentDoc, ContentSet};
use crate::diag::{Diagnostic, FileId};
use crate::model::{ErrorTopic, ErrorType, Topic};

use super::catalog::{Catalog, CatalogEntry};
use super::placeholders::{catalog_skeleton, help_placeholders, help_skeleton, mismatch};
use super::rules::{ORPHAN_HELP, PLACEHOLDER_MISMATCH, UNDOCUMENTED_ERROR};
use super::selection::Selection;

/// An error topic (not a symptom), as matching sees it.
struct Help<'a> {
    doc: &'a ContentDoc,
    topic: &'a ErrorTopic,
    skeleton: String,
}

impl Help<'_> {
    /// Where a field of the topic is written.
    fn span(&self, pointer: &str) -> Range<usize> {
        self.doc.node.locate(pointer).node.span.clone()
    }
}

/// A catalog entry, as matching sees it.
struct Listed<'a> {
    file: FileId,
    entry: &'a CatalogEntry,
    skeleton: String,
    selected: bool,
}

impl Listed<'_> {
    /// What makes two entries (in two catalogs) the same error: the code, or with none the
    /// message.
    fn key(&self) -> &str {
        self.entry.code.as_deref().unwrap_or(&self.skeleton)
    }
}

/// The coverage findings for `catalogs` against the error topics in `content`. Every entry may
/// match help (so help for a UI string outside the selection is no orphan); only selected
/// entries need help. An orphan whose message is near an unmatched error is reported once, as
/// that error renamed, with no `undocumented-error` for the new message.
pub fn report(
    content: &ContentSet,
    catalogs: &[Catalog],
    selection: &Selection,
    config: &RuleConfig,
) -> Vec<Diagnostic> {
    let helps: Vec<Help> = content
        .topics()
        .filter_map(|(doc, topic)| match topic {
            Topic::Error(error) if error.error_type == ErrorType::ProductError => Some(Help {
                doc,
                topic: error,
                skeleton: help_skeleton(&error.message),
            }),
            _ => None,
        })
        .collect();
    let entries: Vec<Listed> = catalogs
        .iter()
        .flat_map(|c| c.entries.iter().map(move |e| (c.file, e)))
        .map(|(file, entry)| Listed {
            file,
            entry,
            skeleton: catalog_skeleton(&entry.message),
            selected: selection.selects(entry),
        })
        .collect();
    let mut by_code: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_message: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, listed) in entries.iter().enumerate() {
        if let Some(code) = &listed.entry.code {
            by_code.entry(code).or_default().push(i);
        }
        by_message.entry(&listed.skeleton).or_default().push(i);
    }
    let mut diagnostics = Vec::new();
    let mut covered = vec![false; entries.len()];
    let mut orphans = Vec::new();
    for help in &helps {
        let matched = help
            .topic
            .code
            .as_deref()
            .and_then(|code| by_code.get(code))
            .or_else(|| by_message.get(help.skeleton.as_str()));
        let Some(matched) = matched else {
            orphans.push(help);
            continue;
        };
        let names = help_placeholders(&help.topic.message);
        let mut differing = Vec::new();
        for &i in matched {
            covered[i] = true;
            if let Some(why) = mismatch(&entries[i].entry.message, &names) {
                differing.push((&entries[i], why));
            }
        }
        diagnostics.extend(placeholder_mismatch(help, &differing, config));
    }
    for help in orphans {
        let candidates = entries
            .iter()
            .enumerate()
            .filter(|(i, listed)| listed.selected && !covered[*i]);
        let near = closest(
            &help.skeleton,
            candidates.clone().map(|(_, l)| l.skeleton.as_str()),
        )
        .and_then(|skeleton| candidates.clone().find(|(_, l)| l.skeleton == skeleton));
        if let Some((_, renamed)) = near {
            // The renamed error is reported here, once, in every catalog that holds it.
            for (i, listed) in entries.iter().enumerate() {
                covered[i] |= listed.key() == renamed.key();
            }
        }
        diagnostics.extend(orphan(help, near.map(|(_, l)| l), config));
    }
    // The same error in several catalogs (Android and iOS) is one missing help, reported once.
    let mut missing: Vec<Vec<&Listed>> = Vec::new();
    let mut by_key: HashMap<&str, usize> = HashMap::new();
    for (listed, _) in entries
        .iter()
        .zip(&covered)
        .filter(|(l, c)| l.selected && !**c)
    {
        let at = *by_key.entry(listed.key()).or_insert_with(|| {
            missing.push(Vec::new());
            missing.len() - 1
        });
        missing[at].push(listed);
    }
    for same in missing {
        diagnostics.extend(undocumented(&same, config));
    }
    diagnostics
}

/// How a catalog entry is named in messages: its code and message, or its message.
fn describe(entry: &CatalogEntry) -> String {
    match &entry.code {
        Some(code) if *code != entry.message => format!("`{code}` (\"{}\")", entry.message),
        _ => format!("\"{}\"", entry.message),
    }
}

/// One error without help, written in one or more catalogs (`same`, never empty).
fn undocumented(same: &[&Listed], config: &RuleConfig) -> Option<Diagnostic> {
    let (first, others) = same.split_first()?;
    let entry = first.entry;
    let code = entry
        .code
        .as_ref()
        .map(|c| format!("`code: {c}` and "))
        .unwrap_or_default();
    let mut diagnostic = UNDOCUMENTED_ERROR
        .finding(config, format!("no help for the error {}", describe(entry)))?
        .at(first.file, entry.span.clone(), "no error topic has this code or message")
        .help(format!(
            "write an error topic with {code}`message: {}`, or leave the entry out of the errors selected (`--select`, `[coverage]` in helpdoc.toml)",
            entry.message
        ));
    for other in others {
        diagnostic = diagnostic.also(other.file, other.entry.span.clone(), "the same error");
    }
    Some(diagnostic)
}

fn orphan(help: &Help, near: Option<&Listed>, config: &RuleConfig) -> Option<Diagnostic> {
    let topic = help.topic;
    let named = match &topic.code {
        Some(code) => format!("`{code}` (\"{}\")", topic.message),
        None => format!("\"{}\"", topic.message),
    };
    let diagnostic = ORPHAN_HELP
        .finding(config, format!("the catalogs have no error {named}"))?
        .at(
            help.doc.file,
            help.span("/message"),
            "no catalog entry has this code or message",
        );
    Some(match near {
        Some(listed) => diagnostic
            .also(listed.file, listed.entry.span.clone(), "the nearest catalog error")
            .help(format!(
                "did you mean {}? If the product renamed the error, update `message` to match{}",
                describe(listed.entry),
                match &listed.entry.code {
                    Some(code) if topic.code.as_ref() != Some(code) => format!(
                        ", and set `code: {code}` so that the next rewording still matches"
                    ),
                    _ => String::new(),
                }
            )),
        None => diagnostic.help(
            "delete the topic if the product no longer shows this error, or set `error_type: symptom` if it is what users report in their own words",
        ),
    })
}

/// The placeholders of `help` differ from those of the catalog entries in `differing`, each
/// with how (one finding for the help, however many catalogs hold the error).
fn placeholder_mismatch(
    help: &Help,
    differing: &[(&Listed, String)],
    config: &RuleConfig,
) -> Option<Diagnostic> {
    let ((first, why), others) = differing.split_first()?;
    let mut diagnostic = PLACEHOLDER_MISMATCH
        .finding(config, format!("placeholders differ: {why}"))?
        .at(
            help.doc.file,
            help.span("/message"),
            "placeholders differ from the catalog's",
        )
        .also(
            first.file,
            first.entry.span.clone(),
            "the catalog's message",
        )
        .help(format!(
            "write the message with the catalog's placeholders: \"{}\"",
            first.entry.message
        ));
    for (other, why) in others {
        diagnostic = diagnostic.also(other.file, other.entry.span.clone(), why.clone());
    }
    Some(diagnostic)
}
