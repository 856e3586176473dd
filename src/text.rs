//! English for counts, lists and durations, shared by the app, the CLI and the reports, so every
//! sentence says "1 dependency", "A and B" and "0:20" the same way.

/// The noun that goes with `n`: `one` for exactly one, `many` otherwise ("0 systems").
pub fn noun<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// `n` and its noun: "1 dependency", "3 dependencies", "0 systems".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", noun(n, one, many))
}

/// "A", "A and B", "A, B and C"; nothing for no items.
pub fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    list(items, "and", usize::MAX)
}

/// Items joined with `conjunction` ("and", "or"), naming at most `shown` of them:
/// "A, B, C and 2 more". A single item left over is named rather than counted.
pub fn list<S: AsRef<str>>(items: &[S], conjunction: &str, shown: usize) -> String {
    let all: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
    match all.as_slice() {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] if all.len() <= shown.max(1).saturating_add(1) => {
            format!("{} {conjunction} {last}", init.join(", "))
        }
        _ => {
            let shown = shown.max(1);
            format!(
                "{} {conjunction} {} more",
                all[..shown].join(", "),
                all.len() - shown
            )
        }
    }
}

/// "both" for two, "all" for more: "A and B both read", "A, B and C all read".
pub fn both_or_all(n: usize) -> &'static str {
    if n == 2 { "both" } else { "all" }
}

/// The rest of a group after one: "the other one", "the other 3".
pub fn the_others(n: usize) -> String {
    if n == 1 {
        "the other one".to_owned()
    } else {
        format!("the other {n}")
    }
}

/// A duration as a clock reads it: "0:20", "12:05", and from an hour on "1:02:03".
pub fn clock_duration(secs: u64) -> String {
    let (h, m, s) = (secs / 3600, secs % 3600 / 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_take_the_noun_they_need() {
        assert_eq!(plural(1, "dependency", "dependencies"), "1 dependency");
        assert_eq!(plural(0, "dependency", "dependencies"), "0 dependencies");
        assert_eq!(plural(2, "system", "systems"), "2 systems");
        assert_eq!(noun(1, "match", "matches"), "match");
        assert_eq!(noun(7, "match", "matches"), "matches");
    }

    #[test]
    fn lists_read_as_english() {
        assert_eq!(and_list::<&str>(&[]), "");
        assert_eq!(and_list(&["Billing"]), "Billing");
        assert_eq!(and_list(&["Billing", "Shop"]), "Billing and Shop");
        assert_eq!(and_list(&["A", "B", "C"]), "A, B and C");
        let owned = vec!["A".to_owned(), "B".to_owned()];
        assert_eq!(and_list(&owned), "A and B");
        assert_eq!(
            list(&["a", "b", "c", "d", "e", "f"], "and", 4),
            "a, b, c, d and 2 more"
        );
        // One left over is named, not counted as "1 more".
        assert_eq!(
            list(&["a", "b", "c", "d", "e"], "and", 4),
            "a, b, c, d and e"
        );
        assert_eq!(list(&["a", "b", "c"], "or", 4), "a, b or c");
        assert_eq!(list(&["a", "b", "c"], "or", 0), "a or 2 more");
        assert_eq!(both_or_all(2), "both");
        assert_eq!(both_or_all(3), "all");
        assert_eq!(the_others(1), "the other one");
        assert_eq!(the_others(3), "the other 3");
    }

    #[test]
    fn durations_read_as_a_clock() {
        assert_eq!(clock_duration(0), "0:00");
        assert_eq!(clock_duration(20), "0:20");
        assert_eq!(clock_duration(65), "1:05");
        assert_eq!(clock_duration(725), "12:05");
        assert_eq!(clock_duration(3723), "1:02:03");
    }
}
