//! Keyboard focus for what a click creates: the click names the field, and the field takes the
//! keyboard when it is drawn (the next frame), so what is typed next lands in it — never in
//! the canvas's single-key shortcuts.

use egui::{Context, Id, Response};

fn slot() -> Id {
    Id::new("depdig-focus-next")
}

/// The field known as `field` takes the keyboard when it is next drawn.
pub fn focus_next(ctx: &Context, field: Id) {
    ctx.data_mut(|d| d.insert_temp(slot(), field));
}

/// Call after drawing the text field known as `field` holding `text`: if it was named by
/// [`focus_next`], it takes the keyboard with its text selected (typing replaces a proposal).
pub fn take_if_named(response: &Response, field: Id, text: &str) {
    let ctx = &response.ctx;
    if ctx.data(|d| d.get_temp::<Id>(slot())) != Some(field) {
        return;
    }
    ctx.data_mut(|d| d.remove::<Id>(slot()));
    response.request_focus();
    let mut state = egui::TextEdit::load_state(ctx, response.id).unwrap_or_default();
    state
        .cursor
        .set_char_range(Some(egui::text::CCursorRange::two(
            egui::text::CCursor::new(0),
            egui::text::CCursor::new(text.chars().count()),
        )));
    state.store(ctx, response.id);
}
