//! Conditions and variables against the declared dimensions: unknown dimensions and values in
//! `when`, `select`, `flag` and per-value variables (with a did-you-mean), conditions no
//! publication selects, per-value variables a publication cannot fill, unknown `{{variables}}`,
//! and the deprecated `audience` fields.

use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use super::locate::span_in_value;
use crate::content::{ContentDoc, ContentSet};
use crate::diag::suggest::did_you_mean;
use crate::diag::words::and_list;
use crate::diag::{Diagnostic, FileId, SourceMap};
use crate::load::ProjectConfig;
use crate::model::inline::{Piece, split_variables};
use crate::model::is_hyphenated_words;
use crate::model::walk::{TextRole, Visitor, walk};
use crate::model::{Condition, Document, RichText, Variable};
use crate::resolve::select::{AUDIENCE, Selection};

/// The declared dimensions and their values (plus `audience`, when only the deprecated fields
/// declare it).
type Dimensions = BTreeMap<String, Vec<String>>;

/// Every problem with conditions and variables in the content.
pub fn check_conditions(
    content: &ContentSet,
    sources: &SourceMap,
    config: &ProjectConfig,
) -> Vec<Diagnostic> {
    let (context, front) = Context::of(content, config);
    let docs: Vec<DocConditions> = (content.docs.par_iter())
        .map(|doc| document_conditions(&context, doc, sources))
        .collect();
    combine(&context, content, front, &docs)
}

/// What the conditions of a document are checked against, from the configuration and every
/// publication: each document's findings stay the same while this does (the incremental engine
/// compares it every round).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    dimensions: Dimensions,
    /// Each publication's id and selection (completed with the dimensions), in content order.
    publications: Vec<(String, Selection)>,
    /// The variables some publication defines.
    defined: BTreeSet<String>,
}

impl Context {
    /// The context of `content`, with the problems found making it (the `[dimensions]` table's
    /// and the deprecated `audience` fields'), in report order.
    pub fn of(content: &ContentSet, config: &ProjectConfig) -> (Context, Vec<Diagnostic>) {
        let mut found = Vec::new();
        let mut dimensions: Dimensions = (config.dimensions.iter())
            .map(|(name, d)| (name.clone(), d.values.clone()))
            .collect();
        found.extend(declarations(config));
        found.extend(audience_fields(content, &mut dimensions));
        let publications = (content.publications())
            .map(|p| (p.id.to_string(), Selection::of(p).complete(&dimensions)))
            .collect();
        let defined = (content.publications())
            .flat_map(|p| p.variables.keys().cloned())
            .collect();
        let context = Context {
            dimensions,
            publications,
            defined,
        };
        (context, found)
    }

    /// Whether some publication selects `when`.
    fn selected(&self, when: &Condition) -> bool {
        self.publications.iter().any(|(_, s)| s.holds(Some(when)))
    }
}

/// One document's condition and variable problems, given a [`Context`].
#[derive(Debug, Clone, Default)]
pub struct DocConditions {
    /// Its problems, in report order.
    found: Vec<Diagnostic>,
    /// Its conditions that hold in no publication, by how they read, each with its warning.
    never: Vec<(String, Diagnostic)>,
}

impl DocConditions {
    /// Every diagnostic held (for renumbering files).
    pub fn diagnostics_mut(&mut self) -> impl Iterator<Item = &mut Diagnostic> {
        (self.found.iter_mut()).chain(self.never.iter_mut().map(|(_, d)| d))
    }
}

/// The problems of the conditions and variables of `doc` (they read only the document, its
/// source and `context`).
pub fn document_conditions(
    context: &Context,
    doc: &ContentDoc,
    sources: &SourceMap,
) -> DocConditions {
    let dimensions = &context.dimensions;
    let mut out = DocConditions::default();
    let found = &mut out.found;
    let mut conditions = Conditions::default();
    walk(&doc.document, &mut conditions);
    for &(when, ref pointer) in &conditions.found {
        let unknown = names(doc, pointer, named(when), dimensions, found);
        if !unknown && !context.publications.is_empty() && !context.selected(when) {
            let located = doc.node.locate(pointer);
            let span = (located.key_span).unwrap_or_else(|| located.node.span.clone());
            let warning = never_true(doc.file, span, when, &context.publications);
            out.never.push((when.to_string(), warning));
        }
    }
    for (name, span) in conditions.variables(doc, sources) {
        if !context.defined.contains(&name) {
            found.push(
                Diagnostic::error(
                    "unknown-variable",
                    format!("no publication defines the variable `{name}`"),
                )
                .at(doc.file, span, "unknown variable")
                .help(match did_you_mean(&name, context.defined.iter().map(String::as_str)) {
                    Some(guess) => guess,
                    None => format!("define `{name}` under `variables:` in the publications that include this text, or write the braces as text in backticks"),
                }),
            );
        }
    }
    if let Document::Publication(publication) = &doc.document {
        let selection = Selection::of(publication);
        for (field, values) in [("select", &publication.select), ("flag", &publication.flag)] {
            let listed = (values.0.iter())
                .flat_map(|(d, v)| {
                    v.as_slice().iter().enumerate().map(move |(i, value)| {
                        let at = match v {
                            crate::model::Values::One(_) => format!("/{field}/{d}"),
                            crate::model::Values::Any(_) => format!("/{field}/{d}/{i}"),
                        };
                        (d.as_str(), value.as_str(), at)
                    })
                })
                .collect();
            names(doc, "", listed, dimensions, found);
        }
        for (name, variable) in &publication.variables {
            found.extend(variable_problem(
                doc, name, variable, &selection, dimensions,
            ));
        }
    }
    out
}

/// Every problem with conditions and variables: `front` (from [`Context::of`]), each document's
/// (`docs`, in content order), the data rows', then one warning for each condition that holds
/// in no publication, at its first place however often it is written (it is one choice of what
/// to publish).
pub fn combine(
    context: &Context,
    content: &ContentSet,
    front: Vec<Diagnostic>,
    docs: &[impl std::borrow::Borrow<DocConditions>],
) -> Vec<Diagnostic> {
    let dimensions = &context.dimensions;
    let mut found = front;
    let mut never: BTreeMap<String, (usize, Diagnostic)> = BTreeMap::new();
    let mut count = |when: &str, warning: &dyn Fn() -> Diagnostic| {
        never
            .entry(when.to_string())
            .and_modify(|(more, _)| *more += 1)
            .or_insert_with(|| (0, warning()));
    };
    for doc in docs {
        let doc = doc.borrow();
        found.extend(doc.found.iter().cloned());
        for (when, warning) in &doc.never {
            count(when, &|| warning.clone());
        }
    }
    // Data rows' conditions (the `when` column), each at its cell.
    for set in content.data.sets.values() {
        for row in &set.rows {
            let (Some(when), Some(at)) = (&row.when, set.column(crate::data::WHEN_COLUMN)) else {
                continue;
            };
            let span = row.cells[at].span.clone();
            let locate = |_: &str, _: bool| span.clone();
            let unknown = names_at(set.file, &locate, "", named(when), dimensions, &mut found);
            if !unknown && !context.publications.is_empty() && !context.selected(when) {
                count(&when.to_string(), &|| {
                    never_true(set.file, span.clone(), when, &context.publications)
                });
            }
        }
    }
    for (_, (more, diagnostic)) in never {
        found.push(match more {
            0 => diagnostic,
            more => {
                let help = diagnostic.help.clone().unwrap_or_default();
                diagnostic.help(format!(
                    "{help} (it is written at {})",
                    crate::diag::words::count(more, "more place")
                ))
            }
        });
    }
    found
}

/// Problems in the `[dimensions]` table itself: names and values that are not lowercase words.
fn declarations(config: &ProjectConfig) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for (name, dimension) in &config.dimensions {
        let Some((file, range)) = dimension.at.clone() else {
            continue;
        };
        let bad_value = dimension.values.iter().find(|v| !is_hyphenated_words(v));
        let problem = if name == "not" {
            Some("`not` is how a condition negates, so it cannot name a dimension".to_string())
        } else if !is_hyphenated_words(name) {
            Some(format!(
                "the dimension name `{name}` is not lowercase letters, digits and hyphens"
            ))
        } else if let Some(value) = bad_value {
            Some(format!(
                "the value `{value}` of dimension `{name}` is not lowercase letters, digits and hyphens"
            ))
        } else if dimension.values.is_empty() {
            Some(format!("the dimension `{name}` has no values"))
        } else {
            None
        };
        if let Some(message) = problem {
            found.push(
                Diagnostic::error("dimensions", message)
                    .at(file, range, "declared here")
                    .help("declare each dimension with its values, such as `edition = [\"standard\", \"enterprise\"]`, in lowercase words joined by hyphens"),
            );
        }
    }
    found
}

/// `moved-setting` warnings for the deprecated `audience` fields, which still work as the
/// `audience` dimension (declared by the values they use when `[dimensions]` does not).
fn audience_fields(content: &ContentSet, dimensions: &mut Dimensions) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let mut used = BTreeSet::new();
    for doc in &content.docs {
        let (values, condition) = match &doc.document {
            Document::Topic(topic) => (&topic.meta().audience, "when"),
            Document::Publication(publication) => (&publication.audience, "select"),
            Document::Fragment(_) => continue,
        };
        if values.is_empty() {
            continue;
        }
        used.extend(values.iter().cloned());
        let at = doc
            .node
            .entry("audience")
            .map_or(0..0, |e| e.key_span.clone());
        found.push(
            Diagnostic::warning("moved-setting", format!("`audience` has become the dimension `audience`: write `{condition}: {{audience: [{}]}}`", values.join(", ")))
                .at(doc.file, at, "moved")
                .help(format!("replace `audience: [...]` with `{condition}: {{audience: [...]}}`, and declare the dimension in helpdoc.toml as\n[dimensions]\naudience = [\"{}\"]\n(until then it still works, as that condition)", values.join("\", \""))),
        );
    }
    if !used.is_empty() && !dimensions.contains_key(AUDIENCE) {
        dimensions.insert(AUDIENCE.to_string(), used.into_iter().collect());
    }
    found
}

/// The (dimension, value, pointer) a condition names, pointers made absolute.
fn named(when: &Condition) -> Vec<(&str, &str, String)> {
    when.named()
}

/// Reports unknown dimensions (once each) and values among `listed` (pointers relative to
/// `base`); returns whether any was unknown.
fn names(
    doc: &ContentDoc,
    base: &str,
    listed: Vec<(&str, &str, String)>,
    dimensions: &Dimensions,
    found: &mut Vec<Diagnostic>,
) -> bool {
    let locate = |pointer: &str, key: bool| {
        let located = doc.node.locate(pointer);
        match located.key_span {
            Some(span) if key => span,
            _ => located.node.span.clone(),
        }
    };
    names_at(doc.file, &locate, base, listed, dimensions, found)
}

/// [`names`] in `file`, where `locate` gives the span of a pointer's key (`true`) or value.
fn names_at(
    file: FileId,
    locate: &dyn Fn(&str, bool) -> Range<usize>,
    base: &str,
    listed: Vec<(&str, &str, String)>,
    dimensions: &Dimensions,
    found: &mut Vec<Diagnostic>,
) -> bool {
    let mut unknown = false;
    let mut reported = BTreeSet::new();
    for (dimension, value, pointer) in listed {
        let pointer = format!("{base}{pointer}");
        match dimensions.get(dimension) {
            None => {
                unknown = true;
                if !reported.insert(dimension) {
                    continue;
                }
                let key = pointer
                    .rsplit_once('/')
                    .map_or(pointer.as_str(), |(head, last)| {
                        if last.parse::<usize>().is_ok() {
                            head
                        } else {
                            pointer.as_str()
                        }
                    });
                let span = locate(key, true);
                let declared: Vec<&str> = dimensions.keys().map(String::as_str).collect();
                found.push(
                    Diagnostic::error("unknown-dimension", format!("`{dimension}` is not a declared dimension"))
                        .at(file, span, "unknown dimension")
                        .help(match did_you_mean(dimension, declared.iter().copied()) {
                            Some(guess) => guess,
                            None if declared.is_empty() => format!("declare it in helpdoc.toml as\n[dimensions]\n{dimension} = [\"{value}\"]"),
                            None => format!("the declared dimensions are {}; declare `{dimension}` under `[dimensions]` in helpdoc.toml", and_list(&declared.iter().map(|d| format!("`{d}`")).collect::<Vec<_>>())),
                        }),
                );
            }
            Some(values) if !values.iter().any(|v| v == value) => {
                unknown = true;
                let span = locate(&pointer, false);
                found.push(
                    Diagnostic::error("unknown-value", format!("`{value}` is not a value of the dimension `{dimension}`"))
                        .at(file, span, "unknown value")
                        .help(match did_you_mean(value, values.iter().map(String::as_str)) {
                            Some(guess) => guess,
                            None => format!("`{dimension}` has the values {}; add `{value}` to it under `[dimensions]` in helpdoc.toml", and_list(&values.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>())),
                        }),
                );
            }
            Some(_) => {}
        }
    }
    unknown
}

/// The warning for a condition that holds in no publication.
fn never_true(
    file: FileId,
    span: Range<usize>,
    when: &Condition,
    publications: &[(String, Selection)],
) -> Diagnostic {
    let ids: Vec<String> = publications
        .iter()
        .map(|(id, _)| format!("`{id}`"))
        .collect();
    Diagnostic::warning(
        "condition-never-true",
        format!("`when: {when}` holds in no publication, so what it guards is never published"),
    )
    .at(file, span, "never true")
    .help(format!(
        "{}: correct the condition, or add a publication whose `select` it matches",
        match ids.as_slice() {
            [one] => format!("the publication {one} does not select it"),
            _ => format!("none of the publications {} selects it", and_list(&ids)),
        }
    ))
}

/// A per-value variable that a publication cannot fill, or that names several dimensions.
fn variable_problem(
    doc: &ContentDoc,
    name: &str,
    variable: &Variable,
    selection: &Selection,
    dimensions: &Dimensions,
) -> Option<Diagnostic> {
    let Variable::PerValue(by) = variable else {
        return None;
    };
    let pointer = format!("/variables/{name}");
    let span = doc.node.locate(&pointer).node.span.clone();
    if by.len() != 1 {
        return Some(
            Diagnostic::error(
                "variable-value",
                format!("the variable `{name}` must give its texts per value of one dimension"),
            )
            .at(doc.file, span, "here")
            .help(format!(
                "write `{name}: {{DIMENSION: {{VALUE: \"text\", …}}}}` with exactly one dimension"
            )),
        );
    }
    let (dimension, texts) = by.iter().next()?;
    let values = dimensions.get(dimension)?;
    let error = selection.variable(variable).err()?;
    let missing: Vec<&str> = values
        .iter()
        .filter(|v| !texts.contains_key(*v))
        .map(String::as_str)
        .collect();
    Some(
        Diagnostic::error("variable-value", format!("the variable `{name}` has a text per `{error}`, but this publication does not select exactly one `{error}` that it gives a text for"))
            .at(doc.file, span, "no value here")
            .help(if missing.is_empty() {
                format!("select one value with `select: {{{dimension}: VALUE}}`, or give `{name}` one text")
            } else {
                format!("select one value with `select: {{{dimension}: VALUE}}`; `{name}` has no text for {}", and_list(&missing.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>()))
            }),
    )
}

/// The conditions and `{{variables}}` of one document.
#[derive(Default)]
struct Conditions<'d> {
    found: Vec<(&'d Condition, String)>,
    rich: Vec<(&'d RichText, String)>,
    plain: Vec<(&'d str, String)>,
}

impl<'d> Visitor<'d> for Conditions<'d> {
    fn condition(&mut self, when: &'d Condition, pointer: &str) {
        self.found.push((when, pointer.to_string()));
    }

    fn rich_text(&mut self, text: &'d RichText, pointer: &str) {
        if !text.parsed().variables.is_empty() {
            self.rich.push((text, pointer.to_string()));
        }
    }

    fn plain_text(&mut self, text: &'d str, role: TextRole, pointer: &str) {
        // An error's message is the product's words: braces there are placeholders of another kind.
        if role != TextRole::Message && text.contains("{{") {
            self.plain.push((text, pointer.to_string()));
        }
    }
}

impl Conditions<'_> {
    /// Every `{{name}}` of the document, with its span in the source.
    fn variables(&self, doc: &ContentDoc, sources: &SourceMap) -> Vec<(String, Range<usize>)> {
        let source = &sources.file(doc.file).text;
        let mut out = Vec::new();
        for (text, pointer) in &self.rich {
            let node = doc.node.locate(pointer).node;
            for site in &text.parsed().variables {
                out.push((
                    site.name.clone(),
                    span_in_value(node, source, text.as_str(), site.range.clone()),
                ));
            }
        }
        for (text, pointer) in &self.plain {
            let node = doc.node.locate(pointer).node;
            split_variables(text, |piece| {
                if let Piece::Variable(name) = piece {
                    let start = name.as_ptr() as usize - text.as_ptr() as usize - 2;
                    let range = start..start + name.len() + 4;
                    out.push((name.to_string(), span_in_value(node, source, text, range)));
                }
            });
        }
        out
    }
}
