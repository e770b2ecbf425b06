//! Courses: the public catalogue, the egresso's enrolment requests ("Quero me inscrever"), what
//! the provider and the person's caseworkers see of them, and the admin's catalogue editing.
//! Every function that touches a person takes the actor kind that may do it.

use crate::domain::text::encode_query;
use crate::domain::text::{fold, search_terms};
use crate::domain::{FieldErrors, courses, dates, money};
use crate::server::BeginWrite;
use crate::server::actor::{AdminActor, EgressoActor, PartnerActor, StaffActor};
use crate::server::entities::{
    course, course_enrolment, organization, person, professional_profile,
};
use crate::server::error::WebError;
use crate::server::now;
use crate::server::services::directory::network::{CreateError, PARTNER};
use crate::server::services::input::validate::{place_field, text_field};
use crate::server::services::privacy::audit::{self, Entry};
use sea_orm::sea_query::{Condition, Expr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use std::collections::HashMap;

/// The course form, as typed.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct CourseForm {
    pub fornecedor: String,
    pub titulo: String,
    pub descricao: String,
    pub modalidade: String,
    pub horas: String,
    /// `AAAA-MM-DD` (the browser's date input).
    pub inicio: String,
    pub cidade: String,
    pub uf: String,
    pub municipio: String,
    pub preco: String,
    pub remicao: String,
    pub aberto: String,
}
/// The search form, as typed (all fields optional).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct CourseQuery {
    pub q: String,
    pub modalidade: String,
    pub cidade: String,
    pub gratuito: String,
    pub remicao: String,
    pub pagina: String,
}

impl CourseQuery {
    pub fn page_href(&self, page: u64) -> String {
        let mut parts: Vec<String> = [
            ("q", &self.q),
            ("modalidade", &self.modalidade),
            ("cidade", &self.cidade),
            ("gratuito", &self.gratuito),
            ("remicao", &self.remicao),
        ]
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| format!("{k}={}", encode_query(v.trim())))
        .collect();
        parts.push(format!("pagina={page}"));
        format!("/cursos?{}", parts.join("&"))
    }

    pub fn has_filters(&self) -> bool {
        [
            &self.modalidade,
            &self.cidade,
            &self.gratuito,
            &self.remicao,
        ]
        .iter()
        .any(|v| !v.trim().is_empty())
    }
}

pub const PAGE_SIZE: u64 = 20;

/// Consent purpose recorded when a person asks for a place: the provider receives the
/// person's name and contact (LGPD art. 7 I: specific, revocable).
pub const SHARE_CONTACT_WITH_COURSE_PROVIDER: &str = "share_contact_with_course_provider";

/// Enrolment requests that still mean something to the provider.
const ACTIVE: [&str; 2] = ["solicitada", "confirmada"];

/// A course with its provider's public name.
#[derive(Debug, Clone)]
pub struct Card {
    pub course: course::Model,
    pub provider: String,
}

#[derive(Debug, Clone, Default)]
pub struct Filters {
    pub terms: Vec<String>,
    pub modality: Option<String>,
    pub municipality: Option<String>,
    pub free_only: bool,
    pub remicao_only: bool,
    pub page: u64,
}

impl Filters {
    /// Unknown values are ignored, so an old link keeps working.
    pub fn parse(q: &CourseQuery) -> Filters {
        let keep = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        Filters {
            terms: search_terms(&q.q),
            modality: keep(&q.modalidade)
                .filter(|m| courses::MODALITIES.iter().any(|(c, _)| c == m)),
            municipality: keep(&q.cidade)
                .filter(|c| c.len() == 7 && c.chars().all(|d| d.is_ascii_digit())),
            free_only: !q.gratuito.is_empty(),
            remicao_only: !q.remicao.is_empty(),
            page: q
                .pagina
                .trim()
                .parse::<u64>()
                .ok()
                .filter(|p| *p >= 1)
                .unwrap_or(1),
        }
    }
}

pub fn search_text(title: &str, description: &str, provider: &str, city: &str) -> String {
    fold(&format!("{title} {description} {provider} {city}"))
}

async fn provider_names(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i32>,
) -> Result<HashMap<i32, String>, WebError> {
    Ok(organization::Entity::find()
        .filter(organization::Column::Id.is_in(ids.into_iter().collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect())
}

/// Open courses matching the filters, soonest start first. In a chosen city, EAD courses are
/// listed too: they can be taken from anywhere.
pub async fn search(db: &DatabaseConnection, f: &Filters) -> Result<(Vec<Card>, u64), WebError> {
    let mut query = course::Entity::find().filter(course::Column::Status.eq("open"));
    for term in &f.terms {
        query = query.filter(course::Column::SearchText.contains(term));
    }
    if let Some(m) = &f.modality {
        query = query.filter(course::Column::Modality.eq(m));
    }
    if let Some(city) = &f.municipality {
        query = query.filter(
            Condition::any()
                .add(course::Column::IbgeMunicipality.eq(city))
                .add(course::Column::Modality.eq("ead")),
        );
    }
    if f.free_only {
        query = query.filter(course::Column::PriceCents.is_null());
    }
    if f.remicao_only {
        query = query.filter(course::Column::Remicao.eq(true));
    }
    let total = query.clone().count(db).await?;
    let rows = query
        .order_by_asc(course::Column::StartsAt)
        .order_by_asc(course::Column::Id)
        .offset((f.page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
        .all(db)
        .await?;
    let names = provider_names(db, rows.iter().map(|c| c.provider_id)).await?;
    let cards = rows
        .into_iter()
        .map(|c| Card {
            provider: names.get(&c.provider_id).cloned().unwrap_or_default(),
            course: c,
        })
        .collect();
    Ok((cards, total))
}

/// Cities with open presencial courses: (IBGE code, "City – UF").
pub async fn open_cities(db: &DatabaseConnection) -> Result<Vec<(String, String)>, WebError> {
    let rows: Vec<(String, String, String)> = course::Entity::find()
        .select_only()
        .column(course::Column::IbgeMunicipality)
        .column(course::Column::City)
        .column(course::Column::Uf)
        .filter(course::Column::Status.eq("open"))
        .filter(course::Column::Modality.eq("presencial"))
        .distinct()
        .order_by_asc(course::Column::City)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(code, city, uf)| (code, format!("{city} – {uf}")))
        .collect())
}

/// One course's public page (closed courses too: a person may follow an old link to it).
pub async fn public_course(db: &DatabaseConnection, id: i32) -> Result<Card, WebError> {
    let c = course::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(WebError::NotFound)?;
    let provider = provider_names(db, [c.provider_id])
        .await?
        .remove(&c.provider_id)
        .unwrap_or_default();
    Ok(Card {
        course: c,
        provider,
    })
}

pub async fn enrolment_for(
    db: &DatabaseConnection,
    me: &EgressoActor,
    course_id: i32,
) -> Result<Option<course_enrolment::Model>, WebError> {
    Ok(course_enrolment::Entity::find()
        .filter(course_enrolment::Column::PersonId.eq(me.person_id))
        .filter(course_enrolment::Column::CourseId.eq(course_id))
        .one(db)
        .await?)
}

#[derive(Debug)]
pub enum EnrolError {
    /// The person did not tick the consent box: nothing was sent.
    NoConsent,
    Web(WebError),
}

impl From<sea_orm::DbErr> for EnrolError {
    fn from(e: sea_orm::DbErr) -> Self {
        EnrolError::Web(e.into())
    }
}

async fn record_consent<C: ConnectionTrait>(
    db: &C,
    me: &EgressoActor,
    provider_id: i32,
    granted: bool,
) -> Result<(), sea_orm::DbErr> {
    crate::server::services::jobs::applications::record_consent_for(
        db,
        me,
        SHARE_CONTACT_WITH_COURSE_PROVIDER,
        provider_id,
        granted,
    )
    .await
}

/// "Quero me inscrever": with consent, asks the provider for a place (or re-asks after a
/// cancellation). One transaction: the request, the consent and the log entry.
pub async fn enrol(
    db: &DatabaseConnection,
    me: &EgressoActor,
    course_id: i32,
    consent: bool,
) -> Result<(), EnrolError> {
    let c = course::Entity::find_by_id(course_id)
        .filter(course::Column::Status.eq("open"))
        .one(db)
        .await?
        .ok_or(EnrolError::Web(WebError::NotFound))?;
    if !consent {
        return Err(EnrolError::NoConsent);
    }
    let now = now();
    let txn = db.begin_write().await?;
    let existing = course_enrolment::Entity::find()
        .filter(course_enrolment::Column::PersonId.eq(me.person_id))
        .filter(course_enrolment::Column::CourseId.eq(c.id))
        .one(&txn)
        .await?;
    match existing {
        Some(e) if e.status == "cancelada" => {
            course_enrolment::Entity::update_many()
                .col_expr(course_enrolment::Column::Status, Expr::value("solicitada"))
                .col_expr(course_enrolment::Column::UpdatedAt, Expr::value(now))
                .filter(course_enrolment::Column::Id.eq(e.id))
                .exec(&txn)
                .await?;
        }
        // Already asked: asking twice changes nothing.
        Some(_) => return Ok(()),
        None => {
            course_enrolment::ActiveModel {
                course_id: Set(c.id),
                person_id: Set(me.person_id),
                unit_id: Set(me.unit_id),
                status: Set("solicitada".into()),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }
    record_consent(&txn, me, c.provider_id, true).await?;
    audit::record(&txn, Entry::own_record(me, "course_enrolment_requested")).await?;
    txn.commit().await?;
    Ok(())
}

/// Cancels one of *my* requests. When no other active request to the same provider is left,
/// the consent to share my contact with it ends too.
pub async fn cancel(
    db: &DatabaseConnection,
    me: &EgressoActor,
    enrolment_id: i32,
) -> Result<(), WebError> {
    let txn = db.begin_write().await?;
    let e = course_enrolment::Entity::find_by_id(enrolment_id)
        .filter(course_enrolment::Column::PersonId.eq(me.person_id))
        .one(&txn)
        .await?
        .ok_or(WebError::NotFound)?;
    if e.status == "cancelada" {
        return Ok(());
    }
    course_enrolment::Entity::update_many()
        .col_expr(course_enrolment::Column::Status, Expr::value("cancelada"))
        .col_expr(course_enrolment::Column::UpdatedAt, Expr::value(now()))
        .filter(course_enrolment::Column::Id.eq(e.id))
        .exec(&txn)
        .await?;
    let provider_id = course::Entity::find_by_id(e.course_id)
        .one(&txn)
        .await?
        .map(|c| c.provider_id)
        .ok_or(WebError::NotFound)?;
    let still_active = active_with_provider(&txn, me, provider_id).await?;
    if still_active.is_empty() {
        record_consent(&txn, me, provider_id, false).await?;
    }
    audit::record(&txn, Entry::own_record(me, "course_enrolment_cancelled")).await?;
    txn.commit().await?;
    Ok(())
}

async fn active_with_provider<C: ConnectionTrait>(
    db: &C,
    me: &EgressoActor,
    provider_id: i32,
) -> Result<Vec<i32>, sea_orm::DbErr> {
    let course_ids: Vec<i32> = course::Entity::find()
        .filter(course::Column::ProviderId.eq(provider_id))
        .select_only()
        .column(course::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    course_enrolment::Entity::find()
        .filter(course_enrolment::Column::PersonId.eq(me.person_id))
        .filter(course_enrolment::Column::CourseId.is_in(course_ids))
        .filter(course_enrolment::Column::Status.is_in(ACTIVE))
        .select_only()
        .column(course_enrolment::Column::Id)
        .into_tuple()
        .all(db)
        .await
}

/// "Meus dados": withdraw the consent for one provider; its active requests end with it, so
/// the provider stops seeing my contact at once.
pub async fn revoke_provider_sharing(
    db: &DatabaseConnection,
    me: &EgressoActor,
    provider_id: i32,
) -> Result<(), WebError> {
    let txn = db.begin_write().await?;
    let ids = active_with_provider(&txn, me, provider_id).await?;
    course_enrolment::Entity::update_many()
        .col_expr(course_enrolment::Column::Status, Expr::value("cancelada"))
        .col_expr(course_enrolment::Column::UpdatedAt, Expr::value(now()))
        .filter(course_enrolment::Column::Id.is_in(ids))
        .exec(&txn)
        .await?;
    record_consent(&txn, me, provider_id, false).await?;
    audit::record(&txn, Entry::own_record(me, "consent_revoked")).await?;
    txn.commit().await?;
    Ok(())
}

pub struct MyEnrolment {
    pub enrolment: course_enrolment::Model,
    pub course: course::Model,
    pub provider: String,
}

pub async fn my_enrolments(
    db: &DatabaseConnection,
    me: &EgressoActor,
) -> Result<Vec<MyEnrolment>, WebError> {
    let rows = course_enrolment::Entity::find()
        .filter(course_enrolment::Column::PersonId.eq(me.person_id))
        .order_by_desc(course_enrolment::Column::UpdatedAt)
        .all(db)
        .await?;
    let courses: HashMap<i32, course::Model> = course::Entity::find()
        .filter(course::Column::Id.is_in(rows.iter().map(|r| r.course_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let names = provider_names(db, courses.values().map(|c| c.provider_id)).await?;
    Ok(rows
        .into_iter()
        .filter_map(|e| {
            let course = courses.get(&e.course_id)?.clone();
            Some(MyEnrolment {
                provider: names.get(&course.provider_id).cloned().unwrap_or_default(),
                enrolment: e,
                course,
            })
        })
        .collect())
}

/// An enrolment request as staff or the provider see it: the person's name (social name
/// first) and the contact they chose to give — nothing about their past.
pub struct EnrolmentLine {
    pub id: i32,
    pub person_name: String,
    pub contact: String,
    pub course_id: i32,
    pub course_title: String,
    pub provider: String,
    pub status: String,
    pub requested_at: i64,
}

async fn lines(
    db: &DatabaseConnection,
    rows: Vec<course_enrolment::Model>,
    with_contact: bool,
) -> Result<Vec<EnrolmentLine>, WebError> {
    let person_ids: Vec<i32> = rows.iter().map(|r| r.person_id).collect();
    let people: HashMap<i32, person::Model> = person::Entity::find()
        .filter(person::Column::Id.is_in(person_ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let profiles: HashMap<i32, professional_profile::Model> = if with_contact {
        professional_profile::Entity::find()
            .filter(professional_profile::Column::PersonId.is_in(person_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|p| (p.person_id, p))
            .collect()
    } else {
        HashMap::new()
    };
    let courses: HashMap<i32, course::Model> = course::Entity::find()
        .filter(course::Column::Id.is_in(rows.iter().map(|r| r.course_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let names = provider_names(db, courses.values().map(|c| c.provider_id)).await?;
    Ok(rows
        .into_iter()
        .filter_map(|e| {
            let p = people.get(&e.person_id)?;
            let c = courses.get(&e.course_id)?;
            let contact = profiles
                .get(&e.person_id)
                .map(|pr| {
                    [pr.phone.clone(), pr.email.clone()]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(" · ")
                })
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| "Combinar pelo Escritório Social".to_string());
            Some(EnrolmentLine {
                id: e.id,
                person_name: p.social_name.clone().unwrap_or_else(|| p.full_name.clone()),
                contact,
                course_id: c.id,
                course_title: c.title.clone(),
                provider: names.get(&c.provider_id).cloned().unwrap_or_default(),
                status: e.status,
                requested_at: e.created_at,
            })
        })
        .collect())
}

/// Logs one read per person listed, so each sees it in "Quem viu meus dados".
async fn log_reads(
    db: &DatabaseConnection,
    actor_user_id: i32,
    action: &str,
    rows: &[course_enrolment::Model],
) -> Result<(), WebError> {
    let people = rows.iter().map(|r| (r.person_id, r.unit_id));
    Ok(audit::record_person_reads(db, actor_user_id, action, people).await?)
}

/// The provider's requests: only for its own courses, cancelled ones left out.
pub async fn provider_enrolments(
    db: &DatabaseConnection,
    me: &PartnerActor,
) -> Result<Vec<EnrolmentLine>, WebError> {
    let course_ids: Vec<i32> = course::Entity::find()
        .filter(course::Column::ProviderId.eq(me.organization_id))
        .select_only()
        .column(course::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let rows = course_enrolment::Entity::find()
        .filter(course_enrolment::Column::CourseId.is_in(course_ids))
        .filter(course_enrolment::Column::Status.ne("cancelada"))
        .order_by_desc(course_enrolment::Column::CreatedAt)
        .all(db)
        .await?;
    log_reads(db, me.actor.user_id, "enrolment_viewed_by_provider", &rows).await?;
    lines(db, rows, true).await
}

/// The provider confirms a place or says there is none. Only for its own courses, and not for
/// a request the person cancelled.
pub async fn provider_answer(
    db: &DatabaseConnection,
    me: &PartnerActor,
    enrolment_id: i32,
    answer: &str,
) -> Result<(), WebError> {
    if !matches!(answer, "confirmada" | "sem_vaga") {
        return Err(WebError::BadRequest);
    }
    let txn = db.begin_write().await?;
    let e = course_enrolment::Entity::find_by_id(enrolment_id)
        .filter(course_enrolment::Column::Status.ne("cancelada"))
        .one(&txn)
        .await?
        .ok_or(WebError::NotFound)?;
    course::Entity::find_by_id(e.course_id)
        .filter(course::Column::ProviderId.eq(me.organization_id))
        .one(&txn)
        .await?
        .ok_or(WebError::NotFound)?;
    course_enrolment::Entity::update_many()
        .col_expr(course_enrolment::Column::Status, Expr::value(answer))
        .col_expr(course_enrolment::Column::UpdatedAt, Expr::value(now()))
        .filter(course_enrolment::Column::Id.eq(e.id))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        Entry {
            actor_user_id: Some(me.actor.user_id),
            action: "enrolment_answered_by_provider",
            subject_kind: "person",
            subject_id: Some(e.person_id),
            unit_id: Some(e.unit_id),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The unit's requests, for its caseworkers and coordinator (never another unit's).
pub async fn unit_enrolments(
    db: &DatabaseConnection,
    me: &StaffActor,
) -> Result<Vec<EnrolmentLine>, WebError> {
    let rows = course_enrolment::Entity::find()
        .filter(course_enrolment::Column::UnitId.eq(me.unit_id))
        .order_by_desc(course_enrolment::Column::UpdatedAt)
        .limit(200)
        .all(db)
        .await?;
    log_reads(db, me.actor.user_id, "enrolment_viewed_by_staff", &rows).await?;
    lines(db, rows, false).await
}

// ---- Admin: the catalogue itself ----

pub async fn all_courses(
    db: &DatabaseConnection,
    _admin: &AdminActor,
) -> Result<Vec<Card>, WebError> {
    let rows = course::Entity::find()
        .order_by_desc(course::Column::Id)
        .all(db)
        .await?;
    let names = provider_names(db, rows.iter().map(|c| c.provider_id)).await?;
    Ok(rows
        .into_iter()
        .map(|c| Card {
            provider: names.get(&c.provider_id).cloned().unwrap_or_default(),
            course: c,
        })
        .collect())
}

/// Partner organisations that can offer courses, for the form's select.
pub async fn providers(
    db: &DatabaseConnection,
    _admin: &AdminActor,
) -> Result<Vec<(String, String)>, WebError> {
    Ok(organization::Entity::find()
        .filter(organization::Column::Kind.eq(PARTNER))
        .order_by_asc(organization::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id.to_string(), o.name))
        .collect())
}

pub async fn course_form(
    db: &DatabaseConnection,
    _admin: &AdminActor,
    id: i32,
) -> Result<CourseForm, WebError> {
    let c = course::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(WebError::NotFound)?;
    Ok(CourseForm {
        fornecedor: c.provider_id.to_string(),
        titulo: c.title,
        descricao: c.description,
        modalidade: c.modality,
        horas: c.hours.to_string(),
        inicio: dates::iso_date(c.starts_at),
        cidade: c.city,
        uf: c.uf,
        municipio: c.ibge_municipality,
        preco: c
            .price_cents
            .map(money::reais_for_input)
            .unwrap_or_default(),
        remicao: if c.remicao { "1".into() } else { String::new() },
        aberto: if c.status == "open" {
            "1".into()
        } else {
            String::new()
        },
    })
}

/// Creates (`id = None`) or edits a course. The whole form is checked first; nothing is saved
/// unless all of it is valid.
pub async fn save_course(
    db: &DatabaseConnection,
    admin: &AdminActor,
    id: Option<i32>,
    form: &CourseForm,
) -> Result<i32, CreateError> {
    let guard = crate::server::services::input::language::guard(db).await?;
    let mut errors = FieldErrors::default();
    let provider = match form.fornecedor.trim().parse::<i32>() {
        Ok(pid) => {
            organization::Entity::find_by_id(pid)
                .filter(organization::Column::Kind.eq(PARTNER))
                .one(db)
                .await?
        }
        Err(_) => None,
    };
    if provider.is_none() {
        errors.add("fornecedor", "Escolha a organização que oferece o curso.");
    }
    let title = text_field(
        &guard,
        &mut errors,
        "titulo",
        &form.titulo,
        3,
        120,
        "Digite o nome do curso.",
    );
    let description = text_field(
        &guard,
        &mut errors,
        "descricao",
        &form.descricao,
        10,
        4000,
        "Conte em poucas frases o que a pessoa vai aprender.",
    );
    let modality = form.modalidade.trim();
    if !courses::MODALITIES.iter().any(|(c, _)| *c == modality) {
        errors.add("modalidade", "Escolha presencial ou a distância.");
    }
    let hours = match form.horas.trim().parse::<i32>() {
        Ok(h) if (1..=3000).contains(&h) => h,
        _ => {
            errors.add("horas", "Digite a carga horária em horas, de 1 a 3000.");
            0
        }
    };
    let starts_at = match dates::end_of_day_from_iso(&form.inicio) {
        // Stored as the start of that day in Brasília.
        Some(t) => t - 86_399,
        None => {
            errors.add("inicio", "Escolha a data de início.");
            0
        }
    };
    let (city, place) = if modality == "ead" {
        (String::new(), Some((String::new(), String::new())))
    } else {
        let city = text_field(
            &guard,
            &mut errors,
            "cidade",
            &form.cidade,
            2,
            100,
            "Digite a cidade.",
        );
        (city, place_field(&mut errors, &form.uf, &form.municipio))
    };
    let price_cents = match form.preco.trim() {
        "" | "0" | "0,00" => None,
        p => match money::parse_reais(p) {
            Some(c) if c > 0 => Some(c),
            _ => {
                errors.add(
                    "preco",
                    "Digite o valor em reais, ou deixe vazio se for gratuito.",
                );
                None
            }
        },
    };
    let (Some(provider), Some((uf, ibge)), true) = (provider, place, errors.is_empty()) else {
        return Err(CreateError::Invalid(errors));
    };
    let now = now();
    let txn = db.begin_write().await?;
    let search = search_text(&title, &description, &provider.name, &city);
    let mut row = course::ActiveModel {
        provider_id: Set(provider.id),
        title: Set(title),
        description: Set(description),
        modality: Set(modality.to_string()),
        hours: Set(hours),
        starts_at: Set(starts_at),
        city: Set(city),
        uf: Set(uf),
        ibge_municipality: Set(ibge),
        price_cents: Set(price_cents),
        remicao: Set(!form.remicao.is_empty()),
        status: Set(if form.aberto.is_empty() {
            "closed"
        } else {
            "open"
        }
        .into()),
        search_text: Set(search),
        updated_at: Set(now),
        ..Default::default()
    };
    let saved = match id {
        Some(id) => {
            course::Entity::find_by_id(id)
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
    audit::record(
        &txn,
        Entry {
            actor_user_id: Some(admin.actor.user_id),
            action: if id.is_some() {
                "course_updated"
            } else {
                "course_created"
            },
            subject_kind: "course",
            subject_id: Some(saved.id),
            unit_id: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(saved.id)
}

/// For "Baixar meus dados".
pub async fn export_enrolments(
    db: &DatabaseConnection,
    me: &EgressoActor,
) -> Result<serde_json::Value, WebError> {
    Ok(serde_json::Value::Array(
        my_enrolments(db, me)
            .await?
            .into_iter()
            .map(|m| {
                serde_json::json!({
                    "curso": m.course.title,
                    "oferecido_por": m.provider,
                    "situacao": m.enrolment.status,
                    "pedido_em": dates::iso_date(m.enrolment.created_at),
                })
            })
            .collect(),
    ))
}
