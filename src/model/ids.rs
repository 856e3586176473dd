//! The shape of ids: what a user may type, how a name becomes one, and the next free one.

/// `[a-z0-9][a-z0-9._-]*`, where a letter may be of any script (`über-straße`, `東京`) as long as
/// it is its own lower case: the shape of every id a user types.
pub fn is_slug(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || is_other_id_letter(c))
        && chars.all(|c| {
            c.is_ascii_lowercase()
                || c.is_ascii_digit()
                || matches!(c, '-' | '_' | '.')
                || is_other_id_letter(c)
        })
}

/// A non-ASCII letter or digit that lower-casing leaves as it is (`ü`, `ß`, `東`; not `Ü`, and
/// not a combining mark, so ids are written composed: `ü`, never `u` + `◌̈`).
fn is_other_id_letter(c: char) -> bool {
    !c.is_ascii() && c.is_alphanumeric() && c.to_lowercase().eq(std::iter::once(c))
}

/// Turns free text into an id: lowercase (composed, NFC), letters of every script kept, runs of
/// other characters become one '-'. An id is its own slug.
pub fn slugify(s: &str) -> String {
    let mut id = slug_once(s);
    // Dropping a mark can leave the marks around it out of canonical order, which the next
    // normalisation changes: again until nothing changes (one more pass at most in practice).
    for _ in 0..4 {
        let next = slug_once(&id);
        if next == id {
            break;
        }
        id = next;
    }
    id
}

fn slug_once(s: &str) -> String {
    use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};
    let mut out = String::with_capacity(s.len());
    for c in s.trim().chars().flat_map(char::to_lowercase).nfc() {
        if c.is_ascii_alphanumeric() || matches!(c, '_' | '.') || is_other_id_letter(c) {
            out.push(c);
        } else if is_combining_mark(c) {
            // A mark with no composed form (`i̇` from `İ`): the letter it sits on stays.
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_matches(|c| matches!(c, '-' | '_' | '.'));
    if trimmed.is_empty() {
        "item".to_owned()
    } else {
        trimmed.to_owned()
    }
}

/// `base`, or `base-2`, `base-3` … : the first that `taken` says is free.
pub fn unique_id(base: String, taken: impl Fn(&str) -> bool) -> String {
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|i| format!("{base}-{i}"))
        .find(|id| !taken(id))
        .unwrap_or(base)
}
