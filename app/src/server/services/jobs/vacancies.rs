//! The public vacancy catalogue: full-text search with filters, and one vacancy's public page.
//! Public means anonymous: only open vacancies, only the fields a job board shows. No actor.

use crate::domain::text::encode_query;
use crate::domain::text::search_terms;
use crate::domain::{FieldErrors, cbo, money};
use crate::server::entities::{organization, vacancy};
use crate::server::error::WebError;
use crate::server::now;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use std::collections::HashMap;

pub const PAGE_SIZE: u64 = 20;

/// What the search form sends (all optional, as typed).
/// The search form, as typed (all fields optional).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct VacancyQuery {
    pub q: String,
    pub uf: String,
    pub cidade: String,
    pub cbo: String,
    pub cota: String,
    pub turno: String,
    pub salario: String,
    pub pagina: String,
}

impl VacancyQuery {
    /// The query string for another page of the same search.
    pub fn page_href(&self, page: u64) -> String {
        let mut parts = Vec::new();
        for (k, v) in [
            ("q", &self.q),
            ("uf", &self.uf),
            ("cidade", &self.cidade),
            ("cbo", &self.cbo),
            ("cota", &self.cota),
            ("turno", &self.turno),
            ("salario", &self.salario),
        ] {
            if !v.trim().is_empty() {
                parts.push(format!("{k}={}", encode_query(v.trim())));
            }
        }
        parts.push(format!("pagina={page}"));
        format!("/vagas?{}", parts.join("&"))
    }

    pub fn has_filters(&self) -> bool {
        [
            &self.uf,
            &self.cidade,
            &self.cbo,
            &self.cota,
            &self.turno,
            &self.salario,
        ]
        .iter()
        .any(|v| !v.trim().is_empty())
    }
}

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
        let uf = keep(&q.uf).map(|u| u.to_uppercase());
        let uf = match uf {
            Some(u) if crate::domain::place::UFS.iter().any(|(s, _, _)| *s == u) => Some(u),
            Some(_) => {
                errors.add("uf", "Escolha um estado da lista.");
                None
            }
            None => None,
        };
        let filters = Filters {
            terms: search_terms(&q.q),
            uf,
            municipality: keep(&q.cidade)
                .filter(|c| c.len() == 7 && c.chars().all(|d| d.is_ascii_digit())),
            cbo_family: keep(&q.cbo)
                .filter(|c| c.len() == 4 && c.chars().all(|d| d.is_ascii_digit())),
            quota_only: !q.cota.is_empty(),
            shift: keep(&q.turno)
                .filter(|s| crate::domain::jobs::SHIFTS.iter().any(|(c, _)| c == s)),
            min_salary_cents,
            page: crate::domain::form::page_number(&q.pagina),
        };
        (filters, errors)
    }
}

/// One open vacancy's public page: the row and its company's public name.
#[derive(Debug, Clone)]
pub struct Card {
    pub vacancy: vacancy::Model,
    pub company: String,
}

impl Card {
    /// The vacancy as a result line shows it.
    pub fn listing(&self) -> Listing {
        let v = &self.vacancy;
        Listing {
            id: v.id,
            organization_id: v.organization_id,
            title: v.title.clone(),
            company: self.company.clone(),
            city: v.city.clone(),
            uf: v.uf.clone(),
            salary_min_cents: v.salary_min_cents,
            salary_max_cents: v.salary_max_cents,
            shift: v.shift.clone(),
            quota: v.quota,
            closes_at: v.closes_at,
        }
    }
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

pub use crate::server::search::index::{Listing, Results};

/// Ranked (title matches first, then newest), filtered, one page: answered by the in-memory
/// index (`server::search`), the same on SQLite and PostgreSQL.
pub fn search(index: &crate::server::search::VacancyIndex, f: &Filters) -> Results {
    index.search(f, now())
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
