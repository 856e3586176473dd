//! A CronJob's schedule as a time window, when it names one time of day on every day or on
//! some weekdays (`30 2 * * *`, `0 22 * * 1-5`, `@daily`). A window needs an end and a schedule
//! has none, so the run is assumed to last [`ASSUMED_RUN_MIN`] minutes (the label says so).

use crate::model::{Days, TimeWindow, Weekday, WindowEffect};

/// How long a scheduled run is assumed to take.
pub const ASSUMED_RUN_MIN: u16 = 60;

/// The window of a schedule, or `None` when it does not map onto one (every 5 minutes, on the
/// 1st of the month, …).
pub fn window(schedule: &str, timezone: Option<&str>) -> Option<TimeWindow> {
    let schedule = schedule.trim();
    let expanded = match schedule {
        "@daily" | "@midnight" => "0 0 * * *",
        "@weekly" => "0 0 * * 0",
        s => s,
    };
    // `CRON_TZ=Europe/Berlin 0 2 * * *` names the zone in the schedule itself.
    let (zone, expanded) = match expanded
        .strip_prefix("CRON_TZ=")
        .or_else(|| expanded.strip_prefix("TZ="))
    {
        Some(rest) => {
            let (z, s) = rest.split_once(char::is_whitespace)?;
            (Some(z), s.trim())
        }
        None => (None, expanded),
    };
    let fields: Vec<&str> = expanded.split_whitespace().collect();
    let [minute, hour, dom, month, dow] = fields.as_slice() else {
        return None;
    };
    let minute: u16 = minute.parse().ok().filter(|m| *m < 60)?;
    let hour: u16 = hour.parse().ok().filter(|h| *h < 24)?;
    if *dom != "*" || *month != "*" {
        return None;
    }
    let days = if *dow == "*" {
        Days::Daily
    } else {
        Days::weekdays(&weekdays(dow)?)
    };
    let start_min = hour * 60 + minute;
    Some(TimeWindow {
        label: format!("Scheduled run ({schedule}; length assumed {ASSUMED_RUN_MIN} min)"),
        days,
        start_min,
        end_min: (start_min + ASSUMED_RUN_MIN) % crate::model::MINUTES_PER_DAY,
        timezone: zone.or(timezone).map(str::to_owned),
        effect: WindowEffect::Peak,
    })
}

/// Cron's day-of-week field (`1-5`, `0,6`, `MON-FRI`, `sun`; 0 and 7 are Sunday).
fn weekdays(field: &str) -> Option<Vec<Weekday>> {
    let mut out = Vec::new();
    for part in field.split(',') {
        let (a, b) = part.split_once('-').unwrap_or((part, part));
        let (a, b) = (day_number(a)?, day_number(b)?);
        if a > b {
            return None;
        }
        for n in a..=b {
            let day = Weekday::ALL[(n + 6) % 7];
            if !out.contains(&day) {
                out.push(day);
            }
        }
    }
    Some(out)
}

/// 0 = Sunday … 6 = Saturday (7 also Sunday).
fn day_number(word: &str) -> Option<usize> {
    let w = word.trim().to_ascii_lowercase();
    if let Ok(n) = w.parse::<usize>() {
        return (n <= 7).then_some(n % 7);
    }
    ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
        .iter()
        .position(|d| *d == w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn daily_and_weekday_schedules_are_windows() {
        let w = window("30 2 * * *", None).unwrap();
        assert_eq!((w.days, w.start_min, w.end_min), (Days::Daily, 150, 210));
        let w = window("0 23 * * 1-5", Some("Europe/Berlin")).unwrap();
        assert_eq!(w.days.to_string(), "mon,tue,wed,thu,fri");
        assert_eq!(
            (w.start_min, w.end_min),
            (1380, 0),
            "23:00 for an hour ends at midnight"
        );
        assert_eq!(w.timezone.as_deref(), Some("Europe/Berlin"));
        assert_eq!(
            window("0 6 * * sun,sat", None).unwrap().days.to_string(),
            "sat,sun"
        );
        assert_eq!(window("0 6 * * 0,7", None).unwrap().days.to_string(), "sun");
        assert_eq!(window("@daily", None).unwrap().start_min, 0);
        let w = window("CRON_TZ=Asia/Tokyo 5 4 * * *", None).unwrap();
        assert_eq!(w.timezone.as_deref(), Some("Asia/Tokyo"));
    }

    #[test]
    fn other_schedules_are_not() {
        for s in [
            "*/5 * * * *",
            "0 * * * *",
            "0 2 1 * *",
            "0 2 * 1 *",
            "@hourly",
            "0 2 * * 5-1",
            "x",
            "",
            "0 24 * * *",
            "60 1 * * *",
        ] {
            assert!(window(s, None).is_none(), "{s}");
        }
    }
}
