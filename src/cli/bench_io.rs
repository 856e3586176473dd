//! `depdig bench-io FILE.ron`: load/validate/save timings beside reference runs in the same
//! process (a generic RON parse of the same text; a plain write of the same bytes), so the
//! figures are read as ratios, not as absolute times on an unknown machine.

use std::convert::Infallible;
use std::num::NonZeroUsize;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use crate::io::{load_file, save_file, to_ron_string, write_atomic};
use crate::model::{Workspace, validate};

/// The median time of `runs` calls of `f` in milliseconds, or the first error it returns
/// (a failure is reported, never timed). Each result goes through `black_box`, so the work is
/// not optimised away.
fn median_ms<T, E>(runs: NonZeroUsize, mut f: impl FnMut() -> Result<T, E>) -> Result<f64, E> {
    let mut times = Vec::with_capacity(runs.get());
    for _ in 0..runs.get() {
        let t = Instant::now();
        std::hint::black_box(f()?);
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    Ok(times.get(times.len() / 2).copied().unwrap_or(0.0))
}

/// Times one step, or prints what failed and returns the exit code.
fn timed<T, E: std::fmt::Display>(
    what: &str,
    runs: NonZeroUsize,
    f: impl FnMut() -> Result<T, E>,
) -> Result<f64, ExitCode> {
    median_ms(runs, f).map_err(|e| {
        say!("bench-io: {what} failed while timing: {e}");
        ExitCode::FAILURE
    })
}

pub fn run(path: &Path, runs: NonZeroUsize) -> ExitCode {
    match bench(path, runs) {
        Ok(report) => {
            outln!("{report}");
            ExitCode::SUCCESS
        }
        Err(code) => code,
    }
}

/// The report's lines, or the exit code after a failure was reported.
fn bench(path: &Path, runs: NonZeroUsize) -> Result<String, ExitCode> {
    let (ws, _) = load_file(path).map_err(|e| {
        say!("{e}");
        ExitCode::FAILURE
    })?;
    let text = std::fs::read_to_string(path).map_err(|e| {
        say!("{}: {e}", path.display());
        ExitCode::FAILURE
    })?;
    let dir = tempdir().map_err(|e| {
        say!("cannot create a scratch directory: {e}");
        ExitCode::FAILURE
    })?;
    let timings = time_all(path, &ws, &text, &dir, runs);
    if let Err(e) = std::fs::remove_dir_all(&dir) {
        say!(
            "bench-io: cannot remove the scratch directory {}: {e}",
            dir.display()
        );
    }
    let Timings {
        load,
        validate_ms,
        parse_ref,
        serialize,
        save,
        write_ref,
    } = timings?;

    let c = ws.counts();
    let mut lines = Vec::new();
    lines.push(format!(
        "{}: {:.1} MB, {} systems, {} dependencies; median of {runs} runs",
        path.display(),
        text.len() as f64 / 1e6,
        c.systems,
        c.dependencies
    ));
    lines.push(format!(
        "reference  parse as ron::Value   {parse_ref:8.1} ms"
    ));
    lines.push(format!(
        "reference  atomic write of bytes {write_ref:8.1} ms"
    ));
    lines.push(format!(
        "load+validate                    {load:8.1} ms  ({:.2}x the generic parse)",
        load / parse_ref
    ));
    lines.push(format!(
        "  of which validate              {validate_ms:8.1} ms"
    ));
    lines.push(format!(
        "save                             {save:8.1} ms  ({:.2}x the plain write)",
        save / write_ref
    ));
    lines.push(format!(
        "  of which serialize             {serialize:8.1} ms"
    ));
    lines.push(format!(
        "load_ms={load:.1} save_ms={save:.1} parse_ref_ms={parse_ref:.1} write_ref_ms={write_ref:.1}"
    ));
    Ok(lines.join("\n"))
}

/// Median milliseconds of each step.
struct Timings {
    load: f64,
    validate_ms: f64,
    parse_ref: f64,
    serialize: f64,
    save: f64,
    write_ref: f64,
}

/// Times every step in `dir`; the first failure is printed and ends the benchmark.
fn time_all(
    path: &Path,
    ws: &Workspace,
    text: &str,
    dir: &Path,
    runs: NonZeroUsize,
) -> Result<Timings, ExitCode> {
    let out = dir.join("bench.ron");
    let raw = dir.join("raw.ron");
    Ok(Timings {
        load: timed("load", runs, || load_file(path))?,
        // Problems are findings about the document, not a failure of the run.
        validate_ms: timed("validate", runs, || Ok::<_, Infallible>(validate(ws)))?,
        parse_ref: timed("the reference parse", runs, || {
            ron::from_str::<ron::Value>(text)
        })?,
        serialize: timed("serialize", runs, || to_ron_string(ws))?,
        save: timed("save", runs, || save_file(ws, &out))?,
        write_ref: timed("the reference write", runs, || {
            write_atomic(&raw, text.as_bytes())
        })?,
    })
}

fn tempdir() -> std::io::Result<std::path::PathBuf> {
    let dir = std::env::temp_dir().join(format!("depdig-bench-io-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_is_returned_not_timed() {
        let runs = NonZeroUsize::new(5).unwrap_or(NonZeroUsize::MIN);
        let mut calls = 0;
        let result = median_ms(runs, || {
            calls += 1;
            if calls == 3 {
                Err("third run failed")
            } else {
                Ok(calls)
            }
        });
        assert_eq!(result, Err("third run failed"));
        assert_eq!(calls, 3, "the runs stop at the first failure");
        let ok = median_ms(runs, || Ok::<_, Infallible>(()));
        assert!(ok.is_ok_and(|ms| ms.is_finite() && ms >= 0.0));
    }
}
