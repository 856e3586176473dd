//! Sample workspaces bundled into the binary.

use std::path::Path;

use super::{LoadError, load_str};
use crate::model::Workspace;

/// File name and text of the built-in default workspace.
pub const BUILTIN_NAME: &str = "ecommerce-cascade.ron";
const BUILTIN_TEXT: &str = include_str!("../../samples/ecommerce-cascade.ron");

/// The built-in e-commerce cascade sample, opened when the app starts without a file.
pub fn builtin() -> Result<Workspace, LoadError> {
    load_str(BUILTIN_TEXT, Path::new(BUILTIN_NAME)).map(|(ws, _)| ws)
}
