//! `helpdoc.toml`: its tables as Rust types (the source of its JSON Schema), and the one
//! [`ProjectConfig`] a run uses, merged from the project root's file and the content folder's.
//!
//! A project has up to two `helpdoc.toml` files: the one at the project root (marked by a
//! `[project]` table, see [`super::project`]) and one in the content folder (which predates it
//! and keeps working). The root file is applied first and the content folder's over it, key by
//! key: the content folder travels with its content (copied, checked with `--content` from
//! elsewhere, linted alongside drafts), so its settings are the more specific ones. Adding a
//! section is adding a field to [`ConfigFile`] and, when it applies to a run, merging it in
//! [`ProjectConfig::apply`].

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::PathBuf;

use schemars::JsonSchema;
use serde::Deserialize;

use super::LimitsConfig;
use crate::diag::{Diagnostic, FileId};

/// The configuration file's name, at the project root and in the content folder.
pub const CONFIG_FILE: &str = "helpdoc.toml";

/// The project word list: a file in the content folder, one word per line (`#` starts a comment).
/// A line is a Hunspell `.dic` entry, so `Intacct` accepts `Intacct` and `INTACCT` but not
/// `intacct`, and `dropdown/S` also accepts `dropdowns`.
pub const WORDLIST_FILE: &str = "wordlist.txt";

/// Everything a `helpdoc.toml` can hold. Every table is optional.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "helpdoc.toml")]
pub struct ConfigFile {
    /// Marks the project root: the folders helpdoc's commands use by default, relative to this
    /// file. helpdoc finds the closest `helpdoc.toml` with this table in the current folder or
    /// above it, as cargo finds `Cargo.toml`.
    #[serde(default)]
    pub project: Option<ProjectTable>,
    /// Rule levels by code: `allow`, `warn` or `deny` (`helpdoc rules` lists the codes).
    #[serde(default)]
    pub rules: BTreeMap<String, Level>,
    /// Spelling settings (the word list file `wordlist.txt` in the content folder adds to them).
    #[serde(default)]
    pub spelling: SpellingConfig,
    /// Resource caps, applied before any content file is read. A cap left out keeps its default.
    #[serde(default)]
    pub limits: LimitsConfig,
    /// The published site.
    #[serde(default)]
    pub site: SiteConfig,
    /// What `helpdoc coverage` compares.
    #[serde(default)]
    pub coverage: CoverageConfig,
    /// The dimensions content varies along, each with its values:
    /// `edition = ["standard", "enterprise"]`. `when:` conditions, publications' `select` and
    /// `flag` and per-value variables may name only these. Names and values: lowercase letters,
    /// digits and hyphens (`not` is not a dimension name).
    #[serde(default)]
    pub dimensions: BTreeMap<String, Vec<String>>,
    /// How `helpdoc import` reads a team's Docusaurus pages.
    #[serde(default)]
    pub import: ImportConfig,
}

/// The `[import]` table: how `helpdoc import` reads a team's own pages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ImportConfig {
    /// The team's own MDX components and what each becomes, by name:
    /// `[import.components]` with lines such as `QuestionAnswer = "collapsible"`. A component not
    /// listed keeps its text as content, and the import says so at its line.
    #[serde(default)]
    pub components: BTreeMap<String, ComponentMapping>,
}

/// What a team's MDX component becomes when imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ComponentMapping {
    /// A collapsible block: its `summary`, `question`, `title` or `label` attribute is the line
    /// readers click, its content what opens.
    Collapsible,
    /// Its content, as if the component were not there (no note).
    Content,
    /// A note box (its `title` attribute, if any, is the box's title).
    Note,
    /// A tip box.
    Tip,
    /// An info box.
    Info,
    /// A caution box.
    Caution,
    /// A warning box.
    Warning,
    /// A danger box.
    Danger,
    /// The page's `read_next` links: each link it holds (its `to` or `href` attribute, and links
    /// in its text) to a page or heading of the same publication; a link to anything else is kept
    /// as a paragraph at the end of the page.
    ReadNext,
}

/// The `[coverage]` table: which entries of a product's catalogs `helpdoc coverage` treats as
/// errors (the command line's `--select` and `--select-list` add to it).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CoverageConfig {
    /// Glob patterns (`*` any run of characters, `?` one) on entry codes: `["error.*", "E_*"]`.
    #[serde(default)]
    pub select: Vec<String>,
    /// A file in the content folder listing error codes, one per line (`#` starts a comment).
    #[serde(default)]
    pub select_list: Option<String>,
}

/// The `[project]` table: folders, relative to the `helpdoc.toml` that holds it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProjectTable {
    /// The content folder (`--content` overrides it).
    #[serde(default = "default_content")]
    #[schemars(default = "default_content")]
    pub content: PathBuf,
    /// The output folder `build` writes into (`build --out` overrides it).
    #[serde(default = "default_output")]
    #[schemars(default = "default_output")]
    pub output: PathBuf,
    /// The folder of template packs and command exporters (`build --exporters` overrides it).
    #[serde(default = "default_exporters")]
    #[schemars(default = "default_exporters")]
    pub exporters: PathBuf,
}

impl Default for ProjectTable {
    fn default() -> Self {
        ProjectTable {
            content: default_content(),
            output: default_output(),
            exporters: default_exporters(),
        }
    }
}

fn default_content() -> PathBuf {
    "content".into()
}

fn default_output() -> PathBuf {
    "build".into()
}

fn default_exporters() -> PathBuf {
    "exporters".into()
}

/// How a rule's findings are reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Not reported.
    Allow,
    /// Reported as a warning.
    Warn,
    /// Reported as an error.
    Deny,
}

/// Which English the `spelling` rule holds text to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
pub enum Dialect {
    /// American English (the default): "color", "center"; British spellings are reported.
    #[default]
    #[serde(rename = "en-US")]
    EnUs,
    /// British English: "colour", "centre", "organise" (and "organize"); American spellings
    /// such as "color" are reported.
    #[serde(rename = "en-GB")]
    EnGb,
}

/// The `[spelling]` table, plus the entries of the word list file.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SpellingConfig {
    /// `"en-US"` (the default) or `"en-GB"`: which spelling of words such as color/colour the
    /// `spelling` rule accepts, and which it reports.
    #[serde(default)]
    pub dialect: Option<Dialect>,
    /// Extra words the `spelling` rule accepts, written as in the word list file.
    #[serde(default)]
    pub words: Vec<String>,
    /// Entries read from the word list file, with where they were written.
    #[serde(skip)]
    pub listed: Vec<ListedWord>,
}

/// One entry of the word list file.
#[derive(Debug, Clone, PartialEq)]
pub struct ListedWord {
    /// The entry.
    pub word: String,
    /// The word list file.
    pub file: FileId,
    /// Where the entry is in it.
    pub range: Range<usize>,
}

impl SpellingConfig {
    /// Reads the entries of a word list file's text.
    pub fn read_wordlist(&mut self, file: FileId, text: &str) {
        let mut offset = 0;
        for line in text.split('\n') {
            let entry = line.split('#').next().unwrap_or_default();
            let word = entry.trim();
            if !word.is_empty() {
                let at = offset + (entry.len() - entry.trim_start().len());
                self.listed.push(ListedWord {
                    word: word.to_string(),
                    file,
                    range: at..at + word.len(),
                });
            }
            offset += line.len() + 1;
        }
    }
}

/// The `[site]` table: where the published documentation lives.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// The https:// address the Markdown docs are published at. The in-product help bundle's
    /// deep links start with it (it replaces a publication's `formats.json.docs_base_url`).
    #[serde(default)]
    pub base_url: Option<String>,
    /// Routes of the docs site's other pages, outside the content set, that text may link to
    /// as `[FAQ](/faq)`: written from the site's root (`/faq`, `/other-product/setup`). A link
    /// to a route not listed is an error. Markdown keeps the route (Docusaurus routes and checks
    /// it); HTML, PDF and the help bundle link `base_url`'s origin followed by the route.
    #[serde(default)]
    pub routes: Vec<String>,
}

/// A rule code set under `[rules]`, with where it was written (to point at a code that names no
/// rule).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleSetting {
    /// The level.
    pub level: Level,
    /// The file that set it last.
    pub file: FileId,
    /// Where the code is written in it.
    pub range: Range<usize>,
}

/// The configuration a run uses: both `helpdoc.toml` files merged (see the module docs), and the
/// word list.
#[derive(Debug, Clone, Default)]
pub struct ProjectConfig {
    /// Levels by rule code (a content rule or a publishing note).
    pub rules: BTreeMap<String, RuleSetting>,
    /// Extra words for the `spelling` rule.
    pub spelling: SpellingConfig,
    /// The configured caps (the run's defaults apply to those left out).
    pub limits: LimitsConfig,
    /// The published site.
    pub site: SiteConfig,
    /// Where `base_url` under `[site]` was set (the file, and its key). `routes` replace those of
    /// an earlier file, as a whole.
    pub site_base_url_at: Option<(FileId, Range<usize>)>,
    /// What `helpdoc coverage` compares (patterns add up; a later `select_list` replaces).
    pub coverage: CoverageConfig,
    /// The declared dimensions and their values (a later file's dimension replaces an earlier
    /// one's of the same name), with where each was declared.
    pub dimensions: BTreeMap<String, Dimension>,
}

/// A declared dimension.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dimension {
    /// Its values, in the order declared.
    pub values: Vec<String>,
    /// The file that declared it, and where its name is written there (`None` for the
    /// `audience` dimension that old `audience` fields declare on their own).
    pub at: Option<(FileId, Range<usize>)>,
}

impl ProjectConfig {
    /// The level set for the rule `code`, if the configuration sets one.
    pub fn level_of(&self, code: &str) -> Option<Level> {
        self.rules.get(code).map(|setting| setting.level)
    }

    /// Applies one file's settings over these, key by key: a rule level or a cap it sets
    /// replaces the one set before, its words are added, and its `[site]` keys replace those set
    /// before. `[project]` is not a setting of the run (the caller has used it to find folders).
    pub fn apply(&mut self, file: FileId, text: &str, config: ConfigFile) {
        for (code, level) in config.rules {
            let range = key_range(text, &code);
            self.rules.insert(code, RuleSetting { level, file, range });
        }
        self.spelling.words.extend(config.spelling.words);
        if config.spelling.dialect.is_some() {
            self.spelling.dialect = config.spelling.dialect;
        }
        let limits = config.limits;
        let merged = &mut self.limits;
        merged.max_file_bytes = limits.max_file_bytes.or(merged.max_file_bytes);
        merged.max_depth = limits.max_depth.or(merged.max_depth);
        merged.max_total_bytes = limits.max_total_bytes.or(merged.max_total_bytes);
        merged.max_expanded_bytes = limits.max_expanded_bytes.or(merged.max_expanded_bytes);
        self.coverage.select.extend(config.coverage.select);
        if config.coverage.select_list.is_some() {
            self.coverage.select_list = config.coverage.select_list;
        }
        if config.site.base_url.is_some() {
            self.site.base_url = config.site.base_url;
            self.site_base_url_at = Some((file, key_range(text, "base_url")));
        }
        if !config.site.routes.is_empty() {
            self.site.routes = config.site.routes;
        }
        for (name, values) in config.dimensions {
            let at = Some((file, key_range(text, &name)));
            self.dimensions.insert(name, Dimension { values, at });
        }
    }
}

/// Where `key` is written in a TOML text (its first occurrence as a whole key), for pointing at it.
fn key_range(text: &str, key: &str) -> Range<usize> {
    text.match_indices(key)
        .find(|(at, _)| {
            let before = text[..*at].chars().next_back();
            let after = text[at + key.len()..].chars().next();
            !before.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_')
                && !after.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_')
        })
        .map_or(0..0, |(at, _)| at..at + key.len())
}

/// Parses a `helpdoc.toml` text, or says where and why it is invalid.
pub fn parse_config(file: FileId, text: &str) -> Result<ConfigFile, Box<Diagnostic>> {
    toml::from_str::<ConfigFile>(text).map_err(|error| {
        Box::new(
            Diagnostic::error("config", format!("invalid {CONFIG_FILE}: {}", error.message()))
                .at(file, error.span().unwrap_or(0..0), "here")
                .help("the tables are `[project]`, `[rules]` (lines such as `placeholder = \"warn\"`; levels: allow, warn, deny), `[spelling]` (`words`, `dialect = \"en-GB\"`), `[limits]`, `[site]`, `[coverage]`, `[dimensions]` (lines such as `edition = [\"standard\", \"enterprise\"]`) and `[import]` (`[import.components]` lines such as `ReadNext = \"read_next\"`); the README lists every setting"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_later_file_wins_per_key_and_words_add_up() {
        let mut config = ProjectConfig::default();
        let root = "[rules]\nspelling = \"deny\"\nplaceholder = \"allow\"\n[spelling]\nwords = [\"a\"]\n[limits]\nmax_depth = 9\nmax_file_bytes = 5\n[site]\nbase_url = \"https://a/\"\n";
        let content =
            "[rules]\nspelling = \"warn\"\n[spelling]\nwords = [\"b\"]\n[limits]\nmax_depth = 7\n";
        config.apply(FileId(0), root, parse_config(FileId(0), root).unwrap());
        config.apply(
            FileId(1),
            content,
            parse_config(FileId(1), content).unwrap(),
        );
        assert_eq!(config.level_of("spelling"), Some(Level::Warn));
        assert_eq!(config.rules["spelling"].file, FileId(1));
        assert_eq!(config.level_of("placeholder"), Some(Level::Allow));
        assert_eq!(config.spelling.words, ["a", "b"]);
        assert_eq!(config.limits.max_depth, Some(7));
        assert_eq!(config.limits.max_file_bytes, Some(5));
        assert_eq!(config.site.base_url.as_deref(), Some("https://a/"));
    }

    #[test]
    fn a_key_is_found_as_a_whole_word() {
        let text = "[rules]\n# not-placeholder\nplaceholder = \"warn\"\n";
        assert_eq!(&text[key_range(text, "placeholder")], "placeholder");
        assert_eq!(key_range(text, "placeholder").start, 26);
    }
}
