//! helpdoc: troubleshooting content as code, checked like a compiler and exported to every channel.
//!
//! The library is the whole pipeline; the `helpdoc` binary only parses arguments, prints and picks
//! exit codes. Data flows one way, each stage a plain function in a module of its own:
//!
//! 1. **load** ([`load::load_folder`], or [`load::load_memory`] for content given in memory):
//!    the project's configuration ([`load::ProjectConfig`]: the project root's `helpdoc.toml`,
//!    found by [`load::find_project`], and the content folder's), then every content file read
//!    through the guarded reader ([`load::ReadRoot`]: regular files inside the project,
//!    size-capped), parsed with source positions and validated against its schema.
//! 2. **check** ([`check::check`] on loaded content; [`check::check_folder`] loads then checks):
//!    references, content rules, the
//!    expansion budget and what publishing would note; every problem is a [`diag::Diagnostic`]
//!    located in its file. The result, [`check::Checked`], also holds the publications resolved
//!    by [`publish::prepare`] when the content has no errors.
//! 3. **resolve** ([`resolve::resolve_publication`]): fragments included, `{{variables}}` filled,
//!    links checked against the publication, so exporters only see valid content.
//! 4. **export** ([`build::select_exporters`], [`build::export`]): each [`export::Exporter`]
//!    turns resolved publications into in-memory artifacts; exporters never touch the filesystem.
//! 5. **output** ([`output::OutputFolder`], [`build::write`]): the output folder is resolved by
//!    the OS, guarded and locked, and the build is staged and swapped in atomically.
//!
//! ```no_run
//! use std::path::Path;
//! use helpdoc::{build, check, output, shutdown};
//!
//! let project = helpdoc::load::find_project(Path::new("."))?;
//! let content = project.as_ref().map_or_else(|| "content".into(), |p| p.content());
//! let options = check::CheckOptions { project, ..Default::default() };
//! let checked = check::check_folder(&content, &options)?;
//! if checked.has_errors() {
//!     return Ok(()); // print `checked.diagnostics` with `diag::render_human`
//! }
//! let exporters = build::select_exporters(&[], Path::new("exporters"))?;
//! let exports = build::export(&checked.content, &checked.publications, &exporters)?;
//! let out = output::OutputFolder::open(
//!     Path::new("build"),
//!     &checked.content.root,
//!     false,
//!     output::Wait::NoWait,
//! )?;
//! let summary = build::write(&exports, &out)?;
//! println!("{} files", summary.files);
//! # let _ = shutdown::stop_requested;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Alongside the pipeline: [`import`] turns Docusaurus drafts into content, [`bundle`] is the
//! in-product help's wire contract (built by [`export::json`]), [`site`] owns where each page lives
//! on the docs site, [`schema`] generates the JSON Schemas from [`model`] ([`published_schemas`] lists every file), and
//! [`shutdown`] lets the binary stop running work cleanly on SIGINT/SIGTERM.

pub mod build;
pub mod bundle;
pub mod check;
pub mod content;
pub mod cores;
pub mod coverage;
pub mod data;
pub mod diag;
pub mod export;
pub mod import;
pub mod incremental;
pub mod load;
pub mod lookup;
pub mod model;
pub mod output;
pub mod preview;
pub mod publish;
pub mod published_schemas;
pub mod resolve;
pub mod scaffold;
pub mod schema;
pub mod shutdown;
pub mod site;
pub mod text;
pub mod watch;
