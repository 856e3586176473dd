//! `depdig check FILE...`

use std::path::PathBuf;
use std::process::ExitCode;

use crate::io::load_file;
use crate::text::plural;

/// Prints one summary line per valid file on stdout; warnings and errors go to stderr.
pub fn run(files: &[PathBuf]) -> ExitCode {
    let mut all_valid = true;
    for path in files {
        match load_file(path) {
            Ok((ws, warnings)) => {
                let c = ws.counts();
                outln!(
                    "{}: {}, {}, {}, {}",
                    path.display(),
                    plural(c.systems, "system", "systems"),
                    plural(c.dependencies, "dependency", "dependencies"),
                    plural(c.debt, "debt item", "debt items"),
                    plural(c.failure_modes, "failure mode", "failure modes")
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
