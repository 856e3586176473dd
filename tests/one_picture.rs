//! Issue 14.3: the canvas and the export draw one picture. The canvas's frame (its scene seen at
//! zoom 1, so screen pixels are canvas units) and the export's picture (in map units, before its
//! zoom and offset) of the same sample must hold the same systems with the same boxes and labels,
//! the same dependency paths, the same group hulls and the same legend entries.

use std::path::Path;

use depdig::io::export::ExportOptions;
use depdig::model::{Dependency, DependencyType, Workspace};
use depdig::picture::geometry::{P, Rect};
use depdig::picture::hull::Hull;
use depdig::picture::legend::EntryKind;
use depdig::picture::{Picture, Scene as Drawn};
use depdig::theme::{Theme, ThemeName};
use depdig::ui::canvas::Scene;
use depdig::ui::canvas::frame::{canvas_point, frame, identity_view};
use depdig::ui::view::ViewState;

/// Map units two drawings may differ by (rounding in the two coordinate changes).
const TOLERANCE: f32 = 0.01;

fn sample(name: &str) -> Workspace {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(name);
    depdig::io::load_file(&path).unwrap().0
}

fn near(a: P, b: P) -> bool {
    (a[0] - b[0]).abs() <= TOLERANCE && (a[1] - b[1]).abs() <= TOLERANCE
}

fn near_rect(a: Rect, b: Rect) -> bool {
    near(a.min, b.min) && near(a.max, b.max)
}

/// The hull's outlines as points.
fn hull_points(hull: &Hull) -> Vec<P> {
    hull.pieces.iter().flatten().copied().collect()
}

/// Checks the two drawings of `ws` item by item; returns how many dependencies are fanned.
fn assert_one_picture(file: &str, ws: &Workspace) -> usize {
    let theme = Theme::get(ThemeName::Light);

    // The canvas, at zoom 1, as `canvas_ui` computes it before painting.
    let scene = Scene::build(ws, &ViewState::default(), &theme, None);
    let (cam, view) = identity_view(scene.bounds().unwrap());
    let canvas = frame(&scene, cam, view, &theme);
    let to_map = |p: P| {
        let q = canvas_point(cam, view, p);
        [q.x, q.y]
    };
    let to_map_rect = |r: Rect| Rect {
        min: to_map(r.min),
        max: to_map(r.max),
    };

    // The export's picture, in map units.
    let opts = ExportOptions {
        theme: theme.clone(),
        ..ExportOptions::default()
    };
    let drawn = Drawn::new(ws, &opts).unwrap();
    let export = Picture::new(&drawn, &opts).unwrap();

    // Systems: the same ones, boxes and whole names.
    let mut canvas_systems: Vec<(&str, Rect, Option<&str>)> = canvas
        .systems
        .iter()
        .map(|(s, plan)| (&*s.look.id, to_map_rect(plan.rect), plan.label.as_deref()))
        .collect();
    canvas_systems.sort_by_key(|s| s.0);
    assert_eq!(
        canvas_systems.len(),
        ws.systems.len(),
        "{file}: every system on the canvas"
    );
    assert_eq!(
        canvas_systems.len(),
        export.systems.len(),
        "{file}: as many systems"
    );
    for ((id, rect, label), s) in canvas_systems.iter().zip(&export.systems) {
        assert_eq!(*id, s.id, "{file}: systems in the same order by id");
        assert!(
            near_rect(*rect, s.rect),
            "{file}: {id}'s box: canvas {rect:?}, export {:?}",
            s.rect
        );
        assert_eq!(*label, Some(s.label.text.as_str()), "{file}: {id}'s label");
    }

    // Dependencies: the same ones, along the same paths with the same arrowheads.
    let mut canvas_deps: Vec<_> = canvas
        .dependencies
        .iter()
        .map(|(look, path)| (&*look.id, path))
        .collect();
    canvas_deps.sort_by_key(|d| d.0);
    assert_eq!(
        canvas_deps.len(),
        export.dependencies.len(),
        "{file}: as many dependencies"
    );
    for ((id, path), d) in canvas_deps.iter().zip(&export.dependencies) {
        assert_eq!(*id, d.id, "{file}: dependencies in the same order by id");
        let e = &d.path;
        let same = near(to_map(path.start), e.start)
            && near(to_map(path.end), e.end)
            && near(to_map(path.tip), e.tip)
            && near(path.dir, e.dir)
            && (path.head - e.head).abs() <= TOLERANCE
            && path
                .ctrl
                .map(to_map)
                .zip(e.ctrl)
                .is_none_or(|(a, b)| near(a, b))
            && path.ctrl.is_some() == e.ctrl.is_some();
        assert!(same, "{file}: {id}'s path: canvas {path:?}, export {e:?}");
    }

    // Group hulls: the same groups, outlines and name positions.
    assert!(!canvas.hulls.is_empty(), "{file}: the sample has groups");
    assert_eq!(
        canvas.hulls.len(),
        export.groups.len(),
        "{file}: as many hulls"
    );
    for ((name, hull), g) in canvas.hulls.iter().zip(&export.groups) {
        assert_eq!(
            *name, g.label.text,
            "{file}: hulls in the same order by group"
        );
        let a: Vec<P> = hull_points(hull).into_iter().map(to_map).collect();
        let b = hull_points(&g.hull);
        assert!(
            a.len() == b.len() && a.iter().zip(&b).all(|(p, q)| near(*p, *q)),
            "{file}: {name}'s hull: canvas {a:?}, export {b:?}"
        );
        assert!(
            near(to_map(hull.label_at), g.hull.label_at),
            "{file}: {name}'s name"
        );
    }

    // Legend: the same entries, counts and texts.
    let canvas_legend: Vec<_> = scene
        .legend
        .iter()
        .map(|e| (e.kind, e.count, e.text.as_str()))
        .collect();
    let export_legend: Vec<_> = export
        .legend
        .as_ref()
        .unwrap()
        .entries
        .iter()
        .map(|e| (e.kind, e.count, e.text.text.as_str()))
        .collect();
    assert_eq!(canvas_legend, export_legend, "{file}: legend entries");
    if ws.dependencies.values().any(|d| d.circuit_breaker) {
        assert!(
            canvas_legend
                .iter()
                .any(|e| e.0 == EntryKind::CircuitBreaker),
            "{file}: the circuit breaker is in the legend"
        );
    }
    export
        .dependencies
        .iter()
        .filter(|d| d.path.ctrl.is_some())
        .count()
}

#[test]
fn canvas_and_export_draw_the_same_picture() {
    // Groups (compact and scattered), a circuit breaker, debt badges and every type of
    // dependency. (Not every sample: where the layout left two boxes closer than the export's
    // separation, the export pushes them apart and the canvas does not.)
    let ecommerce = sample("ecommerce-cascade.ron");
    assert_one_picture("ecommerce-cascade.ron", &ecommerce);
    // Parallel dependencies fan out onto the same lanes in both.
    let mut fanned = ecommerce.clone();
    let first = fanned.dependencies.values().next().unwrap().clone();
    for kind in [DependencyType::Async, DependencyType::Data] {
        let d = Dependency::new(&first.to, &first.from, kind);
        fanned.dependencies.insert(d.id(), d);
    }
    assert!(assert_one_picture("ecommerce-cascade.ron + 2 parallel", &fanned) >= 2);
}
