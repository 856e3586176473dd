//! The checks every fuzz target runs: the same file the main crate's property test
//! (`tests/roundtrip/parsers.rs`) uses, so a fuzzer crash and a failing property are the same
//! broken promise. A new target is one file in `src/bin/` that calls a function here.

#[path = "../../tests/parse_checks/mod.rs"]
pub mod checks;
