//! A Structurizr DSL workspace. My call: every system is a `softwareSystem` (a team a
//! `person`) on one system landscape, because a map's systems are peers, not the containers
//! of one system; a system's technology (which software systems lack) is kept in its
//! `properties`, its kind as its first tag. Groups are `group` blocks. Each dependency is a
//! relationship with its label as description, its protocol as technology and its type (and
//! async role) as tags; the same pair twice gets the type in the description (Structurizr
//! refuses two relationships with one description). A system landscape view shows it all.

use std::collections::{BTreeMap, BTreeSet};

use super::{by_group, one_line, quoted};
use crate::model::{DependencyType, SystemKind, Workspace};

/// Words the DSL reads as syntax where an identifier stands.
const KEYWORDS: &[&str] = &[
    "workspace",
    "model",
    "views",
    "person",
    "softwaresystem",
    "container",
    "component",
    "group",
    "enterprise",
    "element",
    "this",
    "tags",
    "tag",
    "description",
    "technology",
    "properties",
    "perspectives",
    "url",
    "styles",
    "theme",
    "themes",
    "branding",
    "configuration",
    "deploymentenvironment",
    "deploymentnode",
    "infrastructurenode",
    "archetypes",
    "name",
    "include",
    "exclude",
    "autolayout",
];

/// An identifier for a map id: the id with `-` and `.` as `_` when that is plain ASCII, not a
/// keyword and not taken; else `s1`, `s2` ….
fn identifiers(ws: &Workspace) -> BTreeMap<&str, String> {
    let mut used = BTreeSet::new();
    let mut out = BTreeMap::new();
    let mut n = 0;
    for id in ws.systems.keys() {
        let plain: String = id
            .chars()
            .map(|c| if c == '-' || c == '.' { '_' } else { c })
            .collect();
        let ok = plain.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && plain.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && !KEYWORDS.contains(&plain.to_ascii_lowercase().as_str())
            && !used.contains(&plain.to_ascii_lowercase());
        let ident = if ok {
            plain
        } else {
            loop {
                n += 1;
                let s = format!("s{n}");
                if !ws.systems.contains_key(&s) && !used.contains(&s) {
                    break s;
                }
            }
        };
        used.insert(ident.to_ascii_lowercase());
        out.insert(id.as_str(), ident);
    }
    out
}

/// The workspace as a Structurizr DSL file.
pub fn structurizr(ws: &Workspace) -> String {
    let ids = identifiers(ws);
    let mut out = String::new();
    wl!(
        out,
        "workspace {} {} {{",
        quoted(&ws.title),
        quoted(&ws.description)
    );
    wl!(out, "    !identifiers flat");
    wl!(out, "    model {{");
    for (group, systems) in by_group(ws) {
        let indent = if group.is_empty() {
            "        "
        } else {
            wl!(out, "        group {} {{", quoted(group));
            "            "
        };
        for s in systems {
            let element = if s.kind == SystemKind::Team {
                "person"
            } else {
                "softwareSystem"
            };
            let tags: Vec<String> = std::iter::once(s.kind.to_string())
                .chain(s.tags.iter().map(|t| one_line(&t.replace(',', " "))))
                .filter(|t| !t.is_empty())
                .collect();
            w!(
                out,
                "{indent}{} = {element} {} {} {}",
                ids[s.id.as_str()],
                quoted(&s.name),
                quoted(&s.description),
                quoted(&tags.join(","))
            );
            if s.tech.trim().is_empty() {
                out.push('\n');
            } else {
                wl!(out, " {{");
                wl!(out, "{indent}    properties {{");
                wl!(out, "{indent}        \"technology\" {}", quoted(&s.tech));
                wl!(out, "{indent}    }}");
                wl!(out, "{indent}}}");
            }
        }
        if !group.is_empty() {
            wl!(out, "        }}");
        }
    }
    let mut said: BTreeSet<(&str, &str, String)> = BTreeSet::new();
    for d in ws.dependencies.values() {
        let mut description = one_line(&d.label);
        if !said.insert((&d.from, &d.to, description.clone())) {
            description = if description.is_empty() {
                d.kind.to_string()
            } else {
                format!("{description} ({})", d.kind)
            };
            said.insert((&d.from, &d.to, description.clone()));
        }
        let tags = match (d.kind, d.role) {
            (DependencyType::Async, Some(r)) => format!("{},{r}", d.kind),
            _ => d.kind.to_string(),
        };
        wl!(
            out,
            "        {} -> {} {} {} {}",
            ids[d.from.as_str()],
            ids[d.to.as_str()],
            quoted(&description),
            quoted(&d.protocol),
            quoted(&tags)
        );
    }
    wl!(out, "    }}");
    wl!(out, "    views {{");
    wl!(out, "        systemLandscape \"Landscape\" {{");
    wl!(out, "            include *");
    wl!(out, "            autoLayout lr");
    wl!(out, "        }}");
    wl!(out, "    }}");
    wl!(out, "}}");
    out
}
