//! Files: the versioned RON workspace format, CSV import, SVG/PNG/CSV export, Markdown/CSV
//! reports, atomic writes.

pub mod atomic;
pub mod backdrop;
pub mod csv_import;
mod error;
pub mod export;
mod format;
pub mod import;
pub mod png_workspace;
pub mod report;
mod ron_file;
pub mod samples;

pub use atomic::write_atomic;
pub use error::{LoadError, SourcePos};
pub use ron_file::{FILE_VERSION, MAX_FILE_BYTES, load_file, load_str, save_file, to_ron_string};

/// Rows as RFC 4180 CSV text with CRLF line ends (the header first); cells that a spreadsheet
/// would run as a formula get a leading `'` ([`export::guard`]). Writing into memory only
/// fails on a bug in the csv crate; the error is returned all the same, never dropped.
pub fn csv_text<R, F>(header: &[&str], rows: impl IntoIterator<Item = R>) -> std::io::Result<String>
where
    R: IntoIterator<Item = F>,
    F: AsRef<[u8]>,
{
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(header)?;
    for row in rows {
        w.write_record(
            row.into_iter()
                .map(|cell| export::guard(cell.as_ref()).into_owned()),
        )?;
    }
    let bytes = w.into_inner().map_err(csv::IntoInnerError::into_error)?;
    String::from_utf8(bytes).map_err(std::io::Error::other)
}
