//! Acompanhamento: the unit records each contact with a person. Confidential notes are for the
//! unit's staff only: no query here hands them to anyone else, and the person's download
//! carries only the others. Every read and write is logged for the person.

use crate::domain::follow_up::{CONTACT_KINDS, valid_contact_day};
use crate::domain::{FieldErrors, dates};
use crate::server::BeginWrite;
use crate::server::actor::{EgressoActor, StaffActor};
use crate::server::entities::{follow_up, person};
use crate::server::error::WebError;
use crate::server::now;
use crate::server::services::case::people::{account_names, log_read, unit_person};
use crate::server::services::directory::network::CreateError;
use crate::server::services::input::validate::text_field;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct FollowUpForm {
    pub tipo: String,
    /// `AAAA-MM-DD`
    pub data: String,
    pub resumo: String,
    pub confidencial: String,
}

pub struct FollowUpLine {
    pub kind: String,
    pub day: String,
    pub summary: String,
    pub confidential: bool,
    pub author: String,
}

/// The contacts with a person of *my* unit, newest first (a logged read).
pub async fn list(
    db: &DatabaseConnection,
    me: &StaffActor,
    person_id: i32,
) -> Result<(person::Model, Vec<FollowUpLine>), WebError> {
    let p = unit_person(db, me, person_id).await?;
    let rows = follow_up::Entity::find()
        .filter(follow_up::Column::PersonId.eq(p.id))
        .filter(follow_up::Column::UnitId.eq(me.unit_id))
        .order_by_desc(follow_up::Column::HappenedOn)
        .order_by_desc(follow_up::Column::Id)
        .all(db)
        .await?;
    let authors = account_names(db, rows.iter().map(|r| r.created_by).collect()).await?;
    log_read(db, me, p.id, "follow_up_viewed", "acompanhamento").await?;
    let lines = rows
        .into_iter()
        .map(|r| FollowUpLine {
            author: authors.of(r.created_by),
            kind: r.contact_kind,
            day: r.happened_on,
            summary: r.summary,
            confidential: r.confidential,
        })
        .collect();
    Ok((p, lines))
}

/// Records a contact: checked first (kind, a day in the last year, text without
/// stigmatising words), then one transaction with its log entry.
pub async fn create(
    db: &DatabaseConnection,
    me: &StaffActor,
    person_id: i32,
    form: &FollowUpForm,
) -> Result<(), CreateError> {
    let p = unit_person(db, me, person_id).await?;
    let guard = crate::server::services::input::language::guard(db).await?;
    let mut errors = FieldErrors::default();
    let kind = form.tipo.trim();
    if !CONTACT_KINDS.iter().any(|(c, _)| *c == kind) {
        errors.add("tipo", "Escolha como foi o contato.");
    }
    let now = now();
    let today = dates::iso_date(now);
    let year_ago = dates::iso_date(now - 365 * 86_400);
    let day = match dates::end_of_day_from_iso(&form.data) {
        Some(t) if valid_contact_day(&dates::iso_date(t), &today, &year_ago) => dates::iso_date(t),
        Some(_) => {
            errors.add(
                "data",
                "Escolha o dia do contato: hoje ou antes, no último ano.",
            );
            String::new()
        }
        None => {
            errors.add("data", "Escolha o dia do contato.");
            String::new()
        }
    };
    let summary = text_field(
        &guard,
        &mut errors,
        "resumo",
        &form.resumo,
        3,
        4000,
        "Escreva o que foi conversado.",
    );
    if !errors.is_empty() {
        return Err(CreateError::Invalid(errors));
    }
    let txn = db.begin_write().await?;
    follow_up::ActiveModel {
        person_id: Set(p.id),
        unit_id: Set(me.unit_id),
        contact_kind: Set(kind.to_string()),
        happened_on: Set(day),
        summary: Set(summary),
        confidential: Set(!form.confidencial.is_empty()),
        created_by: Set(me.actor.user_id),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    log_read(&txn, me, p.id, "follow_up_recorded", "acompanhamento").await?;
    txn.commit().await?;
    Ok(())
}

/// The person's own contacts for "Baixar meus dados": confidential technical notes are left
/// out (they are the staff's professional record, Res. CNJ 307/2019 art. 4, sigilo).
pub async fn export(
    db: &DatabaseConnection,
    me: &EgressoActor,
) -> Result<Vec<serde_json::Value>, WebError> {
    Ok(follow_up::Entity::find()
        .filter(follow_up::Column::PersonId.eq(me.person_id))
        .filter(follow_up::Column::UnitId.eq(me.unit_id))
        .filter(follow_up::Column::Confidential.eq(false))
        .order_by_asc(follow_up::Column::HappenedOn)
        .all(db)
        .await?
        .into_iter()
        .map(|r| serde_json::json!({ "dia": r.happened_on, "como": r.contact_kind, "resumo": r.summary }))
        .collect())
}
