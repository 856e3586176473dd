#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failing test may panic"
)]
//! The benchmark subcommands: a count of zero is a usage error, and a failure while timing is
//! reported instead of timed.

use std::io::Write as _;
use std::process::{Command, Stdio};

use crate::cli_common::{depdig, sample, stderr, stdout};

#[test]
fn a_count_of_zero_is_a_usage_error() {
    // `bench-frames --frames 0` printed a median of nothing; `bench-io --runs 0` ran once.
    let file = sample("trading-before.ron");
    let file = file.to_str().unwrap();
    for (command, flag) in [("bench-frames", "--frames"), ("bench-io", "--runs")] {
        let out = depdig(&[command, file, flag, "0"]);
        assert_eq!(out.status.code(), Some(2), "{command}: {}", stdout(&out));
        assert!(stdout(&out).is_empty(), "{command}: {}", stdout(&out));
        let err = stderr(&out);
        assert!(
            err.contains(flag) && err.contains("at least 1"),
            "{command}: {err}"
        );
    }
    let out = depdig(&["bench-io", file, "--runs", "1"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("median of 1 runs"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn bench_io_reports_a_load_that_fails_while_timing() {
    // The workspace comes through a pipe: the first load reads it, the timed loads find the
    // pipe empty and fail. The failures used to be timed and reported as a load time.
    let text = std::fs::read(sample("trading-before.ron")).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_depdig"))
        .args(["bench-io", "/dev/stdin", "--runs", "3"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&text).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(!stdout(&out).contains("load_ms="), "{}", stdout(&out));
    let err = stderr(&out);
    assert!(err.contains("bench-io: load failed while timing"), "{err}");
    assert!(err.contains("/dev/stdin"), "{err}");
}
