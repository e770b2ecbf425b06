//! The public directory in Open Referral HSDS 3.0.1 (issue 14): `/dados/servicos.json` is
//! checked against the official schemas kept in `tests/data/hsds-3.0.1/` — every service, its
//! organisation, places, phones, hours and taxonomy — with no property the schemas do not
//! define (as HSDS's own example check does).

use esv_tests::{TestApp, on_both_databases};
use serde_json::Value;
use std::path::PathBuf;

on_both_databases!(the_directory_exports_as_valid_hsds);

fn schema_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/hsds-3.0.1/schema")
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
    assert_eq!(contents.len(), 91, "every demo service");
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
    assert_eq!(checked, 91);
    // What a reader needs is there: places with address and hours, the area as a taxonomy term.
    let first = &contents[0];
    let place = &first["service_at_locations"][0];
    assert_eq!(place["location"]["addresses"][0]["country"], "BR");
    assert!(place["schedules"].as_array().is_some_and(|s| !s.is_empty()));
    assert_eq!(
        first["attributes"][0]["taxonomy_term"]["code"],
        "documentacao"
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
