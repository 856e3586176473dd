//! Time windows (batch windows, locks, peak hours) and calendar dates.

use std::fmt;
use std::str::FromStr;

use super::enums::{Weekday, WindowEffect};

/// Minutes in a day; window times are `0..MINUTES_PER_DAY`.
pub const MINUTES_PER_DAY: u16 = 24 * 60;

/// The days a time window applies to. Written as `"daily"`, `"month-end"` or a comma-separated
/// list of weekdays in week order (`"mon,tue,wed,thu,fri"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Days {
    #[default]
    Daily,
    /// The last business day of the month (month-end close).
    MonthEnd,
    /// A set of weekdays as a bit mask, bit 0 = Monday.
    Weekdays(u8),
}

impl Days {
    pub fn weekdays(days: &[Weekday]) -> Self {
        let mask = days.iter().fold(0u8, |m, d| m | (1 << weekday_index(*d)));
        Days::Weekdays(mask)
    }

    pub fn contains(self, day: Weekday) -> bool {
        match self {
            Days::Daily => true,
            Days::MonthEnd => false,
            Days::Weekdays(mask) => mask & (1 << weekday_index(day)) != 0,
        }
    }
}

fn weekday_index(day: Weekday) -> usize {
    Weekday::ALL.iter().position(|d| *d == day).unwrap_or(0)
}

impl fmt::Display for Days {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Days::Daily => f.write_str("daily"),
            Days::MonthEnd => f.write_str("month-end"),
            Days::Weekdays(mask) => {
                let words: Vec<&str> = Weekday::ALL
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| mask & (1 << i) != 0)
                    .map(|(_, d)| d.as_str())
                    .collect();
                f.write_str(&words.join(","))
            }
        }
    }
}

impl FromStr for Days {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "daily" => Ok(Days::Daily),
            "month-end" => Ok(Days::MonthEnd),
            "" => Err(
                "days are empty; write \"daily\", \"month-end\" or weekdays like \"mon,tue\""
                    .into(),
            ),
            list => {
                let mut days = Vec::new();
                for word in list.split(',') {
                    days.push(
                        word.trim()
                            .parse::<Weekday>()
                            .map_err(|e| format!("{e} (or write \"daily\" or \"month-end\")"))?,
                    );
                }
                Ok(Days::weekdays(&days))
            }
        }
    }
}

/// A recurring window of time on a system or dependency: a batch run, a lock, an outage, peak hours.
/// `end_min < start_min` runs past midnight.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeWindow {
    pub label: String,
    pub days: Days,
    pub start_min: u16,
    pub end_min: u16,
    /// IANA timezone; `None` means the workspace's.
    pub timezone: Option<String>,
    pub effect: WindowEffect,
}

impl TimeWindow {
    /// Length in minutes, taking windows past midnight into account.
    pub fn duration_min(&self) -> u16 {
        if self.end_min >= self.start_min {
            self.end_min - self.start_min
        } else {
            MINUTES_PER_DAY - self.start_min + self.end_min
        }
    }

    /// `HH:MM–HH:MM` for display.
    pub fn span_text(&self) -> String {
        format!("{}–{}", clock(self.start_min), clock(self.end_min))
    }
}

/// Minutes of day as `HH:MM`.
pub fn clock(min: u16) -> String {
    format!("{:02}:{:02}", min / 60, min % 60)
}

/// A calendar date, written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn new(year: u16, month: u8, day: u8) -> Result<Self, String> {
        if !(1..=12).contains(&month) {
            return Err(format!("month {month} is not 1–12"));
        }
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        if day == 0 || day > days {
            return Err(format!("day {day} does not exist in {year}-{month:02}"));
        }
        Ok(Date { year, month, day })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("\"{s}\" is not a date; write YYYY-MM-DD, e.g. 2026-11-25");
        let mut parts = s.trim().splitn(3, '-');
        let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(bad());
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(bad());
        }
        let year = y.parse().map_err(|_| bad())?;
        let month = m.parse().map_err(|_| bad())?;
        let day = d.parse().map_err(|_| bad())?;
        Date::new(year, month, day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip_in_week_order() {
        let d: Days = "fri, mon,wed".parse().unwrap();
        assert_eq!(d.to_string(), "mon,wed,fri");
        assert!(d.contains(Weekday::Wed) && !d.contains(Weekday::Tue));
        assert_eq!("month-end".parse::<Days>().unwrap(), Days::MonthEnd);
        assert!("funday".parse::<Days>().unwrap_err().contains("weekday"));
    }

    #[test]
    fn window_past_midnight() {
        let w = TimeWindow {
            label: "nightly".into(),
            days: Days::Daily,
            start_min: 23 * 60,
            end_min: 2 * 60,
            timezone: None,
            effect: WindowEffect::Locks,
        };
        assert_eq!(w.duration_min(), 180);
        assert_eq!(w.span_text(), "23:00–02:00");
    }

    #[test]
    fn dates_are_checked() {
        assert_eq!(
            "2024-02-29".parse::<Date>().unwrap().to_string(),
            "2024-02-29"
        );
        assert!("2023-02-29".parse::<Date>().is_err());
        assert!("2023-2-1".parse::<Date>().is_err());
        assert!("yesterday".parse::<Date>().is_err());
    }
}
