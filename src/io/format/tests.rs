//! The format is pinned by a golden file that sets every field of every struct in `v2`.

use std::path::Path;

use serde::de::{self, Deserialize, Deserializer, Visitor};

use super::v2;
use crate::io::{load_str, to_ron_string};

const GOLDEN: &str = include_str!("../../../tests/fixtures/format/every-field.ron");

/// Renaming, reordering or dropping a field of the file format (or changing how it is left out
/// or written) changes these bytes; a field renamed in the model alone cannot.
#[test]
fn every_field_is_pinned() {
    let (ws, problems) = load_str(GOLDEN, Path::new("every-field.ron")).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    let saved = to_ron_string(&ws).unwrap();
    if saved != GOLDEN {
        let line = saved
            .lines()
            .zip(GOLDEN.lines())
            .position(|(a, b)| a != b)
            .map_or(0, |i| i + 1);
        panic!("saved text differs from the golden file at line {line}:\n{saved}");
    }
}

/// The field names a `#[derive(Deserialize)]` struct reads, as serde hands them over.
fn field_names<'de, T: Deserialize<'de>>() -> (&'static str, &'static [&'static str]) {
    /// A deserializer that only records what `deserialize_struct` is asked for.
    struct Recorder<'a>(&'a mut Option<(&'static str, &'static [&'static str])>);

    #[derive(Debug)]
    struct Stop;
    impl std::fmt::Display for Stop {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("recorded")
        }
    }
    impl std::error::Error for Stop {}
    impl de::Error for Stop {
        fn custom<M: std::fmt::Display>(_: M) -> Self {
            Stop
        }
    }

    impl<'de> Deserializer<'de> for Recorder<'_> {
        type Error = Stop;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
            Err(Stop)
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            name: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Stop> {
            *self.0 = Some((name, fields));
            Err(Stop)
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
            ignored_any
        }
    }

    let mut seen = None;
    assert!(T::deserialize(Recorder(&mut seen)).is_err());
    seen.expect("a struct")
}

/// Every field of every struct of the format is set somewhere in the golden file, so that a
/// field added to `v2` without a value there fails here instead of going unpinned.
#[test]
fn the_golden_file_sets_every_field() {
    let structs = [
        field_names::<v2::File>(),
        field_names::<v2::System>(),
        field_names::<v2::CanvasPos>(),
        field_names::<v2::Backdrop>(),
        field_names::<v2::Load>(),
        field_names::<v2::DataEntity>(),
        field_names::<v2::ReviewChecklist>(),
        field_names::<v2::TimeWindow>(),
        field_names::<v2::Dependency>(),
        field_names::<v2::DebtItem>(),
        field_names::<v2::Trigger>(),
        field_names::<v2::ResponseStep>(),
        field_names::<v2::Rehearsal>(),
        field_names::<v2::FailureMode>(),
        field_names::<v2::Focus>(),
        field_names::<v2::Filters>(),
        field_names::<v2::Camera>(),
        field_names::<v2::View>(),
        field_names::<v2::Scenario>(),
        field_names::<v2::ParkingLotItem>(),
        field_names::<v2::Decision>(),
        field_names::<v2::AcceptedFinding>(),
        field_names::<v2::Phase>(),
        field_names::<v2::Rollout>(),
        field_names::<v2::Stage>(),
        field_names::<v2::Signal>(),
        field_names::<v2::ProductionChecks>(),
        field_names::<v2::Cost>(),
    ];
    // The recorder works: it sees names and fields.
    assert_eq!(structs[1].0, "System");
    assert!(structs[1].1.contains(&"peak_load"));
    assert!(structs.iter().all(|(_, fields)| !fields.is_empty()));
    let keys: Vec<&str> = GOLDEN
        .lines()
        .filter_map(|l| l.trim_start().split_once(':').map(|(k, _)| k))
        .collect();
    for (name, fields) in structs {
        for field in fields {
            assert!(
                keys.contains(field),
                "`{field}` of `{name}` is not set in tests/fixtures/format/every-field.ron"
            );
        }
    }
}

/// The words the file writes for each vocabulary (the model's `as_str`, shared with CSV and
/// the CLI). Changing one breaks every file that uses it.
#[test]
fn vocabulary_words_are_pinned() {
    use crate::model::{
        AsyncRole, Criticality, DebtKind, DebtStatus, DependencyType, EntityRole, FailureHow,
        FailureStatus, FilterMode, FocusDirection, LoadUnit, SignalKind, StageStatus, SystemKind,
        Weekday, WindowEffect,
    };
    fn words<T: Copy>(all: &[T], word: fn(T) -> &'static str) -> String {
        all.iter().map(|v| word(*v)).collect::<Vec<_>>().join(" ")
    }
    let pinned = [
        (
            words(SystemKind::ALL, SystemKind::as_str),
            "service database cache queue ui gateway external config batch-job team other \
             observability",
        ),
        (
            words(Criticality::ALL, Criticality::as_str),
            "low medium high critical",
        ),
        (
            words(DependencyType::ALL, DependencyType::as_str),
            "sync async data batch business-process human-workflow timing startup-order",
        ),
        (
            words(AsyncRole::ALL, AsyncRole::as_str),
            "produces consumes",
        ),
        (
            words(LoadUnit::ALL, LoadUnit::as_str),
            "concurrent-users requests-per-sec queries",
        ),
        (
            words(WindowEffect::ALL, WindowEffect::as_str),
            "locks degraded offline peak",
        ),
        (
            words(EntityRole::ALL, EntityRole::as_str),
            "source-of-truth replica cache",
        ),
        (
            words(DebtKind::ALL, DebtKind::as_str),
            "shortcut workaround deferred-decision manual-step missing-monitoring other",
        ),
        (
            words(DebtStatus::ALL, DebtStatus::as_str),
            "open accepted mitigating resolved",
        ),
        (
            words(FailureHow::ALL, FailureHow::as_str),
            "down slow errors stale-data overload",
        ),
        (
            words(FailureStatus::ALL, FailureStatus::as_str),
            "draft reviewed rehearsed retired",
        ),
        (
            words(Weekday::ALL, Weekday::as_str),
            "mon tue wed thu fri sat sun",
        ),
        (
            words(FocusDirection::ALL, FocusDirection::as_str),
            "needs needed-by both",
        ),
        (words(FilterMode::ALL, FilterMode::as_str), "dim hide"),
        (
            words(StageStatus::ALL, StageStatus::as_str),
            "planned running done rolled-back",
        ),
        (
            words(SignalKind::ALL, SignalKind::as_str),
            "error-rate p99-latency-ms callee-load-percent",
        ),
    ];
    for (words, expected) in pinned {
        assert_eq!(words, expected);
    }
}
