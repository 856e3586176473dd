//! Issue 16.1: slides whose names can be read. Measured on the picture the SVG is written from
//! (label size × zoom = output pixels; boxes and the lines as drawn), on generated
//! real-shaped estates and the samples.

use std::path::Path;

use depdig::io::export::{ExportOptions, image_size};
use depdig::model::{Dependency, DependencyType, System, SystemKind, Workspace};
use depdig::picture::{Picture, Scene};
use depdig::theme::{Theme, ThemeName};

/// A microservice estate as real ones are: a gateway calling `services` services, each with its
/// own store, a shared broker most of them publish to, a telemetry sink every service reports
/// to, a chain of `chain` batch steps and two isolated legacy systems. No positions: the
/// export lays it out.
pub fn estate(services: usize, chain: usize) -> Workspace {
    let mut ws = Workspace::new("Estate");
    let add = |ws: &mut Workspace, id: &str, name: &str, kind: SystemKind| {
        ws.systems
            .insert(id.to_owned(), System::new(id, name).with_kind(kind));
    };
    let dep = |ws: &mut Workspace, a: &str, b: &str, t: DependencyType| {
        let d = Dependency::new(a, b, t);
        ws.dependencies.insert(d.id(), d);
    };
    add(&mut ws, "web", "Web shop", SystemKind::Ui);
    add(&mut ws, "gateway", "API gateway", SystemKind::Gateway);
    add(&mut ws, "broker", "Event broker", SystemKind::Queue);
    add(
        &mut ws,
        "telemetry",
        "Telemetry collector",
        SystemKind::Observability,
    );
    dep(&mut ws, "web", "gateway", DependencyType::Sync);
    for i in 0..services {
        let s = format!("svc-{i}");
        add(
            &mut ws,
            &s,
            &format!("Service number {i}"),
            SystemKind::Service,
        );
        let db = format!("db-{i}");
        add(&mut ws, &db, &format!("Store {i}"), SystemKind::Database);
        dep(&mut ws, "gateway", &s, DependencyType::Sync);
        dep(&mut ws, &s, &db, DependencyType::Data);
        dep(&mut ws, &s, "telemetry", DependencyType::Async);
        if i % 3 == 0 {
            dep(&mut ws, &s, "broker", DependencyType::Async);
        }
        if i % 4 == 1 && i + 1 < services {
            dep(&mut ws, &s, &format!("svc-{}", i + 1), DependencyType::Sync);
        }
    }
    for i in 0..chain {
        let s = format!("step-{i}");
        add(
            &mut ws,
            &s,
            &format!("Nightly step {i}"),
            SystemKind::BatchJob,
        );
        if i > 0 {
            dep(
                &mut ws,
                &format!("step-{}", i - 1),
                &s,
                DependencyType::Batch,
            );
        }
    }
    add(&mut ws, "legacy-a", "Legacy ledger", SystemKind::External);
    add(&mut ws, "legacy-b", "Fax gateway", SystemKind::External);
    ws
}

struct Measured {
    min_label_px: f32,
    overlaps: usize,
    lines_through: usize,
    pixels: [u32; 2],
    note: Option<String>,
    /// The share of the picture's width and of its height the systems span, the least of both.
    fill: f32,
    /// The share of the free frame (less margins, title and legend) the systems span, the
    /// most of both ways (goal 1: at least 80 %).
    span: f32,
}

fn measure(ws: &Workspace, theme: ThemeName) -> Measured {
    let opts = ExportOptions {
        theme: Theme::get(theme),
        ..ExportOptions::default()
    };
    let scene = Scene::new(ws, &opts).unwrap();
    let pic = Picture::new(&scene, &opts).unwrap();
    let scale = pic.pixels[0] as f32 / pic.size[0];
    let min_label_px = pic
        .systems
        .iter()
        .map(|s| s.label.px * pic.zoom * scale)
        .fold(f32::INFINITY, f32::min);
    let mut lines_through = 0;
    for d in &pic.dependencies {
        let Some(dep) = ws.dependencies.get(d.id) else {
            continue;
        };
        let pts = d.path.curve(24);
        let through = pic.systems.iter().any(|s| {
            let r = s.rect.expand(-1.0);
            s.id != dep.from
                && s.id != dep.to
                && pts.windows(2).any(|w| {
                    depdig::layout::tidy::segment_hits(
                        w[0],
                        w[1],
                        &[r.min[0], r.min[1], r.max[0], r.max[1]],
                    )
                })
        });
        lines_through += usize::from(through);
    }
    let mut overlaps = 0;
    for (i, a) in pic.systems.iter().enumerate() {
        for b in &pic.systems[i + 1..] {
            if a.rect.expand(-1.0).intersects(&b.rect.expand(-1.0)) {
                overlaps += 1;
            }
        }
    }
    let (mut lo, mut hi) = ([f32::INFINITY; 2], [f32::NEG_INFINITY; 2]);
    for s in &pic.systems {
        for k in 0..2 {
            lo[k] = lo[k].min(s.rect.min[k]);
            hi[k] = hi[k].max(s.rect.max[k]);
        }
    }
    let fill = (0..2)
        .map(|k| (hi[k] - lo[k]) * pic.zoom * scale / pic.pixels[k] as f32)
        .fold(f32::INFINITY, f32::min);
    let span = (0..2)
        .map(|k| (hi[k] - lo[k]) * pic.zoom / pic.room[k])
        .fold(0.0, f32::max);
    Measured {
        span,
        min_label_px,
        overlaps,
        lines_through,
        fill,
        pixels: pic.pixels,
        note: image_size(ws, &opts).unwrap().note,
    }
}

/// A map imported from the systems and dependencies CSV files in `tests/fixtures/<dir>`.
pub fn fixture(dir: &str, title: &str) -> Workspace {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir);
    depdig::io::csv_import::import_new(
        title,
        Some(&dir.join("nodes.csv")),
        Some(&dir.join("edges.csv")),
    )
    .unwrap()
    .0
}

pub fn sample(name: &str) -> Workspace {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(name);
    depdig::io::load_file(&path).unwrap().0
}

pub const SAMPLES: [&str; 4] = [
    "ecommerce-cascade.ron",
    "manufacturing-erp.ron",
    "trading-before.ron",
    "trading-after.ron",
];

#[test]
fn the_samples_fit_one_slide_with_names_at_twelve_pixels() {
    for name in SAMPLES {
        let m = measure(&sample(name), ThemeName::Light);
        assert_eq!(m.pixels, [1920, 1080], "{name}");
        assert!(m.min_label_px >= 12.0, "{name}: {}", m.min_label_px);
        assert_eq!((m.overlaps, m.lines_through), (0, 0), "{name}");
        assert_eq!(m.note, None, "{name}");
    }
}

/// The projector's bigger boxes spread the map only as far as they need: the samples keep no
/// overlap and no line through a box (before, the bigger boxes were pushed into each other's
/// lines: two lines through boxes on trading-after), with names at 18 px or more.
#[test]
fn projector_names_are_large_and_draw_no_line_through_a_box() {
    for name in SAMPLES {
        let m = measure(&sample(name), ThemeName::Projector);
        assert!(m.min_label_px >= 18.0 - 0.1, "{name}: {}", m.min_label_px);
        assert_eq!((m.overlaps, m.lines_through), (0, 0), "{name}");
    }
}

/// A projector's slide of a sample that the layout left loose is one 1920×1080 slide: the
/// systems move closer together (boxes keep their size) until 18 px names fit (before: 1.2
/// slides wide). Packing is refused where it would add an overlap, a line through a box or
/// more than one outline piece: every sample's projector slide keeps 0/0, on one slide or
/// grown. trading-before's packing cut one group's outline once more and was refused (1.2
/// slides) until a member drawn in an outline of its own beside its group was allowed.
#[test]
fn projector_slides_of_loose_samples_fit_one_slide() {
    for name in [
        "manufacturing-erp.ron",
        "ecommerce-cascade.ron",
        "trading-before.ron",
    ] {
        let m = measure(&sample(name), ThemeName::Projector);
        assert_eq!(m.pixels, [1920, 1080], "{name}");
        assert_eq!(m.note, None, "{name}");
    }
    for name in SAMPLES {
        let m = measure(&sample(name), ThemeName::Projector);
        assert!(m.min_label_px >= 18.0 - 0.1, "{name}: {}", m.min_label_px);
        assert_eq!((m.overlaps, m.lines_through), (0, 0), "{name}");
        assert_eq!(m.pixels == [1920, 1080], m.note.is_none(), "{name}");
    }
}

/// A map too large for its names on one slide is drawn larger, says so, and never shrinks a
/// name below the theme's minimum (before: 6.4 px on an 80-system estate). The estate of 60
/// services with their stores fits one light slide in rows, so it only grows on the projector;
/// one of 90 services grows in both themes.
#[test]
fn a_large_estate_grows_the_picture_instead_of_shrinking_names() {
    let light = measure(&estate(60, 10), ThemeName::Light);
    assert!(light.min_label_px >= 12.0 - 0.1, "{}", light.min_label_px);
    assert_eq!((light.overlaps, light.lines_through), (0, 0));
    for (ws, theme, min) in [
        (estate(60, 10), ThemeName::Projector, 18.0),
        (estate(90, 10), ThemeName::Light, 12.0),
        (estate(90, 10), ThemeName::Projector, 18.0),
    ] {
        let m = measure(&ws, theme);
        assert!(m.min_label_px >= min - 0.1, "{theme:?}: {}", m.min_label_px);
        assert!(m.pixels[0] > 1920, "{theme:?}: {:?}", m.pixels);
        let note = m.note.expect("the export says the picture grew");
        assert!(note.contains("slides wide"), "{note}");
        assert_eq!((m.overlaps, m.lines_through), (0, 0), "{theme:?}");
    }
}

/// Three systems in a row, the outer two connected: the line would pass through the middle box
/// and read as two dependencies that do not exist. Export and canvas bow it around the box.
#[test]
fn a_line_is_bowed_around_a_box_it_would_pass_through_on_slide_and_canvas() {
    let mut ws = Workspace::new("Row");
    for (i, id) in ["orders", "stock", "billing"].iter().enumerate() {
        let mut s = System::new(*id, *id);
        s.pos = Some(depdig::model::CanvasPos::new(i as f32 * 220.0, 0.0));
        ws.systems.insert((*id).to_owned(), s);
    }
    let d = Dependency::new("orders", "billing", DependencyType::Sync);
    let id = d.id();
    ws.dependencies.insert(id.clone(), d);
    let m = measure(&ws, ThemeName::Light);
    assert_eq!(m.lines_through, 0);
    let opts = ExportOptions::default();
    let scene = Scene::new(&ws, &opts).unwrap();
    let pic = Picture::new(&scene, &opts).unwrap();
    let path = &pic.dependencies[0].path;
    let stock = pic.systems.iter().find(|s| s.id == "stock").unwrap().rect;
    let hits = path.curve(24).windows(2).any(|w| {
        depdig::layout::tidy::segment_hits(
            w[0],
            w[1],
            &[stock.min[0], stock.min[1], stock.max[0], stock.max[1]],
        )
    });
    assert!(path.ctrl.is_some() && !hits, "{path:?}");
    let canvas = depdig::ui::canvas::Scene::build(
        &ws,
        &depdig::ui::view::ViewState::default(),
        &Theme::get(ThemeName::Light),
        None,
    );
    let look = canvas
        .graph
        .edges_iter()
        .map(|(_, e)| e.payload().clone())
        .next()
        .unwrap();
    assert!(look.detour.abs() > 0.0, "{look:?}");
}

/// A gateway calling twenty-five services is a hub whose name must not be the one shortened:
/// it outranks each service for label room (before: one dependant each, a tie broken by id).
#[test]
fn a_gateway_outranks_the_services_it_calls_for_its_name() {
    let ws = estate(25, 0);
    let canvas = depdig::ui::canvas::Scene::build(
        &ws,
        &depdig::ui::view::ViewState::default(),
        &Theme::get(ThemeName::Light),
        None,
    );
    let importance = |id: &str| canvas.system(id).unwrap().look.importance;
    for i in 0..25 {
        assert!(
            importance("gateway") > importance(&format!("svc-{i}")),
            "svc-{i}"
        );
    }
}

/// Issue 16.4: groups are clusters in the layout. The estate's services and their stores
/// belong to six teams (by number), so the gateway's callees of one team would be scattered
/// round the hub by the forces alone; the pull towards each group's middle gathers them, and
/// the export draws each group in few outline pieces (before: 27 pieces for 6 groups).
#[test]
fn groups_are_laid_out_as_clusters() {
    let mut ws = estate(24, 0);
    for (id, s) in &mut ws.systems {
        if let Some(n) = id
            .strip_prefix("svc-")
            .or_else(|| id.strip_prefix("db-"))
            .and_then(|n| n.parse::<usize>().ok())
        {
            s.group = format!("Team {}", n % 6);
        }
    }
    for (a, b) in [(0, 7), (3, 16), (5, 20), (9, 14), (11, 2), (13, 22)] {
        let d = Dependency::new(format!("svc-{a}"), format!("svc-{b}"), DependencyType::Sync);
        ws.dependencies.insert(d.id(), d);
    }
    let opts = ExportOptions::default();
    let scene = Scene::new(&ws, &opts).unwrap();
    let pic = Picture::new(&scene, &opts).unwrap();
    let groups = pic.groups.len();
    let pieces: usize = pic.groups.iter().map(|g| g.hull.pieces.len()).sum();
    assert_eq!(groups, 6);
    assert!(
        pieces <= 2 * groups,
        "{pieces} outline pieces for {groups} groups"
    );
}

/// Lines a bow cannot clear (a box in a row between caller and callee, a crowd of boxes around
/// a hub) are led around every box with bends. Before, this layered estate drew a dependency
/// through a box that is not one of its ends on the light slide, and the 60-service estate of
/// `a_large_estate_grows_the_picture_instead_of_shrinking_names` 11.
#[test]
fn every_line_clears_every_box_on_a_layered_estate() {
    let mut layered = estate(40, 8);
    lay_out_in_layers(&mut layered);
    for theme in [ThemeName::Light, ThemeName::Projector] {
        let m = measure(&layered, theme);
        assert_eq!((m.overlaps, m.lines_through), (0, 0), "{theme:?}");
    }
}

/// Measures `ws`'s slide in `theme` and asserts goal 1: one 1920×1080 slide, every name at
/// `min_px` or more, no overlap, no line through a box.
fn assert_one_slide(ws: &Workspace, theme: ThemeName, min_px: f32) -> Measured {
    let m = measure(ws, theme);
    assert!(m.min_label_px >= min_px, "{}", m.min_label_px);
    assert_eq!((m.overlaps, m.lines_through), (0, 0));
    assert_eq!(m.pixels, [1920, 1080], "{:?}", m.note);
    m
}

/// [`assert_one_slide`] on `ws` as it is laid out, then laid out in layers (which `ws` keeps);
/// the first measure.
fn assert_one_slide_both_ways(ws: &mut Workspace, theme: ThemeName, min_px: f32) -> Measured {
    let m = assert_one_slide(ws, theme, min_px);
    lay_out_in_layers(ws);
    assert_one_slide(ws, theme, min_px);
    m
}

/// Lays `ws` out with the layered layout; returns the positions, in `layered_workspace`'s order.
pub fn lay_out_in_layers(ws: &mut Workspace) -> Vec<[f32; 2]> {
    let (ids, pos) = depdig::layout::layered_workspace(ws);
    for (id, p) in ids.iter().zip(&pos) {
        if let Some(s) = ws.systems.get_mut(id) {
            s.pos = Some(depdig::model::CanvasPos::new(p[0], p[1]));
        }
    }
    pos
}

/// Goal 1 for the layered layout on the 70-system estate: one light slide, names at 12 px or
/// more, 0/0. Before, packing closed the rows in by one factor, so rows the layout had put close
/// together met while far ones were still far apart: refused, the picture grew to 1.8 slides.
/// Now each gap between rows closes in down to what its boxes need.
#[test]
fn a_layered_estate_of_seventy_systems_fits_one_slide_at_twelve_pixels() {
    let mut ws = fixture("estate65", "estate 65");
    lay_out_in_layers(&mut ws);
    assert_one_slide(&ws, ThemeName::Light, 12.0);
}

/// A layered map wider than the slide's shape: once its rows have closed in for the width,
/// they move apart again into the slide's height, so the lines between rows have room. Before,
/// the 86-system estate in layers spanned 68 % of the slide's height with 12-pixel names
/// (Sentry's self-hosted compose file, 57 systems in layers: 51 %, and 88 of its 350 lines
/// more than twice as long as the way between their ends, round the rows).
#[test]
fn a_wide_layered_estate_fills_the_slide_s_height_too() {
    let mut ws = fixture("estate84", "estate 84");
    lay_out_in_layers(&mut ws);
    let m = assert_one_slide(&ws, ThemeName::Light, 12.0);
    assert!(m.fill >= 0.78, "{}", m.fill);
}

/// Goal 1 for the projector theme on the OpenTelemetry demo laid out in layers: one slide, names
/// at 18 px or more, 0/0. Before, the row of the collector's ten callers, side by side at the
/// projector's size, was wider than the slide: 1.4 slides. Now a row too wide is staggered
/// into two.
#[test]
fn the_opentelemetry_demo_in_layers_fits_one_projector_slide() {
    let mut ws = fixture("otel-demo", "OpenTelemetry demo");
    lay_out_in_layers(&mut ws);
    assert_one_slide(&ws, ThemeName::Projector, 18.0);
}

/// Goal 1 on a real-shaped estate of up to 80 systems (70 systems, 135 dependencies, from the
/// bench's generator): one 1920×1080 slide with every name at 12 px or more, no overlap, no
/// line through a box. Before, packing the force layout's crowded middle and loose rim drew an
/// overlap and was refused: the picture grew to 1.8 slides.
#[test]
fn an_estate_of_seventy_systems_fits_one_slide_at_twelve_pixels() {
    let ws = fixture("estate65", "estate 65");
    assert_eq!(ws.systems.len(), 70);
    let m = assert_one_slide(&ws, ThemeName::Light, 12.0);
    assert!(m.note.is_none(), "{:?}", m.note);
}

/// The OpenTelemetry demo (26 systems in 6 groups, 63 dependencies, transcribed from its
/// compose file) on one light slide at 12 px with 0/0. Before, every packing cut a group's
/// outline once more (the ad service apart from the shop) and was refused: 1.2 slides wide,
/// or names at 10 px on one slide. Now members may keep their places around their group's
/// middle, and one more outline piece is allowed.
#[test]
fn the_opentelemetry_demo_fits_one_slide_at_twelve_pixels() {
    let ws = fixture("otel-demo", "OpenTelemetry demo");
    assert_one_slide(&ws, ThemeName::Light, 12.0);
}

/// A layered map packed for a slide keeps its rows: callers stay above their callees, and the
/// boxes of a row are parted along it only (a row too wide for the slide grows the picture).
/// Before, the packing's final pass moved boxes off lines in every direction: the 70-system
/// estate's 14 rows came out at 37 heights.
#[test]
fn a_packed_layered_estate_keeps_its_rows() {
    let mut ws = fixture("estate65", "estate 65");
    let pos = lay_out_in_layers(&mut ws);
    let rows = |ys: &mut Vec<f32>| {
        ys.sort_by(f32::total_cmp);
        ys.dedup_by(|a, b| (*a - *b).abs() < 1.0);
        ys.len()
    };
    let laid = rows(&mut pos.iter().map(|p| p[1]).collect());
    let opts = ExportOptions::default();
    let scene = Scene::new(&ws, &opts).unwrap();
    let pic = Picture::new(&scene, &opts).unwrap();
    let drawn = rows(&mut pic.systems.iter().map(|s| s.rect.center()[1]).collect());
    assert!(drawn <= laid, "{laid} rows laid out, {drawn} heights drawn");
}

/// Goal 1 for the projector theme on a real-shaped estate of 70 systems and 135 dependencies,
/// laid out by force and in layers: one slide, names at 18 px or more, 0/0. Before, the boxes
/// at the projector's size with their gaps needed two thirds of the slide, more than any
/// packing of the layout's shape reaches, and the picture grew to 2.8 slides. Now such a map is
/// put in rows that fill the slide, each service's own store beside it.
#[test]
fn an_estate_of_seventy_systems_fits_one_projector_slide() {
    let mut ws = fixture("estate65", "estate 65");
    assert_one_slide_both_ways(&mut ws, ThemeName::Projector, 18.0);
}

/// Goal 1 on an estate with long names (71 systems named as Train-Ticket's `ts-…-service`s, 15
/// to 32 characters): one light slide, names at 12 px or more, 0/0, laid out by force and in
/// layers. Before, no packing fitted and the picture grew to 2.7 slides (1.8 in layers).
#[test]
fn an_estate_with_long_names_fits_one_slide_at_twelve_pixels() {
    let mut ws = fixture("long-names", "long names");
    assert_eq!(ws.systems.len(), 71);
    assert_one_slide_both_ways(&mut ws, ThemeName::Light, 12.0);
}

/// Goal 1 for the projector theme on Train Ticket (68 systems, 131 dependencies, names of
/// `ts-…-service` up to 32 characters), laid out by force and in layers: one slide, names at
/// 18 px or more, 0/0. Before, its rows for one slide needed twelve rows (each row's end left
/// empty where the next service with its store did not fit) and the room kept round the rows
/// was counted twice when the first try fell short: no arrangement fitted and the picture grew
/// to 1.2 slides. Now a row's end takes the next few units that fit there, and the second try
/// counts on what the lines took round the rows instead of the room kept for them.
#[test]
fn train_ticket_fits_one_projector_slide() {
    let mut ws = fixture("train-ticket", "Train Ticket");
    assert_eq!(ws.systems.len(), 68);
    assert_one_slide_both_ways(&mut ws, ThemeName::Projector, 18.0);
}

/// Goal 1 for the projector theme on the estate with long names (71 systems, 124
/// dependencies), laid out by force and in layers: one slide, names at 18 px or more, 0/0.
/// Before, twelve rows beside the legend's column were too tall for the slide and the picture
/// grew to 1.2 slides; now the legend goes across the title band and the rows have the
/// slide's whole width (the legend stays beside the map wherever the map fits that way).
#[test]
fn an_estate_with_long_names_fits_one_projector_slide() {
    let mut ws = fixture("long-names", "long names");
    let m = assert_one_slide_both_ways(&mut ws, ThemeName::Projector, 18.0);
    assert!(m.span >= 0.8, "{}", m.span);
}

/// Goal 1 for the projector theme on a 39-system estate laid out in layers: one slide, names
/// at 18 px or more, 0/0. Before, a line blocked by a box was bowed by up to 40 lanes, and on a
/// packed slide those bows (Profile service to Profile Db over the top of the map) bulged far
/// past the boxes: the picture grew to 1.1 slides. Now a bow is at most 0.3 of its line's
/// length from the straight line, and lines that need more are routed with bends.
#[test]
fn a_layered_estate_of_thirty_nine_systems_fits_one_projector_slide() {
    let mut ws = fixture("estate36", "estate 36");
    lay_out_in_layers(&mut ws);
    assert_one_slide(&ws, ThemeName::Projector, 18.0);
}

/// A map too dense for one slide is put in rows for as few slides' worth as hold it, and the
/// picture grows only to that: an estate of 60 services with their stores (136 systems) on
/// the projector is 1.25 slides wide or less, its names at 18 px and no more (before: the
/// 86-system estate grew to 2.5 slides, names at 21 px, since the frame grew in steps that
/// overshot). The 86-system estate itself now fits one slide, laid out by force or in layers:
/// its rows fill their ends and the legend goes across the title band.
#[test]
fn a_map_too_dense_for_one_slide_grows_the_picture_little() {
    let mut ws = fixture("estate84", "estate 84");
    assert_one_slide_both_ways(&mut ws, ThemeName::Projector, 18.0);
    let m = measure(&estate(60, 10), ThemeName::Projector);
    assert!(m.pixels[0] > 1920 && m.pixels[0] <= 2400, "{:?}", m.pixels);
    assert!(
        (18.0 - 0.05..18.5).contains(&m.min_label_px),
        "{}",
        m.min_label_px
    );
    assert_eq!((m.overlaps, m.lines_through), (0, 0));
}

/// Goal 1 for the projector theme on the force-laid OpenTelemetry demo: one slide, names at
/// 18 px or more, 0/0. Before, Grafana and Jaeger lay across the map from the rest of
/// Telemetry (the frontend proxy pulls them), every packing cut the groups' outlines into more
/// pieces and was refused: 1.7 slides. Now the layout's final pass brings a group's outlying
/// members beside the rest where that adds no conflict.
#[test]
fn the_opentelemetry_demo_fits_one_projector_slide() {
    let ws = fixture("otel-demo", "OpenTelemetry demo");
    assert_one_slide(&ws, ThemeName::Projector, 18.0);
}

/// Issue 16.4, groups are clusters: members that the forces pulled away from their group (the
/// demo's Grafana and Jaeger, called by the frontend proxy at the other side of the map) are
/// laid out beside their fellows, as `depdig layout` lays the map out: each group's boxes form
/// one cluster, each within one mean link length (box edge to box edge) of another. Before,
/// Telemetry was two clusters seven link lengths apart, drawn as two outlines.
#[test]
fn members_pulled_away_from_their_group_are_laid_out_beside_it() {
    use depdig::layout::{LayoutParams, Simulation, from_workspace};
    let ws = fixture("otel-demo", "OpenTelemetry demo");
    let (graph, ids, initial) = from_workspace(&ws);
    let mut sim = Simulation::new(&graph, &initial, LayoutParams::default());
    sim.run(3000);
    sim.tidy();
    let pos = sim.positions();
    let half: Vec<[f32; 2]> = graph
        .sizes
        .iter()
        .map(|s| [s[0] / 2.0, s[1] / 2.0])
        .collect();
    let link = graph
        .edges
        .iter()
        .map(|&(a, b)| {
            let (p, q) = (pos[a as usize], pos[b as usize]);
            (p[0] - q[0]).hypot(p[1] - q[1])
        })
        .sum::<f32>()
        / graph.edges.len() as f32;
    let near = |a: usize, b: usize| {
        let dx = (pos[a][0] - pos[b][0]).abs() - half[a][0] - half[b][0];
        let dy = (pos[a][1] - pos[b][1]).abs() - half[a][1] - half[b][1];
        dx.max(0.0).hypot(dy.max(0.0)) <= link
    };
    let groups: std::collections::BTreeSet<u32> = graph.groups.iter().flatten().copied().collect();
    let mut split = Vec::new();
    for g in groups {
        let members: Vec<usize> = (0..ids.len())
            .filter(|&i| graph.groups[i] == Some(g))
            .collect();
        // Members reached from the first through near fellows.
        let mut reached = vec![members[0]];
        let mut next = 0;
        while let Some(&a) = reached.get(next) {
            next += 1;
            for &b in &members {
                if !reached.contains(&b) && near(a, b) {
                    reached.push(b);
                }
            }
        }
        let astray: Vec<&str> = members
            .iter()
            .filter(|m| !reached.contains(m))
            .map(|&m| ids[m].as_str())
            .collect();
        if !astray.is_empty() {
            split.push((ids[members[0]].clone(), astray));
        }
    }
    assert!(split.is_empty(), "{split:?}");
}

/// A map imported from the compose file `tests/fixtures/import/<rel>` and laid out by force, as
/// `depdig import` then `depdig layout --afresh` leave it.
fn compose_laid_out(rel: &str) -> Workspace {
    use depdig::layout::{LayoutParams, Simulation, apply_positions, from_workspace};
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(rel);
    let found = depdig::io::import::detect::read_artefacts(&[path], None).unwrap();
    let mut ws = Workspace::new("compose");
    depdig::io::import::apply_found(&mut ws, &found).unwrap();
    let (graph, ids, initial) = from_workspace(&ws);
    let mut sim = Simulation::new(&graph, &initial, LayoutParams::default());
    sim.run(3000);
    sim.tidy();
    apply_positions(&mut ws, &ids, sim.positions()).unwrap();
    ws
}

/// Goal 1 on DeathStarBench's social network (27 services, 19 `depends_on`, a compose file first
/// read for this check): names at the projector's 18 pixels, not just short of them. Before,
/// its projector slide drew them at 17.9 px: a slide within half a percent of the minimum was
/// taken as fitting, so the systems were not moved closer together.
#[test]
fn a_projector_slide_never_draws_names_below_eighteen_pixels() {
    let ws = compose_laid_out("deathstarbench/social-network.yml");
    assert_eq!((ws.systems.len(), ws.dependencies.len()), (27, 19));
    let m = measure(&ws, ThemeName::Projector);
    assert!(m.min_label_px >= 18.0, "{}", m.min_label_px);
    assert_eq!((m.overlaps, m.lines_through), (0, 0));
    assert_eq!(m.pixels, [1920, 1080], "{:?}", m.note);
}

/// Goal 1: a small map spans at least 80 % of the slide's free frame one way. Sock Shop's
/// compose file (15 services, 2 `depends_on`) was enlarged as far as an export goes (twice) and
/// spanned 73 % of the free frame's width in the light theme: its systems now move apart
/// (boxes and names keep their size) until it spans more. The samples too, in both themes.
#[test]
fn a_small_map_spans_most_of_the_slide_s_free_frame() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut maps = vec![(
        "sock-shop".to_owned(),
        compose_laid_out("sock-shop/docker-compose.yml"),
    )];
    for f in [
        "ecommerce-cascade",
        "manufacturing-erp",
        "trading-before",
        "trading-after",
    ] {
        let ws = depdig::io::load_file(&samples.join(format!("{f}.ron")))
            .unwrap()
            .0;
        maps.push((f.to_owned(), ws));
    }
    let mut bad = Vec::new();
    for (name, ws) in &maps {
        for (theme, min_px) in [(ThemeName::Light, 12.0), (ThemeName::Projector, 18.0)] {
            let m = measure(ws, theme);
            if m.span < 0.8
                || m.min_label_px < min_px
                || (m.overlaps, m.lines_through) != (0, 0)
                || m.pixels != [1920, 1080]
            {
                bad.push(format!(
                    "{name} {theme:?}: span {:.2}, names {:.1} px, {} overlaps, {} through, {:?}",
                    m.span, m.min_label_px, m.overlaps, m.lines_through, m.pixels
                ));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
