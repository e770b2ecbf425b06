//! The public service directory as Open Referral HSDS 3.0 (domain.md, "Standards to speak"):
//! each active service with its organisation, its places (address, phones, weekly hours as
//! iCal `byday`) and its service area as an attribute over the ESV taxonomy. Checked in tests
//! against the official HSDS 3.0.1 JSON schemas kept in `reference/hsds-3.0.1/`.
//!
//! HSDS ids are UUIDs. Ours are numbers, so each row's UUID is derived (UUID v5) from the
//! installation's public address, the table and the number: stable across exports, distinct
//! between installations, and nothing to store.

use crate::domain::services::{AREAS, area_label};
use crate::domain::services_taxonomy::{self as taxonomies, FOR_WHOM, KIND};
use crate::server::entities::{
    location, organization, phone, schedule, service, service_at_location, service_attribute,
};
use crate::server::error::WebError;
use crate::server::services::directory::service_directory::PUBLIC;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};
use std::collections::HashMap;
use uuid::Uuid;

/// The HSDS version the export follows (the schemas in `reference/hsds-3.0.1/`).
pub const HSDS_VERSION: &str = "3.0.1";

const PARTNER: &str = "partner";

/// Derives the HSDS UUIDs of one installation.
#[derive(Clone, Debug)]
pub struct Ids {
    namespace: Uuid,
}

impl Ids {
    /// `origin` is the public address (`ESV_PUBLIC_URL`): it names the installation.
    pub fn for_origin(origin: &str) -> Ids {
        Ids {
            namespace: Uuid::new_v5(&Uuid::NAMESPACE_URL, origin.as_bytes()),
        }
    }

    /// The UUID of row `id` of `table` ("service", "organization", …).
    pub fn of(&self, table: &str, id: impl std::fmt::Display) -> String {
        Uuid::new_v5(&self.namespace, format!("{table}/{id}").as_bytes()).to_string()
    }
}

/// "08:00-03:00": HSDS asks for HH:MM with the time zone (Brasília, UTC−3 all year).
fn hhmm(minutes: i32) -> String {
    let minutes = minutes.clamp(0, 24 * 60);
    format!("{:02}:{:02}-03:00", minutes / 60, minutes % 60)
}

fn optional(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// The directory's three taxonomies as HSDS `taxonomy`: the service areas, whom a service is
/// for, and its kind (the last two kept as data in `reference/taxonomias/`).
fn taxonomy(ids: &Ids, which: &str) -> Value {
    let (name, description) = match which {
        FOR_WHOM => ("Para quem", "A quem o serviço se destina."),
        KIND => (
            "Tipos de serviço",
            "Os tipos de serviço que as pessoas procuram pelo nome.",
        ),
        _ => (
            "Áreas de atendimento do Escritório Social",
            "As áreas de atendimento da metodologia do Escritório Social (Res. CNJ 307/2019).",
        ),
    };
    json!({
        "id": ids.of("taxonomy", which),
        "name": name,
        "description": description,
        "version": "1",
    })
}

/// A term of one of the taxonomies (`which`: "areas", `FOR_WHOM` or `KIND`).
fn term(ids: &Ids, which: &str, code: &str) -> Value {
    let (name, description) = match taxonomies::find(which, code) {
        Some(t) => (t.name.clone(), t.description.clone()),
        None => (area_label(code).to_string(), area_label(code).to_string()),
    };
    // Area terms keep the ids of the first export (the code alone).
    let key = if which == "areas" {
        code.to_string()
    } else {
        format!("{which}/{code}")
    };
    json!({
        "id": ids.of("taxonomy_term", key),
        "code": code,
        "name": name,
        "description": description,
        "taxonomy_id": ids.of("taxonomy", which),
        "taxonomy_detail": taxonomy(ids, which),
        "language": "pt-BR",
    })
}

/// The `attribute` linking a service to a term.
fn attribute(
    ids: &Ids,
    service: i32,
    service_uuid: &str,
    which: &str,
    code: &str,
    link_type: &str,
) -> Value {
    let t = term(ids, which, code);
    let attribute_key = if which == "areas" {
        format!("service-{service}-area")
    } else {
        format!("service-{service}-{which}-{code}")
    };
    json!({
        "id": ids.of("attribute", attribute_key),
        "link_id": service_uuid,
        "link_type": link_type,
        "link_entity": "service",
        "taxonomy_term_id": t["id"],
        "taxonomy_term": t,
    })
}

/// Every active service of the public directory, as HSDS 3 `service` objects, by id.
pub async fn export_services(db: &DatabaseConnection, ids: &Ids) -> Result<Vec<Value>, WebError> {
    let organizations: HashMap<i32, organization::Model> = organization::Entity::find()
        .filter(organization::Column::Kind.is_in([PARTNER, PUBLIC]))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let services = service::Entity::find()
        .filter(service::Column::Status.eq("active"))
        .order_by_asc(service::Column::Id)
        .all(db)
        .await?;
    let mut sals: HashMap<i32, Vec<service_at_location::Model>> = HashMap::new();
    for sal in service_at_location::Entity::find()
        .order_by_asc(service_at_location::Column::Id)
        .all(db)
        .await?
    {
        sals.entry(sal.service_id).or_default().push(sal);
    }
    let locations: HashMap<i32, location::Model> = location::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|l| (l.id, l))
        .collect();
    let mut phones: HashMap<i32, Vec<phone::Model>> = HashMap::new();
    for p in phone::Entity::find()
        .order_by_asc(phone::Column::Id)
        .all(db)
        .await?
    {
        phones.entry(p.service_at_location_id).or_default().push(p);
    }
    let mut hours: HashMap<i32, Vec<schedule::Model>> = HashMap::new();
    for s in schedule::Entity::find()
        .order_by_asc(schedule::Column::Id)
        .all(db)
        .await?
    {
        hours.entry(s.service_at_location_id).or_default().push(s);
    }
    let mut terms: HashMap<i32, Vec<service_attribute::Model>> = HashMap::new();
    for a in service_attribute::Entity::find()
        .order_by_asc(service_attribute::Column::ServiceId)
        .order_by_asc(service_attribute::Column::Taxonomy)
        .order_by_asc(service_attribute::Column::Code)
        .all(db)
        .await?
    {
        terms.entry(a.service_id).or_default().push(a);
    }
    let mut out = Vec::with_capacity(services.len());
    for s in services {
        let Some(org) = organizations.get(&s.organization_id) else {
            continue;
        };
        let service_id = ids.of("service", s.id);
        let org_id = ids.of("organization", org.id);
        let mut organization = json!({
            "id": org_id,
            "name": org.name,
            "description": match org.kind.as_str() {
                PARTNER => "Organização parceira da Rede de Atenção às Pessoas Egressas (RAESP).",
                _ => "Serviço público.",
            },
        });
        if let Some(email) = optional(&org.contact_email) {
            organization["email"] = json!(email);
        }
        let places: Vec<Value> = sals
            .get(&s.id)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .filter_map(|sal| {
                let l = locations.get(&sal.location_id)?;
                let sal_id = ids.of("service_at_location", sal.id);
                let location_id = ids.of("location", l.id);
                let phones: Vec<Value> = phones
                    .get(&sal.id)
                    .map(Vec::as_slice)
                    .unwrap_or_default()
                    .iter()
                    .map(|p| {
                        let mut v = json!({
                            "id": ids.of("phone", p.id),
                            "service_at_location_id": sal_id,
                            "number": p.number,
                            "type": "voice",
                        });
                        if let Some(d) = optional(&p.description) {
                            v["description"] = json!(d);
                        }
                        v
                    })
                    .collect();
                let schedules: Vec<Value> = hours
                    .get(&sal.id)
                    .map(Vec::as_slice)
                    .unwrap_or_default()
                    .iter()
                    .map(|h| {
                        json!({
                            "id": ids.of("schedule", h.id),
                            "service_at_location_id": sal_id,
                            "freq": "WEEKLY",
                            "wkst": "MO",
                            "byday": h.byday,
                            "opens_at": hhmm(h.opens_at),
                            "closes_at": hhmm(h.closes_at),
                            "timezone": -3,
                        })
                    })
                    .collect();
                Some(json!({
                    "id": sal_id,
                    "service_id": service_id,
                    "location_id": location_id,
                    "location": {
                        "id": location_id,
                        "location_type": "physical",
                        "organization_id": ids.of("organization", l.organization_id),
                        "name": l.name,
                        "latitude": l.latitude,
                        "longitude": l.longitude,
                        "external_identifier": l.ibge_municipality,
                        "external_identifier_type": "IBGE municipality code",
                        "addresses": [{
                            "id": ids.of("address", l.id),
                            "location_id": location_id,
                            "address_1": l.address_1,
                            "city": l.city,
                            "state_province": l.uf,
                            "postal_code": l.postal_code,
                            "country": "BR",
                            "address_type": "physical",
                        }],
                    },
                    "phones": phones,
                    "schedules": schedules,
                }))
            })
            .collect();
        let area = AREAS
            .iter()
            .find(|(c, _)| *c == s.area)
            .map(|(c, _)| *c)
            .unwrap_or("documentacao");
        let mut v = json!({
            "id": service_id,
            "organization_id": org_id,
            "name": s.name,
            "description": s.description,
            "status": "active",
            "organization": organization,
            "service_at_locations": places,
            "attributes": std::iter::once(attribute(ids, s.id, &service_id, "areas", area, "service_area"))
                .chain(terms.get(&s.id).into_iter().flatten().map(|a| {
                    // HSDS names eligibility for "who may use it"; kinds are plain terms.
                    let link_type = if a.taxonomy == FOR_WHOM { "eligibility" } else { "service_type" };
                    attribute(ids, s.id, &service_id, &a.taxonomy, &a.code, link_type)
                }))
                .collect::<Vec<Value>>(),
            "last_modified": crate::domain::dates::iso_datetime_utc(s.updated_at),
        });
        if let Some(email) = optional(&s.email) {
            v["email"] = json!(email);
        }
        if let Some(url) = optional(&s.url) {
            v["url"] = json!(url);
        }
        out.push(v);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_differ_by_installation_table_and_row() {
        let a = Ids::for_origin("https://esv.exemplo.gov.br");
        let b = Ids::for_origin("http://127.0.0.1:3000");
        assert_eq!(a.of("service", 1), a.of("service", 1));
        assert_ne!(a.of("service", 1), a.of("service", 2));
        assert_ne!(a.of("service", 1), a.of("location", 1));
        assert_ne!(a.of("service", 1), b.of("service", 1));
        assert!(Uuid::parse_str(&a.of("service", 1)).is_ok());
    }

    #[test]
    fn hours_carry_the_time_zone() {
        assert_eq!(hhmm(480), "08:00-03:00");
        assert_eq!(hhmm(24 * 60), "24:00-03:00");
    }
}
