//! What the map looks like, for every painter. No egui here: the SVG writer (and the PNG through
//! it) and the canvas both paint from this module, so a shape, a lane, an arrowhead, a hull or a
//! legend entry is decided once.
//!
//! - [`outline`]: a system's body per kind, and the room its label keeps free;
//! - [`path`]: a dependency's path (fanned lanes for parallel ones), arrowhead and fuse glyph;
//! - [`route`]: lines bowed around boxes they would pass through;
//! - [`hull`]: a group's outline around its members;
//! - [`group_names`]: where a group's name goes, clear of everything else drawn;
//! - [`badges`]: where integration-debt badges sit;
//! - [`labels`]: which label is shown, shortened or left out;
//! - [`legend`]: the legend's entries;
//! - [`map`]: the export's whole picture in map units, framed into a slide, from a `Scene` (what is
//!   drawn, laid out headlessly when the workspace has no positions) and built of `items`.
//!
//! Geometry is plain `[x, y]` points and axis-aligned boxes ([`geometry`]); y grows downwards.

pub mod badges;
mod dress;
pub mod geometry;
pub mod group_names;
pub mod hubs;
pub mod hull;
mod items;
pub mod labels;
pub mod legend;
pub mod map;
pub mod outline;
pub mod path;
pub mod route;
mod rows;
mod scene;
mod separate;

pub use labels::one_line;
pub use map::{Change, DependencyItem, Marks, Picture, Scene, SystemItem, TextItem};
