//! The one integration-test crate: drives the real `helpdoc` binary on fixture folders and checks
//! its outputs with real clients (MDX, the Nu HTML Checker, axe in Chromium, qpdf, JSON Schema).

mod html;
mod markdown;
mod pdf;
mod support;
