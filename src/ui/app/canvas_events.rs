//! What the user did on the canvas this frame, turned into edits and view changes: selection,
//! drags (held under the pointer while the layout runs; move + pin one undo step), adding,
//! renaming and connecting.

use std::collections::{BTreeMap, BTreeSet};

use egui::{Pos2, Vec2};

use crate::model::CanvasPos;
use crate::ops::Op;
use crate::ui::app::DepdigApp;
use crate::ui::app::dialogs::Dialog;
use crate::ui::canvas::CanvasEvent;
use crate::ui::gate::READ_ONLY_WHY;

impl DepdigApp {
    pub(crate) fn handle_canvas_event(&mut self, event: CanvasEvent) {
        if self.read_only
            && matches!(
                event,
                CanvasEvent::MoveSelection { .. }
                    | CanvasEvent::AddSystemAt(_)
                    | CanvasEvent::Connect { .. }
            )
        {
            self.status = READ_ONLY_WHY.to_owned();
            return;
        }
        if std::env::var_os("DEPDIG_DEBUG_EVENTS").is_some() {
            eprintln!("canvas event: {event:?}");
        }
        match event {
            CanvasEvent::Select { id, additive } => {
                if additive {
                    self.view.toggle(&id);
                } else {
                    self.view.select_only(&id);
                }
                self.view_changed();
            }
            CanvasEvent::SelectMany { ids, additive } => {
                if !additive {
                    self.view.selection.clear();
                }
                self.view.selection.extend(ids);
                self.view_changed();
            }
            CanvasEvent::ClearSelection => {
                if !self.view.selection.is_empty() {
                    self.view.selection.clear();
                    self.view_changed();
                }
            }
            CanvasEvent::MoveSelection { delta } => self.move_selection(delta, "drag"),
            CanvasEvent::MoveEnded => {
                // A dragged system stays where it was put: pin it, in the same undo step as
                // the move (the drag's step is still open under the key "drag").
                let pins: BTreeMap<String, bool> = self
                    .view
                    .selected_systems()
                    .filter(|id| self.doc.ws().systems.get(*id).is_some_and(|s| !s.pinned))
                    .map(|id| (id.clone(), true))
                    .collect();
                if !pins.is_empty()
                    && let Err(e) = self.doc.apply_merging(Op::PinSystems(pins), "Move", "drag")
                {
                    self.status = format!("Not pinned: {e}");
                }
                self.doc.history.close_merge();
                if let Some(live) = &mut self.live {
                    live.release(&self.doc);
                }
            }
            CanvasEvent::AddSystemAt(p) => self.add_system_at(p),
            CanvasEvent::AddNeededBy { from, at } => self.add_system_needed_by_at(from, at),
            CanvasEvent::Rename(id) => match crate::ui::canvas::group_of_node(&id) {
                Some(group) => self.apply_from(|app, out| {
                    crate::ui::views_panel::toggle_group(&app.view, group, out);
                }),
                None if self.read_only => self.status = READ_ONLY_WHY.to_owned(),
                None => self.start_rename(&id),
            },
            CanvasEvent::Connect { from, to } => {
                self.dialog = Some(Dialog::ConnectType {
                    from,
                    to,
                    kind: self.last_connect_type,
                });
            }
            CanvasEvent::Command(cmd) => self.run_command(cmd),
        }
    }

    pub(crate) fn move_selection(&mut self, delta: Vec2, key: &str) {
        // A collapsed group's node moves every system in the group.
        let mut ids: BTreeSet<String> = BTreeSet::new();
        for id in self.view.selected_systems() {
            match crate::ui::canvas::group_of_node(id) {
                Some(group) => ids.extend(
                    self.doc
                        .ws()
                        .systems
                        .values()
                        .filter(|s| s.group.trim() == group)
                        .map(|s| s.id.clone()),
                ),
                None => {
                    ids.insert(id.clone());
                }
            }
        }
        let moves: BTreeMap<String, Option<CanvasPos>> = ids
            .iter()
            .filter_map(|id| {
                let s = self.doc.ws().systems.get(id)?;
                let p = self
                    .scene
                    .as_ref()
                    .and_then(|sc| sc.system(id))
                    .map_or_else(
                        || s.pos.map_or(Pos2::ZERO, |p| Pos2::new(p.x, p.y)),
                        |shape| shape.pos,
                    );
                Some((
                    id.clone(),
                    Some(CanvasPos::new(p.x + delta.x, p.y + delta.y)),
                ))
            })
            .collect();
        self.move_scenario_systems(&ids, delta, key);
        if moves.is_empty() {
            return;
        }
        let label = if moves.len() == 1 {
            "Move system".to_owned()
        } else {
            format!("Move {} systems", moves.len())
        };
        if let Err(e) = self.doc.apply_merging(Op::MoveSystems(moves), label, key) {
            self.status = format!("Move: not done — {e}");
        }
        // While the layout runs, what is dragged stays under the pointer.
        if key == "drag"
            && let Some(live) = &mut self.live
        {
            live.hold(ids.iter().map(String::as_str));
        }
    }

    /// Systems the shown scenario (or the roadmap phases up to the step shown) adds live in the
    /// scenario, not on the map: moving them updates it (one undo step per drag, like any move).
    fn move_scenario_systems(&mut self, ids: &BTreeSet<String>, delta: Vec2, key: &str) {
        let ws = self.doc.ws();
        let shown: Vec<&String> = match (&self.view.scenario, self.view.shown_step(ws)) {
            (Some((id, _)), _) => vec![id],
            (None, Some(k)) => ws.roadmap[..k].iter().rev().map(|p| &p.scenario).collect(),
            (None, None) => Vec::new(),
        };
        // Each system moves in the latest scenario that adds it.
        let mut left: BTreeSet<&String> = ids
            .iter()
            .filter(|id| !ws.systems.contains_key(*id))
            .collect();
        let mut updates = Vec::new();
        for scenario in shown.into_iter().filter_map(|id| ws.scenarios.get(id)) {
            let mut scenario = scenario.clone();
            let mut moved = false;
            for s in &mut scenario.added_systems {
                if left.remove(&s.id) {
                    let p = s.pos.map_or(Pos2::ZERO, |p| Pos2::new(p.x, p.y));
                    s.pos = Some(CanvasPos::new(p.x + delta.x, p.y + delta.y));
                    moved = true;
                }
            }
            if moved {
                updates.push((scenario.name.clone(), Op::Update(scenario.into())));
            }
        }
        if updates.is_empty() {
            return;
        }
        let names: Vec<&str> = updates.iter().map(|(n, _)| n.as_str()).collect();
        let label = format!("Move in scenario {}", names.join(", "));
        let op = Op::Batch(updates.into_iter().map(|(_, op)| op).collect());
        if let Err(e) = self.doc.apply_merging(op, label, key) {
            self.status = format!("Move: not done — {e}");
        }
    }

    pub(crate) fn nudge(&mut self, delta: Vec2) {
        self.move_selection(delta, "nudge");
    }
}
