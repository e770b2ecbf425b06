//! The public directory in Open Referral HSDS 3.0.1 (issue 14): `/dados/servicos.json` is
//! checked against the official schemas kept in `reference/hsds-3.0.1/` — every service, its
//! organisation, places, phones, hours and taxonomy — with no property the schemas do not
//! define (as HSDS's own example check does).

use esv_tests::{TestApp, on_both_databases};
use serde_json::Value;
use std::path::PathBuf;

on_both_databases!(the_directory_exports_as_valid_hsds);

fn schema_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../reference/hsds-3.0.1/schema")
}

fn load(name: &str) -> Value {
    let text = std::fs::read_to_string(schema_dir().join(name)).expect("HSDS schema file");
    serde_json::from_str(&text).expect("HSDS schema is JSON")
}

/// Replaces each `{"$ref": "x.json"}` by the schema x.json, recursively (HSDS's "compiled"
/// schemas are built the same way), and closes every object to unknown properties.
fn compile(value: &mut Value, depth: usize) {
    assert!(depth < 12, "HSDS references nest deeper than expected");
    match value {
        Value::Object(map) => {
            if let Some(Value::String(target)) = map.get("$ref").cloned()
                && target.ends_with(".json")
            {
                let mut inner = load(&target);
                compile(&mut inner, depth + 1);
                *value = inner;
                return;
            }
            if map.contains_key("properties") && !map.contains_key("additionalProperties") {
                map.insert("additionalProperties".into(), Value::Bool(false));
            }
            for v in map.values_mut() {
                compile(v, depth);
            }
        }
        Value::Array(items) => {
            for v in items {
                compile(v, depth);
            }
        }
        _ => {}
    }
}

pub fn validator(name: &str) -> jsonschema::Validator {
    let mut schema = load(name);
    compile(&mut schema, 0);
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the HSDS schema compiles")
}

/// The errors of `instance` against the HSDS schema `name`, as readable lines.
pub fn errors(name: &str, instance: &Value) -> Vec<String> {
    let v = validator(name);
    v.iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

async fn the_directory_exports_as_valid_hsds(app: TestApp) {
    let res = app
        .client
        .get(app.url("/dados/servicos.json"))
        .send()
        .await
        .expect("export");
    assert_eq!(res.status(), 200);
    let ctype = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    assert!(ctype.starts_with("application/json"), "{ctype}");
    let doc: Value = serde_json::from_str(&res.text().await.expect("body")).expect("JSON");
    // The HSDS API's page of services (`/services`), with every service whole.
    let contents = doc["contents"].as_array().expect("contents");
    assert_eq!(doc["total_items"], contents.len());
    assert_eq!(doc["empty"], false);
    assert_eq!(contents.len(), 130, "every demo service");
    let service = validator("service.json");
    let mut checked = 0;
    for s in contents {
        let found: Vec<String> = service
            .iter_errors(s)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(found.is_empty(), "{}: {found:#?}", s["name"]);
        checked += 1;
    }
    assert_eq!(checked, 130);
    // What a reader needs is there: places with address and hours, the area as a taxonomy term.
    let first = &contents[0];
    let place = &first["service_at_locations"][0];
    assert_eq!(place["location"]["addresses"][0]["country"], "BR");
    assert!(place["schedules"].as_array().is_some_and(|s| !s.is_empty()));
    assert_eq!(
        first["attributes"][0]["taxonomy_term"]["code"],
        "documentacao"
    );
    // Whom a service is for, as HSDS eligibility over the "Para quem" taxonomy.
    let shelter = contents
        .iter()
        .find(|s| s["name"] == "Casa-abrigo para mulheres")
        .expect("a shelter for women");
    let eligibility: Vec<&Value> = shelter["attributes"]
        .as_array()
        .expect("attributes")
        .iter()
        .filter(|a| a["link_type"] == "eligibility")
        .collect();
    assert_eq!(eligibility.len(), 1);
    assert_eq!(eligibility[0]["taxonomy_term"]["code"], "mulheres");
    assert_eq!(
        eligibility[0]["taxonomy_term"]["taxonomy_detail"]["name"],
        "Para quem"
    );
    // Ids are stable: the same export twice names everything the same.
    let again: Value =
        serde_json::from_str(&app.get("/dados/servicos.json", None).await.body).expect("JSON");
    assert_eq!(doc, again);
    // The schema check is real: a service without a name fails it.
    let mut broken = first.clone();
    broken.as_object_mut().expect("object").remove("name");
    assert!(!errors("service.json", &broken).is_empty());
    let mut extra = first.clone();
    extra["nome"] = Value::String("x".into());
    assert!(!errors("service.json", &extra).is_empty());
    // Also deep inside: an hour rule HSDS does not know, an id that is not a UUID.
    let mut deep = first.clone();
    deep["service_at_locations"][0]["schedules"][0]["freq"] = Value::String("DAILY".into());
    assert!(!errors("service.json", &deep).is_empty());
    let mut deep = first.clone();
    deep["service_at_locations"][0]["location"]["addresses"][0]["id"] = Value::String("7".into());
    assert!(!errors("service.json", &deep).is_empty());
}

on_both_databases!(importing_is_checked_whole_and_idempotent);

/// Every directory row, to compare before and after an import.
async fn directory_rows(app: &TestApp) -> String {
    use app::server::entities::{
        hsds_identity, location, organization, phone, schedule, service, service_at_location,
    };
    use sea_orm::EntityTrait;
    let db = &app.db;
    format!(
        "{:?}",
        (
            organization::Entity::find().all(db).await.expect("db"),
            service::Entity::find().all(db).await.expect("db"),
            location::Entity::find().all(db).await.expect("db"),
            service_at_location::Entity::find()
                .all(db)
                .await
                .expect("db"),
            phone::Entity::find().all(db).await.expect("db"),
            schedule::Entity::find().all(db).await.expect("db"),
            hsds_identity::Entity::find().all(db).await.expect("db"),
        )
    )
}

/// Runs `esv-server importar-servicos FILE` against the test server's database.
fn import_file(app: &TestApp, path: &std::path::Path) -> (i32, String, String) {
    let path = path.to_string_lossy();
    app.run_command(
        env!("CARGO_BIN_EXE_esv-node"),
        &["importar-servicos", &path],
    )
}

async fn importing_is_checked_whole_and_idempotent(app: TestApp) {
    let dir = std::env::temp_dir().join(format!(
        "esv-hsds-{}-{}",
        std::process::id(),
        app.origin.rsplit(':').next().unwrap_or("0")
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let exported: Value =
        serde_json::from_str(&app.get("/dados/servicos.json", None).await.body).expect("JSON");

    // Our own export, imported back: every service is known by its UUID and unchanged.
    let own = dir.join("own.json");
    std::fs::write(&own, serde_json::to_string_pretty(&exported).expect("json")).expect("write");
    let before = directory_rows(&app).await;
    let (code, out, err) = import_file(&app, &own);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("0 serviço(s) novo(s), 0 atualizado(s), 130 sem mudança"),
        "{out}"
    );
    assert_eq!(directory_rows(&app).await, before);

    // Another directory's file (new UUIDs): 130 new services, and the same file again adds
    // nothing and changes nothing.
    let mut other = exported.clone();
    for (i, s) in other["contents"]
        .as_array_mut()
        .expect("contents")
        .iter_mut()
        .enumerate()
    {
        s["id"] = Value::String(format!("00000000-0000-4000-8000-{:012}", i + 1));
        s["organization"]["id"] =
            Value::String(format!("00000000-0000-4000-9000-{:012}", i % 7 + 1));
    }
    // The file is valid HSDS 3 itself.
    let service = validator("service.json");
    for s in other["contents"].as_array().expect("contents") {
        assert!(service.is_valid(s), "{}", s["name"]);
    }
    let other_file = dir.join("other.json");
    std::fs::write(
        &other_file,
        serde_json::to_string_pretty(&other).expect("json"),
    )
    .expect("write");
    let (code, out, err) = import_file(&app, &other_file);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("130 serviço(s) novo(s), 0 atualizado(s), 0 sem mudança"),
        "{out}"
    );
    let once = directory_rows(&app).await;
    let (code, out, _) = import_file(&app, &other_file);
    assert_eq!(code, 0);
    assert!(
        out.contains("0 serviço(s) novo(s), 0 atualizado(s), 130 sem mudança"),
        "{out}"
    );
    assert_eq!(
        directory_rows(&app).await,
        once,
        "same file twice = same rows"
    );

    // A change in the file updates that service only, and the public search finds it.
    other["contents"][0]["name"] = Value::String("Emissão de documentos no Centro Novo".into());
    std::fs::write(
        &other_file,
        serde_json::to_string_pretty(&other).expect("json"),
    )
    .expect("write");
    let (code, out, _) = import_file(&app, &other_file);
    assert_eq!(code, 0);
    assert!(
        out.contains("0 serviço(s) novo(s), 1 atualizado(s), 129 sem mudança"),
        "{out}"
    );
    let found = app.get("/servicos?q=Centro+Novo", None).await;
    assert!(found.body.contains("Emissão de documentos no Centro Novo"));

    // Bad records: each reported with its line and reason, and nothing written.
    let mut bad = other.clone();
    bad["contents"][2]
        .as_object_mut()
        .expect("object")
        .remove("name");
    bad["contents"][4]["service_at_locations"][0]["location"]["addresses"][0]["postal_code"] =
        Value::String("123".into());
    bad["contents"][5]["name"] = Value::String("Outro nome".into());
    let text = serde_json::to_string_pretty(&bad).expect("json");
    let starts: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| *l == "    {")
        .map(|(i, _)| i + 1)
        .collect();
    assert_eq!(starts.len(), 130);
    let bad_file = dir.join("bad.json");
    std::fs::write(&bad_file, &text).expect("write");
    let unchanged = directory_rows(&app).await;
    let (code, _, err) = import_file(&app, &bad_file);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(&format!(
            "linha {}: serviço sem nome: falta o nome",
            starts[2]
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("linha {}: ", starts[4])) && err.contains("CEP"),
        "{err}"
    );
    assert!(
        err.contains("2 registro(s) com problema. Nada foi importado."),
        "{err}"
    );
    assert_eq!(directory_rows(&app).await, unchanged, "nothing written");

    // Not JSON at all.
    let junk = dir.join("junk.json");
    std::fs::write(&junk, "{\n  \"contents\": [\n    {,}\n  ]\n}").expect("write");
    let (code, _, err) = import_file(&app, &junk);
    assert_eq!(code, 1);
    assert!(
        err.contains("linha 3: arquivo: não é um arquivo HSDS 3"),
        "{err}"
    );

    // What was imported exports as valid HSDS again.
    let again: Value =
        serde_json::from_str(&app.get("/dados/servicos.json", None).await.body).expect("JSON");
    let contents = again["contents"].as_array().expect("contents");
    assert_eq!(contents.len(), 260);
    for s in contents {
        assert!(service.is_valid(s), "{}", s["name"]);
    }

    // The tabular package imports too: the server's own zip changes nothing.
    let zipped = app
        .client
        .get(app.url("/dados/servicos-csv.zip"))
        .send()
        .await
        .expect("zip")
        .bytes()
        .await
        .expect("body")
        .to_vec();
    let zip_file = dir.join("servicos.zip");
    std::fs::write(&zip_file, &zipped).expect("write");
    let rows = directory_rows(&app).await;
    let (code, out, err) = import_file(&app, &zip_file);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("0 serviço(s) novo(s), 0 atualizado(s), 260 sem mudança"),
        "{out}"
    );
    assert_eq!(directory_rows(&app).await, rows);
    // A package whose services.csv lost a name: reported with its line there, nothing written.
    let broken = rezip(&zipped, "services.csv", |csv| {
        let mut lines: Vec<String> = csv.split("\r\n").map(str::to_string).collect();
        let mut cells: Vec<String> = lines[3].split(',').map(str::to_string).collect();
        cells[3] = String::new();
        lines[3] = cells.join(",");
        lines.join("\r\n")
    });
    let broken_file = dir.join("quebrado.zip");
    std::fs::write(&broken_file, broken).expect("write");
    let (code, _, err) = import_file(&app, &broken_file);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("services.csv, linha 4: serviço sem nome: falta o nome"),
        "{err}"
    );
    assert_eq!(directory_rows(&app).await, rows);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The zip with one file's text changed by `edit`.
fn rezip(bytes: &[u8], name: &str, edit: impl Fn(&str) -> String) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut input = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut output = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..input.len() {
        let mut f = input.by_index(i).expect("entry");
        let file_name = f.name().expect("name").to_string();
        let mut text = String::new();
        f.read_to_string(&mut text).expect("text");
        if file_name == name {
            text = edit(&text);
        }
        output
            .start_file(file_name, zip::write::SimpleFileOptions::default())
            .expect("start");
        output.write_all(text.as_bytes()).expect("write");
    }
    output.finish().expect("finish").into_inner()
}

on_both_databases!(the_tabular_package_follows_the_official_descriptor);

/// Checks one CSV value against its Table Schema field (type, format, required, enum), as
/// Frictionless does; returns why not.
fn field_error(field: &Value, value: &str) -> Option<String> {
    let name = field["name"].as_str().unwrap_or_default();
    let c = &field["constraints"];
    if value.is_empty() {
        return (c["required"] == true).then(|| format!("{name} is required"));
    }
    let ok = match field["type"].as_str().unwrap_or("string") {
        "number" => value.parse::<f64>().is_ok(),
        "integer" => value.parse::<i64>().is_ok(),
        "boolean" => matches!(value, "true" | "false"),
        "date" => app::domain::dates::end_of_day_from_iso(value).is_some(),
        "datetime" => value.len() >= 20 && value.ends_with('Z'),
        _ => match field["format"].as_str() {
            Some("uuid") => uuid_like(value),
            Some("email") => value.contains('@'),
            Some("uri") => value.contains("://"),
            _ => true,
        },
    };
    if !ok {
        return Some(format!("{name}: «{value}» is not a {}", field["type"]));
    }
    if let Some(allowed) = c["enum"].as_array()
        && !allowed.iter().any(|a| a.as_str() == Some(value))
    {
        return Some(format!("{name}: «{value}» is not one of {allowed:?}"));
    }
    None
}

fn uuid_like(value: &str) -> bool {
    let parts: Vec<&str> = value.split('-').collect();
    parts.iter().map(|p| p.len()).collect::<Vec<_>>() == vec![8, 4, 4, 4, 12]
        && value.chars().all(|c| c == '-' || c.is_ascii_hexdigit())
}

/// A small RFC 4180 reader (quoted fields with commas, quotes and line breaks).
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => cur.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cur)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cur));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cur.push(c),
        }
    }
    rows
}

async fn the_tabular_package_follows_the_official_descriptor(app: TestApp) {
    use std::io::Read;
    let res = app
        .client
        .get(app.url("/dados/servicos-csv.zip"))
        .send()
        .await
        .expect("zip");
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/zip")
    );
    let bytes = res.bytes().await.expect("body");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).expect("a zip");
    let mut read = |name: &str| {
        let mut f = zip
            .by_name(name)
            .unwrap_or_else(|_| panic!("{name} in the zip"));
        let mut s = String::new();
        f.read_to_string(&mut s).expect("UTF-8");
        s
    };
    let ours: Value = serde_json::from_str(&read("datapackage.json")).expect("descriptor");
    let official: Value = serde_json::from_str(
        &std::fs::read_to_string(
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../reference/hsds-3.0.1/datapackage.json"),
        )
        .expect("official descriptor"),
    )
    .expect("JSON");
    assert_eq!(ours["profile"], "tabular-data-package");
    let resources = ours["resources"].as_array().expect("resources");
    let names: Vec<&str> = resources
        .iter()
        .filter_map(|r| r["name"].as_str())
        .collect();
    for table in [
        "organization",
        "service",
        "location",
        "address",
        "service_at_location",
        "phone",
        "schedule",
        "attribute",
        "taxonomy_term",
        "taxonomy",
    ] {
        assert!(names.contains(&table), "{table} in {names:?}");
    }
    // Every table: the official columns in the official order, every value valid for its
    // field, ids unique, every foreign key pointing at a row of the package.
    let mut ids: std::collections::HashMap<String, std::collections::HashSet<String>> =
        Default::default();
    let mut tables = Vec::new();
    for r in resources {
        let name = r["name"].as_str().expect("name");
        let official_r = official["resources"]
            .as_array()
            .expect("official resources")
            .iter()
            .find(|o| o["name"] == name)
            .expect("an official table");
        assert_eq!(r["path"], official_r["path"]);
        assert_eq!(
            r["schema"]["fields"], official_r["schema"]["fields"],
            "{name}: fields as HSDS defines them"
        );
        let fields = r["schema"]["fields"].as_array().expect("fields");
        let rows = read_csv(&read(r["path"].as_str().expect("path")));
        let header: Vec<&str> = fields.iter().filter_map(|f| f["name"].as_str()).collect();
        assert_eq!(rows[0], header, "{name}: header");
        assert!(rows.len() > 1, "{name} has rows");
        for (n, row) in rows[1..].iter().enumerate() {
            assert_eq!(row.len(), header.len(), "{name} row {}", n + 2);
            for (f, v) in fields.iter().zip(row) {
                if let Some(e) = field_error(f, v) {
                    panic!("{name} row {}: {e}", n + 2);
                }
            }
            assert!(
                ids.entry(name.to_string())
                    .or_default()
                    .insert(row[0].clone()),
                "{name}: id {} twice",
                row[0]
            );
        }
        tables.push((name.to_string(), r.clone(), rows));
    }
    let mut checked_keys = 0;
    for (name, r, rows) in &tables {
        for key in r["schema"]["foreignKeys"].as_array().into_iter().flatten() {
            let column = key["fields"].as_str().expect("fk field");
            let target = key["reference"]["resource"].as_str().expect("fk resource");
            let at = rows[0].iter().position(|h| h == column).expect("fk column");
            for row in &rows[1..] {
                if !row[at].is_empty() {
                    assert!(
                        ids[target].contains(&row[at]),
                        "{name}.{column} → {target}: {}",
                        row[at]
                    );
                    checked_keys += 1;
                }
            }
        }
    }
    assert!(checked_keys > 500, "{checked_keys} foreign keys checked");
    assert_eq!(ids["service"].len(), 130);
    // Whom services are for and their kinds travel as terms of their own taxonomies.
    assert!(ids["taxonomy"].len() >= 3);
}
