//! `depdig check FILE...`

use std::path::PathBuf;
use std::process::ExitCode;

use crate::io::load_file;

/// Prints one summary line per valid file on stdout; warnings and errors go to stderr.
pub fn run(files: &[PathBuf]) -> ExitCode {
    let mut all_valid = true;
    for path in files {
        match load_file(path) {
            Ok((ws, warnings)) => {
                let c = ws.counts();
                outln!(
                    "{}: {} systems, {} dependencies, {} debt items, {} failure modes",
                    path.display(),
                    c.systems,
                    c.dependencies,
                    c.debt,
                    c.failure_modes
                );
                for w in warnings {
                    say!("{}: warning: {w}", path.display());
                }
            }
            Err(e) => {
                all_valid = false;
                say!("{e}");
            }
        }
    }
    if all_valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
