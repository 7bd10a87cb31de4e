//! The command line: clap types, exit codes, and one module per subcommand that runs the library
//! and prints what it did. Only the binary prints; the library returns values and diagnostics.

use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};
use helpdoc::load::Project;

pub mod build;
pub mod check;
pub mod clean;
pub mod completions;
pub mod coverage;
pub mod folders;
pub mod import;
pub mod lookup;
pub mod new;
mod progress;
mod report;
pub mod rules;
pub mod schema;
pub mod serve;
pub mod ui;
pub mod watch;

/// Exit code: success.
pub const EXIT_OK: u8 = 0;
/// Exit code: the content has errors.
pub const EXIT_CONTENT: u8 = 1;
/// Exit code: bad usage or an environment failure (unreadable folder, unwritable output).
pub const EXIT_ENVIRONMENT: u8 = 2;

/// helpdoc: troubleshooting content as code.
#[derive(Debug, Parser)]
#[command(name = "helpdoc", version, about, long_about = None)]
pub struct Cli {
    /// Flags every subcommand takes.
    #[command(flatten)]
    pub global: ui::GlobalArgs,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check content: schema, references, and content rules. Writes nothing.
    Check(CheckArgs),
    /// Check the content, then export every publication into the output folder (one sub-folder per format).
    Build(BuildArgs),
    /// Write the JSON Schemas for content files (and the in-product bundle) into a folder.
    Schema(SchemaArgs),
    /// Import Docusaurus Markdown drafts as content files: topics plus one publication per page.
    Import(ImportArgs),
    /// List the content rules and publishing notes: code, default level, what each catches and why.
    Rules(RulesArgs),
    /// Compare the help with the product's error catalogs: errors without help, help for errors
    /// the product no longer has, placeholders that differ.
    Coverage(CoverageArgs),
    /// Show the help a bundle holds for a product's error message (and code), as support sees it.
    Lookup(LookupArgs),
    /// Rebuild the outputs whenever the content, its config or the exporters change.
    Watch(BuildArgs),
    /// Serve a live HTML preview on 127.0.0.1 that reloads on every change and shows errors.
    Serve(ServeArgs),
    /// Remove what helpdoc built: only the files the output folder's manifest lists.
    Clean(CleanArgs),
    /// Start a project (`helpdoc new PROJECT`) or add a topic (`helpdoc new KIND ID`).
    New(NewArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(CompletionsArgs),
    /// Print the man page (roff) on standard output, e.g. `helpdoc man > helpdoc.1`.
    Man,
}

/// `helpdoc lookup`.
#[derive(Debug, Args)]
pub struct LookupArgs {
    /// The help bundle (`build/json/<publication-id>.json`).
    #[arg(value_name = "BUNDLE")]
    pub bundle: PathBuf,
    /// The message the product showed, as the user reported it.
    #[arg(value_name = "MESSAGE")]
    pub message: String,
    /// The error code the product showed, looked up first.
    #[arg(long, value_name = "CODE")]
    pub code: Option<String>,
}

/// `helpdoc coverage`.
#[derive(Debug, Args)]
pub struct CoverageArgs {
    /// Content and diagnostic options.
    #[command(flatten)]
    pub content: ContentArgs,
    /// The product's catalog files: JSON (.json), gettext (.po, .pot), Android (strings .xml),
    /// Apple (.strings, .xcstrings).
    #[arg(long = "catalog", required = true, num_args = 1.., value_name = "FILE")]
    pub catalogs: Vec<PathBuf>,
    /// Only entries whose code matches this pattern are errors (`*` any run of characters, `?`
    /// one); repeatable, added to `[coverage] select` in helpdoc.toml. With no pattern or list,
    /// every entry is an error.
    #[arg(long, value_name = "PATTERN")]
    pub select: Vec<String>,
    /// A file listing error codes, one per line, that are errors too; repeatable.
    #[arg(long, value_name = "FILE")]
    pub select_list: Vec<PathBuf>,
}

/// Options shared by every command that reads content.
#[derive(Debug, Args)]
pub struct ContentArgs {
    /// The content folder [default: the project's (see `[project]` in helpdoc.toml), else `content`]
    #[arg(long, value_name = "DIR")]
    pub content: Option<PathBuf>,
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value_t = FormatArg::Human, value_name = "FORMAT")]
    pub diagnostic_format: FormatArg,
    /// Treat warnings as errors (exit 1 when there are any; `build` then writes nothing).
    #[arg(long)]
    pub deny_warnings: bool,
}

/// `helpdoc check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Content and diagnostic options.
    #[command(flatten)]
    pub content: ContentArgs,
    /// Check these Docusaurus Markdown drafts instead of the content folder: they are imported in
    /// memory and every finding is reported at the draft's line and column. The content folder's
    /// `helpdoc.toml` and word list still apply.
    #[arg(long, value_name = "PAGE", num_args = 1..)]
    pub lint_drafts: Vec<PathBuf>,
}

/// `helpdoc import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The Markdown pages to import.
    #[arg(required = true, value_name = "PAGE")]
    pub pages: Vec<PathBuf>,
    /// The folder to write the content files into (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Overwrite files that already exist (otherwise nothing is written when one does).
    #[arg(long)]
    pub force: bool,
    /// Write `$schema` as this base URL plus the schema file name, instead of a relative path to
    /// the project's `schema/` folder.
    #[arg(long, value_name = "URL")]
    pub schema_url: Option<String>,
    /// After importing, compare each page with its draft (anchors, headings, causes, admonitions,
    /// images, tables, steps, links) and list what did not map.
    #[arg(long)]
    pub report: bool,
}

/// `helpdoc rules`.
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Show only this rule.
    #[arg(value_name = "CODE")]
    pub code: Option<String>,
}

/// `helpdoc schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// The folder to write the schema files into (created if missing).
    #[arg(long, default_value = "schema", value_name = "DIR")]
    pub out: PathBuf,
    /// Only compare: exit 1 if the files in `--out` differ from what this helpdoc generates.
    #[arg(long)]
    pub check: bool,
    /// Write the project's own content schemas instead: `when:`, `select` and `flag` list the
    /// dimensions declared under `[dimensions]` in its helpdoc.toml, so editors complete them.
    #[arg(long)]
    pub project: bool,
    /// The content folder whose configuration `--project` reads [default: the project's, else `content`]
    #[arg(long, value_name = "DIR", requires = "project")]
    pub content: Option<PathBuf>,
}

/// `helpdoc build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Content and diagnostic options.
    #[command(flatten)]
    pub content: ContentArgs,
    /// The output folder, one sub-folder per format [default: the project's, else `build`]
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Formats to build, comma-separated: markdown, html, json, pdf, or an exporter in `exporters/`.
    /// Default: every built-in format.
    #[arg(long, value_delimiter = ',', value_name = "LIST")]
    pub format: Vec<String>,
    /// The folder holding template packs and command exporters [default: the project's, else `exporters`]
    #[arg(long, value_name = "DIR")]
    pub exporters: Option<PathBuf>,
    /// Replace the output folder even if it holds files helpdoc did not create.
    #[arg(long)]
    pub force: bool,
    /// Fail at once (exit 2) when another build is writing into the same output folder, instead
    /// of waiting for it to finish.
    #[arg(long)]
    pub no_wait: bool,
    /// Build only this publication (repeat for more); the other publications' files stay in the
    /// output folder as they are.
    #[arg(long = "publication", value_name = "ID")]
    pub publications: Vec<String>,
}

/// `helpdoc serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The content folder [default: the project's, else `content`]
    #[arg(long, value_name = "DIR")]
    pub content: Option<PathBuf>,
    /// The folder holding template packs (a pack named `html` restyles the preview) [default: the
    /// project's, else `exporters`]
    #[arg(long, value_name = "DIR")]
    pub exporters: Option<PathBuf>,
    /// The port on 127.0.0.1 (0: any free port).
    #[arg(long, default_value_t = 4000, value_name = "PORT")]
    pub port: u16,
    /// Open the preview in the browser (`$BROWSER`, else the system's default) once it is ready.
    #[arg(long)]
    pub open: bool,
}

/// `helpdoc clean`.
#[derive(Debug, Args)]
pub struct CleanArgs {
    /// The content folder (the output folder may not be in it) [default: the project's, else
    /// `content`]
    #[arg(long, value_name = "DIR")]
    pub content: Option<PathBuf>,
    /// The output folder to clean [default: the project's, else `build`]
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Clean even when the output folder holds files helpdoc did not create (those stay).
    #[arg(long)]
    pub force: bool,
    /// Fail at once (exit 2) when a build is writing into the output folder.
    #[arg(long)]
    pub no_wait: bool,
}

/// `helpdoc new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// `PROJECT` (a folder to create), or a topic kind: concept, procedure, error, prerequisite,
    /// fragment.
    #[arg(value_name = "PROJECT|KIND")]
    pub what: String,
    /// The new topic's id (with a KIND).
    #[arg(value_name = "ID")]
    pub id: Option<String>,
    /// The content folder (with a KIND) [default: the project's, else `content`]
    #[arg(long, value_name = "DIR")]
    pub content: Option<PathBuf>,
    /// Also list the topic in this section of `--publication` (its `id:`).
    #[arg(long, value_name = "SECTION", requires = "publication")]
    pub section: Option<String>,
    /// The publication holding `--section` (its `id:`).
    #[arg(long, value_name = "PUB", requires = "section")]
    pub publication: Option<String>,
}

/// `helpdoc completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// `--diagnostic-format`: how diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// rustc-style snippets with the offending text underlined.
    Human,
    /// One JSON object per line.
    Json,
}

/// The project the current folder is in (see [`helpdoc::load::find_project`]), or the error
/// printed and the exit code when its `helpdoc.toml` cannot be used.
pub(crate) fn project_here() -> Result<Option<Project>, u8> {
    helpdoc::load::find_project(Path::new(".")).map_err(|error| {
        eprintln!("error: {error}");
        EXIT_ENVIRONMENT
    })
}

/// A folder option: as given, else the project's, else `fallback` in the current folder.
pub(crate) fn folder(
    given: Option<&PathBuf>,
    project: Option<&Project>,
    of_project: fn(&Project) -> PathBuf,
    fallback: &str,
) -> PathBuf {
    given
        .cloned()
        .or_else(|| project.map(of_project))
        .unwrap_or_else(|| PathBuf::from(fallback))
}

impl ContentArgs {
    /// The content folder: `--content`, else the project's, else `content`.
    pub(crate) fn folder(&self, project: Option<&Project>) -> PathBuf {
        folder(self.content.as_ref(), project, Project::content, "content")
    }
}
