//! Undo/redo. History lives beside the document and is never saved with it.

use super::{Op, OpError, apply};
use crate::model::Workspace;

/// How many steps are kept (as rerun does).
pub const HISTORY_LIMIT: usize = 100;

#[derive(Debug, Clone)]
struct Entry {
    label: String,
    forward: Op,
    inverse: Op,
    /// Steps with the same open key merge into one (a drag is one step).
    merge_key: Option<String>,
    /// Identifies the document state this entry leads to, for the dirty marker.
    state: u64,
}

/// Undo/redo stacks over `ops` commands, bounded to [`HISTORY_LIMIT`] steps.
#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<Entry>,
    redo: Vec<Entry>,
    next_state: u64,
    saved_state: u64,
    /// The state below the oldest kept step (steps past the limit are dropped, but what they
    /// did stays in the document, so the bottom of the stack is not the state at opening).
    floor_state: u64,
    /// The merge key of the step still open for merging.
    open_key: Option<String>,
    /// Every edit, undo and redo is refused (a stakeholder browsing a shared file).
    read_only: bool,
}

impl History {
    pub fn new() -> Self {
        History {
            next_state: 1,
            ..Default::default()
        }
    }

    /// Applies `op` as one undoable step labelled `label` ("Add system", "Move 3 systems").
    pub fn apply(
        &mut self,
        ws: &mut Workspace,
        op: Op,
        label: impl Into<String>,
    ) -> Result<(), OpError> {
        self.refuse_if_read_only()?;
        self.open_key = None;
        let inverse = apply(ws, op.clone())?;
        self.push(Entry {
            label: label.into(),
            forward: op,
            inverse,
            merge_key: None,
            state: 0,
        });
        Ok(())
    }

    /// Applies `op` and merges it into the previous step while that step is open under the same
    /// `key`, so a drag or a burst of typing is one undo step. [`History::close_merge`] ends it.
    pub fn apply_merging(
        &mut self,
        ws: &mut Workspace,
        op: Op,
        label: impl Into<String>,
        key: &str,
    ) -> Result<(), OpError> {
        self.refuse_if_read_only()?;
        let inverse = apply(ws, op.clone())?;
        let merge = self.open_key.as_deref() == Some(key)
            && self
                .undo
                .last()
                .is_some_and(|e| e.merge_key.as_deref() == Some(key));
        if let (true, Some(top)) = (merge, self.undo.last_mut()) {
            // A merged step leads to a new document state: a save in the middle of a typing
            // burst must not make the rest of the burst look saved.
            top.state = self.next_state;
            self.next_state += 1;
            top.forward = merge_ops(
                std::mem::replace(&mut top.forward, Op::Batch(Vec::new())),
                op,
                false,
            );
            top.inverse = merge_ops(
                std::mem::replace(&mut top.inverse, Op::Batch(Vec::new())),
                inverse,
                true,
            );
            self.redo.clear();
        } else {
            self.push(Entry {
                label: label.into(),
                forward: op,
                inverse,
                merge_key: Some(key.to_owned()),
                state: 0,
            });
            self.open_key = Some(key.to_owned());
        }
        Ok(())
    }

    /// Makes every later edit, undo and redo fail with [`OpError::ReadOnly`] (or allows them
    /// again). The history itself is kept, so leaving read-only mode can still undo.
    pub fn set_read_only(&mut self, read_only: bool) {
        self.read_only = read_only;
        self.open_key = None;
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    fn refuse_if_read_only(&self) -> Result<(), OpError> {
        if self.read_only {
            Err(OpError::ReadOnly)
        } else {
            Ok(())
        }
    }

    /// Ends the step open for merging (pointer released, field left).
    pub fn close_merge(&mut self) {
        self.open_key = None;
    }

    fn push(&mut self, mut entry: Entry) {
        entry.state = self.next_state;
        self.next_state += 1;
        self.undo.push(entry);
        if self.undo.len() > HISTORY_LIMIT {
            let dropped = self.undo.remove(0);
            self.floor_state = dropped.state;
        }
        self.redo.clear();
    }

    /// Undoes the last step; returns its label.
    pub fn undo(&mut self, ws: &mut Workspace) -> Result<Option<String>, OpError> {
        self.refuse_if_read_only()?;
        self.open_key = None;
        let Some(entry) = self.undo.pop() else {
            return Ok(None);
        };
        match apply(ws, entry.inverse.clone()) {
            Ok(_) => {
                let label = entry.label.clone();
                self.redo.push(entry);
                Ok(Some(label))
            }
            Err(e) => {
                self.undo.push(entry);
                Err(e)
            }
        }
    }

    /// Redoes the last undone step; returns its label.
    pub fn redo(&mut self, ws: &mut Workspace) -> Result<Option<String>, OpError> {
        self.refuse_if_read_only()?;
        self.open_key = None;
        let Some(mut entry) = self.redo.pop() else {
            return Ok(None);
        };
        match apply(ws, entry.forward.clone()) {
            Ok(inverse) => {
                entry.inverse = inverse;
                let label = entry.label.clone();
                self.undo.push(entry);
                Ok(Some(label))
            }
            Err(e) => {
                self.redo.push(entry);
                Err(e)
            }
        }
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|e| e.label.as_str())
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|e| e.label.as_str())
    }

    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// Names the document state as it is now: the same number means the same state.
    pub fn state(&self) -> u64 {
        self.undo.last().map_or(self.floor_state, |e| e.state)
    }

    /// Whether undoing can reach `state` (it is below the top of the undo stack or is the top).
    pub fn can_undo_to(&self, state: u64) -> bool {
        state == self.floor_state || self.undo.iter().any(|e| e.state == state)
    }

    /// Records that the document as it is now has been saved.
    pub fn mark_saved(&mut self) {
        self.saved_state = self.state();
    }

    /// `true` when the document differs from what was last saved (undoing back to the saved
    /// state makes it clean again).
    pub fn is_dirty(&self) -> bool {
        self.state() != self.saved_state
    }
}

/// Combines two consecutive ops into one. Moves and pins merge per system: for the forward op the
/// later value wins, for the inverse (`keep_first`) the earlier one does, so undo restores the
/// position before the drag started.
fn merge_ops(first: Op, second: Op, keep_first: bool) -> Op {
    match (first, second) {
        (Op::MoveSystems(mut a), Op::MoveSystems(b)) => {
            for (id, pos) in b {
                if keep_first {
                    a.entry(id).or_insert(pos);
                } else {
                    a.insert(id, pos);
                }
            }
            Op::MoveSystems(a)
        }
        (a, b) if keep_first => Op::Batch(vec![b, a]),
        (a, b) => Op::Batch(vec![a, b]),
    }
}

#[cfg(test)]
mod dirty_tests {
    use proptest::prelude::*;

    use super::*;
    use crate::model::{CanvasPos, System};

    #[derive(Debug, Clone)]
    enum Action {
        Add,
        Drag,
        CloseMerge,
        Undo,
        Redo,
        Save,
    }

    fn action() -> impl Strategy<Value = Action> {
        prop_oneof![
            4 => Just(Action::Add),
            4 => Just(Action::Drag),
            1 => Just(Action::CloseMerge),
            3 => Just(Action::Undo),
            2 => Just(Action::Redo),
            1 => Just(Action::Save),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// Issue 15.4: whatever happens — edits, typing bursts merging, undo, redo, saves in the
        /// middle of a burst, more steps than the history keeps — the unsaved marker says
        /// exactly whether the document differs from what was last saved. Every edit here
        /// makes a state that never existed before, so "differs" is plain inequality.
        #[test]
        fn dirty_means_different_from_saved(actions in prop::collection::vec(action(), 0..320)) {
            let mut ws = Workspace::new("T");
            let mut history = History::new();
            let mut saved = ws.clone();
            let mut n = 0u32;
            for a in actions {
                n += 1;
                match a {
                    Action::Add => {
                        history
                            .apply(&mut ws, Op::Add(System::new(format!("s{n}"), "S").into()), "Add")
                            .unwrap();
                    }
                    Action::Drag => {
                        if let Some(id) = ws.systems.keys().next().cloned() {
                            let pos = Some(CanvasPos { x: n as f32, y: 0.0 });
                            history
                                .apply_merging(
                                    &mut ws,
                                    Op::MoveSystems([(id, pos)].into_iter().collect()),
                                    "Move",
                                    "drag",
                                )
                                .unwrap();
                        }
                    }
                    Action::CloseMerge => history.close_merge(),
                    Action::Undo => {
                        history.undo(&mut ws).unwrap();
                    }
                    Action::Redo => {
                        history.redo(&mut ws).unwrap();
                    }
                    Action::Save => {
                        history.mark_saved();
                        saved = ws.clone();
                    }
                }
                prop_assert_eq!(history.is_dirty(), ws != saved, "after {:?}", n);
            }
        }
    }
}
