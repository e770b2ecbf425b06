//! Web Push: devices, planned notices and the outbox (see docs/ARCHITECTURE.md, "Reminders").
//!
//! 1. A write that should tell someone something (an appointment marked, moved or cancelled; a
//!    referral or candidacy that changed) plans a `push_event` **in the same transaction**, due
//!    now or at a reminder's moment. Nothing is lost if the process dies after the commit.
//! 2. Any worker turns due events into one `push_delivery` per device of the recipient,
//!    claiming events atomically (`FOR UPDATE SKIP LOCKED` on PostgreSQL; SQLite has one
//!    writer) and inserting with `UNIQUE (event_id, subscription_id)`: each (event, device)
//!    exists once however many workers run.
//! 3. Workers claim due deliveries with a lease, send them, and record each attempt. A worker
//!    that dies mid-send leaves its lease to expire; another worker sends those rows again — the
//!    only window where a device may get a message twice, and the push `Topic` header lets the
//!    push service collapse such a repeat while it is still queued.

use crate::domain::devices;
use crate::domain::notifications::{self, Notice};
use crate::domain::reminders;
use crate::server::BeginWrite;
use crate::server::entities::{
    appointment, push_attempt, push_delivery, push_event, push_subscription, user_account,
};
use crate::server::error::WebError;
use crate::server::seal::DataKey;
use crate::server::state::PushSettings;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sea_orm::sea_query::{Expr, ExprTrait, LockBehavior, LockType, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, Set,
};
use std::collections::HashMap;

const P256DH: &str = "push_subscription.p256dh";
const AUTH: &str = "push_subscription.auth";

/// Event kinds that are not reminders.
pub const MOVED: &str = "mudanca";
pub const CANCELLED: &str = "cancelamento";
pub const REFERRAL_PERSON: &str = "encaminhamento";
pub const REFERRAL_STAFF: &str = "encaminhamento_equipe";
pub const CANDIDACY_PERSON: &str = "candidatura";
pub const CANDIDACY_STAFF: &str = "candidatura_equipe";

/// How long a status notice is worth delivering (a device offline for longer gets nothing).
const NOTICE_LIFETIME: i64 = 3 * 86_400;

// ---------------------------------------------------------------------------------------------
// Devices

/// A subscription as the browser's `PushSubscription.toJSON()` gives it.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct SubscriptionJson {
    pub endpoint: String,
    pub keys: SubscriptionKeys,
}

#[derive(Debug, Clone, serde::Deserialize)]
pub struct SubscriptionKeys {
    pub p256dh: String,
    pub auth: String,
}

#[derive(Debug, thiserror::Error)]
pub enum SubscribeError {
    /// What to tell the person (pt-BR).
    #[error("{0}")]
    Invalid(&'static str),
    #[error(transparent)]
    Internal(#[from] WebError),
}

impl From<DbErr> for SubscribeError {
    fn from(e: DbErr) -> Self {
        SubscribeError::Internal(e.into())
    }
}

/// Checks a subscription: an endpoint the server may post to (`domain::devices`), a P-256
/// public key (65 bytes, uncompressed) and a 16-byte auth secret.
fn check(sub: &SubscriptionJson, endpoints: &devices::PushEndpoints) -> Result<(), &'static str> {
    if !endpoints.allows(sub.endpoint.trim()) {
        return Err("Este navegador deu um endereço que não podemos usar.");
    }
    let key = URL_SAFE_NO_PAD.decode(sub.keys.p256dh.trim_end_matches('='));
    let auth = URL_SAFE_NO_PAD.decode(sub.keys.auth.trim_end_matches('='));
    match (key, auth) {
        (Ok(k), Ok(a)) if k.len() == 65 && k[0] == 4 && a.len() == 16 => Ok(()),
        _ => Err("Este navegador deu uma chave que não podemos usar."),
    }
}

/// Stores this device for `account_id`. The same endpoint registered by another account (a
/// shared phone, another login) moves to this one: notices follow whoever turned them on last.
pub async fn subscribe(
    db: &DatabaseConnection,
    settings: &PushSettings,
    account_id: i32,
    sub: &SubscriptionJson,
    user_agent: &str,
    now: i64,
) -> Result<i32, SubscribeError> {
    check(sub, &settings.endpoints).map_err(SubscribeError::Invalid)?;
    let key = &settings.data_key;
    let sealed = |purpose: &str, value: &str| {
        key.seal(purpose, value.trim_end_matches('=').as_bytes())
            .map_err(|e| SubscribeError::Internal(WebError::Internal(e.to_string())))
    };
    let p256dh = sealed(P256DH, &sub.keys.p256dh)?;
    let auth = sealed(AUTH, &sub.keys.auth)?;
    let txn = db.begin_write().await?;
    push_subscription::Entity::delete_many()
        .filter(push_subscription::Column::Endpoint.eq(sub.endpoint.trim()))
        .exec(&txn)
        .await?;
    let row = push_subscription::ActiveModel {
        account_id: Set(account_id),
        endpoint: Set(sub.endpoint.trim().to_string()),
        p256dh: Set(p256dh),
        auth: Set(auth),
        device: Set(devices::label(user_agent)),
        created_at: Set(now),
        last_sent_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(row.id)
}

/// One of my devices, for "Meus dispositivos".
pub struct Device {
    pub id: i32,
    pub label: String,
    pub created_at: i64,
    pub last_sent_at: Option<i64>,
}

pub async fn my_devices(db: &DatabaseConnection, account_id: i32) -> Result<Vec<Device>, DbErr> {
    Ok(push_subscription::Entity::find()
        .filter(push_subscription::Column::AccountId.eq(account_id))
        .order_by_desc(push_subscription::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|s| Device {
            id: s.id,
            label: s.device,
            created_at: s.created_at,
            last_sent_at: s.last_sent_at,
        })
        .collect())
}

/// Removes one of *my* devices (another account's device is "not found").
pub async fn remove_device(
    db: &DatabaseConnection,
    account_id: i32,
    id: i32,
) -> Result<(), WebError> {
    let done = push_subscription::Entity::delete_many()
        .filter(push_subscription::Column::Id.eq(id))
        .filter(push_subscription::Column::AccountId.eq(account_id))
        .exec(db)
        .await?;
    if done.rows_affected == 0 {
        return Err(WebError::NotFound);
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Planning (called inside the transaction of the write that causes the notice)

/// A notice to plan: who hears of it, about what, when, and until when it is worth sending.
#[derive(Default)]
struct Planned<'a> {
    kind: &'a str,
    person_id: Option<i32>,
    account_id: Option<i32>,
    appointment_id: Option<i32>,
    ref_id: Option<i32>,
    sequence: i32,
    due_at: i64,
    expires_at: i64,
}

impl Planned<'_> {
    fn row(self, now: i64) -> push_event::ActiveModel {
        push_event::ActiveModel {
            kind: Set(self.kind.to_string()),
            person_id: Set(self.person_id),
            account_id: Set(self.account_id),
            appointment_id: Set(self.appointment_id),
            ref_id: Set(self.ref_id),
            sequence: Set(self.sequence),
            due_at: Set(self.due_at),
            expires_at: Set(self.expires_at),
            status: Set("planejado".into()),
            created_at: Set(now),
            ..Default::default()
        }
    }
}

/// Plans the reminders of a newly marked appointment.
pub async fn plan_reminders<C: ConnectionTrait>(
    c: &C,
    a: &appointment::Model,
    offsets: &[i64],
    now: i64,
) -> Result<(), DbErr> {
    let rows: Vec<_> = reminders::plan(offsets, a.starts_at, now)
        .into_iter()
        .map(|(offset, due)| {
            Planned {
                kind: &reminders::kind(offset),
                person_id: Some(a.person_id),
                appointment_id: Some(a.id),
                sequence: a.sequence,
                due_at: due,
                expires_at: a.starts_at,
                ..Default::default()
            }
            .row(now)
        })
        .collect();
    if !rows.is_empty() {
        push_event::Entity::insert_many(rows).exec(c).await?;
    }
    Ok(())
}

/// The appointment `a` (already updated) moved or was cancelled: what was planned for it and
/// not yet sent is dropped, the person is told at once, and new reminders are planned.
pub async fn replan_appointment<C: ConnectionTrait>(
    c: &C,
    a: &appointment::Model,
    offsets: &[i64],
    now: i64,
) -> Result<(), DbErr> {
    push_event::Entity::update_many()
        .col_expr(push_event::Column::Status, Expr::value("cancelado"))
        .filter(push_event::Column::AppointmentId.eq(a.id))
        .filter(push_event::Column::Status.eq("planejado"))
        .exec(c)
        .await?;
    push_delivery::Entity::update_many()
        .col_expr(push_delivery::Column::Status, Expr::value("cancelada"))
        .filter(push_delivery::Column::Status.eq("pendente"))
        .filter(
            push_delivery::Column::EventId.in_subquery(
                Query::select()
                    .column(push_event::Column::Id)
                    .from(push_event::Entity)
                    .and_where(push_event::Column::AppointmentId.eq(a.id))
                    .to_owned(),
            ),
        )
        .exec(c)
        .await?;
    let cancelled = a.status == "cancelado";
    let (kind, expires) = if cancelled {
        (CANCELLED, now + NOTICE_LIFETIME)
    } else {
        (MOVED, a.starts_at)
    };
    Planned {
        kind,
        person_id: Some(a.person_id),
        appointment_id: Some(a.id),
        sequence: a.sequence,
        due_at: now,
        expires_at: expires,
        ..Default::default()
    }
    .row(now)
    .insert(c)
    .await?;
    if !cancelled {
        plan_reminders(c, a, offsets, now).await?;
    }
    Ok(())
}

/// Who hears of a notice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Recipient {
    /// A person: every device of their accounts.
    Person(i32),
    /// One account (a caseworker).
    Account(i32),
}

/// Tells `to` about `kind` concerning `ref_id`, now.
pub async fn notify<C: ConnectionTrait>(
    c: &C,
    kind: &str,
    to: Recipient,
    ref_id: i32,
    now: i64,
) -> Result<(), DbErr> {
    let (person_id, account_id) = match to {
        Recipient::Person(p) => (Some(p), None),
        Recipient::Account(a) => (None, Some(a)),
    };
    Planned {
        kind,
        person_id,
        account_id,
        ref_id: Some(ref_id),
        due_at: now,
        expires_at: now + NOTICE_LIFETIME,
        ..Default::default()
    }
    .row(now)
    .insert(c)
    .await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Turning due events into deliveries

/// The condition that picks the rows `due` selects, claimed for the caller's transaction.
/// PostgreSQL: `SELECT … FOR UPDATE SKIP LOCKED` runs first and the ids are returned — inside
/// `UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED)` the planner may run the locking
/// subquery once per row (it did, at 100,000 rows: minutes per claim). SQLite has one writer:
/// the single `UPDATE … IN (subquery)` statement is atomic there. `None`: nothing to claim.
async fn claimable<C: ConnectionTrait>(
    c: &C,
    id: impl ColumnTrait,
    due: sea_orm::sea_query::SelectStatement,
) -> Result<Option<Expr>, DbErr> {
    match c.get_database_backend() {
        sea_orm::DatabaseBackend::Postgres => {
            let statement = c.get_database_backend().build(&due);
            let mut ids = Vec::new();
            for row in c.query_all_raw(statement).await? {
                ids.push(row.try_get_by_index::<i32>(0)?);
            }
            Ok((!ids.is_empty()).then(|| id.is_in(ids)))
        }
        _ => Ok(Some(id.in_subquery(due))),
    }
}

/// The notice an event stands for, with what it needs from its appointment.
fn notice_of(
    e: &push_event::Model,
    appointments: &HashMap<i32, appointment::Model>,
) -> Option<Notice> {
    let appointment = e.appointment_id.and_then(|id| appointments.get(&id));
    match (e.kind.as_str(), appointment) {
        (k, Some(a)) if k.starts_with("lembrete_") => {
            (a.status == "agendado" && a.sequence == e.sequence).then_some(Notice::Reminder {
                appointment_id: a.id,
                starts_at: a.starts_at,
            })
        }
        (MOVED, Some(a)) => (a.sequence == e.sequence).then_some(Notice::Moved {
            appointment_id: a.id,
            starts_at: a.starts_at,
        }),
        (CANCELLED, Some(a)) => Some(Notice::Cancelled {
            appointment_id: a.id,
            starts_at: a.starts_at,
        }),
        (REFERRAL_PERSON, _) => Some(Notice::ReferralForPerson {
            referral_id: e.ref_id?,
        }),
        (REFERRAL_STAFF, _) => Some(Notice::ReferralForStaff {
            referral_id: e.ref_id?,
        }),
        (CANDIDACY_PERSON, _) => Some(Notice::CandidacyForPerson {
            application_id: e.ref_id?,
        }),
        (CANDIDACY_STAFF, _) => Some(Notice::CandidacyForStaff {
            person_id: e.ref_id?,
        }),
        _ => None,
    }
}

/// Reminders right before the time are urgent; status news can wait for a good moment.
fn urgency_of(kind: &str) -> &'static str {
    if kind.starts_with("lembrete_") || kind == MOVED || kind == CANCELLED {
        "high"
    } else {
        "normal"
    }
}

/// Claims up to `batch` due events and turns each into one delivery per device, in one
/// transaction. Returns how many events were claimed (0: nothing due).
pub async fn expand_due(db: &DatabaseConnection, now: i64, batch: u64) -> Result<usize, DbErr> {
    let txn = db.begin_write().await?;
    let due = Query::select()
        .column(push_event::Column::Id)
        .from(push_event::Entity)
        .and_where(push_event::Column::Status.eq("planejado"))
        .and_where(push_event::Column::DueAt.lte(now))
        .order_by(push_event::Column::DueAt, sea_orm::Order::Asc)
        .limit(batch)
        .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
        .to_owned();
    let Some(claimed) = claimable(&txn, push_event::Column::Id, due).await? else {
        txn.commit().await?;
        return Ok(0);
    };
    let events = push_event::Entity::update_many()
        .col_expr(push_event::Column::Status, Expr::value("enviado"))
        .filter(claimed)
        .exec_with_returning(&txn)
        .await?;
    if events.is_empty() {
        txn.commit().await?;
        return Ok(0);
    }
    let appointment_ids: Vec<i32> = events.iter().filter_map(|e| e.appointment_id).collect();
    let appointments: HashMap<i32, appointment::Model> = if appointment_ids.is_empty() {
        HashMap::new()
    } else {
        appointment::Entity::find()
            .filter(appointment::Column::Id.is_in(appointment_ids))
            .all(&txn)
            .await?
            .into_iter()
            .map(|a| (a.id, a))
            .collect()
    };
    let devices = devices_of(&txn, &events).await?;
    let mut rows = Vec::new();
    for e in &events {
        if e.expires_at <= now {
            continue;
        }
        let Some(notice) = notice_of(e, &appointments) else {
            continue;
        };
        let text = notifications::text(notice, now);
        let payload = serde_json::to_string(&text).map_err(|e| DbErr::Custom(e.to_string()))?;
        let recipient = recipient_of(e);
        for &subscription_id in recipient
            .and_then(|r| devices.get(&r))
            .into_iter()
            .flatten()
        {
            rows.push(push_delivery::ActiveModel {
                event_id: Set(e.id),
                subscription_id: Set(subscription_id),
                payload: Set(payload.clone()),
                topic: Set(format!("e{}", e.id)),
                urgency: Set(urgency_of(&e.kind).into()),
                ttl: Set((e.expires_at - now).clamp(60, 86_400) as i32),
                expires_at: Set(e.expires_at),
                status: Set("pendente".into()),
                attempts: Set(0),
                next_attempt_at: Set(now),
                lease_owner: Set(None),
                lease_until: Set(None),
                sent_at: Set(None),
                created_at: Set(now),
                ..Default::default()
            });
        }
    }
    for chunk in rows.chunks(1000) {
        push_delivery::Entity::insert_many(chunk.to_vec())
            .on_conflict_do_nothing_on([
                push_delivery::Column::EventId,
                push_delivery::Column::SubscriptionId,
            ])
            .exec_without_returning(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(events.len())
}

/// Who an event is for (stored as a person or an account column).
fn recipient_of(e: &push_event::Model) -> Option<Recipient> {
    match (e.person_id, e.account_id) {
        (Some(p), _) => Some(Recipient::Person(p)),
        (None, Some(a)) => Some(Recipient::Account(a)),
        (None, None) => None,
    }
}

/// The devices of each recipient of `events`: two queries for the whole batch.
async fn devices_of<C: ConnectionTrait>(
    c: &C,
    events: &[push_event::Model],
) -> Result<HashMap<Recipient, Vec<i32>>, DbErr> {
    let distinct = |mut ids: Vec<i32>| {
        ids.sort_unstable();
        ids.dedup();
        ids
    };
    let recipients: Vec<Recipient> = events.iter().filter_map(recipient_of).collect();
    let people = distinct(
        recipients
            .iter()
            .filter_map(|r| match r {
                Recipient::Person(p) => Some(*p),
                Recipient::Account(_) => None,
            })
            .collect(),
    );
    // Each account, with the recipient it serves (a person's accounts: usually one).
    let mut accounts: Vec<(i32, Recipient)> = recipients
        .iter()
        .filter_map(|r| match r {
            Recipient::Account(a) => Some((*a, *r)),
            Recipient::Person(_) => None,
        })
        .collect();
    if !people.is_empty() {
        for u in user_account::Entity::find()
            .filter(user_account::Column::PersonId.is_in(people))
            .all(c)
            .await?
        {
            if let Some(p) = u.person_id {
                accounts.push((u.id, Recipient::Person(p)));
            }
        }
    }
    accounts.sort_unstable_by_key(|(a, _)| *a);
    accounts.dedup();
    let mut out: HashMap<Recipient, Vec<i32>> = HashMap::new();
    if accounts.is_empty() {
        return Ok(out);
    }
    let ids = distinct(accounts.iter().map(|(a, _)| *a).collect());
    let subscriptions = push_subscription::Entity::find()
        .filter(push_subscription::Column::AccountId.is_in(ids))
        .all(c)
        .await?;
    for (account, recipient) in accounts {
        let theirs = subscriptions.iter().filter(|s| s.account_id == account);
        out.entry(recipient)
            .or_default()
            .extend(theirs.map(|s| s.id));
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Sending (the server's worker does the HTTP; these are its database steps)

/// A delivery claimed by one worker, with its device's keys opened.
#[derive(Clone, Debug)]
pub struct Claimed {
    pub id: i32,
    pub subscription_id: i32,
    pub endpoint: String,
    pub p256dh: String,
    pub auth: String,
    pub payload: String,
    pub topic: String,
    pub urgency: String,
    pub ttl: u32,
    pub attempts: i32,
    pub expires_at: i64,
}

/// Claims up to `batch` due deliveries for `owner` for `lease` seconds. Rows whose device
/// vanished or whose keys cannot be opened are marked failed and not returned.
pub async fn claim(
    db: &DatabaseConnection,
    key: &DataKey,
    owner: &str,
    now: i64,
    lease: i64,
    batch: u64,
) -> Result<Vec<Claimed>, DbErr> {
    let due = Query::select()
        .column(push_delivery::Column::Id)
        .from(push_delivery::Entity)
        .and_where(push_delivery::Column::Status.eq("pendente"))
        .and_where(push_delivery::Column::NextAttemptAt.lte(now))
        .and_where(
            push_delivery::Column::LeaseUntil
                .is_null()
                .or(push_delivery::Column::LeaseUntil.lt(now)),
        )
        .order_by(push_delivery::Column::NextAttemptAt, sea_orm::Order::Asc)
        .limit(batch)
        .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
        .to_owned();
    let txn = db.begin_write().await?;
    let Some(claimed) = claimable(&txn, push_delivery::Column::Id, due).await? else {
        txn.commit().await?;
        return Ok(Vec::new());
    };
    let rows = push_delivery::Entity::update_many()
        .col_expr(push_delivery::Column::LeaseOwner, Expr::value(owner))
        .col_expr(push_delivery::Column::LeaseUntil, Expr::value(now + lease))
        .filter(claimed)
        .exec_with_returning(&txn)
        .await?;
    txn.commit().await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let subscriptions: HashMap<i32, push_subscription::Model> = push_subscription::Entity::find()
        .filter(
            push_subscription::Column::Id
                .is_in(rows.iter().map(|r| r.subscription_id).collect::<Vec<_>>()),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let mut out = Vec::with_capacity(rows.len());
    let mut broken = Vec::new();
    for r in rows {
        let opened = subscriptions.get(&r.subscription_id).and_then(|s| {
            Some((
                s.endpoint.clone(),
                key.open_text(P256DH, &s.p256dh).ok()?,
                key.open_text(AUTH, &s.auth).ok()?,
            ))
        });
        match opened {
            Some((endpoint, p256dh, auth)) => out.push(Claimed {
                id: r.id,
                subscription_id: r.subscription_id,
                endpoint,
                p256dh,
                auth,
                payload: r.payload,
                topic: r.topic,
                urgency: r.urgency,
                ttl: u32::try_from(r.ttl).unwrap_or(0),
                attempts: r.attempts,
                expires_at: r.expires_at,
            }),
            None => broken.push(r.id),
        }
    }
    if !broken.is_empty() {
        tracing::warn!(
            count = broken.len(),
            "push: device keys cannot be opened (data key changed?)"
        );
        push_delivery::Entity::update_many()
            .col_expr(push_delivery::Column::Status, Expr::value("falhou"))
            .filter(push_delivery::Column::Id.is_in(broken))
            .exec(db)
            .await?;
    }
    Ok(out)
}

/// What became of one attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The push service accepted it (201).
    Delivered,
    /// 404 or 410: the device unsubscribed; it is removed.
    Gone,
    /// 429, 5xx or no answer: try again after this many seconds (unless out of attempts).
    Retry(i64),
    /// Any other refusal (400, 401, 403, 413): not retried.
    Failed,
    /// Its moment passed before it could be sent.
    Expired,
}

impl Outcome {
    fn label(self) -> &'static str {
        match self {
            Outcome::Delivered => "entregue",
            Outcome::Gone => "removida",
            Outcome::Retry(_) => "nova_tentativa",
            Outcome::Failed => "falhou",
            Outcome::Expired => "expirada",
        }
    }
}

/// One finished attempt.
pub struct Attempt {
    pub delivery_id: i32,
    pub subscription_id: i32,
    pub previous_attempts: i32,
    pub status_code: Option<u16>,
    pub outcome: Outcome,
}

/// Records a batch of attempts in one transaction: delivered rows are done, gone devices are
/// removed (with what was pending for them), retries wait, and every attempt is logged.
pub async fn record(
    db: &DatabaseConnection,
    attempts: &[Attempt],
    now: i64,
    max_attempts: i32,
) -> Result<(), DbErr> {
    if attempts.is_empty() {
        return Ok(());
    }
    let txn = db.begin_write().await?;
    let ids = |pick: &dyn Fn(Outcome) -> bool| -> Vec<i32> {
        attempts
            .iter()
            .filter(|a| pick(a.outcome))
            .map(|a| a.delivery_id)
            .collect()
    };
    // Finished rows: delivered, refused or too late (one statement each).
    for (outcome, status) in [
        (Outcome::Delivered, "enviada"),
        (Outcome::Failed, "falhou"),
        (Outcome::Expired, "expirada"),
    ] {
        let rows = ids(&|o| o == outcome);
        if rows.is_empty() {
            continue;
        }
        let mut update = push_delivery::Entity::update_many()
            .col_expr(push_delivery::Column::Status, Expr::value(status))
            .col_expr(
                push_delivery::Column::Attempts,
                Expr::col(push_delivery::Column::Attempts).add(1),
            )
            .col_expr(
                push_delivery::Column::LeaseUntil,
                Expr::value(Option::<i64>::None),
            );
        if outcome == Outcome::Delivered {
            update = update.col_expr(push_delivery::Column::SentAt, Expr::value(now));
        }
        update
            .filter(push_delivery::Column::Id.is_in(rows))
            .exec(&txn)
            .await?;
    }
    let subscriptions = |outcome: Outcome| -> Vec<i32> {
        let mut ids: Vec<i32> = attempts
            .iter()
            .filter(|a| a.outcome == outcome)
            .map(|a| a.subscription_id)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    };
    let reached = subscriptions(Outcome::Delivered);
    if !reached.is_empty() {
        push_subscription::Entity::update_many()
            .col_expr(push_subscription::Column::LastSentAt, Expr::value(now))
            .filter(push_subscription::Column::Id.is_in(reached))
            .exec(&txn)
            .await?;
    }
    for a in attempts {
        if let Outcome::Retry(after) = a.outcome {
            let tried = a.previous_attempts + 1;
            let mut row = push_delivery::ActiveModel {
                id: Set(a.delivery_id),
                attempts: Set(tried),
                lease_until: Set(None),
                next_attempt_at: Set(now + after),
                ..Default::default()
            };
            if tried >= max_attempts {
                row.status = Set("falhou".into());
            }
            push_delivery::Entity::update(row).exec(&txn).await?;
        }
    }
    let gone = subscriptions(Outcome::Gone);
    if !gone.is_empty() {
        push_subscription::Entity::delete_many()
            .filter(push_subscription::Column::Id.is_in(gone))
            .exec(&txn)
            .await?;
    }
    let log: Vec<push_attempt::ActiveModel> = attempts
        .iter()
        .map(|a| push_attempt::ActiveModel {
            delivery_id: Set(a.delivery_id),
            subscription_id: Set(a.subscription_id),
            at: Set(now),
            status_code: Set(a.status_code.map(i32::from)),
            outcome: Set(a.outcome.label().into()),
            ..Default::default()
        })
        .collect();
    for chunk in log.chunks(2000) {
        push_attempt::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(())
}
