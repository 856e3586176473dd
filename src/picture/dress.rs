//! What goes around the systems once they are placed: the dependencies' paths (routed around
//! boxes), group hulls, debt badges, owner lines and dependency labels where there is room, and
//! the bounds of it all. Done again when the systems are moved closer to fit one slide.

use std::collections::{BTreeMap, HashMap};

use super::badges::{Badge, badges};
use super::geometry::{Occupancy, P, Rect, quad};
use super::group_names::{self, Obstacles};
use super::hull::{self, Hull};
use super::items::{Change, DependencyItem, GroupItem, Marks, SystemItem, TextItem};
use super::labels::one_line;
use super::map::finite_or;
use super::path::{DependencyPath, fuse, fuse_scale};
use super::scene::Scene;
use crate::io::backdrop::ExportBackdrop;
use crate::io::export::ExportOptions;
use crate::layout::measure::text_width;
use crate::model::{Dependency, DependencyType, Workspace};
use crate::theme::Theme;

/// Segments a curved dependency is measured in, for group names.
const CURVE_STEPS: usize = 16;

/// Everything drawn around the placed systems, in map units.
pub(super) struct Dressed<'a> {
    pub dependencies: Vec<DependencyItem<'a>>,
    pub groups: Vec<GroupItem>,
    pub badges: Vec<Badge<'a>>,
    /// Open debt items on drawn things (for the legend).
    pub debt_open: usize,
    pub owners: Vec<TextItem>,
    pub edge_labels: Vec<TextItem>,
    /// The type of the dependency each of `edge_labels` belongs to.
    pub edge_label_kinds: Vec<DependencyType>,
    /// Added and removed items drawn (scenario difference), for the legend.
    pub changes: Option<(usize, usize)>,
    /// The map's bounds: systems, their labels, hulls, badges, bowed lines and the backdrop.
    pub bounds: Rect,
}

/// What packing the systems closer must not add (see [`Dressed::conflicts`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Conflicts {
    /// Boxes that overlap and lines drawn through a box not their own.
    pub hard: usize,
    /// Outline pieces beyond one per group.
    pub split: usize,
}

impl Conflicts {
    /// Whether these are acceptable where `before` were: no more hard ones, and at most two
    /// more outline pieces (a member drawn in an outline of its own beside its group reads
    /// better than a slide whose names are too small to read; two, as packing can interleave
    /// two pieces of a group, which are then drawn one outline per member rather than over
    /// each other: trading-before's projector slide).
    pub fn allowed(self, before: Conflicts) -> bool {
        self.hard <= before.hard && self.split <= before.split + 2
    }
}

impl Dressed<'_> {
    /// Boxes that overlap, lines drawn through a box not their own and groups drawn in more
    /// than one piece.
    pub fn conflicts(
        &self,
        ws: &Workspace,
        systems: &[SystemItem<'_>],
        index: &HashMap<&str, usize>,
    ) -> Conflicts {
        let rects: Vec<Rect> = systems.iter().map(|s| s.rect).collect();
        let paths: Vec<(&DependencyPath, [usize; 2])> = self
            .dependencies
            .iter()
            .filter_map(|d| {
                let dep = ws.dependencies.get(d.id)?;
                Some((
                    &d.path,
                    [*index.get(dep.from.as_str())?, *index.get(dep.to.as_str())?],
                ))
            })
            .collect();
        let mut overlaps = 0;
        for (i, a) in rects.iter().enumerate() {
            overlaps += rects[i + 1..]
                .iter()
                .filter(|b| a.expand(-1.0).intersects(&b.expand(-1.0)))
                .count();
        }
        let split: usize = self
            .groups
            .iter()
            .map(|g| g.hull.pieces.len().saturating_sub(1))
            .sum();
        Conflicts {
            hard: overlaps + super::route::crossings(&rects, &paths),
            split,
        }
    }
}

/// Dresses `systems` (placed, in map units): see the module's comment. `spread` is the theme's
/// label size over the canvas's (hull padding and label spacing grow with it).
#[allow(clippy::too_many_lines)]
pub(super) fn dress<'a>(
    scene: &Scene<'a>,
    opts: &ExportOptions,
    systems: &[SystemItem<'a>],
    index: &HashMap<&str, usize>,
    spread: f32,
    small_px: f32,
    backdrop: Option<&(Rect, &ExportBackdrop)>,
) -> Dressed<'a> {
    let theme = &opts.theme;
    let dependencies = dependencies(scene, systems, index, opts);
    let (badges, debt_open) = if opts.badges {
        badges(scene.ws, systems, &dependencies, theme, small_px)
    } else {
        (Vec::new(), 0)
    };

    // Labels that may be left out where they would overlap: owners, then dependency labels.
    let mut taken = Occupancy::new(128.0 * spread);
    for s in systems {
        taken.take(s.rect);
    }
    for d in &dependencies {
        taken.take(d.path.arrowhead_rect());
    }
    for b in &badges {
        taken.take(b.rect().expand(1.0));
    }
    let mut owners = Vec::new();
    // Each system's box with room for its owner line: a group's outline goes round both.
    let mut footprints = Vec::with_capacity(systems.len());
    for s in systems {
        let owner = scene
            .ws
            .systems
            .get(s.id)
            .map(|x| one_line(&x.owner))
            .unwrap_or_default();
        footprints.push(super::labels::footprint(s.rect, &owner, small_px));
        if owner.is_empty() {
            continue;
        }
        let w = text_width(&owner, small_px);
        // Only below its box, where the canvas puts it; left out where there is no room.
        let mut item = TextItem::left(
            owner,
            super::labels::owner_at(s.rect, w),
            small_px,
            theme.node_subtext,
        );
        item.dimmed = s.marks.dimmed;
        let spaced = super::labels::owner_spaced(item.rect.expand(1.0), spread);
        if taken.is_free(&spaced) {
            taken.take(spaced);
            owners.push(item);
        }
    }
    let hulls = if opts.group_hulls {
        groups(scene.ws, systems, &footprints, spread)
    } else {
        Vec::new()
    };
    // An owner line still cut by an outline (another group's, reaching under it) is left out.
    owners.retain(|o| {
        !group_names::crosses_outline(o.rect, hulls.iter().flat_map(|(_, h)| &h.pieces))
    });
    // Group names, clear of all the above; dependency labels keep clear of them.
    let groups = name_groups(
        hulls,
        &obstacles(systems, &dependencies, &badges, &owners, theme),
        spread,
        small_px,
        theme,
    );
    for t in groups.iter().flat_map(GroupItem::labels) {
        taken.take(group_names::keep_clear(t.rect, spread));
    }
    let (mut edge_labels, mut edge_label_kinds) = (Vec::new(), Vec::new());
    if opts.edge_labels {
        for d in &dependencies {
            let Some(dep) = scene.ws.dependencies.get(d.id) else {
                continue;
            };
            let text = one_line(&dep.caption());
            if text.is_empty() {
                continue;
            }
            for t in [0.5, 0.35, 0.65, 0.25, 0.75] {
                let p = d.path.point_at(t);
                let mut item = TextItem::centered(
                    text.clone(),
                    [p[0], p[1] - 6.0 - small_px * 0.6],
                    small_px,
                    d.style.color,
                );
                item.dimmed = d.marks.dimmed;
                if taken.is_free(&item.rect.expand(2.0)) {
                    taken.take(item.rect.expand(2.0));
                    edge_labels.push(item);
                    edge_label_kinds.push(d.kind);
                    break;
                }
            }
        }
    }

    // Added and removed items drawn, for the legend of a scenario's difference.
    let changes = opts.scenario.as_ref().map(|_| {
        let count = |c: Change| {
            systems.iter().filter(|s| s.marks.change == Some(c)).count()
                + dependencies
                    .iter()
                    .filter(|d| d.marks.change == Some(c))
                    .count()
        };
        (count(Change::Added), count(Change::Removed))
    });

    // The map's bounds in map units.
    let mut bounds = systems[0].rect;
    if let Some((r, _)) = backdrop {
        bounds = bounds.union(r);
    }
    for s in systems {
        bounds = bounds.union(&s.rect);
    }
    for g in &groups {
        bounds = bounds.union(&g.hull.bounds);
        for t in g.labels() {
            bounds = bounds.union(&t.rect);
        }
    }
    for t in owners.iter().chain(&edge_labels) {
        bounds = bounds.union(&t.rect);
    }
    for b in &badges {
        bounds = bounds.union(&b.rect());
    }
    for d in &dependencies {
        if let Some(c) = d.path.ctrl {
            bounds = bounds.include(quad(d.path.start, c, d.path.tip, 0.5));
        }
        for &v in &d.path.via {
            bounds = bounds.include(v);
        }
    }
    Dressed {
        bounds: bounds.expand(finite_or(theme.edge_width_px, 2.0)),
        dependencies,
        groups,
        badges,
        debt_open,
        owners,
        edge_labels,
        edge_label_kinds,
        changes,
    }
}

/// Each visible dependency's path: straight, or bowed sideways when several join the same pair
/// (either direction), exactly as the canvas fans them.
fn dependencies<'a>(
    scene: &Scene<'a>,
    systems: &[SystemItem<'a>],
    index: &HashMap<&str, usize>,
    opts: &ExportOptions,
) -> Vec<DependencyItem<'a>> {
    let theme = &opts.theme;
    let lanes = crate::layout::parallel_lanes(scene.ws, scene.dependencies.iter().copied());
    let arrow = finite_or(theme.arrow_px, 11.0);
    // Each drawn line's ends and lane, then bowed around boxes it would pass through.
    let lines: Vec<(&str, &Dependency, usize, usize, f32)> = scene
        .dependencies
        .iter()
        .filter_map(|id| {
            let d = scene.ws.dependencies.get(*id)?;
            let a = *index.get(d.from.as_str())?;
            let b = *index.get(d.to.as_str())?;
            Some((*id, d, a, b, lanes.get(id).copied().unwrap_or(0.0)))
        })
        .collect();
    let rects: Vec<Rect> = systems.iter().map(|s| s.rect).collect();
    let routed = super::route::detours(
        &rects,
        &lines.iter().map(|l| (l.2, l.3, l.4)).collect::<Vec<_>>(),
        1.0,
        arrow,
    );
    let mut out = Vec::with_capacity(lines.len());
    for (&(id, d, a, b, _), detour) in lines.iter().zip(routed) {
        let Some(path) =
            DependencyPath::routed(rects[a], rects[b], detour.lane, &detour.via, 1.0, arrow)
        else {
            continue;
        };
        out.push(DependencyItem {
            id,
            marks: Marks::of(id, opts),
            kind: d.kind,
            style: theme.edge(d.kind),
            breaker: d.circuit_breaker.then(|| path.breaker()),
            path,
        });
    }
    out
}

/// The hull of each group with drawn members, by group name, around the members' `footprints`
/// (their boxes with their owner lines, in the order of `systems`).
fn groups(
    ws: &Workspace,
    systems: &[SystemItem<'_>],
    footprints: &[Rect],
    unit: f32,
) -> Vec<(String, Hull)> {
    let mut members: BTreeMap<&str, Vec<Rect>> = BTreeMap::new();
    let mut others = Vec::new();
    for (s, r) in systems.iter().zip(footprints) {
        let group = ws.systems.get(s.id).map_or("", |sys| sys.group.trim());
        if group.is_empty() {
            others.push(*r);
        } else {
            members.entry(group).or_default().push(*r);
        }
    }
    let rects: Vec<Vec<Rect>> = members.values().cloned().collect();
    hull::group_hulls(&rects, &others, unit)
        .into_iter()
        .zip(members.keys())
        .filter_map(|(hull, name)| Some((one_line(name), hull?)))
        .collect()
}

/// The groups with their names placed among `obstacles` (see [`group_names`]).
fn name_groups(
    hulls: Vec<(String, Hull)>,
    obstacles: &Obstacles,
    unit: f32,
    small_px: f32,
    theme: &Theme,
) -> Vec<GroupItem> {
    let (names, mut hulls): (Vec<String>, Vec<Hull>) = hulls.into_iter().unzip();
    let sizes: Vec<P> = names
        .iter()
        .map(|n| group_names::name_size(n, small_px))
        .collect();
    group_names::place_names(&mut hulls, &sizes, obstacles, unit);
    names
        .into_iter()
        .zip(hulls)
        .map(|(name, hull)| {
            let text = |at: P| TextItem::left(name.clone(), at, small_px, theme.node_subtext);
            let also = hull.piece_labels.iter().map(|at| text(*at)).collect();
            let label = text(hull.label_at);
            GroupItem { hull, label, also }
        })
        .collect()
}

/// What a group's name keeps clear of on the export: the systems' boxes, the dependencies'
/// lines, arrowheads and fuses, the debt badges and the texts `labels`.
pub(super) fn obstacles(
    systems: &[SystemItem<'_>],
    dependencies: &[DependencyItem<'_>],
    badges: &[Badge<'_>],
    labels: &[TextItem],
    theme: &Theme,
) -> Obstacles {
    let width = finite_or(theme.edge_width_px, 2.0);
    let k = fuse_scale(width);
    let mut marks: Vec<Rect> = Vec::new();
    for d in dependencies {
        marks.push(d.path.arrowhead_rect());
        if let Some((at, dir)) = d.breaker {
            marks.push(fuse(at, dir, k).bounds());
        }
    }
    marks.extend(badges.iter().map(Badge::rect));
    Obstacles {
        boxes: systems.iter().map(|s| s.rect).collect(),
        lines: dependencies
            .iter()
            .map(|d| d.path.curve(CURVE_STEPS))
            .collect(),
        line_width: width,
        marks,
        labels: labels.iter().map(|t| t.rect).collect(),
        within: None,
    }
}
