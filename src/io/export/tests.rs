use std::collections::BTreeSet;

use resvg::tiny_skia::Pixmap;

use super::*;
use crate::model::{CanvasPos, Dependency, System, SystemKind};
use crate::picture::Picture;
use crate::picture::legend::READING_RULE;

fn tiny() -> Workspace {
    let mut ws = Workspace::new("Tiny & <odd> \"title\"");
    let kinds = [
        ("shop", "Web shop", SystemKind::Ui),
        ("orders", "Orders", SystemKind::Service),
        ("db", "Orders database", SystemKind::Database),
        ("bus", "Order events", SystemKind::Queue),
    ];
    for (i, (id, name, kind)) in kinds.into_iter().enumerate() {
        let mut s = System::new(id, name).with_kind(kind);
        s.pos = Some(CanvasPos::new(i as f32 * 200.0, (i % 2) as f32 * 120.0));
        ws.systems.insert(id.into(), s);
    }
    for (f, t, k) in [
        ("shop", "orders", DependencyType::Sync),
        ("shop", "orders", DependencyType::BusinessProcess),
        ("orders", "db", DependencyType::Data),
        ("orders", "bus", DependencyType::Async),
    ] {
        let mut d = Dependency::new(f, t, k);
        d.label = "places".into();
        d.protocol = "HTTP".into();
        d.circuit_breaker = k == DependencyType::Sync;
        ws.dependencies.insert(d.id(), d);
    }
    ws
}

fn samples() -> Vec<(&'static str, Workspace)> {
    [
        "ecommerce-cascade.ron",
        "manufacturing-erp.ron",
        "trading-before.ron",
        "trading-after.ron",
    ]
    .into_iter()
    .map(|name| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("samples")
            .join(name);
        let (ws, _) = crate::io::load_file(&path).unwrap();
        (name, ws)
    })
    .collect()
}

/// Calls `f` with each sample's picture at a 1920×1080 slide, in the light theme then the
/// projector's.
fn each_sample_picture(mut f: impl FnMut(&str, &Workspace, &ExportOptions, &Picture<'_>)) {
    for theme in [Theme::get(ThemeName::Light), Theme::projector()] {
        let opts = ExportOptions {
            theme,
            ..ExportOptions::default()
        };
        for (name, ws) in samples() {
            let scene = Scene::new(&ws, &opts).unwrap();
            let pic = Picture::new(&scene, &opts).unwrap();
            f(name, &ws, &opts, &pic);
        }
    }
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

#[test]
fn one_group_per_system_and_dependency_and_legend_entries_per_type() {
    let ws = tiny();
    let svg = export_svg(&ws, &ExportOptions::default()).unwrap();
    assert_eq!(count(&svg, "<g class=\"system\""), 4);
    assert_eq!(count(&svg, "<g class=\"dependency\""), 4);
    // Four types drawn, plus the circuit breaker.
    assert_eq!(count(&svg, "<g class=\"legend-entry\""), 5);
    assert!(svg.contains("data-type=\"circuit-breaker\" data-count=\"1\""));
    assert!(svg.contains(READING_RULE));
    assert!(svg.contains("Tiny &amp; &lt;odd&gt; &quot;title&quot;"));
    assert!(svg.contains("@font-face{font-family:'DejaVu Sans'"));
    assert!(svg.contains("font-family=\"'DejaVu Sans', 'Verdana', sans-serif\""));
    // The parallel sync and business-process dependencies are fanned into curves.
    assert_eq!(count(&svg, " Q"), 2, "{svg}");
}

#[test]
fn hidden_types_and_systems_are_left_out() {
    let ws = tiny();
    let opts = ExportOptions {
        hidden_types: BTreeSet::from([DependencyType::Sync]),
        hidden_systems: BTreeSet::from(["bus".to_owned()]),
        ..ExportOptions::default()
    };
    let svg = export_svg(&ws, &opts).unwrap();
    assert_eq!(count(&svg, "<g class=\"system\""), 3);
    assert!(!svg.contains("data-id=\"bus\""));
    assert_eq!(count(&svg, "<g class=\"dependency\""), 2);
    assert!(!svg.contains("data-type=\"sync\""));
    assert!(!svg.contains("data-type=\"circuit-breaker\""));
    // The one left is no longer fanned.
    assert_eq!(count(&svg, " Q"), 0);
    let everything = opts
        .hidden_systems
        .iter()
        .cloned()
        .chain(ws.systems.keys().cloned());
    let none = ExportOptions {
        hidden_systems: everything.collect(),
        ..ExportOptions::default()
    };
    assert!(matches!(export_svg(&ws, &none), Err(ExportError::Empty)));
}

#[test]
fn empty_workspace_is_an_error() {
    let err = export_png(&Workspace::new("x"), &ExportOptions::default()).unwrap_err();
    assert!(err.to_string().contains("no systems"), "{err}");
}

#[test]
fn names_fit_their_boxes_and_boxes_do_not_overlap() {
    each_sample_picture(|name, ws, opts, pic| {
        assert_eq!(pic.systems.len(), ws.systems.len());
        for s in &pic.systems {
            assert!(
                s.label.rect.min[0] >= s.rect.min[0] && s.label.rect.max[0] <= s.rect.max[0],
                "{name}: label of {} sticks out",
                s.id
            );
        }
        for (i, a) in pic.systems.iter().enumerate() {
            for b in &pic.systems[i + 1..] {
                assert!(!a.rect.intersects(&b.rect), "{name}: {} and {}", a.id, b.id);
            }
        }
        // Labels are at least the theme's size on a 1920×1080 slide.
        let px = pic.zoom * opts.theme.label_px;
        assert!(
            px >= opts.theme.min_label_px * 0.75,
            "{name}: labels {px} px"
        );
    });
}

#[test]
fn workspace_without_positions_is_laid_out_deterministically() {
    let mut ws = tiny();
    for s in ws.systems.values_mut() {
        s.pos = None;
    }
    let before = ws.clone();
    let a = export_svg(&ws, &ExportOptions::default()).unwrap();
    let b = export_svg(&ws, &ExportOptions::default()).unwrap();
    assert_eq!(a, b);
    assert_eq!(ws, before);
    let scene = Scene::new(&ws, &ExportOptions::default()).unwrap();
    let distinct: BTreeSet<(i64, i64)> = scene
        .positions
        .values()
        .map(|p| (p[0] as i64, p[1] as i64))
        .collect();
    assert_eq!(distinct.len(), 4);
}

#[test]
fn sizes_follow_scale_width_and_fit() {
    let ws = tiny();
    let size = |opts: ExportOptions| image_size(&ws, &opts).map(|s| (s.width, s.height));
    assert_eq!(size(ExportOptions::default()).unwrap(), (1920, 1080));
    let scale3 = ExportOptions {
        scale: 3,
        ..ExportOptions::default()
    };
    assert_eq!(size(scale3).unwrap(), (5760, 3240));
    let width = ExportOptions {
        width_px: Some(1000),
        scale: 4,
        ..ExportOptions::default()
    };
    assert_eq!(size(width).unwrap(), (1000, 563));
    let content = ExportOptions {
        fit: Fit::Content,
        ..ExportOptions::default()
    };
    let (w, h) = size(content).unwrap();
    assert!(
        (w == 1920 && h < 1080) || (h == 1080 && w < 1920),
        "{w}×{h}"
    );
    let huge = ExportOptions {
        width_px: Some(100_000),
        ..ExportOptions::default()
    };
    let err = size(huge).unwrap_err().to_string();
    assert!(err.contains("at most 16384 px"), "{err}");
    let zero = ExportOptions {
        width_px: Some(0),
        ..ExportOptions::default()
    };
    assert!(matches!(size(zero), Err(ExportError::ZeroSize { .. })));
}

#[test]
fn png_is_deterministic_with_theme_background_or_transparent() {
    let ws = tiny();
    let dark = ExportOptions {
        theme: Theme::get(ThemeName::Dark),
        width_px: Some(640),
        ..ExportOptions::default()
    };
    let a = export_png(&ws, &dark).unwrap();
    assert_eq!(a, export_png(&ws, &dark).unwrap());
    let pix = Pixmap::decode_png(&a).unwrap();
    assert_eq!((pix.width(), pix.height()), (640, 360));
    let corner = pix.pixel(0, 0).unwrap();
    let bg = dark.theme.canvas_bg;
    assert_eq!(
        [corner.red(), corner.green(), corner.blue(), corner.alpha()],
        bg
    );
    // Text is drawn: the title's row has pixels of the text colour's brightness.
    let transparent = ExportOptions {
        transparent: true,
        ..dark
    };
    let pix = Pixmap::decode_png(&export_png(&ws, &transparent).unwrap()).unwrap();
    assert_eq!(pix.pixel(0, 0).unwrap().alpha(), 0);
    let opaque = pix.pixels().iter().filter(|p| p.alpha() > 0).count();
    assert!(opaque > 1000, "something is drawn: {opaque} pixels");
}

#[test]
fn the_file_svg_renders_with_resvg_too() {
    // A file SVG carries a megabyte of @font-face; resvg must still read it.
    let svg = export_svg(&tiny(), &ExportOptions::default()).unwrap();
    let png = png::render(&svg, [480, 270], None).unwrap();
    let pix = Pixmap::decode_png(&png).unwrap();
    assert_eq!((pix.width(), pix.height()), (480, 270));
}

#[test]
fn unknown_extension_and_unwritable_path_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let ws = tiny();
    let bad = dir.path().join("map.jpg");
    let err = export_to_path(&ws, &bad, &ExportOptions::default()).unwrap_err();
    assert!(err.to_string().contains(".png, .svg or .html"), "{err}");
    assert!(!bad.exists());
    let missing = dir.path().join("no-such-dir").join("map.png");
    let err = export_to_path(&ws, &missing, &ExportOptions::default()).unwrap_err();
    assert!(err.to_string().contains("cannot write"), "{err}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    let ok = dir.path().join("MAP.SVG");
    assert_eq!(
        export_to_path(&ws, &ok, &ExportOptions::default()).unwrap(),
        (1920, 1080)
    );
}

#[test]
fn csv_round_trips_through_the_import() {
    let dir = tempfile::tempdir().unwrap();
    for (name, ws) in samples() {
        let nodes = dir.path().join("n.csv");
        let edges = dir.path().join("e.csv");
        export_csv(&ws, Some(&nodes), Some(&edges)).unwrap();
        let (back, summary) =
            crate::io::csv_import::import_new(&ws.title, Some(&nodes), Some(&edges)).unwrap();
        assert!(
            summary.warnings.is_empty(),
            "{name}: {:?}",
            summary.warnings
        );
        assert_eq!(back.systems.len(), ws.systems.len());
        for (id, s) in &ws.systems {
            let b = &back.systems[id];
            assert_eq!(
                (&b.name, b.kind, &b.tech, &b.owner, &b.group, b.criticality),
                (&s.name, s.kind, &s.tech, &s.owner, &s.group, s.criticality),
                "{name}: {id}"
            );
            assert_eq!(b.description, s.description.trim(), "{name}: {id}");
        }
        assert_eq!(
            back.dependencies.keys().collect::<Vec<_>>(),
            ws.dependencies.keys().collect::<Vec<_>>()
        );
        for (id, d) in &ws.dependencies {
            let b = &back.dependencies[id];
            assert_eq!(
                (&b.label, &b.protocol, &b.notes, b.async_role()),
                (&d.label, &d.protocol, &d.notes, d.async_role()),
                "{name}: {id}"
            );
        }
        // Merging the unchanged export back into the workspace changes nothing.
        let mut same = ws.clone();
        crate::io::csv_import::import_into(&mut same, Some(&nodes), Some(&edges)).unwrap();
        assert_eq!(same, ws, "{name}");
    }
}

#[test]
fn csv_pair_is_not_half_written() {
    let dir = tempfile::tempdir().unwrap();
    let nodes = dir.path().join("n.csv");
    let edges = dir.path().join("missing").join("e.csv");
    assert!(export_csv(&tiny(), Some(&nodes), Some(&edges)).is_err());
    assert!(!nodes.exists());
}

#[test]
fn odd_input_does_not_panic() {
    let mut ws = Workspace::new("");
    let mut a = System::new("a", "");
    a.pos = Some(CanvasPos::new(f32::NAN, 1.0));
    ws.systems.insert("a".into(), a);
    let mut b = System::new("b", "\u{1}\n\t<&>".repeat(50));
    b.pos = Some(CanvasPos::new(3.0e38, -3.0e38));
    ws.systems.insert("b".into(), b);
    let mut c = System::new("c", "支払い ✓");
    c.pos = Some(CanvasPos::new(3.0e38, -3.0e38));
    ws.systems.insert("c".into(), c);
    let d = Dependency::new("a", "b", DependencyType::Sync);
    ws.dependencies.insert(d.id(), d);
    let loop_ = Dependency::new("c", "c", DependencyType::Data);
    ws.dependencies.insert(loop_.id(), loop_);
    let dangling = Dependency::new("c", "nowhere", DependencyType::Data);
    ws.dependencies.insert(dangling.id(), dangling);
    for fit in [Fit::Slide, Fit::Content] {
        let opts = ExportOptions {
            fit,
            width_px: Some(320),
            edge_labels: true,
            ..ExportOptions::default()
        };
        let _ = export_svg(&ws, &opts).unwrap();
        let _ = export_png(&ws, &opts);
    }
}

#[test]
fn dimmed_highlighted_and_scenario_marks_are_drawn() {
    let ws = tiny();
    let ids = |list: &[&str]| {
        list.iter()
            .map(|s| (*s).to_owned())
            .collect::<BTreeSet<_>>()
    };
    let opts = ExportOptions {
        dimmed: ids(&["db", "orders->db:data"]),
        highlighted: ids(&["shop", "shop->orders:sync"]),
        ..ExportOptions::default()
    };
    let svg = export_svg(&ws, &opts).unwrap();
    assert_eq!(
        count(&svg, "data-dimmed=\"true\" opacity=\"0.18\""),
        2,
        "{svg}"
    );
    assert_eq!(count(&svg, "data-highlighted=\"true\""), 2);
    assert_eq!(count(&svg, "<path class=\"highlight\""), 1);
    assert!(!svg.contains("in scenario"));

    let theme = Theme::get(ThemeName::Projector);
    let opts = ExportOptions {
        scenario: Some(crate::model::ScenarioDiff {
            added: ids(&["bus", "orders->bus:async"]),
            removed: ids(&["db", "orders->db:data"]),
        }),
        theme: theme.clone(),
        ..ExportOptions::default()
    };
    let svg = export_svg(&ws, &opts).unwrap();
    assert_eq!(count(&svg, "data-change=\"added\""), 2);
    assert_eq!(count(&svg, "data-change=\"removed\""), 2);
    assert_eq!(count(&svg, "class=\"strike\""), 1);
    assert_eq!(count(&svg, "class=\"cross\""), 1);
    assert!(svg.contains(">Added in scenario (2)</text>"), "{svg}");
    assert!(svg.contains(">Removed in scenario (2)</text>"));
    let added = svg::Color(theme.added).to_string();
    assert!(svg.contains(&format!("stroke=\"{added}\"")));
    // The PNG renders it.
    assert!(export_png(&ws, &opts).is_ok());
}

#[test]
fn the_clipboard_image_is_the_png_exports_pixels() {
    for (name, ws, transparent) in [
        ("tiny", tiny(), false),
        ("tiny transparent", tiny(), true),
        ("dark", tiny(), false),
    ] {
        let opts = ExportOptions {
            transparent,
            theme: if name == "dark" {
                Theme::get(ThemeName::Dark)
            } else {
                Theme::get(ThemeName::Light)
            },
            ..ExportOptions::default()
        };
        let (w, h, rgba) = export_clipboard_rgba(&ws, &opts).unwrap();
        assert_eq!((w, h), (1920, 1080), "{name}");
        let png = image::load_from_memory_with_format(
            &export_png(&ws, &opts).unwrap(),
            image::ImageFormat::Png,
        )
        .unwrap()
        .into_rgba8();
        assert_eq!((png.width(), png.height()), (w, h), "{name}");
        assert!(
            png.as_raw() == &rgba,
            "{name}: pixels differ from the PNG export"
        );
        // Not a blank picture: the map is drawn.
        let distinct: BTreeSet<&[u8]> = rgba.chunks(4).take(2_000_000).collect();
        assert!(distinct.len() > 10, "{name}: {} colours", distinct.len());
    }
    assert!(matches!(
        export_clipboard_rgba(&Workspace::new("empty"), &ExportOptions::default()),
        Err(ExportError::Empty)
    ));
}

/// A legend laid across a title band keeps every part (header, entries with their samples,
/// reading rule) inside its box and apart from the others, in one line when the band is wide
/// enough and in lines no wider than the band when it is not.
#[test]
fn a_legend_across_the_title_band_keeps_its_parts_apart_and_inside() {
    let ws = tiny();
    let opts = ExportOptions::default();
    let scene = Scene::new(&ws, &opts).unwrap();
    let parts = |l: &crate::picture::legend::Legend| {
        let mut out = vec![l.header.rect, l.rule.rect];
        for e in &l.entries {
            let (a, _) = e.swatch;
            let r = e.text.rect;
            out.push(crate::picture::geometry::Rect {
                min: [a[0], r.min[1].min(a[1])],
                max: [r.max[0], r.max[1].max(a[1])],
            });
        }
        out
    };
    for (width, one_line) in [(4000.0, true), (420.0, false)] {
        let mut l = Picture::new(&scene, &opts).unwrap().legend.unwrap();
        assert_eq!(l.entries.len(), 5);
        l.move_to([100.0, 50.0]);
        l.lay_across(width);
        assert!(l.across);
        assert_eq!(l.rect.min, [100.0, 50.0]);
        assert!(l.rect.width() <= width, "{width}: {:?}", l.rect);
        let parts = parts(&l);
        for (i, p) in parts.iter().enumerate() {
            assert!(
                p.min[0] >= l.rect.min[0]
                    && p.min[1] >= l.rect.min[1]
                    && p.max[0] <= l.rect.max[0]
                    && p.max[1] <= l.rect.max[1],
                "{width}: part {i} {p:?} outside {:?}",
                l.rect
            );
            for q in &parts[i + 1..] {
                assert!(!p.intersects(q), "{width}: {p:?} meets {q:?}");
            }
        }
        let lines: BTreeSet<i32> = parts.iter().map(|p| p.center()[1] as i32).collect();
        assert_eq!(lines.len() == 1, one_line, "{width}: {lines:?}");
    }
}

/// A dependency's debt badge sat beside the middle of its line wherever that was: on a
/// short line between two boxes it covered both (seen on the canvas, which draws the same
/// picture). It now keeps off every box and every badge placed before it, on the samples in
/// both themes.
#[test]
fn a_dependency_s_badge_keeps_off_boxes_and_other_badges() {
    let mut faults = Vec::new();
    each_sample_picture(|name, _, _, pic| {
        let systems: std::collections::BTreeSet<&str> = pic.systems.iter().map(|s| s.id).collect();
        for (k, b) in pic.badges.iter().enumerate() {
            if systems.contains(b.id) {
                continue;
            }
            let r = b.rect();
            for s in pic.systems.iter().filter(|s| s.rect.intersects(&r)) {
                faults.push(format!("{name}: {}'s badge on {}", b.id, s.id));
            }
            for o in pic.badges[..k].iter().filter(|o| o.rect().intersects(&r)) {
                faults.push(format!("{name}: {}'s badge on {}'s", b.id, o.id));
            }
        }
    });
    assert!(faults.is_empty(), "{faults:#?}");
}
