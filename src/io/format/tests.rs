//! The format is pinned by a golden file that sets every field of every struct in `v2`.

use std::path::Path;

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

/// The words the file writes for each vocabulary (the model's `as_str`, shared with CSV and
/// the CLI). Changing one breaks every file that uses it.
#[test]
fn vocabulary_words_are_pinned() {
    use crate::model::{
        AsyncRole, Criticality, DebtKind, DebtStatus, DependencyType, EntityRole, FailureHow,
        FailureStatus, FilterMode, FocusDirection, LoadUnit, SystemKind, Weekday, WindowEffect,
    };
    fn words<T: Copy>(all: &[T], word: fn(T) -> &'static str) -> String {
        all.iter().map(|v| word(*v)).collect::<Vec<_>>().join(" ")
    }
    let pinned = [
        (
            words(SystemKind::ALL, SystemKind::as_str),
            "service database cache queue ui gateway external config batch-job team other",
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
    ];
    for (words, expected) in pinned {
        assert_eq!(words, expected);
    }
}
