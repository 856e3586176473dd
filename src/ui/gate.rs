//! Whether a command may run now: read-only mode refuses every edit up front, and menus, the
//! toolbar and the context menu show such commands disabled with the reason as their tooltip.

use crate::ui::app::DepdigApp;
use crate::ui::commands::UiCommand;

/// What a refused edit says in read-only mode (tooltip of every disabled edit command).
pub(crate) const READ_ONLY_WHY: &str =
    "Read-only: nothing can be changed (View ▸ Read-only to allow edits; Save as… keeps a copy)";

/// What decides whether a command may run, copied out of the app so menus and toolbars can ask
/// while they hold the app.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Gate {
    read_only: bool,
    /// Arrows step through views (presenting) or a rehearsal: they do not nudge.
    arrows_step: bool,
}

impl Gate {
    pub(crate) fn of(app: &DepdigApp) -> Gate {
        Gate {
            read_only: app.read_only,
            arrows_step: app.presenting || app.failures.rehearsal.is_some(),
        }
    }

    /// Why `cmd` cannot run now, or `None`.
    pub(crate) fn refusal(self, cmd: UiCommand) -> Option<&'static str> {
        let nudge = matches!(
            cmd,
            UiCommand::NudgeLeft
                | UiCommand::NudgeRight
                | UiCommand::NudgeUp
                | UiCommand::NudgeDown
        );
        (self.read_only && cmd.edits_document() && !(nudge && self.arrows_step))
            .then_some(READ_ONLY_WHY)
    }
}
