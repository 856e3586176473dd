#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failing test may panic"
)]
//! Time zones: names checked against the IANA database, windows compared on real dates with
//! daylight saving, month-end in the window's own zone.

use std::path::Path;

use super::dep;

use depdig::analysis::{Analysis, FindingKind, analyze};
use depdig::io::load_str;
use depdig::model::{Days, DependencyType, TimeWindow, WindowEffect, Workspace};

const WORKSPACE: &str = r#"(
  version: 1,
  title: "Zones",
  timezone: "WORKSPACE_TZ",
  systems: [
    (
      id: "ledger",
      name: "Ledger",
      kind: "database",
      windows: [
        (
          label: "Close",
          start_min: 60,
          end_min: 120,
          timezone: Some("WINDOW_TZ"),
          effect: "locks",
        ),
      ],
    ),
  ],
)"#;

fn load(workspace_tz: &str, window_tz: &str) -> Result<Workspace, String> {
    let text = WORKSPACE
        .replace("WORKSPACE_TZ", workspace_tz)
        .replace("WINDOW_TZ", window_tz);
    load_str(&text, Path::new("zones.ron"))
        .map(|(ws, _)| ws)
        .map_err(|e| e.to_string())
}

#[test]
fn a_misspelt_zone_is_refused_with_the_nearest_name() {
    let err = load("UTC", "Europe/Berln").unwrap_err();
    assert!(
        err.contains(
            "zones.ron: system \"ledger\", field `windows[0].timezone`: \"Europe/Berln\" is not an \
             IANA time zone; did you mean \"Europe/Berlin\"?"
        ),
        "{err}"
    );
    let err = load("America/New_Yrok", "UTC").unwrap_err();
    assert!(
        err.contains(
            "zones.ron: workspace, field `timezone`: \"America/New_Yrok\" is not an IANA time \
             zone; did you mean \"America/New_York\"?"
        ),
        "{err}"
    );
    // Any "Area/Place" used to pass; now only the database's names do.
    assert!(load("UTC", "Mars/Olympus").is_err());
    for ok in ["UTC", "Etc/UTC", "Europe/Berlin", "America/Bogota"] {
        let ws = load(ok, ok).unwrap();
        assert_eq!(ws.timezone, ok);
    }
}

/// The analysis tests' workspace of `systems`, in time zone `zone`.
fn ws(systems: &[&str], zone: &str) -> Workspace {
    let mut ws = super::ws(systems);
    ws.timezone = zone.into();
    ws
}

fn window(days: &str, start: (u16, u16), end: (u16, u16), zone: Option<&str>) -> TimeWindow {
    TimeWindow {
        label: "w".into(),
        days: days.parse::<Days>().unwrap(),
        start_min: start.0 * 60 + start.1,
        end_min: end.0 * 60 + end.1,
        timezone: zone.map(str::to_owned),
        effect: WindowEffect::Locks,
    }
}

fn peak(mut w: TimeWindow) -> TimeWindow {
    w.effect = WindowEffect::Peak;
    w
}

fn temporal(a: &Analysis) -> Vec<(String, String)> {
    a.of_kind(FindingKind::Temporal)
        .map(|f| (f.id.clone(), f.sentence.clone()))
        .collect()
}

/// `shop` waits on `ledger`; the ledger locks in its zone, the shop peaks in the workspace's.
fn lock_and_peak(home: &str, lock: TimeWindow, shop_peak: TimeWindow) -> Vec<(String, String)> {
    let mut w = ws(&["ledger", "shop"], home);
    dep(&mut w, "shop", "ledger", DependencyType::Sync);
    w.systems.get_mut("ledger").unwrap().windows = vec![lock];
    w.systems.get_mut("shop").unwrap().windows = vec![peak(shop_peak)];
    temporal(&analyze(&w))
}

#[test]
fn a_lock_in_bogota_meets_only_the_peak_at_the_same_instant() {
    // 09:00–11:00 in Bogota (UTC−5 all year) is 14:00–16:00 UTC: five hours from a 09:00 peak.
    let lock = window("daily", (9, 0), (11, 0), Some("America/Bogota"));
    let far = lock_and_peak("UTC", lock.clone(), window("daily", (9, 0), (11, 0), None));
    assert!(far.is_empty(), "{far:?}");
    let near = lock_and_peak("UTC", lock, window("daily", (15, 0), (17, 0), None));
    assert_eq!(near.len(), 1, "{near:?}");
    assert_eq!(near[0].0, "temporal:ledger,shop");
    // No daylight saving on either side: it meets all year, so no dates are named.
    assert!(!near[0].1.contains("2026"), "{}", near[0].1);
}

#[test]
fn london_and_new_york_meet_only_in_the_weeks_their_clocks_change_apart() {
    // New York 09:00–09:45 is London 14:00–14:45, except between the US switch and the UK one
    // (8–29 March, 25 October–1 November 2026), when it is 13:00–13:45.
    let lock = window("daily", (13, 0), (13, 45), Some("Europe/London"));
    let found = lock_and_peak(
        "America/New_York",
        lock.clone(),
        window("daily", (9, 0), (9, 45), None),
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].1.contains(
            "in 2026 only from 2026-03-08 to 2026-03-28 and from 2026-10-25 to 2026-10-31"
        ),
        "{}",
        found[0].1
    );
    // Half an hour later they never meet, whatever the date.
    let never = lock_and_peak(
        "America/New_York",
        window("daily", (13, 45), (14, 0), Some("Europe/London")),
        window("daily", (9, 0), (9, 45), None),
    );
    assert!(never.is_empty(), "{never:?}");
}

#[test]
fn a_window_that_meets_only_in_summer_time_says_so() {
    // 10:00–11:00 in Berlin is 09:00 UTC in winter and 08:00 UTC in summer.
    let found = lock_and_peak(
        "UTC",
        window("daily", (10, 0), (11, 0), Some("Europe/Berlin")),
        window("daily", (8, 0), (8, 30), None),
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].1.contains(
            "only while Europe/Berlin is on summer time (in 2026: from 2026-03-29 to 2026-10-24)"
        ),
        "{}",
        found[0].1
    );
}

#[test]
fn month_end_falls_on_the_last_business_day_in_the_window_s_own_zone() {
    // Tokyo's month-end run 01:00–03:00 is 16:00–18:00 UTC the day before; the UTC month-end
    // run at 16:00 is on the last business day itself, so the two never meet.
    let clash = |tokyo: TimeWindow, utc: TimeWindow| {
        let mut w = ws(&["erp", "gl", "dwh"], "UTC");
        dep(&mut w, "erp", "gl", DependencyType::Batch).windows = vec![tokyo];
        dep(&mut w, "gl", "dwh", DependencyType::Batch).windows = vec![utc];
        temporal(&analyze(&w))
    };
    let utc_close = window("month-end", (16, 0), (18, 0), None);
    let none = clash(
        window("month-end", (1, 0), (3, 0), Some("Asia/Tokyo")),
        utc_close.clone(),
    );
    assert!(none.is_empty(), "{none:?}");
    // 21:00–23:00 in Tokyo is 12:00–14:00 UTC on the same date: they meet every month.
    let every = clash(
        window("month-end", (21, 0), (23, 0), Some("Asia/Tokyo")),
        window("month-end", (13, 0), (15, 0), None),
    );
    assert_eq!(every.len(), 1, "{every:?}");
    assert!(every[0].0.starts_with("window-clash:"), "{every:?}");
    assert!(!every[0].1.contains("2026"), "{}", every[0].1);
    // A month-end lock in Sydney (08:00 local, the previous evening in UTC) meets a Sunday
    // 21:00–23:00 UTC peak only when a month ends on a Monday in Sydney: 31 August and
    // 30 November 2026 (summer time there then: 21:00 UTC; in August, winter: 22:00 UTC).
    let sydney = lock_and_peak(
        "UTC",
        window("month-end", (8, 0), (8, 30), Some("Australia/Sydney")),
        window("sun", (21, 0), (23, 0), None),
    );
    assert_eq!(sydney.len(), 1, "{sydney:?}");
    assert!(
        sydney[0]
            .1
            .contains("in 2026 only on 2026-08-31 and on 2026-11-30"),
        "{}",
        sydney[0].1
    );
}
