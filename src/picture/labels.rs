//! Label rules shared by every painter: a name as one clean line, and a name shortened in the
//! middle to fit.

/// A name as one clean line: no control characters, single spaces.
pub fn one_line(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
