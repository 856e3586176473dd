//! The canvas's frame at fit: what it draws stays inside and keeps clear of itself.

use super::*;
use crate::theme::ThemeName;

/// At fit in a 1920×1080 window with the side panels open (a canvas of about 1430×980),
/// the e-commerce sample's owner lines and group outlines on the right ran off the canvas
/// ("Checkout Team (Chloe Dupont)" under the payment provider, seen in the real window):
/// only the boxes were fitted. Now everything drawn is inside, for every sample, in both
/// themes.
#[test]
fn what_a_fitted_map_draws_stays_inside_the_canvas() {
    let rect = Rect::from_min_size(egui::pos2(0.0, 60.0), egui::vec2(1430.0, 980.0));
    let mut cut_before = 0;
    for sample in [
        "ecommerce-cascade",
        "manufacturing-erp",
        "trading-before",
        "trading-after",
    ] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("samples")
            .join(format!("{sample}.ron"));
        let ws = crate::io::load_file(&path).unwrap().0;
        for name in [ThemeName::Light, ThemeName::Projector] {
            let theme = Theme::get(name);
            let scene = Scene::build(&ws, &crate::ui::view::ViewState::default(), &theme, None);
            let cam = fit_camera(&scene, rect, &theme, &mut LabelMemo::default()).unwrap();
            let drawn = drawn_extent(&frame(&scene, cam, rect, &theme), &theme);
            assert!(rect.contains_rect(drawn), "{sample} {name:?}: {drawn:?}");
            let mut boxes_only = cam;
            boxes_only.fit(scene.bounds().unwrap(), rect);
            let drawn = drawn_extent(&frame(&scene, boxes_only, rect, &theme), &theme);
            cut_before += usize::from(!rect.contains_rect(drawn));
        }
    }
    assert!(
        cut_before > 0,
        "the boxes alone fitted cut nothing: the test tests nothing"
    );
}

fn sample(name: &str) -> crate::model::Workspace {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(format!("{name}.ron"));
    crate::io::load_file(&path).unwrap().0
}

/// Where each system's name beside its box is written.
fn names_beside<'a>(f: &'a Frame<'a>) -> Vec<(&'a str, geo::Rect)> {
    f.systems
        .iter()
        .filter_map(|(s, p)| {
            let (c, label) = (p.label_outside?, p.label.as_deref()?);
            Some((&*s.look.name, outside_label_rect(c, label, p.px)))
        })
        .collect()
}

/// At fit on a 1280×800 laptop with the side panels open (a canvas of about 950×680), in the
/// projector theme, the e-commerce sample drew the Mobile app's "Web & App" outline name
/// across the canvas's left edge ("b & App"), "External" over the payment provider's name
/// beside its box, and the reporting database's line's debt badge on "Nightly reporting
/// load"; once those were fixed, "External" twice on itself, once per piece of its outline,
/// then twice side by side between its two pieces, and two badges on each other (all seen in
/// the real window). Group names now keep inside the canvas and off names
/// beside boxes, and a dependency's badge slides along its line off names and boxes; for
/// every sample, both themes, at the laptop's canvas and a 1080p window's.
#[test]
fn group_names_and_badges_keep_inside_the_canvas_and_off_names() {
    // With the side panels open: 1280×800, 1366×768, 1600×1000 and 1920×1080 windows.
    let canvases = [
        Rect::from_min_size(egui::pos2(5.0, 115.0), egui::vec2(950.0, 680.0)),
        Rect::from_min_size(egui::pos2(5.0, 115.0), egui::vec2(1030.0, 650.0)),
        Rect::from_min_size(egui::pos2(5.0, 100.0), egui::vec2(1200.0, 890.0)),
        Rect::from_min_size(egui::pos2(0.0, 60.0), egui::vec2(1430.0, 980.0)),
    ];
    let mut faults = Vec::new();
    for name in [
        "ecommerce-cascade",
        "manufacturing-erp",
        "trading-before",
        "trading-after",
    ] {
        let ws = sample(name);
        for theme_name in [ThemeName::Light, ThemeName::Projector] {
            let theme = Theme::get(theme_name);
            let scene = Scene::build(&ws, &crate::ui::view::ViewState::default(), &theme, None);
            for &rect in &canvases {
                let cam = fit_camera(&scene, rect, &theme, &mut LabelMemo::default()).unwrap();
                let f = frame(&scene, cam, rect, &theme);
                let at = format!(
                    "{name} {theme_name:?} {:.0}x{:.0}",
                    rect.width(),
                    rect.height()
                );
                let beside = names_beside(&f);
                for (group, h) in &f.hulls {
                    let size = group_names::name_size(&one_line(group), theme.small_px);
                    let written: Vec<geo::Rect> = std::iter::once(&h.label_at)
                        .chain(&h.piece_labels)
                        .map(|at| {
                            let r = geo::Rect::from_min_size(*at, size);
                            group_names::keep_clear(r, 0.0).expand(size[1])
                        })
                        .collect();
                    for (k, a) in written.iter().enumerate() {
                        if written[..k].iter().any(|b| b.intersects(a)) {
                            faults.push(format!("{at}: {group} written twice close by"));
                        }
                    }
                }
                for (k, g) in f.group_names.iter().enumerate() {
                    let ink = group_names::keep_clear(*g, 0.0);
                    if f.group_names[..k]
                        .iter()
                        .any(|o| group_names::keep_clear(*o, 0.0).intersects(&ink))
                    {
                        faults.push(format!("{at}: two group names on each other at {g:?}"));
                    }
                    if !to_rect(rect).contains_rect(&ink) {
                        faults.push(format!("{at}: a group name cut by the edge at {g:?}"));
                    }
                    for (system, r) in &beside {
                        if r.intersects(&ink) {
                            faults.push(format!("{at}: a group name over {system}'s name"));
                        }
                    }
                }
                let mut discs: Vec<geo::Rect> = Vec::new();
                for (s, p) in &f.systems {
                    let Some((count, _)) = s.look.debt else {
                        continue;
                    };
                    let r = badge_radius(count, &theme);
                    let disc = geo::Rect::from_center_size(
                        badges::on_system(p.rect, r),
                        [2.0 * r, 2.0 * r],
                    );
                    for (system, n) in &beside {
                        if n.intersects(&disc) {
                            faults
                                .push(format!("{at}: {}'s badge on {system}'s name", s.look.name));
                        }
                    }
                    discs.push(disc);
                }
                for (look, badge) in f.dependencies.iter().map(|d| d.0).zip(&f.dependency_badges) {
                    let Some((c, r)) = badge else { continue };
                    let disc = geo::Rect::from_center_size(*c, [2.0 * r, 2.0 * r]);
                    if discs.iter().any(|d| d.intersects(&disc)) {
                        faults.push(format!("{at}: {}'s badge on another badge", look.id));
                    }
                    discs.push(disc);
                    for (system, n) in &beside {
                        if n.intersects(&disc) {
                            faults.push(format!("{at}: {}'s badge on {system}'s name", look.id));
                        }
                    }
                    for (s, p) in &f.systems {
                        if p.rect.intersects(&disc) {
                            faults.push(format!("{at}: {}'s badge on {}", look.id, s.look.name));
                        }
                    }
                }
            }
        }
    }
    assert!(faults.is_empty(), "{faults:#?}");
}
