//! Character classes that every reader and writer of content text shares: line breaks and
//! invisible characters, each defined once.

pub mod invisible;
pub mod language;
pub mod line_breaks;
