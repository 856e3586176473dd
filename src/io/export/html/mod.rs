//! The map as one self-contained interactive HTML page: the SVG export's pictures (the same
//! [`crate::picture`] module, the same positions) embedded inline, the workspace data the page
//! needs as JSON, a small hand-written script (`view.js` and `panel.js`: pan and zoom, hover and details, find,
//! legend toggles, tabs for saved views and scenarios, the ranked findings) and its stylesheet,
//! with the bundled font subset to the characters used. Nothing is fetched: a
//! Content-Security-Policy allows only `data:` images and fonts and the page's own inline
//! script and stylesheet (by their SHA-256), and no element carries an event handler attribute.
//!
//! Every workspace text stays text: in the SVG it is XML-escaped, in the `<title>` HTML-escaped,
//! in the JSON `<`, `>` and `&` are `\u` escapes, and the script writes it with `textContent`.
//!
//! The script honours a URL fragment: `#select=ID` selects a system and shows its details,
//! `#find=TEXT` fills the find box, `#hide=TYPE,TYPE` hides dependency types, `#tab=ID` opens a
//! tab (`map`, `view:ID`, `scenario:ID`), `#finding=N` highlights the N-th finding. When it has
//! set itself up it sets `data-ready="true"` on `<body>`.

mod data;
mod font;
mod safe;

use std::collections::BTreeSet;

use super::{ExportError, ExportOptions, svg};
use crate::model::{FilterMode, Scenario, View, Workspace};
use crate::picture::{Picture, Scene};
use crate::theme::{Theme, ThemeName};
use data::TabData;

pub use safe::{csp_hash, script_json};

/// The page's script: two files (the map and its panels) in one strict-mode function.
const SCRIPT: &str = concat!(
    "'use strict';\n(function () {\n",
    include_str!("view.js"),
    include_str!("panel.js"),
    "}());\n"
);
const STYLE: &str = include_str!("map.css");

/// The page for the document `ws`: its first tab is `drawn` with `opts` (what the SVG export
/// with the same options draws: a view, a scenario's difference or target, or the whole map),
/// then one tab per saved view and one per scenario (its difference). A view or scenario that
/// leaves nothing to draw gets a tab that says so.
pub fn write(
    ws: &Workspace,
    drawn: &Workspace,
    opts: &ExportOptions,
) -> Result<String, ExportError> {
    let mut pictures = vec![picture_svg(drawn, opts)?];
    let mut tabs = vec![TabData {
        id: "map".into(),
        label: "Map".into(),
        kind: "map",
        scenario: None,
        note: String::new(),
        picture: Some(0),
    }];
    let base = base_options(opts);
    for view in ws.views.values() {
        let o = view_options(ws, view, &base);
        let (picture, note) = match picture_svg(ws, &o) {
            Ok(svg) => {
                pictures.push(svg);
                (Some(pictures.len() - 1), String::new())
            }
            Err(e) => (None, e.to_string()),
        };
        tabs.push(TabData {
            id: format!("view:{}", view.id),
            label: view.name.clone(),
            kind: "view",
            scenario: None,
            note,
            picture,
        });
    }
    for scenario in ws.scenarios.values() {
        let (combined, o) = scenario_options(ws, scenario, &base);
        let (picture, note) = match picture_svg(&combined, &o) {
            Ok(svg) => {
                pictures.push(svg);
                (Some(pictures.len() - 1), scenario_note(ws, scenario))
            }
            Err(e) => (None, e.to_string()),
        };
        tabs.push(TabData {
            id: format!("scenario:{}", scenario.id),
            label: scenario.name.clone(),
            kind: "scenario",
            scenario: Some(scenario.id.clone()),
            note,
            picture,
        });
    }
    let analysis = crate::analysis::analyze(ws);
    let title = match &opts.title {
        Some(t) if !t.trim().is_empty() => t.trim().to_owned(),
        _ => ws.title.trim().to_owned(),
    };
    let page = data::page_data(
        ws,
        drawn,
        &analysis,
        theme_word(opts.theme.name),
        title.clone(),
        tabs,
    );
    let json = script_json(&page).map_err(|e| ExportError::Render(e.to_string()))?;
    Ok(assemble(&title, &opts.theme, &pictures, &json))
}

/// One picture as an inline `<svg>` element (the SVG export's document without its XML
/// declaration; the page's `@font-face` gives it the font).
fn picture_svg(ws: &Workspace, opts: &ExportOptions) -> Result<String, ExportError> {
    let scene = Scene::new(ws, opts)?;
    let pic = Picture::new(&scene, opts)?;
    let text = svg::write(&pic, svg::Fonts::Named);
    Ok(match text.find("<svg") {
        Some(i) => text[i..].to_owned(),
        None => text,
    })
}

/// The look of `opts` without what selects or marks items (for the views' and scenarios' tabs).
fn base_options(opts: &ExportOptions) -> ExportOptions {
    ExportOptions {
        title: None,
        hidden_types: BTreeSet::new(),
        hidden_systems: BTreeSet::new(),
        dimmed: BTreeSet::new(),
        highlighted: BTreeSet::new(),
        scenario: None,
        ..opts.clone()
    }
}

/// A saved view drawn as `depdig export --view` draws it.
fn view_options(ws: &Workspace, view: &View, base: &ExportOptions) -> ExportOptions {
    let mut o = base.clone();
    o.apply_filters(ws, &view.filters);
    if view.filters.mode == FilterMode::Hide {
        o.hidden_types = view.filters.hidden_types.iter().copied().collect();
    }
    o.highlighted = view.highlighted.iter().cloned().collect();
    o.title = Some(joined(&[&ws.title, &view.name]));
    o
}

/// A scenario's difference drawn as `depdig export --scenario` draws it.
fn scenario_options(
    ws: &Workspace,
    scenario: &Scenario,
    base: &ExportOptions,
) -> (Workspace, ExportOptions) {
    let mut o = base.clone();
    o.scenario = Some(scenario.diff(ws));
    o.title = Some(joined(&[
        &ws.title,
        &format!("{} (difference)", scenario.name),
    ]));
    (scenario.combined(ws), o)
}

fn joined(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" — ")
}

/// "Adds 2 systems and 3 dependencies; removes 1 system and 4 dependencies."
fn scenario_note(ws: &Workspace, scenario: &Scenario) -> String {
    use crate::text::plural;
    let diff = scenario.diff(ws);
    let count = |ids: &BTreeSet<String>| {
        let systems = ids
            .iter()
            .filter(|id| {
                ws.systems.contains_key(*id) || scenario.added_systems.iter().any(|s| &s.id == *id)
            })
            .count();
        format!(
            "{} and {}",
            plural(systems, "system", "systems"),
            plural(ids.len() - systems, "dependency", "dependencies")
        )
    };
    format!(
        "Adds {}; removes {}.",
        count(&diff.added),
        count(&diff.removed)
    )
}

fn theme_word(name: ThemeName) -> &'static str {
    match name {
        ThemeName::Light => "light",
        ThemeName::Dark => "dark",
        ThemeName::Projector => "projector",
    }
}

fn hex(c: crate::theme::Rgba) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

/// The stylesheet: the theme's colours and type size as CSS variables, the font, `map.css`.
fn stylesheet(theme: &Theme, font_face: Option<&str>) -> String {
    let base_px = if theme.name == ThemeName::Projector {
        20
    } else {
        14
    };
    format!(
        ":root{{--bg:{};--panel:{};--fg:{};--sub:{};--line:{};--accent:{};--hl:{};\
         --added:{};--removed:{};--stroke:{};--base:{base_px}px;--dim:{:.2};}}\n{}\n{STYLE}",
        hex(theme.canvas_bg),
        hex(theme.node_fill),
        hex(theme.node_text),
        hex(theme.node_subtext),
        hex(theme.grid),
        hex(theme.selection),
        hex(theme.highlight),
        hex(theme.added),
        hex(theme.removed),
        hex(theme.node_stroke),
        theme.dim_alpha.clamp(0.05, 1.0),
        font_face.unwrap_or_default(),
    )
}

fn assemble(title: &str, theme: &Theme, pictures: &[String], json: &str) -> String {
    let mut body =
        String::with_capacity(pictures.iter().map(String::len).sum::<usize>() + json.len() + 4096);
    w!(
        body,
        "<body class=\"theme-{}\">\n<header>\n<h1 id=\"title\">{}</h1>\n\
         <nav id=\"tabs\" role=\"tablist\" aria-label=\"Pictures\"></nav>\n\
         <div id=\"tools\"><input id=\"find\" type=\"search\" placeholder=\"Find a system\" \
         aria-label=\"Find a system\" autocomplete=\"off\"><span id=\"find-count\" \
         aria-live=\"polite\"></span>\
         <button id=\"zoom-in\" type=\"button\" title=\"Zoom in (+)\">+</button>\
         <button id=\"zoom-out\" type=\"button\" title=\"Zoom out (-)\">\u{2212}</button>\
         <button id=\"fit\" type=\"button\" title=\"Fit the map (0)\">Fit</button></div>\n\
         </header>\n<p id=\"note\" hidden></p>\n<main>\n<div id=\"stage\">\n",
        theme_word(theme.name),
        safe::html(title)
    );
    for (i, svg) in pictures.iter().enumerate() {
        w!(
            body,
            "<div class=\"picture\" data-picture=\"{i}\"{}>\n{svg}</div>\n",
            if i == 0 { "" } else { " hidden" }
        );
    }
    body.push_str(
        "<div id=\"tooltip\" role=\"tooltip\" hidden></div>\n</div>\n\
         <aside id=\"side\">\n\
         <section id=\"details\" aria-live=\"polite\"><h2>Details</h2>\
         <p class=\"hint\">Hover a system for a summary; click it (or Tab to it and press Enter) \
         for its dependencies, debt and failure modes. Drag to pan, wheel or +/\u{2212} to zoom, \
         0 to fit.</p></section>\n\
         <section id=\"types\"><h2>Dependency types</h2><div id=\"type-list\"></div></section>\n\
         <section id=\"findings\"><h2>Findings</h2><ol id=\"finding-list\"></ol></section>\n\
         </aside>\n</main>\n",
    );
    w!(
        body,
        "<script type=\"application/json\" id=\"depdig-data\">{json}</script>\n"
    );
    let chars: BTreeSet<char> = body
        .chars()
        .chain(title.chars())
        .chain(SCRIPT.chars())
        .collect();
    let style = stylesheet(theme, font::font_face(&chars).as_deref());
    let mut out = String::with_capacity(body.len() + style.len() + SCRIPT.len() + 1024);
    w!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"depdig\">\n<title>{}</title>\n\
         <style>{style}</style>\n</head>\n{body}<script>{SCRIPT}</script>\n</body>\n</html>\n",
        safe::csp(&style, SCRIPT),
        safe::html(title)
    );
    out
}
