//! Whether a command may run now: read-only mode refuses every edit up front, and menus, the
//! toolbar and the context menu show such commands disabled with the reason as their tooltip.

use crate::ui::commands::UiCommand;

/// What a refused edit says in read-only mode (tooltip of every disabled edit command).
pub(crate) const READ_ONLY_WHY: &str =
    "Read-only: nothing can be changed (View ▸ Read-only to allow edits; Save as… keeps a copy)";

/// What decides whether a command may run, copied out of the app so menus, toolbars and panels can
/// ask without holding it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Gate {
    read_only: bool,
    /// Arrows step through views (presenting) or a rehearsal: they do not nudge.
    arrows_step: bool,
}

impl Gate {
    /// `arrows_step`: arrows step through views (presenting) or a rehearsal, so they do not nudge.
    pub(crate) fn new(read_only: bool, arrows_step: bool) -> Gate {
        Gate {
            read_only,
            arrows_step,
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
