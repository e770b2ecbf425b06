//! The HSDS 3 tabular format: the same services as `hsds::export_services`, one CSV file per
//! HSDS table, with the official `datapackage.json` descriptor (kept in
//! `reference/hsds-3.0.1/`) narrowed to the tables the directory fills, all in one zip file.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

/// The official tabular descriptor of HSDS 3.0.1 (data, copied unchanged).
const DESCRIPTOR: &str = include_str!("../../../../../reference/hsds-3.0.1/datapackage.json");

/// Where each table's rows are in the nested JSON: (resource name, key in the parent object).
const NESTED: [(&str, &str); 9] = [
    ("organization", "organization"),
    ("service_at_location", "service_at_locations"),
    ("location", "location"),
    ("address", "addresses"),
    ("phone", "phones"),
    ("schedule", "schedules"),
    ("attribute", "attributes"),
    ("taxonomy_term", "taxonomy_term"),
    ("taxonomy", "taxonomy_detail"),
];

#[derive(Debug, thiserror::Error)]
pub enum TabularError {
    #[error("HSDS descriptor: {0}")]
    Descriptor(String),
    #[error("zip: {0}")]
    Zip(#[from] zip::result::ZipError),
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
}

/// An official resource: its name, file, columns in order, and its whole description.
type Resource = (String, String, Vec<String>, Value);

/// Each official resource of the descriptor.
fn resources() -> Result<Vec<Resource>, TabularError> {
    let d: Value =
        serde_json::from_str(DESCRIPTOR).map_err(|e| TabularError::Descriptor(e.to_string()))?;
    let list = d["resources"]
        .as_array()
        .ok_or_else(|| TabularError::Descriptor("no resources".into()))?;
    Ok(list
        .iter()
        .filter_map(|r| {
            let fields = r["schema"]["fields"]
                .as_array()?
                .iter()
                .filter_map(|f| f["name"].as_str().map(str::to_string))
                .collect();
            Some((
                r["name"].as_str()?.to_string(),
                r["path"].as_str()?.to_string(),
                fields,
                r.clone(),
            ))
        })
        .collect())
}

/// Rows of every table, by resource name, each row a map of column → value; one row per id.
fn collect(object: &Value, table: &str, rows: &mut BTreeMap<String, BTreeMap<String, Value>>) {
    let Some(map) = object.as_object() else {
        return;
    };
    let id = map.get("id").and_then(Value::as_str).unwrap_or_default();
    let key = format!("{table}\u{0}{id}");
    rows.entry(key).or_insert_with(|| {
        map.iter()
            .filter(|(_, v)| !v.is_object() && !v.is_array())
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    });
    for (child, key) in NESTED {
        match map.get(key) {
            Some(Value::Array(items)) => {
                for item in items {
                    collect(item, child, rows);
                }
            }
            Some(v @ Value::Object(_)) => collect(v, child, rows),
            _ => {}
        }
    }
}

fn cell(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// One CSV field (RFC 4180): quoted when it holds a comma, quote or line break.
fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// The zip: `datapackage.json` plus one CSV per table the services use.
pub fn package(services: &[Value]) -> Result<Vec<u8>, TabularError> {
    let mut rows: BTreeMap<String, BTreeMap<String, Value>> = BTreeMap::new();
    for s in services {
        collect(s, "service", &mut rows);
    }
    let mut by_table: BTreeMap<&str, Vec<&BTreeMap<String, Value>>> = BTreeMap::new();
    for (key, row) in &rows {
        let table = key.split('\u{0}').next().unwrap_or_default();
        by_table.entry(table).or_default().push(row);
    }
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut used = Vec::new();
    let mut names = BTreeSet::new();
    for (name, path, columns, resource) in resources()? {
        let Some(table) = by_table.get(name.as_str()) else {
            continue;
        };
        let mut csv = columns
            .iter()
            .map(|c| field(c))
            .collect::<Vec<_>>()
            .join(",");
        csv.push_str("\r\n");
        for row in table {
            let line: Vec<String> = columns.iter().map(|c| field(&cell(row.get(c)))).collect();
            csv.push_str(&line.join(","));
            csv.push_str("\r\n");
        }
        zip.start_file(path.as_str(), options)?;
        zip.write_all(csv.as_bytes())?;
        names.insert(name);
        used.push(resource);
    }
    let mut descriptor: Value =
        serde_json::from_str(DESCRIPTOR).map_err(|e| TabularError::Descriptor(e.to_string()))?;
    // Foreign keys to tables this package does not hold would point at nothing.
    for r in &mut used {
        if let Some(keys) = r["schema"]["foreignKeys"].as_array_mut() {
            keys.retain(|k| {
                let target = k["reference"]["resource"].as_str().unwrap_or_default();
                target.is_empty() || names.contains(target)
            });
        }
    }
    descriptor["name"] = Value::String("escritorio-social-servicos".into());
    descriptor["title"] =
        Value::String("Serviços da rede do Escritório Social (HSDS 3.0.1)".into());
    descriptor["resources"] = Value::Array(used);
    zip.start_file("datapackage.json", options)?;
    zip.write_all(
        serde_json::to_string_pretty(&descriptor)
            .map_err(|e| TabularError::Descriptor(e.to_string()))?
            .as_bytes(),
    )?;
    Ok(zip.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_official_descriptor_is_read() {
        let r = resources().expect("descriptor");
        let services = r
            .iter()
            .find(|(n, _, _, _)| n == "service")
            .expect("service");
        assert_eq!(services.1, "services.csv");
        assert_eq!(services.2[0], "id");
    }

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("diz \"oi\""), "\"diz \"\"oi\"\"\"");
        assert_eq!(field("simples"), "simples");
        assert_eq!(cell(Some(&serde_json::json!(-15.5))), "-15.5");
    }
}
