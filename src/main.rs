//! depdig: parse the arguments, then hand over to the CLI or the app.

use std::process::ExitCode;

/// Each frame rebuilds multi-megabyte meshes; with glibc malloc that memory goes back to the
/// kernel and page-faults in again every frame (half the frame time at 1,000 systems).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::Parser;
use depdig::cli::{self, Cli};

fn main() -> ExitCode {
    let args = Cli::parse();
    match args.command {
        Some(command) => cli::run(command),
        None => depdig::ui::run(args.file, args.read_only),
    }
}
