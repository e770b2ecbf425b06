//! "Serviços e rede": the directory of public services and RAESP partners, stored as Open
//! Referral HSDS 3 (organization → service → service_at_location → location, phone,
//! schedule; the service areas as taxonomy). Public to read; "Informar erro" open to anyone;
//! editing is the admin's.

use crate::domain::services::{self as rules, OpenState, Opening};
use crate::domain::services_taxonomy as taxonomy;
use crate::domain::text::encode_query;
use crate::domain::text::{fold, search_terms};
use crate::domain::{Cep, FieldErrors, jobs};
use crate::server::BeginWrite;
use crate::server::actor::AdminActor;
use crate::server::entities::{
    location, organization, phone, schedule, service, service_at_location, service_attribute,
    service_report,
};
use crate::server::error::WebError;
use crate::server::now;
use crate::server::services::directory::index::{self, TermsLead, openings, schedules_and_phones};
use crate::server::services::directory::network::{CreateError, PARTNER};
use crate::server::services::input::validate::{place_field, text_field};
use crate::server::services::privacy::audit::{self, Entry};
use crate::server::sql::Sql;
use sea_orm::FromQueryResult;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use std::collections::HashMap;

/// One directory entry (service + its location, phone and weekly hours), as typed.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ServiceForm {
    pub organizacao: String,
    pub nome: String,
    pub area: String,
    pub descricao: String,
    pub telefone: String,
    pub endereco: String,
    pub cidade: String,
    pub uf: String,
    pub municipio: String,
    pub cep: String,
    pub latitude: String,
    pub longitude: String,
    /// `seg-sex 08:00-17:00; sab 08:00-12:00` (see `domain::services::parse_week`).
    pub horario: String,
    pub ativo: String,
    /// The kind of service: a code of `reference/taxonomias/tipos-de-servico.csv`, or empty.
    pub tipo: String,
    /// "Para quem": `para_<code>` = "1" for each box ticked (the list is data, so are the
    /// names); other fields end up here too and are ignored.
    #[serde(flatten)]
    pub marcados: std::collections::BTreeMap<String, String>,
}

impl ServiceForm {
    /// The terms the form asks for: (taxonomy, code), sorted as stored, unknown codes out.
    pub fn attributes(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = self
            .marcados
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .filter_map(|(k, _)| k.strip_prefix("para_"))
            .filter_map(|code| taxonomy::find(taxonomy::FOR_WHOM, code))
            .map(|t| (taxonomy::FOR_WHOM.to_string(), t.code.clone()))
            .chain(
                taxonomy::find(taxonomy::KIND, self.tipo.trim())
                    .map(|t| (taxonomy::KIND.to_string(), t.code.clone())),
            )
            .collect();
        out.sort();
        out
    }
}
/// The search form, as typed (all optional). `lat`/`lon` come from the browser, rounded.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ServiceQuery {
    pub q: String,
    pub area: String,
    /// "Para quem": a code of `reference/taxonomias/para-quem.csv`.
    pub para: String,
    /// The kind of service: a code of `reference/taxonomias/tipos-de-servico.csv`.
    pub tipo: String,
    pub cidade: String,
    pub lat: String,
    pub lon: String,
    pub pagina: String,
}

impl ServiceQuery {
    pub fn href(&self, page: u64, with_position: bool) -> String {
        let mut parts: Vec<String> = [
            ("q", &self.q),
            ("area", &self.area),
            ("para", &self.para),
            ("tipo", &self.tipo),
            ("cidade", &self.cidade),
            ("lat", &self.lat),
            ("lon", &self.lon),
        ]
        .iter()
        .filter(|(k, _)| with_position || !matches!(*k, "lat" | "lon"))
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| format!("{k}={}", encode_query(v.trim())))
        .collect();
        if page > 1 {
            parts.push(format!("pagina={page}"));
        }
        format!("/servicos?{}", parts.join("&"))
    }
}

/// Matches are counted up to this many; past it the page says "mais de 1.000".
pub const COUNTED_UP_TO: usize = 1_000;

pub const PAGE_SIZE: usize = 20;
/// Organisations that appear only in the directory (CRAS, UBS, Defensoria…), without accounts.
pub const PUBLIC: &str = "public";

#[derive(Debug, Clone, Default)]
pub struct Filters {
    pub terms: Vec<String>,
    pub area: Option<String>,
    /// "Para quem" and the kind: (taxonomy, code) pairs every match must have.
    pub terms_of: Vec<(&'static str, String)>,
    pub municipality: Option<String>,
    pub position: Option<(f64, f64)>,
    pub page: usize,
}

impl Filters {
    pub fn parse(q: &ServiceQuery) -> Filters {
        let keep = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        Filters {
            terms: search_terms(&q.q),
            area: keep(&q.area).filter(|a| rules::AREAS.iter().any(|(c, _)| c == a)),
            terms_of: [(taxonomy::FOR_WHOM, &q.para), (taxonomy::KIND, &q.tipo)]
                .into_iter()
                .filter_map(|(t, code)| {
                    taxonomy::find(t, code.trim()).map(|term| (t, term.code.clone()))
                })
                .collect(),
            municipality: keep(&q.cidade)
                .filter(|c| c.len() == 7 && c.chars().all(|d| d.is_ascii_digit())),
            position: rules::parse_position(&q.lat, &q.lon),
            page: crate::domain::form::page_number(&q.pagina) as usize,
        }
    }
}

/// One service at one location, as a list line shows it.
#[derive(Debug, Clone)]
pub struct Listing {
    pub service_id: i32,
    pub name: String,
    pub organization: String,
    pub raesp: bool,
    pub area: String,
    pub address: String,
    pub latitude: f64,
    pub longitude: f64,
    pub distance_km: Option<f64>,
    pub open: OpenState,
    pub phone: Option<String>,
}

pub fn search_text(name: &str, description: &str, organization: &str) -> String {
    fold(&format!("{name} {description} {organization}"))
}

/// "Rua X, 100 – Centro – Brasília, DF"
pub fn address_line(l: &location::Model) -> String {
    format!("{} – {}, {}", l.address_1, l.city, l.uf)
}

/// What a list line needs of one service at one location: one `directory_listing` row.
#[derive(Debug, sea_orm::FromQueryResult)]
struct Line {
    sal_id: i32,
    service_id: i32,
    name: String,
    area: String,
    organization: String,
    organization_kind: String,
    address1: String,
    city: String,
    uf: String,
    latitude: f64,
    longitude: f64,
    phone: Option<String>,
    hours: String,
}

const LINE_COLUMNS: &str = "d.sal_id AS sal_id, d.service_id AS service_id, d.name AS name, \
     d.area AS area, d.organization AS organization, d.organization_kind AS organization_kind, \
     d.address1 AS address1, d.city AS city, d.uf AS uf, d.latitude AS latitude, \
     d.longitude AS longitude, d.phone AS phone, d.hours AS hours";

/// The active services at their locations that pass the filters (text, area, city), as SQL
/// on `directory_listing d` to which a caller adds its conditions, order and page. Area and
/// city lead the listing's indexes; each term is a range of `directory_word`.
fn filtered(backend: sea_orm::DbBackend, f: &Filters, columns: &str, lead: TermsLead) -> Sql {
    let mut sql = Sql::new(backend, "SELECT ");
    sql.push(columns)
        .push(" FROM directory_listing d WHERE 1 = 1");
    if let Some(area) = &f.area {
        sql.push(" AND d.area = ").bind(area.clone());
    }
    if let Some(city) = &f.municipality {
        sql.push(" AND d.ibge_municipality = ").bind(city.clone());
    }
    // "Para quem" and the kind: one seek each in the attribute's primary key.
    for (taxonomy, code) in &f.terms_of {
        sql.push(
            " AND EXISTS (SELECT 1 FROM service_attribute a WHERE a.service_id = d.service_id \
             AND a.taxonomy = ",
        )
        .bind(taxonomy.to_string())
        .push(" AND a.code = ")
        .bind(code.clone())
        .push(")");
    }
    index::push_terms(
        &mut sql,
        &f.terms,
        f.area.as_deref(),
        f.municipality.as_deref(),
        lead,
    );
    sql
}

/// Appends the box of `radius_km` around (lat, lon), read through the position indexes: one
/// latitude range per strip of longitude the box covers (`lon_cells`), or the latitude band
/// when the box is too wide for strips.
fn push_box(sql: &mut Sql, (lat, lon): (f64, f64), radius_km: f64) {
    let (dlat, dlon) = rules::bounding_box(lat, radius_km);
    if let Some(cells) = rules::lon_cells(lon, dlon) {
        sql.push(" AND d.lon_cell IN ").bind_list(cells);
    }
    sql.push(" AND d.latitude BETWEEN ")
        .bind(lat - dlat)
        .push(" AND ")
        .bind(lat + dlat)
        .push(" AND d.longitude BETWEEN ")
        .bind(lon - dlon)
        .push(" AND ")
        .bind(lon + dlon);
}

/// Counts the filtered entries, stopping at `limit` (the database stops reading there).
async fn count_up_to(db: &DatabaseConnection, inner: Sql, limit: usize) -> Result<usize, WebError> {
    let mut count = Sql::new(db.get_database_backend(), "SELECT COUNT(*) AS n FROM (");
    count.append(inner);
    count.push(" LIMIT ").bind(limit as i64).push(") counted");
    Ok(count.count(db).await?)
}

/// The nearest-first search looks for the smallest box, from this radius widening as the
/// density found suggests (`next_radius_factor`), that holds enough entries for the page.
const FIRST_RADIUS_KM: f64 = 2.0;
/// Up to this many matches, nearest-first reads them all and sorts them here.
const READ_ALL_UP_TO: usize = 300;
/// Past this radius (all of Brazil) the box is dropped.
const WIDEST_RADIUS_KM: f64 = 5_000.0;

/// How much wider the next box is when this one held `found` of the `needed` entries: as wide
/// as the density seen suggests (area grows with the square of the radius), with a margin,
/// at least 1.5 and at most 8 times; 4 times when the box was empty.
fn next_radius_factor(found: usize, needed: usize) -> f64 {
    if found == 0 {
        return 4.0;
    }
    ((needed as f64 / found as f64).sqrt() * 1.3).clamp(1.5, 8.0)
}

/// The nearest `limit` entries in the box by a flat-Earth measure the database computes (so
/// it returns only those rows), as exact km from (lat, lon).
async fn nearest_in_box(
    db: &DatabaseConnection,
    f: &Filters,
    (lat, lon): (f64, f64),
    radius_km: f64,
    limit: usize,
    lead: TermsLead,
) -> Result<Vec<f64>, WebError> {
    let mut sql = filtered(
        db.get_database_backend(),
        f,
        "d.latitude AS latitude, d.longitude AS longitude",
        lead,
    );
    push_box(&mut sql, (lat, lon), radius_km);
    let squeeze = lat.to_radians().cos().powi(2);
    sql.push(" ORDER BY (d.latitude - ")
        .bind(lat)
        .push(") * (d.latitude - ")
        .bind(lat)
        .push(") + (d.longitude - ")
        .bind(lon)
        .push(") * (d.longitude - ")
        .bind(lon)
        .push(") * ")
        .bind(squeeze)
        .push(", d.sal_id LIMIT ")
        .bind(limit as i64);
    Ok(db
        .query_all_raw(sql.statement())
        .await?
        .into_iter()
        .map(|r| {
            let (la, lo): (f64, f64) = (r.try_get("", "latitude")?, r.try_get("", "longitude")?);
            Ok(rules::distance_km(lat, lon, la, lo))
        })
        .collect::<Result<_, sea_orm::DbErr>>()?)
}

/// Every entry in the box (in all of Brazil when `radius_km` is None) as whole list lines
/// with their exact km, nearest first, at most `needed`.
async fn lines_in_box(
    db: &DatabaseConnection,
    f: &Filters,
    (lat, lon): (f64, f64),
    radius_km: Option<f64>,
    needed: usize,
    lead: TermsLead,
) -> Result<Vec<(Line, f64)>, WebError> {
    let mut sql = filtered(db.get_database_backend(), f, LINE_COLUMNS, lead);
    if let Some(radius) = radius_km {
        push_box(&mut sql, (lat, lon), radius);
    }
    let mut near: Vec<(Line, f64)> = Line::find_by_statement(sql.statement())
        .all(db)
        .await?
        .into_iter()
        .map(|l| {
            let km = rules::distance_km(lat, lon, l.latitude, l.longitude);
            (l, km)
        })
        .collect();
    near.sort_by(|a, b| {
        a.1.total_cmp(&b.1)
            .then_with(|| a.0.sal_id.cmp(&b.0.sal_id))
    });
    near.truncate(needed);
    Ok(near)
}

/// The `needed` nearest entries (list line, km), nearest first, exactly:
/// 1. the smallest box around the person (2 km, then wider) with `needed` entries gives
///    `needed` entries whose farthest is D km away, so the `needed` nearest lie within D;
/// 2. the box of radius D is read, whole lines, and exact distances sort it.
///
/// Both steps read through the position indexes; neither reads the whole directory. When
/// at most `READ_ALL_UP_TO` of the `total` entries match, they are read at once instead.
async fn nearest(
    db: &DatabaseConnection,
    f: &Filters,
    at: (f64, f64),
    needed: usize,
    total: usize,
    lead: TermsLead,
) -> Result<Vec<(Line, f64)>, WebError> {
    if total <= READ_ALL_UP_TO {
        // Few entries match: reading them all is one statement, where boxes take two to
        // four (each listing the word range again, when there are terms).
        return lines_in_box(db, f, at, None, needed, lead).await;
    }
    let mut radius = FIRST_RADIUS_KM;
    let reach = loop {
        if radius >= WIDEST_RADIUS_KM {
            break None;
        }
        let some = nearest_in_box(db, f, at, radius, needed, lead).await?;
        if some.len() >= needed {
            break some.into_iter().reduce(f64::max);
        }
        radius *= next_radius_factor(some.len(), needed);
    };
    lines_in_box(db, f, at, reach, needed, lead).await
}

/// Active services matching the filters, one page: nearest first when the person shared a
/// position, otherwise by place (IBGE code: grouped by state, then city) and name. Filtering,
/// counting and paging happen in the database, on `directory_listing` in index order; only
/// the page is read whole.
pub async fn search(
    db: &DatabaseConnection,
    f: &Filters,
    at: i64,
) -> Result<(Vec<Listing>, usize), WebError> {
    let backend = db.get_database_backend();
    let mut ordered;
    let f = if f.terms.len() > 1 {
        ordered = f.clone();
        index::rarest_first(db, &mut ordered.terms, COUNTED_UP_TO + 1).await?;
        &ordered
    } else {
        f
    };
    // Counted up to one past COUNTED_UP_TO: a national directory says "mais de 1.000" rather
    // than counting every entry on every request. With terms, from the word table alone.
    // The word table knows no attributes: with "Para quem" or a kind, count on the listing.
    let total = if f.terms.is_empty() || !f.terms_of.is_empty() {
        count_up_to(
            db,
            filtered(backend, f, "d.sal_id", TermsLead::Yes),
            COUNTED_UP_TO + 1,
        )
        .await?
    } else {
        index::count_terms(
            backend,
            &f.terms,
            f.area.as_deref(),
            f.municipality.as_deref(),
            COUNTED_UP_TO + 1,
        )
        .count(db)
        .await?
    };
    let skip = (f.page - 1) * PAGE_SIZE;
    // Past COUNTED_UP_TO matches, walking an index of the listing (page order, position) finds
    // a page sooner than reading every match by id.
    let lead = if total > COUNTED_UP_TO {
        TermsLead::No
    } else {
        TermsLead::Yes
    };
    let (lines, distances): (Vec<Line>, HashMap<i32, f64>) = match f.position {
        Some(position) if skip < total => {
            let near = nearest(db, f, position, skip + PAGE_SIZE, total, lead).await?;
            let (lines, km): (Vec<Line>, Vec<f64>) = near.into_iter().skip(skip).unzip();
            let distances = lines.iter().map(|l| l.sal_id).zip(km).collect();
            (lines, distances)
        }
        Some(_) => (Vec::new(), HashMap::new()),
        None => {
            let mut sql = filtered(backend, f, LINE_COLUMNS, lead);
            sql.push(" ORDER BY d.ibge_municipality, d.sort_name, d.sal_id LIMIT ")
                .bind(PAGE_SIZE as i64)
                .push(" OFFSET ")
                .bind(skip as i64);
            let lines = Line::find_by_statement(sql.statement()).all(db).await?;
            (lines, HashMap::new())
        }
    };
    let listings = lines
        .into_iter()
        .map(|l| Listing {
            service_id: l.service_id,
            name: l.name,
            organization: l.organization,
            raesp: l.organization_kind == PARTNER,
            area: l.area,
            address: format!("{} – {}, {}", l.address1, l.city, l.uf),
            latitude: l.latitude,
            longitude: l.longitude,
            distance_km: distances.get(&l.sal_id).copied(),
            open: rules::open_state(&index::hours_of(&l.hours), at),
            phone: l.phone,
        })
        .collect();
    Ok((listings, total))
}

/// Cities with active services: (IBGE code, "City – UF"), by name. One index step per city
/// (the place-order index, walked from each code to the next), not a read of every entry.
pub async fn cities(db: &DatabaseConnection) -> Result<Vec<(String, String)>, WebError> {
    let sql = Sql::new(
        db.get_database_backend(),
        "WITH RECURSIVE c(code) AS ( \
           SELECT MIN(ibge_municipality) FROM directory_listing \
           UNION ALL \
           SELECT (SELECT MIN(d.ibge_municipality) FROM directory_listing d \
                   WHERE d.ibge_municipality > c.code) FROM c WHERE c.code IS NOT NULL) \
         SELECT c.code AS code, \
           (SELECT d.city FROM directory_listing d WHERE d.ibge_municipality = c.code \
            ORDER BY d.sort_name, d.sal_id LIMIT 1) AS city, \
           (SELECT d.uf FROM directory_listing d WHERE d.ibge_municipality = c.code \
            ORDER BY d.sort_name, d.sal_id LIMIT 1) AS uf \
         FROM c WHERE c.code IS NOT NULL",
    );
    let mut rows: Vec<(String, String, String)> = db
        .query_all_raw(sql.statement())
        .await?
        .into_iter()
        .map(|r| {
            Ok((
                r.try_get("", "code")?,
                r.try_get("", "city")?,
                r.try_get("", "uf")?,
            ))
        })
        .collect::<Result<_, sea_orm::DbErr>>()?;
    // Sorted here, folded: the databases order accented names differently.
    rows.sort_by_cached_key(|(code, city, uf)| (fold(city), uf.clone(), code.clone()));
    Ok(rows
        .into_iter()
        .map(|(code, city, uf)| (code, format!("{city} – {uf}")))
        .collect())
}

pub struct LocationDetail {
    pub place: location::Model,
    pub openings: Vec<Opening>,
    pub phones: Vec<String>,
}

pub struct Detail {
    pub service: service::Model,
    pub organization: String,
    pub raesp: bool,
    pub locations: Vec<LocationDetail>,
    /// The service's terms: (taxonomy, code), "para_quem" and "tipo".
    pub attributes: Vec<(String, String)>,
}

/// A service's terms in the directory's taxonomies, (taxonomy, code), in a stable order.
pub async fn attributes_of<C: ConnectionTrait>(
    db: &C,
    service_id: i32,
) -> Result<Vec<(String, String)>, sea_orm::DbErr> {
    Ok(service_attribute::Entity::find()
        .filter(service_attribute::Column::ServiceId.eq(service_id))
        .order_by_asc(service_attribute::Column::Taxonomy)
        .order_by_asc(service_attribute::Column::Code)
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.taxonomy, a.code))
        .collect())
}

/// Replaces a service's terms (codes already checked against the taxonomies).
pub async fn set_attributes<C: ConnectionTrait>(
    db: &C,
    service_id: i32,
    attributes: &[(String, String)],
) -> Result<(), sea_orm::DbErr> {
    service_attribute::Entity::delete_many()
        .filter(service_attribute::Column::ServiceId.eq(service_id))
        .exec(db)
        .await?;
    if !attributes.is_empty() {
        service_attribute::Entity::insert_many(attributes.iter().map(|(t, c)| {
            service_attribute::ActiveModel {
                service_id: Set(service_id),
                taxonomy: Set(t.clone()),
                code: Set(c.clone()),
            }
        }))
        .exec(db)
        .await?;
    }
    Ok(())
}

async fn detail_of(db: &DatabaseConnection, s: service::Model) -> Result<Detail, WebError> {
    let org = organization::Entity::find_by_id(s.organization_id)
        .one(db)
        .await?;
    let sals = service_at_location::Entity::find()
        .filter(service_at_location::Column::ServiceId.eq(s.id))
        .order_by_asc(service_at_location::Column::Id)
        .all(db)
        .await?;
    let locations: HashMap<i32, location::Model> = location::Entity::find()
        .filter(location::Column::Id.is_in(sals.iter().map(|s| s.location_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|l| (l.id, l))
        .collect();
    let (schedules, phones) = schedules_and_phones(db, sals.iter().map(|s| s.id).collect()).await?;
    let attributes = attributes_of(db, s.id).await?;
    Ok(Detail {
        attributes,
        organization: org.as_ref().map(|o| o.name.clone()).unwrap_or_default(),
        raesp: org.is_some_and(|o| o.kind == PARTNER),
        locations: sals
            .iter()
            .filter_map(|sal| {
                let l = locations.get(&sal.location_id)?;
                Some(LocationDetail {
                    place: l.clone(),
                    openings: openings(schedules.get(&sal.id).map(Vec::as_slice).unwrap_or(&[])),
                    phones: phones
                        .get(&sal.id)
                        .map(|p| p.iter().map(|p| p.number.clone()).collect())
                        .unwrap_or_default(),
                })
            })
            .collect(),
        service: s,
    })
}

/// One active service's public page.
pub async fn public_service(db: &DatabaseConnection, id: i32) -> Result<Detail, WebError> {
    let s = service::Entity::find_by_id(id)
        .filter(service::Column::Status.eq("active"))
        .one(db)
        .await?
        .ok_or(WebError::NotFound)?;
    detail_of(db, s).await
}

/// "Informar erro": what is wrong, in the person's words. Stored for the admin; no account
/// and no personal data needed.
pub async fn report(
    db: &DatabaseConnection,
    service_id: i32,
    message: &str,
) -> Result<(), CreateError> {
    service::Entity::find_by_id(service_id)
        .filter(service::Column::Status.eq("active"))
        .one(db)
        .await?
        .ok_or(CreateError::Internal(WebError::NotFound))?;
    let mut errors = FieldErrors::default();
    let message = message.trim();
    let len = message.chars().count();
    if len < 5 {
        errors.add(
            "mensagem",
            "Conte o que está errado. Exemplo: o telefone mudou.",
        );
    } else if len > 1000 {
        errors.add("mensagem", "Escreva no máximo 1000 caracteres.");
    }
    if !errors.is_empty() {
        return Err(CreateError::Invalid(errors));
    }
    service_report::ActiveModel {
        service_id: Set(service_id),
        message: Set(message.to_string()),
        status: Set("open".into()),
        created_at: Set(now()),
        resolved_by: Set(None),
        resolved_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

// ---- Admin ----

pub struct AdminLine {
    pub id: i32,
    pub name: String,
    pub organization: String,
    pub city: String,
    pub active: bool,
}

pub async fn admin_list(
    db: &DatabaseConnection,
    _admin: &AdminActor,
) -> Result<Vec<AdminLine>, WebError> {
    let services = service::Entity::find()
        .order_by_desc(service::Column::Id)
        .all(db)
        .await?;
    let orgs: HashMap<i32, String> = organization::Entity::find()
        .filter(organization::Column::Kind.ne(crate::server::services::directory::network::COMPANY))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let sals = service_at_location::Entity::find().all(db).await?;
    let locations: HashMap<i32, String> = location::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|l| (l.id, format!("{} – {}", l.city, l.uf)))
        .collect();
    let city_of: HashMap<i32, String> = sals
        .iter()
        .filter_map(|s| Some((s.service_id, locations.get(&s.location_id)?.clone())))
        .collect();
    Ok(services
        .into_iter()
        .map(|s| AdminLine {
            organization: orgs.get(&s.organization_id).cloned().unwrap_or_default(),
            city: city_of.get(&s.id).cloned().unwrap_or_default(),
            active: s.status == "active",
            id: s.id,
            name: s.name,
        })
        .collect())
}

pub struct ReportLine {
    pub id: i32,
    pub service_id: i32,
    pub service: String,
    pub message: String,
    pub at: i64,
}

pub async fn open_reports(
    db: &DatabaseConnection,
    _admin: &AdminActor,
) -> Result<Vec<ReportLine>, WebError> {
    let reports = service_report::Entity::find()
        .filter(service_report::Column::Status.eq("open"))
        .order_by_asc(service_report::Column::Id)
        .all(db)
        .await?;
    let names: HashMap<i32, String> = service::Entity::find()
        .filter(service::Column::Id.is_in(reports.iter().map(|r| r.service_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    Ok(reports
        .into_iter()
        .map(|r| ReportLine {
            service: names.get(&r.service_id).cloned().unwrap_or_default(),
            id: r.id,
            service_id: r.service_id,
            message: r.message,
            at: r.created_at,
        })
        .collect())
}

pub async fn resolve_report(
    db: &DatabaseConnection,
    admin: &AdminActor,
    id: i32,
) -> Result<(), WebError> {
    let txn = db.begin_write().await?;
    let done = service_report::Entity::update_many()
        .col_expr(service_report::Column::Status, Expr::value("resolved"))
        .col_expr(
            service_report::Column::ResolvedBy,
            Expr::value(admin.actor.user_id),
        )
        .col_expr(service_report::Column::ResolvedAt, Expr::value(now()))
        .filter(service_report::Column::Id.eq(id))
        .filter(service_report::Column::Status.eq("open"))
        .exec(&txn)
        .await?;
    if done.rows_affected == 0 {
        return Err(WebError::NotFound);
    }
    audit::record(
        &txn,
        Entry {
            actor_user_id: Some(admin.actor.user_id),
            action: "service_report_resolved",
            subject_kind: "service_report",
            subject_id: Some(id),
            unit_id: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Organisations a directory entry can belong to: RAESP partners and public bodies.
pub async fn directory_organizations(
    db: &DatabaseConnection,
    _admin: &AdminActor,
) -> Result<Vec<(String, String)>, WebError> {
    Ok(organization::Entity::find()
        .filter(organization::Column::Kind.is_in([PARTNER, PUBLIC]))
        .order_by_asc(organization::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id.to_string(), o.name))
        .collect())
}

pub async fn service_form(
    db: &DatabaseConnection,
    _admin: &AdminActor,
    id: i32,
) -> Result<ServiceForm, WebError> {
    let s = service::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(WebError::NotFound)?;
    let d = detail_of(db, s).await?;
    let s = &d.service;
    let l = d.locations.first();
    let place = l.map(|l| &l.place);
    Ok(ServiceForm {
        organizacao: s.organization_id.to_string(),
        nome: s.name.clone(),
        area: s.area.clone(),
        descricao: s.description.clone(),
        telefone: l
            .and_then(|l| l.phones.first())
            .map(|p| jobs::format_phone(p))
            .unwrap_or_default(),
        endereco: place
            .as_ref()
            .map(|p| p.address_1.clone())
            .unwrap_or_default(),
        cidade: place.as_ref().map(|p| p.city.clone()).unwrap_or_default(),
        uf: place.as_ref().map(|p| p.uf.clone()).unwrap_or_default(),
        municipio: place
            .as_ref()
            .map(|p| p.ibge_municipality.clone())
            .unwrap_or_default(),
        cep: place
            .as_ref()
            .map(|p| Cep::show(&p.postal_code))
            .unwrap_or_default(),
        latitude: place
            .as_ref()
            .map(|p| p.latitude.to_string())
            .unwrap_or_default(),
        longitude: place
            .as_ref()
            .map(|p| p.longitude.to_string())
            .unwrap_or_default(),
        horario: l
            .map(|l| rules::format_week(&l.openings))
            .unwrap_or_default(),
        ativo: if s.status == "active" {
            "1".into()
        } else {
            String::new()
        },
        tipo: d
            .attributes
            .iter()
            .find(|(t, _)| t == taxonomy::KIND)
            .map(|(_, c)| c.clone())
            .unwrap_or_default(),
        marcados: d
            .attributes
            .iter()
            .filter(|(t, _)| t == taxonomy::FOR_WHOM)
            .map(|(_, c)| (format!("para_{c}"), "1".to_string()))
            .collect(),
    })
}

/// Creates (`id = None`) or edits a directory entry: the service, its one location, phone and
/// weekly hours, all in one transaction, only when the whole form is valid.
pub async fn save_service(
    db: &DatabaseConnection,
    admin: &AdminActor,
    id: Option<i32>,
    form: &ServiceForm,
) -> Result<i32, CreateError> {
    let guard = crate::server::services::input::language::guard(db).await?;
    let mut errors = FieldErrors::default();
    let org = match form.organizacao.trim().parse::<i32>() {
        Ok(oid) => {
            organization::Entity::find_by_id(oid)
                .filter(organization::Column::Kind.is_in([PARTNER, PUBLIC]))
                .one(db)
                .await?
        }
        Err(_) => None,
    };
    if org.is_none() {
        errors.add("organizacao", "Escolha a organização responsável.");
    }
    let name = text_field(
        &guard,
        &mut errors,
        "nome",
        &form.nome,
        3,
        200,
        "Digite o nome do serviço.",
    );
    if !rules::AREAS.iter().any(|(c, _)| *c == form.area) {
        errors.add("area", "Escolha a área do serviço.");
    }
    let description = text_field(
        &guard,
        &mut errors,
        "descricao",
        &form.descricao,
        10,
        2000,
        "Conte em poucas frases o que o serviço oferece.",
    );
    let phone = match form.telefone.trim() {
        "" => None,
        t => match jobs::parse_phone(t) {
            Some(p) => Some(p),
            None => {
                errors.add(
                    "telefone",
                    "Digite o telefone com DDD. Exemplo: (61) 3333-4444",
                );
                None
            }
        },
    };
    let address = text_field(
        &guard,
        &mut errors,
        "endereco",
        &form.endereco,
        5,
        200,
        "Digite o endereço.",
    );
    let city = text_field(
        &guard,
        &mut errors,
        "cidade",
        &form.cidade,
        2,
        100,
        "Digite a cidade.",
    );
    let place = place_field(&mut errors, &form.uf, &form.municipio);
    let cep = match Cep::parse(&form.cep) {
        Ok(cep) => cep.into_digits(),
        Err(e) => {
            errors.add("cep", e.to_string());
            String::new()
        }
    };
    let coordinate = |errors: &mut FieldErrors, field: &str, value: &str, limit: f64| match value
        .trim()
        .replace(',', ".")
        .parse::<f64>()
    {
        Ok(v) if v.is_finite() && v.abs() <= limit => Some(v),
        _ => {
            errors.add(
                field,
                "Digite a coordenada em graus decimais. Exemplo: -15.7939",
            );
            None
        }
    };
    let lat = coordinate(&mut errors, "latitude", &form.latitude, 90.0);
    let lon = coordinate(&mut errors, "longitude", &form.longitude, 180.0);
    let week = match rules::parse_week(&form.horario) {
        Ok(w) => w,
        Err(e) => {
            errors.add("horario", e);
            Vec::new()
        }
    };
    if !form.tipo.trim().is_empty() && taxonomy::find(taxonomy::KIND, form.tipo.trim()).is_none() {
        errors.add("tipo", "Escolha um tipo da lista, ou deixe em branco.");
    }
    let (Some(org), Some((uf, ibge)), Some(lat), Some(lon), true) =
        (org, place, lat, lon, errors.is_empty())
    else {
        return Err(CreateError::Invalid(errors));
    };
    let now = now();
    let txn = db.begin_write().await?;
    let mut row = service::ActiveModel {
        organization_id: Set(org.id),
        search_text: Set(search_text(&name, &description, &org.name)),
        name: Set(name.clone()),
        description: Set(description),
        area: Set(form.area.clone()),
        email: Set(None),
        url: Set(None),
        status: Set(if form.ativo.is_empty() {
            "inactive"
        } else {
            "active"
        }
        .into()),
        updated_at: Set(now),
        ..Default::default()
    };
    let saved = match id {
        Some(id) => {
            service::Entity::find_by_id(id)
                .one(&txn)
                .await?
                .ok_or(CreateError::Internal(WebError::NotFound))?;
            row.id = Set(id);
            row.update(&txn).await?
        }
        None => {
            row.created_at = Set(now);
            row.insert(&txn).await?
        }
    };
    // The entry's location, phone and hours are replaced as a whole.
    let old: Vec<service_at_location::Model> = service_at_location::Entity::find()
        .filter(service_at_location::Column::ServiceId.eq(saved.id))
        .all(&txn)
        .await?;
    let old_ids: Vec<i32> = old.iter().map(|s| s.id).collect();
    schedule::Entity::delete_many()
        .filter(schedule::Column::ServiceAtLocationId.is_in(old_ids.clone()))
        .exec(&txn)
        .await?;
    phone::Entity::delete_many()
        .filter(phone::Column::ServiceAtLocationId.is_in(old_ids.clone()))
        .exec(&txn)
        .await?;
    service_at_location::Entity::delete_many()
        .filter(service_at_location::Column::Id.is_in(old_ids))
        .exec(&txn)
        .await?;
    // The old place goes too unless another service still uses it: a stale address must not
    // linger (its city would stay in the public filter).
    let old_places: Vec<i32> = old.iter().map(|s| s.location_id).collect();
    let still_used: Vec<i32> = service_at_location::Entity::find()
        .filter(service_at_location::Column::LocationId.is_in(old_places.clone()))
        .all(&txn)
        .await?
        .into_iter()
        .map(|s| s.location_id)
        .collect();
    location::Entity::delete_many()
        .filter(location::Column::Id.is_in(old_places))
        .filter(location::Column::Id.is_not_in(still_used))
        .exec(&txn)
        .await?;
    let place = location::ActiveModel {
        organization_id: Set(org.id),
        name: Set(name),
        address_1: Set(address),
        city: Set(city),
        uf: Set(uf),
        ibge_municipality: Set(ibge),
        postal_code: Set(cep),
        latitude: Set(lat),
        longitude: Set(lon),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    insert_offering(&txn, saved.id, place.id, phone, &week).await?;
    set_attributes(&txn, saved.id, &form.attributes()).await?;
    index::index_service(&txn, saved.id).await?;
    audit::record(
        &txn,
        Entry {
            actor_user_id: Some(admin.actor.user_id),
            action: if id.is_some() {
                "service_updated"
            } else {
                "service_created"
            },
            subject_kind: "service",
            subject_id: Some(saved.id),
            unit_id: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(saved.id)
}

/// The service at a location, with its phone and weekly hours (also used by the demo seed).
pub async fn insert_offering<C: ConnectionTrait>(
    db: &C,
    service_id: i32,
    location_id: i32,
    phone_number: Option<String>,
    week: &[Opening],
) -> Result<(), sea_orm::DbErr> {
    let sal = service_at_location::ActiveModel {
        service_id: Set(service_id),
        location_id: Set(location_id),
        ..Default::default()
    }
    .insert(db)
    .await?;
    if let Some(number) = phone_number {
        phone::ActiveModel {
            service_at_location_id: Set(sal.id),
            number: Set(number),
            description: Set(None),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    if !week.is_empty() {
        schedule::Entity::insert_many(week.iter().map(|o| schedule::ActiveModel {
            service_at_location_id: Set(sal.id),
            byday: Set(o.byday().to_string()),
            opens_at: Set(i32::from(o.opens)),
            closes_at: Set(i32::from(o.closes)),
            ..Default::default()
        }))
        .exec(db)
        .await?;
    }
    Ok(())
}

/// A service as the referral form offers it.
#[derive(Debug, sea_orm::FromQueryResult)]
pub struct FoundService {
    pub service_id: i32,
    pub name: String,
    pub organization: String,
    /// "City, UF" of its first place ("" when it has none).
    pub place: String,
}

/// Active services with a word starting with each term (in the name, description or
/// organisation, accents ignored — the same matching as `/servicos`): the first `limit` by
/// name, and how many there are. Read through `directory_word`, one line per service.
pub async fn find_services(
    db: &DatabaseConnection,
    terms: &[String],
    limit: usize,
) -> Result<(Vec<FoundService>, usize), WebError> {
    let backend = db.get_database_backend();
    let matching = |columns: &str| {
        let mut sql = Sql::new(backend, "SELECT ");
        sql.push(columns)
            .push(" FROM directory_listing d WHERE 1 = 1");
        index::push_terms(&mut sql, terms, None, None, TermsLead::Yes);
        sql
    };
    let total = matching("COUNT(DISTINCT d.service_id) AS n")
        .count(db)
        .await?;
    let mut sql = matching(
        "d.service_id AS service_id, MIN(d.name) AS name, MIN(d.organization) AS organization, \
         MIN(d.city || ', ' || d.uf) AS place",
    );
    sql.push(" GROUP BY d.service_id ORDER BY MIN(d.sort_name), d.service_id LIMIT ")
        .bind(limit as i64);
    let found = FoundService::find_by_statement(sql.statement())
        .all(db)
        .await?;
    Ok((found, total))
}

/// "City, UF" of a service's first place ("" when it has none).
pub async fn place_of(db: &DatabaseConnection, service_id: i32) -> Result<String, WebError> {
    let mut sql = Sql::new(
        db.get_database_backend(),
        "SELECT l.city AS city, l.uf AS uf FROM service_at_location sal \
         JOIN location l ON l.id = sal.location_id WHERE sal.service_id = ",
    );
    sql.bind(service_id).push(" ORDER BY sal.id LIMIT 1");
    Ok(db
        .query_one_raw(sql.statement())
        .await?
        .map(|r| -> Result<String, sea_orm::DbErr> {
            Ok(format!(
                "{}, {}",
                r.try_get::<String>("", "city")?,
                r.try_get::<String>("", "uf")?
            ))
        })
        .transpose()?
        .unwrap_or_default())
}
