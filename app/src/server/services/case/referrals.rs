//! Encaminhamentos: a unit refers one of its people to a service of the directory; the
//! receiving organisation answers and records the outcome; the person follows it. Sharing the
//! demand (case data) needs the person's consent to that organisation or a logged, written
//! justification. Every read of a referral by staff or the receiver is logged for the person.

use crate::domain::FieldErrors;
use crate::domain::referrals::{self as rules, Mover};
use crate::server::BeginWrite;
use crate::server::actor::{EgressoActor, PartnerActor, StaffActor};
use crate::server::entities::{
    consent, organization, person, referral, referral_event, service, unit, user_account,
};
use crate::server::error::WebError;
use crate::server::now;
use crate::server::services::directory::network::CreateError;
use crate::server::services::input::validate::text_field;
use crate::server::services::notify::push::{self, Recipient};
use crate::server::services::privacy::audit::{self, Entry};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use std::collections::HashMap;

pub use crate::domain::form::{Choice, Picker};
/// The referral form, as typed.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ReferralForm {
    pub pessoa: String,
    /// Words to find the person by (name or CPF).
    pub busca_pessoa: String,
    pub servico: String,
    /// Words to find the service by (name, organisation, what it offers).
    pub busca: String,
    /// `buscar…`: a search button (search, keep everything typed, save nothing).
    pub acao: String,
    pub demanda: String,
    pub compartilhar: String,
    pub consentimento: String,
    pub justificativa: String,
}

/// Consent purpose: the receiver may see the demand the unit wrote (LGPD art. 7 I).
pub const SHARE_CASE_WITH_PARTNER: &str = "share_case_with_partner";

/// Shortest written justification accepted to share without consent.
const MIN_JUSTIFICATION: usize = 20;

fn display_name(p: &person::Model) -> String {
    p.social_name.clone().unwrap_or_else(|| p.full_name.clone())
}

pub use crate::server::services::case::people::person_picker;

/// Active services of the directory: (id, "Service – Organisation (City – UF)").
/// How many matches the referral form offers at once.
const PICKER_SIZE: usize = 20;

/// The referral form's service picker: the service chosen so far (if it is active) and, when
/// words were typed, the active services that match them (a directory search in SQL; one
/// line per service, however many places it has).
pub async fn service_picker(
    db: &DatabaseConnection,
    chosen: &str,
    words: &str,
) -> Result<Picker, WebError> {
    let chosen = match chosen.trim().parse::<i32>() {
        Ok(id) => match service::Entity::find_by_id(id)
            .filter(service::Column::Status.eq("active"))
            .one(db)
            .await?
        {
            Some(s) => {
                let orgs = org_names(db, [s.organization_id]).await?;
                let place =
                    crate::server::services::directory::service_directory::place_of(db, s.id)
                        .await?;
                Some(Choice {
                    id: s.id.to_string(),
                    label: format!(
                        "{} – {}",
                        s.name,
                        orgs.get(&s.organization_id).cloned().unwrap_or_default()
                    ),
                    detail: place,
                })
            }
            None => None,
        },
        Err(_) => None,
    };
    let terms = crate::domain::text::search_terms(words);
    if terms.is_empty() {
        return Ok(Picker {
            chosen,
            searched: !words.trim().is_empty(),
            ..Default::default()
        });
    }
    let (found, total) = crate::server::services::directory::service_directory::find_services(
        db,
        &terms,
        PICKER_SIZE,
    )
    .await?;
    Ok(Picker {
        chosen,
        found: found
            .into_iter()
            .map(|l| Choice {
                id: l.service_id.to_string(),
                label: format!("{} – {}", l.name, l.organization),
                detail: l.place,
            })
            .collect(),
        total: total as u64,
        searched: true,
    })
}

async fn org_names(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i32>,
) -> Result<HashMap<i32, String>, WebError> {
    Ok(organization::Entity::find()
        .filter(organization::Column::Id.is_in(ids.into_iter().collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect())
}

/// Creates a referral for a person of *my* unit, checking the consent gate. One transaction:
/// the referral, its first event, the consent (if given at the office) and the log entries.
pub async fn create(
    db: &DatabaseConnection,
    me: &StaffActor,
    form: &ReferralForm,
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
    let service = match form.servico.trim().parse::<i32>() {
        Ok(id) => {
            service::Entity::find_by_id(id)
                .filter(service::Column::Status.eq("active"))
                .one(db)
                .await?
        }
        Err(_) => None,
    };
    if service.is_none() {
        errors.add("servico", "Escolha o serviço ou organização.");
    }
    let demand = text_field(
        &guard,
        &mut errors,
        "demanda",
        &form.demanda,
        10,
        2000,
        "Escreva em poucas frases do que a pessoa precisa.",
    );
    let shares = !form.compartilhar.is_empty();
    let consented = !form.consentimento.is_empty();
    let justification = form.justificativa.trim().to_string();
    if shares && !consented && justification.chars().count() < MIN_JUSTIFICATION {
        errors.add(
            "consentimento",
            "Para enviar a demanda, marque que a pessoa autorizou ou escreva abaixo por que é preciso enviar sem autorização.",
        );
        if !justification.is_empty() {
            errors.add(
                "justificativa",
                format!("Explique em pelo menos {MIN_JUSTIFICATION} caracteres."),
            );
        }
    }
    let (Some(person), Some(service), true) = (person, service, errors.is_empty()) else {
        return Err(CreateError::Invalid(errors));
    };
    let now = now();
    let txn = db.begin_write().await?;
    let created = referral::ActiveModel {
        person_id: Set(person.id),
        unit_id: Set(me.unit_id),
        service_id: Set(service.id),
        organization_id: Set(service.organization_id),
        demand: Set(demand),
        shares_case: Set(shares),
        override_justification: Set((shares && !consented).then_some(justification)),
        status: Set("solicitado".into()),
        status_note: Set(None),
        created_by: Set(me.actor.user_id),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    referral_event::ActiveModel {
        referral_id: Set(created.id),
        from_status: Set(None),
        to_status: Set("solicitado".into()),
        note: Set(None),
        actor_user_id: Set(me.actor.user_id),
        at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let entry = |action| Entry {
        actor_user_id: Some(me.actor.user_id),
        action,
        subject_kind: "person",
        subject_id: Some(person.id),
        unit_id: Some(me.unit_id),
    };
    if shares && consented {
        // Given at the office: recorded in the person's ledger, by the caseworker who heard it.
        consent::ActiveModel {
            person_id: Set(person.id),
            purpose: Set(SHARE_CASE_WITH_PARTNER.into()),
            target_kind: Set("organization".into()),
            target_id: Set(Some(service.organization_id)),
            granted: Set(true),
            recorded_at: Set(now),
            recorded_by: Set(me.actor.user_id),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    } else if shares {
        audit::record(&txn, entry("referral_consent_override")).await?;
    }
    audit::record(&txn, entry("referral_created")).await?;
    txn.commit().await?;
    Ok(created.id)
}

/// A referral as a list line or page shows it. `demand` is `None` where the viewer may not
/// see it (the receiver, without consent or justification).
#[derive(Debug, Clone)]
pub struct ReferralView {
    pub id: i32,
    pub person: String,
    pub unit: String,
    pub service: String,
    pub organization: String,
    pub area: String,
    pub demand: Option<String>,
    pub shares_case: bool,
    pub override_justification: Option<String>,
    pub status: String,
    pub status_note: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    pub history: Vec<HistoryEntry>,
}

/// One status change of a referral.
#[derive(Debug, Clone)]
pub struct HistoryEntry {
    pub at: i64,
    pub from: Option<String>,
    pub to: String,
    pub note: Option<String>,
    pub who: String,
}

async fn views(
    db: &DatabaseConnection,
    rows: Vec<referral::Model>,
    show_demand: bool,
    with_history: bool,
) -> Result<Vec<ReferralView>, WebError> {
    let people: HashMap<i32, person::Model> = person::Entity::find()
        .filter(person::Column::Id.is_in(rows.iter().map(|r| r.person_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let services: HashMap<i32, service::Model> = service::Entity::find()
        .filter(service::Column::Id.is_in(rows.iter().map(|r| r.service_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let orgs = org_names(db, rows.iter().map(|r| r.organization_id)).await?;
    let units: HashMap<i32, String> = unit::Entity::find()
        .filter(unit::Column::Id.is_in(rows.iter().map(|r| r.unit_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let mut history: HashMap<i32, Vec<_>> = HashMap::new();
    if with_history {
        let events = referral_event::Entity::find()
            .filter(
                referral_event::Column::ReferralId
                    .is_in(rows.iter().map(|r| r.id).collect::<Vec<_>>()),
            )
            .order_by_asc(referral_event::Column::Id)
            .all(db)
            .await?;
        let who: HashMap<i32, String> = user_account::Entity::find()
            .filter(
                user_account::Column::Id
                    .is_in(events.iter().map(|e| e.actor_user_id).collect::<Vec<_>>()),
            )
            .all(db)
            .await?
            .into_iter()
            .map(|a| (a.id, a.display_name))
            .collect();
        for e in events {
            history
                .entry(e.referral_id)
                .or_default()
                .push(HistoryEntry {
                    at: e.at,
                    from: e.from_status,
                    to: e.to_status,
                    note: e.note,
                    who: who.get(&e.actor_user_id).cloned().unwrap_or_default(),
                });
        }
    }
    Ok(rows
        .into_iter()
        .map(|r| {
            let service = services.get(&r.service_id);
            ReferralView {
                id: r.id,
                person: people
                    .get(&r.person_id)
                    .map(display_name)
                    .unwrap_or_default(),
                unit: units.get(&r.unit_id).cloned().unwrap_or_default(),
                service: service.map(|s| s.name.clone()).unwrap_or_default(),
                area: service.map(|s| s.area.clone()).unwrap_or_default(),
                organization: orgs.get(&r.organization_id).cloned().unwrap_or_default(),
                demand: (show_demand || r.shares_case).then_some(r.demand),
                shares_case: r.shares_case,
                override_justification: if show_demand {
                    r.override_justification
                } else {
                    None
                },
                status: r.status,
                status_note: r.status_note,
                created_at: r.created_at,
                updated_at: r.updated_at,
                history: history.remove(&r.id).unwrap_or_default(),
            }
        })
        .collect())
}

async fn log_reads(
    db: &DatabaseConnection,
    actor_user_id: i32,
    action: &str,
    rows: &[referral::Model],
) -> Result<(), WebError> {
    let people = rows.iter().map(|r| (r.person_id, r.unit_id));
    Ok(audit::record_person_reads(db, actor_user_id, action, people).await?)
}

/// The unit's referrals, one page at a time (a busy unit has thousands).
pub const LIST_PAGE: u64 = 50;

/// The unit's referrals, newest change first: one page, and how many there are. Only the
/// referrals shown are logged as read.
pub async fn unit_referrals(
    db: &DatabaseConnection,
    me: &StaffActor,
    page: u64,
) -> Result<(Vec<ReferralView>, u64), WebError> {
    let query = referral::Entity::find().filter(referral::Column::UnitId.eq(me.unit_id));
    let total = query.clone().count(db).await?;
    let rows = query
        .order_by_desc(referral::Column::UpdatedAt)
        .order_by_desc(referral::Column::Id)
        .offset(page.saturating_sub(1).saturating_mul(LIST_PAGE))
        .limit(LIST_PAGE)
        .all(db)
        .await?;
    log_reads(db, me.actor.user_id, "referral_viewed_by_staff", &rows).await?;
    Ok((views(db, rows, true, false).await?, total))
}

pub async fn unit_referral(
    db: &DatabaseConnection,
    me: &StaffActor,
    id: i32,
) -> Result<ReferralView, WebError> {
    let row = referral::Entity::find_by_id(id)
        .filter(referral::Column::UnitId.eq(me.unit_id))
        .one(db)
        .await?
        .ok_or(WebError::NotFound)?;
    log_reads(
        db,
        me.actor.user_id,
        "referral_viewed_by_staff",
        std::slice::from_ref(&row),
    )
    .await?;
    views(db, vec![row], true, true)
        .await?
        .pop()
        .ok_or(WebError::NotFound)
}

/// The referrals addressed to the partner's organisation, and nothing else: one page, newest
/// change first, and how many there are. Only the referrals shown are logged as read. The
/// partner's page and the partner API (`server::api`) both read through here.
pub async fn partner_referrals(
    db: &DatabaseConnection,
    me: &PartnerActor,
    page: u64,
) -> Result<(Vec<ReferralView>, u64), WebError> {
    let query =
        referral::Entity::find().filter(referral::Column::OrganizationId.eq(me.organization_id));
    let total = query.clone().count(db).await?;
    let rows = query
        .order_by_desc(referral::Column::UpdatedAt)
        .order_by_desc(referral::Column::Id)
        .offset(page.saturating_sub(1).saturating_mul(LIST_PAGE))
        .limit(LIST_PAGE)
        .all(db)
        .await?;
    log_reads(db, me.actor.user_id, "referral_viewed_by_partner", &rows).await?;
    Ok((views(db, rows, false, false).await?, total))
}

pub async fn partner_referral(
    db: &DatabaseConnection,
    me: &PartnerActor,
    id: i32,
) -> Result<ReferralView, WebError> {
    let row = referral::Entity::find_by_id(id)
        .filter(referral::Column::OrganizationId.eq(me.organization_id))
        .one(db)
        .await?
        .ok_or(WebError::NotFound)?;
    log_reads(
        db,
        me.actor.user_id,
        "referral_viewed_by_partner",
        std::slice::from_ref(&row),
    )
    .await?;
    views(db, vec![row], false, true)
        .await?
        .pop()
        .ok_or(WebError::NotFound)
}

/// The person's own referrals, with what the receiver answered.
pub async fn my_referrals(
    db: &DatabaseConnection,
    me: &EgressoActor,
) -> Result<Vec<ReferralView>, WebError> {
    let rows = referral::Entity::find()
        .filter(referral::Column::PersonId.eq(me.person_id))
        .order_by_desc(referral::Column::UpdatedAt)
        .all(db)
        .await?;
    let mut list = views(db, rows, true, false).await?;
    for v in &mut list {
        v.override_justification = None;
    }
    Ok(list)
}

/// Who moves a referral, scoped: staff of its unit or the receiving organisation.
pub enum Moving<'a> {
    Staff(&'a StaffActor),
    Partner(&'a PartnerActor),
}

pub enum MoveError {
    Refused(rules::TransitionError),
    Web(WebError),
}

impl From<sea_orm::DbErr> for MoveError {
    fn from(e: sea_orm::DbErr) -> Self {
        MoveError::Web(e.into())
    }
}

pub async fn move_status(
    db: &DatabaseConnection,
    by: Moving<'_>,
    id: i32,
    to: &str,
    note: &str,
) -> Result<(), MoveError> {
    let txn = db.begin_write().await?;
    let (query, mover, user_id) = match by {
        Moving::Staff(s) => (
            referral::Entity::find_by_id(id).filter(referral::Column::UnitId.eq(s.unit_id)),
            Mover::Unit,
            s.actor.user_id,
        ),
        Moving::Partner(p) => (
            referral::Entity::find_by_id(id)
                .filter(referral::Column::OrganizationId.eq(p.organization_id)),
            Mover::Receiver,
            p.actor.user_id,
        ),
    };
    let row = query
        .one(&txn)
        .await?
        .ok_or(MoveError::Web(WebError::NotFound))?;
    rules::check(&row.status, to, mover, note).map_err(MoveError::Refused)?;
    let note = Some(note.trim().to_string()).filter(|n| !n.is_empty());
    let now = now();
    // Guarded by the status read above, so two answers at once cannot both apply.
    let updated = referral::Entity::update_many()
        .col_expr(referral::Column::Status, Expr::value(to))
        .col_expr(referral::Column::StatusNote, Expr::value(note.clone()))
        .col_expr(referral::Column::UpdatedAt, Expr::value(now))
        .filter(referral::Column::Id.eq(row.id))
        .filter(referral::Column::Status.eq(row.status.clone()))
        .exec(&txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(MoveError::Web(WebError::NotFound));
    }
    referral_event::ActiveModel {
        referral_id: Set(row.id),
        from_status: Set(Some(row.status)),
        to_status: Set(to.to_string()),
        note: Set(note),
        actor_user_id: Set(user_id),
        at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Entry {
            actor_user_id: Some(user_id),
            action: "referral_status_changed",
            subject_kind: "person",
            subject_id: Some(row.person_id),
            unit_id: Some(row.unit_id),
        },
    )
    .await?;
    // The person and the caseworker who made the referral hear of it (not whoever moved it).
    push::notify(
        &txn,
        push::REFERRAL_PERSON,
        Recipient::Person(row.person_id),
        row.id,
        now,
    )
    .await?;
    if row.created_by != user_id {
        let caseworker = Recipient::Account(row.created_by);
        push::notify(&txn, push::REFERRAL_STAFF, caseworker, row.id, now).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// "Meus dados": withdraw the consent for one organisation; it stops seeing the demand of
/// every referral of mine at once.
pub async fn revoke_case_sharing(
    db: &DatabaseConnection,
    me: &EgressoActor,
    organization_id: i32,
) -> Result<(), WebError> {
    let txn = db.begin_write().await?;
    crate::server::services::jobs::applications::record_consent_for(
        &txn,
        me,
        SHARE_CASE_WITH_PARTNER,
        organization_id,
        false,
    )
    .await?;
    referral::Entity::update_many()
        .col_expr(referral::Column::SharesCase, Expr::value(false))
        .filter(referral::Column::PersonId.eq(me.person_id))
        .filter(referral::Column::OrganizationId.eq(organization_id))
        .exec(&txn)
        .await?;
    audit::record(&txn, Entry::own_record(me, "consent_revoked")).await?;
    txn.commit().await?;
    Ok(())
}
