//! The company's side: its own vacancies and the candidates who applied to them.
//!
//! Companies never receive criminal or sensitive data (TST Tema 1; LEP art. 202; LGPD). The
//! only thing about a candidate that leaves this module is `CandidateProfile`, which simply
//! has no field for the person's CPF, unit, status, case, race, health or notes — the compiler
//! keeps them out. It is filled only for candidaturas the person has not withdrawn (withdrawing
//! revokes the consent to share).

use crate::domain::{FieldErrors, cbo, dates, jobs, money};
use crate::server::BeginWrite;
use crate::server::actor::CompanyActor;
use crate::server::entities::{application, organization, person, professional_profile, vacancy};
use crate::server::error::WebError;
use crate::server::now;
use crate::server::services::directory::network::CreateError;
use crate::server::services::input::validate::{place_field, text_field};
use crate::server::services::notify::push::{self, Recipient};
use crate::server::services::privacy::audit::{self, Entry};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};
use std::collections::HashMap;

/// Everything a company may know about a candidate.
#[derive(Debug, Clone)]
pub struct CandidateProfile {
    pub application_id: i32,
    pub name: String,
    pub schooling: String,
    pub skills: String,
    pub experience: String,
    pub courses: String,
    pub availability: String,
    pub contact_preference: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub applied_at: i64,
    pub status: String,
    /// The person asked for it and her Escritório Social confirmed it; never why.
    pub quota_eligible: bool,
}

pub struct CompanyVacancy {
    pub vacancy: vacancy::Model,
    pub candidates: u64,
}

impl CompanyVacancy {
    /// Where the vacancy stands for its company at `now`: "open", "paused" or "closed" (closed
    /// by hand, or past its closing date). The company's page and the partner API show this.
    pub fn mode(&self, now: i64) -> &'static str {
        match self.vacancy.status.as_str() {
            _ if self.vacancy.closes_at < now => "closed",
            "open" => "open",
            "paused" => "paused",
            _ => "closed",
        }
    }
}

pub async fn company_vacancies(
    db: &DatabaseConnection,
    me: &CompanyActor,
) -> Result<Vec<CompanyVacancy>, WebError> {
    let vacancies = vacancy::Entity::find()
        .filter(vacancy::Column::OrganizationId.eq(me.organization_id))
        .order_by_desc(vacancy::Column::PostedAt)
        .all(db)
        .await?;
    // One query for every count (not one per vacancy).
    let ids: Vec<i32> = vacancies.iter().map(|v| v.id).collect();
    let mut counts: HashMap<i32, u64> = HashMap::new();
    for a in application::Entity::find()
        .filter(application::Column::VacancyId.is_in(ids))
        .filter(application::Column::Status.ne("desistiu"))
        .all(db)
        .await?
    {
        *counts.entry(a.vacancy_id).or_default() += 1;
    }
    Ok(vacancies
        .into_iter()
        .map(|v| CompanyVacancy {
            candidates: counts.get(&v.id).copied().unwrap_or(0),
            vacancy: v,
        })
        .collect())
}

/// One of *my* vacancies; another company's is simply not found.
pub async fn own_vacancy(
    db: &DatabaseConnection,
    me: &CompanyActor,
    vacancy_id: i32,
) -> Result<vacancy::Model, WebError> {
    vacancy::Entity::find_by_id(vacancy_id)
        .filter(vacancy::Column::OrganizationId.eq(me.organization_id))
        .one(db)
        .await?
        .ok_or(WebError::NotFound)
}

pub async fn candidates(
    db: &DatabaseConnection,
    me: &CompanyActor,
    vacancy_id: i32,
) -> Result<Vec<CandidateProfile>, WebError> {
    let vacancy = own_vacancy(db, me, vacancy_id).await?;
    let apps = application::Entity::find()
        .filter(application::Column::VacancyId.eq(vacancy.id))
        .filter(application::Column::Status.ne("desistiu"))
        .order_by_asc(application::Column::CreatedAt)
        .all(db)
        .await?;
    let person_ids: Vec<i32> = apps.iter().map(|a| a.person_id).collect();
    let names: HashMap<i32, String> = person::Entity::find()
        .filter(person::Column::Id.is_in(person_ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.social_name.unwrap_or(p.full_name)))
        .collect();
    let mut profiles: HashMap<i32, professional_profile::Model> =
        professional_profile::Entity::find()
            .filter(professional_profile::Column::PersonId.is_in(person_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|p| (p.person_id, p))
            .collect();
    let quota_eligible =
        crate::server::services::jobs::quota_eligibility::eligible(db, &person_ids_shown(&apps))
            .await?;
    // Each profile shown is an access the person can see in "Quem viu meus dados".
    for a in &apps {
        audit::record(
            db,
            Entry {
                actor_user_id: Some(me.actor.user_id),
                action: "profile_viewed_by_company",
                subject_kind: "person",
                subject_id: Some(a.person_id),
                unit_id: None,
            },
        )
        .await?;
    }
    Ok(apps
        .into_iter()
        .filter_map(|a| {
            let p = profiles.remove(&a.person_id)?;
            Some(CandidateProfile {
                application_id: a.id,
                name: names.get(&a.person_id).cloned().unwrap_or_default(),
                schooling: p.schooling,
                skills: p.skills,
                experience: p.experience,
                courses: p.courses,
                availability: p.availability,
                contact_preference: p.contact_preference,
                phone: p.phone,
                email: p.email,
                applied_at: a.created_at,
                quota_eligible: quota_eligible.contains(&a.person_id),
                status: a.status,
            })
        })
        .collect())
}

/// Moves a candidatura of one of *my* vacancies along the pipeline (`domain::pipeline`).
/// Returns the vacancy (so the page goes back to its candidates) and whether it moved: a move
/// the pipeline does not allow (a second click, say) changes nothing. The person sees the new state
/// in "Minhas candidaturas" and the change in "Quem viu meus dados".
pub async fn move_candidate(
    db: &DatabaseConnection,
    me: &CompanyActor,
    application_id: i32,
    to: &str,
) -> Result<(i32, bool), WebError> {
    let app = application::Entity::find_by_id(application_id)
        .one(db)
        .await?
        .ok_or(WebError::NotFound)?;
    // Not mine (or gone): the same answer as for a candidatura that does not exist.
    let vacancy = own_vacancy(db, me, app.vacancy_id).await?;
    // "Contratada" goes through `hire_candidate` (start date, contract) and the ES's confirmation.
    if to == "contratada" || !crate::domain::pipeline::can_move(&app.status, to) {
        return Ok((vacancy.id, false));
    }
    let txn = db.begin_write().await?;
    let person_id = app.person_id;
    let mut row: application::ActiveModel = app.into();
    row.status = Set(to.to_string());
    row.updated_at = Set(now());
    row.update(&txn).await?;
    audit::record(
        &txn,
        Entry {
            actor_user_id: Some(me.actor.user_id),
            action: "application_status_changed",
            subject_kind: "person",
            subject_id: Some(person_id),
            unit_id: None,
        },
    )
    .await?;
    tell_about_candidacy(&txn, person_id, application_id).await?;
    txn.commit().await?;
    Ok((vacancy.id, true))
}

/// A candidacy moved: the person hears of it, and so does their caseworker of reference.
async fn tell_about_candidacy<C: sea_orm::ConnectionTrait>(
    c: &C,
    person_id: i32,
    application_id: i32,
) -> Result<(), sea_orm::DbErr> {
    let now = now();
    push::notify(
        c,
        push::CANDIDACY_PERSON,
        Recipient::Person(person_id),
        application_id,
        now,
    )
    .await?;
    let reference = crate::server::entities::person_detail::Entity::find()
        .filter(crate::server::entities::person_detail::Column::PersonId.eq(person_id))
        .one(c)
        .await?
        .and_then(|d| d.reference_user_id);
    if let Some(account) = reference {
        push::notify(
            c,
            push::CANDIDACY_STAFF,
            Recipient::Account(account),
            person_id,
            now,
        )
        .await?;
    }
    Ok(())
}

fn person_ids_shown(apps: &[application::Model]) -> Vec<i32> {
    apps.iter().map(|a| a.person_id).collect()
}

/// "Contratar": the first day of work and, if any, the public contract whose quota it serves.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct HireCandidateForm {
    /// `AAAA-MM-DD`
    pub inicio: String,
    /// A contract id, or empty.
    pub contrato: String,
}

/// The vacancy form, as typed.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct VacancyForm {
    pub titulo: String,
    pub cbo: String,
    pub descricao: String,
    pub requisitos: String,
    pub salario_min: String,
    pub salario_max: String,
    pub horas: String,
    pub turno: String,
    pub contrato: String,
    pub cidade: String,
    pub uf: String,
    pub municipio: String,
    pub cota: String,
    /// `AAAA-MM-DD` (the browser's date input).
    pub encerra: String,
    /// Only when the law or the job requires a criminal-record certificate (TST Tema 1).
    pub justificativa: String,
    /// The quota contract the vacancy serves (a contract id), or empty.
    pub contrato_cota: String,
}

/// The candidatura and vacancy behind a "Contratar" form, if the candidatura is mine and may
/// still be hired.
pub async fn hireable(
    db: &DatabaseConnection,
    me: &CompanyActor,
    application_id: i32,
) -> Result<(application::Model, vacancy::Model, String), WebError> {
    let app = application::Entity::find_by_id(application_id)
        .one(db)
        .await?
        .ok_or(WebError::NotFound)?;
    let vacancy = own_vacancy(db, me, app.vacancy_id).await?;
    let name = person::Entity::find_by_id(app.person_id)
        .one(db)
        .await?
        .map(|p| p.social_name.unwrap_or(p.full_name))
        .unwrap_or_default();
    Ok((app, vacancy, name))
}

/// "Contratar": the candidatura becomes contratada and a hire is reported to the person's
/// Escritório Social, which confirms it (only then it counts for a quota). One transaction.
pub async fn hire_candidate(
    db: &DatabaseConnection,
    me: &CompanyActor,
    application_id: i32,
    form: &HireCandidateForm,
) -> Result<i32, CreateError> {
    let (app, vacancy, _) = hireable(db, me, application_id).await?;
    let mut errors = FieldErrors::default();
    if !crate::domain::pipeline::can_move(&app.status, "contratada") {
        errors.add("inicio", "Esta candidatura não pode mais ser contratada.");
    }
    let now = now();
    let start = match dates::end_of_day_from_iso(&form.inicio) {
        Some(t) if (now - 61 * 86_400..=now + 61 * 86_400).contains(&t) => Some(t),
        Some(_) => {
            errors.add(
                "inicio",
                "Escolha uma data dos últimos ou dos próximos 60 dias.",
            );
            None
        }
        None => {
            errors.add("inicio", "Escolha o primeiro dia de trabalho.");
            None
        }
    };
    let contract = match form.contrato.trim() {
        "" => None,
        c => {
            let found = match c.parse::<i32>() {
                Ok(id) => crate::server::services::jobs::contracts::my_contract(db, me, id)
                    .await
                    .ok(),
                Err(_) => None,
            };
            if found.is_none() {
                errors.add("contrato", "Escolha um dos seus contratos, ou nenhum.");
            }
            found.map(|c| c.id)
        }
    };
    let person = person::Entity::find_by_id(app.person_id)
        .one(db)
        .await?
        .ok_or(WebError::NotFound)?;
    let (Some(start), true) = (start, errors.is_empty()) else {
        return Err(CreateError::Invalid(errors));
    };
    let employer = organization::Entity::find_by_id(me.organization_id)
        .one(db)
        .await?
        .map(|o| o.name)
        .unwrap_or_default();
    let txn = db.begin_write().await?;
    let vacancy_id = vacancy.id;
    let mut row: application::ActiveModel = app.clone().into();
    row.status = Set("contratada".into());
    row.updated_at = Set(now);
    row.update(&txn).await?;
    crate::server::entities::hire::ActiveModel {
        person_id: Set(person.id),
        unit_id: Set(person.unit_id),
        employer: Set(employer),
        job_title: Set(vacancy.title),
        started_on: Set(dates::iso_date(start)),
        ended_on: Set(None),
        recorded_by: Set(me.actor.user_id),
        created_at: Set(now),
        organization_id: Set(Some(me.organization_id)),
        vacancy_id: Set(Some(vacancy_id)),
        application_id: Set(Some(app.id)),
        contract_id: Set(contract),
        status: Set("a_confirmar".into()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Entry {
            actor_user_id: Some(me.actor.user_id),
            action: "application_status_changed",
            subject_kind: "person",
            subject_id: Some(person.id),
            unit_id: None,
        },
    )
    .await?;
    tell_about_candidacy(&txn, person.id, app.id).await?;
    txn.commit().await?;
    Ok(vacancy_id)
}

/// The longest a vacancy stays open: 180 days.
const MAX_OPEN_DAYS: i64 = 180;

/// Creates (`id = None`) or edits one of *my* vacancies; the whole form is checked first and
/// nothing is written unless all of it is right.
pub async fn save_vacancy(
    db: &DatabaseConnection,
    me: &CompanyActor,
    id: Option<i32>,
    form: &VacancyForm,
) -> Result<i32, CreateError> {
    let existing = match id {
        Some(id) => Some(
            own_vacancy(db, me, id)
                .await
                .map_err(CreateError::Internal)?,
        ),
        None => None,
    };
    let guard = crate::server::services::input::language::guard(db).await?;
    let mut errors = FieldErrors::default();
    let title = text_field(
        &guard,
        &mut errors,
        "titulo",
        &form.titulo,
        3,
        120,
        "Digite o nome da vaga.",
    );
    let cbo = cbo::parse(&form.cbo);
    if cbo.is_none() {
        errors.add("cbo", "Escolha a ocupação.");
    }
    let description = text_field(
        &guard,
        &mut errors,
        "descricao",
        &form.descricao,
        10,
        4000,
        "Conte em poucas frases como é o trabalho.",
    );
    let requirements = text_field(
        &guard,
        &mut errors,
        "requisitos",
        &form.requisitos,
        0,
        2000,
        "",
    );
    // TST Tema 1: a request for a criminal-record certificate needs a reason the law or the
    // job gives; without it the vacancy is not published (the text typed stays in the form).
    let justification = text_field(
        &guard,
        &mut errors,
        "justificativa",
        &form.justificativa,
        0,
        1000,
        "",
    );
    let contract = match form.contrato_cota.trim() {
        "" => None,
        c => {
            let found = match c.parse::<i32>() {
                Ok(id) => crate::server::services::jobs::contracts::my_contract(db, me, id)
                    .await
                    .ok(),
                Err(_) => None,
            };
            if found.is_none() {
                errors.add("contrato_cota", "Escolha um dos seus contratos, ou nenhum.");
            }
            found.map(|c| c.id)
        }
    };
    if contract.is_some() && form.cota.is_empty() {
        errors.add(
            "contrato_cota",
            "Marque “Vaga com cota legal” para ligar a vaga a um contrato.",
        );
    }
    let asks_record =
        jobs::asks_criminal_record(&description) || jobs::asks_criminal_record(&requirements);
    for (field, text) in [("descricao", &description), ("requisitos", &requirements)] {
        if jobs::asks_criminal_record(text) && justification.chars().count() < 30 {
            errors.add(field, jobs::CRIMINAL_RECORD_RULE);
        }
    }
    let mut salary = |field: &str, value: &str| match value.trim() {
        "" => None,
        v => money::parse_reais(v).or_else(|| {
            errors.add(field, "Digite só números, em reais. Exemplo: 1850");
            None
        }),
    };
    let salary_min = salary("salario_min", &form.salario_min);
    let salary_max = salary("salario_max", &form.salario_max);
    if let (Some(a), Some(b)) = (salary_min, salary_max)
        && b < a
    {
        errors.add(
            "salario_max",
            "O salário máximo não pode ser menor que o mínimo.",
        );
    }
    // Constituição, art. 7º, XIII: at most 44 hours a week.
    let hours = match form.horas.trim().parse::<i32>() {
        Ok(h) if (1..=44).contains(&h) => h,
        _ => {
            errors.add("horas", "Digite as horas por semana, de 1 a 44.");
            0
        }
    };
    if !jobs::SHIFTS.iter().any(|(c, _)| *c == form.turno) {
        errors.add("turno", "Escolha o turno.");
    }
    if !jobs::EMPLOYMENT_TYPES
        .iter()
        .any(|(c, _)| *c == form.contrato)
    {
        errors.add("contrato", "Escolha o tipo de contrato.");
    }
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
    let now = now();
    let closes_at = match dates::end_of_day_from_iso(&form.encerra) {
        Some(t) if t > now && t <= now + MAX_OPEN_DAYS * 86_400 => Some(t),
        Some(_) => {
            errors.add(
                "encerra",
                "Escolha uma data a partir de amanhã e em até 180 dias.",
            );
            None
        }
        None => {
            errors.add("encerra", "Escolha a data em que as inscrições terminam.");
            None
        }
    };
    let (Some(cbo), Some((uf, municipality)), Some(closes_at), true) =
        (cbo, place, closes_at, errors.is_empty())
    else {
        return Err(CreateError::Invalid(errors));
    };
    let company = organization::Entity::find_by_id(me.organization_id)
        .one(db)
        .await?
        .map(|o| o.name)
        .unwrap_or_default();
    let (search_title, search_body) = crate::server::services::jobs::vacancies::search_text(
        &title,
        &description,
        &requirements,
        cbo,
        &company,
        &city,
    );
    let txn = db.begin_write().await?;
    let mut row = match existing {
        Some(v) => v.into(),
        None => vacancy::ActiveModel {
            organization_id: Set(me.organization_id),
            status: Set("open".into()),
            posted_at: Set(now),
            created_at: Set(now),
            ..Default::default()
        },
    };
    row.title = Set(title);
    row.description = Set(description);
    row.requirements = Set(requirements);
    row.cbo_code = Set(cbo.to_string());
    row.salary_min_cents = Set(salary_min);
    row.salary_max_cents = Set(salary_max);
    row.weekly_hours = Set(hours);
    row.shift = Set(form.turno.clone());
    row.employment_type = Set(form.contrato.clone());
    row.city = Set(city);
    row.uf = Set(uf);
    row.ibge_municipality = Set(municipality);
    row.quota = Set(!form.cota.is_empty());
    row.closes_at = Set(closes_at);
    row.search_title = Set(search_title);
    row.search_body = Set(search_body);
    row.contract_id = Set(contract);
    row.record_check_justification =
        Set(Some(justification).filter(|j| asks_record && !j.is_empty()));
    row.updated_at = Set(now);
    let saved = row.save(&txn).await?;
    let saved_id = match saved.id {
        sea_orm::ActiveValue::Set(id) | sea_orm::ActiveValue::Unchanged(id) => id,
        sea_orm::ActiveValue::NotSet => {
            return Err(CreateError::Internal(WebError::Internal(
                "vacancy id not returned".into(),
            )));
        }
    };
    audit::record(
        &txn,
        Entry {
            actor_user_id: Some(me.actor.user_id),
            action: if id.is_some() {
                "vacancy_edited"
            } else {
                "vacancy_created"
            },
            subject_kind: "vacancy",
            subject_id: Some(saved_id),
            unit_id: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(saved_id)
}

/// Closes one of *my* vacancies: it leaves the public board at once.
/// Pauses an open vacancy of mine (it leaves the public board, candidaturas are kept) or
/// resumes a paused one. Anything else is left as it is.
pub async fn set_paused(
    db: &DatabaseConnection,
    me: &CompanyActor,
    id: i32,
    paused: bool,
) -> Result<(), WebError> {
    let v = own_vacancy(db, me, id).await?;
    let (from, to) = if paused {
        ("open", "paused")
    } else {
        ("paused", "open")
    };
    if v.status != from {
        return Ok(());
    }
    let txn = db.begin_write().await?;
    let mut row: vacancy::ActiveModel = v.into();
    row.status = Set(to.into());
    row.updated_at = Set(now());
    row.update(&txn).await?;
    audit::record(
        &txn,
        Entry {
            actor_user_id: Some(me.actor.user_id),
            action: if paused {
                "vacancy_paused"
            } else {
                "vacancy_resumed"
            },
            subject_kind: "vacancy",
            subject_id: Some(id),
            unit_id: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn close_vacancy(
    db: &DatabaseConnection,
    me: &CompanyActor,
    id: i32,
) -> Result<(), WebError> {
    let v = own_vacancy(db, me, id).await?;
    let txn = db.begin_write().await?;
    let mut row: vacancy::ActiveModel = v.into();
    row.status = Set("closed".into());
    row.updated_at = Set(now());
    row.update(&txn).await?;
    audit::record(
        &txn,
        Entry {
            actor_user_id: Some(me.actor.user_id),
            action: "vacancy_closed",
            subject_kind: "vacancy",
            subject_id: Some(id),
            unit_id: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
