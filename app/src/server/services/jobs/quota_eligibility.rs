//! "Elegível para cota": a company sees this line on a candidate's card only when the person
//! asked for it (a consent in her ledger, revocable) *and* her Escritório Social confirmed it.
//! Never why: no offence, regime or the word for her situation reaches the company.

use crate::server::BeginWrite;
use crate::server::actor::{EgressoActor, StaffActor};
use crate::server::entities::{consent, person_detail};
use crate::server::error::WebError;
use crate::server::now;
use crate::server::services::case::people::{
    detail_to_change, log_read, store_detail, unit_person,
};
use crate::server::services::privacy::audit::{self, Entry};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use std::collections::{HashMap, HashSet};

/// Consent ledger purpose: tell companies I may fill a legal-quota post.
pub const TELL_QUOTA_ELIGIBILITY: &str = "informar_elegibilidade_cota";

/// The latest consent of each of these people, for this purpose.
async fn consents(
    db: &impl ConnectionTrait,
    people: &[i32],
) -> Result<HashMap<i32, bool>, WebError> {
    let mut latest = HashMap::new();
    for row in consent::Entity::find()
        .filter(consent::Column::PersonId.is_in(people.iter().copied()))
        .filter(consent::Column::Purpose.eq(TELL_QUOTA_ELIGIBILITY))
        .order_by_asc(consent::Column::Id)
        .all(db)
        .await?
    {
        latest.insert(row.person_id, row.granted);
    }
    Ok(latest)
}

/// (the person asked, the ES confirmed at)
pub async fn state(
    db: &impl ConnectionTrait,
    person_id: i32,
) -> Result<(bool, Option<i64>), WebError> {
    let asked = consents(db, &[person_id])
        .await?
        .get(&person_id)
        .copied()
        .unwrap_or(false);
    let confirmed = person_detail::Entity::find_by_id(person_id)
        .one(db)
        .await?
        .and_then(|d| d.quota_confirmed_at);
    Ok((asked, confirmed))
}

/// Of these candidates, those a company may see as "Elegível para cota".
pub async fn eligible(db: &DatabaseConnection, people: &[i32]) -> Result<HashSet<i32>, WebError> {
    let asked = consents(db, people).await?;
    Ok(person_detail::Entity::find()
        .filter(person_detail::Column::PersonId.is_in(people.iter().copied()))
        .filter(person_detail::Column::QuotaConfirmedAt.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .map(|d| d.person_id)
        .filter(|id| asked.get(id).copied().unwrap_or(false))
        .collect())
}

/// The person asks for (or stops) the line on her candidate cards.
pub async fn set_consent(
    db: &DatabaseConnection,
    me: &EgressoActor,
    granted: bool,
) -> Result<(), WebError> {
    let txn = db.begin_write().await?;
    consent::ActiveModel {
        person_id: Set(me.person_id),
        purpose: Set(TELL_QUOTA_ELIGIBILITY.into()),
        target_kind: Set("empresas".into()),
        target_id: Set(None),
        granted: Set(granted),
        recorded_at: Set(now()),
        recorded_by: Set(me.actor.user_id),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Entry::own_record(
            me,
            if granted {
                "consent_given"
            } else {
                "consent_revoked"
            },
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The unit confirms (or withdraws) that a person of *my* unit may fill a quota post.
pub async fn confirm(
    db: &DatabaseConnection,
    me: &StaffActor,
    person_id: i32,
    confirmed: bool,
) -> Result<(), WebError> {
    let p = unit_person(db, me, person_id).await?;
    let now = now();
    let txn = db.begin_write().await?;
    let (by, at) = if confirmed {
        (Some(me.actor.user_id), Some(now))
    } else {
        (None, None)
    };
    let (mut row, exists) = detail_to_change(&txn, me, p.id).await?;
    row.quota_confirmed_by = Set(by);
    row.quota_confirmed_at = Set(at);
    store_detail(&txn, row, exists).await?;
    log_read(
        &txn,
        me,
        p.id,
        if confirmed {
            "quota_eligibility_confirmed"
        } else {
            "quota_eligibility_withdrawn"
        },
        "cadastro",
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
