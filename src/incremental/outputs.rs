//! The publications of a round: each one's expanded size, resolve (with its notes) and exports,
//! from the cache when what it read is unchanged, else again, on every core.

use std::collections::BTreeMap;
use std::path::PathBuf;

use rayon::prelude::*;

use super::stale::{Cached, Changes};
use crate::build::BuildError;
use crate::content::ContentSet;
use crate::content::reads::record;
use crate::export::{BuildInfo, ExportContext, ExportError, Exported, Exporter};
use crate::load::config::SiteConfig;
use crate::model::{Document, Publication};
use crate::publish::{format_notes, resolve_with_site};
use crate::resolve::{ImageStore, Note, ResolvedPublication, budget};
use crate::site::DocsPages;
use crate::site::links::Placements;

/// What resolving one publication noted, from resolving and from the formats (the resolved
/// publication itself is kept in the engine's list of publications, in content order).
#[derive(Debug, Clone)]
pub struct Resolved {
    /// Its resolving notes.
    pub notes: Vec<Note>,
    /// What the formats will note about it.
    pub format_notes: Vec<Note>,
}

/// One publication file's cached results.
#[derive(Debug, Default)]
pub struct PublicationCache {
    /// Its expanded size.
    pub size: Option<Cached<u64>>,
    /// It resolved.
    pub resolved: Option<Cached<Resolved>>,
    /// The round its resolved form last changed (its exports are stale before it).
    pub changed_at: u64,
    /// Its part of the docs-pages index from the content, with what it read (`None` inside:
    /// it builds no Markdown).
    pub placements: Option<Cached<Option<Placements>>>,
    /// Its part of the docs-pages index from its resolved form, as of round `changed_at`.
    pub resolved_placements: Option<(u64, Option<Placements>)>,
    /// Each exporter's result for it, by exporter index.
    pub exports: BTreeMap<usize, Cached<Result<Exported, ExportError>>>,
}

/// The publication files in content order, with their documents.
pub fn publications(content: &ContentSet) -> Vec<(PathBuf, &Publication)> {
    content
        .docs
        .iter()
        .filter_map(|d| match &d.document {
            Document::Publication(p) => Some((d.path.clone(), p)),
            _ => None,
        })
        .collect()
}

/// Every publication's expanded size, in content order, from the caches when fresh.
pub fn sizes(
    content: &ContentSet,
    caches: &mut BTreeMap<PathBuf, PublicationCache>,
    changes: &Changes,
    round: u64,
) -> Vec<(String, u64)> {
    let list = publications(content);
    let stale: Vec<usize> = (0..list.len())
        .filter(|&i| {
            !caches
                .get_mut(&list[i].0)
                .and_then(|c| c.size.as_mut())
                .is_some_and(|c| c.fresh(changes, round))
        })
        .collect();
    let stale: Vec<(usize, Cached<u64>)> = stale
        .into_par_iter()
        .map(|i| {
            let p = list[i].1;
            let (value, reads) = record(|| budget::measure(content, p));
            (
                i,
                Cached {
                    at: round,
                    reads,
                    value,
                },
            )
        })
        .collect();
    for (i, cached) in stale {
        caches.entry(list[i].0.clone()).or_default().size = Some(cached);
    }
    list.iter()
        .map(|(path, p)| {
            let size = caches[path].size.as_ref().map_or(0, |c| c.value);
            (p.id.to_string(), size)
        })
        .collect()
}

/// The publications resolved, in content order: those whose cache is fresh moved from `old`
/// (resolved last time in the order `old_order`), the others resolved again on every core.
/// Returns the new order, the publications and how many were resolved.
#[allow(clippy::too_many_arguments)]
pub fn resolve(
    content: &ContentSet,
    site: &SiteConfig,
    pages: &DocsPages,
    caches: &mut BTreeMap<PathBuf, PublicationCache>,
    changes: &Changes,
    round: u64,
    old_order: &[PathBuf],
    old: Vec<ResolvedPublication>,
) -> (Vec<PathBuf>, Vec<ResolvedPublication>, usize) {
    let list = publications(content);
    let mut old: BTreeMap<&PathBuf, ResolvedPublication> = old_order.iter().zip(old).collect();
    let stale: Vec<usize> = (0..list.len())
        .filter(|&i| {
            let path = &list[i].0;
            !(old.contains_key(path)
                && caches
                    .get_mut(path)
                    .and_then(|c| c.resolved.as_mut())
                    .is_some_and(|c| c.fresh(changes, round)))
        })
        .collect();
    let done: Vec<(ResolvedPublication, Cached<Resolved>)> = stale
        .par_iter()
        .map(|&i| {
            let ((publication, notes), reads) = record(|| {
                let (publication, notes) = resolve_with_site(content, list[i].1, site, pages);
                let format_notes = format_notes(&publication, pages);
                (
                    publication,
                    Resolved {
                        notes,
                        format_notes,
                    },
                )
            });
            (
                publication,
                Cached {
                    at: round,
                    reads,
                    value: notes,
                },
            )
        })
        .collect();
    let count = done.len();
    let mut fresh: BTreeMap<usize, (ResolvedPublication, Cached<Resolved>)> =
        stale.into_iter().zip(done).collect();
    let mut resolved = Vec::with_capacity(list.len());
    for (i, (path, _)) in list.iter().enumerate() {
        let previous = old.remove(path);
        match fresh.remove(&i) {
            Some((publication, cached)) => {
                let cache = caches.entry(path.clone()).or_default();
                if previous.as_ref() != Some(&publication) {
                    cache.changed_at = round;
                }
                cache.resolved = Some(cached);
                resolved.push(publication);
            }
            None => resolved.extend(previous),
        }
    }
    let order = list.into_iter().map(|(path, _)| path).collect();
    (order, resolved, count)
}

/// Runs each exporter on each publication whose export is stale, one publication at a time
/// (an exporter that cannot say which publication made a file runs on all of them together,
/// every round). Returns how many (exporter, publication) exports ran.
#[allow(clippy::too_many_arguments)]
pub fn export(
    order: &[PathBuf],
    all: &[ResolvedPublication],
    exporters: &[Box<dyn Exporter>],
    images: &ImageStore,
    build: &BuildInfo,
    pages: &DocsPages,
    caches: &mut BTreeMap<PathBuf, PublicationCache>,
    changes: &Changes,
    round: u64,
) -> (usize, std::collections::BTreeSet<String>) {
    let mut jobs = Vec::new();
    for (e, exporter) in exporters.iter().enumerate() {
        if !exporter.names_publications() {
            continue;
        }
        for (i, path) in order.iter().enumerate() {
            let Some(cache) = caches.get_mut(path) else {
                continue;
            };
            let changed_at = cache.changed_at;
            let fresh = cache
                .exports
                .get_mut(&e)
                .is_some_and(|c| c.at >= changed_at && c.fresh(changes, round));
            if exporter.wants(&all[i]) && !fresh {
                jobs.push((e, i));
            }
        }
    }
    let done: Vec<(usize, usize, Cached<_>)> = jobs
        .par_iter()
        .map(|&(e, i)| {
            let one = [&all[i]];
            let (value, reads) = record(|| {
                exporters[e].export(&ExportContext {
                    publications: &one,
                    pages,
                    images,
                    build,
                })
            });
            (
                e,
                i,
                Cached {
                    at: round,
                    reads,
                    value,
                },
            )
        })
        .collect();
    let count = done.len();
    let mut ids = std::collections::BTreeSet::new();
    for (e, i, cached) in done {
        ids.insert(all[i].id.clone());
        if let Some(cache) = caches.get_mut(&order[i]) {
            cache.exports.insert(e, cached);
        }
    }
    (count, ids)
}

/// Runs the exporters that cannot say which publication made a file on every publication.
pub fn export_whole(
    all: &[ResolvedPublication],
    exporters: &[Box<dyn Exporter>],
    images: &ImageStore,
    build: &BuildInfo,
    pages: &DocsPages,
) -> BTreeMap<usize, Result<Exported, ExportError>> {
    let mut whole = BTreeMap::new();
    for (e, exporter) in exporters.iter().enumerate() {
        if exporter.names_publications() {
            continue;
        }
        let wanted: Vec<&ResolvedPublication> = all.iter().filter(|p| exporter.wants(p)).collect();
        whole.insert(
            e,
            exporter.export(&ExportContext {
                publications: &wanted,
                pages,
                images,
                build,
            }),
        );
    }
    whole
}

/// Every exporter's name with its results (one per publication, or one for all) in the order of
/// a full build, or the first error.
pub fn gather<'a>(
    order: &[PathBuf],
    all: &[ResolvedPublication],
    exporters: &[Box<dyn Exporter>],
    whole: &'a BTreeMap<usize, Result<Exported, ExportError>>,
    caches: &'a BTreeMap<PathBuf, PublicationCache>,
) -> Result<Vec<(String, Vec<&'a Exported>)>, BuildError> {
    let mut outputs = Vec::new();
    for (e, exporter) in exporters.iter().enumerate() {
        let mut parts = Vec::new();
        let mut take = |result: Option<&'a Result<Exported, ExportError>>| match result {
            Some(Ok(exported)) => {
                parts.push(exported);
                Ok(())
            }
            Some(Err(error)) => Err(BuildError::Export(error.clone())),
            None => Ok(()),
        };
        if exporter.names_publications() {
            for (i, path) in order.iter().enumerate() {
                if exporter.wants(&all[i]) {
                    take(caches[path].exports.get(&e).map(|c| &c.value))?;
                }
            }
        } else {
            take(whole.get(&e))?;
        }
        outputs.push((exporter.name().to_string(), parts));
    }
    Ok(outputs)
}

/// The docs-pages index from the content ([`DocsPages::from_content`]), combined again from each
/// publication's cached placements only when one of them changed or the publications combined
/// (`combined`, in content order) are not the same any more; `None` when it is unchanged.
pub fn content_pages(
    content: &ContentSet,
    caches: &mut BTreeMap<PathBuf, PublicationCache>,
    changes: &Changes,
    round: u64,
    combined: &mut Option<Vec<PathBuf>>,
) -> Option<DocsPages> {
    let list = publications(content);
    let mut changed = !combined
        .as_ref()
        .is_some_and(|paths| paths.iter().eq(list.iter().map(|(path, _)| path)));
    for (path, publication) in &list {
        let cache = caches.entry(path.clone()).or_default();
        if (cache.placements.as_mut()).is_some_and(|c| c.fresh(changes, round)) {
            continue;
        }
        let (value, reads) = record(|| Placements::in_content(content, publication));
        changed |= cache.placements.as_ref().is_none_or(|c| c.value != value);
        cache.placements = Some(Cached {
            at: round,
            reads,
            value,
        });
    }
    changed.then(|| {
        *combined = Some(list.iter().map(|(path, _)| path.clone()).collect());
        DocsPages::combine(
            list.iter()
                .filter_map(|(path, _)| caches[path].placements.as_ref()?.value.as_ref()),
        )
    })
}

/// The docs-pages index of the resolved publications ([`DocsPages::index`]), combined again
/// from each publication's placements only when a resolved publication changed them or the
/// publications combined (`combined`, in order) are not the same any more; `None` when it is
/// unchanged.
pub fn resolved_pages(
    order: &[PathBuf],
    all: &[ResolvedPublication],
    caches: &mut BTreeMap<PathBuf, PublicationCache>,
    combined: &mut Option<Vec<PathBuf>>,
) -> Option<DocsPages> {
    let mut changed = combined.as_deref() != Some(order);
    for (path, publication) in order.iter().zip(all) {
        let cache = caches.entry(path.clone()).or_default();
        if (cache.resolved_placements.as_ref()).is_some_and(|(at, _)| *at == cache.changed_at) {
            continue;
        }
        let value = Placements::resolved(publication);
        changed |= (cache.resolved_placements.as_ref()).is_none_or(|(_, old)| *old != value);
        cache.resolved_placements = Some((cache.changed_at, value));
    }
    changed.then(|| {
        *combined = Some(order.to_vec());
        DocsPages::combine(
            order
                .iter()
                .filter_map(|path| caches[path].resolved_placements.as_ref()?.1.as_ref()),
        )
    })
}
