//! `esv-server importar-servicos FILE`: reads an Open Referral HSDS 3 file into the public
//! directory — JSON (the export's page of services, `contents`, or a list of services) or the
//! tabular package (a zip of CSV files with `datapackage.json`, as `/dados/servicos-csv.zip`).
//!
//! - Every record is checked first; each bad one is reported with the line it starts on and
//!   why, in pt-BR, and then nothing is written.
//! - A valid file is written in one transaction.
//! - Importing the same file again changes nothing. A service is known by its UUID: one a
//!   file gave it (kept in `hsds_identity`) or the one the export derives for it. A service
//!   whose content is unchanged is not touched.
//! - Services need a service area of the ESV taxonomy (`attributes[].taxonomy_term.code`),
//!   at least one place with address, UF and IBGE municipality code
//!   (`location.external_identifier`), CEP and coordinates: what the directory shows and
//!   "Perto de mim" needs.

use super::hsds::Ids;
use super::index;
use super::service_directory::{
    PUBLIC, attributes_of, insert_offering, search_text, set_attributes,
};
use crate::domain::cep::{Cep, CepError};
use crate::domain::jobs::parse_phone;
use crate::domain::place::parse_uf_and_municipality;
use crate::domain::services::{AREAS, Opening, WEEKDAYS, parse_hhmm};
use crate::domain::services_taxonomy::{self as taxonomy, FOR_WHOM, KIND};
use crate::server::BeginWrite;
use crate::server::entities::{
    hsds_identity, location, organization, phone, schedule, service, service_at_location,
};
use crate::server::error::WebError;
use crate::server::now;
use crate::server::services::privacy::audit::{self, Entry};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use serde_json::Value;
use serde_json::value::RawValue;
use std::collections::HashMap;
use uuid::Uuid;

/// A bad record: where it starts (the file inside a package, and the line), which it is, and
/// what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordError {
    pub file: Option<String>,
    pub line: usize,
    pub record: String,
    pub reason: String,
}

impl std::fmt::Display for RecordError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{file}, ")?;
        }
        write!(f, "linha {}: {}: {}", self.line, self.record, self.reason)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{} registro(s) com problema; nada foi importado", .0.len())]
    Invalid(Vec<RecordError>),
    #[error(transparent)]
    Db(#[from] WebError),
}

impl From<sea_orm::DbErr> for ImportError {
    fn from(e: sea_orm::DbErr) -> Self {
        ImportError::Db(e.into())
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
}

/// One place of an incoming service, as the directory stores it.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    pub name: String,
    pub address_1: String,
    pub city: String,
    pub uf: String,
    pub ibge: String,
    pub postal_code: String,
    pub latitude: f64,
    pub longitude: f64,
    pub phones: Vec<String>,
    pub hours: Vec<Opening>,
}

/// One incoming service, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Incoming {
    pub line: usize,
    pub uuid: Uuid,
    pub name: String,
    pub description: String,
    pub area: &'static str,
    pub active: bool,
    pub email: Option<String>,
    pub url: Option<String>,
    pub organization: (Uuid, String),
    pub places: Vec<Place>,
    /// Whom it is for and its kind: (taxonomy, code), sorted as stored.
    pub attributes: Vec<(String, String)>,
}

fn line_of(text: &str, part: &str) -> usize {
    let offset = (part.as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
    text.get(..offset.min(text.len()))
        .map(|t| t.matches('\n').count() + 1)
        .unwrap_or(1)
}

fn text<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

fn uuid_of(v: &Value, key: &str) -> Option<Uuid> {
    text(v, key).and_then(|s| Uuid::parse_str(s).ok())
}

/// `08:00`, `08:00:00`, `08:00-03:00` → minutes; other time zones are refused (the directory
/// keeps Brasília time).
fn hour(value: &str) -> Result<u16, String> {
    let plain = value.strip_suffix("-03:00").unwrap_or(value);
    if plain.contains(['Z', '+']) || plain.matches('-').count() > 0 {
        return Err(format!(
            "o horário «{value}» não está no horário de Brasília (use HH:MM ou HH:MM-03:00)"
        ));
    }
    let hhmm = plain.get(..5).unwrap_or(plain);
    parse_hhmm(hhmm).ok_or_else(|| format!("o horário «{value}» não é HH:MM"))
}

fn place_of(sal: &Value) -> Result<Place, String> {
    let l = sal
        .get("location")
        .filter(|l| l.is_object())
        .ok_or("um local (service_at_locations[].location) está faltando")?;
    let address = l
        .get("addresses")
        .and_then(Value::as_array)
        .and_then(|a| a.first())
        .ok_or("o local não tem endereço (location.addresses)")?;
    let address_1 =
        text(address, "address_1").ok_or("o endereço não tem rua e número (address_1)")?;
    let city = text(address, "city").ok_or("o endereço não tem cidade (city)")?;
    let uf = text(address, "state_province").ok_or("o endereço não tem UF (state_province)")?;
    let ibge = text(l, "external_identifier").filter(|_| {
        text(l, "external_identifier_type").is_some_and(|t| t.to_lowercase().contains("ibge"))
    });
    let ibge = ibge.ok_or(
        "o local não tem o código IBGE do município (external_identifier, com external_identifier_type «IBGE municipality code»)",
    )?;
    let (uf, ibge) = parse_uf_and_municipality(uf, ibge).map_err(|e| e.to_string())?;
    let postal_code = Cep::parse(text(address, "postal_code").unwrap_or_default())
        .map_err(|e| match e {
            CepError::Empty => "o endereço não tem CEP (postal_code)",
            CepError::WrongLength => "o CEP (postal_code) precisa de 8 números",
            CepError::OutOfRange => "o CEP (postal_code) não existe: nenhum CEP começa com 00",
        })?
        .into_digits();
    let coordinate = |key: &str, limit: f64| {
        l.get(key)
            .and_then(Value::as_f64)
            .filter(|v| v.is_finite() && v.abs() <= limit)
    };
    let (Some(latitude), Some(longitude)) =
        (coordinate("latitude", 90.0), coordinate("longitude", 180.0))
    else {
        return Err("o local não tem latitude e longitude válidas".into());
    };
    let mut phones = Vec::new();
    for p in sal
        .get("phones")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let number = text(p, "number").unwrap_or_default();
        phones.push(parse_phone(number).ok_or_else(|| {
            format!("o telefone «{number}» não é um telefone brasileiro com DDD")
        })?);
    }
    let mut hours = Vec::new();
    for s in sal
        .get("schedules")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if text(s, "freq").is_some_and(|f| f != "WEEKLY") {
            return Err("só horários semanais (freq WEEKLY) são aceitos".into());
        }
        let opens = hour(text(s, "opens_at").ok_or("um horário não tem opens_at")?)?;
        let closes = hour(text(s, "closes_at").ok_or("um horário não tem closes_at")?)?;
        if closes <= opens {
            return Err("um horário fecha antes de abrir".into());
        }
        for day in text(s, "byday")
            .ok_or("um horário não tem byday")?
            .split(',')
        {
            let weekday = WEEKDAYS
                .iter()
                .position(|(code, _, _)| *code == day.trim())
                .ok_or_else(|| {
                    format!("o dia «{}» não é MO, TU, WE, TH, FR, SA ou SU", day.trim())
                })?;
            hours.push(Opening {
                weekday: weekday as u8,
                opens,
                closes,
            });
        }
    }
    hours.sort_by_key(|o| (o.weekday, o.opens));
    Ok(Place {
        name: text(l, "name").unwrap_or(city).to_string(),
        address_1: address_1.to_string(),
        city: city.to_string(),
        uf,
        ibge,
        postal_code,
        latitude,
        longitude,
        phones,
        hours,
    })
}

fn record(v: &Value, line: usize) -> Result<Incoming, String> {
    if !v.is_object() {
        return Err("não é um objeto JSON".into());
    }
    let uuid = uuid_of(v, "id").ok_or("falta o id do serviço, ou ele não é um UUID")?;
    let name = text(v, "name").ok_or("falta o nome do serviço (name)")?;
    if name.chars().count() > 200 {
        return Err("o nome tem mais de 200 caracteres".into());
    }
    let description = text(v, "description").unwrap_or_default();
    if description.chars().count() > 2000 {
        return Err("a descrição tem mais de 2000 caracteres".into());
    }
    let active = match text(v, "status") {
        Some("active") => true,
        Some("inactive" | "defunct" | "temporarily closed") => false,
        _ => {
            return Err(
                "o status precisa ser active, inactive, defunct ou temporarily closed".into(),
            );
        }
    };
    let org = v
        .get("organization")
        .filter(|o| o.is_object())
        .ok_or("falta a organização responsável (organization)")?;
    let org_uuid = uuid_of(org, "id").ok_or("a organização não tem id UUID")?;
    let org_name = text(org, "name").ok_or("a organização não tem nome")?;
    let codes: Vec<&str> = v
        .get("attributes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|a| a.get("taxonomy_term").and_then(|t| text(t, "code")))
        .collect();
    // The three taxonomies' codes are distinct (a unit test holds them to it), so a code
    // says which it belongs to; codes of other taxonomies are left out.
    let mut attributes: Vec<(String, String)> = codes
        .iter()
        .flat_map(|code| {
            [FOR_WHOM, KIND]
                .into_iter()
                .filter(|t| taxonomy::find(t, code).is_some())
                .map(|t| (t.to_string(), code.to_string()))
        })
        .collect();
    attributes.sort();
    attributes.dedup();
    let area = codes
        .iter()
        .find_map(|code| AREAS.iter().find(|(c, _)| c == code).map(|(c, _)| *c))
        .ok_or(
            "falta a área de atendimento: um attributes[].taxonomy_term.code da taxonomia do Escritório Social (por exemplo documentacao)",
        )?;
    let sals = v
        .get("service_at_locations")
        .and_then(Value::as_array)
        .filter(|a| !a.is_empty())
        .ok_or("o serviço não tem nenhum local (service_at_locations)")?;
    let places = sals.iter().map(place_of).collect::<Result<Vec<_>, _>>()?;
    Ok(Incoming {
        line,
        uuid,
        name: name.to_string(),
        description: description.to_string(),
        area,
        active,
        email: text(v, "email").map(str::to_string),
        url: text(v, "url").map(str::to_string),
        organization: (org_uuid, org_name.to_string()),
        places,
        attributes,
    })
}

/// Reads and checks every record of an HSDS 3 JSON file. Pure: no database.
pub fn parse(file: &str) -> Result<Vec<Incoming>, Vec<RecordError>> {
    let whole = |reason: String, line: usize| {
        vec![RecordError {
            file: None,
            line,
            record: "arquivo".into(),
            reason,
        }]
    };
    // The records as raw text, to know where each starts.
    let raws: Vec<&RawValue> = match serde_json::from_str::<Vec<&RawValue>>(file) {
        Ok(list) => list,
        Err(_) => {
            #[derive(serde::Deserialize)]
            struct Page<'a> {
                #[serde(borrow)]
                contents: Vec<&'a RawValue>,
            }
            match serde_json::from_str::<Page>(file) {
                Ok(p) => p.contents,
                Err(e) => {
                    return Err(whole(
                        format!(
                            "não é um arquivo HSDS 3 em JSON (uma lista de serviços ou uma página com «contents»): {e}"
                        ),
                        e.line(),
                    ));
                }
            }
        }
    };
    let mut values = Vec::new();
    let mut errors = Vec::new();
    for raw in raws {
        let line = line_of(file, raw.get());
        match serde_json::from_str::<Value>(raw.get()) {
            Ok(v) => values.push((line, v)),
            Err(e) => errors.push(RecordError {
                file: None,
                line,
                record: "registro".into(),
                reason: e.to_string(),
            }),
        }
    }
    check_all(values, None, errors)
}

/// Checks each record (line, JSON); duplicates of an id are errors too.
fn check_all(
    values: Vec<(usize, Value)>,
    file: Option<&str>,
    mut errors: Vec<RecordError>,
) -> Result<Vec<Incoming>, Vec<RecordError>> {
    let mut out = Vec::new();
    let mut seen: HashMap<Uuid, usize> = HashMap::new();
    for (line, value) in values {
        let label = text(&value, "name")
            .map(|n| format!("serviço «{n}»"))
            .unwrap_or_else(|| "serviço sem nome".into());
        match record(&value, line) {
            Ok(r) => {
                if let Some(first) = seen.insert(r.uuid, line) {
                    errors.push(RecordError {
                        file: file.map(str::to_string),
                        line,
                        record: label,
                        reason: format!("o id {} já apareceu na linha {first}", r.uuid),
                    });
                } else {
                    out.push(r);
                }
            }
            Err(reason) => errors.push(RecordError {
                file: file.map(str::to_string),
                line,
                record: label,
                reason,
            }),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// One table of a package: rows as JSON objects (numbers where HSDS has numbers), with lines.
fn table(files: &HashMap<String, String>, path: &str) -> Vec<(usize, Value)> {
    let Some(text) = files.get(path) else {
        return Vec::new();
    };
    let mut rows = crate::domain::text::csv_rows(text).into_iter();
    let Some((_, header)) = rows.next() else {
        return Vec::new();
    };
    rows.map(|(line, cells)| {
        let object: serde_json::Map<String, Value> = header
            .iter()
            .zip(cells)
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| {
                let value = match k.as_str() {
                    "latitude" | "longitude" | "timezone" => v
                        .parse::<f64>()
                        .ok()
                        .and_then(|n| serde_json::Number::from_f64(n).map(Value::Number))
                        .unwrap_or(Value::String(v)),
                    _ => Value::String(v),
                };
                (k.clone(), value)
            })
            .collect();
        (line, Value::Object(object))
    })
    .collect()
}

/// Reads the tabular package (zip of CSV files, as `/dados/servicos-csv.zip`): each row of
/// `services.csv` joined with its organisation, places, address, phones, hours and area, then
/// checked as the JSON form is. Lines are those of `services.csv`.
pub fn parse_package(bytes: &[u8]) -> Result<Vec<Incoming>, Vec<RecordError>> {
    use std::io::Read;
    let whole = |reason: String| {
        vec![RecordError {
            file: None,
            line: 1,
            record: "arquivo".into(),
            reason,
        }]
    };
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| whole(format!("não é um pacote zip: {e}")))?;
    let mut files = HashMap::new();
    for i in 0..zip.len() {
        let mut f = zip
            .by_index(i)
            .map_err(|e| whole(format!("não consegui ler o zip: {e}")))?;
        let full = f.name().map(|n| n.to_string()).unwrap_or_default();
        if !full.ends_with(".csv") || f.size() > 64 * 1024 * 1024 {
            continue;
        }
        let name = full.rsplit('/').next().unwrap_or_default().to_string();
        let mut text = String::new();
        f.read_to_string(&mut text)
            .map_err(|_| whole(format!("{name} não está em UTF-8")))?;
        files.insert(name, text);
    }
    if !files.contains_key("services.csv") {
        return Err(whole("o pacote não tem services.csv".into()));
    }
    let by = |path: &str, key: &str| -> HashMap<String, Vec<Value>> {
        let mut map: HashMap<String, Vec<Value>> = HashMap::new();
        for (_, row) in table(&files, path) {
            if let Some(k) = row.get(key).and_then(Value::as_str) {
                map.entry(k.to_string()).or_default().push(row.clone());
            }
        }
        map
    };
    let orgs = by("organizations.csv", "id");
    let locations = by("locations.csv", "id");
    let addresses = by("addresses.csv", "location_id");
    let sals = by("service_at_location.csv", "service_id");
    let phones = by("phones.csv", "service_at_location_id");
    let schedules = by("schedules.csv", "service_at_location_id");
    let attributes = by("attributes.csv", "link_id");
    let terms = by("taxonomy_terms.csv", "id");
    let first = |map: &HashMap<String, Vec<Value>>, key: Option<&str>| -> Option<Value> {
        map.get(key?).and_then(|v| v.first()).cloned()
    };
    let mut values = Vec::new();
    for (line, mut service) in table(&files, "services.csv") {
        let id = text(&service, "id").map(str::to_string);
        if let Some(org) = first(&orgs, text(&service, "organization_id")) {
            service["organization"] = org;
        }
        let attrs: Vec<Value> = id
            .as_deref()
            .and_then(|i| attributes.get(i))
            .into_iter()
            .flatten()
            .map(|a| {
                let mut a = a.clone();
                if let Some(t) = first(&terms, text(&a, "taxonomy_term_id")) {
                    a["taxonomy_term"] = t;
                }
                a
            })
            .collect();
        service["attributes"] = Value::Array(attrs);
        let places: Vec<Value> = id
            .as_deref()
            .and_then(|i| sals.get(i))
            .into_iter()
            .flatten()
            .map(|sal| {
                let mut sal = sal.clone();
                let sal_id = text(&sal, "id").map(str::to_string);
                if let Some(mut l) = first(&locations, text(&sal, "location_id")) {
                    let addrs = text(&l, "id").and_then(|i| addresses.get(i)).cloned();
                    l["addresses"] = Value::Array(addrs.unwrap_or_default());
                    sal["location"] = l;
                }
                let of = |map: &HashMap<String, Vec<Value>>| {
                    Value::Array(
                        sal_id
                            .as_deref()
                            .and_then(|i| map.get(i))
                            .cloned()
                            .unwrap_or_default(),
                    )
                };
                sal["phones"] = of(&phones);
                sal["schedules"] = of(&schedules);
                sal
            })
            .collect();
        service["service_at_locations"] = Value::Array(places);
        values.push((line, service));
    }
    check_all(values, Some("services.csv"), Vec::new())
}

/// A service's places as stored, in the shape of `Place`, to compare with a file's.
async fn stored_places<C: ConnectionTrait>(
    db: &C,
    service_id: i32,
) -> Result<Vec<Place>, sea_orm::DbErr> {
    let sals = service_at_location::Entity::find()
        .filter(service_at_location::Column::ServiceId.eq(service_id))
        .order_by_asc(service_at_location::Column::Id)
        .all(db)
        .await?;
    let mut out = Vec::new();
    for sal in sals {
        let Some(l) = location::Entity::find_by_id(sal.location_id)
            .one(db)
            .await?
        else {
            continue;
        };
        let phones = phone::Entity::find()
            .filter(phone::Column::ServiceAtLocationId.eq(sal.id))
            .order_by_asc(phone::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .map(|p| p.number)
            .collect();
        let mut hours: Vec<Opening> = schedule::Entity::find()
            .filter(schedule::Column::ServiceAtLocationId.eq(sal.id))
            .all(db)
            .await?
            .into_iter()
            .filter_map(|s| {
                Some(Opening {
                    weekday: WEEKDAYS.iter().position(|(c, _, _)| *c == s.byday)? as u8,
                    opens: u16::try_from(s.opens_at).ok()?,
                    closes: u16::try_from(s.closes_at).ok()?,
                })
            })
            .collect();
        hours.sort_by_key(|o| (o.weekday, o.opens));
        out.push(Place {
            name: l.name,
            address_1: l.address_1,
            city: l.city,
            uf: l.uf,
            ibge: l.ibge_municipality,
            postal_code: l.postal_code,
            latitude: l.latitude,
            longitude: l.longitude,
            phones,
            hours,
        });
    }
    Ok(out)
}

/// The local id of each UUID a `kind` of row is known by: the ones files gave, and the ones
/// this installation derives.
async fn known<C: ConnectionTrait>(
    db: &C,
    ids: &Ids,
    kind: &str,
    local: Vec<i32>,
) -> Result<HashMap<Uuid, i32>, sea_orm::DbErr> {
    let mut map: HashMap<Uuid, i32> = local
        .into_iter()
        .filter_map(|id| Some((Uuid::parse_str(&ids.of(kind, id)).ok()?, id)))
        .collect();
    for row in hsds_identity::Entity::find()
        .filter(hsds_identity::Column::Kind.eq(kind))
        .all(db)
        .await?
    {
        if let Ok(u) = Uuid::parse_str(&row.uuid) {
            map.insert(u, row.local_id);
        }
    }
    Ok(map)
}

async fn remember<C: ConnectionTrait>(
    db: &C,
    kind: &str,
    uuid: Uuid,
    local_id: i32,
) -> Result<(), sea_orm::DbErr> {
    hsds_identity::ActiveModel {
        kind: Set(kind.into()),
        uuid: Set(uuid.to_string()),
        local_id: Set(local_id),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Imports a file, JSON or a zipped tabular package (told apart by the zip signature): all
/// or nothing.
pub async fn import(
    db: &DatabaseConnection,
    ids: &Ids,
    file: &[u8],
) -> Result<ImportReport, ImportError> {
    let incoming = if file.starts_with(b"PK\x03\x04") {
        parse_package(file)
    } else {
        match std::str::from_utf8(file) {
            Ok(text) => parse(text),
            Err(_) => Err(vec![RecordError {
                file: None,
                line: 1,
                record: "arquivo".into(),
                reason: "não é JSON em UTF-8 nem um pacote zip".into(),
            }]),
        }
    }
    .map_err(ImportError::Invalid)?;
    let txn = db.begin_write().await?;
    // Every organisation's name, read once (a service's search text names it).
    let mut org_names: HashMap<i32, String> = organization::Entity::find()
        .all(&txn)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let org_ids: Vec<i32> = org_names.keys().copied().collect();
    let mut orgs = known(&txn, ids, "organization", org_ids).await?;
    let service_ids: Vec<i32> = service::Entity::find()
        .all(&txn)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect();
    let services = known(&txn, ids, "service", service_ids).await?;
    let mut report = ImportReport::default();
    let now = now();
    for r in incoming {
        let org_id = match orgs.get(&r.organization.0) {
            Some(id) => *id,
            None => {
                let created = organization::ActiveModel {
                    kind: Set(PUBLIC.into()),
                    name: Set(r.organization.1.clone()),
                    cnpj: Set(None),
                    created_at: Set(now),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
                remember(&txn, "organization", r.organization.0, created.id).await?;
                orgs.insert(r.organization.0, created.id);
                org_names.insert(created.id, created.name);
                created.id
            }
        };
        let org_name = org_names
            .get(&org_id)
            .cloned()
            .unwrap_or_else(|| r.organization.1.clone());
        let status = if r.active { "active" } else { "inactive" };
        let existing = match services.get(&r.uuid) {
            Some(id) => service::Entity::find_by_id(*id).one(&txn).await?,
            None => None,
        };
        let service_id = match existing {
            Some(s) => {
                let same = s.name == r.name
                    && s.description == r.description
                    && s.area == r.area
                    && s.status == status
                    && s.email == r.email
                    && s.url == r.url
                    && s.organization_id == org_id
                    && stored_places(&txn, s.id).await? == r.places
                    && attributes_of(&txn, s.id).await? == r.attributes;
                if same {
                    report.unchanged += 1;
                    continue;
                }
                let mut row: service::ActiveModel = s.clone().into();
                row.organization_id = Set(org_id);
                row.name = Set(r.name.clone());
                row.description = Set(r.description.clone());
                row.area = Set(r.area.to_string());
                row.status = Set(status.into());
                row.email = Set(r.email.clone());
                row.url = Set(r.url.clone());
                row.search_text = Set(search_text(&r.name, &r.description, &org_name));
                row.updated_at = Set(now);
                row.update(&txn).await?;
                remove_places(&txn, s.id).await?;
                report.updated += 1;
                s.id
            }
            None => {
                let created = service::ActiveModel {
                    organization_id: Set(org_id),
                    search_text: Set(search_text(&r.name, &r.description, &org_name)),
                    name: Set(r.name.clone()),
                    description: Set(r.description.clone()),
                    area: Set(r.area.to_string()),
                    email: Set(r.email.clone()),
                    url: Set(r.url.clone()),
                    status: Set(status.into()),
                    created_at: Set(now),
                    updated_at: Set(now),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
                remember(&txn, "service", r.uuid, created.id).await?;
                report.created += 1;
                created.id
            }
        };
        for p in &r.places {
            let place = location::ActiveModel {
                organization_id: Set(org_id),
                name: Set(p.name.clone()),
                address_1: Set(p.address_1.clone()),
                city: Set(p.city.clone()),
                uf: Set(p.uf.clone()),
                ibge_municipality: Set(p.ibge.clone()),
                postal_code: Set(p.postal_code.clone()),
                latitude: Set(p.latitude),
                longitude: Set(p.longitude),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            insert_offering(&txn, service_id, place.id, None, &p.hours).await?;
            let sal = service_at_location::Entity::find()
                .filter(service_at_location::Column::ServiceId.eq(service_id))
                .filter(service_at_location::Column::LocationId.eq(place.id))
                .one(&txn)
                .await?;
            if let Some(sal) = sal {
                for number in &p.phones {
                    phone::ActiveModel {
                        service_at_location_id: Set(sal.id),
                        number: Set(number.clone()),
                        description: Set(None),
                        ..Default::default()
                    }
                    .insert(&txn)
                    .await?;
                }
            }
        }
        set_attributes(&txn, service_id, &r.attributes).await?;
        index::index_service(&txn, service_id).await?;
    }
    audit::record(
        &txn,
        Entry {
            actor_user_id: None,
            action: "services_imported",
            subject_kind: "service",
            subject_id: None,
            unit_id: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(report)
}

/// A service's places, with their phones and hours (before writing the file's).
async fn remove_places<C: ConnectionTrait>(db: &C, service_id: i32) -> Result<(), sea_orm::DbErr> {
    let old: Vec<service_at_location::Model> = service_at_location::Entity::find()
        .filter(service_at_location::Column::ServiceId.eq(service_id))
        .all(db)
        .await?;
    let sal_ids: Vec<i32> = old.iter().map(|s| s.id).collect();
    schedule::Entity::delete_many()
        .filter(schedule::Column::ServiceAtLocationId.is_in(sal_ids.clone()))
        .exec(db)
        .await?;
    phone::Entity::delete_many()
        .filter(phone::Column::ServiceAtLocationId.is_in(sal_ids.clone()))
        .exec(db)
        .await?;
    service_at_location::Entity::delete_many()
        .filter(service_at_location::Column::Id.is_in(sal_ids))
        .exec(db)
        .await?;
    let places: Vec<i32> = old.iter().map(|s| s.location_id).collect();
    let still_used: Vec<i32> = service_at_location::Entity::find()
        .filter(service_at_location::Column::LocationId.is_in(places.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.location_id)
        .collect();
    location::Entity::delete_many()
        .filter(location::Column::Id.is_in(places))
        .filter(location::Column::Id.is_not_in(still_used))
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{"contents": [
  {"id": "7f1c0a52-8d0e-4c43-9a55-3f0f6d0b9a01", "name": "Banco de alimentos", "status": "active",
   "description": "Cesta básica toda semana.",
   "organization": {"id": "0b7c4d8e-2f55-4c1a-8f2e-52a1c7b6d001", "name": "Prefeitura", "description": "Serviço público."},
   "attributes": [{"id": "5b0c1d2e-3f44-4a55-9b66-7c8d9e0f1a2b", "taxonomy_term": {"id": "6c1d2e3f-4a55-4b66-8c77-8d9e0f1a2b3c", "code": "alimentacao", "name": "Alimentação", "description": "Alimentação"}}],
   "service_at_locations": [{"id": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
     "location": {"id": "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e", "location_type": "physical", "name": "Centro",
       "latitude": -15.79, "longitude": -47.88, "external_identifier": "5300108", "external_identifier_type": "IBGE municipality code",
       "addresses": [{"id": "3c4d5e6f-7a8b-4c9d-8e0f-2a3b4c5d6e7f", "address_1": "SCS Quadra 1", "city": "Brasília", "state_province": "DF", "postal_code": "70300-500", "country": "BR", "address_type": "physical"}]},
     "phones": [{"id": "4d5e6f7a-8b9c-4d0e-9f1a-3b4c5d6e7f8a", "number": "(61) 3333-4444"}],
     "schedules": [{"id": "5e6f7a8b-9c0d-4e1f-8a2b-4c5d6e7f8a9b", "freq": "WEEKLY", "byday": "MO,TU", "opens_at": "08:00-03:00", "closes_at": "17:00-03:00"}]}]}
]}"#;

    #[test]
    fn a_good_record_is_read_whole() {
        let records = parse(GOOD).expect("valid");
        assert_eq!(records.len(), 1);
        let r = &records[0];
        assert_eq!(r.line, 2);
        assert_eq!(r.area, "alimentacao");
        assert_eq!(r.places[0].postal_code, "70300500");
        assert_eq!(r.places[0].phones, vec!["6133334444".to_string()]);
        assert_eq!(r.places[0].hours.len(), 2);
        assert_eq!(r.places[0].hours[0].opens, 480);
    }

    #[test]
    fn each_bad_record_is_reported_with_its_line_and_reason() {
        let bad = GOOD
            .replace("\"Banco de alimentos\"", "\"\"")
            .replace("]}\n]}", "]},\n  {\"id\": \"nao-e-uuid\", \"name\": \"Outro\", \"status\": \"active\"},\n  {\"id\": \"7f1c0a52-8d0e-4c43-9a55-3f0f6d0b9a01\"}\n]}");
        let errors = parse(&bad).expect_err("invalid");
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert_eq!(errors[0].line, 2);
        assert!(errors[0].reason.contains("nome"), "{}", errors[0]);
        assert_eq!(errors[1].line, 12);
        assert!(errors[1].reason.contains("UUID"), "{}", errors[1]);
        // The same id again (the first record had no name, so it was not kept): checked whole.
        assert_eq!(errors[2].line, 13);
        assert!(errors[2].to_string().starts_with("linha 13: "));
    }

    #[test]
    fn not_json_and_foreign_time_zones_are_refused() {
        let errors = parse("{\n\"contents\": [,]}").expect_err("not JSON");
        assert_eq!(errors[0].record, "arquivo");
        assert_eq!(errors[0].line, 2);
        assert!(hour("08:00Z").is_err());
        assert!(hour("08:00+01:00").is_err());
        assert_eq!(hour("08:30:00"), Ok(510));
        let z = GOOD.replace("08:00-03:00", "11:00Z");
        assert!(parse(&z).expect_err("UTC")[0].reason.contains("Brasília"));
    }
}
