//! Time windows on real dates. Each window becomes its occurrences over a reference year as UTC
//! instants, read on the calendar of its own IANA zone (daylight saving and its switch dates
//! included), so two windows in different zones are compared the way the clocks really run.

use std::collections::HashMap;

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use super::calendar::{REFERENCE_YEAR, ZoneCalendar, occurs, year_bounds};
use crate::model::{Days, MINUTES_PER_DAY, TimeWindow};

/// One window's occurrences, as `[start, end)` UTC seconds in time order.
pub(crate) struct Timeline {
    zone: Option<TimeZone>,
    spans: Vec<(i64, i64)>,
    /// Month-end: one occurrence a month, on a weekday that changes from month to month.
    monthly: bool,
}

/// When two windows share time within the reference year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Overlap {
    Never,
    /// In every stretch of the year (between clock changes) in which both windows occur.
    Always,
    /// Only in some stretches: the instants they start to share time, one list per run of
    /// stretches, and the season of one zone (its name, `true` for summer time) those runs are
    /// exactly, if they are.
    Partly {
        runs: Vec<Vec<Timestamp>>,
        season: Option<(String, bool)>,
    },
}

/// A run with at most this many dates names each; a longer one gives its first and last.
const DATES_LISTED: usize = 3;

impl Overlap {
    /// `""` all year, else words naming when (dates in `zone`), to append to a sentence about
    /// the overlap: `", in 2026 only from 2026-03-08 to 2026-03-28"`.
    pub(crate) fn when_words(&self, zone: Option<&TimeZone>) -> String {
        let Overlap::Partly { runs, season } = self else {
            return String::new();
        };
        let day = |t: &Timestamp| match zone {
            Some(z) => z.to_datetime(*t).date(),
            None => TimeZone::UTC.to_datetime(*t).date(),
        };
        let mut parts: Vec<String> = Vec::new();
        for run in runs {
            let mut dates: Vec<Date> = run.iter().map(day).collect();
            dates.dedup();
            match (dates.first(), dates.last()) {
                (Some(first), Some(last)) if dates.len() > DATES_LISTED => {
                    parts.push(format!("from {first} to {last}"));
                }
                _ => parts.extend(dates.iter().map(|d| format!("on {d}"))),
            }
        }
        parts.dedup();
        let dates = crate::text::and_list(&parts);
        match season {
            Some((z, summer)) => {
                let season = if *summer { "summer" } else { "winter" };
                format!(", only while {z} is on {season} time (in {REFERENCE_YEAR}: {dates})")
            }
            None => format!(", in {REFERENCE_YEAR} only {dates}"),
        }
    }
}

impl Timeline {
    /// The occurrences of `w` on the calendar of its zone; no calendar (an unknown zone) gives
    /// no occurrences rather than another zone's.
    pub(crate) fn new(w: &TimeWindow, calendar: Option<&ZoneCalendar>) -> Timeline {
        let Some(cal) = calendar else {
            return Timeline {
                zone: None,
                spans: Vec::new(),
                monthly: false,
            };
        };
        let start_min = w.start_min.min(MINUTES_PER_DAY - 1);
        let end_min = w.end_min.min(MINUTES_PER_DAY);
        let mut spans = Vec::new();
        if start_min != end_min {
            // The last calendar day is there only for the ends of windows past midnight.
            for (i, (day, _)) in cal
                .days
                .iter()
                .enumerate()
                .take(cal.days.len().saturating_sub(1))
            {
                if !occurs(w.days, *day) {
                    continue;
                }
                let end_day = if end_min > start_min { i } else { i + 1 };
                if let (Some(s), Some(e)) =
                    (cal.instant(i, start_min), cal.instant(end_day, end_min))
                    && e > s
                {
                    spans.push((s, e));
                }
            }
        }
        Timeline {
            zone: Some(cal.zone.clone()),
            spans,
            monthly: w.days == Days::MonthEnd,
        }
    }

    pub(crate) fn zone(&self) -> Option<&TimeZone> {
        self.zone.as_ref()
    }

    /// `true` when the two windows share a minute somewhere in the reference year.
    pub(crate) fn meets(&self, other: &Timeline) -> bool {
        let (from, to) = year_bounds();
        first_overlap(&self.spans, &other.spans, from, to).is_some()
    }

    /// Whether, and in which part of the reference year, the two windows share a minute.
    pub(crate) fn overlap(&self, other: &Timeline) -> Overlap {
        let (year_start, year_end) = year_bounds();
        let hits = overlap_starts(&self.spans, &other.spans, year_start, year_end);
        if hits.is_empty() {
            return Overlap::Never;
        }
        if self.monthly || other.monthly {
            return monthly_overlap(self, other, hits, (year_start, year_end));
        }
        // Cut the year at every clock change of either zone: within a stretch both offsets are
        // fixed, so the windows either meet in it or they do not.
        let mut cuts = vec![year_start, year_end];
        for zone in [&self.zone, &other.zone].into_iter().flatten() {
            if let Ok(from) = Timestamp::from_second(year_start) {
                cuts.extend(
                    zone.following(from)
                        .map(|t| t.timestamp().as_second())
                        .take_while(|t| *t < year_end),
                );
            }
        }
        cuts.sort_unstable();
        cuts.dedup();
        // Per stretch: None when one of the windows does not occur in it, else whether they meet.
        let stretches: Vec<(i64, i64, Option<bool>)> = cuts
            .windows(2)
            .map(|c| {
                let (s, e) = (c[0], c[1]);
                let both = starts_within(&self.spans, s, e) && starts_within(&other.spans, s, e);
                let hit = hits.partition_point(|t| *t < s) < hits.partition_point(|t| *t < e);
                (s, e, (both || hit).then_some(hit))
            })
            .collect();
        if stretches.iter().all(|(_, _, m)| *m != Some(false)) {
            return Overlap::Always;
        }
        let mut runs: Vec<Vec<Timestamp>> = Vec::new();
        let mut last_was_hit = false;
        for (s, e, meet) in &stretches {
            match meet {
                Some(true) => {
                    let from = hits.partition_point(|t| t < s);
                    let to = hits.partition_point(|t| t < e);
                    let instants = hits[from..to]
                        .iter()
                        .filter_map(|t| Timestamp::from_second(*t).ok());
                    match runs.last_mut() {
                        Some(run) if last_was_hit => run.extend(instants),
                        _ => runs.push(instants.collect()),
                    }
                    last_was_hit = true;
                }
                Some(false) => last_was_hit = false,
                None => {}
            }
        }
        // The runs are one zone's summer (or winter) time when, in every stretch where both
        // windows occur, they meet exactly when that zone is (or is not) on summer time.
        let season = [&self.zone, &other.zone]
            .into_iter()
            .flatten()
            .find_map(|z| {
                [true, false].into_iter().find_map(|summer| {
                    let matches = stretches.iter().all(|(s, _, meet)| match meet {
                        Some(m) => Timestamp::from_second(*s)
                            .is_ok_and(|t| z.to_offset_info(t).dst().is_dst() == (*m == summer)),
                        None => true,
                    });
                    matches
                        .then(|| z.iana_name().map(|n| (n.to_owned(), summer)))
                        .flatten()
                })
            });
        Overlap::Partly { runs, season }
    }
}

/// The overlap of two windows one of which is month-end: its twelve closes fall on different
/// weekdays, so whether they meet depends on the month more than on the season. All year when
/// every close of the year meets the other window, else the dates on which they meet.
fn monthly_overlap(a: &Timeline, b: &Timeline, hits: Vec<i64>, year: (i64, i64)) -> Overlap {
    let (monthly, other) = if a.monthly { (a, b) } else { (b, a) };
    let every_close_meets = monthly
        .spans
        .iter()
        .filter(|s| (year.0..year.1).contains(&s.0))
        .all(|&(start, end)| {
            let i = other.spans.partition_point(|o| o.1 <= start);
            other.spans.get(i).is_some_and(|o| o.0 < end)
        });
    if every_close_meets {
        return Overlap::Always;
    }
    Overlap::Partly {
        runs: hits
            .into_iter()
            .filter_map(|t| Timestamp::from_second(t).ok())
            .map(|t| vec![t])
            .collect(),
        season: None,
    }
}

/// The start of the first shared stretch of `a` and `b` within `[from, to)`.
fn first_overlap(a: &[(i64, i64)], b: &[(i64, i64)], from: i64, to: i64) -> Option<i64> {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        let start = x.0.max(y.0);
        if start >= to {
            return None;
        }
        if start < x.1.min(y.1) && start >= from {
            return Some(start);
        }
        if x.1 <= y.1 {
            i += 1;
        } else {
            j += 1;
        }
    }
    None
}

/// The starts of every shared stretch of `a` and `b` (both sorted, each without overlaps of its
/// own) that fall within `[from, to)`, in order.
fn overlap_starts(a: &[(i64, i64)], b: &[(i64, i64)], from: i64, to: i64) -> Vec<i64> {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        if x.0 < y.1 && y.0 < x.1 {
            let start = x.0.max(y.0);
            if (from..to).contains(&start) {
                out.push(start);
            }
        }
        if x.1 <= y.1 {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

/// `true` when an occurrence starts within `[from, to)`.
fn starts_within(spans: &[(i64, i64)], from: i64, to: i64) -> bool {
    let i = spans.partition_point(|s| s.0 < from);
    spans.get(i).is_some_and(|s| s.0 < to)
}

/// Timelines of many windows, each distinct (zone, days, start, end) computed once.
pub(crate) struct Timelines<'a> {
    home: &'a str,
    index: HashMap<(&'a str, Days, u16, u16), usize>,
    lines: Vec<Timeline>,
    met: HashMap<(usize, usize), bool>,
    said: HashMap<(usize, usize), String>,
}

impl<'a> Timelines<'a> {
    /// `home` is the workspace's zone, for windows that name none.
    pub(crate) fn new(home: &'a str) -> Self {
        Timelines {
            home,
            index: HashMap::new(),
            lines: Vec::new(),
            met: HashMap::new(),
            said: HashMap::new(),
        }
    }

    /// The index of `w`'s timeline, computing it on first use.
    pub(crate) fn of(&mut self, w: &'a TimeWindow) -> usize {
        let zone = w.timezone.as_deref().unwrap_or(self.home);
        let key = (zone, w.days, w.start_min, w.end_min);
        if let Some(&i) = self.index.get(&key) {
            return i;
        }
        let calendar = ZoneCalendar::of(zone);
        self.lines.push(Timeline::new(w, calendar.as_deref()));
        let i = self.lines.len() - 1;
        self.index.insert(key, i);
        i
    }

    /// `true` when the windows of timelines `a` and `b` share a minute (remembered per pair:
    /// the same two windows meet again on every system that waits on the blocked one).
    pub(crate) fn meets(&mut self, a: usize, b: usize) -> bool {
        if let Some(&m) = self.met.get(&(a, b)) {
            return m;
        }
        let m = match (self.lines.get(a), self.lines.get(b)) {
            (Some(x), Some(y)) => x.meets(y),
            _ => false,
        };
        self.met.insert((a, b), m);
        m
    }

    /// Words for when `a` and `b` meet: `""` all year, else the dates (see [`Overlap::when_words`]),
    /// in `a`'s zone; remembered per pair like [`Timelines::meets`].
    pub(crate) fn when(&mut self, a: usize, b: usize) -> String {
        if let Some(words) = self.said.get(&(a, b)) {
            return words.clone();
        }
        let words = match (self.lines.get(a), self.lines.get(b)) {
            (Some(x), Some(y)) => x.overlap(y).when_words(x.zone()),
            _ => String::new(),
        };
        self.said.insert((a, b), words.clone());
        words
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::WindowEffect;

    fn window(days: &str, start_min: u16, end_min: u16) -> TimeWindow {
        TimeWindow {
            label: "w".into(),
            days: days.parse().unwrap(),
            start_min,
            end_min,
            timezone: None,
            effect: WindowEffect::Locks,
        }
    }

    fn tl(w: &TimeWindow, zone: &str) -> Timeline {
        Timeline::new(w, ZoneCalendar::of(zone).as_deref())
    }

    fn utc(s: &str) -> i64 {
        s.parse::<Timestamp>().unwrap().as_second()
    }

    fn in_year(t: &Timeline) -> Vec<(i64, i64)> {
        let (from, to) = year_bounds();
        t.spans
            .iter()
            .copied()
            .filter(|s| (from..to).contains(&s.0))
            .collect()
    }

    #[test]
    fn month_end_is_the_last_business_day_in_the_window_s_zone() {
        // 23:00–01:00 on the last business day, Berlin time (CET in January, CEST in March).
        let berlin = in_year(&tl(&window("month-end", 23 * 60, 60), "Europe/Berlin"));
        assert_eq!(berlin.len(), 12);
        // 31 January 2026 is a Saturday: Friday the 30th. 31 March is a Tuesday, in summer time.
        assert_eq!(
            berlin[0],
            (utc("2026-01-30T22:00:00Z"), utc("2026-01-31T00:00:00Z"))
        );
        assert_eq!(
            berlin[2],
            (utc("2026-03-31T21:00:00Z"), utc("2026-03-31T23:00:00Z"))
        );
        // Tokyo's month-end at 01:00 is the previous evening in UTC.
        let tokyo = in_year(&tl(&window("month-end", 60, 180), "Asia/Tokyo"));
        assert_eq!(tokyo[0].0, utc("2026-01-29T16:00:00Z"));
    }

    #[test]
    fn clock_changes_shorten_and_lengthen_the_night() {
        // 01:00–04:00 in New York: two real hours on 8 March 2026, four on 1 November.
        let ny = tl(&window("sun", 60, 240), "America/New_York");
        let length = |day: &str| {
            let start = utc(day);
            ny.spans
                .iter()
                .find(|s| (start..start + 86_400).contains(&s.0))
                .map(|s| (s.1 - s.0) / 3600)
        };
        assert_eq!(length("2026-03-08T00:00:00Z"), Some(2));
        assert_eq!(length("2026-11-01T00:00:00Z"), Some(4));
        assert_eq!(length("2026-06-07T00:00:00Z"), Some(3));
    }

    #[test]
    fn partial_overlaps_name_their_dates() {
        let london = tl(&window("daily", 13 * 60, 13 * 60 + 45), "Europe/London");
        let ny = tl(&window("daily", 9 * 60, 9 * 60 + 45), "America/New_York");
        assert!(london.meets(&ny) && ny.meets(&london));
        let o = london.overlap(&ny);
        assert!(matches!(o, Overlap::Partly { .. }), "{o:?}");
        assert_eq!(
            o.when_words(london.zone()),
            ", in 2026 only from 2026-03-08 to 2026-03-28 and from 2026-10-25 to 2026-10-31"
        );
        // 12:30–13:30 UTC meets London's 13:00 in winter (GMT) and in summer (BST): all year.
        let utc_zone = tl(&window("daily", 12 * 60 + 30, 13 * 60 + 30), "UTC");
        assert_eq!(london.overlap(&utc_zone).when_words(london.zone()), "");
        // A month-end close meets a Sunday evening in New York only when a month ends on a
        // Monday in Sydney (31 August); on 30 November Sydney's summer time makes it 16:00.
        let close = tl(
            &window("month-end", 8 * 60, 8 * 60 + 30),
            "Australia/Sydney",
        );
        let sunday = tl(&window("sun", 17 * 60, 20 * 60), "America/New_York");
        assert_eq!(
            close.overlap(&sunday).when_words(close.zone()),
            ", in 2026 only on 2026-08-31"
        );
        // Every close of the year meets a daily window at the same time: no dates.
        let daily = tl(&window("daily", 8 * 60, 9 * 60), "Australia/Sydney");
        assert_eq!(close.overlap(&daily), Overlap::Always);
        let never = tl(&window("daily", 15 * 60, 16 * 60), "Europe/London");
        assert_eq!(never.overlap(&ny), Overlap::Never);
        assert!(!never.meets(&ny));
    }
}
