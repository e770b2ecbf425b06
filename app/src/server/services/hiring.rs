//! The company's side: its own vacancies and the candidates who applied to them.
//!
//! Companies never receive criminal or sensitive data (TST Tema 1; LEP art. 202; LGPD). The
//! only thing about a candidate that leaves this module is `CandidateProfile`, which simply
//! has no field for the person's CPF, unit, status, case, race, health or notes — the compiler
//! keeps them out. It is filled only for candidaturas the person has not withdrawn (withdrawing
//! revokes the consent to share).

use super::audit::{self, Entry};
use crate::server::actor::CompanyActor;
use crate::server::entities::{application, person, professional_profile, vacancy};
use crate::server::error::WebError;
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
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
}

pub struct CompanyVacancy {
    pub vacancy: vacancy::Model,
    pub candidates: u64,
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
    let mut out = Vec::with_capacity(vacancies.len());
    for v in vacancies {
        let candidates = application::Entity::find()
            .filter(application::Column::VacancyId.eq(v.id))
            .filter(application::Column::Status.ne("desistiu"))
            .count(db)
            .await?;
        out.push(CompanyVacancy {
            vacancy: v,
            candidates,
        });
    }
    Ok(out)
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
                status: a.status,
            })
        })
        .collect())
}
