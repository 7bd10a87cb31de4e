//! The published docs site: where each page lives ([`route`]) and deep links into it ([`links`]).
//!
//! Shared by the Markdown exporter (which writes the pages), the resolver (cross-references to
//! topics outside a publication) and the help bundle (deep links), so that all three agree.

pub mod links;
pub mod route;

pub use links::{DocsLinks, DocsPages, origin};
