//! Criterion benches for helpdoc's hot stages (load+check, resolve, each built-in exporter) on the
//! shipped guide and on a generated 50-copy corpus, so regressions show: `cargo bench --bench stages`.

#[path = "../examples/gen_corpus/corpus.rs"]
mod corpus;
#[path = "../examples/gen_corpus/markdown.rs"]
mod markdown;
#[path = "../examples/gen_corpus/rename.rs"]
mod rename;
#[path = "../examples/gen_corpus/yaml.rs"]
mod yaml;

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use helpdoc::check::{CheckOptions, Checked, check_folder};
use helpdoc::export::registry::builtins;
use helpdoc::export::{BuildInfo, ExportContext};
use helpdoc::resolve::{ResolvedPublication, load_images};

/// How many copies the generated corpus holds (about 1,000 topics).
const COPIES: usize = 50;

struct Corpus {
    name: &'static str,
    root: PathBuf,
    bytes: u64,
}

fn shipped() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

fn generated(dir: &Path) -> Corpus {
    let options = corpus::Options {
        source: shipped(),
        out: dir.to_path_buf(),
        copies: COPIES,
        layout: corpus::Layout::PerCopy,
        markdown_publication: "sage-intacct-guide".to_string(),
        markdown: false,
        verify: true,
    };
    let stats = corpus::generate(&options).unwrap_or_else(|e| panic!("cannot generate: {e}"));
    Corpus {
        name: "n50",
        root: dir.join("content"),
        bytes: stats.bytes,
    }
}

fn folder_bytes(root: &Path) -> u64 {
    helpdoc::load::discover(root)
        .unwrap_or_default()
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum()
}

fn checked(root: &Path) -> Checked {
    let checked = check_folder(root, &CheckOptions::default())
        .unwrap_or_else(|e| panic!("cannot check {}: {e}", root.display()));
    assert!(!checked.has_errors(), "{} has errors", root.display());
    checked
}

fn resolve_all(checked: &Checked) -> Vec<ResolvedPublication> {
    helpdoc::publish::prepare(&checked.content, &checked.config.site).publications
}

fn stages(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("no temporary folder: {e}"));
    let corpora = [
        Corpus {
            name: "shipped",
            root: shipped(),
            bytes: folder_bytes(&shipped()),
        },
        generated(dir.path()),
    ];
    let info = BuildInfo {
        helpdoc_version: env!("CARGO_PKG_VERSION"),
        epoch_seconds: 1_767_225_600,
    };
    for corpus in &corpora {
        let mut group = c.benchmark_group(corpus.name);
        group
            .sample_size(10)
            .measurement_time(Duration::from_secs(3));
        group.throughput(Throughput::Bytes(corpus.bytes));
        group.bench_function("check", |b| {
            b.iter(|| check_folder(&corpus.root, &CheckOptions::default()))
        });
        let checked = checked(&corpus.root);
        group.bench_function("resolve", |b| b.iter(|| resolve_all(&checked)));
        let publications = resolve_all(&checked);
        let images = load_images(&checked.content);
        for exporter in builtins() {
            let wanted: Vec<_> = publications.iter().filter(|p| exporter.wants(p)).collect();
            let cx = ExportContext {
                publications: &wanted,
                pages: &helpdoc::site::DocsPages::index(&publications),
                images: &images,
                build: &info,
            };
            group.bench_function(format!("export-{}", exporter.name()), |b| {
                b.iter(|| exporter.export(&cx))
            });
        }
        group.finish();
    }
}

criterion_group!(benches, stages);
criterion_main!(benches);
