//! Capture at the speed of talk: the add-system dialog (name, kind guessed from the name, and for
//! add-and-connect the dependency type) and the dependency-type popup next to its target.
//! Every key these dialogs use is read and consumed here, inside the dialog.

use egui::{Align2, Key, Modifiers, Rect, RichText, Sense, Vec2};

use crate::model::{DependencyType, SystemKind};
use crate::ui::app::DepdigApp;
use crate::ui::app::dialogs::{NameTarget, Outcome};

/// The kind a new system gets: guessed from its name while it is typed, until the user picks one.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct KindChoice {
    pub kind: SystemKind,
    /// Picked by the user: later typing no longer changes it.
    pub chosen: bool,
    /// The current kind came from the name.
    pub guessed: bool,
}

impl KindChoice {
    /// Follows the name, unless the user picked a kind.
    pub fn follow_name(&mut self, name: &str) {
        if self.chosen {
            return;
        }
        let guess = SystemKind::guess_from_name(name);
        self.guessed = guess.is_some();
        self.kind = guess.unwrap_or_default();
    }

    pub fn choose(&mut self, kind: SystemKind) {
        self.kind = kind;
        self.chosen = true;
        self.guessed = false;
    }

    /// "Kind: Database (guessed from the name)".
    pub fn summary(self) -> String {
        let why = if self.chosen {
            " (your choice)"
        } else if self.guessed {
            " (guessed from the name)"
        } else {
            ""
        };
        format!("Kind: {}{why}", self.kind.label())
    }
}

const DIGITS: [Key; 10] = [
    Key::Num1,
    Key::Num2,
    Key::Num3,
    Key::Num4,
    Key::Num5,
    Key::Num6,
    Key::Num7,
    Key::Num8,
    Key::Num9,
    Key::Num0,
];

/// The digit that picks the `i`-th entry of a list (1–9, then 0), if it has one.
fn digit_of(i: usize) -> Option<(Key, char)> {
    let key = *DIGITS.get(i)?;
    let c = if i == 9 {
        '0'
    } else {
        char::from_digit(u32::try_from(i + 1).ok()?, 10)?
    };
    Some((key, c))
}

/// Index of the list entry whose digit was pressed with `modifiers` (consumed), if any.
/// The character an Alt+digit also types is removed, so it never reaches the name field.
fn take_digit(ui: &egui::Ui, modifiers: Modifiers, len: usize) -> Option<usize> {
    ui.input_mut(|i| {
        let picked = (0..len).find(|n| {
            digit_of(*n).is_some_and(|(key, _)| {
                // `consume_key` ignores extra Alt and Shift, so a plain digit must not match them.
                let exact = i.events.iter().any(|e| {
                    matches!(e, egui::Event::Key { key: k, pressed: true, modifiers: m, .. }
                        if *k == key && m.alt == modifiers.alt)
                });
                exact && i.consume_key(modifiers, key)
            })
        })?;
        if modifiers.alt
            && let Some((_, c)) = digit_of(picked)
        {
            i.events
                .retain(|e| !matches!(e, egui::Event::Text(t) if t.chars().eq([c])));
        }
        Some(picked)
    })
}

/// Drops the digit a window types along with Alt+digit when it arrives without its key event
/// (in a later frame): with Alt held, digits pick a kind and never go into the name.
fn drop_alt_digits(ui: &egui::Ui) {
    ui.input_mut(|i| {
        if i.modifiers.alt && !i.modifiers.command {
            i.events.retain(|e| {
                !matches!(e, egui::Event::Text(t) if t.chars().count() == 1 && t.chars().all(|c| c.is_ascii_digit()))
            });
        }
    });
}

/// One pickable entry of a list: its digit, an optional line sample, its label; highlighted
/// when `selected`. Accessible as a selectable labelled with `label`.
fn entry_ui(
    ui: &mut egui::Ui,
    digit: Option<char>,
    sample: Option<&crate::theme::EdgeStyle>,
    label: &str,
    note: &str,
    selected: bool,
    width: Option<f32>,
) -> egui::Response {
    let font = egui::TextStyle::Button.resolve(ui.style());
    let text_color = ui.visuals().text_color();
    let weak = ui.visuals().weak_text_color();
    let text = ui
        .painter()
        .layout_no_wrap(label.to_owned(), font.clone(), text_color);
    let note_galley = (!note.is_empty()).then(|| {
        ui.painter().layout_no_wrap(
            note.to_owned(),
            egui::FontId::proportional(font.size * 0.85),
            weak,
        )
    });
    let pad = ui.spacing().button_padding;
    let digit_w = font.size * 1.1;
    let sample_w = if sample.is_some() { 52.0 } else { 0.0 };
    let note_w = note_galley.as_ref().map_or(0.0, |g| g.size().x + 8.0);
    let natural = pad.x * 2.0 + digit_w + sample_w + text.size().x + note_w;
    let height = (text.size().y + pad.y * 2.0).max(ui.spacing().interact_size.y);
    let size = Vec2::new(width.unwrap_or(natural).max(natural), height);
    let (rect, response) = ui.allocate_exact_size(size, Sense::click());
    response.widget_info(|| {
        egui::WidgetInfo::selected(egui::WidgetType::SelectableLabel, true, selected, label)
    });
    if ui.is_rect_visible(rect) {
        let visuals = ui.style().interact_selectable(&response, selected);
        if selected || response.hovered() || response.has_focus() {
            ui.painter().rect(
                rect,
                visuals.corner_radius,
                visuals.weak_bg_fill,
                visuals.bg_stroke,
                egui::StrokeKind::Inside,
            );
        }
        let mut x = rect.left() + pad.x;
        if let Some(d) = digit {
            ui.painter().text(
                egui::pos2(x, rect.center().y),
                Align2::LEFT_CENTER,
                d,
                font.clone(),
                weak,
            );
        }
        x += digit_w;
        if let Some(style) = sample {
            let r = Rect::from_min_size(
                egui::pos2(x, rect.center().y - 7.0),
                Vec2::new(sample_w - 8.0, 14.0),
            );
            crate::ui::theme::paint_dependency_sample(ui.painter(), r, style);
            x += sample_w;
        }
        let fg = if selected {
            visuals.text_color()
        } else {
            text_color
        };
        ui.painter().galley(
            egui::pos2(x, rect.center().y - text.size().y / 2.0),
            text.clone(),
            fg,
        );
        if let Some(g) = note_galley {
            let at = egui::pos2(x + text.size().x + 8.0, rect.center().y - g.size().y / 2.0);
            ui.painter().galley(at, g, weak);
        }
    }
    response
}

/// The kinds as a wrapped row of entries with their digits; returns a clicked one.
fn kind_list_ui(ui: &mut egui::Ui, current: SystemKind) -> Option<SystemKind> {
    let mut clicked = None;
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing = Vec2::new(4.0, 4.0);
        for (i, kind) in SystemKind::ALL.iter().enumerate() {
            let digit = digit_of(i).map(|(_, c)| c);
            if entry_ui(ui, digit, None, kind.label(), "", *kind == current, None).clicked() {
                clicked = Some(*kind);
            }
        }
    });
    clicked
}

/// The dependency types as a wrapped row (add-and-connect) or a column (the popup); returns a
/// clicked one. The remembered type is marked "last used".
fn type_list_ui(
    ui: &mut egui::Ui,
    app: &DepdigApp,
    current: DependencyType,
    column: bool,
) -> Option<DependencyType> {
    let theme = app.theme();
    let mut clicked = None;
    let mut entries = |ui: &mut egui::Ui, width: Option<f32>| {
        for (i, t) in DependencyType::ALL.iter().enumerate() {
            let digit = digit_of(i).map(|(_, c)| c);
            let note = if *t == app.last_connect_type {
                "last used"
            } else {
                ""
            };
            let style = theme.edge(*t);
            let r = entry_ui(
                ui,
                digit,
                Some(&style),
                t.label(),
                note,
                *t == current,
                width,
            );
            if r.clicked() {
                clicked = Some(*t);
            }
        }
    };
    if column {
        ui.vertical(|ui| {
            ui.spacing_mut().item_spacing.y = 2.0;
            entries(ui, Some(ui.available_width().min(320.0)));
        });
    } else {
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing = Vec2::new(4.0, 4.0);
            entries(ui, None);
        });
    }
    clicked
}

/// Height left for a dialog's lists after its fixed rows (`fixed` points: heading, field or
/// sentence, buttons, margins), so nothing is clipped when the interface is scaled up: the lists
/// fit at 1280×800 up to the largest scale, and scroll only where they cannot.
fn list_room(ui: &egui::Ui, fixed: f32) -> f32 {
    (ui.ctx().content_rect().height() - fixed).max(48.0)
}

/// The name dialog: names a new system (with its kind, and for add-and-connect the dependency
/// from the system it was dragged out of) or renames one.
pub(crate) fn name_ui(
    ui: &mut egui::Ui,
    app: &DepdigApp,
    target: &mut NameTarget,
    text: &mut String,
    focus: &mut bool,
    kind: &mut KindChoice,
    enter: bool,
) -> Outcome {
    let new = !matches!(target, NameTarget::Existing(_));
    if ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
        return Outcome::Close;
    }
    // Keys first, so an Alt+digit never types its digit into the name.
    if new {
        if let Some(i) = take_digit(ui, Modifiers::ALT, SystemKind::ALL.len()) {
            kind.choose(SystemKind::ALL[i]);
        }
        drop_alt_digits(ui);
    }
    if let NameTarget::NewNeededBy { dependency, .. } = target
        && let Some(i) = take_digit(ui, Modifiers::COMMAND, DependencyType::ALL.len())
    {
        *dependency = DependencyType::ALL[i];
    }
    ui.heading(if new { "New system" } else { "Rename system" });
    let r =
        ui.add(egui::TextEdit::singleline(text).desired_width(360.0_f32.min(ui.available_width())));
    r.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::TextEdit, true, "System name"));
    if *focus {
        r.request_focus();
        *focus = false;
    }
    if new {
        kind.follow_name(text);
        ui.add_space(4.0);
        ui.label(RichText::new(kind.summary()).strong());
        egui::ScrollArea::vertical()
            .max_height(list_room(ui, 130.0))
            .auto_shrink([false, true])
            .show(ui, |ui| {
                ui.label(
                    RichText::new(
                        "Alt+digit or a click picks another kind; typing goes on into the name.",
                    )
                    .weak(),
                );
                if let Some(k) = kind_list_ui(ui, kind.kind) {
                    kind.choose(k);
                    r.request_focus();
                }
                if let NameTarget::NewNeededBy {
                    from, dependency, ..
                } = target
                {
                    ui.add_space(6.0);
                    ui.label(
                        RichText::new(format!(
                            "{} needs it — dependency type",
                            app.doc.ws().system_name(from)
                        ))
                        .strong(),
                    );
                    ui.label(RichText::new("Ctrl+digit or a click picks the type.").weak());
                    if let Some(t) = type_list_ui(ui, app, *dependency, false) {
                        *dependency = t;
                        r.request_focus();
                    }
                }
            });
    }
    ui.add_space(4.0);
    let (done, cancel) = ui
        .horizontal(|ui| {
            let done = ui
                .button(if new { "Add system" } else { "Rename" })
                .clicked();
            (done, ui.button("Cancel").clicked())
        })
        .inner;
    if cancel {
        return Outcome::Close;
    }
    let name = text.trim().to_owned();
    if (done || enter) && !name.is_empty() {
        let (target, kind) = (target.clone(), kind.kind);
        return Outcome::Then(Box::new(move |app| match target {
            NameTarget::New(at) => app.add_named_system(at, &name, kind),
            NameTarget::NewNeededBy {
                at,
                from,
                dependency,
            } => app.add_system_needed_by(at, &name, kind, &from, dependency),
            NameTarget::Existing(id) => app.rename(&id, &name),
        }));
    }
    Outcome::Keep
}

/// The dependency-type popup: 1–8 pick a type at once, ↑/↓ move the highlight, Enter adds the
/// highlighted one (the remembered type to begin with), Esc cancels.
pub(crate) fn connect_type_ui(
    ui: &mut egui::Ui,
    app: &DepdigApp,
    from: &str,
    to: &str,
    kind: &mut DependencyType,
) -> Outcome {
    let all = DependencyType::ALL;
    let at = all.iter().position(|t| t == kind).unwrap_or(0);
    let (moved, enter, escape) = ui.input_mut(|i| {
        let moved = if i.consume_key(Modifiers::NONE, Key::ArrowDown) {
            Some((at + 1) % all.len())
        } else if i.consume_key(Modifiers::NONE, Key::ArrowUp) {
            Some((at + all.len() - 1) % all.len())
        } else {
            None
        };
        (
            moved,
            i.consume_key(Modifiers::NONE, Key::Enter),
            i.consume_key(Modifiers::NONE, Key::Escape),
        )
    });
    if escape {
        return Outcome::Close;
    }
    let digit = take_digit(ui, Modifiers::NONE, all.len());
    if let Some(m) = moved {
        *kind = all[m];
    }
    ui.heading("New dependency");
    ui.label(format!(
        "{} needs {}",
        app.doc.ws().system_name(from),
        app.doc.ws().system_name(to)
    ));
    ui.add_space(4.0);
    let mut add = enter;
    egui::ScrollArea::vertical()
        .max_height(list_room(ui, 130.0))
        .auto_shrink([true, true])
        .show(ui, |ui| {
            if let Some(t) = type_list_ui(ui, app, *kind, true) {
                *kind = t;
            }
        });
    ui.label(RichText::new("1–8 adds that type · ↑/↓ and Enter · Esc cancels").weak());
    let cancel = ui
        .horizontal(|ui| {
            add |= ui.button("Add dependency").clicked();
            ui.button("Cancel").clicked()
        })
        .inner;
    if cancel {
        return Outcome::Close;
    }
    if let Some(i) = digit {
        *kind = all[i];
        add = true;
    }
    if add {
        let (from, to, kind) = (from.to_owned(), to.to_owned(), *kind);
        return Outcome::Then(Box::new(move |app| app.connect(&from, &to, kind)));
    }
    Outcome::Keep
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chosen_kind_is_not_overridden_by_typing() {
        let mut k = KindChoice::default();
        k.follow_name("Orders DB");
        assert_eq!(k.kind, SystemKind::Database);
        assert_eq!(k.summary(), "Kind: Database (guessed from the name)");
        k.follow_name("Orders");
        assert_eq!(k.kind, SystemKind::Service);
        assert_eq!(k.summary(), "Kind: Service");
        k.choose(SystemKind::Team);
        k.follow_name("Orders DB");
        assert_eq!(k.kind, SystemKind::Team);
        assert_eq!(k.summary(), "Kind: Team (your choice)");
    }

    #[test]
    fn every_listed_type_and_kind_up_to_ten_has_a_digit() {
        assert_eq!(digit_of(0).map(|d| d.1), Some('1'));
        assert_eq!(digit_of(8).map(|d| d.1), Some('9'));
        assert_eq!(digit_of(9).map(|d| d.1), Some('0'));
        assert_eq!(digit_of(10), None);
        assert!(DependencyType::ALL.len() <= 9);
    }
}
