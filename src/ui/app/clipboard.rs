//! Copy, paste and duplicate: the selected systems and the dependencies among them, pasted with
//! new ids as one undo step.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{CanvasPos, System};
use crate::ops::Op;
use crate::ui::app::editing::fresh_id;
use crate::ui::app::{Clip, DepdigApp};

impl DepdigApp {
    pub(crate) fn copy_selection(&mut self) -> Clip {
        let ids: BTreeSet<&String> = self.view.selected_systems().collect();
        Clip {
            systems: ids
                .iter()
                .filter_map(|id| self.doc.ws().systems.get(*id).cloned())
                .collect(),
            dependencies: self
                .doc
                .ws()
                .dependencies
                .values()
                .filter(|d| ids.contains(&d.from) && ids.contains(&d.to))
                .cloned()
                .collect(),
        }
    }

    /// Pastes a clip with new ids, offset so the copies are visible beside the originals.
    pub(crate) fn paste(&mut self, clip: &Clip, label: &str) {
        if clip.systems.is_empty() {
            self.status = "Nothing to paste: copy systems first (Ctrl+C)".into();
            return;
        }
        let mut scratch = self.doc.ws().clone();
        let mut renamed = BTreeMap::new();
        let mut ops = Vec::new();
        for s in &clip.systems {
            let id = fresh_id(&scratch, &s.id);
            scratch
                .systems
                .insert(id.clone(), System::new(id.clone(), "x"));
            let mut copy = s.clone();
            copy.id.clone_from(&id);
            copy.pos = s.pos.map(|p| CanvasPos::new(p.x + 40.0, p.y + 40.0));
            renamed.insert(s.id.clone(), id);
            ops.push(Op::Add(copy.into()));
        }
        for d in &clip.dependencies {
            let (Some(from), Some(to)) = (renamed.get(&d.from), renamed.get(&d.to)) else {
                continue;
            };
            let mut copy = d.clone();
            copy.from.clone_from(from);
            copy.to.clone_from(to);
            ops.push(Op::Add(copy.into()));
        }
        if self.edit(Op::Batch(ops), label) {
            self.view.selection = renamed.into_values().collect();
            self.view_changed();
        }
    }
}
