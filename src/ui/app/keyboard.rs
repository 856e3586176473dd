//! Who has the keyboard: the map (single-key shortcuts act on it) or a field, a dialog or
//! nobody. The rules that hand it back to the map live here.

use crate::ui::app::DepdigApp;
use crate::ui::canvas;

/// Whether a dialog was open when a frame began, and the keys that may hand the keyboard back
/// to the map.
#[derive(Debug, Clone, Copy)]
pub(crate) struct KeyboardFocus {
    dialog: bool,
    enter: bool,
    escape: bool,
}

impl KeyboardFocus {
    pub(crate) fn read(ctx: &egui::Context, dialog: bool) -> Self {
        let (enter, escape) = ctx.input(|i| {
            (
                i.key_pressed(egui::Key::Enter),
                i.key_pressed(egui::Key::Escape),
            )
        });
        KeyboardFocus {
            dialog,
            enter,
            escape,
        }
    }
}

impl DepdigApp {
    /// Gives the canvas the keyboard when nothing else holds it and the user is evidently back on
    /// the map: at start, after a dialog closed, after Enter or Esc left a text field, after a
    /// menu or toolbar command, or on Esc. A click on a panel's empty space leaves the keyboard
    /// with nobody, so letters typed after it do nothing (never a command by surprise).
    pub(crate) fn hand_keyboard_to_canvas(&mut self, ctx: &egui::Context, before: KeyboardFocus) {
        if self.dialog.is_some() {
            return;
        }
        if before.dialog {
            // A dialog closed this frame. egui still treats its (modal) layer as on top until
            // the next frame ends, and would take the keyboard straight back from the map:
            // hand it over then.
            self.focus_canvas = true;
            ctx.request_repaint();
            return;
        }
        let nobody = ctx.memory(egui::Memory::focused).is_none();
        // egui takes the keyboard from a field on Esc before the frame begins: ask the last frame.
        let left_field = self.field_had_keyboard && (before.enter || before.escape);
        // A command that asked for the map (open, present, rehearse, a menu or toolbar entry).
        let wanted = std::mem::take(&mut self.focus_canvas);
        if wanted || (nobody && (left_field || before.escape)) {
            canvas::focus(ctx);
        }
    }
}
