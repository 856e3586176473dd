use super::*;

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn format_words_read_and_print() {
    for f in Format::ALL {
        assert_eq!(f.to_string().parse::<Format>().unwrap(), *f);
    }
    assert_eq!("Kubernetes".parse::<Format>().unwrap(), Format::K8s);
    assert_eq!("docker-compose".parse::<Format>().unwrap(), Format::Compose);
    let err = "yaml".parse::<Format>().unwrap_err();
    assert!(err.contains("expected auto, csv, compose, k8s"), "{err}");
}

#[test]
fn detection_by_name_and_content() {
    let compose = "services:\n  a:\n    image: x\n";
    let k8s = "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n";
    assert_eq!(
        detect(Path::new("stack.yml"), compose),
        Some(Format::Compose)
    );
    assert_eq!(
        detect(Path::new("docker-compose.prod.yaml"), "x: 1\n"),
        Some(Format::Compose)
    );
    assert_eq!(detect(Path::new("svc.yaml"), k8s), Some(Format::K8s));
    // A manifest named like a compose file is still a manifest.
    assert_eq!(detect(Path::new("compose.yaml"), k8s), Some(Format::K8s));
    assert_eq!(detect(Path::new("values.yaml"), "replicas: 2\n"), None);
    assert_eq!(
        detect(Path::new("nodes.csv"), "id,label,kind\n"),
        Some(Format::Csv)
    );
    assert_eq!(
        detect(Path::new("edges.csv"), "source,target,type\n"),
        Some(Format::Csv)
    );
    assert_eq!(detect(Path::new("other.csv"), "a,b\n"), None);
    assert_eq!(detect(Path::new("w.dsl"), ""), Some(Format::Structurizr));
    assert_eq!(detect(Path::new("g.gv"), ""), Some(Format::Dot));
    assert_eq!(
        detect(Path::new("README.md"), "# x\n```mermaid\ngraph TD\n```\n"),
        Some(Format::Mermaid)
    );
    assert_eq!(detect(Path::new("README.md"), "# x\n"), None);
    assert_eq!(
        detect(
            Path::new("deps.json"),
            r#"[{"parent":"a","child":"b","callCount":1}]"#
        ),
        Some(Format::Jaeger)
    );
    assert_eq!(
        csv_role("\u{feff}\"source\",\"target\"\n"),
        Some(CsvRole::Edges)
    );
}

#[test]
fn compose_files_combine_in_order_with_the_env_beside_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(
        dir.path(),
        "docker-compose.yml",
        "services:\n  db:\n    image: ${DB}\n  app:\n    image: app\n",
    );
    let b = write(
        dir.path(),
        "docker-compose.override.yml",
        "services:\n  app:\n    environment:\n      - URL=db:5432\n",
    );
    write(dir.path(), ".env", "DB=postgres:16\n");
    let found = read_artefacts(&[a.clone(), b.clone()], None).unwrap();
    assert_eq!(found.system("db").unwrap().tech, "postgres:16");
    assert!(
        found.dependencies.iter().any(|d| d.from == "app"
            && d.to == "db"
            && d.kind == crate::model::DependencyType::Data)
    );
    // The other order: the override's app comes first, then the base adds its image.
    let found = read_artefacts(&[b, a], None).unwrap();
    assert_eq!(found.systems[0].id, "app");
}

#[test]
fn a_folder_is_its_files_sorted_and_what_is_not_an_artefact_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "b-svc.yaml",
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  selector:\n    app: api\n",
    );
    write(
        dir.path(),
        "a-deploy.yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    metadata:\n      labels:\n        app: api\n",
    );
    write(dir.path(), "notes.txt", "hello");
    write(dir.path(), "values.yaml", "replicas: 2\n");
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    let found = read_artefacts(&[dir.path().to_path_buf()], None).unwrap();
    assert_eq!(found.systems.len(), 1);
    assert!(
        found.warnings.is_empty(),
        "the Service in the later file selects api: {:?}",
        found.warnings
    );
    let mut skipped: Vec<String> = found
        .skipped
        .iter()
        .map(|s| s.path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    skipped.sort();
    assert_eq!(skipped, ["notes.txt", "sub", "values.yaml"]);
}

#[test]
fn a_file_named_on_its_own_that_is_no_artefact_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "values.yaml", "replicas: 2\n");
    let err = read_artefacts(std::slice::from_ref(&p), None).unwrap_err();
    assert!(
        err.to_string()
            .contains("not an artefact depdig reads; give --format"),
        "{err}"
    );
    // With --format the file is read as that format, and its fault said.
    let err = read_artefacts(&[p], Some(Format::Compose)).unwrap_err();
    assert!(err.to_string().contains("no `services:`"), "{err}");
}

#[test]
fn a_huge_file_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("docker-compose.yml");
    let f = std::fs::File::create(&p).unwrap();
    f.set_len(MAX_FILE_BYTES + 1).unwrap();
    let err = read_artefacts(&[p], None).unwrap_err();
    assert!(
        err.to_string().contains("files over 16 MB are refused"),
        "{err}"
    );
}

/// Each text format is told from its content (any name) and read through `read_artefacts`,
/// and they combine with each other.
#[test]
fn text_formats_are_detected_and_read_together() {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        ("g.txt", "digraph { a -> b }\n", Format::Dot),
        ("m.txt", "flowchart LR\n  b --> c\n", Format::Mermaid),
        (
            "w.txt",
            "workspace {\n model {\n  c = softwareSystem \"C\"\n  d = softwareSystem \"D\"\n  c -> d \"Uses\"\n }\n}\n",
            Format::Structurizr,
        ),
        (
            "j.txt",
            "[{\"parent\": \"d\", \"child\": \"e\", \"callCount\": 3}]",
            Format::Jaeger,
        ),
    ];
    let mut paths = Vec::new();
    for (name, text, format) in files {
        let p = write(dir.path(), name, text);
        assert_eq!(detect(&p, text), Some(format), "{name}");
        paths.push(p);
    }
    let found = read_artefacts(&paths, None).unwrap();
    let pairs: Vec<(&str, &str)> = found
        .dependencies
        .iter()
        .map(|d| (d.from.as_str(), d.to.as_str()))
        .collect();
    assert_eq!(pairs, [("a", "b"), ("b", "c"), ("c", "d"), ("d", "e")]);
}

#[test]
fn csv_is_not_mixed_with_other_artefacts() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "nodes.csv", "id,label\na,A\n");
    let err = read_artefacts(&[p], None).unwrap_err();
    assert!(
        err.to_string().contains("CSV file is imported on its own"),
        "{err}"
    );
}

#[test]
fn missing_files_and_binary_files_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let err = read_artefacts(&[dir.path().join("nope.yml")], None).unwrap_err();
    assert!(err.to_string().contains("cannot read"), "{err}");
    let p = dir.path().join("compose.yml");
    std::fs::write(&p, [0xff, 0xfe, 0x00]).unwrap();
    let err = read_artefacts(&[p], None).unwrap_err();
    assert!(err.to_string().contains("not UTF-8"), "{err}");
}
