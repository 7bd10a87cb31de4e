//! Command exporters: an external program that reads the export context as versioned JSON on its
//! standard input and writes files into an empty staging folder, which helpdoc reads back.
//!
//! The staging folder is a fresh temporary directory (never inside the output folder); its path
//! is the program's last argument and `HELPDOC_OUT`. The program runs from its plugin folder, in
//! its own process group, and is killed with everything it started after `timeout_seconds`.

mod collect;
pub mod context;
mod process;

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::resolve::{EXPORTER_NO_FILES, Note, ResolvedPublication};

use super::{ExportContext, ExportError, Exported, Exporter};
use process::{Invocation, Outcome};

/// Seconds a command exporter may run when its manifest does not say.
pub const DEFAULT_TIMEOUT_SECONDS: u64 = 60;

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
        timeout_seconds: Option<u64>,
    ) -> Result<Self, String> {
        if command.first().is_none_or(|p| p.trim().is_empty()) {
            return Err(
                "`command` must name a program, e.g. `command = [\"python3\", \"export.py\"]`"
                    .into(),
            );
        }
        let timeout = timeout_seconds.unwrap_or(DEFAULT_TIMEOUT_SECONDS);
        if timeout == 0 {
            return Err("`timeout_seconds` must be at least 1".into());
        }
        let folder = std::path::absolute(folder)
            .map_err(|e| format!("cannot resolve {}: {e}", folder.display()))?;
        Ok(CommandExporter {
            name: name.to_string(),
            folder,
            command,
            timeout: Duration::from_secs(timeout),
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
        let staging = tempfile::Builder::new()
            .prefix("helpdoc-export-")
            .tempdir()
            .map_err(|e| self.error(format!("cannot create a staging folder: {e}")))?;
        let out = staging.path();
        let mut args: Vec<String> = self.command[1..].to_vec();
        args.push(out.to_string_lossy().into_owned());
        let program = self.program();
        let outcome = process::run(Invocation {
            program: &program,
            args: &args,
            dir: &self.folder,
            env: &[("HELPDOC_OUT", out)],
            stdin: input,
            timeout: self.timeout,
        })
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
