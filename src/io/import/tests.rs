use super::*;
use crate::model::{CanvasPos, Scenario};

fn src(line: u64, text: &str) -> Source {
    Source::new("deploy/docker-compose.yml", Some(line), text)
}

fn system(id: &str, kind: Option<SystemKind>, tech: &str) -> FoundSystem {
    FoundSystem {
        id: id.to_owned(),
        name: id.to_owned(),
        kind,
        tech: tech.to_owned(),
        group: String::new(),
        description: String::new(),
        tags: Vec::new(),
        windows: Vec::new(),
        source: src(1, &format!("{id}:")),
    }
}

fn dep(from: &str, to: &str, kind: DependencyType, line: u64, text: &str) -> FoundDependency {
    FoundDependency {
        from: from.to_owned(),
        to: to.to_owned(),
        kind,
        role: None,
        protocol: String::new(),
        label: String::new(),
        sources: vec![src(line, text)],
    }
}

fn sock_shop() -> Found {
    let mut f = Found::default();
    f.add_system(system("user", None, "weaveworksdemos/user:0.4.7"));
    f.add_system(system(
        "user-db",
        Some(SystemKind::Database),
        "weaveworksdemos/user-db:0.3.0",
    ));
    f.add_dependency(dep(
        "user",
        "user-db",
        DependencyType::Data,
        57,
        "MONGO_HOST=user-db:27017",
    ));
    f
}

#[test]
fn a_source_reads_as_file_line_and_text() {
    assert_eq!(
        src(57, "  MONGO_HOST=user-db:27017 ").to_string(),
        "docker-compose.yml:57 MONGO_HOST=user-db:27017"
    );
    assert_eq!(
        Source::new("a/deps.json", None, "").to_string(),
        "deps.json"
    );
}

#[test]
fn a_new_map_gets_the_systems_and_dependencies_with_where_they_came_from() {
    let mut ws = Workspace::new("t");
    let (_, summary) = apply_found(&mut ws, &sock_shop()).unwrap();
    assert_eq!((summary.systems_added, summary.dependencies_added), (2, 1));
    assert_eq!(ws.systems["user-db"].kind, SystemKind::Database);
    assert_eq!(ws.systems["user"].tech, "weaveworksdemos/user:0.4.7");
    let d = &ws.dependencies[&dependency_id("user", "user-db", DependencyType::Data)];
    assert_eq!(d.notes, "docker-compose.yml:57 MONGO_HOST=user-db:27017");
}

#[test]
fn importing_again_changes_nothing() {
    let mut ws = Workspace::new("t");
    apply_found(&mut ws, &sock_shop()).unwrap();
    let before = ws.clone();
    let (_, summary) = apply_found(&mut ws, &sock_shop()).unwrap();
    assert_eq!(ws, before);
    assert_eq!(
        (summary.systems_added, summary.systems_updated),
        (0, 0),
        "{summary:?}"
    );
    assert_eq!(
        (summary.dependencies_added, summary.dependencies_updated),
        (0, 0)
    );
}

#[test]
fn a_merge_keeps_every_hand_made_field() {
    let mut ws = Workspace::new("t");
    let mut user = System::new("user", "User accounts").with_kind(SystemKind::Gateway);
    user.tech = "Go".to_owned();
    user.owner = "Identity team".to_owned();
    user.pos = Some(CanvasPos::new(10.0, 20.0));
    user.pinned = true;
    ws.systems.insert("user".to_owned(), user.clone());
    ws.systems.insert(
        "user-db".to_owned(),
        System::new("user-db", "Users").with_kind(SystemKind::Database),
    );
    let mut d = Dependency::new("user", "user-db", DependencyType::Data);
    d.notes = "checked with the team".to_owned();
    d.protocol = "mongo".to_owned();
    ws.dependencies.insert(d.id(), d);
    let (inverse, summary) = apply_found(&mut ws, &sock_shop()).unwrap();
    assert_eq!(ws.systems["user"], user, "the system keeps every field");
    assert_eq!(ws.systems["user-db"].tech, "weaveworksdemos/user-db:0.3.0");
    let d = &ws.dependencies[&dependency_id("user", "user-db", DependencyType::Data)];
    assert_eq!(d.protocol, "mongo");
    assert_eq!(
        d.notes,
        "checked with the team\ndocker-compose.yml:57 MONGO_HOST=user-db:27017"
    );
    assert_eq!(
        (summary.systems_updated, summary.dependencies_updated),
        (1, 1)
    );
    // One batch: undone in one step.
    let mut undone = ws.clone();
    crate::ops::apply(&mut undone, inverse).unwrap();
    assert_eq!(undone.systems["user-db"].tech, "");
}

#[test]
fn the_same_dependency_from_two_places_has_both_sources_and_no_self_dependency() {
    let mut f = sock_shop();
    f.add_dependency(dep(
        "user",
        "user-db",
        DependencyType::Data,
        60,
        "MONGO_URL=mongodb://user-db",
    ));
    f.add_dependency(dep("user", "user", DependencyType::Sync, 61, "-h user"));
    assert_eq!(f.dependencies.len(), 1);
    let mut ws = Workspace::new("t");
    apply_found(&mut ws, &f).unwrap();
    let d = &ws.dependencies[&dependency_id("user", "user-db", DependencyType::Data)];
    assert_eq!(d.notes.lines().count(), 2, "{}", d.notes);
    assert_eq!(ws.dependencies.len(), 1);
}

#[test]
fn an_undeclared_end_is_created_with_a_warning() {
    let mut f = sock_shop();
    f.add_dependency(dep(
        "user",
        "zipkin",
        DependencyType::Sync,
        70,
        "ZIPKIN=http://zipkin:9411/api/v1/spans",
    ));
    let mut ws = Workspace::new("t");
    let (_, summary) = apply_found(&mut ws, &f).unwrap();
    assert_eq!(ws.systems["zipkin"].kind, SystemKind::Observability);
    assert_eq!(summary.warnings.len(), 1);
    assert_eq!(
        summary.warnings[0].to_string(),
        "deploy/docker-compose.yml:70: system \"zipkin\" is not declared; it is created"
    );
}

#[test]
fn a_clash_with_a_scenario_changes_nothing_and_says_where() {
    let mut ws = Workspace::new("t");
    ws.scenarios.insert(
        "later".to_owned(),
        Scenario {
            id: "later".to_owned(),
            name: "Later".to_owned(),
            description: String::new(),
            added_systems: vec![System::new("user-db", "Users")],
            added_dependencies: Vec::new(),
            removed: Vec::new(),
        },
    );
    let before = ws.clone();
    let err = apply_found(&mut ws, &sock_shop()).unwrap_err();
    assert_eq!(ws, before);
    assert!(
        err.to_string()
            .starts_with("deploy/docker-compose.yml:1: the import adds system \"user-db\""),
        "{err}"
    );
}

#[test]
fn ids_come_from_names() {
    assert_eq!(id_for("user-db"), "user-db");
    assert_eq!(id_for("Orders DB"), "orders-db");
}

#[test]
fn adding_dependencies_at_once_is_adding_them_one_by_one() {
    let list = vec![
        dep("a", "b", DependencyType::Sync, 1, "B=b"),
        dep("a", "a", DependencyType::Sync, 2, "SELF=a"),
        dep("a", "c", DependencyType::Data, 3, "C=c"),
        dep("a", "b", DependencyType::Sync, 4, "B2=b"),
        dep("a", "b", DependencyType::StartupOrder, 5, "depends_on: b"),
        dep("a", "b", DependencyType::Sync, 1, "B=b"),
    ];
    let mut one_by_one = sock_shop();
    for d in list.clone() {
        one_by_one.add_dependency(d);
    }
    let mut at_once = sock_shop();
    at_once.add_dependencies(list);
    assert_eq!(at_once, one_by_one);
    assert_eq!(at_once.dependencies.len(), 4);
    assert_eq!(at_once.dependencies[1].sources.len(), 2);
}

#[test]
fn a_new_async_dependency_takes_the_role_found() {
    let mut f = sock_shop();
    let mut d = dep("user", "user-db", DependencyType::Async, 60, "consumes");
    d.role = Some(AsyncRole::Consumes);
    f.add_dependency(d);
    let mut ws = Workspace::new("t");
    apply_found(&mut ws, &f).unwrap();
    let id = dependency_id("user", "user-db", DependencyType::Async);
    assert_eq!(ws.dependencies[&id].role, Some(AsyncRole::Consumes));
}
