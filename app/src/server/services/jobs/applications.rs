//! The egresso's side of job seeking: the professional profile, candidaturas, saved vacancies.
//! Every query is scoped by the `EgressoActor`'s own `person_id`.

use crate::domain::jobs::{CONTACT_PREFERENCES, SCHOOLING, parse_phone};
use crate::domain::{Email, FieldErrors};
use crate::server::BeginWrite;
use crate::server::actor::EgressoActor;
use crate::server::entities::{
    application, consent, organization, professional_profile, saved_vacancy, vacancy,
};
use crate::server::error::WebError;
use crate::server::now;
use crate::server::services::privacy::audit::{self, Entry};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use std::collections::HashMap;

/// The profile form, as typed.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ProfileForm {
    pub escolaridade: String,
    pub habilidades: String,
    pub experiencia: String,
    pub cursos: String,
    pub disponibilidade: String,
    pub contato: String,
    pub telefone: String,
    pub email: String,
    /// The vacancy to go back to after saving, if the person came from one.
    pub vaga: String,
    /// The profile's version when the form was drawn ("0": none yet; empty: not checked).
    pub versao: String,
    /// The account's mark (`server::offline`): the form may have waited on a shared phone.
    pub conta: String,
}

/// Why a profile was not saved.
pub enum SaveProfileError {
    Invalid(FieldErrors),
    /// Saved elsewhere (another phone, another tab) after this form was drawn: at this time,
    /// as this version.
    Changed {
        at: i64,
        version: i32,
    },
    Internal(WebError),
}

impl From<sea_orm::DbErr> for SaveProfileError {
    fn from(e: sea_orm::DbErr) -> Self {
        SaveProfileError::Internal(e.into())
    }
}

impl From<WebError> for SaveProfileError {
    fn from(e: WebError) -> Self {
        SaveProfileError::Internal(e)
    }
}

/// Consent purpose recorded when a person applies (LGPD art. 7 I: specific, revocable).
pub const SHARE_PROFILE_WITH_EMPLOYER: &str = "share_profile_with_employer";

pub async fn profile(
    db: &DatabaseConnection,
    me: &EgressoActor,
) -> Result<Option<professional_profile::Model>, WebError> {
    Ok(professional_profile::Entity::find_by_id(me.person_id)
        .one(db)
        .await?)
}

fn limited(errors: &mut FieldErrors, field: &str, value: &str, max: usize) -> String {
    let value = value.trim().to_string();
    if value.chars().count() > max {
        errors.add(field, format!("Escreva no máximo {max} caracteres."));
    }
    value
}

pub async fn save_profile(
    db: &DatabaseConnection,
    me: &EgressoActor,
    form: &ProfileForm,
) -> Result<(), SaveProfileError> {
    let mut errors = FieldErrors::default();
    if !SCHOOLING.iter().any(|(c, _)| *c == form.escolaridade) {
        errors.add("escolaridade", "Escolha sua escolaridade.");
    }
    let skills = limited(&mut errors, "habilidades", &form.habilidades, 1000);
    if skills.is_empty() {
        errors.add(
            "habilidades",
            "Conte pelo menos uma coisa que você sabe fazer.",
        );
    }
    let experience = limited(&mut errors, "experiencia", &form.experiencia, 2000);
    let courses = limited(&mut errors, "cursos", &form.cursos, 1000);
    let availability = limited(&mut errors, "disponibilidade", &form.disponibilidade, 200);
    if !CONTACT_PREFERENCES.iter().any(|(c, _)| *c == form.contato) {
        errors.add("contato", "Escolha como a empresa pode falar com você.");
    }
    let phone = match form.telefone.trim() {
        "" => None,
        t => match parse_phone(t) {
            Some(p) => Some(p),
            None => {
                errors.add(
                    "telefone",
                    "Digite o telefone com DDD. Exemplo: (61) 99876-5432",
                );
                None
            }
        },
    };
    let email = match form.email.trim() {
        "" => None,
        e => match Email::parse(e) {
            Ok(e) => Some(e.as_str().to_string()),
            Err(err) => {
                errors.add("email", err.to_string());
                None
            }
        },
    };
    if matches!(form.contato.as_str(), "whatsapp" | "telefone")
        && phone.is_none()
        && errors.get("telefone").is_none()
    {
        errors.add(
            "telefone",
            "Para receber ligação ou WhatsApp, digite seu telefone com DDD.",
        );
    }
    if form.contato == "email" && email.is_none() && errors.get("email").is_none() {
        errors.add("email", "Para receber e-mail, digite seu e-mail.");
    }
    let base: Option<i32> = match form.versao.trim() {
        "" => None,
        v => Some(v.parse().map_err(|_| WebError::BadRequest)?),
    };
    if !errors.is_empty() {
        return Err(SaveProfileError::Invalid(errors));
    }
    let txn = db.begin_write().await?;
    let current = professional_profile::Entity::find_by_id(me.person_id)
        .one(&txn)
        .await?;
    let changed = |p: &professional_profile::Model| SaveProfileError::Changed {
        at: p.updated_at,
        version: p.version,
    };
    let same_as = |p: &professional_profile::Model| {
        p.schooling == form.escolaridade
            && p.skills == skills
            && p.experience == experience
            && p.courses == courses
            && p.availability == availability
            && p.contact_preference == form.contato
            && p.phone == phone
            && p.email == email
    };
    if let (Some(base), Some(p)) = (base, &current)
        && base != p.version
    {
        // The same save sent again (a phone whose first try's reply was lost): done once.
        if same_as(p) {
            return Ok(());
        }
        return Err(changed(p));
    }
    let mut row = professional_profile::ActiveModel {
        person_id: Set(me.person_id),
        schooling: Set(form.escolaridade.clone()),
        skills: Set(skills),
        experience: Set(experience),
        courses: Set(courses),
        availability: Set(availability),
        contact_preference: Set(form.contato.clone()),
        phone: Set(phone),
        email: Set(email),
        updated_at: Set(now()),
        version: Set(1),
    };
    match current {
        Some(p) => {
            // Only over the version read above: a save that committed in between (another
            // phone, on PostgreSQL's read committed) makes this one a conflict, not a loss.
            row.version = Set(p.version + 1);
            row.person_id = sea_orm::ActiveValue::NotSet;
            let updated = professional_profile::Entity::update_many()
                .set(row)
                .filter(professional_profile::Column::PersonId.eq(me.person_id))
                .filter(professional_profile::Column::Version.eq(p.version))
                .exec(&txn)
                .await?;
            if updated.rows_affected == 0 {
                let now_there = professional_profile::Entity::find_by_id(me.person_id)
                    .one(&txn)
                    .await?
                    .unwrap_or(p);
                return Err(changed(&now_there));
            }
        }
        None => {
            row.insert(&txn).await?;
        }
    }
    audit::record(&txn, Entry::own_record(me, "profile_saved")).await?;
    txn.commit().await?;
    Ok(())
}

pub enum ApplyError {
    NeedsProfile,
    NeedsConsent,
    AlreadyApplied,
    Closed,
    Internal(WebError),
}

impl From<sea_orm::DbErr> for ApplyError {
    fn from(e: sea_orm::DbErr) -> Self {
        ApplyError::Internal(e.into())
    }
}

/// Applies to an open vacancy: records the candidatura and the consent to share the profile
/// with that company, in one transaction. Applying again after withdrawing re-opens it.
pub async fn apply(
    db: &DatabaseConnection,
    me: &EgressoActor,
    vacancy_id: i32,
    consent_given: bool,
) -> Result<(), ApplyError> {
    let now = now();
    let Some(vacancy) = vacancy::Entity::find_by_id(vacancy_id)
        .filter(vacancy::Column::Status.eq("open"))
        .filter(vacancy::Column::ClosesAt.gte(now))
        .one(db)
        .await?
    else {
        return Err(ApplyError::Closed);
    };
    if profile(db, me)
        .await
        .map_err(ApplyError::Internal)?
        .is_none()
    {
        return Err(ApplyError::NeedsProfile);
    }
    if !consent_given {
        return Err(ApplyError::NeedsConsent);
    }
    let txn = db.begin_write().await?;
    let existing = application::Entity::find()
        .filter(application::Column::VacancyId.eq(vacancy_id))
        .filter(application::Column::PersonId.eq(me.person_id))
        .one(&txn)
        .await?;
    match existing {
        Some(a) if a.status != "desistiu" => {
            txn.rollback().await?;
            return Err(ApplyError::AlreadyApplied);
        }
        Some(a) => {
            let mut a: application::ActiveModel = a.into();
            a.status = Set("enviada".into());
            a.updated_at = Set(now);
            a.update(&txn).await?;
        }
        None => {
            application::ActiveModel {
                vacancy_id: Set(vacancy_id),
                person_id: Set(me.person_id),
                status: Set("enviada".into()),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }
    record_consent(&txn, me, vacancy.organization_id, true).await?;
    audit::record(
        &txn,
        Entry {
            actor_user_id: Some(me.actor.user_id),
            action: "application_sent",
            subject_kind: "vacancy",
            subject_id: Some(vacancy_id),
            unit_id: Some(me.unit_id),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Appends one row to the consent ledger for sharing the profile with `organization_id`.
pub(crate) async fn record_consent<C: ConnectionTrait>(
    db: &C,
    me: &EgressoActor,
    organization_id: i32,
    granted: bool,
) -> Result<(), sea_orm::DbErr> {
    record_consent_for(
        db,
        me,
        SHARE_PROFILE_WITH_EMPLOYER,
        organization_id,
        granted,
    )
    .await
}

/// One row of the consent ledger: who, for what purpose, towards which organisation.
pub(crate) async fn record_consent_for<C: ConnectionTrait>(
    db: &C,
    me: &EgressoActor,
    purpose: &str,
    organization_id: i32,
    granted: bool,
) -> Result<(), sea_orm::DbErr> {
    consent::ActiveModel {
        person_id: Set(me.person_id),
        purpose: Set(purpose.into()),
        target_kind: Set("organization".into()),
        target_id: Set(Some(organization_id)),
        granted: Set(granted),
        recorded_at: Set(now()),
        recorded_by: Set(me.actor.user_id),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(|_| ())
}

/// Withdraws one of *my* candidaturas; someone else's is simply not found.
pub async fn withdraw(
    db: &DatabaseConnection,
    me: &EgressoActor,
    application_id: i32,
) -> Result<(), WebError> {
    let txn = db.begin_write().await?;
    let Some(app) = application::Entity::find_by_id(application_id)
        .filter(application::Column::PersonId.eq(me.person_id))
        .one(&txn)
        .await?
    else {
        return Err(WebError::NotFound);
    };
    application::Entity::update_many()
        .col_expr(application::Column::Status, Expr::value("desistiu"))
        .col_expr(application::Column::UpdatedAt, Expr::value(now()))
        .filter(application::Column::Id.eq(app.id))
        .filter(application::Column::PersonId.eq(me.person_id))
        .exec(&txn)
        .await?;
    if let Some(v) = vacancy::Entity::find_by_id(app.vacancy_id)
        .one(&txn)
        .await?
    {
        // Withdrawing also withdraws the consent: the company stops seeing the profile.
        record_consent(&txn, me, v.organization_id, false).await?;
    }
    audit::record(
        &txn,
        Entry {
            actor_user_id: Some(me.actor.user_id),
            action: "application_withdrawn",
            subject_kind: "application",
            subject_id: Some(app.id),
            unit_id: Some(me.unit_id),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub struct MyApplication {
    pub application: application::Model,
    pub vacancy: vacancy::Model,
    pub company: String,
}

async fn with_vacancies(
    db: &DatabaseConnection,
    vacancy_ids: Vec<i32>,
) -> Result<(HashMap<i32, vacancy::Model>, HashMap<i32, String>), WebError> {
    let vacancies: HashMap<i32, vacancy::Model> = vacancy::Entity::find()
        .filter(vacancy::Column::Id.is_in(vacancy_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|v| (v.id, v))
        .collect();
    let org_ids: Vec<i32> = vacancies.values().map(|v| v.organization_id).collect();
    let companies = organization::Entity::find()
        .filter(organization::Column::Id.is_in(org_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    Ok((vacancies, companies))
}

pub async fn my_applications(
    db: &DatabaseConnection,
    me: &EgressoActor,
) -> Result<Vec<MyApplication>, WebError> {
    let apps = application::Entity::find()
        .filter(application::Column::PersonId.eq(me.person_id))
        .order_by_desc(application::Column::UpdatedAt)
        .all(db)
        .await?;
    let (mut vacancies, companies) =
        with_vacancies(db, apps.iter().map(|a| a.vacancy_id).collect()).await?;
    Ok(apps
        .into_iter()
        .filter_map(|a| {
            let v = vacancies.remove(&a.vacancy_id)?;
            let company = companies
                .get(&v.organization_id)
                .cloned()
                .unwrap_or_default();
            Some(MyApplication {
                application: a,
                vacancy: v,
                company,
            })
        })
        .collect())
}

/// My candidatura for a vacancy, if any (to show "Você já se candidatou").
pub async fn application_for(
    db: &DatabaseConnection,
    me: &EgressoActor,
    vacancy_id: i32,
) -> Result<Option<application::Model>, WebError> {
    Ok(application::Entity::find()
        .filter(application::Column::VacancyId.eq(vacancy_id))
        .filter(application::Column::PersonId.eq(me.person_id))
        .one(db)
        .await?)
}

pub async fn is_saved(
    db: &DatabaseConnection,
    me: &EgressoActor,
    vacancy_id: i32,
) -> Result<bool, WebError> {
    Ok(
        saved_vacancy::Entity::find_by_id((me.person_id, vacancy_id))
            .one(db)
            .await?
            .is_some(),
    )
}

/// Saves or un-saves a vacancy (idempotent).
pub async fn set_saved(
    db: &DatabaseConnection,
    me: &EgressoActor,
    vacancy_id: i32,
    saved: bool,
) -> Result<(), WebError> {
    let exists = is_saved(db, me, vacancy_id).await?;
    match (saved, exists) {
        (true, false) => {
            if vacancy::Entity::find_by_id(vacancy_id)
                .one(db)
                .await?
                .is_none()
            {
                return Err(WebError::NotFound);
            }
            saved_vacancy::ActiveModel {
                person_id: Set(me.person_id),
                vacancy_id: Set(vacancy_id),
                created_at: Set(now()),
            }
            .insert(db)
            .await?;
        }
        (false, true) => {
            saved_vacancy::Entity::delete_by_id((me.person_id, vacancy_id))
                .exec(db)
                .await?;
        }
        _ => {}
    }
    Ok(())
}

pub async fn saved(
    db: &DatabaseConnection,
    me: &EgressoActor,
) -> Result<Vec<(vacancy::Model, String)>, WebError> {
    let rows = saved_vacancy::Entity::find()
        .filter(saved_vacancy::Column::PersonId.eq(me.person_id))
        .order_by_desc(saved_vacancy::Column::CreatedAt)
        .all(db)
        .await?;
    let (mut vacancies, companies) =
        with_vacancies(db, rows.iter().map(|r| r.vacancy_id).collect()).await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let v = vacancies.remove(&r.vacancy_id)?;
            let company = companies
                .get(&v.organization_id)
                .cloned()
                .unwrap_or_default();
            Some((v, company))
        })
        .collect())
}
