//! Every user action as one enum (as rerun's `UICommand`): each knows its menu text, tooltip and
//! shortcut, so menus, context menus and the keyboard help cannot drift apart.

mod keys;
#[cfg(test)]
mod tests;

use egui::{Key, KeyboardShortcut, Modifiers};

pub use keys::{Needs, shortcut_text};
use keys::{copy_paste_events, is_function_key, modifier_count};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UiCommand {
    New,
    Open,
    Import,
    Compare,
    CompareWith,
    Save,
    SaveAs,
    ExportMap,
    ExportReport,
    PlaceBackdrop,
    BackdropSettings,
    RecoverUnsaved,
    Quit,
    Undo,
    Redo,
    AddSystem,
    ConnectSelected,
    Rename,
    Delete,
    TogglePin,
    SelectAll,
    Copy,
    CopyMapImage,
    Paste,
    Duplicate,
    ToggleLayout,
    LayOutAfresh,
    ZoomToFit,
    ZoomToSelection,
    Find,
    RecordDebt,
    ToggleDebtRegister,
    AddFailureMode,
    ToggleFailureModes,
    ToggleFindings,
    ToggleFacilitation,
    SimulateDown,
    SimulateSlow,
    KeyboardHelp,
    About,
    ToggleViews,
    FocusSelection,
    ClearFilters,
    NextView,
    PrevView,
    ToggleGroup,
    Present,
    ScaleUp,
    ScaleDown,
    ScaleReset,
    ToggleReadOnly,
    NudgeLeft,
    NudgeRight,
    NudgeUp,
    NudgeDown,
    Escape,
}

/// Where a command belongs: to the whole window, or to the map (see [`UiCommand::needs`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Global,
    Canvas,
}

impl UiCommand {
    pub const ALL: &'static [UiCommand] = &[
        UiCommand::New,
        UiCommand::Open,
        UiCommand::Import,
        UiCommand::Compare,
        UiCommand::CompareWith,
        UiCommand::Save,
        UiCommand::SaveAs,
        UiCommand::ExportMap,
        UiCommand::ExportReport,
        UiCommand::PlaceBackdrop,
        UiCommand::BackdropSettings,
        UiCommand::RecoverUnsaved,
        UiCommand::Quit,
        UiCommand::Undo,
        UiCommand::Redo,
        UiCommand::AddSystem,
        UiCommand::ConnectSelected,
        UiCommand::Rename,
        UiCommand::Delete,
        UiCommand::TogglePin,
        UiCommand::SelectAll,
        UiCommand::Copy,
        UiCommand::CopyMapImage,
        UiCommand::Paste,
        UiCommand::Duplicate,
        UiCommand::ToggleLayout,
        UiCommand::LayOutAfresh,
        UiCommand::ZoomToFit,
        UiCommand::ZoomToSelection,
        UiCommand::Find,
        UiCommand::RecordDebt,
        UiCommand::ToggleDebtRegister,
        UiCommand::AddFailureMode,
        UiCommand::ToggleFailureModes,
        UiCommand::ToggleFindings,
        UiCommand::ToggleFacilitation,
        UiCommand::SimulateDown,
        UiCommand::SimulateSlow,
        UiCommand::KeyboardHelp,
        UiCommand::About,
        UiCommand::ToggleViews,
        UiCommand::FocusSelection,
        UiCommand::ClearFilters,
        UiCommand::NextView,
        UiCommand::PrevView,
        UiCommand::ToggleGroup,
        UiCommand::Present,
        UiCommand::ScaleUp,
        UiCommand::ScaleDown,
        UiCommand::ScaleReset,
        UiCommand::ToggleReadOnly,
        UiCommand::NudgeLeft,
        UiCommand::NudgeRight,
        UiCommand::NudgeUp,
        UiCommand::NudgeDown,
        UiCommand::Escape,
    ];

    pub fn menu_text(self) -> &'static str {
        match self {
            UiCommand::New => "New workspace",
            UiCommand::Open => "Open…",
            UiCommand::Import => "Import…",
            UiCommand::Compare => "Compare with artefacts…",
            UiCommand::CompareWith => "Compare with…",
            UiCommand::Save => "Save",
            UiCommand::SaveAs => "Save as…",
            UiCommand::ExportMap => "Export map…",
            UiCommand::ExportReport => "Export report…",
            UiCommand::PlaceBackdrop => "Place backdrop image…",
            UiCommand::BackdropSettings => "Backdrop photo…",
            UiCommand::CopyMapImage => "Copy map as image",
            UiCommand::About => "About depdig",
            UiCommand::RecoverUnsaved => "Recover unsaved work…",
            UiCommand::Quit => "Quit",
            UiCommand::Undo => "Undo",
            UiCommand::Redo => "Redo",
            UiCommand::AddSystem => "Add system",
            UiCommand::ConnectSelected => "Connect selected",
            UiCommand::Rename => "Rename",
            UiCommand::Delete => "Delete",
            UiCommand::TogglePin => "Pin / unpin",
            UiCommand::SelectAll => "Select all",
            UiCommand::Copy => "Copy",
            UiCommand::Paste => "Paste",
            UiCommand::Duplicate => "Duplicate",
            UiCommand::ToggleLayout => "Run / pause layout",
            UiCommand::LayOutAfresh => "Lay out afresh",
            UiCommand::ZoomToFit => "Zoom to fit",
            UiCommand::ZoomToSelection => "Zoom to selection",
            UiCommand::Find => "Find…",
            UiCommand::RecordDebt => "Record integration debt…",
            UiCommand::ToggleDebtRegister => "Integration debt register",
            UiCommand::AddFailureMode => "Add failure mode…",
            UiCommand::ToggleFailureModes => "Failure modes",
            UiCommand::ToggleFindings => "Findings",
            UiCommand::ToggleFacilitation => "Facilitation prompts",
            UiCommand::SimulateDown => "Simulate failure: down",
            UiCommand::SimulateSlow => "Simulate failure: slow",
            UiCommand::KeyboardHelp => "Keyboard shortcuts",
            UiCommand::ToggleViews => "Views, filters & scenarios",
            UiCommand::FocusSelection => "Focus on selection",
            UiCommand::ClearFilters => "Clear filters",
            UiCommand::NextView => "Next saved view",
            UiCommand::PrevView => "Previous saved view",
            UiCommand::ToggleGroup => "Collapse / expand group",
            UiCommand::Present => "Presentation mode",
            UiCommand::ScaleUp => "Larger interface",
            UiCommand::ScaleDown => "Smaller interface",
            UiCommand::ScaleReset => "Interface at 100%",
            UiCommand::ToggleReadOnly => "Read-only",
            UiCommand::NudgeLeft => "Nudge left",
            UiCommand::NudgeRight => "Nudge right",
            UiCommand::NudgeUp => "Nudge up",
            UiCommand::NudgeDown => "Nudge down",
            UiCommand::Escape => "Clear selection / close",
        }
    }

    pub fn tooltip(self) -> &'static str {
        match self {
            UiCommand::New => "Start an empty workspace",
            UiCommand::Open => "Open a workspace file (.ron)",
            UiCommand::Import => {
                "Add systems and dependencies from compose files, manifests, DSL, DOT, Mermaid or traces (previewed first)"
            }
            UiCommand::Compare => {
                "Show where the map and the artefacts disagree, on the map and in a list"
            }
            UiCommand::CompareWith => {
                "Compare the map with another workspace file: the differences on the map and in a list"
            }
            UiCommand::Save => "Save the workspace (the previous file is kept as .bak)",
            UiCommand::SaveAs => "Save the workspace under a new name",
            UiCommand::ExportMap => {
                "Write the map as a PNG or SVG for slides (what the screen shows)"
            }
            UiCommand::ExportReport => {
                "Write the debt register, failure modes and decisions as Markdown or CSV"
            }
            UiCommand::RecoverUnsaved => {
                "Show unsaved work that windows which crashed or were killed left behind"
            }
            UiCommand::Quit => "Close depdig (asks first if there are unsaved changes)",
            UiCommand::Undo => "Undo the last change",
            UiCommand::Redo => "Redo the last undone change",
            UiCommand::AddSystem => "Add a system at the pointer (or in the middle of the view)",
            UiCommand::ConnectSelected => {
                "Add a dependency from the first selected system to the second"
            }
            UiCommand::Rename => "Rename the selected system",
            UiCommand::Delete => "Delete the selection and the dependencies that go with it",
            UiCommand::TogglePin => "Pinned systems keep their place while the layout runs",
            UiCommand::SelectAll => "Select every system",
            UiCommand::Copy => "Copy the selected systems and the dependencies among them",
            UiCommand::CopyMapImage => {
                "Put the map on the system clipboard as an image, as a 1× slide export draws it"
            }
            UiCommand::PlaceBackdrop => {
                "Put a photo (JPEG, PNG, WebP) behind the map to trace, e.g. a whiteboard; or Shift+drop it on the map"
            }
            UiCommand::BackdropSettings => {
                "Move, scale, turn, dim, lock or remove the backdrop photo"
            }
            UiCommand::About => "What depdig is, its version and licence",
            UiCommand::Paste => "Paste copied systems with new ids",
            UiCommand::Duplicate => "Copy and paste the selection in one step",
            UiCommand::ToggleLayout => {
                "Start or stop the force layout (View › Layout style › Layered: lay the map out in rows at once). A laid-out map stays as it is; systems added since are placed beside their neighbours"
            }
            UiCommand::LayOutAfresh => {
                "Lay the whole map out again from scratch, wherever its systems are now (pinned ones stay); one undo step"
            }
            UiCommand::ZoomToFit => "Show the whole map",
            UiCommand::ZoomToSelection => "Show the selected systems",
            UiCommand::Find => "Highlight systems by name, owner or tag",
            UiCommand::RecordDebt => {
                "Record a shortcut, workaround or deferred decision, linked to the selection"
            }
            UiCommand::ToggleDebtRegister => "Show or hide the register of integration debt",
            UiCommand::AddFailureMode => {
                "Design a failure scenario triggered by the selected element"
            }
            UiCommand::ToggleFailureModes => "Show or hide the failure modes, ranked by RPN",
            UiCommand::ToggleFindings => {
                "How these systems fail together: cycles, single points of failure, shared stores, sovereignty, scale, timing"
            }
            UiCommand::ToggleFacilitation => {
                "Questions to ask about the selected system, review coverage, the parking lot and the council's decisions"
            }
            UiCommand::SimulateDown => "Play what happens when the selected system goes down",
            UiCommand::SimulateSlow => {
                "Play what happens when the selected system gets slower than its callers' timeouts"
            }
            UiCommand::KeyboardHelp => "List every shortcut",
            UiCommand::ToggleViews => {
                "Focus and filters, saved views, and scenarios (target states to compare)"
            }
            UiCommand::FocusSelection => {
                "Show the selected system with its neighbourhood; everything else is dimmed or hidden"
            }
            UiCommand::ClearFilters => "Show everything again",
            UiCommand::NextView => "Go to the next saved view (in presentation mode: → or ↓)",
            UiCommand::PrevView => "Go to the previous saved view (in presentation mode: ← or ↑)",
            UiCommand::ToggleGroup => {
                "Draw the selected system's group as one node with its dependencies counted, or expand it again"
            }
            UiCommand::Present => {
                "Full screen map for the projector: panels hidden, arrows step through saved views, Esc leaves"
            }
            UiCommand::ScaleUp => "Make text and controls larger (remembered)",
            UiCommand::ScaleDown => "Make text and controls smaller (remembered)",
            UiCommand::ScaleReset => "Text and controls at their normal size",
            UiCommand::ToggleReadOnly => {
                "Browse without risk: every edit is refused; views, filters, findings and export still work"
            }
            UiCommand::NudgeLeft
            | UiCommand::NudgeRight
            | UiCommand::NudgeUp
            | UiCommand::NudgeDown => "Move the selected systems a little",
            UiCommand::Escape => "Clear the selection, the find highlight, or close a dialog",
        }
    }

    /// The primary shortcut.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let cmd = Modifiers::COMMAND;
        let none = Modifiers::NONE;
        let k = |m, key| Some(KeyboardShortcut::new(m, key));
        match self {
            UiCommand::New => k(cmd, Key::N),
            UiCommand::Open => k(cmd, Key::O),
            UiCommand::CompareWith => None,
            UiCommand::Save => k(cmd, Key::S),
            UiCommand::SaveAs => k(cmd | Modifiers::SHIFT, Key::S),
            UiCommand::ExportMap => k(cmd, Key::E),
            UiCommand::ExportReport => k(cmd | Modifiers::SHIFT, Key::E),
            UiCommand::RecoverUnsaved | UiCommand::Import | UiCommand::Compare => None,
            UiCommand::Quit => k(cmd, Key::Q),
            UiCommand::Undo => k(cmd, Key::Z),
            UiCommand::Redo => k(cmd | Modifiers::SHIFT, Key::Z),
            UiCommand::AddSystem => k(none, Key::N),
            UiCommand::ConnectSelected => k(none, Key::C),
            UiCommand::Rename => k(none, Key::F2),
            UiCommand::Delete => k(none, Key::Delete),
            UiCommand::TogglePin => k(none, Key::P),
            UiCommand::SelectAll => k(cmd, Key::A),
            UiCommand::Copy => k(cmd, Key::C),
            UiCommand::CopyMapImage => k(cmd | Modifiers::SHIFT, Key::C),
            UiCommand::PlaceBackdrop | UiCommand::BackdropSettings | UiCommand::About => None,
            UiCommand::Paste => k(cmd, Key::V),
            UiCommand::Duplicate => k(cmd, Key::D),
            UiCommand::ToggleLayout => k(none, Key::Space),
            UiCommand::LayOutAfresh => k(Modifiers::SHIFT, Key::Space),
            UiCommand::ZoomToFit => k(none, Key::F),
            UiCommand::ZoomToSelection => k(none, Key::Z),
            UiCommand::Find => k(cmd, Key::F),
            UiCommand::RecordDebt => k(cmd | Modifiers::SHIFT, Key::D),
            UiCommand::ToggleDebtRegister => k(none, Key::R),
            UiCommand::AddFailureMode => k(cmd | Modifiers::SHIFT, Key::F),
            UiCommand::ToggleFailureModes => k(none, Key::M),
            UiCommand::ToggleFindings => k(none, Key::A),
            UiCommand::ToggleFacilitation => k(none, Key::Q),
            UiCommand::SimulateDown => k(none, Key::X),
            UiCommand::SimulateSlow => k(Modifiers::SHIFT, Key::X),
            UiCommand::KeyboardHelp => k(none, Key::F1),
            UiCommand::ToggleViews => k(none, Key::V),
            UiCommand::FocusSelection => k(none, Key::O),
            UiCommand::ClearFilters => k(Modifiers::SHIFT, Key::Escape),
            UiCommand::NextView => k(none, Key::PageDown),
            UiCommand::PrevView => k(none, Key::PageUp),
            UiCommand::ToggleGroup => k(none, Key::G),
            UiCommand::Present => k(none, Key::F5),
            UiCommand::ScaleUp => k(cmd, Key::Plus),
            UiCommand::ScaleDown => k(cmd, Key::Minus),
            UiCommand::ScaleReset => k(cmd, Key::Num0),
            UiCommand::ToggleReadOnly => None,
            UiCommand::NudgeLeft => k(none, Key::ArrowLeft),
            UiCommand::NudgeRight => k(none, Key::ArrowRight),
            UiCommand::NudgeUp => k(none, Key::ArrowUp),
            UiCommand::NudgeDown => k(none, Key::ArrowDown),
            UiCommand::Escape => k(none, Key::Escape),
        }
    }

    pub fn scope(self) -> Scope {
        match self {
            UiCommand::New
            | UiCommand::Open
            | UiCommand::Import
            | UiCommand::Compare
            | UiCommand::CompareWith
            | UiCommand::Save
            | UiCommand::SaveAs
            | UiCommand::ExportMap
            | UiCommand::ExportReport
            | UiCommand::RecoverUnsaved
            | UiCommand::Quit
            | UiCommand::Find
            | UiCommand::KeyboardHelp
            | UiCommand::About
            | UiCommand::CopyMapImage
            | UiCommand::Present
            | UiCommand::ScaleUp
            | UiCommand::ScaleDown
            | UiCommand::ScaleReset
            | UiCommand::Escape => Scope::Global,
            _ => Scope::Canvas,
        }
    }

    /// Whether the command changes the document (refused up front in read-only mode). Layout
    /// runs store positions; Save writes the open file (Save as… writes a copy elsewhere).
    pub fn edits_document(self) -> bool {
        matches!(
            self,
            UiCommand::Save
                | UiCommand::Import
                | UiCommand::Undo
                | UiCommand::Redo
                | UiCommand::AddSystem
                | UiCommand::ConnectSelected
                | UiCommand::Rename
                | UiCommand::Delete
                | UiCommand::TogglePin
                | UiCommand::Paste
                | UiCommand::PlaceBackdrop
                | UiCommand::Duplicate
                | UiCommand::ToggleLayout
                | UiCommand::LayOutAfresh
                | UiCommand::RecordDebt
                | UiCommand::AddFailureMode
                | UiCommand::NudgeLeft
                | UiCommand::NudgeRight
                | UiCommand::NudgeUp
                | UiCommand::NudgeDown
        )
    }

    /// What must hold for `sc`, one of this command's shortcuts, to fire.
    pub fn needs(self, sc: &KeyboardShortcut) -> Needs {
        if sc.logical_key == Key::Escape {
            // Esc in a text field only leaves the field (the selection it edits stays).
            return Needs::NoTextField;
        }
        let m = sc.modifiers;
        let modified = m.command || m.ctrl || m.mac_cmd || m.alt;
        let not_typed = modified || is_function_key(sc.logical_key);
        match self.scope() {
            Scope::Global if not_typed => Needs::Nothing,
            _ if modified => Needs::NoTextField,
            // A key that types something (a letter, "?", Space, Delete, arrows): only the canvas.
            _ => Needs::CanvasFocus,
        }
    }

    /// Reads this frame's key presses and returns the commands they trigger, consuming them.
    /// Single-key shortcuts fire only while the canvas has keyboard focus; shortcuts with Ctrl
    /// only while no text field has it (the field's own Ctrl+Z, Ctrl+A … win there).
    ///
    /// `field_last_frame`: a text field had the keyboard when the last frame ended. egui takes
    /// the keyboard from a field on Esc before this runs, and that Esc is the field's.
    pub fn from_input(
        ctx: &egui::Context,
        canvas_focused: bool,
        field_last_frame: bool,
    ) -> Vec<UiCommand> {
        let typing = (ctx.egui_wants_keyboard_input() && !canvas_focused) || field_last_frame;
        let allowed = |needs: Needs| match needs {
            Needs::Nothing => true,
            Needs::NoTextField => !typing,
            Needs::CanvasFocus => canvas_focused,
        };
        let mut out = Vec::new();
        // The modifiers held when the last frame ended: where this frame's events start.
        let held_id = egui::Id::new("depdig_modifiers_held");
        let held_before: Modifiers = ctx.data(|d| d.get_temp(held_id)).unwrap_or_default();
        let held_after = ctx.input_mut(|i| {
            // Longest modifier sets first, so Ctrl+Shift+S is not taken as Ctrl+S.
            let mut all: Vec<(UiCommand, KeyboardShortcut)> = UiCommand::ALL
                .iter()
                .flat_map(|c| {
                    c.shortcut()
                        .into_iter()
                        .chain(c.alternatives().iter().copied())
                        .map(move |s| (*c, s))
                })
                .collect();
            all.sort_by_key(|(_, s)| std::cmp::Reverse(modifier_count(s.modifiers)));
            for (cmd, sc) in all {
                if !allowed(cmd.needs(&sc)) {
                    continue;
                }
                if matches!(cmd, UiCommand::Copy | UiCommand::Paste) {
                    continue; // arrive as clipboard events, see below
                }
                if i.consume_shortcut(&sc) && !out.contains(&cmd) {
                    out.push(cmd);
                }
            }
            if !typing {
                copy_paste_events(i, held_before, &mut out);
            }
            i.modifiers
        });
        ctx.data_mut(|d| d.insert_temp(held_id, held_after));
        out
    }
}
