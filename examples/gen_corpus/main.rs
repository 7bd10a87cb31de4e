//! `gen_corpus`: writes N renamed copies of the shipped guide as YAML content, and the same pages as
//! plain Markdown for mdBook and pandoc, for benchmarks at scale (see `benches/compare.sh`).

mod corpus;
mod markdown;
mod rename;
mod yaml;

use std::path::PathBuf;
use std::time::Instant;

use clap::Parser;

/// Generates a benchmark corpus.
#[derive(Debug, Parser)]
struct Args {
    /// How many renamed copies of the content to write.
    #[arg(long, default_value_t = 1)]
    copies: usize,
    /// The output folder; `content/` and `markdown/` inside it are replaced.
    #[arg(long)]
    out: PathBuf,
    /// The content folder to copy.
    #[arg(long, default_value = "content")]
    source: PathBuf,
    /// per-copy: every copy keeps its own publications (N guides); single: one publication per
    /// original publication holding every copy.
    #[arg(long, value_enum, default_value_t = corpus::Layout::PerCopy)]
    layout: corpus::Layout,
    /// The publication whose pages become the peers' Markdown.
    #[arg(long, default_value = "sage-intacct-guide")]
    markdown_publication: String,
    /// Skip checking the generated content.
    #[arg(long)]
    no_verify: bool,
}

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    if args.copies == 0 {
        eprintln!("error: --copies must be at least 1");
        return std::process::ExitCode::from(2);
    }
    let started = Instant::now();
    let options = corpus::Options {
        source: args.source,
        out: args.out,
        copies: args.copies,
        layout: args.layout,
        markdown_publication: args.markdown_publication,
        markdown: true,
        verify: !args.no_verify,
    };
    match corpus::generate(&options) {
        Ok(stats) => {
            println!(
                "wrote {} copies to {}: {} content files ({:.1} MB, {} topics), {} Markdown pages{} in {:.2}s",
                options.copies,
                options.out.display(),
                stats.files,
                stats.bytes as f64 / 1e6,
                stats.topics,
                stats.pages,
                if options.verify {
                    ", checked clean"
                } else {
                    ""
                },
                started.elapsed().as_secs_f64()
            );
            std::process::ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}
