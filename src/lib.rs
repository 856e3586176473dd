//! depdig: dependency archaeology for integration workshops.
//!
//! The document core (`model`, `ops`, `io`) never touches the UI; `ui` is the only module that
//! imports egui, and the CLI (`cli`) drives the same core as the GUI.

/// Appends formatted text to a `String` (which cannot fail, so there is no `Result` to drop).
macro_rules! w {
    ($out:expr, $($arg:tt)*) => {{
        $out.push_str(&format!($($arg)*));
    }};
}

/// [`w!`] and a newline.
macro_rules! wl {
    ($out:expr, $($arg:tt)*) => {{
        $out.push_str(&format!($($arg)*));
        $out.push('\n');
    }};
}

pub mod analysis;
pub mod cli;
pub mod document;
pub mod io;
pub mod layout;
pub mod model;
pub mod ops;
pub mod picture;
pub mod recovery;
pub mod text;
pub mod theme;
pub mod ui;
