//! What panels, menus and the canvas ask for during a frame. They push [`Action`]s; the app's
//! dispatcher (its `apply`) carries them out at the end of the frame, in order — the one
//! place that changes the document, the view and the app (as egui's demo app does with
//! `run_cmd`). A panel never holds the app: it gets its own state and a read-only
//! `PanelCtx`.

use std::path::PathBuf;

use crate::ops::Op;
use crate::ui::canvas::CanvasEvent;
use crate::ui::commands::UiCommand;
use crate::ui::dock::{Layout, Pane};
use crate::ui::view::ViewState;

/// A change to what is shown (selection, highlight, filters, marks…). The dispatcher applies it
/// to the view state and redraws the map.
pub type ViewChange = Box<dyn FnOnce(&mut ViewState)>;

/// One thing to do at the end of the frame.
pub enum Action {
    /// A command, as if its shortcut or menu entry was used.
    Command(UiCommand),
    /// A document edit, one undo step named `label` (refused edits say why in the status bar).
    Edit { op: Op, label: String },
    /// An edit made in a form (the inspector's fields, a debt item, a failure mode): typing into
    /// one `field` of `item` merges into one undo step; without a field (a click) it is a step
    /// of its own. Refused edits say why in the status bar.
    FormEdit {
        op: Op,
        label: String,
        item: String,
        field: Option<&'static str>,
    },
    /// A change to the view state.
    View(ViewChange),
    /// Where the camera looks.
    Camera(CameraRequest),
    /// A message for the status bar.
    Status(String),
    /// Give this text field the keyboard when it is next drawn.
    FocusNext(egui::Id),
    /// Give the map the keyboard at the end of this frame (arrow keys act there).
    FocusCanvas,
    /// Open this workspace (asking first when there is unsaved work).
    Open(PathBuf),
    /// Stop editing a debt item in the register.
    StopEditingDebt,
    /// Stop editing a failure mode.
    StopEditingFailure,
    /// Undim the map: find, highlights and a playing cascade let go.
    ShowEverything,
    /// Mark what the cascade being played has reached so far on the map.
    CascadeMarks,
    /// Something done on the map (select, move, connect, context menu…).
    Canvas(CanvasEvent),
    /// Open, close or rearrange panels.
    Dock(DockRequest),
    /// The find bar's query changed, Enter was pressed in it, or it closes.
    Find(FindRequest),
    /// Carry this out only if the last edit before it in the queue was done (e.g. show the view
    /// just saved; nothing when the edit was refused).
    IfEdited(Box<Action>),
    /// Keep the review-coverage highlight in step with the document (evaluated when applied).
    FollowPromptHighlight,
}

/// A change to the docked workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DockRequest {
    /// Open the panel (or bring its tab to the front).
    Open(Pane),
    /// Close the panel.
    Close(Pane),
    /// Close the panel if it shows, else open it (or bring its tab to the front).
    Toggle(Pane),
    /// Start again from one of the arrangements.
    Layout(Layout),
}

/// What the find bar asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindRequest {
    /// Highlight what matches the query as it is now.
    Update,
    /// Centre the next match.
    Next,
    /// Close the find bar and undim the map.
    Close,
}

/// A camera move a panel asks for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CameraRequest {
    /// Fit the whole map.
    Fit,
    /// Fit the selected systems (and both ends of selected dependencies).
    ZoomToSelection,
    /// Look at `center` (canvas units) at `zoom`.
    Set { center: egui::Pos2, zoom: f32 },
    /// Keep the system the cascade being played reached last in view (pan when it is near the
    /// edge or off the map's screen).
    FollowCascade,
}

impl Action {
    /// A document edit named `label`.
    pub fn edit(op: Op, label: impl Into<String>) -> Action {
        Action::Edit {
            op,
            label: label.into(),
        }
    }

    /// `then`, only if the last edit before it was done.
    pub fn if_edited(then: Action) -> Action {
        Action::IfEdited(Box::new(then))
    }

    /// A change to the view state.
    pub fn view(change: impl FnOnce(&mut ViewState) + 'static) -> Action {
        Action::View(Box::new(change))
    }
}

impl std::fmt::Debug for Action {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Action::Command(c) => write!(f, "Command({c:?})"),
            Action::Edit { label, .. } => write!(f, "Edit({label:?})"),
            Action::FormEdit { label, field, .. } => write!(f, "FormEdit({label:?}, {field:?})"),
            Action::View(_) => f.write_str("View(…)"),
            Action::Camera(c) => write!(f, "Camera({c:?})"),
            Action::Status(s) => write!(f, "Status({s:?})"),
            Action::FocusNext(id) => write!(f, "FocusNext({id:?})"),
            Action::FocusCanvas => f.write_str("FocusCanvas"),
            Action::Open(p) => write!(f, "Open({})", p.display()),
            Action::StopEditingDebt => f.write_str("StopEditingDebt"),
            Action::StopEditingFailure => f.write_str("StopEditingFailure"),
            Action::ShowEverything => f.write_str("ShowEverything"),
            Action::CascadeMarks => f.write_str("CascadeMarks"),
            Action::Canvas(e) => write!(f, "Canvas({e:?})"),
            Action::Dock(d) => write!(f, "Dock({d:?})"),
            Action::Find(r) => write!(f, "Find({r:?})"),
            Action::IfEdited(a) => write!(f, "IfEdited({a:?})"),
            Action::FollowPromptHighlight => f.write_str("FollowPromptHighlight"),
        }
    }
}
