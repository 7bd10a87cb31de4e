//! Content rules: findings about drafting leftovers and quality, one rule per file, each with a
//! configurable level (`allow`, `warn`, `deny`) set in `helpdoc.toml`.

mod broken_link;
pub(crate) mod duplicate_alt_text;
mod duplicate_link;
pub(crate) mod duplicate_topic;
mod empty_section;
mod heading_level_skip;
mod invisible_character;
mod message_template;
mod missing_alt_text;
mod mojibake;
mod note_shapes;
mod overlapping_templates;
mod placeholder;
mod spelling;
mod stale_link_text;
pub mod text;
mod unsafe_link;

pub use heading_level_skip::{HeadingLevelSkip, heading_skips};
pub use mojibake::{MojibakeHit, find_mojibake};
pub use placeholder::{PlaceholderHit, find_placeholders};
pub use spelling::{Speller, SpellingConfig, WORDLIST_FILE};
pub use stale_link_text::{StaleLinkText, quotes_another_title};
pub use text::TextSite;

use std::ops::Range;

use rayon::prelude::*;

pub use crate::load::config::Level;

use crate::content::{ContentDoc, ContentSet};
use crate::diag::{Diagnostic, Severity, SourceMap};
use crate::load::ProjectConfig;
use crate::model::DocumentKind;

/// What `helpdoc rules` says about a content rule, and its level when the project sets none:
/// one `const META` in each rule's file, read by the registry listing, `[rules]` checking and
/// every diagnostic the rule reports.
#[derive(Debug, PartialEq, Eq)]
pub struct RuleMeta {
    /// The rule's code, used in diagnostics and in `helpdoc.toml`.
    pub code: &'static str,
    /// One line: what it catches.
    pub description: &'static str,
    /// Why it matters to readers.
    pub why: &'static str,
    /// A short example of text it flags (may span lines).
    pub example: &'static str,
    /// Its level when the project does not set one.
    pub default_level: Level,
}

/// A content rule. Adding a rule is adding a file that implements this and listing it in [`RULES`].
pub trait Rule: Sync {
    /// The rule's code, words and default level (its file's `META`).
    fn meta(&self) -> &'static RuleMeta;
    /// Reports findings in one document (most rules). Called for every document, on any thread,
    /// with the document's texts collected once for all rules. A rule implements this, or
    /// [`Rule::check_content`], or both; both do nothing by default.
    fn check_document(
        &self,
        _cx: &RuleContext<'_>,
        _doc: &ContentDoc,
        _texts: &[TextSite],
        _findings: &mut Findings,
    ) {
    }
    /// Reports findings in one data file's texts (its column names and cells, plain text located
    /// in the data file; see [`text::data_texts`]). The rules about text as written (spelling,
    /// placeholders, garbled and invisible characters) implement it; by default it does nothing.
    fn check_data(&self, _cx: &RuleContext<'_>, _texts: &[TextSite], _findings: &mut Findings) {}
    /// Reports findings that need the whole content set at once (duplicates across files).
    fn check_content(&self, _cx: &RuleContext<'_>, _findings: &mut Findings) {}
    /// Whether [`Rule::check_content`]'s findings can change when a document of this kind (as
    /// written after `kind:`) changes; the incremental engine runs it again only then. By
    /// default, yes.
    fn content_reads_kind(&self, _kind: DocumentKind) -> bool {
        true
    }
    /// All that [`Rule::check_content`] reads of one document, when its findings depend only on
    /// these keys in file order and cite only the files whose keys they compare; `None` (the
    /// default): it reads more. The incremental engine keeps its findings while the documents
    /// read again keep their keys and are not cited.
    fn document_key(&self, _doc: &ContentDoc) -> Option<String> {
        None
    }
}

/// Every rule, sorted by code.
pub static RULES: &[&dyn Rule] = &[
    &broken_link::BrokenLink,
    &duplicate_alt_text::DuplicateAltText,
    &duplicate_link::DuplicateLink,
    &duplicate_topic::DuplicateTopic,
    &empty_section::EmptySection,
    &heading_level_skip::HeadingLevelSkip,
    &invisible_character::InvisibleCharacter,
    &message_template::MessageTemplate,
    &missing_alt_text::MissingAltText,
    &mojibake::Mojibake,
    &overlapping_templates::OverlappingTemplates,
    &placeholder::Placeholder,
    &spelling::Spelling,
    &StaleLinkText,
    &unsafe_link::UnsafeLink,
];

/// What a rule can read.
pub struct RuleContext<'a> {
    /// The loaded content.
    pub content: &'a ContentSet,
    /// The source texts.
    pub sources: &'a SourceMap,
    /// The project configuration (rule levels, spelling word list).
    pub config: &'a RuleConfig,
    /// The spelling dictionary with the project's words, built once and shared by all threads.
    pub speller: Speller,
}

impl<'a> RuleContext<'a> {
    /// The context for checking `content` with `config`.
    pub fn new(content: &'a ContentSet, sources: &'a SourceMap, config: &'a RuleConfig) -> Self {
        RuleContext {
            content,
            sources,
            config,
            speller: Speller::new(&config.spelling),
        }
    }
}

/// A finding before its level is applied.
pub struct Finding {
    /// Where.
    pub doc_file: crate::diag::FileId,
    /// Byte range.
    pub range: Range<usize>,
    /// What is wrong (names the offending text).
    pub message: String,
    /// The label under the underline.
    pub label: String,
    /// How to fix it.
    pub help: String,
    /// Related places ("first written here").
    pub related: Vec<crate::diag::Label>,
}

impl Finding {
    /// A finding at `range` in `doc_file`, with no related places.
    pub fn new(
        doc_file: crate::diag::FileId,
        range: Range<usize>,
        message: String,
        label: &str,
        help: String,
    ) -> Self {
        Finding {
            doc_file,
            range,
            message,
            label: label.to_string(),
            help,
            related: Vec::new(),
        }
    }

    /// Adds a related place.
    pub fn also(
        mut self,
        file: crate::diag::FileId,
        range: Range<usize>,
        text: impl Into<String>,
    ) -> Self {
        self.related
            .push(crate::diag::Label::new(file, range, text.into()));
        self
    }
}

/// Collects one rule's findings.
#[derive(Default)]
pub struct Findings {
    items: Vec<Finding>,
}

impl Findings {
    /// Adds a finding at a JSON pointer in a document (the whole value).
    pub fn at_pointer(
        &mut self,
        doc: &ContentDoc,
        pointer: &str,
        message: String,
        label: &str,
        help: String,
    ) {
        let range = doc.node.locate(pointer).node.span.clone();
        self.push(Finding::new(doc.file, range, message, label, help));
    }

    /// Adds a finding.
    pub fn push(&mut self, finding: Finding) {
        self.items.push(finding);
    }
}

/// The configuration rules read (the project's `helpdoc.toml` files merged, and the word list).
pub type RuleConfig = ProjectConfig;

impl ProjectConfig {
    /// The level for a rule: the configured one, else its default.
    pub fn level(&self, rule: &dyn Rule) -> Level {
        let meta = rule.meta();
        self.level_of(meta.code).unwrap_or(meta.default_level)
    }
}

/// A `config` error for each code under `[rules]` that names no rule (a content rule or a
/// publishing note), at the place it was written.
pub fn unknown_codes(config: &ProjectConfig) -> Vec<Diagnostic> {
    config
        .rules
        .iter()
        .filter(|(code, _)| !all_codes().any(|known| known == code.as_str()))
        .map(|(code, setting)| {
            Diagnostic::error("config", format!("`{code}` is not a rule"))
                .at(setting.file, setting.range.clone(), "unknown rule")
                .maybe_help(crate::diag::suggest::did_you_mean(code, all_codes()))
        })
        .collect()
}

/// Every code `[rules]` in `helpdoc.toml` can set: the content rules', the publishing notes'
/// ([`crate::resolve::NOTE_RULES`]), then the coverage findings'
/// ([`crate::coverage::COVERAGE_RULES`]).
pub fn all_codes() -> impl Iterator<Item = &'static str> {
    RULES
        .iter()
        .map(|r| r.meta().code)
        .chain(crate::resolve::NOTE_RULES.iter().map(|r| r.code))
        .chain(crate::coverage::COVERAGE_RULES.iter().map(|r| r.code))
}

/// The rules that are not allowed, each with the severity its level gives, in [`RULES`] order.
pub type ActiveRules = Vec<(&'static dyn Rule, Severity)>;

/// The rules `config` does not allow, with their severities.
pub fn active_rules(config: &RuleConfig) -> ActiveRules {
    RULES
        .iter()
        .filter_map(|rule| {
            let severity = match config.level(*rule) {
                Level::Allow => return None,
                Level::Warn => Severity::Warning,
                Level::Deny => Severity::Error,
            };
            Some((*rule, severity))
        })
        .collect()
}

/// Builds the rules' fixed tables, which do not depend on the content (see
/// [`crate::check::warm_up`]).
pub fn warm_up() {
    placeholder::warm_up();
}

/// Runs every rule that is not allowed, and returns its findings as diagnostics.
///
/// Documents are checked on every core, each document's texts collected once for all rules;
/// rules that need the whole content set run alongside. Findings are gathered per rule in
/// document order, so the output is the same however the threads were scheduled.
pub fn run_rules(cx: &RuleContext<'_>) -> Vec<Diagnostic> {
    let active = active_rules(cx.config);
    let (per_document, whole_set) = rayon::join(
        || {
            cx.content
                .docs
                .par_iter()
                .map(|doc| document_diagnostics(cx, &active, doc))
                .collect::<Vec<_>>()
        },
        || content_diagnostics(cx, &active),
    );
    gather(whole_set, &per_document)
}

/// Each active rule's findings in one document, as diagnostics (one list per rule, in `active`
/// order). Rules read other documents only through the content set's lookups, so
/// [`crate::content::reads`] records what the result depends on.
pub fn document_diagnostics(
    cx: &RuleContext<'_>,
    active: &ActiveRules,
    doc: &ContentDoc,
) -> Vec<Vec<Diagnostic>> {
    let texts = text::texts(doc);
    active
        .iter()
        .map(|(rule, severity)| {
            let mut findings = Findings::default();
            rule.check_document(cx, doc, &texts, &mut findings);
            findings
                .items
                .into_iter()
                .map(|finding| diagnostic(*rule, *severity, finding))
                .collect()
        })
        .collect()
}

/// Each active rule's findings over the whole content set, as diagnostics (one list per rule).
pub fn content_diagnostics(cx: &RuleContext<'_>, active: &ActiveRules) -> Vec<Vec<Diagnostic>> {
    active
        .iter()
        .map(|(rule, severity)| rule_content_diagnostics(cx, *rule, *severity))
        .collect()
}

/// One rule's findings over the whole content set, as diagnostics at `severity`: those that need
/// every document, then those in each data file, in key order. Data files are checked here, with
/// the whole set, because any change to one makes the incremental engine check everything again.
pub fn rule_content_diagnostics(
    cx: &RuleContext<'_>,
    rule: &dyn Rule,
    severity: Severity,
) -> Vec<Diagnostic> {
    let mut findings = Findings::default();
    rule.check_content(cx, &mut findings);
    for set in cx.content.data.sets.values() {
        rule.check_data(cx, &text::data_texts(set), &mut findings);
    }
    findings
        .items
        .into_iter()
        .map(|finding| diagnostic(rule, severity, finding))
        .collect()
}

/// The rules' diagnostics in report order: for each rule, its whole-set findings, then its
/// findings in each document in document order.
pub fn gather(
    whole_set: Vec<Vec<Diagnostic>>,
    per_document: &[impl AsRef<[Vec<Diagnostic>]>],
) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for (index, whole) in whole_set.into_iter().enumerate() {
        diagnostics.extend(whole);
        for doc in per_document {
            diagnostics.extend(doc.as_ref()[index].iter().cloned());
        }
    }
    diagnostics
}

/// A finding as a diagnostic at its rule's level.
fn diagnostic(rule: &dyn Rule, severity: Severity, finding: Finding) -> Diagnostic {
    let diagnostic = match severity {
        Severity::Error => Diagnostic::error(rule.meta().code, finding.message),
        Severity::Warning => Diagnostic::warning(rule.meta().code, finding.message),
    };
    let mut diagnostic = diagnostic
        .at(finding.doc_file, finding.range, finding.label)
        .help(finding.help);
    diagnostic.secondary = finding.related;
    diagnostic
}
