//! Finds an exporter by name: a built-in format, or a plugin in the project's `exporters/` folder.

use super::Exporter;
use super::line_ends::Checked;

/// The built-in exporters, in build order, each with its text output checked
/// ([`super::line_ends::Checked`]).
pub fn builtins() -> Vec<Box<dyn Exporter>> {
    let exporters: [Box<dyn Exporter>; 4] = [
        Box::new(super::markdown::MarkdownExporter),
        Box::new(super::html::HtmlExporter::new()),
        Box::new(super::json::JsonExporter),
        Box::new(super::pdf::PdfExporter),
    ];
    exporters
        .into_iter()
        .map(|e| Box::new(Checked(e)) as Box<dyn Exporter>)
        .collect()
}

/// The built-in exporter with this name.
pub fn builtin(name: &str) -> Option<Box<dyn Exporter>> {
    builtins().into_iter().find(|e| e.name() == name)
}
