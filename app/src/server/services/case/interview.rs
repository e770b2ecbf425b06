//! Acolhimento e entrevista: the unit records, per service area, the person's situation,
//! demands and emergencies, and the documents checklist. Scoped to the `StaffActor`'s unit;
//! every read and write is logged with the part touched.

use crate::domain::FieldErrors;
use crate::domain::interview::{AREA_TEXT_MAX, DOCUMENT_STATUSES, DOCUMENTS};
use crate::domain::services::{AREAS, area_code};
use crate::server::BeginWrite;
use crate::server::actor::StaffActor;
use crate::server::entities::{interview_area, person, person_document};
use crate::server::error::WebError;
use crate::server::now;
use crate::server::services::case::people::{log_read, unit_person};
use crate::server::services::directory::network::CreateError;
use crate::server::services::input::validate::text_field;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};
use std::collections::HashMap;

/// One area's form, as typed.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct AreaForm {
    pub situacao: String,
    pub demandas: String,
    pub emergencia: String,
}

/// The interview as the unit sees it: the person and every area recorded.
pub struct Interview {
    pub person: person::Model,
    pub areas: Vec<interview_area::Model>,
    pub documents: HashMap<String, String>,
}

async fn areas_of(
    db: &impl ConnectionTrait,
    person_id: i32,
) -> Result<Vec<interview_area::Model>, WebError> {
    let mut rows = interview_area::Entity::find()
        .filter(interview_area::Column::PersonId.eq(person_id))
        .all(db)
        .await?;
    rows.sort_by_key(|r| AREAS.iter().position(|(c, _)| *c == r.area));
    Ok(rows)
}

/// The documents recorded for a person: kind → status.
pub async fn documents_of(
    db: &impl ConnectionTrait,
    person_id: i32,
) -> Result<HashMap<String, String>, WebError> {
    Ok(person_document::Entity::find()
        .filter(person_document::Column::PersonId.eq(person_id))
        .all(db)
        .await?
        .into_iter()
        .map(|d| (d.kind, d.status))
        .collect())
}

/// The whole interview of a person of *my* unit (a logged read).
pub async fn interview(
    db: &DatabaseConnection,
    me: &StaffActor,
    person_id: i32,
) -> Result<Interview, WebError> {
    let person = unit_person(db, me, person_id).await?;
    let areas = areas_of(db, person.id).await?;
    let documents = documents_of(db, person.id).await?;
    log_read(db, me, person.id, "interview_viewed", "entrevista").await?;
    Ok(Interview {
        person,
        areas,
        documents,
    })
}

/// One area's record for its form (a logged read); an area not yet recorded comes empty.
pub async fn area_form(
    db: &DatabaseConnection,
    me: &StaffActor,
    person_id: i32,
    area: &str,
) -> Result<(person::Model, &'static str, AreaForm), WebError> {
    let code = area_code(area).ok_or(WebError::NotFound)?;
    let person = unit_person(db, me, person_id).await?;
    let row = interview_area::Entity::find()
        .filter(interview_area::Column::PersonId.eq(person.id))
        .filter(interview_area::Column::Area.eq(code))
        .one(db)
        .await?;
    log_read(db, me, person.id, "interview_viewed", "entrevista").await?;
    let form = row
        .map(|r| AreaForm {
            situacao: r.situation.unwrap_or_default(),
            demandas: r.demands.unwrap_or_default(),
            emergencia: if r.emergency {
                "1".into()
            } else {
                String::new()
            },
        })
        .unwrap_or_default();
    Ok((person, code, form))
}

/// Saves one area of the interview: checked first (length, stigmatising words), then one
/// transaction with its log entry.
pub async fn save_area(
    db: &DatabaseConnection,
    me: &StaffActor,
    person_id: i32,
    area: &str,
    form: &AreaForm,
) -> Result<(), CreateError> {
    let code = area_code(area).ok_or(WebError::NotFound)?;
    let person = unit_person(db, me, person_id).await?;
    let guard = crate::server::services::input::language::guard(db).await?;
    let mut errors = FieldErrors::default();
    let situation = text_field(
        &guard,
        &mut errors,
        "situacao",
        &form.situacao,
        0,
        AREA_TEXT_MAX,
        "",
    );
    let demands = text_field(
        &guard,
        &mut errors,
        "demandas",
        &form.demandas,
        0,
        AREA_TEXT_MAX,
        "",
    );
    let emergency = !form.emergencia.is_empty();
    if situation.is_empty() && demands.is_empty() && !emergency {
        errors.add(
            "situacao",
            "Escreva a situação, a demanda ou marque a emergência.",
        );
    }
    if !errors.is_empty() {
        return Err(CreateError::Invalid(errors));
    }
    let txn = db.begin_write().await?;
    let existing = interview_area::Entity::find()
        .filter(interview_area::Column::PersonId.eq(person.id))
        .filter(interview_area::Column::Area.eq(code))
        .one(&txn)
        .await?;
    let mut row = match existing {
        Some(r) => r.into(),
        None => interview_area::ActiveModel {
            person_id: Set(person.id),
            unit_id: Set(me.unit_id),
            area: Set(code.to_string()),
            ..Default::default()
        },
    };
    row.situation = Set(Some(situation).filter(|s| !s.is_empty()));
    row.demands = Set(Some(demands).filter(|s| !s.is_empty()));
    row.emergency = Set(emergency);
    row.updated_by = Set(me.actor.user_id);
    row.updated_at = Set(now());
    row.save(&txn).await?;
    log_read(&txn, me, person.id, "interview_saved", "entrevista").await?;
    txn.commit().await?;
    Ok(())
}

/// Saves the documents checklist (document code → status; empty = not asked). One
/// transaction; an unknown status is refused beside its field and nothing changes.
pub async fn save_documents(
    db: &DatabaseConnection,
    me: &StaffActor,
    person_id: i32,
    form: &HashMap<String, String>,
) -> Result<(), CreateError> {
    let person = unit_person(db, me, person_id).await?;
    let mut errors = FieldErrors::default();
    let mut chosen = Vec::new();
    for (code, _) in DOCUMENTS {
        let status = form.get(code).map(|s| s.trim()).unwrap_or_default();
        if status.is_empty() {
            chosen.push((code, None));
        } else if DOCUMENT_STATUSES.iter().any(|(s, _)| *s == status) {
            chosen.push((code, Some(status.to_string())));
        } else {
            errors.add(code, "Escolha uma das opções.");
        }
    }
    if !errors.is_empty() {
        return Err(CreateError::Invalid(errors));
    }
    let txn = db.begin_write().await?;
    let existing: HashMap<String, person_document::Model> = person_document::Entity::find()
        .filter(person_document::Column::PersonId.eq(person.id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|d| (d.kind.clone(), d))
        .collect();
    let now = now();
    for (code, status) in chosen {
        match (existing.get(code), status) {
            (Some(row), None) => {
                person_document::Entity::delete_by_id(row.id)
                    .exec(&txn)
                    .await?;
            }
            (Some(row), Some(status)) if row.status != status => {
                let mut row: person_document::ActiveModel = row.clone().into();
                row.status = Set(status);
                row.updated_by = Set(me.actor.user_id);
                row.updated_at = Set(now);
                row.update(&txn).await?;
            }
            (None, Some(status)) => {
                person_document::ActiveModel {
                    person_id: Set(person.id),
                    unit_id: Set(me.unit_id),
                    kind: Set(code.to_string()),
                    status: Set(status),
                    updated_by: Set(me.actor.user_id),
                    updated_at: Set(now),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
            }
            _ => {}
        }
    }
    log_read(&txn, me, person.id, "documents_saved", "documentos").await?;
    txn.commit().await?;
    Ok(())
}

/// The person's own interview and documents, for "Baixar meus dados" (LGPD art. 18).
pub async fn export(
    db: &DatabaseConnection,
    me: &crate::server::actor::EgressoActor,
) -> Result<serde_json::Value, WebError> {
    let areas = areas_of(db, me.person_id).await?;
    let documents = documents_of(db, me.person_id).await?;
    Ok(serde_json::json!({
        "areas": areas.iter().map(|a| serde_json::json!({
            "area": a.area, "situacao": a.situation, "demandas": a.demands,
            "emergencia": a.emergency,
        })).collect::<Vec<_>>(),
        "documentos": documents,
    }))
}
