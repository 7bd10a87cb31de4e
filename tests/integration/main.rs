//! The one integration-test crate: drives the real `helpdoc` binary on fixture folders and checks
//! its outputs with real clients (MDX, the Nu HTML Checker, axe in Chromium, qpdf, JSON Schema).

mod check;
mod docusaurus;
mod exporter_processes;
mod fuzz_regressions;
mod golden;
mod hostile;
mod html;
mod import_lint;
mod json_bundle;
mod kill_safety;
mod markdown;
mod notes;
mod output_folder;
mod pdf;
mod pdf_ua;
mod security_reads;
mod support;
mod text_safety;
