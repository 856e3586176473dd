//! Load errors that tell the user where (path:line:col) and what to do.

use std::fmt;
use std::path::PathBuf;

use crate::model::Problem;

/// A 1-based line and column in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourcePos {
    pub line: usize,
    pub col: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{}: cannot read: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{}: the file is {} MB; depdig opens workspace files up to {} MB \
         (a 20,000-system map is about 5 MB). Is this really a depdig workspace?",
        path.display(), size / 1_000_000, limit / 1_000_000
    )]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error("{}:{}:{}: {message}{}", path.display(), pos.line, pos.col, hint_suffix(hint))]
    Syntax {
        path: PathBuf,
        pos: SourcePos,
        message: String,
        hint: String,
    },
    #[error(
        "{}:{}:{}: this file is format version {found}, written by a newer depdig; \
         this depdig reads versions up to {supported}. Update depdig to open it.",
        path.display(), pos.line, pos.col
    )]
    NewerVersion {
        path: PathBuf,
        pos: SourcePos,
        found: u64,
        supported: u32,
    },
    /// A PNG that carries no readable workspace (see [`crate::io::png_workspace`]).
    #[error("{}: {problem}", path.display())]
    Png {
        path: PathBuf,
        problem: crate::io::png_workspace::PngProblem,
    },
    #[error("{}", invalid_text(path, problems))]
    Invalid {
        path: PathBuf,
        problems: Vec<Problem>,
    },
}

fn hint_suffix(hint: &str) -> String {
    if hint.is_empty() {
        String::new()
    } else {
        format!("\n  hint: {hint}")
    }
}

fn invalid_text(path: &std::path::Path, problems: &[Problem]) -> String {
    let lines: Vec<String> = problems
        .iter()
        .map(|p| format!("{}: {p}", path.display()))
        .collect();
    lines.join("\n")
}

impl LoadError {
    /// The semantic problems of an invalid workspace (empty for other errors).
    pub fn problems(&self) -> &[Problem] {
        match self {
            LoadError::Invalid { problems, .. } => problems,
            _ => &[],
        }
    }
}

impl fmt::Display for SourcePos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}
