//! Shared helpers: run the binary, locate fixtures and the project's client tools.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture folder under `tests/fixtures/`.
pub fn fixture(relative: &str) -> PathBuf {
    repo().join("tests/fixtures").join(relative)
}

/// The result of running helpdoc.
pub struct Run {
    /// Exit code.
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

fn finish(output: Output) -> Run {
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// A `helpdoc` command run from `dir`, with a fixed `SOURCE_DATE_EPOCH` and no colour.
pub fn helpdoc_in(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_helpdoc"));
    command
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1795305600")
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE");
    command
}

/// Runs helpdoc with `args` from `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    finish(
        helpdoc_in(dir)
            .args(args)
            .output()
            .expect("the helpdoc binary runs"),
    )
}

/// Runs helpdoc with `args` from the repository root.
pub fn run(args: &[&str]) -> Run {
    run_in(&repo(), args)
}

/// Runs an external client tool; panics with its output if it cannot start.
pub fn client(program: &str, args: &[&str]) -> Run {
    let output = Command::new(program)
        .args(args)
        .current_dir(repo())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program} (run .ci/install-test-tools first): {e}"));
    finish(output)
}

/// The path of a client wrapper script in `tests/clients/`.
pub fn client_script(name: &str) -> String {
    repo()
        .join("tests/clients")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

/// Builds the shipped content into a fresh temporary folder with the given extra arguments and
/// returns (temp dir guard, output folder).
pub fn build_shipped(extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().expect("temp dir");
    let out = temp.path().join("build");
    let out_str = out.to_string_lossy().into_owned();
    let mut args = vec!["build", "--out", &out_str];
    args.extend_from_slice(extra);
    let result = run(&args);
    assert_eq!(result.code, 0, "build failed:\n{}", result.stderr);
    (temp, out)
}

/// Every file under `dir` with the extension `ext`, sorted.
pub fn files_with(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(next) = pending.pop() {
        for entry in std::fs::read_dir(&next).expect("read output folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == ext) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// Copies a folder tree.
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            copy_tree(&path, &to.join(entry.file_name()));
        } else {
            std::fs::copy(&path, to.join(entry.file_name())).expect("copy");
        }
    }
}
