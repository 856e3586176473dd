//! IANA time zones, looked up in the database bundled into the binary (jiff's copy of tzdb), so
//! a workspace gives the same answers on every machine whatever its `/usr/share/zoneinfo` holds.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use jiff::tz::{TimeZone, TimeZoneDatabase};

fn database() -> &'static TimeZoneDatabase {
    static DB: OnceLock<TimeZoneDatabase> = OnceLock::new();
    DB.get_or_init(TimeZoneDatabase::bundled)
}

/// Every zone name of the bundled database, sorted (for suggestions).
fn names() -> &'static [String] {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names: Vec<String> = database()
            .available()
            .map(|n| n.as_str().to_owned())
            .filter(|n| n != "Etc/Unknown")
            .collect();
        names.sort();
        names
    })
}

/// The zone called `name` in the IANA database (`"UTC"` and `"Etc/UTC"` included; letter case
/// does not matter, as in the database itself). For an unknown name, [`timezone_message`] says
/// what to write instead.
pub fn find_time_zone(name: &str) -> Option<TimeZone> {
    database().get(name).ok().filter(|tz| !tz.is_unknown())
}

/// `true` when `name` is a zone of the IANA database.
pub fn is_timezone(name: &str) -> bool {
    find_time_zone(name).is_some()
}

/// Why `name` is not a time zone, with the closest IANA name when one is close enough
/// ("did you mean \"Europe/Berlin\"?").
pub fn timezone_message(name: &str) -> String {
    match suggestion(name) {
        Some(near) => format!("\"{name}\" is not an IANA time zone; did you mean \"{near}\"?"),
        None => format!(
            "\"{name}\" is not an IANA time zone; write e.g. \"UTC\", \"Europe/Berlin\" or \
             \"America/New_York\""
        ),
    }
}

/// Longer names get no suggestion (the longest IANA name has 32 letters; edit distance costs
/// the product of the lengths).
const MAX_SUGGESTED_LEN: usize = 64;

/// Suggestions already made, so a file repeating one typo on every window stays fast to check;
/// at most this many are kept.
const MAX_REMEMBERED: usize = 1024;

/// The IANA name nearest to `name` by edit distance (ignoring case), compared with the whole
/// name and, for a name without an area (`"Berln"`), with each zone's last part. `None` when
/// nothing is within a third of the name's length (at least two edits).
fn suggestion(name: &str) -> Option<&'static str> {
    static MADE: OnceLock<Mutex<HashMap<String, Option<&'static str>>>> = OnceLock::new();
    let made = MADE.get_or_init(Mutex::default);
    if let Some(known) = made.lock().ok().and_then(|m| m.get(name).copied()) {
        return known;
    }
    let near = nearest(name);
    if name.len() <= MAX_SUGGESTED_LEN
        && let Ok(mut m) = made.lock()
        && m.len() < MAX_REMEMBERED
    {
        m.insert(name.to_owned(), near);
    }
    near
}

fn nearest(name: &str) -> Option<&'static str> {
    let typed = name.trim().to_lowercase();
    let len = typed.chars().count();
    if len == 0 || len > MAX_SUGGESTED_LEN {
        return None;
    }
    let bare = !typed.contains('/');
    let limit = (len / 3).max(2);
    let mut best: Option<(usize, &'static str)> = None;
    for candidate in names() {
        let lower = candidate.to_lowercase();
        let mut distance = strsim::levenshtein(&typed, &lower);
        if bare && let Some((_, city)) = lower.rsplit_once('/') {
            distance = distance.min(strsim::levenshtein(&typed, city));
        }
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate.as_str()));
        }
    }
    best.map(|(_, n)| n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_zones_pass_and_typos_get_the_nearest_name() {
        for ok in [
            "UTC",
            "Etc/UTC",
            "Europe/Berlin",
            "America/Bogota",
            "America/Argentina/Buenos_Aires",
            "Asia/Kolkata",
        ] {
            assert!(is_timezone(ok), "{ok}");
        }
        for (typo, near) in [
            ("Europe/Berln", "Europe/Berlin"),
            ("america/new_yrok", "America/New_York"),
            ("Berlin", "Europe/Berlin"),
            ("Asia/Singapur", "Asia/Singapore"),
        ] {
            assert!(!is_timezone(typo), "{typo}");
            assert_eq!(suggestion(typo), Some(near), "{typo}");
        }
        let msg = timezone_message("Europe/Berln");
        assert!(msg.contains("did you mean \"Europe/Berlin\"?"), "{msg}");
        for bad in [
            "",
            "Mars/Olympus Mons",
            "Etc/Unknown",
            "../../etc/passwd",
            "/",
        ] {
            assert!(!is_timezone(bad), "{bad:?}");
        }
        assert!(timezone_message("Mars/Olympus Mons").contains("e.g. \"UTC\""));
        // A huge name is refused at once, without a search for its nearest neighbour.
        let huge = format!("Europe/{}", "x".repeat(1_000_000));
        assert!(!is_timezone(&huge));
        assert_eq!(suggestion(&huge), None);
    }
}
