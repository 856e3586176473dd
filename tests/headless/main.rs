//! Everything that runs without a window: the CLI, the file format, analysis, layout, export, reports and the samples.
//!
//! One test binary instead of one per file: each links eframe and resvg, and linking them one by
//! one was most of a clean `cargo test` (and of the disk it needs). The files stay where they
//! were; each is a module here. Run one with a filter: `cargo test --test NAME module::test`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failing test may panic"
)]

#[path = "../cli_common/mod.rs"]
mod cli_common;

#[path = "../analysis.rs"]
mod analysis;
mod backdrop;
mod canvas_names;
#[path = "../cli.rs"]
mod cli;
mod diffmerge;
mod drift;
#[path = "../export.rs"]
mod export;
mod group_names;
mod html_export;
mod import_artefacts;
mod import_dot;
mod import_text;
mod layered;
#[path = "../layout.rs"]
mod layout;
#[path = "../layout_shapes.rs"]
mod layout_shapes;
#[path = "../one_picture.rs"]
mod one_picture;
mod plan;
mod png_embed;
#[path = "../readable_export.rs"]
mod readable_export;
#[path = "../report.rs"]
mod report;
#[path = "../roundtrip.rs"]
mod roundtrip;
#[path = "../samples.rs"]
mod samples;
#[path = "../structure.rs"]
mod structure;
mod text_roundtrip;
#[path = "../workshop_cli.rs"]
mod workshop_cli;
