//! The editable PNG (issue 19, point 2): `depdig export … -o map.png` carries the whole
//! workspace, and every command that reads a workspace reads it back from the PNG; a PNG without
//! it, or with a damaged or newer one, gets a clear message and changes nothing.

use std::path::{Path, PathBuf};

use depdig::io::png_workspace::{self, KEYWORD, PngProblem};
use depdig::io::{LoadError, load_file, save_file, to_ron_string};

use crate::cli_common::{depdig, sample, stderr, stdout};

const SAMPLES: [&str; 4] = [
    "ecommerce-cascade.ron",
    "manufacturing-erp.ron",
    "trading-after.ron",
    "trading-before.ron",
];

fn export(from: &Path, to: &Path, extra: &[&str]) {
    let mut args = vec!["export", from.to_str().unwrap(), "-o", to.to_str().unwrap()];
    args.extend_from_slice(extra);
    let out = depdig(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// The `iTXt` keywords a PNG carries (read with the png crate, not with depdig's reader).
fn itxt_keywords(png: &[u8]) -> Vec<String> {
    let reader = png::Decoder::new(std::io::Cursor::new(png))
        .read_info()
        .unwrap();
    reader
        .info()
        .utf8_text
        .iter()
        .map(|c| c.keyword.clone())
        .collect()
}

/// A 4×4 PNG carrying `text` as its workspace.
fn png_carrying(text: &str) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, 4, 4);
        enc.set_color(png::ColorType::Rgba);
        let mut w = enc.write_header().unwrap();
        let mut chunk = png::text_metadata::ITXtChunk::new(KEYWORD, text);
        chunk.compressed = true;
        w.write_text_chunk(&chunk).unwrap();
        w.write_image_data(&[200u8; 64]).unwrap();
        w.finish().unwrap();
    }
    out
}

#[test]
fn every_sample_comes_back_whole_from_its_png_export() {
    let dir = tempfile::tempdir().unwrap();
    for name in SAMPLES {
        let png = dir.path().join(name.replace(".ron", ".png"));
        export(&sample(name), &png, &[]);
        let (want, _) = load_file(&sample(name)).unwrap();
        let (got, _) = load_file(&png).unwrap();
        assert_eq!(got, want, "{name}");
        // Exactly what a save writes.
        let bytes = std::fs::read(&png).unwrap();
        assert_eq!(
            png_workspace::workspace_text(&bytes).unwrap(),
            to_ron_string(&want).unwrap(),
            "{name}"
        );
        assert_eq!(itxt_keywords(&bytes), vec![KEYWORD.to_owned()], "{name}");
    }
}

#[test]
fn a_view_scenario_or_phase_export_still_carries_the_whole_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let from = sample("trading-before.ron");
    let (want, _) = load_file(&from).unwrap();
    for (file, extra) in [
        (
            "target.png",
            &["--scenario", "queue-decoupling", "--show", "target"][..],
        ),
        ("view.png", &["--view", "contention"][..]),
        ("phase.png", &["--phase", "queue-first"][..]),
    ] {
        let png = dir.path().join(file);
        export(&from, &png, extra);
        let (got, _) = load_file(&png).unwrap();
        assert_eq!(got, want, "{file}");
        // Still deterministic: the same export twice gives the same bytes.
        let again = dir.path().join(format!("again-{file}"));
        export(&from, &again, extra);
        assert_eq!(
            std::fs::read(&again).unwrap(),
            std::fs::read(&png).unwrap(),
            "{file}"
        );
    }
}

#[test]
fn no_embed_leaves_the_chunk_out_and_the_pixels_alone() {
    let dir = tempfile::tempdir().unwrap();
    let from = sample("ecommerce-cascade.ron");
    let plain = dir.path().join("plain.png");
    let editable = dir.path().join("editable.png");
    export(&from, &plain, &["--no-embed", "--width", "640"]);
    export(&from, &editable, &["--width", "640"]);
    let plain_bytes = std::fs::read(&plain).unwrap();
    assert!(itxt_keywords(&plain_bytes).is_empty());
    assert!(!plain_bytes.windows(6).any(|w| w == b"depdig"));
    let a = image::load_from_memory(&plain_bytes).unwrap().to_rgba8();
    let b = image::open(&editable).unwrap().to_rgba8();
    assert_eq!(a, b, "the chunk changes no pixel");
    let check = depdig(&["check", plain.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(1));
    assert!(
        stderr(&check).contains("plain.png: this PNG carries no depdig workspace"),
        "{}",
        stderr(&check)
    );
}

#[test]
fn a_png_re_saved_by_an_image_tool_gets_the_message_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("map.png");
    export(&sample("trading-after.ron"), &png, &["--width", "640"]);
    // What an image editor does: decode the pixels, encode them again (text chunks dropped).
    let resaved = dir.path().join("resaved.png");
    image::open(&png).unwrap().save(&resaved).unwrap();
    match load_file(&resaved) {
        Err(LoadError::Png { path, problem }) => {
            assert_eq!(path, resaved);
            assert_eq!(problem, PngProblem::NoWorkspace);
        }
        other => panic!("{other:?}"),
    }
    let out = dir.path().join("again.svg");
    let run = depdig(&[
        "export",
        resaved.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(1));
    let err = stderr(&run);
    assert!(
        err.contains(
            "resaved.png: this PNG carries no depdig workspace (it was probably re-saved by an \
             image editor"
        ) && err.contains("export it again from depdig, or open the .ron"),
        "{err}"
    );
    assert!(!out.exists());
}

#[test]
fn check_analyze_report_and_diff_read_a_png() {
    let dir = tempfile::tempdir().unwrap();
    let ron = sample("ecommerce-cascade.ron");
    let png = dir.path().join("map.png");
    export(&ron, &png, &["--width", "640"]);
    let (r, p) = (ron.to_str().unwrap(), png.to_str().unwrap());
    // The same output as from the .ron, but for the file name.
    for cmd in [
        &["check"][..],
        &["analyze"][..],
        &["analyze", "--format", "json"][..],
        &["report"][..],
    ] {
        let from_ron = depdig(&[cmd, &[r]].concat());
        let from_png = depdig(&[cmd, &[p]].concat());
        assert_eq!(
            from_png.status.code(),
            Some(0),
            "{cmd:?}: {}",
            stderr(&from_png)
        );
        assert_eq!(
            stdout(&from_png).replace(p, "FILE"),
            stdout(&from_ron).replace(r, "FILE"),
            "{cmd:?}"
        );
    }
    let diff = depdig(&["diff", r, p]);
    assert_eq!(diff.status.code(), Some(0), "{}", stdout(&diff));
    let check = depdig(&["check", p]);
    assert!(
        stdout(&check).starts_with(&format!("{p}: 19 systems")),
        "{}",
        stdout(&check)
    );
}

#[test]
fn merge_reads_pngs_but_writes_only_ron() {
    let dir = tempfile::tempdir().unwrap();
    let ron = sample("manufacturing-erp.ron");
    let png = dir.path().join("map.png");
    export(&ron, &png, &["--width", "640"]);
    let out = dir.path().join("merged.ron");
    let (r, p) = (ron.to_str().unwrap(), png.to_str().unwrap());
    let merge = depdig(&["merge", r, p, r, "-o", out.to_str().unwrap()]);
    assert_eq!(merge.status.code(), Some(0), "{}", stderr(&merge));
    assert_eq!(load_file(&out).unwrap().0, load_file(&ron).unwrap().0);
    // Asked to write the merge over a PNG: refused, the PNG unchanged.
    let before = std::fs::read(&png).unwrap();
    let over = depdig(&["merge", r, r, r, "-o", p]);
    assert_ne!(over.status.code(), Some(0));
    assert!(
        stderr(&over).contains("is a PNG picture"),
        "{}",
        stderr(&over)
    );
    assert_eq!(std::fs::read(&png).unwrap(), before);
}

#[test]
fn nothing_writes_workspace_text_over_a_png() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("map.png");
    export(&sample("manufacturing-erp.ron"), &png, &["--width", "640"]);
    let before = std::fs::read(&png).unwrap();
    // `layout --write` saves the laid-out workspace where it is told.
    let p = png.to_str().unwrap();
    let layout = depdig(&["layout", p, "--ticks", "5", "--write", p]);
    assert_ne!(layout.status.code(), Some(0));
    assert!(
        stderr(&layout).contains("is a PNG picture"),
        "{}",
        stderr(&layout)
    );
    assert_eq!(std::fs::read(&png).unwrap(), before);
    // Nor is a new file named .png written as text.
    let (ws, _) = load_file(&png).unwrap();
    let fresh: PathBuf = dir.path().join("NEW.PNG");
    let e = save_file(&ws, &fresh).unwrap_err();
    assert_eq!(e.kind(), std::io::ErrorKind::InvalidInput);
    assert!(!fresh.exists());
    // A PNG under another name is recognised by its bytes, for reading and for refusing.
    let renamed = dir.path().join("map.ron");
    std::fs::copy(&png, &renamed).unwrap();
    assert_eq!(load_file(&renamed).unwrap().0, ws);
    assert!(save_file(&ws, &renamed).is_err());
    assert_eq!(std::fs::read(&renamed).unwrap(), before);
}

#[test]
fn a_newer_damaged_or_cut_short_png_says_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(sample("ecommerce-cascade.ron")).unwrap();
    assert!(text.starts_with("(\n  version: 2,"), "{}", &text[..40]);
    let newer = dir.path().join("newer.png");
    std::fs::write(
        &newer,
        png_carrying(&text.replacen("version: 2", "version: 7", 1)),
    )
    .unwrap();
    let run = depdig(&["check", newer.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(1));
    let msg = format!(
        "{} (its workspace):2:12: this file is format version 7",
        newer.display()
    );
    assert!(stderr(&run).contains(&msg), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("Update depdig to open it"),
        "{}",
        stderr(&run)
    );

    let good = png_carrying(&text);
    assert_eq!(png_workspace::workspace_text(&good).unwrap(), text);
    let at = good.windows(7).position(|w| w == b"depdig\0").unwrap();
    let mut damaged = good.clone();
    damaged[at + 20] ^= 0xff;
    let damaged_path = dir.path().join("damaged.png");
    std::fs::write(&damaged_path, &damaged).unwrap();
    let run = depdig(&["check", damaged_path.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stderr(&run).contains("damaged.png: the depdig workspace in this PNG is damaged"),
        "{}",
        stderr(&run)
    );

    let cut = dir.path().join("cut.png");
    std::fs::write(&cut, &good[..at + 40]).unwrap();
    let run = depdig(&["check", cut.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stderr(&run).contains("cut.png: this PNG is damaged or cut short"),
        "{}",
        stderr(&run)
    );
}

#[test]
fn check_reads_a_png_through_a_pipe() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("map.png");
    export(&sample("trading-after.ron"), &png, &["--width", "640"]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_depdig"))
        .args(["check", "/dev/stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let bytes = std::fs::read(&png).unwrap();
    // The reader may stop at the image data and close the pipe: a broken pipe is fine.
    let _ = child.stdin.take().unwrap().write_all(&bytes);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let from_ron = depdig(&["check", sample("trading-after.ron").to_str().unwrap()]);
    let summary = |s: String| {
        s.lines()
            .next()
            .unwrap_or("")
            .split_once(": ")
            .map(|(_, r)| r.to_owned())
    };
    assert_eq!(summary(stdout(&out)), summary(stdout(&from_ron)));
}
