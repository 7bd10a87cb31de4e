//! Command exporters: an external program that reads the export context as versioned JSON on its
//! standard input and writes files into an empty staging folder, which helpdoc reads back.
//!
//! The staging folder is a fresh temporary directory (never inside the output folder); its path
//! is the program's last argument and `HELPDOC_OUT`. The program runs from its plugin folder, in
//! its own process group; after `timeout_seconds`, when helpdoc is asked to stop, and when it
//! exits, everything it started is ended, detached processes included.

mod collect;
pub mod context;
mod process;
mod tree;

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::de::{Deserialize, Deserializer, Unexpected, Visitor};

use crate::resolve::{EXPORTER_NO_FILES, Note, ResolvedPublication};

use super::{ExportContext, ExportError, Exported, Exporter};
use process::{Invocation, Outcome};

/// Seconds a command exporter may run when its manifest does not say.
pub const DEFAULT_TIMEOUT_SECONDS: u64 = 60;
/// The longest `timeout_seconds` accepted: one day. A longer one is surely a mistake, and a
/// limit far in the future cannot overflow the clock.
pub const MAX_TIMEOUT_SECONDS: u64 = 24 * 60 * 60;

/// A command exporter's time limit in whole seconds, from 1 to [`MAX_TIMEOUT_SECONDS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeoutSeconds(u64);

impl TimeoutSeconds {
    /// What a wrong value is told it should be.
    pub const EXPECTED: &str = "a whole number of seconds from 1 to 86400 (one day)";

    /// `seconds` as a time limit, if it is in range.
    pub fn new(seconds: u64) -> Option<Self> {
        (1..=MAX_TIMEOUT_SECONDS)
            .contains(&seconds)
            .then_some(TimeoutSeconds(seconds))
    }

    /// The limit as a duration.
    pub fn duration(self) -> Duration {
        Duration::from_secs(self.0)
    }
}

impl Default for TimeoutSeconds {
    fn default() -> Self {
        TimeoutSeconds(DEFAULT_TIMEOUT_SECONDS)
    }
}

/// Reads `timeout_seconds` from TOML: an integer in range; anything else (negative, too large,
/// a fraction, `nan`, `inf`, a string) is an error at the value.
impl<'de> Deserialize<'de> for TimeoutSeconds {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Seconds;
        impl Visitor<'_> for Seconds {
            type Value = TimeoutSeconds;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(TimeoutSeconds::EXPECTED)
            }
            fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<TimeoutSeconds, E> {
                u64::try_from(value)
                    .ok()
                    .and_then(TimeoutSeconds::new)
                    .ok_or_else(|| E::invalid_value(Unexpected::Signed(value), &self))
            }
            fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<TimeoutSeconds, E> {
                TimeoutSeconds::new(value)
                    .ok_or_else(|| E::invalid_value(Unexpected::Unsigned(value), &self))
            }
        }
        deserializer.deserialize_any(Seconds)
    }
}

/// An exporter that runs an external program.
#[derive(Debug, Clone)]
pub struct CommandExporter {
    name: String,
    folder: PathBuf,
    command: Vec<String>,
    timeout: Duration,
}

impl CommandExporter {
    /// A command exporter named `name` from the plugin folder `folder`; `command` is the program
    /// and its arguments (a program given as a path is relative to the folder).
    pub fn new(
        name: &str,
        folder: &Path,
        command: Vec<String>,
        timeout: TimeoutSeconds,
    ) -> Result<Self, String> {
        if command.first().is_none_or(|p| p.trim().is_empty()) {
            return Err(
                "`command` must name a program, e.g. `command = [\"python3\", \"export.py\"]`"
                    .into(),
            );
        }
        let folder = std::path::absolute(folder)
            .map_err(|e| format!("cannot resolve {}: {e}", folder.display()))?;
        Ok(CommandExporter {
            name: name.to_string(),
            folder,
            command,
            timeout: timeout.duration(),
        })
    }

    fn error(&self, message: impl Into<String>) -> ExportError {
        ExportError {
            exporter: self.name.clone(),
            message: message.into(),
        }
    }

    /// The program to start: a name is looked up on `PATH`, a path is taken relative to the
    /// plugin folder.
    fn program(&self) -> PathBuf {
        let program = Path::new(&self.command[0]);
        if program.components().count() > 1 && program.is_relative() {
            self.folder.join(program)
        } else {
            program.to_path_buf()
        }
    }
}

impl Exporter for CommandExporter {
    fn name(&self) -> &str {
        &self.name
    }

    fn wants(&self, _publication: &ResolvedPublication) -> bool {
        true
    }

    fn export(&self, cx: &ExportContext<'_>) -> Result<Exported, ExportError> {
        let input = context::to_json(cx, &self.name).map_err(|e| self.error(e))?;
        // Registered before the staging folder exists and dropped after it is removed (locals
        // drop in reverse order), so a stop waits for both the program and its folder.
        let run = crate::shutdown::start_task()
            .ok_or_else(|| self.error(crate::shutdown::stopping().to_string()))?;
        let staging = tempfile::Builder::new()
            .prefix("helpdoc-export-")
            .tempdir()
            .map_err(|e| self.error(format!("cannot create a staging folder: {e}")))?;
        let out = staging.path();
        let mut args: Vec<String> = self.command[1..].to_vec();
        args.push(out.to_string_lossy().into_owned());
        let program = self.program();
        let outcome = process::run(
            Invocation {
                program: &program,
                args: &args,
                dir: &self.folder,
                env: &[("HELPDOC_OUT", out)],
                stdin: input,
                timeout: self.timeout,
            },
            &run,
        )
        .map_err(|e| {
            self.error(format!(
                "cannot run `{}` from {}: {e}",
                self.command[0],
                self.folder.display()
            ))
        })?;
        match outcome {
            Outcome::TimedOut { stderr } => {
                return Err(self.error(format!(
                    "`{}` did not finish within {} s and was stopped (raise `timeout_seconds` in {}){}",
                    self.command.join(" "),
                    self.timeout.as_secs(),
                    self.folder.join(super::plugins::PLUGIN_MANIFEST).display(),
                    stderr_note(&stderr)
                )));
            }
            Outcome::Exited { status, stderr } if !status.success() => {
                let how = match status.code() {
                    Some(code) => format!("exited with status {code}"),
                    None => "was killed by a signal".to_string(),
                };
                return Err(self.error(format!(
                    "`{}` {how}{}",
                    self.command.join(" "),
                    stderr_note(&stderr)
                )));
            }
            Outcome::Stopped { signal } => {
                return Err(self.error(format!(
                    "`{}` was stopped because helpdoc received {}",
                    self.command.join(" "),
                    signal.name()
                )));
            }
            Outcome::Exited { .. } => {}
        }
        let artifacts = collect::collect(out)
            .map_err(|e| self.error(format!("`{}`: {e}", self.command.join(" "))))?;
        let mut exported = Exported {
            artifacts,
            warnings: Vec::new(),
        };
        if exported.artifacts.is_empty() {
            exported.warnings.push(Note::new(
                &EXPORTER_NO_FILES,
                None,
                format!("exporter `{}` finished but wrote no files", self.name),
            ));
        }
        Ok(exported)
    }
}

fn stderr_note(stderr: &str) -> String {
    if stderr.is_empty() {
        "; it wrote nothing to stderr".to_string()
    } else {
        format!("; the end of its stderr:\n{stderr}")
    }
}
