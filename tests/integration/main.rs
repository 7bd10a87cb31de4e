//! The one integration-test crate: drives the real `helpdoc` binary on fixture folders and checks
//! its outputs with real clients (MDX, the Nu HTML Checker, axe in Chromium, qpdf, JSON Schema).

mod check;
mod cli_conventions;
mod coverage;
mod docusaurus;
mod exporter_processes;
mod fuzz_regressions;
mod golden;
mod help_component;
mod hostile;
mod html;
mod import_lint;
mod import_site;
mod incremental;
mod js_client;
mod json_bundle;
mod kill_safety;
mod lookup;
mod markdown;
mod model_tour;
mod new;
mod notes;
mod output_folder;
mod pdf;
mod pdf_layout;
mod pdf_ua;
mod project;
mod readme;
mod resource_bounds;
mod security_reads;
mod serve;
mod support;
mod text_safety;
mod variants;
mod watch;
