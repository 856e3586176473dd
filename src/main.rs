//! depdig: parse the arguments, then hand over to the CLI or the app.

use std::process::ExitCode;

use clap::Parser;
use depdig::cli::{self, Cli};

fn main() -> ExitCode {
    let args = Cli::parse();
    match args.command {
        Some(command) => cli::run(command),
        None => depdig::ui::run(args.file),
    }
}
