//! What commands and canvas gestures do to the document and the view. Every document change is
//! an `ops` command applied through the document's history.

use std::collections::BTreeSet;

use egui::{Pos2, Vec2};

use crate::model::{
    CanvasPos, Dependency, DependencyType, System, SystemKind, Workspace, parse_dependency_id,
    slugify,
};
use crate::ops::{ItemRef, Op};
use crate::ui::app::DepdigApp;
use crate::ui::app::capture::KindChoice;
use crate::ui::app::dialogs::{Dialog, NameTarget};
use crate::ui::commands::UiCommand;

/// A system id not used yet, from a name: "Order service" → "order-service", "order-service-2" …
pub fn fresh_id(ws: &Workspace, name: &str) -> String {
    crate::model::unique_id(slugify(name), |id| ws.systems.contains_key(id))
}

/// `p`, or the nearest point on a spiral around it that no system occupies, so adding several
/// systems in a row does not stack them.
fn free_spot(ws: &Workspace, p: Pos2) -> Pos2 {
    let taken = |q: Pos2| {
        ws.systems
            .values()
            .filter_map(|s| s.pos)
            .any(|s| (s.x - q.x).abs() < 110.0 && (s.y - q.y).abs() < 60.0)
    };
    let golden = std::f32::consts::PI * (3.0 - 5f32.sqrt());
    (0..500)
        .map(|i| {
            let r = 70.0 * (i as f32).sqrt();
            let a = i as f32 * golden;
            p + Vec2::new(r * a.cos() * 1.6, r * a.sin())
        })
        .find(|q| !taken(*q))
        .unwrap_or(p)
}

impl DepdigApp {
    /// Applies an edit and reports a refusal in the status bar (never panics on bad input).
    pub(crate) fn edit(&mut self, op: Op, label: &str) -> bool {
        match self.doc.apply(op, label) {
            Ok(()) => {
                self.status = label.to_owned();
                true
            }
            Err(e) => {
                self.status = format!("{label}: not done — {e}");
                false
            }
        }
    }

    /// Why `cmd` cannot run now (read-only), or `None`. Menus and the toolbar disable it and
    /// show this as its tooltip.
    pub(crate) fn refusal(&self, cmd: UiCommand) -> Option<&'static str> {
        self.gate().refusal(cmd)
    }

    /// Asks for the name of a system to add at `p` (canvas units).
    pub(crate) fn add_system_at(&mut self, p: Pos2) {
        self.dialog = Some(Dialog::Name {
            target: NameTarget::New(p),
            text: String::new(),
            focus: true,
            kind: KindChoice::default(),
        });
    }

    /// Asks for the name of a new system at `at` (canvas units) that `from` needs: the connect
    /// handle was dropped on empty canvas. Nothing is added unless it is named.
    pub(crate) fn add_system_needed_by_at(&mut self, from: String, at: Pos2) {
        if self.read_only {
            self.status = "Read-only: nothing is added (View › Read-only allows editing)".into();
            return;
        }
        if crate::ui::canvas::group_of_node(&from).is_some() {
            self.status =
                "A collapsed group needs nothing itself: expand it and drag from one of its systems"
                    .into();
            return;
        }
        self.dialog = Some(Dialog::Name {
            target: NameTarget::NewNeededBy {
                at,
                from,
                dependency: self.last_connect_type,
            },
            text: String::new(),
            focus: true,
            kind: KindChoice::default(),
        });
    }

    /// A system named `name` of `kind` near `p`, with an id made from the name.
    fn new_system(&self, p: Pos2, name: &str, kind: SystemKind) -> System {
        let p = free_spot(self.doc.ws(), p);
        let mut s = System::new(fresh_id(self.doc.ws(), name), name).with_kind(kind);
        s.pos = Some(CanvasPos::new(p.x, p.y));
        s
    }

    /// Adds a system named `name` of `kind` near `p`, with an id made from the name.
    pub(crate) fn add_named_system(&mut self, p: Pos2, name: &str, kind: SystemKind) {
        let s = self.new_system(p, name, kind);
        let id = s.id.clone();
        if self.edit(Op::Add(s.into()), "Add system") {
            self.view.select_only(&id);
            self.view_changed();
        }
    }

    /// Adds a system near `p` and the dependency of `from` on it, as one undo step.
    pub(crate) fn add_system_needed_by(
        &mut self,
        p: Pos2,
        name: &str,
        kind: SystemKind,
        from: &str,
        dependency: DependencyType,
    ) {
        let s = self.new_system(p, name, kind);
        let id = s.id.clone();
        let dep = Dependency::new(from, id.clone(), dependency);
        let ops = vec![Op::Add(s.into()), Op::Add(dep.into())];
        self.last_connect_type = dependency;
        if self.edit(Op::Batch(ops), "Add system and dependency") {
            self.view.select_only(&id);
            self.view_changed();
        }
    }

    pub(crate) fn start_rename(&mut self, id: &str) {
        if let Some(s) = self.doc.ws().systems.get(id) {
            self.dialog = Some(Dialog::Name {
                target: NameTarget::Existing(id.to_owned()),
                text: s.name.clone(),
                focus: true,
                kind: KindChoice {
                    kind: s.kind,
                    chosen: true,
                    guessed: false,
                },
            });
        }
    }

    pub(crate) fn rename(&mut self, id: &str, name: &str) {
        let Some(mut s) = self.doc.ws().systems.get(id).cloned() else {
            return;
        };
        if name.trim().is_empty() || s.name == name {
            return;
        }
        s.name = name.trim().to_owned();
        self.edit(Op::Update(s.into()), "Rename system");
    }

    pub(crate) fn connect(&mut self, from: &str, to: &str, kind: DependencyType) {
        self.last_connect_type = kind;
        let dep = Dependency::new(from, to, kind);
        let id = dep.id();
        if self.doc.ws().dependencies.contains_key(&id) {
            self.status = format!(
                "{} already depends on {} ({})",
                self.doc.ws().system_name(from),
                self.doc.ws().system_name(to),
                kind.label()
            );
            return;
        }
        if self.edit(Op::Add(dep.into()), "Add dependency") {
            self.view.select_only(&id);
            self.view_changed();
        }
    }

    /// What deleting the selection takes with it, for the confirmation.
    pub(crate) fn delete_preview(&self) -> (Vec<String>, Vec<String>) {
        let systems: BTreeSet<&String> = self.view.selected_systems().collect();
        let mut deps: BTreeSet<String> = self.view.selected_dependencies().cloned().collect();
        for id in &systems {
            deps.extend(self.doc.ws().dependencies_touching(id));
        }
        (
            systems.into_iter().cloned().collect(),
            deps.into_iter().collect(),
        )
    }

    pub(crate) fn delete_selection(&mut self) {
        let (systems, deps) = self.delete_preview();
        let mut ops: Vec<Op> = deps
            .iter()
            .filter(|d| {
                // Dependencies of removed systems go with them.
                parse_dependency_id(d).is_some_and(|(f, t, _)| {
                    !systems.contains(&f.to_owned()) && !systems.contains(&t.to_owned())
                })
            })
            .map(|d| Op::Remove(ItemRef::dependency(d)))
            .collect();
        ops.extend(systems.iter().map(|s| Op::Remove(ItemRef::system(s))));
        if ops.is_empty() {
            return;
        }
        let label = match (systems.len(), deps.len()) {
            (0, 1) => "Delete dependency".to_owned(),
            (1, _) => "Delete system".to_owned(),
            (s, 0) => format!("Delete {}", crate::text::plural(s, "system", "systems")),
            (0, d) => format!(
                "Delete {}",
                crate::text::plural(d, "dependency", "dependencies")
            ),
            (s, d) => format!(
                "Delete {} and {}",
                crate::text::plural(s, "system", "systems"),
                crate::text::plural(d, "dependency", "dependencies")
            ),
        };
        if self.edit(Op::Batch(ops), &label) {
            self.view.selection.clear();
            self.view_changed();
        }
    }

    /// Pans the least that shows the system the cascade being played reached last, with room
    /// round it for its note; a system on the screen already keeps the camera where it is (the
    /// camera follows the failure without jumping at every step, and a fitted map stays whole).
    pub(crate) fn follow_cascade(&mut self) {
        let (Some(scene), Some(player)) = (&self.scene, &self.panels.findings.cascade) else {
            return;
        };
        let Some(last) = player
            .cascade
            .steps
            .get(player.shown.saturating_sub(1))
            .and_then(|s| scene.system(&s.system))
        else {
            return;
        };
        let view = self.canvas.view_rect;
        if self.canvas.camera.follow(view, last.canvas_rect()) {
            self.canvas.cancel_fit();
        }
    }

    pub(crate) fn zoom_to_selection(&mut self) {
        let Some(scene) = &self.scene else { return };
        let mut ids: BTreeSet<String> = self.view.selected_systems().cloned().collect();
        for d in self.view.selected_dependencies() {
            if let Some((f, t, _)) = parse_dependency_id(d) {
                ids.insert(f.to_owned());
                ids.insert(t.to_owned());
            }
        }
        let bounds = ids
            .iter()
            .filter_map(|id| scene.system(id))
            .map(crate::ui::canvas::shapes::SystemShape::canvas_rect)
            .reduce(egui::Rect::union);
        if let Some(b) = bounds {
            let view = self.canvas.view_rect;
            self.canvas.camera.fit(b.expand(80.0), view);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_ids_do_not_collide() {
        let mut ws = Workspace::new("t");
        assert_eq!(fresh_id(&ws, "New system"), "new-system");
        ws.systems
            .insert("new-system".into(), System::new("new-system", "x"));
        assert_eq!(fresh_id(&ws, "New system"), "new-system-2");
    }
}
