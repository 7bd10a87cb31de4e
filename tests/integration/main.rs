//! The one integration-test crate: drives the real `helpdoc` binary on fixture folders and checks
//! its outputs with real clients (MDX, the Nu HTML Checker, axe in Chromium, qpdf, JSON Schema).

mod check;
mod fuzz_regressions;
mod hostile;
mod html;
mod import_lint;
mod json_bundle;
mod kill_safety;
mod markdown;
mod pdf;
mod resource_bounds;
mod support;
