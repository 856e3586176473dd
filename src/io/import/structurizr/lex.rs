//! The DSL's statements: tokens (bare words, quoted strings, `{`, `}`), one statement a line,
//! blocks nested under the statement that opens them. Comments (`//`, `#` at a line's start,
//! `/* … */`), line continuations (`\` at a line's end), `"""` text blocks.

/// A token: a bare word (identifiers, keywords, `=`, `->`) or a quoted string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tok {
    Word(String),
    Str(String),
}

impl Tok {
    pub fn text(&self) -> &str {
        match self {
            Tok::Word(s) | Tok::Str(s) => s,
        }
    }

    pub fn is_word(&self, w: &str) -> bool {
        matches!(self, Tok::Word(s) if s.eq_ignore_ascii_case(w))
    }
}

/// One statement, with the block it opens.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Stmt {
    pub line: u64,
    pub toks: Vec<Tok>,
    /// The statement as written (one line), for sources.
    pub text: String,
    pub block: Option<Vec<Stmt>>,
}

/// How deep blocks may nest (a workspace needs five or six; hostile files are refused).
const MAX_DEPTH: usize = 64;

/// The statements of a DSL file, or the line and message of the first error.
pub fn parse(text: &str) -> Result<Vec<Stmt>, (u64, String)> {
    let mut stack: Vec<(Stmt, Vec<Stmt>)> = Vec::new();
    let mut top: Vec<Stmt> = Vec::new();
    let mut cur = Stmt::default();
    let mut line: u64 = 1;
    let mut chars = text.char_indices().peekable();
    let mut line_start = true;
    let mut cur_line_start = 0usize;

    let finish = |cur: &mut Stmt, stack: &mut Vec<(Stmt, Vec<Stmt>)>, top: &mut Vec<Stmt>| {
        if !cur.toks.is_empty() {
            let done = std::mem::take(cur);
            match stack.last_mut() {
                Some((_, kids)) => kids.push(done),
                None => top.push(done),
            }
        }
    };

    while let Some((i, c)) = chars.next() {
        match c {
            '\n' => {
                finish(&mut cur, &mut stack, &mut top);
                line += 1;
                line_start = true;
                cur_line_start = i + 1;
            }
            c if c.is_whitespace() => {}
            '\\' if rest_is_blank(text, i + 1) => {
                // A continuation: the statement goes on on the next line.
                for (_, c) in chars.by_ref() {
                    if c == '\n' {
                        line += 1;
                        break;
                    }
                }
            }
            '#' if line_start && cur.toks.is_empty() => skip_line(&mut chars),
            '/' if text[i..].starts_with("//") => skip_line(&mut chars),
            '/' if text[i..].starts_with("/*") => {
                let end = text[i + 2..]
                    .find("*/")
                    .ok_or((line, "a /* comment is not closed".to_owned()))?;
                line += text[i..i + 2 + end].matches('\n').count() as u64;
                let stop = i + 2 + end + 2;
                while chars.peek().is_some_and(|(j, _)| *j < stop) {
                    chars.next();
                }
            }
            '{' => {
                if cur.toks.is_empty() {
                    return Err((line, "a block { without a statement before it".to_owned()));
                }
                cur.text = statement_text(text, cur_line_start, i);
                if stack.len() >= MAX_DEPTH {
                    return Err((line, format!("blocks nest deeper than {MAX_DEPTH}")));
                }
                stack.push((std::mem::take(&mut cur), Vec::new()));
                cur.line = line;
            }
            '}' => {
                finish(&mut cur, &mut stack, &mut top);
                let (mut opener, kids) = stack
                    .pop()
                    .ok_or((line, "a } without a { before it".to_owned()))?;
                opener.block = Some(kids);
                match stack.last_mut() {
                    Some((_, k)) => k.push(opener),
                    None => top.push(opener),
                }
            }
            '"' => {
                if cur.toks.is_empty() {
                    cur.line = line;
                }
                let (s, used, lines) =
                    string(&text[i..]).ok_or((line, "a string is not closed".to_owned()))?;
                line += lines;
                while chars.peek().is_some_and(|(j, _)| *j < i + used) {
                    chars.next();
                }
                cur.toks.push(Tok::Str(s));
                cur.text = statement_text(text, cur_line_start, i + used);
            }
            _ => {
                if cur.toks.is_empty() {
                    cur.line = line;
                }
                let mut end = i + c.len_utf8();
                while let Some(&(j, d)) = chars.peek() {
                    if d.is_whitespace() || matches!(d, '{' | '}' | '"') {
                        break;
                    }
                    end = j + d.len_utf8();
                    chars.next();
                }
                cur.toks.push(Tok::Word(text[i..end].to_owned()));
                cur.text = statement_text(text, cur_line_start, end);
            }
        }
        if c != '\n' && !c.is_whitespace() {
            line_start = false;
        }
    }
    finish(&mut cur, &mut stack, &mut top);
    if let Some((opener, _)) = stack.last() {
        return Err((opener.line, "this block's { is never closed".to_owned()));
    }
    Ok(top)
}

fn rest_is_blank(text: &str, from: usize) -> bool {
    text[from..]
        .split('\n')
        .next()
        .is_some_and(|r| r.trim().is_empty())
        && text[from..].contains('\n')
}

fn skip_line(chars: &mut std::iter::Peekable<std::str::CharIndices>) {
    while chars.peek().is_some_and(|(_, c)| *c != '\n') {
        chars.next();
    }
}

fn statement_text(text: &str, start: usize, end: usize) -> String {
    let start = start.min(end);
    text[start..end].trim().chars().take(200).collect()
}

/// A quoted string at the start of `s`: its value, the bytes used and the newlines crossed.
fn string(s: &str) -> Option<(String, usize, u64)> {
    if let Some(body) = s.strip_prefix("\"\"\"") {
        let end = body.find("\"\"\"")?;
        let value = body[..end].trim().to_owned();
        return Some((value, end + 6, body[..end].matches('\n').count() as u64));
    }
    let mut out = String::new();
    let mut it = s.char_indices().skip(1);
    while let Some((i, c)) = it.next() {
        match c {
            '"' => return Some((out, i + 1, 0)),
            '\n' => return None,
            '\\' => match it.next() {
                Some((_, '"')) => out.push('"'),
                Some((_, '\\')) => out.push('\\'),
                Some((_, 'n')) => out.push('\n'),
                Some((_, other)) => {
                    out.push('\\');
                    out.push(other);
                }
                None => return None,
            },
            c => out.push(c),
        }
    }
    None
}
