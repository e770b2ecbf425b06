//! Agendamentos: the unit schedules meetings with its people; the person sees them in "Minha
//! agenda". Times are Brasília time (America/Sao_Paulo). Staff reads are logged per person.

use crate::domain::{FieldErrors, dates};
use crate::server::BeginWrite;
use crate::server::actor::{EgressoActor, StaffActor};
use crate::server::entities::{appointment, person};
use crate::server::error::WebError;
use crate::server::now;
use crate::server::services::directory::network::CreateError;
use crate::server::services::input::validate::text_field;
use crate::server::services::notify::push;
use crate::server::services::privacy::audit::{self, Entry};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use std::collections::HashMap;

/// The scheduling form, as typed. `quando` is `AAAA-MM-DDTHH:MM` (Brasília time).
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct AppointmentForm {
    pub pessoa: String,
    /// Words to find the person by (name or CPF).
    pub busca_pessoa: String,
    /// `buscar_pessoa`: the "Buscar pessoa" button (search, keep everything, save nothing).
    pub acao: String,
    pub quando: String,
    pub local: String,
    pub com_quem: String,
    pub observacao: String,
}

/// How far back the lists reach (a meeting of yesterday is still useful to see).
const PAST_SECONDS: i64 = 2 * 86_400;
/// The unit's agenda, one page at a time, soonest first (a busy unit has thousands).
pub const AGENDA_PAGE: u64 = 50;

pub struct Line {
    pub id: i32,
    pub person: String,
    pub starts_at: i64,
    pub place: String,
    pub with_whom: String,
    pub note: Option<String>,
    pub cancelled: bool,
    /// Moved at least once (and not cancelled).
    pub moved: bool,
}

fn line(a: appointment::Model, person: String) -> Line {
    Line {
        id: a.id,
        person,
        starts_at: a.starts_at,
        cancelled: a.status == "cancelado",
        moved: a.status != "cancelado" && a.sequence > 0,
        place: a.place,
        with_whom: a.with_whom,
        note: a.note,
    }
}

/// Schedules a meeting with a person of *my* unit, in the future.
pub async fn create(
    db: &DatabaseConnection,
    me: &StaffActor,
    form: &AppointmentForm,
    reminder_offsets: &[i64],
) -> Result<i32, CreateError> {
    let guard = crate::server::services::input::language::guard(db).await?;
    let mut errors = FieldErrors::default();
    let person = match form.pessoa.trim().parse::<i32>() {
        Ok(id) => {
            person::Entity::find_by_id(id)
                .filter(person::Column::UnitId.eq(me.unit_id))
                .one(db)
                .await?
        }
        Err(_) => None,
    };
    if person.is_none() {
        errors.add("pessoa", "Escolha a pessoa.");
    }
    let now = now();
    let details = details(&guard, &mut errors, form, now);
    let (Some(person), Some((starts_at, place, with_whom, note)), true) =
        (person, details, errors.is_empty())
    else {
        return Err(CreateError::Invalid(errors));
    };
    let txn = db.begin_write().await?;
    let created = appointment::ActiveModel {
        person_id: Set(person.id),
        unit_id: Set(me.unit_id),
        starts_at: Set(starts_at),
        place: Set(place),
        with_whom: Set(with_whom),
        note: Set(Some(note).filter(|n| !n.is_empty())),
        status: Set("agendado".into()),
        sequence: Set(0),
        created_by: Set(me.actor.user_id),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    push::plan_reminders(&txn, &created, reminder_offsets, now).await?;
    audit::record(
        &txn,
        Entry {
            actor_user_id: Some(me.actor.user_id),
            action: "appointment_created",
            subject_kind: "person",
            subject_id: Some(person.id),
            unit_id: Some(me.unit_id),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(created.id)
}

/// When, where, with whom and the note, as typed: checked (a time still ahead, text without
/// stigmatising words); errors go beside their fields.
fn details(
    guard: &crate::domain::language::Guard,
    errors: &mut FieldErrors,
    form: &AppointmentForm,
    now: i64,
) -> Option<(i64, String, String, String)> {
    let starts_at = match dates::parse_local_datetime(&form.quando) {
        Some(t) if t > now => Some(t),
        Some(_) => {
            errors.add("quando", "Escolha uma data e hora que ainda não passaram.");
            None
        }
        None => {
            errors.add("quando", "Escolha a data e a hora.");
            None
        }
    };
    let place = text_field(
        guard,
        errors,
        "local",
        &form.local,
        3,
        200,
        "Digite onde vai ser.",
    );
    let with_whom = text_field(
        guard,
        errors,
        "com_quem",
        &form.com_quem,
        2,
        200,
        "Digite com quem a pessoa vai falar.",
    );
    let note = text_field(guard, errors, "observacao", &form.observacao, 0, 500, "");
    starts_at.map(|t| (t, place, with_whom, note))
}

/// Moves a meeting of *my* unit to another time or place. The person sees the new details
/// (marked "Remarcado"); `sequence` counts the change for calendars and reminders.
pub async fn reschedule(
    db: &DatabaseConnection,
    me: &StaffActor,
    id: i32,
    form: &AppointmentForm,
    reminder_offsets: &[i64],
) -> Result<(), CreateError> {
    let a = appointment::Entity::find_by_id(id)
        .filter(appointment::Column::UnitId.eq(me.unit_id))
        .one(db)
        .await?
        .ok_or(WebError::NotFound)?;
    let guard = crate::server::services::input::language::guard(db).await?;
    let mut errors = FieldErrors::default();
    if a.status == "cancelado" {
        errors.add("quando", "Este atendimento foi desmarcado. Marque um novo.");
    }
    let now = now();
    let details = details(&guard, &mut errors, form, now);
    let (Some((starts_at, place, with_whom, note)), true) = (details, errors.is_empty()) else {
        return Err(CreateError::Invalid(errors));
    };
    let txn = db.begin_write().await?;
    let person_id = a.person_id;
    let sequence = a.sequence + 1;
    let mut row: appointment::ActiveModel = a.into();
    row.starts_at = Set(starts_at);
    row.place = Set(place);
    row.with_whom = Set(with_whom);
    row.note = Set(Some(note).filter(|n| !n.is_empty()));
    row.sequence = Set(sequence);
    row.updated_at = Set(now);
    let moved = row.update(&txn).await?;
    push::replan_appointment(&txn, &moved, reminder_offsets, now).await?;
    audit::record(
        &txn,
        Entry {
            actor_user_id: Some(me.actor.user_id),
            action: "appointment_moved",
            subject_kind: "person",
            subject_id: Some(person_id),
            unit_id: Some(me.unit_id),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// One meeting of *my* unit as its form (to move it).
pub async fn form(
    db: &DatabaseConnection,
    me: &StaffActor,
    id: i32,
) -> Result<(String, AppointmentForm), WebError> {
    let a = appointment::Entity::find_by_id(id)
        .filter(appointment::Column::UnitId.eq(me.unit_id))
        .one(db)
        .await?
        .ok_or(WebError::NotFound)?;
    let p = person::Entity::find_by_id(a.person_id)
        .one(db)
        .await?
        .ok_or(WebError::NotFound)?;
    audit::record(
        db,
        Entry {
            actor_user_id: Some(me.actor.user_id),
            action: "appointment_viewed_by_staff",
            subject_kind: "person",
            subject_id: Some(p.id),
            unit_id: Some(me.unit_id),
        },
    )
    .await?;
    Ok((
        p.social_name.unwrap_or(p.full_name),
        AppointmentForm {
            pessoa: a.person_id.to_string(),
            quando: dates::local_datetime(a.starts_at),
            local: a.place,
            com_quem: a.with_whom,
            observacao: a.note.unwrap_or_default(),
            ..Default::default()
        },
    ))
}

/// The unit's meetings from two days ago on, soonest first: one page, and how many.
pub async fn unit_agenda(
    db: &DatabaseConnection,
    me: &StaffActor,
    page: u64,
) -> Result<(Vec<Line>, u64), WebError> {
    let query = appointment::Entity::find()
        .filter(appointment::Column::UnitId.eq(me.unit_id))
        .filter(appointment::Column::StartsAt.gte(now() - PAST_SECONDS));
    let total = query.clone().count(db).await?;
    let rows = query
        .order_by_asc(appointment::Column::StartsAt)
        .order_by_asc(appointment::Column::Id)
        .offset(page.saturating_sub(1).saturating_mul(AGENDA_PAGE))
        .limit(AGENDA_PAGE)
        .all(db)
        .await?;
    let names: HashMap<i32, String> = person::Entity::find()
        .filter(person::Column::Id.is_in(rows.iter().map(|r| r.person_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.social_name.unwrap_or(p.full_name)))
        .collect();
    let people = rows.iter().map(|r| (r.person_id, r.unit_id));
    audit::record_person_reads(db, me.actor.user_id, "appointment_viewed_by_staff", people).await?;
    let lines = rows
        .into_iter()
        .map(|a| {
            let name = names.get(&a.person_id).cloned().unwrap_or_default();
            line(a, name)
        })
        .collect();
    Ok((lines, total))
}

/// Cancels a meeting of *my* unit. The person sees it as "Desmarcado".
pub async fn cancel(db: &DatabaseConnection, me: &StaffActor, id: i32) -> Result<(), WebError> {
    let txn = db.begin_write().await?;
    let a = appointment::Entity::find_by_id(id)
        .filter(appointment::Column::UnitId.eq(me.unit_id))
        .one(&txn)
        .await?
        .ok_or(WebError::NotFound)?;
    if a.status == "cancelado" {
        return Ok(());
    }
    let now = now();
    let cancelled = appointment::Model {
        status: "cancelado".into(),
        sequence: a.sequence + 1,
        updated_at: now,
        ..a.clone()
    };
    appointment::Entity::update_many()
        .col_expr(appointment::Column::Status, Expr::value("cancelado"))
        .col_expr(
            appointment::Column::Sequence,
            Expr::value(cancelled.sequence),
        )
        .col_expr(appointment::Column::UpdatedAt, Expr::value(now))
        .filter(appointment::Column::Id.eq(a.id))
        .exec(&txn)
        .await?;
    push::replan_appointment(&txn, &cancelled, &[], now).await?;
    audit::record(
        &txn,
        Entry {
            actor_user_id: Some(me.actor.user_id),
            action: "appointment_cancelled",
            subject_kind: "person",
            subject_id: Some(a.person_id),
            unit_id: Some(a.unit_id),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// "Minha agenda": my meetings from two days ago on.
pub async fn my_agenda(db: &DatabaseConnection, me: &EgressoActor) -> Result<Vec<Line>, WebError> {
    Ok(appointment::Entity::find()
        .filter(appointment::Column::PersonId.eq(me.person_id))
        .filter(appointment::Column::StartsAt.gte(now() - PAST_SECONDS))
        .order_by_asc(appointment::Column::StartsAt)
        .all(db)
        .await?
        .into_iter()
        .map(|a| line(a, String::new()))
        .collect())
}
