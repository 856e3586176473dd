//! Wording helpers: names, lists and numbers for the sentences.

use crate::model::Workspace;

/// Number words for what digits would make unreadable: (value, word), largest first.
const LARGE: [(f64, &str); 2] = [(1e12, "trillion"), (1e9, "billion")];

/// `1,234` for whole numbers, `12.5` otherwise; from a billion on `1.2 billion`,
/// `340 trillion`, and past a thousand trillion (or not finite at all) "more than a
/// quadrillion", so a sentence never holds a 20-digit number.
pub(crate) fn num(v: f64) -> String {
    if v.is_nan() {
        return "an unknown number of".into();
    }
    let sign = if v < 0.0 { "-" } else { "" };
    let size = v.abs();
    if size >= 1e15 {
        return if v < 0.0 {
            "less than minus a quadrillion".into()
        } else {
            "more than a quadrillion".into()
        };
    }
    for (unit, word) in LARGE {
        if size >= unit {
            let scaled = size / unit;
            // One decimal below ten ("1.2 billion"), none above ("340 trillion").
            let digits = if scaled < 9.95 {
                let one = format!("{scaled:.1}");
                one.strip_suffix(".0").map_or(one.clone(), str::to_owned)
            } else {
                format!("{scaled:.0}")
            };
            return format!("{sign}{digits} {word}");
        }
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

/// How many times normal a load is: `×9`, `×1,200`, and for a load above the cap (at least a
/// billion) "more than a billion times normal".
pub(crate) fn load_times(multiplier: f64, capped: bool) -> String {
    if capped {
        let n = num(multiplier);
        // "1 billion" reads "a billion" after "more than".
        let n = n
            .strip_prefix("1 ")
            .map_or(n.clone(), |rest| format!("a {rest}"));
        format!("more than {n} times normal")
    } else {
        format!("×{}", num(multiplier))
    }
}

/// Time since the first failure: `+3.0 s`, `+2 min 30 s`, `+3 h 20 min`, `+2 d 3 h`; a time
/// at the horizon that is capped reads "after 7 days".
pub(crate) fn elapsed(ms: u64, capped: bool) -> String {
    const S: u64 = 1000;
    const MIN: u64 = 60 * S;
    const H: u64 = 60 * MIN;
    const D: u64 = 24 * H;
    if capped {
        let days = ms / D;
        return if days * D == ms {
            format!(
                "after {}",
                crate::text::plural(days as usize, "day", "days")
            )
        } else {
            format!("after {}", elapsed(ms, false).trim_start_matches('+'))
        };
    }
    if ms < MIN {
        return format!("+{:.1} s", ms as f64 / 1000.0);
    }
    let (big, big_unit, small, small_unit) = if ms < H {
        (ms / MIN, "min", ms % MIN / S, "s")
    } else if ms < D {
        (ms / H, "h", ms % H / MIN, "min")
    } else {
        (ms / D, "d", ms % D / H, "h")
    };
    if small == 0 {
        format!("+{big} {big_unit}")
    } else {
        format!("+{big} {big_unit} {small} {small_unit}")
    }
}

/// The names of system ids joined as a list.
pub(crate) fn names(ws: &Workspace, ids: &[String]) -> String {
    let v: Vec<&str> = ids.iter().map(|id| ws.system_name(id)).collect();
    crate::text::list(&v, "and", 4)
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
        assert_eq!(num(999_999_999.0), "999,999,999");
        assert_eq!(num(1e9), "1 billion");
        assert_eq!(num(1.23e9), "1.2 billion");
        assert_eq!(num(3.4e14), "340 trillion");
        assert_eq!(num(6f64.powi(200)), "more than a quadrillion");
        assert_eq!(num(f64::INFINITY), "more than a quadrillion");
        assert_eq!(num(-2e9), "-2 billion");
    }

    #[test]
    fn loads_and_times_read_as_words() {
        assert_eq!(load_times(9.0, false), "×9");
        assert_eq!(load_times(1200.0, false), "×1,200");
        assert_eq!(load_times(1e9, true), "more than a billion times normal");
        assert_eq!(elapsed(0, false), "+0.0 s");
        assert_eq!(elapsed(3000, false), "+3.0 s");
        assert_eq!(elapsed(59_900, false), "+59.9 s");
        assert_eq!(elapsed(150_000, false), "+2 min 30 s");
        assert_eq!(elapsed(3_600_000, false), "+1 h");
        assert_eq!(elapsed(12_000_000, false), "+3 h 20 min");
        assert_eq!(elapsed(183_600_000, false), "+2 d 3 h");
        assert_eq!(elapsed(7 * 86_400_000, true), "after 7 days");
        assert_eq!(elapsed(86_400_000, true), "after 1 day");
    }
}
