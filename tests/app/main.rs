//! The app window, driven through egui_kittest by accessible labels as a user would.
//!
//! One test binary instead of one per file: each links eframe and resvg, and linking them one by
//! one was most of a clean `cargo test` (and of the disk it needs). The files stay where they
//! were; each is a module here. Run one with a filter: `cargo test --test NAME module::test`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failing test may panic"
)]

#[path = "../common/mod.rs"]
mod common;

#[path = "../artefacts_gui.rs"]
mod artefacts_gui;
#[path = "../autosave.rs"]
mod autosave;
#[path = "../backdrop_gui.rs"]
mod backdrop_gui;
#[path = "../canvas_gui.rs"]
mod canvas_gui;
#[path = "../compare_gui.rs"]
mod compare_gui;
#[path = "../debt_gui.rs"]
mod debt_gui;
#[path = "../dock_gui.rs"]
mod dock_gui;
#[path = "../export_gui.rs"]
mod export_gui;
#[path = "../facilitation_gui.rs"]
mod facilitation_gui;
#[path = "../failure_gui.rs"]
mod failure_gui;
#[path = "../findings_gui.rs"]
mod findings_gui;
#[path = "../gui.rs"]
mod gui;
#[path = "../html_export_gui.rs"]
mod html_export_gui;
#[path = "../layered_gui.rs"]
mod layered_gui;
#[path = "../plan_gui.rs"]
mod plan_gui;
mod png_open;
#[path = "../workshop_gui.rs"]
mod workshop_gui;
