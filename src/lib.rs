//! depdig: dependency archaeology for integration workshops.
//!
//! The document core (`model`, `ops`, `io`) never touches the UI; `ui` is the only module that
//! imports egui, and the CLI (`cli`) drives the same core as the GUI.

pub mod analysis;
pub mod cli;
pub mod document;
pub mod io;
pub mod layout;
pub mod model;
pub mod ops;
pub mod recovery;
pub mod theme;
pub mod ui;
