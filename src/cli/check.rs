//! `depdig check FILE...`

use std::path::PathBuf;
use std::process::ExitCode;

use crate::io::load_file;
use crate::text::{list, noun, plural};

/// Prints one summary line per valid file on stdout; warnings and errors go to stderr. Systems
/// with no dependencies at all, or only startup-order ones, are warned about (the analysis cannot
/// reach them) but do not make the check fail.
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
                let loose = crate::analysis::loose_ends(&ws);
                for (ids, what) in [
                    (
                        &loose.unconnected,
                        "no dependencies at all: no finding or cascade can reach",
                    ),
                    (
                        &loose.startup_only,
                        "only startup-order dependencies: no runtime finding or cascade reaches",
                    ),
                ] {
                    if ids.is_empty() {
                        continue;
                    }
                    let names: Vec<&str> = ids.iter().map(|id| ws.system_name(id)).collect();
                    say!(
                        "{}: warning: {} {} {what} {}; draw {} runtime dependencies",
                        path.display(),
                        plural(ids.len(), "system", "systems"),
                        noun(ids.len(), "has", "have"),
                        noun(ids.len(), "it", "them"),
                        noun(ids.len(), "its", "their"),
                    );
                    say!("{}:   {}", path.display(), list(&names, "and", 10));
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
