//! Character classes and escapes that every reader and writer of content text shares: line
//! breaks, invisible characters and HTML escaping, each defined once.

pub mod html_escape;
pub mod invisible;
pub mod language;
pub mod line_breaks;
