//! "Restore unsaved work?": every recovery left by a window that crashed, with the file it
//! belongs to, when it was autosaved, when the file was last saved and what differs from it.
//! Restoring over a file that someone changed since goes through the "someone else changed it"
//! prompt on save, so a restore never silently drops saved work.

use std::time::SystemTime;

use egui::RichText;

use crate::document::Document;
use crate::model::Workspace;
use crate::recovery::{DiskState, Pending};
use crate::ui::app::DepdigApp;
use crate::ui::dialogs::Outcome;

pub(crate) fn restore_ui(
    ui: &mut egui::Ui,
    app: &mut DepdigApp,
    pending: &mut Vec<Pending>,
) -> Outcome {
    ui.heading("Restore unsaved work?");
    ui.label(if pending.len() == 1 {
        "depdig found work that was not saved when a window last closed:".to_owned()
    } else {
        format!(
            "depdig found unsaved work from {} windows that did not close normally:",
            pending.len()
        )
    });
    let mut chosen: Option<(usize, bool)> = None;
    egui::ScrollArea::vertical()
        .max_height(420.0)
        .show(ui, |ui| {
            for (i, p) in pending.iter().enumerate() {
                ui.group(|ui| {
                    ui.set_width(ui.available_width());
                    describe(ui, p);
                    ui.horizontal(|ui| {
                        if ui
                            .button("Restore")
                            .on_hover_text("Open this work as unsaved changes")
                            .clicked()
                        {
                            chosen = Some((i, true));
                        }
                        if ui
                            .button("Discard")
                            .on_hover_text("Delete this recovery file")
                            .clicked()
                        {
                            chosen = Some((i, false));
                        }
                    });
                });
            }
        });
    ui.horizontal(|ui| {
        if ui
            .button("Later")
            .on_hover_text("Keep the recovery files; File ▸ Recover unsaved work… shows them again")
            .clicked()
        {
            chosen = Some((usize::MAX, false));
        }
    });
    match chosen {
        Some((usize::MAX, _)) => Outcome::Close,
        Some((i, true)) => {
            let p = pending.remove(i);
            let rest = std::mem::take(pending);
            Outcome::Then(Box::new(move |app| {
                restore(app, &p);
                if !rest.is_empty() && app.dialog.is_none() {
                    app.status = format!(
                        "{} · {} more recovered session(s) wait in File ▸ Recover unsaved work…",
                        app.status,
                        rest.len()
                    );
                }
            }))
        }
        Some((i, false)) => {
            let p = pending.remove(i);
            if let Err(e) = p.remove() {
                app.status = format!("The recovery file could not be deleted: {e}");
            }
            if pending.is_empty() {
                Outcome::Close
            } else {
                Outcome::Keep
            }
        }
        None => Outcome::Keep,
    }
}

fn describe(ui: &mut egui::Ui, p: &Pending) {
    ui.horizontal(|ui| {
        ui.label(RichText::new(p.display_name()).strong());
        match &p.header.path {
            Some(path) => ui.label(RichText::new(path.display().to_string()).weak()),
            None => ui.label(RichText::new("never saved").weak()),
        };
    });
    ui.label(format!("Autosaved {}", when(p.autosaved())));
    match &p.disk {
        DiskState::Untitled => {
            let c = p.workspace.counts();
            ui.label(format!(
                "A new workspace: {} and {}.",
                plural(c.systems, "system", "systems"),
                plural(c.dependencies, "dependency", "dependencies")
            ));
        }
        DiskState::Saved {
            modified,
            difference,
            changed_since_read,
        } => {
            if let Some(m) = modified {
                ui.label(format!("The file was last saved {}", when(*m)));
            }
            ui.label(format!("Not in the file: {}", difference.describe()));
            if *changed_since_read {
                ui.label(
                    RichText::new(
                        "⚠ Someone saved the file after this window read it. After restoring, \
                         saving asks before overwriting their version.",
                    )
                    .color(ui.visuals().warn_fg_color),
                );
            }
        }
        DiskState::Unreadable(why) => {
            ui.label(
                RichText::new(format!("The file cannot be read now: {why}"))
                    .color(ui.visuals().warn_fg_color),
            );
        }
    }
}

/// Opens the workspace the recovery belongs to (unless it is the open one) and puts the
/// recovered work on top as one undoable edit. The document remembers the file as the crashed
/// window last read it, so a save over a file changed since then asks first. The recovery file
/// is removed only once this window has autosaved the work to its own.
fn restore(app: &mut DepdigApp, p: &Pending) {
    let same_file = match (&p.header.path, &app.doc.path) {
        (Some(a), Some(b)) => same_path(a, b),
        _ => false,
    };
    if !same_file {
        if app.doc.is_dirty() {
            app.status = format!(
                "Save or close {} first: restoring {} would replace it",
                app.doc.display_name(),
                p.display_name()
            );
            return;
        }
        let doc = match &p.header.path {
            Some(path) => match Document::open(path) {
                Ok(doc) => doc,
                // Gone or broken: the work comes back under its name; saving asks before
                // overwriting a file that is there.
                Err(_) => Document::new(Workspace::new(""), Some(path.clone())),
            },
            None => {
                let mut doc = Document::new(Workspace::new(""), None);
                doc.untitled_name = p.header.untitled_name.clone();
                doc
            }
        };
        app.replace_document(doc);
    }
    if let Err(e) = app.doc.apply(
        crate::ops::Op::Replace(Box::new(p.workspace.clone())),
        "Restore unsaved work",
    ) {
        app.status = format!("Restore failed: {e}");
        return;
    }
    if p.header.path.is_some() {
        app.doc.set_base_stamp(p.header.base);
    }
    app.view_changed();
    app.canvas.fit_requested = true;
    app.status = match app.write_recovery() {
        Ok(()) => match p.remove() {
            Ok(()) => format!("Restored unsaved work for {}", p.display_name()),
            Err(e) => format!(
                "Restored unsaved work for {}; the old recovery file could not be removed: {e}",
                p.display_name()
            ),
        },
        // Keep the old recovery file: it is the only copy until this window autosaves.
        Err(e) => format!(
            "Restored unsaved work for {} (kept its recovery file: autosave failed: {e})",
            p.display_name()
        ),
    };
}

fn same_path(a: &std::path::Path, b: &std::path::Path) -> bool {
    let canon = |p: &std::path::Path| {
        std::fs::canonicalize(p)
            .or_else(|_| std::path::absolute(p))
            .unwrap_or_else(|_| p.to_path_buf())
    };
    canon(a) == canon(b)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "2026-11-30 10:42 UTC (3 minutes ago)".
pub(crate) fn when(t: SystemTime) -> String {
    let secs = t
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (date, hh, mm) = civil(secs);
    let ago = match SystemTime::now().duration_since(t) {
        Ok(d) if d.as_secs() < 60 => "just now".to_owned(),
        Ok(d) if d.as_secs() < 3600 => {
            plural((d.as_secs() / 60) as usize, "minute ago", "minutes ago")
        }
        Ok(d) if d.as_secs() < 48 * 3600 => {
            plural((d.as_secs() / 3600) as usize, "hour ago", "hours ago")
        }
        Ok(d) => plural((d.as_secs() / 86_400) as usize, "day ago", "days ago"),
        Err(_) => "in the future".to_owned(),
    };
    format!("{date} {hh:02}:{mm:02} UTC ({ago})")
}

/// Seconds since the Unix epoch → ("YYYY-MM-DD", hour, minute), proleptic Gregorian, UTC.
fn civil(secs: u64) -> (String, u64, u64) {
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rem = secs % 86_400;
    // Howard Hinnant's days-to-civil.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (format!("{y:04}-{m:02}-{d:02}"), rem / 3600, rem % 3600 / 60)
}

#[cfg(test)]
mod tests {
    #[test]
    fn civil_dates() {
        assert_eq!(super::civil(0), ("1970-01-01".into(), 0, 0));
        // 2026-11-30 09:46 UTC
        assert_eq!(super::civil(1_796_031_960), ("2026-11-30".into(), 9, 46));
        // 2024-02-29 (leap day) 12:00
        assert_eq!(super::civil(1_709_208_000), ("2024-02-29".into(), 12, 0));
    }
}
