//! The public vacancy catalogue: full-text search with filters, and one vacancy's public page.
//! Public means anonymous: only open vacancies, only the fields a job board shows. No actor.

use crate::domain::text::search_terms;
use crate::domain::{FieldErrors, cbo, money};
use crate::server::entities::{organization, vacancy};
use crate::server::error::WebError;
use crate::server::now;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseConnection, EntityTrait, QueryFilter,
    Statement, Value,
};
use std::collections::HashMap;

pub const PAGE_SIZE: u64 = 20;

/// What the search form sends (all optional, as typed).
pub use crate::pages::vacancies::VacancyQuery;

/// The query, checked. Hashable: it is the key of the search cache.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Filters {
    pub terms: Vec<String>,
    pub uf: Option<String>,
    pub municipality: Option<String>,
    pub cbo_family: Option<String>,
    pub quota_only: bool,
    pub shift: Option<String>,
    pub min_salary_cents: Option<i64>,
    pub page: u64,
}

impl Filters {
    /// Unknown filter values are ignored (an old link keeps working); a salary that is not a
    /// number is an error to show beside its field.
    pub fn parse(q: &VacancyQuery) -> (Filters, FieldErrors) {
        let mut errors = FieldErrors::default();
        let keep = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        let min_salary_cents = match keep(&q.salario) {
            None => None,
            Some(s) => match money::parse_reais(&s) {
                Some(c) => Some(c),
                None => {
                    errors.add("salario", "Digite só números, em reais. Exemplo: 1500");
                    None
                }
            },
        };
        let filters = Filters {
            terms: search_terms(&q.q),
            uf: keep(&q.uf)
                .map(|u| u.to_uppercase())
                .filter(|u| u.len() == 2 && u.chars().all(|c| c.is_ascii_alphabetic())),
            municipality: keep(&q.cidade)
                .filter(|c| c.len() == 7 && c.chars().all(|d| d.is_ascii_digit())),
            cbo_family: keep(&q.cbo)
                .filter(|c| c.len() == 4 && c.chars().all(|d| d.is_ascii_digit())),
            quota_only: !q.cota.is_empty(),
            shift: keep(&q.turno)
                .filter(|s| crate::domain::jobs::SHIFTS.iter().any(|(c, _)| c == s)),
            min_salary_cents,
            page: q
                .pagina
                .trim()
                .parse::<u64>()
                .ok()
                .filter(|p| *p >= 1)
                .unwrap_or(1),
        };
        (filters, errors)
    }
}

/// One result line: only public fields.
#[derive(Debug, Clone)]
pub struct Card {
    pub vacancy: vacancy::Model,
    pub company: String,
}

/// Companies with at least `min_hires` hires confirmed by an Escritório Social in the last
/// 12 months: the Selo Empresa Parceira (`domain::quota::earns_seal`).
pub async fn sealed_companies(
    db: &DatabaseConnection,
    min_hires: usize,
) -> Result<std::collections::HashSet<i32>, WebError> {
    use crate::server::entities::hire;
    let now = now();
    let mut by_company: HashMap<i32, Vec<i64>> = HashMap::new();
    for h in hire::Entity::find()
        .filter(hire::Column::Status.eq("confirmada"))
        .filter(hire::Column::OrganizationId.is_not_null())
        .filter(hire::Column::ConfirmedAt.gte(now - 366 * 86_400))
        .all(db)
        .await?
    {
        if let (Some(org), Some(at)) = (h.organization_id, h.confirmed_at) {
            by_company.entry(org).or_default().push(at);
        }
    }
    Ok(by_company
        .into_iter()
        .filter(|(_, times)| crate::domain::quota::earns_seal(times, now, min_hires))
        .map(|(org, _)| org)
        .collect())
}

#[derive(Debug, Clone)]
pub struct Results {
    pub cards: Vec<Card>,
    pub total: u64,
}

/// `$1` on PostgreSQL, `?` on SQLite.
struct Sql {
    backend: DatabaseBackend,
    text: String,
    values: Vec<Value>,
}

impl Sql {
    fn bind(&mut self, value: impl Into<Value>) -> String {
        self.values.push(value.into());
        match self.backend {
            DatabaseBackend::Postgres => format!("${}", self.values.len()),
            _ => "?".to_string(),
        }
    }
}

/// Appends the WHERE clause; returns the placeholder of the text query, if any (for ranking).
fn where_clause(sql: &mut Sql, f: &Filters, now: i64) -> Option<String> {
    let status = sql.bind("open");
    let closes = sql.bind(now);
    sql.text.push_str(&format!(
        " WHERE v.status = {status} AND v.closes_at >= {closes}"
    ));
    let mut text_query = None;
    if !f.terms.is_empty() {
        match sql.backend {
            DatabaseBackend::Postgres => {
                // Every term must match, as a prefix ("manut" finds "manutencao").
                let q = f
                    .terms
                    .iter()
                    .map(|t| format!("{t}:*"))
                    .collect::<Vec<_>>()
                    .join(" & ");
                let p = sql.bind(q);
                sql.text.push_str(&format!(
                    " AND v.search_vector @@ to_tsquery('simple', {p})"
                ));
                text_query = Some(p);
            }
            _ => {
                let q = f
                    .terms
                    .iter()
                    .map(|t| format!("\"{t}\"*"))
                    .collect::<Vec<_>>()
                    .join(" AND ");
                let p = sql.bind(q);
                sql.text.push_str(&format!(" AND vacancy_fts MATCH {p}"));
                text_query = Some(p);
            }
        }
    }
    if let Some(uf) = &f.uf {
        let p = sql.bind(uf.clone());
        sql.text.push_str(&format!(" AND v.uf = {p}"));
    }
    if let Some(m) = &f.municipality {
        let p = sql.bind(m.clone());
        sql.text
            .push_str(&format!(" AND v.ibge_municipality = {p}"));
    }
    if let Some(family) = &f.cbo_family {
        let p = sql.bind(family.clone());
        sql.text
            .push_str(&format!(" AND substr(v.cbo_code, 1, 4) = {p}"));
    }
    if f.quota_only {
        let p = sql.bind(true);
        sql.text.push_str(&format!(" AND v.quota = {p}"));
    }
    if let Some(shift) = &f.shift {
        let p = sql.bind(shift.clone());
        sql.text.push_str(&format!(" AND v.shift = {p}"));
    }
    if let Some(min) = f.min_salary_cents {
        let p = sql.bind(min);
        sql.text.push_str(&format!(
            " AND COALESCE(v.salary_max_cents, v.salary_min_cents) >= {p}"
        ));
    }
    text_query
}

fn from_clause(backend: DatabaseBackend, with_text: bool) -> &'static str {
    match (backend, with_text) {
        // CROSS JOIN makes SQLite drive the query from the full-text index (one MATCH, then a
        // primary-key lookup per hit) instead of running the MATCH once per vacancy.
        (DatabaseBackend::Sqlite, true) => {
            " FROM vacancy_fts CROSS JOIN vacancy v ON v.id = vacancy_fts.rowid"
        }
        _ => " FROM vacancy v",
    }
}

/// Ranked (best match first, then newest), filtered, one page.
pub async fn search(db: &DatabaseConnection, f: &Filters) -> Result<Results, WebError> {
    let backend = db.get_database_backend();
    let now = now();
    let with_text = !f.terms.is_empty();

    let mut count = Sql {
        backend,
        text: format!("SELECT COUNT(*) AS n{}", from_clause(backend, with_text)),
        values: vec![],
    };
    where_clause(&mut count, f, now);
    let total: i64 = db
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            count.text,
            count.values,
        ))
        .await?
        .map(|row| row.try_get::<i64>("", "n"))
        .transpose()?
        .unwrap_or(0);

    let mut page = Sql {
        backend,
        text: format!("SELECT v.id AS id{}", from_clause(backend, with_text)),
        values: vec![],
    };
    let text_query = where_clause(&mut page, f, now);
    // Best match first (title terms weigh 4× the rest), then the newest.
    let rank = match (backend, text_query) {
        (DatabaseBackend::Postgres, Some(p)) => {
            format!("ts_rank(v.search_vector, to_tsquery('simple', {p})) DESC, ")
        }
        (_, Some(_)) => "bm25(vacancy_fts, 4.0, 1.0), ".to_string(),
        _ => String::new(),
    };
    let limit = page.bind(PAGE_SIZE as i64);
    let offset = page.bind(((f.page - 1) * PAGE_SIZE) as i64);
    page.text.push_str(&format!(
        " ORDER BY {rank}v.posted_at DESC, v.id DESC LIMIT {limit} OFFSET {offset}"
    ));
    let ids: Vec<i32> = db
        .query_all_raw(Statement::from_sql_and_values(
            backend,
            page.text,
            page.values,
        ))
        .await?
        .into_iter()
        .map(|row| row.try_get::<i32>("", "id"))
        .collect::<Result<_, _>>()?;

    let mut rows: HashMap<i32, vacancy::Model> = vacancy::Entity::find()
        .filter(vacancy::Column::Id.is_in(ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|v| (v.id, v))
        .collect();
    let org_ids: Vec<i32> = rows.values().map(|v| v.organization_id).collect();
    let companies: HashMap<i32, String> = organization::Entity::find()
        .filter(organization::Column::Id.is_in(org_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let cards = ids
        .into_iter()
        .filter_map(|id| rows.remove(&id))
        .map(|v| Card {
            company: companies
                .get(&v.organization_id)
                .cloned()
                .unwrap_or_default(),
            vacancy: v,
        })
        .collect();
    Ok(Results {
        cards,
        total: total.max(0) as u64,
    })
}

/// One open vacancy with its company's public name; `NotFound` when closed or unknown.
pub async fn public_vacancy(db: &DatabaseConnection, id: i32) -> Result<Card, WebError> {
    let v = vacancy::Entity::find_by_id(id)
        .filter(vacancy::Column::Status.eq("open"))
        .filter(vacancy::Column::ClosesAt.gte(now()))
        .one(db)
        .await?
        .ok_or(WebError::NotFound)?;
    let company = organization::Entity::find_by_id(v.organization_id)
        .one(db)
        .await?
        .map(|o| o.name)
        .unwrap_or_default();
    Ok(Card {
        vacancy: v,
        company,
    })
}

/// The places (city, UF, IBGE code) that have open vacancies, for the filter.
pub async fn open_places(
    db: &DatabaseConnection,
) -> Result<Vec<(String, String, String)>, WebError> {
    let backend = db.get_database_backend();
    let mut sql = Sql {
        backend,
        text: String::new(),
        values: vec![],
    };
    let status = sql.bind("open");
    sql.text = format!(
        "SELECT DISTINCT v.ibge_municipality AS code, v.city AS city, v.uf AS uf FROM vacancy v \
         WHERE v.status = {status} ORDER BY v.uf, v.city"
    );
    db.query_all_raw(Statement::from_sql_and_values(
        backend, sql.text, sql.values,
    ))
    .await?
    .into_iter()
    .map(|row| {
        Ok((
            row.try_get("", "code")?,
            row.try_get("", "city")?,
            row.try_get("", "uf")?,
        ))
    })
    .collect::<Result<_, sea_orm::DbErr>>()
    .map_err(WebError::from)
}

/// The folded text a vacancy is found by (title weighs more than the rest).
pub fn search_text(
    title: &str,
    description: &str,
    requirements: &str,
    cbo_code: &str,
    company: &str,
    city: &str,
) -> (String, String) {
    use crate::domain::text::fold;
    let occupation = cbo::title(cbo_code).unwrap_or_default();
    (
        fold(&format!("{title} {occupation}")),
        fold(&format!("{description} {requirements} {company} {city}")),
    )
}
