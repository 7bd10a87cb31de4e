//! Character classes and escapes that every reader and writer of content text shares: line
//! breaks, invisible characters, HTML escaping and YAML quoting, each defined once.

pub mod html_escape;
pub mod invisible;
pub mod language;
pub mod line_breaks;
pub mod yaml_quote;
