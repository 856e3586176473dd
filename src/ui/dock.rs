//! The docked workspace (egui_tiles): the map is the main tab and never closes; every panel is a
//! tab that can be docked beside it, stacked with others, split, floated into its own window or
//! closed. Three arrangements to start from (View ▸ Layout). This module only arranges panes; the
//! app draws what is in them.

use egui_tiles::{Container, Linear, LinearDir, SimplificationOptions, Tile, TileId, Tiles, Tree};

/// One dockable thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Pane {
    /// The map. Always there.
    Canvas,
    Inspector,
    Legend,
    Findings,
    /// The cascade timeline ("what if … is down?").
    Cascade,
    Debt,
    Failures,
    Views,
    Facilitation,
    /// The roadmap's phases, stepping through them, the risk trend.
    Roadmap,
    /// Every canary rollout, and the production-check coverage.
    Rollouts,
}

impl Pane {
    /// Every panel (not the map), in the order the View menu lists them.
    pub const PANELS: [Pane; 10] = [
        Pane::Inspector,
        Pane::Legend,
        Pane::Findings,
        Pane::Cascade,
        Pane::Debt,
        Pane::Failures,
        Pane::Views,
        Pane::Facilitation,
        Pane::Roadmap,
        Pane::Rollouts,
    ];

    /// Which stack beside the map a panel joins when opened: 0 the inspector's (top), 1 the
    /// lists' (middle), 2 the legend's (bottom).
    fn home(self) -> u8 {
        match self {
            Pane::Canvas | Pane::Inspector | Pane::Views => 0,
            Pane::Findings
            | Pane::Cascade
            | Pane::Debt
            | Pane::Failures
            | Pane::Facilitation
            | Pane::Roadmap
            | Pane::Rollouts => 1,
            Pane::Legend => 2,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Pane::Canvas => "Map",
            Pane::Inspector => "Inspector",
            Pane::Legend => "Legend",
            Pane::Findings => "Findings",
            Pane::Cascade => "Cascade",
            Pane::Debt => "Debt register",
            Pane::Failures => "Failure modes",
            Pane::Views => "Views",
            Pane::Facilitation => "Prompts",
            Pane::Roadmap => "Roadmap",
            Pane::Rollouts => "Rollouts",
        }
    }
}

/// A starting arrangement (View ▸ Layout).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// The first start: the map, the inspector and the legend.
    Standard,
    /// The map, the inspector and the facilitation prompts.
    Facilitate,
    /// The map, findings, the cascade timeline and the debt register.
    Analyse,
    /// The map alone.
    Present,
}

impl Layout {
    pub const ALL: [Layout; 4] = [
        Layout::Standard,
        Layout::Facilitate,
        Layout::Analyse,
        Layout::Present,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Layout::Standard => "Standard",
            Layout::Facilitate => "Facilitate",
            Layout::Analyse => "Analyse",
            Layout::Present => "Present",
        }
    }

    pub fn tooltip(self) -> &'static str {
        match self {
            Layout::Standard => "The map with the inspector and the legend",
            Layout::Facilitate => "The map with the inspector and the facilitation prompts",
            Layout::Analyse => "The map with findings, the cascade timeline and the debt register",
            Layout::Present => "The map alone",
        }
    }

    fn panes(self) -> &'static [Pane] {
        match self {
            Layout::Standard => &[Pane::Inspector, Pane::Legend],
            Layout::Facilitate => &[Pane::Inspector, Pane::Facilitation],
            Layout::Analyse => &[Pane::Findings, Pane::Cascade, Pane::Debt],
            Layout::Present => &[],
        }
    }
}

/// The map's share of the width when panels dock beside it (3 : 1, so three tabs at 1280 px
/// leave the map about 950 px).
const CANVAS_SHARE: f32 = 3.0;
const SIDE_SHARE: f32 = 1.0;

/// The arrangement: a tile tree and the panes floated into their own windows.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Dock {
    pub tree: Tree<Pane>,
    #[serde(default)]
    pub floating: Vec<Pane>,
}

impl Default for Dock {
    fn default() -> Self {
        Dock::with_layout(Layout::Standard)
    }
}

impl Dock {
    /// Simplification that keeps a tab bar over every pane (its title, close and float buttons).
    pub fn simplification() -> SimplificationOptions {
        SimplificationOptions {
            all_panes_must_have_tabs: true,
            ..Default::default()
        }
    }

    /// The map with `layout`'s panels in a column to its right.
    pub fn with_layout(layout: Layout) -> Dock {
        let mut tiles = Tiles::default();
        let canvas = tiles.insert_pane(Pane::Canvas);
        let root = tiles.insert_tab_tile(vec![canvas]);
        let mut dock = Dock {
            tree: Tree::new("dock", root, tiles),
            floating: Vec::new(),
        };
        for pane in layout.panes() {
            dock.open(*pane);
        }
        // The first panel of each stack is the one in front.
        for pane in layout.panes().iter().rev() {
            dock.open(*pane);
        }
        dock
    }

    /// A saved arrangement is used only when it still has the map (else the default).
    pub fn checked(mut self) -> Dock {
        if self.tree.tiles.find_pane(&Pane::Canvas).is_none() {
            return Dock::default();
        }
        self.floating.retain(|p| *p != Pane::Canvas);
        self.floating.dedup();
        self
    }

    /// Whether `pane` shows, docked or floating.
    pub fn is_open(&self, pane: Pane) -> bool {
        self.floating.contains(&pane) || self.tree.tiles.find_pane(&pane).is_some()
    }

    /// Whether `pane` is docked and its tab is the one shown in its stack.
    pub fn is_visible(&self, pane: Pane) -> bool {
        self.floating.contains(&pane)
            || self
                .tree
                .tiles
                .find_pane(&pane)
                .is_some_and(|id| self.tree.active_tiles().contains(&id))
    }

    /// Opens `pane` (or brings its tab to the front). It joins the stack of its kind in the
    /// column beside the map (the inspector's, the lists', the legend's), or starts that stack.
    pub fn open(&mut self, pane: Pane) {
        if self.floating.contains(&pane) {
            return;
        }
        if let Some(id) = self.tree.tiles.find_pane(&pane) {
            self.tree.make_active(|tile, _| tile == id);
            return;
        }
        let id = self.tree.tiles.insert_pane(pane);
        if let Some(stack) = self.stack_for(pane.home())
            && let Some(Tile::Container(Container::Tabs(t))) = self.tree.tiles.get_mut(stack)
        {
            t.add_child(id);
            t.set_active(id);
            return;
        }
        let stack = self.tree.tiles.insert_tab_tile(vec![id]);
        self.add_stack(stack, pane.home());
    }

    /// Closes `pane` wherever it is (the map never closes).
    pub fn close(&mut self, pane: Pane) {
        if pane == Pane::Canvas {
            return;
        }
        self.floating.retain(|p| *p != pane);
        self.take_out(pane);
    }

    /// Takes `pane`'s tab out of the tree (and the stacks it leaves empty).
    fn take_out(&mut self, pane: Pane) {
        if let Some(id) = self.tree.tiles.find_pane(&pane) {
            self.tree.remove_recursively(id);
            self.tree.simplify(&Dock::simplification());
        }
    }

    /// Closes `pane` if it shows; otherwise opens it or brings its tab to the front (a panel
    /// hidden behind another tab is shown, not closed).
    pub fn toggle(&mut self, pane: Pane) {
        if self.is_visible(pane) {
            self.close(pane);
        } else {
            self.open(pane);
        }
    }

    /// Takes `pane` out of the dock into its own window.
    pub fn float(&mut self, pane: Pane) {
        if pane == Pane::Canvas || self.floating.contains(&pane) {
            return;
        }
        self.take_out(pane);
        self.floating.push(pane);
    }

    /// Puts a floating `pane` back into the dock.
    pub fn dock_back(&mut self, pane: Pane) {
        if self.floating.contains(&pane) {
            self.floating.retain(|p| *p != pane);
            self.open(pane);
        }
    }

    /// The pane in tile `id`.
    pub fn pane(&self, id: TileId) -> Option<Pane> {
        match self.tree.tiles.get(id) {
            Some(Tile::Pane(p)) => Some(*p),
            _ => None,
        }
    }

    /// The home (see [`Pane::home`]) of a stack: of its first pane.
    fn stack_home(&self, stack: TileId) -> Option<u8> {
        match self.tree.tiles.get(stack) {
            Some(Tile::Container(Container::Tabs(t))) => t
                .children
                .iter()
                .find_map(|c| self.pane(*c))
                .map(Pane::home),
            _ => None,
        }
    }

    /// The stacks of tabs without the map in them, oldest first.
    fn side_stacks(&self) -> Vec<TileId> {
        let canvas = self.tree.tiles.find_pane(&Pane::Canvas);
        let mut ids: Vec<TileId> = self
            .tree
            .tiles
            .iter()
            .filter(|(_, t)| {
                matches!(t, Tile::Container(Container::Tabs(tabs))
                    if !tabs.children.is_empty()
                        && !canvas.is_some_and(|c| tabs.children.contains(&c)))
            })
            .map(|(id, _)| *id)
            .collect();
        ids.sort_by_key(|id| id.0);
        ids
    }

    /// The stack holding panels of `home`, if one is open.
    fn stack_for(&self, home: u8) -> Option<TileId> {
        self.side_stacks()
            .into_iter()
            .find(|s| self.stack_home(*s) == Some(home))
    }

    /// Adds a new stack to the column beside the map, ordered by home (top to bottom); starts
    /// the column when there is none.
    fn add_stack(&mut self, stack: TileId, home: u8) {
        let Some(other) = self.side_stacks().into_iter().find(|s| *s != stack) else {
            self.dock_beside_map(stack);
            return;
        };
        let parent = self.tree.tiles.parent_of(other);
        let column = match parent.and_then(|p| self.tree.tiles.get(p)) {
            Some(Tile::Container(Container::Linear(l))) if l.dir == LinearDir::Vertical => parent,
            _ => None,
        };
        let Some(column) = column.or_else(|| self.make_column(parent, other)) else {
            // Not where it was expected: start a column of its own instead.
            self.dock_beside_map(stack);
            return;
        };
        let homes: Vec<Option<u8>> = match self.tree.tiles.get(column) {
            Some(Tile::Container(Container::Linear(l))) => {
                l.children.iter().map(|c| self.stack_home(*c)).collect()
            }
            _ => return,
        };
        let at = homes
            .iter()
            .filter(|h| h.is_some_and(|h| h <= home))
            .count();
        if let Some(Tile::Container(Container::Linear(l))) = self.tree.tiles.get_mut(column) {
            l.children.insert(at.min(l.children.len()), stack);
            // The inspector gets the most room, the legend the least.
            l.shares
                .set_share(stack, [1.4, 1.0, 0.45][usize::from(home.min(2))]);
        }
    }

    /// Makes the stack `other` (a child of `parent`, or the root) the first of a new column of
    /// stacks; `None` when `other` is not where it was expected.
    fn make_column(&mut self, parent: Option<TileId>, other: TileId) -> Option<TileId> {
        let column = self
            .tree
            .tiles
            .insert_container(Container::Linear(Linear::new(
                LinearDir::Vertical,
                vec![other],
            )));
        let replaced = if let Some(p) = parent {
            if let Some(Tile::Container(c)) = self.tree.tiles.get_mut(p) {
                c.replace_child(other, column).is_some()
            } else {
                false
            }
        } else {
            self.tree.root = Some(column);
            true
        };
        if !replaced {
            self.tree.tiles.remove(column);
            return None;
        }
        Some(column)
    }

    /// Puts tile `id` to the right of the map, with a quarter of the width.
    fn dock_beside_map(&mut self, side: TileId) {
        let Some(root) = self.tree.root() else {
            self.tree.root = Some(side);
            return;
        };
        if let Some(Tile::Container(Container::Linear(l))) = self.tree.tiles.get_mut(root)
            && l.dir == LinearDir::Horizontal
        {
            // The new column takes a quarter of the width, whatever the others share.
            let total: f32 = l.children.iter().map(|c| l.shares[*c]).sum();
            l.add_child(side);
            l.shares.set_share(side, total * SIDE_SHARE / CANVAS_SHARE);
            return;
        }
        let mut linear = Linear::new(LinearDir::Horizontal, vec![root, side]);
        linear.shares.set_share(root, CANVAS_SHARE);
        linear.shares.set_share(side, SIDE_SHARE);
        let new_root = self.tree.tiles.insert_container(Container::Linear(linear));
        self.tree.root = Some(new_root);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layouts_hold_their_panels_and_the_map() {
        let d = Dock::with_layout(Layout::Facilitate);
        assert!(d.is_open(Pane::Canvas));
        assert!(d.is_open(Pane::Inspector) && d.is_open(Pane::Facilitation));
        assert!(!d.is_open(Pane::Findings));
        let d = Dock::with_layout(Layout::Analyse);
        for p in [Pane::Findings, Pane::Cascade, Pane::Debt] {
            assert!(d.is_open(p), "{p:?}");
        }
        assert!(!d.is_open(Pane::Inspector));
        let d = Dock::with_layout(Layout::Present);
        assert!(Pane::PANELS.iter().all(|p| !d.is_open(*p)));
        assert!(d.is_open(Pane::Canvas));
    }

    #[test]
    fn open_close_float_and_dock_back() {
        let mut d = Dock::with_layout(Layout::Present);
        d.open(Pane::Findings);
        d.open(Pane::Debt);
        assert!(d.is_open(Pane::Findings) && d.is_open(Pane::Debt));
        // Both went to the same stack beside the map: the newest is in front.
        assert!(d.is_visible(Pane::Debt) && !d.is_visible(Pane::Findings));
        // Findings are behind the register: the toggle brings them to the front…
        d.toggle(Pane::Findings);
        assert!(d.is_visible(Pane::Findings) && d.is_open(Pane::Debt));
        // …and closes them once they show.
        d.toggle(Pane::Findings);
        assert!(!d.is_open(Pane::Findings));
        d.open(Pane::Findings);
        d.toggle(Pane::Debt);
        d.toggle(Pane::Debt);
        assert!(!d.is_open(Pane::Debt));
        d.float(Pane::Findings);
        assert_eq!(d.floating, vec![Pane::Findings]);
        assert!(d.is_open(Pane::Findings));
        assert!(d.tree.tiles.find_pane(&Pane::Findings).is_none());
        d.dock_back(Pane::Findings);
        assert!(d.floating.is_empty() && d.tree.tiles.find_pane(&Pane::Findings).is_some());
        d.close(Pane::Canvas);
        assert!(d.is_open(Pane::Canvas), "the map never closes");
    }

    #[test]
    fn a_saved_arrangement_round_trips_and_one_without_the_map_is_refused() {
        let mut d = Dock::with_layout(Layout::Analyse);
        d.float(Pane::Debt);
        let json = serde_json::to_string(&d).unwrap();
        let back: Dock = serde_json::from_str::<Dock>(&json).unwrap().checked();
        assert!(back.is_open(Pane::Findings) && back.floating == vec![Pane::Debt]);
        let mut broken = d.clone();
        let id = broken.tree.tiles.find_pane(&Pane::Canvas).unwrap();
        broken.tree.tiles.remove(id);
        assert!(
            broken.checked().is_open(Pane::Inspector),
            "default layout instead"
        );
    }
}
