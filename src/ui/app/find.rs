//! Find (Ctrl+F): systems whose name, owner or tags contain the query are highlighted, Enter
//! steps through them, Esc or ✕ closes.

use crate::ui::app::DepdigApp;

impl DepdigApp {
    /// Closes the find bar and undims the map (whatever dimmed it).
    pub(crate) fn close_find(&mut self) {
        self.panels.find = Default::default();
        self.view.clear_highlight();
        self.view_changed();
    }

    /// Highlights systems whose name, owner or tags contain the query (case-insensitive).
    pub(crate) fn update_find(&mut self) {
        let q = self.panels.find.query.trim().to_lowercase();
        if q.is_empty() {
            self.panels.find.matches.clear();
            self.view.clear_highlight();
        } else {
            self.panels.find.matches = self
                .doc
                .ws()
                .systems
                .values()
                .filter(|s| {
                    s.name.to_lowercase().contains(&q)
                        || s.owner.to_lowercase().contains(&q)
                        || s.tags.iter().any(|t| t.to_lowercase().contains(&q))
                })
                .map(|s| s.id.clone())
                .collect();
            let reason = format!("Find: “{}”", self.panels.find.query.trim());
            self.view
                .highlight_for(self.panels.find.matches.iter().cloned(), reason);
        }
        self.panels.find.current = 0;
        self.view_changed();
    }

    /// Centres the view on the next find match.
    pub(crate) fn find_next(&mut self) {
        if self.panels.find.matches.is_empty() {
            return;
        }
        let i = self.panels.find.current % self.panels.find.matches.len();
        self.panels.find.current = i + 1;
        let id = self.panels.find.matches[i].clone();
        if let Some(s) = self.scene.as_ref().and_then(|sc| sc.system(&id)) {
            self.canvas.camera.center = s.pos;
        }
        self.view.select_only(&id);
        self.view_changed();
    }
}
