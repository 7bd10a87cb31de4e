//! The page templates: embedded defaults, replaceable one file at a time, checked before use
//! (compile errors, unknown or recursive partials) and rendered with an output size limit.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

use handlebars::template::{Parameter, Template, TemplateElement};
use handlebars::{Handlebars, RenderError, RenderErrorReason, TemplateError};
use serde::Serialize;

use crate::text::html_escape::escape_attr;

/// The files a template pack may replace, with their embedded defaults. `.hbs` files are
/// Handlebars templates (registered, and usable as partials, under their name without `.hbs`);
/// `.css` files are included verbatim in the page's `<style>`.
pub const DEFAULT_FILES: [(&str, &str); 7] = [
    ("page.hbs", include_str!("templates/page.hbs")),
    ("title-page.hbs", include_str!("templates/title-page.hbs")),
    ("toc.hbs", include_str!("templates/toc.hbs")),
    ("section.hbs", include_str!("templates/section.hbs")),
    ("topic.hbs", include_str!("templates/topic.hbs")),
    ("theme.css", include_str!("templates/theme.css")),
    ("style.css", include_str!("templates/style.css")),
];

/// The template every page is rendered from.
const ROOT: &str = "page";
/// Stylesheets, in the order they are included.
const STYLESHEETS: [&str; 2] = ["theme.css", "style.css"];
/// The most partial expansions one render may statically need (guards against templates that
/// include each other many times over without recursing).
const MAX_EXPANSIONS: u64 = 10_000;
/// The largest page a render may produce.
const MAX_OUTPUT_BYTES: usize = 256 * 1024 * 1024;

/// One template file: its text and where it came from (for error messages).
#[derive(Debug, Clone)]
struct TemplateFile {
    source: String,
    origin: String,
}

/// A complete, checked set of template files.
#[derive(Debug, Clone)]
pub struct TemplateSet {
    files: BTreeMap<&'static str, TemplateFile>,
}

impl TemplateSet {
    /// The embedded defaults.
    pub fn defaults() -> Self {
        let files = DEFAULT_FILES
            .iter()
            .map(|(name, source)| {
                let file = TemplateFile {
                    source: (*source).to_string(),
                    origin: format!("built-in template `{name}`"),
                };
                (*name, file)
            })
            .collect();
        TemplateSet { files }
    }

    /// The defaults with some files replaced: `(file name, text, origin shown in errors)`.
    /// Fails on an unknown file name, a template that does not compile, a partial that does not
    /// exist or that includes itself (directly or through others), or a stylesheet that could
    /// end the `<style>` element.
    pub fn with_overrides(
        overrides: impl IntoIterator<Item = (String, String, String)>,
    ) -> Result<Self, String> {
        let mut set = Self::defaults();
        for (name, source, origin) in overrides {
            let Some((known, _)) = DEFAULT_FILES.iter().find(|(known, _)| *known == name) else {
                return Err(format!(
                    "{origin}: `{name}` is not a template helpdoc uses; the files a template pack can replace are {}",
                    file_names()
                ));
            };
            // The pack's line ends as the built-in files have them: the HTML written from it
            // then holds `\n` line breaks only, as every text artifact must.
            let source = crate::text::line_breaks::normalize(&source).into_owned();
            set.files.insert(known, TemplateFile { source, origin });
        }
        set.registry()?;
        set.styles()?;
        Ok(set)
    }

    /// A Handlebars registry holding every template, after checking their partials.
    pub fn registry(&self) -> Result<Handlebars<'static>, String> {
        let mut registry = Handlebars::new();
        registry.set_strict_mode(true);
        registry.set_prevent_indent(true);
        registry.register_escape_fn(escape_attr);
        for (file, template) in self.templates() {
            let name = template_name(file);
            registry
                .register_template_string(name, &template.source)
                .map_err(|e| template_error(&template.origin, &e))?;
        }
        self.check_partials(&registry)?;
        Ok(registry)
    }

    /// The stylesheets, concatenated; fails when one contains `</style`, which would end the
    /// element early and turn the rest into markup.
    pub fn styles(&self) -> Result<String, String> {
        let mut out = String::new();
        for name in STYLESHEETS {
            if let Some(file) = self.files.get(name) {
                if file.source.to_ascii_lowercase().contains("</style") {
                    return Err(format!(
                        "{}: a stylesheet must not contain `</style`",
                        file.origin
                    ));
                }
                out.push_str(file.source.trim_end());
                out.push('\n');
            }
        }
        Ok(out)
    }

    /// Renders the page with `data`.
    pub fn render<T: Serialize>(
        &self,
        registry: &Handlebars<'static>,
        data: &T,
    ) -> Result<String, String> {
        let mut out = LimitedWriter(Vec::new());
        registry
            .render_to_write(ROOT, data, &mut out)
            .map_err(|e| self.render_error(&e))?;
        String::from_utf8(out.0).map_err(|_| "the page is not valid UTF-8".to_string())
    }

    fn templates(&self) -> impl Iterator<Item = (&'static str, &TemplateFile)> {
        self.files
            .iter()
            .filter(|(name, _)| name.ends_with(".hbs"))
            .map(|(name, file)| (*name, file))
    }

    fn origin_of(&self, name: &str) -> String {
        self.files
            .get(format!("{name}.hbs").as_str())
            .map_or_else(|| format!("template `{name}`"), |f| f.origin.clone())
    }

    fn render_error(&self, error: &RenderError) -> String {
        let origin = self.origin_of(error.template_name.as_deref().unwrap_or(ROOT));
        let position = match (error.line_no, error.column_no) {
            (Some(line), Some(column)) => format!(" (line {line}, column {column})"),
            _ => String::new(),
        };
        let reason = match error.reason() {
            RenderErrorReason::MissingVariable(Some(name)) => format!(
                "there is no `{name}` in the template data (the fields are listed in the template pack section of exporters/README.md)"
            ),
            other => other.to_string(),
        };
        format!("{origin} failed to render{position}: {reason}")
    }

    /// Builds the graph of partial calls and refuses calls to unknown partials, dynamic partial
    /// names, cycles (Handlebars would recurse until the stack overflows) and templates that
    /// expand more than [`MAX_EXPANSIONS`] partials.
    fn check_partials(&self, registry: &Handlebars<'static>) -> Result<(), String> {
        let mut calls = Calls::default();
        for (file, template) in self.templates() {
            let name = template_name(file);
            calls
                .nodes
                .insert(name.to_string(), template.origin.clone());
            if let Some(compiled) = registry.get_template(name) {
                calls
                    .walk(compiled, name, &template.origin)
                    .map_err(|e| format!("{}: {e}", template.origin))?;
            }
        }
        for (from, to, required) in &calls.edges {
            if *required && !calls.nodes.contains_key(to) {
                let origin = calls.nodes.get(from).cloned().unwrap_or_default();
                return Err(format!(
                    "{origin}: includes the partial `{to}`, which does not exist (the templates are {})",
                    self.templates()
                        .map(|(f, _)| format!("`{}`", template_name(f)))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
        }
        calls.check_acyclic()?;
        let expansions = calls.expansions(ROOT, &mut BTreeMap::new());
        if expansions > MAX_EXPANSIONS {
            return Err(format!(
                "{}: the templates include partials {expansions} times over; the limit is {MAX_EXPANSIONS}",
                self.origin_of(ROOT)
            ));
        }
        Ok(())
    }
}

/// The file names a pack may use, for error messages.
pub fn file_names() -> String {
    DEFAULT_FILES
        .iter()
        .map(|(name, _)| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn template_name(file: &str) -> &str {
    file.strip_suffix(".hbs").unwrap_or(file)
}

fn template_error(origin: &str, error: &TemplateError) -> String {
    match error.pos() {
        Some((line, column)) => format!(
            "{origin} does not compile (line {line}, column {column}): {}",
            error.reason()
        ),
        None => format!("{origin} does not compile: {}", error.reason()),
    }
}

/// Partial calls between templates and inline partials.
#[derive(Default)]
struct Calls {
    /// Every callable name (templates and inline partials), with the origin of its definition.
    nodes: BTreeMap<String, String>,
    /// (caller, callee, whether the call has no fallback block).
    edges: Vec<(String, String, bool)>,
}

impl Calls {
    fn walk(&mut self, template: &Template, caller: &str, origin: &str) -> Result<(), String> {
        for element in &template.elements {
            match element {
                TemplateElement::PartialExpression(partial)
                | TemplateElement::PartialBlock(partial) => {
                    let name = static_name(&partial.name).ok_or_else(|| {
                        "partials must be named literally (`{{> name}}`); computed partial names are not supported".to_string()
                    })?;
                    if name != "@partial-block" {
                        let required = matches!(element, TemplateElement::PartialExpression(_));
                        self.edges.push((caller.to_string(), name, required));
                    }
                    if let Some(inner) = &partial.template {
                        self.walk(inner, caller, origin)?;
                    }
                }
                TemplateElement::DecoratorBlock(decorator)
                | TemplateElement::DecoratorExpression(decorator) => {
                    let inline = static_name(&decorator.name).as_deref() == Some("inline");
                    match (inline, decorator.params.first(), &decorator.template) {
                        (true, Some(param), Some(inner)) => {
                            let name = static_name(param).ok_or_else(|| {
                                "inline partials must be named with a string literal".to_string()
                            })?;
                            self.nodes.insert(name.clone(), origin.to_string());
                            self.walk(inner, &name, origin)?;
                        }
                        (_, _, Some(inner)) => self.walk(inner, caller, origin)?,
                        _ => {}
                    }
                }
                TemplateElement::HelperBlock(helper) => {
                    for inner in [&helper.template, &helper.inverse].into_iter().flatten() {
                        self.walk(inner, caller, origin)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn callees<'a>(&'a self, caller: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.edges
            .iter()
            .filter(move |(from, _, _)| from == caller)
            .map(|(_, to, _)| to.as_str())
    }

    fn check_acyclic(&self) -> Result<(), String> {
        let mut done = BTreeSet::new();
        for start in self.nodes.keys() {
            let mut path = Vec::new();
            self.visit(start, &mut path, &mut done)?;
        }
        Ok(())
    }

    fn visit<'a>(
        &'a self,
        node: &'a str,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Result<(), String> {
        if done.contains(node) {
            return Ok(());
        }
        if let Some(start) = path.iter().position(|n| *n == node) {
            let mut cycle: Vec<&str> = path[start..].to_vec();
            cycle.push(node);
            let origin = self.nodes.get(node).cloned().unwrap_or_default();
            return Err(format!(
                "{origin}: partials include each other in a loop ({}); recursive partials are not supported",
                cycle.join(" → ")
            ));
        }
        path.push(node);
        for callee in self.callees(node) {
            self.visit(callee, path, done)?;
        }
        path.pop();
        done.insert(node);
        Ok(())
    }

    /// How many partial expansions rendering `node` needs, counting each call site once (an
    /// `#each` repeats them per item, which the content, not the template, bounds).
    fn expansions(&self, node: &str, memo: &mut BTreeMap<String, u64>) -> u64 {
        if let Some(&count) = memo.get(node) {
            return count;
        }
        let count = self
            .callees(node)
            .collect::<Vec<_>>()
            .into_iter()
            .fold(1u64, |sum, callee| {
                sum.saturating_add(self.expansions(callee, memo))
            });
        memo.insert(node.to_string(), count);
        count
    }
}

/// A partial's name when it is written literally.
fn static_name(parameter: &Parameter) -> Option<String> {
    match parameter {
        Parameter::Literal(serde_json::Value::String(name)) => Some(name.clone()),
        other => other.as_name().map(str::to_string),
    }
}

/// A writer that fails once the page grows past [`MAX_OUTPUT_BYTES`].
struct LimitedWriter(Vec<u8>);

impl Write for LimitedWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.0.len() + buf.len() > MAX_OUTPUT_BYTES {
            return Err(std::io::Error::other(format!(
                "the page grew past {} MiB",
                MAX_OUTPUT_BYTES / (1024 * 1024)
            )));
        }
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pack(files: &[(&str, &str)]) -> Result<TemplateSet, String> {
        TemplateSet::with_overrides(
            files
                .iter()
                .map(|(name, text)| (name.to_string(), text.to_string(), format!("pack/{name}"))),
        )
    }

    #[test]
    fn the_defaults_pass_every_check() {
        let set = TemplateSet::defaults();
        assert!(set.registry().is_ok());
        assert!(set.styles().is_ok_and(|css| css.contains("--accent")));
    }

    #[test]
    fn refuses_recursive_partials_directly_through_others_and_inline() {
        let direct = pack(&[("toc.hbs", "{{> toc}}")]);
        assert!(direct.is_err_and(|e| e.contains("toc → toc")));
        let mutual = pack(&[("topic.hbs", "{{> section}}")]);
        assert!(mutual.is_err_and(|e| e.contains("section → topic → section")));
        let inline = pack(&[(
            "toc.hbs",
            "{{#*inline \"a\"}}{{#if x}}{{> a}}{{/if}}{{/inline}}{{> a}}",
        )]);
        assert!(inline.is_err_and(|e| e.contains("a → a")));
    }

    #[test]
    fn refuses_unknown_and_computed_partials_and_partial_bombs() {
        let unknown = pack(&[("toc.hbs", "{{> sidebar}}")]);
        assert!(unknown.is_err_and(|e| e.contains("pack/toc.hbs") && e.contains("`sidebar`")));
        let computed = pack(&[("toc.hbs", "{{> (lookup this \"name\")}}")]);
        assert!(computed.is_err_and(|e| e.contains("named literally")));
        let mut bomb = String::new();
        for level in 1..=20 {
            let previous = level - 1;
            bomb.push_str(&format!(
                "{{{{#*inline \"p{level}\"}}}}{{{{> p{previous}}}}}{{{{> p{previous}}}}}{{{{/inline}}}}"
            ));
        }
        bomb = format!("{{{{#*inline \"p0\"}}}}x{{{{/inline}}}}{bomb}{{{{> p20}}}}");
        assert!(pack(&[("toc.hbs", &bomb)]).is_err_and(|e| e.contains("the limit is")));
    }

    #[test]
    fn a_partial_with_a_fallback_block_may_be_missing() {
        assert!(pack(&[("toc.hbs", "{{#> sidebar}}fallback{{/sidebar}}")]).is_ok());
    }
}
