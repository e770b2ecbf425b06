//! The access and change log. Written inside the same transaction as the change it records.

use crate::server::BeginWrite;
use crate::server::entities::audit_log;
use crate::server::now;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};

pub struct Entry<'a> {
    pub actor_user_id: Option<i32>,
    pub action: &'a str,
    pub subject_kind: &'a str,
    pub subject_id: Option<i32>,
    pub unit_id: Option<i32>,
}

impl<'a> Entry<'a> {
    /// A person attended acting on their own record.
    pub fn own_record(me: &crate::server::actor::EgressoActor, action: &'a str) -> Entry<'a> {
        Entry {
            actor_user_id: Some(me.actor.user_id),
            action,
            subject_kind: "person",
            subject_id: Some(me.person_id),
            unit_id: Some(me.unit_id),
        }
    }
}

/// Like `record`, naming which part of the record was read or changed ("cadastro", "lista"…).
pub async fn record_part<C: ConnectionTrait>(
    db: &C,
    entry: Entry<'_>,
    part: &str,
) -> Result<(), DbErr> {
    write(db, entry, Some(part.to_string())).await
}

/// One read per person (person id, unit id) in a list the actor saw, in one transaction, so
/// each person finds it in "Quem viu meus dados". A person listed twice is logged once.
pub async fn record_person_reads(
    db: &sea_orm::DatabaseConnection,
    actor_user_id: i32,
    action: &str,
    people: impl Iterator<Item = (i32, i32)>,
) -> Result<(), DbErr> {
    let txn = db.begin_write().await?;
    let mut seen = Vec::new();
    for (person_id, unit_id) in people {
        if seen.contains(&person_id) {
            continue;
        }
        seen.push(person_id);
        let entry = Entry {
            actor_user_id: Some(actor_user_id),
            action,
            subject_kind: "person",
            subject_id: Some(person_id),
            unit_id: Some(unit_id),
        };
        write(&txn, entry, None).await?;
    }
    txn.commit().await
}

pub async fn record<C: ConnectionTrait>(db: &C, entry: Entry<'_>) -> Result<(), DbErr> {
    write(db, entry, None).await
}

async fn write<C: ConnectionTrait>(
    db: &C,
    entry: Entry<'_>,
    detail: Option<String>,
) -> Result<(), DbErr> {
    audit_log::ActiveModel {
        at: Set(now()),
        actor_user_id: Set(entry.actor_user_id),
        action: Set(entry.action.to_string()),
        subject_kind: Set(entry.subject_kind.to_string()),
        subject_id: Set(entry.subject_id),
        unit_id: Set(entry.unit_id),
        detail: Set(detail),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(|_| ())
}
