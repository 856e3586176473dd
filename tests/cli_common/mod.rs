//! What the command-line tests share: running the built binary and finding the samples.
#![allow(dead_code, reason = "each test binary uses the helpers it needs")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs the built `depdig` with `args`.
pub fn depdig(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_depdig"))
        .args(args)
        .output()
        .expect("run depdig")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A sample workspace in the repository's `samples/`.
pub fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(name)
}
