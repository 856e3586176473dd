//! DOT tokens with their lines: ids (bare, numerals, quoted with escapes and `+`
//! concatenation, `<HTML>`), punctuation and edge operators; comments (`//`, `/* */`, and `#`
//! lines) are dropped.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tok {
    /// An id; `quoted` when written in quotes or as HTML (never a keyword then).
    Id {
        text: String,
        quoted: bool,
        html: bool,
    },
    Punct(char),
    /// `->` or `--`.
    Edge,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub tok: Tok,
    pub line: u64,
}

/// The most nested `<` an HTML label may hold.
const MAX_HTML_DEPTH: usize = 256;

pub fn tokens(text: &str) -> Result<Vec<Token>, (u64, String)> {
    let mut out = Vec::new();
    let mut line: u64 = 1;
    let b = text.as_bytes();
    let mut i = 0;
    let mut at_line_start = true;
    while i < b.len() {
        let c = b[i];
        match c {
            b'\n' => {
                line += 1;
                at_line_start = true;
                i += 1;
                continue;
            }
            c if c.is_ascii_whitespace() => {
                i += 1;
                continue;
            }
            b'#' if at_line_start => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let end = text[i + 2..]
                    .find("*/")
                    .ok_or((line, "a /* comment is not closed".to_owned()))?;
                line += text[i..i + 2 + end].matches('\n').count() as u64;
                i += end + 4;
                continue;
            }
            _ => {}
        }
        at_line_start = false;
        let start_line = line;
        match c {
            b'{' | b'}' | b'[' | b']' | b'=' | b';' | b',' | b':' => {
                out.push(Token {
                    tok: Tok::Punct(c as char),
                    line,
                });
                i += 1;
            }
            b'-' if matches!(b.get(i + 1), Some(b'>' | b'-')) => {
                out.push(Token {
                    tok: Tok::Edge,
                    line,
                });
                i += 2;
            }
            b'"' => {
                let mut s = String::new();
                loop {
                    let (part, used, lines) = quoted(&text[i..])
                        .ok_or((start_line, "a quoted id is not closed".to_owned()))?;
                    s.push_str(&part);
                    line += lines;
                    i += used;
                    // `"a" + "b"` is one id.
                    let rest = &text[i..];
                    let trimmed = rest.trim_start();
                    if let Some(r) = trimmed.strip_prefix('+')
                        && r.trim_start().starts_with('"')
                    {
                        let skip = rest.len() - r.trim_start().len();
                        line += rest[..skip].matches('\n').count() as u64;
                        i += skip;
                    } else {
                        break;
                    }
                }
                out.push(Token {
                    tok: Tok::Id {
                        text: s,
                        quoted: true,
                        html: false,
                    },
                    line: start_line,
                });
            }
            b'<' => {
                let mut depth = 0usize;
                let mut j = i;
                loop {
                    match b.get(j) {
                        Some(b'<') => {
                            depth += 1;
                            if depth > MAX_HTML_DEPTH {
                                return Err((
                                    start_line,
                                    "an HTML label nests too deep".to_owned(),
                                ));
                            }
                        }
                        Some(b'>') => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        Some(b'\n') => line += 1,
                        Some(_) => {}
                        None => {
                            return Err((start_line, "an HTML label <…> is not closed".to_owned()));
                        }
                    }
                    j += 1;
                }
                out.push(Token {
                    tok: Tok::Id {
                        text: text[i + 1..j].to_owned(),
                        quoted: true,
                        html: true,
                    },
                    line: start_line,
                });
                i = j + 1;
            }
            _ => {
                let start = i;
                while i < b.len() {
                    let d = b[i];
                    let word = d.is_ascii_alphanumeric() || d == b'_' || d == b'.' || d >= 0x80;
                    // A `-` belongs to a numeral (`-1.5`), never to an edge operator.
                    let minus =
                        d == b'-' && i == start && b.get(i + 1).is_some_and(u8::is_ascii_digit);
                    if !(word || minus) {
                        break;
                    }
                    i += 1;
                }
                if i == start {
                    return Err((
                        line,
                        format!("unexpected \"{}\"", text[i..].chars().next().unwrap_or(' ')),
                    ));
                }
                out.push(Token {
                    tok: Tok::Id {
                        text: text[start..i].to_owned(),
                        quoted: false,
                        html: false,
                    },
                    line,
                });
            }
        }
    }
    Ok(out)
}

/// A quoted string at the start of `s`: its text (`\"` → `"`, a `\` before a newline joins
/// lines; other escapes such as `\n`, `\l` kept for the label reader), bytes used, newlines.
fn quoted(s: &str) -> Option<(String, usize, u64)> {
    let mut out = String::new();
    let mut lines = 0;
    let mut it = s.char_indices().skip(1);
    while let Some((i, c)) = it.next() {
        match c {
            '"' => return Some((out, i + 1, lines)),
            '\\' => match it.next() {
                Some((_, '"')) => out.push('"'),
                Some((_, '\n')) => lines += 1,
                Some((_, other)) => {
                    out.push('\\');
                    out.push(other);
                }
                None => return None,
            },
            '\n' => {
                lines += 1;
                out.push('\n');
            }
            c => out.push(c),
        }
    }
    None
}
