//! Files: the versioned RON workspace format, CSV import, SVG/PNG/CSV export, Markdown/CSV
//! reports, atomic writes.

pub mod atomic;
pub mod csv_import;
mod error;
pub mod export;
pub mod report;
mod ron_file;
pub mod samples;

pub use atomic::write_atomic;
pub use error::{LoadError, SourcePos};
pub use ron_file::{FILE_VERSION, MAX_FILE_BYTES, load_file, load_str, save_file, to_ron_string};
