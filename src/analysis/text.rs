//! Wording helpers: names, lists and numbers for the sentences.

use crate::model::Workspace;

/// `1,234` for whole numbers, `12.5` otherwise.
pub(crate) fn num(v: f64) -> String {
    if !v.is_finite() {
        return "an unbounded number of".into();
    }
    let rounded = v.round();
    if (v - rounded).abs() > 0.05 && v.abs() < 1000.0 {
        return format!("{v:.1}");
    }
    let s = format!("{:.0}", rounded.abs());
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if rounded < 0.0 {
        out.insert(0, '-');
    }
    out
}

/// "A", "A and B", "A, B and C", "A, B, C and 4 others".
pub(crate) fn list(names: &[&str]) -> String {
    const SHOWN: usize = 4;
    match names {
        [] => String::new(),
        [one] => (*one).to_owned(),
        _ if names.len() > SHOWN + 1 => format!(
            "{} and {} others",
            names[..SHOWN].join(", "),
            names.len() - SHOWN
        ),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The names of system ids joined as a list.
pub(crate) fn names(ws: &Workspace, ids: &[String]) -> String {
    let v: Vec<&str> = ids.iter().map(|id| ws.system_name(id)).collect();
    list(&v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_lists() {
        assert_eq!(num(10000.0), "10,000");
        assert_eq!(num(500.0), "500");
        assert_eq!(num(1234567.0), "1,234,567");
        assert_eq!(num(2.5), "2.5");
        assert_eq!(list(&["a", "b", "c"]), "a, b and c");
        assert_eq!(
            list(&["a", "b", "c", "d", "e", "f"]),
            "a, b, c, d and 2 others"
        );
    }
}
