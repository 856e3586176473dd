//! The backdrop photo: its placement saved, loaded and undone; missing, corrupt and EXIF-rotated
//! images.

use std::path::Path;

use depdig::document::Document;
use depdig::io::backdrop::{self, BackdropError};
use depdig::io::{load_file, load_str, save_file, to_ron_string};
use depdig::model::{Backdrop, CanvasPos, System, Workspace};
use depdig::ops::Op;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/backdrop");

fn placed() -> Backdrop {
    Backdrop {
        path: "photos/whiteboard.jpg".into(),
        offset: CanvasPos::new(-120.5, 40.0),
        scale: 0.75,
        quarter_turns: 3,
        opacity: 0.35,
        locked: true,
        presenting: false,
    }
}

#[test]
fn placement_round_trips_through_save_and_load() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("map.ron");
    let mut ws = Workspace::new("Whiteboard");
    ws.systems.insert("a".into(), System::new("a", "Orders"));
    ws.backdrop = Some(placed());
    save_file(&ws, &path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("path: \"photos/whiteboard.jpg\""), "{text}");
    assert!(text.contains("quarter_turns: 3"), "{text}");
    let (back, problems) = load_file(&path).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(back.backdrop, Some(placed()));
    assert_eq!(back, ws);
    // Without a backdrop nothing is written for it.
    ws.backdrop = None;
    assert!(!to_ron_string(&ws).unwrap().contains("backdrop"));
}

#[test]
fn placing_moving_and_removing_are_undoable() {
    let mut doc = Document::new(Workspace::new("W"), None);
    doc.apply(Op::SetBackdrop(Some(placed())), "Place backdrop")
        .unwrap();
    let mut moved = placed();
    moved.offset = CanvasPos::new(0.0, 0.0);
    moved.quarter_turns = 0;
    doc.apply(Op::SetBackdrop(Some(moved.clone())), "Move backdrop")
        .unwrap();
    doc.apply(Op::SetBackdrop(None), "Remove backdrop").unwrap();
    assert_eq!(doc.ws().backdrop, None);
    doc.undo().unwrap();
    assert_eq!(doc.ws().backdrop, Some(moved));
    doc.undo().unwrap();
    assert_eq!(doc.ws().backdrop, Some(placed()));
    doc.undo().unwrap();
    assert_eq!(doc.ws().backdrop, None);
    doc.redo().unwrap();
    assert_eq!(doc.ws().backdrop, Some(placed()));
}

#[test]
fn an_invalid_placement_is_refused_and_changes_nothing() {
    let mut doc = Document::new(Workspace::new("W"), None);
    for bad in [
        Backdrop {
            scale: 0.0,
            ..placed()
        },
        Backdrop {
            opacity: 1.5,
            ..placed()
        },
        Backdrop {
            quarter_turns: 4,
            ..placed()
        },
        Backdrop {
            offset: CanvasPos::new(f32::NAN, 0.0),
            ..placed()
        },
        Backdrop {
            path: " ".into(),
            ..placed()
        },
    ] {
        let err = doc
            .apply(Op::SetBackdrop(Some(bad.clone())), "Bad")
            .unwrap_err();
        assert!(err.to_string().contains("backdrop."), "{err}");
        assert_eq!(doc.ws().backdrop, None, "{bad:?}");
    }
}

#[test]
fn a_bad_backdrop_in_a_file_names_its_line() {
    let text = "(version: 2, title: \"W\",\n backdrop: Some((path: \"a.jpg\",\n  opacity: 3.0)))";
    let err = load_str(text, Path::new("w.ron")).unwrap_err().to_string();
    assert!(err.contains("w.ron"), "{err}");
    assert!(err.contains("opacity"), "{err}");
    let text = "(version: 2, backdrop: Some((path: \"a.jpg\", turns: 1)))";
    let err = load_str(text, Path::new("w.ron")).unwrap_err().to_string();
    assert!(err.contains("w.ron:1:"), "{err}");
    assert!(err.contains("turns"), "{err}");
    // Version 1 has no backdrop.
    let text = "(version: 1, backdrop: Some((path: \"a.jpg\")))";
    let err = load_str(text, Path::new("w.ron")).unwrap_err().to_string();
    assert!(err.contains("backdrop"), "{err}");
}

#[test]
fn an_exif_rotated_photo_decodes_upright() {
    // Stored 40×20 with a red band on the left; Orientation 6 turns it a quarter clockwise:
    // upright it is 20×40 with the band along the top.
    let img = backdrop::load(&Path::new(FIXTURES).join("rotated-exif-6.jpg")).unwrap();
    assert_eq!((img.width, img.height), (20, 40));
    let px = |x: u32, y: u32| {
        let i = ((y * img.width + x) * 4) as usize;
        [img.rgba[i], img.rgba[i + 1], img.rgba[i + 2]]
    };
    for x in [1, 10, 18] {
        let [r, g, b] = px(x, 3);
        assert!(r > 200 && g < 60 && b < 60, "top row at {x}: {r},{g},{b}");
        let [r, g, b] = px(x, 30);
        assert!(
            r > 200 && g > 200 && b > 200,
            "lower part at {x}: {r},{g},{b}"
        );
    }
}

#[test]
fn a_missing_image_is_a_notice_and_a_corrupt_one_an_error() {
    let missing = backdrop::load(&Path::new(FIXTURES).join("not-there.jpg")).unwrap_err();
    assert!(missing.is_missing());
    assert!(missing.to_string().contains("not-there.jpg"), "{missing}");
    let corrupt = backdrop::load(&Path::new(FIXTURES).join("corrupt.jpg")).unwrap_err();
    assert!(matches!(corrupt, BackdropError::Decode { .. }), "{corrupt}");
    assert!(corrupt.to_string().contains("corrupt.jpg"), "{corrupt}");
    let text = backdrop::load(&Path::new(FIXTURES).join("README.md")).unwrap_err();
    assert!(matches!(text, BackdropError::Decode { .. }), "{text}");
    // A workspace whose backdrop is missing still opens.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("map.ron");
    let mut ws = Workspace::new("W");
    ws.backdrop = Some(placed());
    save_file(&ws, &path).unwrap();
    let doc = Document::open(&path).unwrap();
    let stored = &doc.ws().backdrop.as_ref().unwrap().path;
    let err = backdrop::load(&backdrop::resolve(Some(&path), stored)).unwrap_err();
    assert!(err.is_missing(), "{err}");
}

/// The export leaves the photo out unless asked for; `--backdrop` draws it under the map where it
/// is placed, at its opacity, in the SVG (embedded) and the PNG.
#[test]
fn the_export_draws_the_backdrop_only_when_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    // A pure red photo, 200 × 100 px, placed at (0, 0) at 2 canvas units per pixel.
    let photo = image::RgbaImage::from_pixel(200, 100, image::Rgba([255, 0, 0, 255]));
    photo.save(dir.path().join("board.png")).unwrap();
    let mut ws = Workspace::new("Traced");
    for (id, x) in [("shop", 40.0), ("orders", 360.0)] {
        let mut s = System::new(id, id);
        s.pos = Some(CanvasPos::new(x, 20.0));
        ws.systems.insert(id.to_owned(), s);
    }
    let mut b = Backdrop::new("board.png");
    b.scale = 2.0;
    b.opacity = 1.0;
    ws.backdrop = Some(b);
    let file = dir.path().join("traced.ron");
    save_file(&ws, &file).unwrap();
    let run = |extra: &[&str], out: &str| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_depdig"))
            .arg("export")
            .arg(&file)
            .arg("-o")
            .arg(dir.path().join(out))
            .args(extra)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        dir.path().join(out)
    };
    let plain = std::fs::read_to_string(run(&[], "plain.svg")).unwrap();
    assert!(!plain.contains("class=\"backdrop\""));
    let with = std::fs::read_to_string(run(&["--backdrop"], "with.svg")).unwrap();
    assert!(
        with.contains("<image class=\"backdrop\" x=\"0\" y=\"0\" width=\"400\" height=\"200\""),
        "{}",
        &with[..with.len().min(3000)]
    );
    // In the PNG, the middle of the photo's bottom half (no system there) is red with it and
    // the background without it.
    let red = |png: &Path| {
        let img = image::open(png).unwrap().into_rgba8();
        let [r, g, b, _] = img
            .get_pixel(img.width() / 2, img.height() / 2 + img.height() / 10)
            .0;
        r > 200 && g < 60 && b < 60
    };
    assert!(red(&run(
        &["--backdrop", "--no-legend", "--title", ""],
        "with.png"
    )));
    assert!(!red(&run(&["--no-legend", "--title", ""], "plain.png")));
}
