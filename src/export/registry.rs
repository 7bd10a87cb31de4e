//! Finds an exporter by name: a built-in format, or a plugin in the project's `exporters/` folder.

use super::Exporter;

/// The built-in exporters, in build order.
pub fn builtins() -> Vec<Box<dyn Exporter>> {
    vec![
        Box::new(super::markdown::MarkdownExporter),
        Box::new(super::html::HtmlExporter::new()),
        Box::new(super::json::JsonExporter),
        Box::new(super::pdf::PdfExporter),
    ]
}

/// The built-in exporter with this name.
pub fn builtin(name: &str) -> Option<Box<dyn Exporter>> {
    builtins().into_iter().find(|e| e.name() == name)
}
