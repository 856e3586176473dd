//! The calendar windows are read on: the days of a reference year in one IANA zone, each with
//! its UTC offset, so a local time converts to an instant (daylight saving included) with one
//! subtraction on ordinary days and through the time zone database near a clock change.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use jiff::Timestamp;
use jiff::civil::{Date, Weekday};
use jiff::tz::TimeZone;

use crate::model::{Days, MINUTES_PER_DAY, find_time_zone};

/// The year windows are compared over (with that year's daylight-saving dates). A constant, so
/// an analysis never depends on the day it runs.
pub(crate) const REFERENCE_YEAR: i16 = 2026;

/// Occurrences are listed from a week before the reference year to a week after it, so an
/// overlap across New Year (a Sunday-night run against a Monday peak far east) is still seen.
const MARGIN_DAYS: i8 = 7;

/// One zone over the compared days (the reference year and its margins, plus a day for windows
/// past midnight): each local date with its UTC offset in seconds where no clock change comes
/// within a day of it, so most local times convert with one subtraction; the few days near a
/// change go through the database.
pub(crate) struct ZoneCalendar {
    pub(super) zone: TimeZone,
    /// Seconds of the first day's midnight, counted as if it were UTC.
    first_civil: i64,
    pub(super) days: Vec<(Date, Option<i64>)>,
}

const DAY_SECONDS: i64 = 86_400;

impl ZoneCalendar {
    /// The calendar of `zone_name`, computed once per process and zone (the database has a few
    /// hundred), so the facilitation questions can compare windows every frame. `None` for a
    /// zone the database does not know (a validated workspace has none).
    pub(crate) fn of(zone_name: &str) -> Option<Arc<ZoneCalendar>> {
        static CALENDARS: OnceLock<Mutex<HashMap<String, Arc<ZoneCalendar>>>> = OnceLock::new();
        let calendars = CALENDARS.get_or_init(Mutex::default);
        let key = zone_name.to_ascii_lowercase();
        if let Some(known) = calendars.lock().ok().and_then(|c| c.get(&key).cloned()) {
            return Some(known);
        }
        let calendar = Arc::new(ZoneCalendar::new(zone_name)?);
        if let Ok(mut c) = calendars.lock() {
            c.insert(key, Arc::clone(&calendar));
        }
        Some(calendar)
    }

    fn new(zone_name: &str) -> Option<ZoneCalendar> {
        let zone = find_time_zone(zone_name)?;
        let first = Date::new(REFERENCE_YEAR - 1, 12, 31 - MARGIN_DAYS).ok()?;
        let last = Date::new(REFERENCE_YEAR + 1, 1, 2 + MARGIN_DAYS).ok()?;
        let first_civil = civil_seconds(first)?;
        let count = usize::try_from((civil_seconds(last)? - first_civil) / DAY_SECONDS).ok()? + 1;
        // Every clock change from two days before the range to two days after it.
        let near = 2 * DAY_SECONDS;
        let changes: Vec<i64> = Timestamp::from_second(first_civil - near)
            .map(|from| {
                zone.following(from)
                    .map(|t| t.timestamp().as_second())
                    .take_while(|t| *t < first_civil + (count as i64) * DAY_SECONDS + near)
                    .collect()
            })
            .unwrap_or_default();
        let mut days = Vec::with_capacity(count);
        let mut day = first;
        for i in 0..count {
            let midnight = first_civil + (i as i64) * DAY_SECONDS;
            // Offsets lie within ±26 hours, so the local day is inside this UTC range.
            let (lo, hi) = (midnight - 26 * 3600, midnight + DAY_SECONDS + 26 * 3600);
            let quiet = !changes.iter().any(|t| (lo..=hi).contains(t));
            let offset = quiet
                .then(|| Timestamp::from_second(midnight).ok())
                .flatten()
                .map(|t| i64::from(zone.to_offset(t).seconds()));
            days.push((day, offset));
            match day.tomorrow() {
                Ok(next) => day = next,
                Err(_) => break,
            }
        }
        Some(ZoneCalendar {
            zone,
            first_civil,
            days,
        })
    }

    /// The instant the clocks show `min` minutes after midnight of day `i` (1440: the next
    /// midnight). A time skipped by a clock change counts from the change, a repeated one at
    /// its first showing.
    pub(super) fn instant(&self, i: usize, min: u16) -> Option<i64> {
        let (i, min) = if min >= MINUTES_PER_DAY {
            (i + 1, 0)
        } else {
            (i, min)
        };
        let (day, offset) = *self.days.get(i)?;
        match offset {
            Some(offset) => {
                Some(self.first_civil + (i as i64) * DAY_SECONDS + i64::from(min) * 60 - offset)
            }
            None => instant(&self.zone, day, min),
        }
    }
}

/// Seconds of `day`'s midnight, counted as if it were UTC.
fn civil_seconds(day: Date) -> Option<i64> {
    instant(&TimeZone::UTC, day, 0)
}

/// `[1 January, 1 January next year)` of the reference year in UTC, in seconds.
pub(super) fn year_bounds() -> (i64, i64) {
    let at = |y: i16| {
        Date::new(y, 1, 1)
            .ok()
            .and_then(|d| instant(&TimeZone::UTC, d, 0))
            .unwrap_or(0)
    };
    (at(REFERENCE_YEAR), at(REFERENCE_YEAR + 1))
}

/// `true` when `days` include the local date `day`. Month-end is the month's last business day
/// (Monday to Friday).
pub(super) fn occurs(days: Days, day: Date) -> bool {
    let weekday = day.weekday();
    match days {
        Days::Daily => true,
        Days::Weekdays(mask) => mask & (1 << weekday.to_monday_zero_offset()) != 0,
        Days::MonthEnd => {
            let to_end = day.last_of_month().day() - day.day();
            match weekday {
                Weekday::Saturday | Weekday::Sunday => false,
                Weekday::Friday => to_end <= 2,
                _ => to_end == 0,
            }
        }
    }
}

/// The instant the clocks in `zone` show `min` minutes after midnight of `day` (1440 is the next
/// midnight). A time skipped by a clock change counts from the change, a repeated one at its
/// first showing.
fn instant(zone: &TimeZone, day: Date, min: u16) -> Option<i64> {
    let (day, min) = if min >= MINUTES_PER_DAY {
        (day.tomorrow().ok()?, 0)
    } else {
        (day, min)
    };
    let hour = i8::try_from(min / 60).ok()?;
    let minute = i8::try_from(min % 60).ok()?;
    let dt = day.at(hour, minute, 0, 0);
    zone.to_timestamp(dt).ok().map(Timestamp::as_second)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_calendar_agrees_with_the_database_every_day() {
        // Zones with odd offsets, changes at midnight, half-hour summer time, and none.
        for name in [
            "Europe/Berlin",
            "America/New_York",
            "America/Santiago",
            "Asia/Beirut",
            "Australia/Lord_Howe",
            "Asia/Kathmandu",
            "Pacific/Chatham",
            "America/St_Johns",
            "UTC",
        ] {
            let cal = ZoneCalendar::new(name).unwrap();
            assert!(cal.days.len() > 380, "{name}");
            for (i, (day, _)) in cal.days.iter().enumerate() {
                for min in [0, 30, 60, 90, 120, 150, 180, 720, 1410] {
                    assert_eq!(
                        cal.instant(i, min),
                        instant(&cal.zone, *day, min),
                        "{name} {day} {min}"
                    );
                }
            }
        }
        assert!(ZoneCalendar::of("Europe/Berln").is_none());
        let (a, b) = (ZoneCalendar::of("UTC"), ZoneCalendar::of("utc"));
        assert!(Arc::ptr_eq(a.as_ref().unwrap(), b.as_ref().unwrap()));
    }
}
