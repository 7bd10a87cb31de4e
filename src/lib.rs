//! helpdoc: troubleshooting content as code, checked like a compiler and exported to every channel.

pub mod build;
pub mod bundle;
pub mod check;
pub mod cli;
pub mod commands;
pub mod content;
pub mod coverage;
pub mod diag;
pub mod export;
pub mod import;
pub mod load;
pub mod model;
pub mod output;
pub mod publish;
pub mod resolve;
pub mod schema;
pub mod shutdown;
pub mod text;
