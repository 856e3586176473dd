//! `depdig bench-io FILE.ron`: load/validate/save timings beside reference runs in the same
//! process (a generic RON parse of the same text; a plain write of the same bytes), so the
//! figures are read as ratios, not as absolute times on an unknown machine.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use crate::io::{load_file, save_file, to_ron_string, write_atomic};
use crate::model::validate;

fn median_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs.max(1))
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

pub fn run(path: &Path, runs: usize) -> ExitCode {
    let (ws, _) = match load_file(path) {
        Ok(loaded) => loaded,
        Err(e) => {
            say!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            say!("{}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    };
    let dir = match tempdir() {
        Ok(d) => d,
        Err(e) => {
            say!("cannot create a scratch directory: {e}");
            return ExitCode::FAILURE;
        }
    };
    let out = dir.join("bench.ron");
    let raw = dir.join("raw.ron");

    let load = median_ms(runs, || {
        let _ = load_file(path);
    });
    let validate_ms = median_ms(runs, || {
        let _ = validate(&ws);
    });
    let parse_ref = median_ms(runs, || {
        let _ = ron::from_str::<ron::Value>(&text);
    });
    let serialize = median_ms(runs, || {
        let _ = to_ron_string(&ws);
    });
    let save = median_ms(runs, || {
        let _ = save_file(&ws, &out);
    });
    let write_ref = median_ms(runs, || {
        let _ = write_atomic(&raw, text.as_bytes());
    });
    let _ = std::fs::remove_dir_all(&dir);

    let c = ws.counts();
    outln!(
        "{}: {:.1} MB, {} systems, {} dependencies; median of {runs} runs",
        path.display(),
        text.len() as f64 / 1e6,
        c.systems,
        c.dependencies
    );
    outln!("reference  parse as ron::Value   {parse_ref:8.1} ms");
    outln!("reference  atomic write of bytes {write_ref:8.1} ms");
    outln!(
        "load+validate                    {load:8.1} ms  ({:.2}x the generic parse)",
        load / parse_ref
    );
    outln!("  of which validate              {validate_ms:8.1} ms");
    outln!(
        "save                             {save:8.1} ms  ({:.2}x the plain write)",
        save / write_ref
    );
    outln!("  of which serialize             {serialize:8.1} ms");
    outln!(
        "load_ms={load:.1} save_ms={save:.1} parse_ref_ms={parse_ref:.1} write_ref_ms={write_ref:.1}"
    );
    ExitCode::SUCCESS
}

fn tempdir() -> std::io::Result<std::path::PathBuf> {
    let dir = std::env::temp_dir().join(format!("depdig-bench-io-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}
