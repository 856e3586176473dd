//! The workspace file: RON, top level `(version: 2, …)`.
//!
//! Versions: 1 is the first format. 2 adds optional fields only (a rehearsal's exact
//! `duration_s`); every version-1 file is a valid version-2 file and loads unchanged, and a file
//! that uses a version-2 field says `version: 2`, so a build that reads only version 1 says
//! "written by a newer depdig" instead of naming an unknown field.
//!
//! The file is a versioned DTO (`super::format::v2`), not a dump of the in-memory `Workspace`:
//! items are lists sorted by id, fields come in a fixed order and default fields are left out, so
//! saving the same workspace twice gives identical bytes and `git diff` stays readable. Loading
//! goes through `migrate`, so a later version can read this one. This file is the text side:
//! RON layout, the version probe, and errors with `path:line:col`.

use std::io::Read;
use std::path::Path;

use super::atomic::write_atomic;
use super::error::{LoadError, SourcePos};
use super::format::v2;
use crate::model::{self, Problem, Severity, Workspace};

/// The format version this build writes, and the newest it reads.
pub const FILE_VERSION: u32 = 2;

/// Larger files are refused before parsing (a 20,000-system map is about 5 MB).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

fn pretty() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .indentor("  ")
        .new_line("\n")
        .struct_names(false)
        .separate_tuple_members(false)
        .enumerate_arrays(false)
}

/// The workspace as file text (deterministic).
pub fn to_ron_string(ws: &Workspace) -> Result<String, ron::Error> {
    let out = v2::File::from(ws);
    let mut text = ron::ser::to_string_pretty(&out, pretty())?;
    text.push('\n');
    Ok(text)
}

/// Saves atomically (temp file + rename), keeping the previous file as `FILE.bak`.
///
/// Nothing that `depdig check` would reject is ever written: the text is loaded back exactly as
/// `check` loads it first, and a workspace that fails is refused with the reasons
/// (`ErrorKind::InvalidData`), leaving the file untouched.
///
/// Nor is workspace text ever written over a picture: a path ending in `.png` or a file that is
/// a PNG is refused (`ErrorKind::InvalidInput`); export the picture again instead.
pub fn save_file(ws: &Workspace, path: &Path) -> std::io::Result<()> {
    let named_png = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("png"));
    if named_png || super::png_workspace::file_is_png(path) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!(
                "{} is a PNG picture: a workspace is saved as .ron (save as a .ron file, or \
                 export the map again to update the picture); nothing was written",
                path.display()
            ),
        ));
    }
    let text = to_ron_string(ws).map_err(std::io::Error::other)?;
    if let Err(e) = load_str(&text, path) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("not written, because the result would not load:\n{e}"),
        ));
    }
    write_atomic(path, text.as_bytes())
}

/// Reads, migrates and validates a workspace file. Warnings are returned beside the workspace.
///
/// A file that starts like a PNG is read as an editable PNG export: the workspace it carries
/// ([`super::png_workspace`]), whatever the file is called.
pub fn load_file(path: &Path) -> Result<(Workspace, Vec<Problem>), LoadError> {
    let io_err = |source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let size = std::fs::metadata(path).map_err(io_err)?.len();
    let mut file = std::fs::File::open(path).map_err(io_err)?;
    // The first bytes tell an editable PNG from workspace text. They are read once and kept:
    // the file may be a pipe (`/dev/stdin`), which cannot be read twice.
    let mut bytes = Vec::new();
    (&mut file)
        .take(super::png_workspace::SIGNATURE.len() as u64)
        .read_to_end(&mut bytes)
        .map_err(io_err)?;
    if super::png_workspace::is_png(&bytes) {
        return super::png_workspace::load_png_from(path, bytes, file);
    }
    if size > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_path_buf(),
            size,
            limit: MAX_FILE_BYTES,
        });
    }
    file.read_to_end(&mut bytes).map_err(io_err)?;
    let text = match std::str::from_utf8(&bytes) {
        Ok(text) => text,
        Err(e) => {
            let pos = pos_of_offset(&bytes[..e.valid_up_to()]);
            return Err(LoadError::Syntax {
                path: path.to_path_buf(),
                pos,
                message: "this is not a text file (invalid UTF-8)".into(),
                hint: "a depdig workspace is a UTF-8 RON text file; was a different file chosen?"
                    .into(),
            });
        }
    };
    load_str(text, path)
}

/// Parses, migrates and validates workspace text; `path` is used in messages only.
pub fn load_str(text: &str, path: &Path) -> Result<(Workspace, Vec<Problem>), LoadError> {
    let path = path.to_path_buf();
    let version = probe_version(text);
    if let Some((found, pos)) = version
        && found > u64::from(FILE_VERSION)
    {
        return Err(LoadError::NewerVersion {
            path,
            pos,
            found,
            supported: FILE_VERSION,
        });
    }
    let ws = migrate(text, &path, version.map(|(v, _)| v))?;
    let problems = model::validate(&ws);
    if problems.iter().any(|p| p.severity == Severity::Error) {
        return Err(LoadError::Invalid { path, problems });
    }
    Ok((ws, problems))
}

/// Reads any supported version into the current model. Version 2 only added optional fields,
/// so both parse into the same DTO; a version-1 file may not use them.
fn migrate(text: &str, path: &Path, probed: Option<u64>) -> Result<Workspace, LoadError> {
    let file: v2::File = ron::Options::default()
        .with_recursion_limit(64)
        .from_str(text)
        .map_err(|e| syntax_error(path, &e))?;
    match file.version {
        1 => {
            if let Some(field) = file.first_version_2_field() {
                let at = text.find(field).unwrap_or(0);
                return Err(LoadError::Syntax {
                    path: path.to_path_buf(),
                    pos: pos_of_offset(&text.as_bytes()[..at]),
                    message: format!("`{field}` is a version 2 field, but the file says version 1"),
                    hint: "write `version: 2` as the first field".into(),
                });
            }
            from_file(file, path)
        }
        2 => from_file(file, path),
        0 => Err(LoadError::Syntax {
            path: path.to_path_buf(),
            pos: probed.map_or(SourcePos { line: 1, col: 1 }, |_| find_version_pos(text)),
            message: "version 0 does not exist".into(),
            hint: format!("write `version: {FILE_VERSION}` as the first field"),
        }),
        found => Err(LoadError::NewerVersion {
            path: path.to_path_buf(),
            pos: find_version_pos(text),
            found,
            supported: FILE_VERSION,
        }),
    }
}

/// The file's lists as id-keyed maps; ids used twice are named.
fn from_file(file: v2::File, path: &Path) -> Result<Workspace, LoadError> {
    Workspace::try_from(file).map_err(|problems| LoadError::Invalid {
        path: path.to_path_buf(),
        problems,
    })
}

fn syntax_error(path: &Path, e: &ron::error::SpannedError) -> LoadError {
    use ron::Error as E;
    let hint = match &e.code {
        E::NoSuchStructField { found, .. } => format!(
            "`{found}` is not a field here; check its spelling or remove it \
             (a file from a newer depdig may have fields this one does not know)"
        ),
        E::MissingStructField { field, .. } => format!("add the field `{field}`"),
        E::DuplicateStructField { field, .. } => format!("`{field}` is given twice; keep one"),
        E::ExceededRecursionLimit => {
            "the file is nested far deeper than a workspace ever is".into()
        }
        E::Eof => {
            "the file ends early: is it truncated? Restore it from FILE.ron.bak if it was".into()
        }
        E::ExpectedStructLike | E::ExpectedStructLikeEnd => {
            "a workspace file starts with `(version: 1,` and ends with `)`".into()
        }
        _ => String::new(),
    };
    LoadError::Syntax {
        path: path.to_path_buf(),
        pos: SourcePos {
            line: e.span.start.line,
            col: e.span.start.col,
        },
        message: e.code.to_string(),
        hint,
    }
}

/// Finds `version: N` as the first field of the top-level struct, without parsing the rest, so a
/// newer file is reported as newer even where its other fields would not parse.
fn probe_version(text: &str) -> Option<(u64, SourcePos)> {
    let body = skip_trivia(text);
    let body = skip_trivia(body.strip_prefix('(')?);
    let rest = body.strip_prefix("version")?;
    let rest = skip_trivia(rest).strip_prefix(':')?;
    let rest = skip_trivia(rest);
    let digits: &str = &rest[..rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len())];
    let value = digits.parse().ok()?;
    let offset = text.len() - rest.len();
    Some((value, pos_of_offset(&text.as_bytes()[..offset])))
}

fn find_version_pos(text: &str) -> SourcePos {
    let offset = text.find("version").unwrap_or(0);
    pos_of_offset(&text.as_bytes()[..offset])
}

/// Skips whitespace and `//` / `/* */` comments.
fn skip_trivia(mut s: &str) -> &str {
    loop {
        let t = s.trim_start();
        if let Some(rest) = t.strip_prefix("//") {
            s = rest.find('\n').map_or("", |i| &rest[i..]);
        } else if let Some(rest) = t.strip_prefix("/*") {
            s = rest.find("*/").map_or("", |i| &rest[i + 2..]);
        } else {
            return t;
        }
    }
}

/// 1-based line and column (in characters) just after `prefix`.
fn pos_of_offset(prefix: &[u8]) -> SourcePos {
    let line = prefix.iter().filter(|b| **b == b'\n').count() + 1;
    let line_start = prefix
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |i| i + 1);
    let col = String::from_utf8_lossy(&prefix[line_start..])
        .chars()
        .count()
        + 1;
    SourcePos { line, col }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Dependency, DependencyType, System};

    fn load(text: &str) -> Result<Workspace, LoadError> {
        load_str(text, Path::new("t.ron")).map(|(ws, _)| ws)
    }

    #[test]
    fn minimal_file() {
        let ws = load("(version: 1, title: \"Shop\")").unwrap();
        assert_eq!(ws.title, "Shop");
        assert_eq!(ws.timezone, "UTC");
        assert_eq!(
            to_ron_string(&ws).unwrap(),
            "(\n  version: 2,\n  title: \"Shop\",\n)\n"
        );
    }

    #[test]
    fn saves_sorted_and_omits_defaults() {
        let mut ws = Workspace::new("Shop");
        for id in ["zeta", "alpha"] {
            ws.systems.insert(id.into(), System::new(id, id));
        }
        let d = Dependency::new("zeta", "alpha", DependencyType::Sync);
        ws.dependencies.insert(d.id(), d);
        let text = to_ron_string(&ws).unwrap();
        assert!(text.find("\"alpha\"").unwrap() < text.find("\"zeta\"").unwrap());
        assert!(!text.contains("criticality"), "{text}");
        assert!(!text.contains("calls_per_request"), "{text}");
        assert!(text.contains("type: \"sync\""), "{text}");
        let again = load(&text).unwrap();
        assert_eq!(again, ws);
        assert_eq!(to_ron_string(&again).unwrap(), text);
    }

    #[test]
    fn newer_version_says_so_with_position() {
        let err = load("(\n  version: 3,\n  title: \"x\",\n  brand_new: 1,\n)").unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.starts_with("t.ron:2:12: this file is format version 3"),
            "{msg}"
        );
        assert!(msg.contains("Update depdig"), "{msg}");
    }

    /// Version 2 adds `duration_s` to rehearsals: a version-2 file may use it, a version-1 file
    /// that does is mislabelled and says so where the field is; what is saved says version 2.
    #[test]
    fn version_2_fields_need_version_2() {
        let body = "title: \"x\",\n  systems: [(id: \"a\", name: \"A\")],\n  failure_modes: [(id: \"f\", title: \"F\", trigger: (element: \"a\", how: \"down\"), severity: 5, occurrence: 5, detection_rating: 5, status: \"rehearsed\", rehearsals: [(date: \"2026-11-30\", duration_min: 0, duration_s: Some(20))])],\n)";
        let v2 = load(&format!("(\n  version: 2,\n  {body}")).unwrap();
        assert_eq!(v2.failure_modes["f"].rehearsals[0].duration_s, Some(20));
        let err = load(&format!("(\n  version: 1,\n  {body}"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("`duration_s` is a version 2 field"), "{err}");
        assert!(err.starts_with("t.ron:5:"), "{err}");
        assert!(to_ron_string(&v2).unwrap().starts_with("(\n  version: 2,"));
    }

    /// Version 2 also adds a dependency's `blocking` and `fallback` and the kind
    /// `observability`: a version-1 file that uses one is refused at it.
    #[test]
    fn blocking_fallback_and_observability_need_version_2() {
        for (field, line, body) in [
            (
                "blocking",
                4,
                "systems: [(id: \"a\", name: \"A\"), (id: \"b\", name: \"B\")],\n  dependencies: [(from: \"a\", to: \"b\", type: \"sync\", blocking: Some(false))],\n)",
            ),
            (
                "fallback",
                4,
                "systems: [(id: \"a\", name: \"A\"), (id: \"b\", name: \"B\")],\n  dependencies: [(from: \"a\", to: \"b\", type: \"sync\", fallback: true)],\n)",
            ),
            (
                "observability",
                3,
                "systems: [(id: \"a\", name: \"A\", kind: \"observability\")],\n)",
            ),
        ] {
            let v2 = load(&format!("(\n  version: 2,\n  {body}")).unwrap();
            assert!(to_ron_string(&v2).unwrap().contains(field), "{field}");
            let err = load(&format!("(\n  version: 1,\n  {body}"))
                .unwrap_err()
                .to_string();
            assert!(
                err.contains(&format!("`{field}` is a version 2 field"))
                    && err.starts_with(&format!("t.ron:{line}:")),
                "{err}"
            );
        }
    }

    #[test]
    fn unknown_field_has_position_and_hint() {
        let err = load("(\n  version: 1,\n  titel: \"x\",\n)").unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("t.ron:3:3:"), "{msg}");
        assert!(msg.contains("titel"), "{msg}");
        assert!(msg.contains("hint: `titel` is not a field here"), "{msg}");
    }

    #[test]
    fn syntax_error_has_position() {
        let err = load("(version: 1, title: \"x\" systems: [])").unwrap_err();
        assert!(
            matches!(
                err,
                LoadError::Syntax {
                    pos: SourcePos { line: 1, .. },
                    ..
                }
            ),
            "{err}"
        );
    }

    #[test]
    fn duplicate_and_dangling_ids_are_named() {
        let text = r#"(version: 1, title: "x",
            systems: [(id: "a", name: "A"), (id: "a", name: "A again")],
            dependencies: [(from: "a", to: "b", type: "data")])"#;
        let msg = load(text).unwrap_err().to_string();
        assert!(
            msg.contains("t.ron: system \"a\", field `id`: the id \"a\" is used twice"),
            "{msg}"
        );
        let text = r#"(version: 1, title: "x",
            systems: [(id: "a", name: "A")],
            dependencies: [(from: "a", to: "b", type: "data")])"#;
        let msg = load(text).unwrap_err().to_string();
        assert!(
            msg.contains(
                "t.ron: dependency \"a->b:data\", field `to`: system \"b\" does not exist"
            ),
            "{msg}"
        );
    }

    #[test]
    fn bad_enum_word_lists_choices() {
        let text = r#"(version: 1, title: "x", systems: [(id: "a", name: "A", kind: "lambda")])"#;
        let msg = load(text).unwrap_err().to_string();
        assert!(msg.starts_with("t.ron:1:"), "{msg}");
        assert!(
            msg.contains("unknown system kind \"lambda\"; expected one of: service"),
            "{msg}"
        );
    }

    #[test]
    fn deep_nesting_is_refused_not_a_crash() {
        let text = format!(
            "(version: 1, title: {}{})",
            "[".repeat(10_000),
            "]".repeat(10_000)
        );
        assert!(load(&text).is_err());
    }

    #[test]
    fn missing_version() {
        let msg = load("(title: \"x\")").unwrap_err().to_string();
        assert!(msg.contains("version"), "{msg}");
    }
}
