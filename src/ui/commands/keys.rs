//! Shortcut helpers: what a shortcut needs before it fires, and how it is written for people.

use egui::{Key, KeyboardShortcut, Modifiers};

use super::UiCommand;

impl UiCommand {
    /// Further shortcuts for the same command.
    pub fn alternatives(self) -> &'static [KeyboardShortcut] {
        const REDO_Y: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);
        const BACKSPACE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::Backspace);
        const QUESTION: KeyboardShortcut =
            KeyboardShortcut::new(Modifiers::SHIFT, Key::Questionmark);
        const EQUALS: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Equals);
        match self {
            UiCommand::ScaleUp => &[EQUALS],
            UiCommand::Redo => &[REDO_Y],
            UiCommand::Delete => &[BACKSPACE],
            UiCommand::KeyboardHelp => &[QUESTION],
            _ => &[],
        }
    }
}

/// Copy and paste arrive as events, not keys. The window turns Ctrl+Shift+C into a copy event
/// too (egui-winit's `is_copy_command` ignores Shift), so Shift held at that event picks the
/// image; the modifiers are followed through the frame's events, since Shift may be let go
/// later in the same frame (`xdotool key ctrl+shift+c`, a fast hand).
pub(super) fn copy_paste_events(
    i: &egui::InputState,
    held_before: Modifiers,
    out: &mut Vec<UiCommand>,
) {
    let mut held = held_before;
    for e in &i.events {
        match e {
            egui::Event::ModifiersChanged(m) => held = *m,
            egui::Event::Copy if held.shift && !out.contains(&UiCommand::CopyMapImage) => {
                out.push(UiCommand::CopyMapImage);
            }
            egui::Event::Copy if held.shift => {}
            egui::Event::Copy => out.push(UiCommand::Copy),
            egui::Event::Paste(_) => out.push(UiCommand::Paste),
            _ => {}
        }
    }
}

/// What a shortcut needs before it fires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    /// Always (Ctrl+S, F1, F5).
    Nothing,
    /// No text field has the keyboard (Ctrl+Z, Ctrl+A: a field has its own; Esc leaves it).
    NoTextField,
    /// The canvas has the keyboard: every key that would type into a field.
    CanvasFocus,
}

pub(super) fn is_function_key(key: Key) -> bool {
    use Key::{F1, F2, F3, F4, F5, F6, F7, F8, F9, F10, F11, F12};
    matches!(
        key,
        F1 | F2 | F3 | F4 | F5 | F6 | F7 | F8 | F9 | F10 | F11 | F12
    )
}

/// How a shortcut is written for people: egui's text, except that a character typed with Shift
/// is written as the character ("?", not "Shift+Questionmark").
pub fn shortcut_text(ctx: &egui::Context, sc: &KeyboardShortcut) -> String {
    if sc.logical_key == Key::Questionmark && sc.modifiers == Modifiers::SHIFT {
        return "?".to_owned();
    }
    ctx.format_shortcut(sc)
}

pub(super) fn modifier_count(m: Modifiers) -> u8 {
    u8::from(m.ctrl || m.command || m.mac_cmd) + u8::from(m.shift) + u8::from(m.alt)
}
