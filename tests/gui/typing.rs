//! Issue 15.1: typing never fires a canvas shortcut. A sentence holding every single-key shortcut
//! is typed — as a keyboard sends it, key press then text then release — into every text field of
//! every panel and dialog; no command may run and the text must arrive whole.

use depdig::ui::DepdigApp;
use egui::accesskit::Role;
use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{Queryable, by};

/// Every single-key shortcut: a c f g m n o p q r v x z, Shift+X, Space and "?".
pub const SENTENCE: &str = "Warehouse on-call: ask Ops to fix the queue, pin Zen? Go Max VRC XN";

fn key_of(c: char) -> Option<Key> {
    match c {
        ' ' => Some(Key::Space),
        '?' => Some(Key::Questionmark),
        ',' => Some(Key::Comma),
        ':' => Some(Key::Colon),
        '-' => Some(Key::Minus),
        '.' => Some(Key::Period),
        c if c.is_ascii_alphanumeric() => Key::from_name(&c.to_ascii_uppercase().to_string()),
        _ => None,
    }
}

/// Types `text` the way a keyboard does: for each character the key goes down (with Shift for
/// capitals and "?" / ":"), the character arrives as text, the key goes up; a frame every few
/// characters.
pub fn type_keys(h: &mut Harness<'_, DepdigApp>, text: &str) {
    for (i, c) in text.chars().enumerate() {
        let shift = c.is_uppercase() || matches!(c, '?' | ':');
        let modifiers = if shift {
            Modifiers::SHIFT
        } else {
            Modifiers::NONE
        };
        h.event(Event::ModifiersChanged(modifiers));
        let key = key_of(c);
        if let Some(key) = key {
            h.event(Event::Key {
                key,
                physical_key: None,
                pressed: true,
                repeat: false,
                modifiers,
            });
        }
        h.event(Event::Text(c.to_string()));
        if let Some(key) = key {
            h.event(Event::Key {
                key,
                physical_key: None,
                pressed: false,
                repeat: false,
                modifiers,
            });
        }
        h.event(Event::ModifiersChanged(Modifiers::NONE));
        if i % 3 == 2 {
            h.run_steps(1);
        }
    }
    h.run_steps(2);
}

fn text_field<'a>(h: &'a Harness<'_, DepdigApp>, label: &'a str) -> egui_kittest::Node<'a> {
    h.query(by().role(Role::TextInput).label(label))
        .or_else(|| h.query(by().role(Role::MultilineTextInput).label(label)))
        .unwrap_or_else(|| panic!("a text field labelled {label:?}"))
}

fn value_of(h: &Harness<'_, DepdigApp>, label: &str) -> String {
    text_field(h, label).value().unwrap_or_default()
}

/// What must not change while typing: the workspace's shape and everything around it.
fn fingerprint(h: &Harness<'_, DepdigApp>) -> String {
    let app = h.state();
    let ws = app.workspace();
    let pinned: Vec<&str> = ws
        .systems
        .values()
        .filter(|s| s.pinned)
        .map(|s| s.id.as_str())
        .collect();
    format!(
        "{} systems, {} dependencies, {} debt, {} failure modes, {} views, {} scenarios, \
         {} parked, {} decisions, pinned {pinned:?}; {}",
        ws.systems.len(),
        ws.dependencies.len(),
        ws.debt.len(),
        ws.failure_modes.len(),
        ws.views.len(),
        ws.scenarios.len(),
        ws.parking_lot.len(),
        ws.decisions.len(),
        app.chrome_state()
    )
}

/// Clicks into the field labelled `label`, types the sentence, and checks that it arrived whole
/// and that nothing else happened.
fn click_and_type(h: &mut Harness<'_, DepdigApp>, label: &str) {
    text_field(h, label).scroll_to_me();
    // Until the scroll has settled (a docked panel may have to scroll a long way).
    h.run();
    text_field(h, label).click();
    h.run_steps(2);
    if !text_field(h, label).is_focused() {
        // kittest's click (move, press and release in one frame) does not reach fields inside
        // the facilitation panel's scroll area; give the field the keyboard as a screen reader
        // would. The real-window suite clicks them with a real pointer.
        text_field(h, label).focus();
        h.run_steps(2);
    }
    assert!(
        text_field(h, label).is_focused(),
        "{label} has the keyboard"
    );
    type_and_check(h, label);
}

/// Types the sentence into whatever has the keyboard and checks the field labelled `label`.
fn type_and_check(h: &mut Harness<'_, DepdigApp>, label: &str) {
    // Find highlights what matches as you type: that is its job, not a command.
    let fingerprint = |h: &Harness<'_, DepdigApp>| {
        let f = fingerprint(h);
        if label != "Find" {
            return f;
        }
        let (head, tail) = f.split_once("highlight ").unwrap_or((&f, ""));
        format!("{head}{}", tail.split_once("; filters").map_or("", |t| t.1))
    };
    let before = fingerprint(h);
    type_keys(h, SENTENCE);
    let value = value_of(h, label);
    assert!(
        value.contains(SENTENCE),
        "{label}: the sentence did not arrive whole: {value:?}"
    );
    let after = fingerprint(h);
    assert_eq!(before, after, "{label}: typing ran a command");
}

fn select(h: &mut Harness<'_, DepdigApp>, system: &str) {
    h.get_by_label(&format!("System: {system}")).click();
    h.run_steps(2);
}

fn press(h: &mut Harness<'_, DepdigApp>, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.run_steps(3);
}

#[test]
fn typing_a_sentence_of_shortcuts_into_any_field_runs_no_command() {
    let mut h = super::harness(crate::common::open(None));

    // The inspector of a system picked on the canvas (the canvas had the keyboard just before).
    select(&mut h, "Product catalog");
    for label in ["Name", "Owner", "Tech", "Group", "Notes"] {
        click_and_type(&mut h, label);
    }

    // A failure mode: its proposed title takes the keyboard at once, selected, so typing
    // replaces it; then a response step added with a click takes the keyboard without one.
    select(&mut h, "Checkout");
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::F);
    type_and_check(&mut h, "Title");
    assert_eq!(
        value_of(&h, "Title"),
        SENTENCE,
        "typing replaces the proposal"
    );
    crate::common::scroll_and_click(&mut h, "Add response step");
    h.run_steps(3);
    let before = fingerprint(&h);
    type_keys(&mut h, SENTENCE);
    assert_eq!(
        before,
        fingerprint(&h),
        "response step: typing ran a command"
    );
    let fm = h
        .state()
        .workspace()
        .failure_modes
        .values()
        .find(|f| f.title == SENTENCE)
        .expect("the failure mode typed above");
    assert_eq!(
        fm.steps.last().map(|s| s.actor.as_str()),
        Some(SENTENCE),
        "the new step's \"who\" field took the keyboard"
    );
    for label in ["Detection", "Degraded mode", "Rollback"] {
        click_and_type(&mut h, label);
    }
    // The new failure mode is last in the docked list: scroll to it first.
    h.get_all_by_label("▶ Rehearse")
        .last()
        .unwrap()
        .scroll_to_me();
    h.run();
    h.get_all_by_label("▶ Rehearse").last().unwrap().click();
    h.run_steps(3);
    while h.query_by_label("Rehearsal notes").is_none() {
        h.get_by_label("Next ▶").click();
        h.run_steps(2);
    }
    click_and_type(&mut h, "Rehearsal notes");
}

#[test]
fn typing_into_a_new_debt_item_runs_no_command() {
    let mut h = super::harness(crate::common::open(None));
    // A debt item recorded from the keyboard: the title takes the keyboard, selected.
    select(&mut h, "Checkout");
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::D);
    type_and_check(&mut h, "Title");
    assert!(
        h.state()
            .workspace()
            .debt
            .values()
            .any(|d| d.title == SENTENCE),
        "the new debt item's title took the keyboard"
    );
    click_and_type(&mut h, "Description");
}

#[test]
fn typing_into_views_prompts_and_find_runs_no_command() {
    let mut h = super::harness(crate::common::open(None));
    // Views and scenarios, prompts, the parking lot and the council's log.
    select(&mut h, "Checkout");
    press(&mut h, Modifiers::NONE, Key::V);
    click_and_type(&mut h, "View name");
    click_and_type(&mut h, "Scenario name");
    h.get_by_label("System: Checkout").click();
    h.run_steps(1);
    press(&mut h, Modifiers::NONE, Key::Q);
    for label in [
        "Parking-lot question",
        "Raised by",
        "Decision",
        "Decided by",
        "Trade-off accepted",
        "Decision date",
    ] {
        click_and_type(&mut h, label);
    }

    // Find, and the name of a new system (N on the canvas).
    press(&mut h, Modifiers::COMMAND, Key::F);
    type_and_check(&mut h, "Find");
    h.key_press(Key::Escape);
    h.run_steps(2);
}

#[test]
fn typing_into_dialogs_runs_no_command() {
    let mut h = super::harness(crate::common::open(None));
    // N on the canvas opens the name dialog with its field ready.
    h.get_by_label("System: Checkout").click();
    h.run_steps(2);
    press(&mut h, Modifiers::NONE, Key::N);
    type_and_check(&mut h, "System name");
    h.key_press(Key::Escape);
    h.run_steps(2);
    for (modifiers, key, label) in [
        (Modifiers::COMMAND, Key::E, "Export file"),
        (Modifiers::COMMAND | Modifiers::SHIFT, Key::E, "Report file"),
        (Modifiers::COMMAND, Key::O, "Path"),
        (Modifiers::COMMAND | Modifiers::SHIFT, Key::S, "Path"),
    ] {
        press(&mut h, modifiers, key);
        click_and_type(&mut h, label);
        h.key_press(Key::Escape);
        h.run_steps(2);
        assert!(
            !h.state().chrome_state().ends_with("dialog open true"),
            "Esc closes the {label} dialog"
        );
    }
}

#[test]
fn single_keys_act_only_while_the_canvas_has_the_keyboard() {
    let mut h = super::harness(crate::common::open(None));
    let before = h.state().workspace().systems.len();
    // At start the map has the keyboard: N asks for a name.
    press(&mut h, Modifiers::NONE, Key::N);
    assert!(
        h.query_by_label("System name").is_some(),
        "N works at start"
    );
    h.key_press(Key::Escape);
    h.run_steps(2);
    // A click on a panel's empty space takes the keyboard away from the map: N does nothing.
    select(&mut h, "Checkout");
    let owner = text_field(&h, "Owner").rect();
    h.event(Event::PointerMoved(
        owner.left_bottom() + egui::vec2(0.0, 200.0),
    ));
    h.event(Event::PointerButton {
        pos: owner.left_bottom() + egui::vec2(0.0, 200.0),
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.event(Event::PointerButton {
        pos: owner.left_bottom() + egui::vec2(0.0, 200.0),
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run_steps(2);
    press(&mut h, Modifiers::NONE, Key::N);
    assert!(
        h.query_by_label("System name").is_none(),
        "N away from the map does nothing"
    );
    // A click on the map gives it back.
    select(&mut h, "Checkout");
    press(&mut h, Modifiers::NONE, Key::N);
    assert!(h.query_by_label("System name").is_some());
    assert_eq!(h.state().workspace().systems.len(), before);
}

/// After naming a system with N + Enter, the map has the keyboard again: N names the next one.
#[test]
fn after_a_dialog_closes_the_map_has_the_keyboard_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.ron");
    std::fs::write(&path, "(version: 1, title: \"Empty\")").unwrap();
    let mut h = super::harness(crate::common::open(Some(path)));
    for name in ["Fraud scoring API", "Payments DB"] {
        press(&mut h, Modifiers::NONE, Key::N);
        assert!(
            h.query_by_label("System name").is_some(),
            "N opens the name dialog before {name}"
        );
        type_keys(&mut h, name);
        press(&mut h, Modifiers::NONE, Key::Enter);
        assert!(
            depdig::ui::canvas::has_keyboard_focus(&h.ctx),
            "after {name}"
        );
    }
    assert_eq!(h.state().workspace().systems.len(), 2);
}

/// Esc in a text field leaves the field and nothing else: the system being edited stays
/// selected (Esc used to clear the selection too, and the inspector jumped away), and the map has
/// the keyboard again.
#[test]
fn esc_in_a_field_only_leaves_the_field() {
    let mut h = super::harness(crate::common::open(None));
    select(&mut h, "Checkout");
    click_and_type(&mut h, "Owner");
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert!(!text_field(&h, "Owner").is_focused());
    assert!(
        h.state().view().selection.contains("checkout"),
        "still selected: {:?}",
        h.state().view().selection
    );
    assert!(depdig::ui::canvas::has_keyboard_focus(&h.ctx));
    // Esc on the map clears the selection, as before.
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert!(h.state().view().selection.is_empty());
}
