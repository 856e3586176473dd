//! `--view NAME` and `--scenario NAME`: a saved view or scenario chosen by its id or its name
//! (case-insensitive), and what export and analyze draw or analyse with it.

use crate::model::{Scenario, View, Workspace};

/// The view whose id or name is `name`, or a message that lists the views there are.
pub fn view<'a>(ws: &'a Workspace, name: &str) -> Result<&'a View, String> {
    find(
        ws.views
            .values()
            .map(|v| (v, v.id.as_str(), v.name.as_str())),
        name,
        "view",
    )
}

/// The scenario whose id or name is `name`, or a message that lists the scenarios there are.
pub fn scenario<'a>(ws: &'a Workspace, name: &str) -> Result<&'a Scenario, String> {
    find(
        ws.scenarios
            .values()
            .map(|s| (s, s.id.as_str(), s.name.as_str())),
        name,
        "scenario",
    )
}

/// The position in the roadmap of the phase whose id or name is `name`, or a message that lists
/// the phases there are.
pub fn phase(ws: &Workspace, name: &str) -> Result<usize, String> {
    let phase = find(
        ws.roadmap
            .iter()
            .map(|p| (p, p.id.as_str(), p.name.as_str())),
        name,
        "phase",
    )?;
    Ok(ws
        .roadmap
        .iter()
        .position(|p| std::ptr::eq(p, phase))
        .unwrap_or_default())
}

fn find<'a, T: 'a>(
    items: impl Iterator<Item = (&'a T, &'a str, &'a str)> + Clone,
    name: &str,
    what: &str,
) -> Result<&'a T, String> {
    let wanted = name.trim();
    let same = |a: &str| a.trim().eq_ignore_ascii_case(wanted);
    if let Some((item, _, _)) = items
        .clone()
        .find(|(_, id, _)| same(id))
        .or_else(|| items.clone().find(|(_, _, n)| same(n)))
    {
        return Ok(item);
    }
    let names: Vec<String> = items.map(|(_, id, n)| format!("  {id}  ({n})")).collect();
    Err(if names.is_empty() {
        format!("unknown {what} \"{name}\": this workspace has no {what}s")
    } else {
        format!(
            "unknown {what} \"{name}\"; give the id or name of one of these {what}s:\n{}",
            names.join("\n")
        )
    })
}
