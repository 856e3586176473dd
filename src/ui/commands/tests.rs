use egui::{Event, Key, Modifiers, RawInput};

use super::UiCommand;

/// The commands one frame with `events` (after `modifiers` were pressed) triggers on a
/// focused canvas.
fn commands(mut events: Vec<Event>, modifiers: Modifiers) -> Vec<UiCommand> {
    let ctx = egui::Context::default();
    let mut out = Vec::new();
    events.insert(0, Event::ModifiersChanged(modifiers));
    let input = RawInput {
        events,
        ..RawInput::default()
    };
    let mut output = ctx.run_ui(input, |ui| {
        out = UiCommand::from_input(ui.ctx(), true, false);
    });
    output.textures_delta.clear();
    out
}

fn key_c(modifiers: Modifiers) -> Event {
    Event::Key {
        key: Key::C,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers,
    }
}

#[test]
fn ctrl_shift_c_copies_the_map_as_an_image_and_ctrl_c_the_selection() {
    let ctrl_shift = Modifiers::COMMAND | Modifiers::SHIFT;
    // The window sends a copy event for both; Shift held tells them apart.
    assert_eq!(
        commands(vec![Event::Copy], ctrl_shift),
        [UiCommand::CopyMapImage]
    );
    assert_eq!(
        commands(vec![Event::Copy], Modifiers::COMMAND),
        [UiCommand::Copy]
    );
    // Shift let go within the same frame, after the copy: still the image.
    assert_eq!(
        commands(
            vec![Event::Copy, Event::ModifiersChanged(Modifiers::NONE)],
            ctrl_shift
        ),
        [UiCommand::CopyMapImage]
    );
    // A key event (as kittest sends it) works the same way, and is not also C (connect).
    assert_eq!(
        commands(vec![key_c(ctrl_shift)], ctrl_shift),
        [UiCommand::CopyMapImage]
    );
    assert_eq!(
        commands(vec![key_c(Modifiers::NONE)], Modifiers::NONE),
        [UiCommand::ConnectSelected]
    );
}

#[test]
fn shift_held_since_an_earlier_frame_counts() {
    let ctx = egui::Context::default();
    let frame = |events: Vec<Event>| {
        let mut out = Vec::new();
        let input = RawInput {
            events,
            ..RawInput::default()
        };
        let mut output = ctx.run_ui(input, |ui| {
            out = UiCommand::from_input(ui.ctx(), true, false);
        });
        output.textures_delta.clear();
        out
    };
    let ctrl_shift = Modifiers::COMMAND | Modifiers::SHIFT;
    assert!(frame(vec![Event::ModifiersChanged(ctrl_shift)]).is_empty());
    assert_eq!(frame(vec![Event::Copy]), [UiCommand::CopyMapImage]);
    assert!(frame(vec![Event::ModifiersChanged(Modifiers::COMMAND)]).is_empty());
    assert_eq!(frame(vec![Event::Copy]), [UiCommand::Copy]);
}
