//! Calendars: an appointment as an `.ics` file, and a person's private calendar address
//! (`/agenda/{secret}.ics`) that calendar apps poll. The secret is 256 random bits; the database
//! keeps its SHA-256 (to find it) and a sealed copy (to show it to its owner again). Revoking
//! deletes it: the old address answers 404 from then on.

use crate::domain::ics::{self, Event};
use crate::server::BeginWrite;
use crate::server::actor::EgressoActor;
use crate::server::entities::{appointment, calendar_feed};
use crate::server::error::WebError;
use crate::server::now;
use crate::server::seal::{self, DataKey};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

const SEALED: &str = "calendar_feed.token";

/// How far back the calendar address reaches: a month, so calendars still see recent changes.
const FEED_PAST_SECONDS: i64 = 30 * 86_400;

/// Where the calendar points people and how its UIDs are made unique.
pub struct CalendarSite<'a> {
    /// `https://esv.example` (the public origin).
    pub origin: &'a str,
    /// Hours before each event that the device's own alarm rings.
    pub alarm_hours: i64,
}

impl CalendarSite<'_> {
    fn host(&self) -> &str {
        self.origin
            .split_once("://")
            .map(|(_, h)| h)
            .unwrap_or(self.origin)
    }

    fn render(&self, rows: &[appointment::Model]) -> String {
        let events: Vec<Event<'_>> = rows
            .iter()
            .map(|a| Event {
                id: a.id,
                starts_at: a.starts_at,
                updated_at: a.updated_at,
                sequence: a.sequence,
                cancelled: a.status == "cancelado",
                place: &a.place,
            })
            .collect();
        let app_url = format!("{}/inicio/agenda", self.origin);
        ics::calendar(&events, self.host(), &app_url, self.alarm_hours)
    }
}

/// One of *my* appointments as a calendar file.
pub async fn appointment_file(
    db: &DatabaseConnection,
    me: &EgressoActor,
    id: i32,
    site: &CalendarSite<'_>,
) -> Result<String, WebError> {
    let a = appointment::Entity::find_by_id(id)
        .filter(appointment::Column::PersonId.eq(me.person_id))
        .one(db)
        .await?
        .ok_or(WebError::NotFound)?;
    Ok(site.render(&[a]))
}

/// The calendar behind a secret address, or `None` if there is no such (live) address.
pub async fn feed(
    db: &DatabaseConnection,
    secret: &str,
    site: &CalendarSite<'_>,
) -> Result<Option<String>, WebError> {
    // Only well-formed secrets are looked up (43 base64url characters).
    if secret.len() != 43
        || !secret
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Ok(None);
    }
    let Some(row) = calendar_feed::Entity::find()
        .filter(calendar_feed::Column::TokenHash.eq(seal::sha256_hex(secret)))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let rows = appointment::Entity::find()
        .filter(appointment::Column::PersonId.eq(row.person_id))
        .filter(appointment::Column::StartsAt.gte(now() - FEED_PAST_SECONDS))
        .order_by_asc(appointment::Column::StartsAt)
        .all(db)
        .await?;
    Ok(Some(site.render(&rows)))
}

/// My calendar address's secret, if I made one.
pub async fn my_secret(
    db: &DatabaseConnection,
    key: &DataKey,
    me: &EgressoActor,
) -> Result<Option<String>, WebError> {
    let Some(row) = calendar_feed::Entity::find()
        .filter(calendar_feed::Column::PersonId.eq(me.person_id))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    key.open_text(SEALED, &row.token_sealed)
        .map(Some)
        .map_err(|e| WebError::Internal(format!("calendar secret: {e}")))
}

/// Makes a new calendar address for me; an old one stops working.
pub async fn renew(
    db: &DatabaseConnection,
    key: &DataKey,
    me: &EgressoActor,
) -> Result<(), WebError> {
    let secret = seal::random_secret(32).map_err(|e| WebError::Internal(e.to_string()))?;
    let sealed = key
        .seal(SEALED, secret.as_bytes())
        .map_err(|e| WebError::Internal(e.to_string()))?;
    let txn = db.begin_write().await?;
    calendar_feed::Entity::delete_many()
        .filter(calendar_feed::Column::PersonId.eq(me.person_id))
        .exec(&txn)
        .await?;
    calendar_feed::ActiveModel {
        person_id: Set(me.person_id),
        token_hash: Set(seal::sha256_hex(&secret)),
        token_sealed: Set(sealed),
        created_at: Set(now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Turns my calendar address off.
pub async fn revoke(db: &DatabaseConnection, me: &EgressoActor) -> Result<(), WebError> {
    calendar_feed::Entity::delete_many()
        .filter(calendar_feed::Column::PersonId.eq(me.person_id))
        .exec(db)
        .await?;
    Ok(())
}
