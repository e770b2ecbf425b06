//! Stigma episodes of a person of *my* unit: recorded, then completed with the action taken and
//! the outcome. Every read and write is logged for the person.

use crate::domain::stigma::{KINDS, SETTINGS};
use crate::domain::{FieldErrors, dates};
use crate::server::BeginWrite;
use crate::server::actor::{EgressoActor, StaffActor};
use crate::server::entities::{person, stigma_episode};
use crate::server::error::WebError;
use crate::server::now;
use crate::server::services::case::people::{log_read, unit_person};
use crate::server::services::directory::network::CreateError;
use crate::server::services::input::validate::text_field;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct EpisodeForm {
    pub tipo: String,
    pub onde: String,
    /// `AAAA-MM-DD`
    pub data: String,
    pub o_que: String,
    pub acao: String,
    pub desfecho: String,
}

/// The person's episodes, newest first (a logged read).
pub async fn list(
    db: &DatabaseConnection,
    me: &StaffActor,
    person_id: i32,
) -> Result<(person::Model, Vec<stigma_episode::Model>), WebError> {
    let p = unit_person(db, me, person_id).await?;
    let rows = stigma_episode::Entity::find()
        .filter(stigma_episode::Column::PersonId.eq(p.id))
        .filter(stigma_episode::Column::UnitId.eq(me.unit_id))
        .order_by_desc(stigma_episode::Column::HappenedOn)
        .order_by_desc(stigma_episode::Column::Id)
        .all(db)
        .await?;
    log_read(db, me, p.id, "stigma_viewed", "estigma").await?;
    Ok((p, rows))
}

/// One episode as its edit form (a logged read).
pub async fn form(
    db: &DatabaseConnection,
    me: &StaffActor,
    person_id: i32,
    id: i32,
) -> Result<(person::Model, EpisodeForm), WebError> {
    let p = unit_person(db, me, person_id).await?;
    let e = stigma_episode::Entity::find_by_id(id)
        .filter(stigma_episode::Column::PersonId.eq(p.id))
        .filter(stigma_episode::Column::UnitId.eq(me.unit_id))
        .one(db)
        .await?
        .ok_or(WebError::NotFound)?;
    log_read(db, me, p.id, "stigma_viewed", "estigma").await?;
    Ok((
        p,
        EpisodeForm {
            tipo: e.kind,
            onde: e.setting,
            data: e.happened_on,
            o_que: e.what_happened,
            acao: e.action_taken.unwrap_or_default(),
            desfecho: e.outcome.unwrap_or_default(),
        },
    ))
}

/// Records (`id` = None) or completes an episode: checked first, one transaction.
pub async fn save(
    db: &DatabaseConnection,
    me: &StaffActor,
    person_id: i32,
    id: Option<i32>,
    form: &EpisodeForm,
) -> Result<(), CreateError> {
    let p = unit_person(db, me, person_id).await?;
    let existing = match id {
        Some(id) => Some(
            stigma_episode::Entity::find_by_id(id)
                .filter(stigma_episode::Column::PersonId.eq(p.id))
                .filter(stigma_episode::Column::UnitId.eq(me.unit_id))
                .one(db)
                .await?
                .ok_or(WebError::NotFound)?,
        ),
        None => None,
    };
    let guard = crate::server::services::input::language::guard(db).await?;
    let mut errors = FieldErrors::default();
    if !KINDS.iter().any(|(c, _)| *c == form.tipo.trim()) {
        errors.add("tipo", "Escolha o tipo de estigma.");
    }
    if !SETTINGS.iter().any(|(c, _)| *c == form.onde.trim()) {
        errors.add("onde", "Escolha onde aconteceu.");
    }
    let now = now();
    let day = match dates::end_of_day_from_iso(&form.data) {
        Some(t) if t <= dates::end_of_day_from_iso(&dates::iso_date(now)).unwrap_or(t) => {
            dates::iso_date(t)
        }
        Some(_) => {
            errors.add("data", "A data não pode ser no futuro.");
            String::new()
        }
        None => {
            errors.add("data", "Escolha quando aconteceu (pode ser aproximado).");
            String::new()
        }
    };
    let what = text_field(
        &guard,
        &mut errors,
        "o_que",
        &form.o_que,
        10,
        4000,
        "Conte o que aconteceu, com as palavras da pessoa.",
    );
    let action = text_field(&guard, &mut errors, "acao", &form.acao, 0, 2000, "");
    let outcome = text_field(&guard, &mut errors, "desfecho", &form.desfecho, 0, 2000, "");
    if !errors.is_empty() {
        return Err(CreateError::Invalid(errors));
    }
    let txn = db.begin_write().await?;
    let mut row = match existing {
        Some(e) => e.into(),
        None => stigma_episode::ActiveModel {
            person_id: Set(p.id),
            unit_id: Set(me.unit_id),
            created_by: Set(me.actor.user_id),
            created_at: Set(now),
            ..Default::default()
        },
    };
    row.kind = Set(form.tipo.trim().to_string());
    row.setting = Set(form.onde.trim().to_string());
    row.happened_on = Set(day);
    row.what_happened = Set(what);
    row.action_taken = Set(Some(action).filter(|s| !s.is_empty()));
    row.outcome = Set(Some(outcome).filter(|s| !s.is_empty()));
    row.updated_by = Set(me.actor.user_id);
    row.updated_at = Set(now);
    row.save(&txn).await?;
    log_read(&txn, me, p.id, "stigma_recorded", "estigma").await?;
    txn.commit().await?;
    Ok(())
}

/// The person's own episodes, for "Baixar meus dados".
pub async fn export(
    db: &DatabaseConnection,
    me: &EgressoActor,
) -> Result<Vec<serde_json::Value>, WebError> {
    Ok(stigma_episode::Entity::find()
        .filter(stigma_episode::Column::PersonId.eq(me.person_id))
        .filter(stigma_episode::Column::UnitId.eq(me.unit_id))
        .order_by_asc(stigma_episode::Column::HappenedOn)
        .all(db)
        .await?
        .into_iter()
        .map(|e| {
            serde_json::json!({
                "dia": e.happened_on, "tipo": e.kind, "onde": e.setting,
                "o_que_aconteceu": e.what_happened, "acao": e.action_taken,
                "desfecho": e.outcome,
            })
        })
        .collect())
}
