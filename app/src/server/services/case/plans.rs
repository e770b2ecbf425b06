//! Plano singular de atendimento (and, before release, the Plano Individual de Saída): the
//! unit edits one area at a time; each save is a new version with what changed. The person
//! reads the latest version in "Meu plano". Scoped by actor; staff reads and writes logged.

use crate::domain::plan::{
    self, ACTION_STATUSES, MAX_ACTIONS, Plan, PlanAction, PlanArea, RESPONSIBLE, StaleVersion,
};
use crate::domain::referrals;
use crate::domain::services::area_code;
use crate::domain::{FieldErrors, dates};
use crate::server::BeginWrite;
use crate::server::actor::{EgressoActor, StaffActor};
use crate::server::entities::{person, person_detail, plan_version, referral, service};
use crate::server::error::WebError;
use crate::server::now;
use crate::server::services::case::people::{account_names, log_read, name_of, unit_person};
use crate::server::services::directory::network::CreateError;
use crate::server::services::input::validate::text_field;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set, SqlErr,
};
use std::collections::HashMap;

#[derive(Clone, Debug, Default)]
pub struct ActionForm {
    pub acao: String,
    pub quem: String,
    pub prazo: String,
    pub situacao: String,
}

/// One area's edit form, as typed: the version it was opened on, demand, goal, action rows.
#[derive(Clone, Debug, Default)]
pub struct PlanAreaForm {
    pub versao: String,
    pub area: String,
    pub demanda: String,
    pub objetivo: String,
    pub acoes: Vec<ActionForm>,
}

impl PlanAreaForm {
    /// From a posted body; the rows are those posted (so nothing typed is lost).
    pub fn from_fields(map: &HashMap<String, String>) -> Self {
        let get = |k: &str| map.get(k).cloned().unwrap_or_default();
        let acoes = ACTION_FIELDS
            .iter()
            .take_while(|[what, ..]| map.contains_key(*what))
            .map(|[what, who, when, status]| ActionForm {
                acao: get(what),
                quem: get(who),
                prazo: get(when),
                situacao: get(status),
            })
            .collect();
        PlanAreaForm {
            versao: get("versao"),
            area: get("area"),
            demanda: get("demanda"),
            objetivo: get("objetivo"),
            acoes,
        }
    }

    /// The saved area, plus blank rows to add actions (at least 3 rows, at most the limit).
    pub fn from_area(version: i32, code: &str, area: Option<&PlanArea>) -> Self {
        let mut acoes: Vec<ActionForm> = area
            .map(|a| {
                a.actions
                    .iter()
                    .map(|x| ActionForm {
                        acao: x.what.clone(),
                        quem: x.who.clone(),
                        prazo: x.deadline.clone(),
                        situacao: x.status.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let rows = (acoes.len() + 2).clamp(3, MAX_ACTIONS);
        acoes.resize_with(rows, || ActionForm {
            situacao: "a_fazer".into(),
            ..Default::default()
        });
        PlanAreaForm {
            versao: version.to_string(),
            area: code.to_string(),
            demanda: area.map(|a| a.demand.clone()).unwrap_or_default(),
            objetivo: area.map(|a| a.goal.clone()).unwrap_or_default(),
            acoes,
        }
    }
}

/// A referral of the person, as the plan shows it under its area.
#[derive(Clone, Debug)]
pub struct PlanReferral {
    pub area: String,
    pub service: String,
    pub status: &'static str,
}

/// The plan as a page shows it, for staff or for the person.
#[derive(Clone, Debug)]
pub struct PlanView {
    pub person_id: i32,
    pub person_name: String,
    pub version: i32,
    pub saved_at: Option<i64>,
    pub plan: Plan,
    /// Pré-egressa: the expected release date, the plan's horizon.
    pub release: Option<i64>,
    pub referrals: Vec<PlanReferral>,
}

/// Field names of the action rows (leptos fields take static names).
pub const ACTION_FIELDS: [[&str; 4]; MAX_ACTIONS] = [
    ["acao_0", "quem_0", "prazo_0", "situacao_0"],
    ["acao_1", "quem_1", "prazo_1", "situacao_1"],
    ["acao_2", "quem_2", "prazo_2", "situacao_2"],
    ["acao_3", "quem_3", "prazo_3", "situacao_3"],
    ["acao_4", "quem_4", "prazo_4", "situacao_4"],
    ["acao_5", "quem_5", "prazo_5", "situacao_5"],
    ["acao_6", "quem_6", "prazo_6", "situacao_6"],
    ["acao_7", "quem_7", "prazo_7", "situacao_7"],
];

/// The latest version of a person's plan: (number, plan, saved at). No plan yet → version 0.
async fn latest(
    db: &impl ConnectionTrait,
    person_id: i32,
) -> Result<(i32, Plan, Option<i64>), WebError> {
    let row = plan_version::Entity::find()
        .filter(plan_version::Column::PersonId.eq(person_id))
        .order_by_desc(plan_version::Column::Number)
        .one(db)
        .await?;
    Ok(match row {
        Some(r) => {
            let plan: Plan = serde_json::from_str(&r.content).map_err(|e| {
                WebError::Internal(format!("plan version {} unreadable: {e}", r.id))
            })?;
            (r.number, plan, Some(r.created_at))
        }
        None => (0, Plan::default(), None),
    })
}

async fn referrals_by_area(
    db: &impl ConnectionTrait,
    person_id: i32,
) -> Result<Vec<PlanReferral>, WebError> {
    let rows = referral::Entity::find()
        .filter(referral::Column::PersonId.eq(person_id))
        .order_by_asc(referral::Column::CreatedAt)
        .all(db)
        .await?;
    let services: HashMap<i32, service::Model> = service::Entity::find()
        .filter(service::Column::Id.is_in(rows.iter().map(|r| r.service_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    Ok(rows
        .iter()
        .filter_map(|r| {
            services.get(&r.service_id).map(|s| PlanReferral {
                area: s.area.clone(),
                service: s.name.clone(),
                status: referrals::label(&r.status),
            })
        })
        .collect())
}

async fn release_of(db: &impl ConnectionTrait, p: &person::Model) -> Result<Option<i64>, WebError> {
    if p.status != "pre_egresso" {
        return Ok(None);
    }
    Ok(person_detail::Entity::find_by_id(p.id)
        .one(db)
        .await?
        .and_then(|d| d.expected_release))
}

async fn view_of(db: &impl ConnectionTrait, p: &person::Model) -> Result<PlanView, WebError> {
    let (version, plan, saved_at) = latest(db, p.id).await?;
    Ok(PlanView {
        person_id: p.id,
        person_name: name_of(p),
        version,
        saved_at,
        plan,
        release: release_of(db, p).await?,
        referrals: referrals_by_area(db, p.id).await?,
    })
}

/// The plan of a person of *my* unit (a logged read).
pub async fn unit_plan(
    db: &DatabaseConnection,
    me: &StaffActor,
    person_id: i32,
) -> Result<PlanView, WebError> {
    let p = unit_person(db, me, person_id).await?;
    let view = view_of(db, &p).await?;
    log_read(db, me, p.id, "plan_viewed", "plano").await?;
    Ok(view)
}

/// "Meu plano": the person's own latest version.
pub async fn my_plan(db: &DatabaseConnection, me: &EgressoActor) -> Result<PlanView, WebError> {
    let p = person::Entity::find_by_id(me.person_id)
        .filter(person::Column::UnitId.eq(me.unit_id))
        .one(db)
        .await?
        .ok_or(WebError::NotFound)?;
    view_of(db, &p).await
}

/// One area of the latest plan, as its edit form (a logged read).
pub async fn area_form(
    db: &DatabaseConnection,
    me: &StaffActor,
    person_id: i32,
    area: &str,
) -> Result<(person::Model, Option<i64>, PlanAreaForm), WebError> {
    let code = area_code(area).ok_or(WebError::NotFound)?;
    let p = unit_person(db, me, person_id).await?;
    let (version, plan, _) = latest(db, p.id).await?;
    log_read(db, me, p.id, "plan_viewed", "plano").await?;
    let form = PlanAreaForm::from_area(version, code, plan.area(code));
    Ok((p.clone(), release_of(db, &p).await?, form))
}

pub enum SaveError {
    Invalid(FieldErrors),
    /// Someone saved another version since the form was opened; nothing was saved.
    Stale,
    Internal(WebError),
}

impl From<WebError> for SaveError {
    fn from(e: WebError) -> Self {
        SaveError::Internal(e)
    }
}

impl From<sea_orm::DbErr> for SaveError {
    fn from(e: sea_orm::DbErr) -> Self {
        SaveError::Internal(e.into())
    }
}

impl From<CreateError> for SaveError {
    fn from(e: CreateError) -> Self {
        match e {
            CreateError::Invalid(f) => SaveError::Invalid(f),
            CreateError::Internal(e) => SaveError::Internal(e),
        }
    }
}

fn in_list(list: &[(&str, &str)], value: &str) -> bool {
    list.iter().any(|(c, _)| *c == value)
}

/// Checks one area's form: text lengths and stigmatising words, who does each action, dates.
/// Rows left blank are dropped.
pub fn parse_area(
    guard: &crate::domain::language::Guard,
    code: &str,
    form: &PlanAreaForm,
) -> Result<PlanArea, FieldErrors> {
    let mut errors = FieldErrors::default();
    let demand = text_field(guard, &mut errors, "demanda", &form.demanda, 0, 500, "");
    let goal = text_field(guard, &mut errors, "objetivo", &form.objetivo, 0, 500, "");
    let mut actions = Vec::new();
    for (i, row) in form.acoes.iter().enumerate().take(MAX_ACTIONS) {
        let [f_what, f_who, f_when, _] = ACTION_FIELDS[i];
        let what = text_field(guard, &mut errors, f_what, &row.acao, 0, 300, "");
        let when = row.prazo.trim();
        if what.is_empty() {
            if !when.is_empty() {
                errors.add(f_what, "Escreva a ação, ou apague o prazo.");
            }
            continue;
        }
        if !in_list(&RESPONSIBLE, row.quem.trim()) {
            errors.add(f_who, "Escolha quem faz.");
        }
        // Stored as the canonical `AAAA-MM-DD`, so deadlines compare as text.
        let deadline = match dates::end_of_day_from_iso(when) {
            Some(t) => dates::iso_date(t),
            None if when.is_empty() => String::new(),
            None => {
                errors.add(f_when, "Escolha uma data válida, ou deixe sem prazo.");
                String::new()
            }
        };
        let status = if in_list(&ACTION_STATUSES, row.situacao.trim()) {
            row.situacao.trim().to_string()
        } else {
            "a_fazer".to_string()
        };
        actions.push(PlanAction {
            what,
            who: row.quem.trim().to_string(),
            deadline,
            status,
        });
    }
    let emptied = demand.is_empty() && goal.is_empty() && actions.is_empty();
    if !emptied {
        if demand.is_empty() {
            errors.add("demanda", "Escreva a demanda: o que a pessoa precisa.");
        }
        if goal.is_empty() {
            errors.add("objetivo", "Escreva o objetivo combinado com a pessoa.");
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(PlanArea {
        area: code.to_string(),
        demand,
        goal,
        actions,
    })
}

/// What a save did.
pub enum Saved {
    Version(i32),
    NothingChanged,
}

/// Saves one area as a new version on top of the version the form was opened with. One
/// transaction: the version row and its log entry. Two saves on the same base: the unique
/// (person, number) index lets only one win; the other gets `Stale`.
pub async fn save_area(
    db: &DatabaseConnection,
    me: &StaffActor,
    person_id: i32,
    area: &str,
    form: &PlanAreaForm,
) -> Result<Saved, SaveError> {
    let code = area_code(area).ok_or(WebError::NotFound)?;
    let p = unit_person(db, me, person_id).await?;
    let guard = crate::server::services::input::language::guard(db).await?;
    let new_area = parse_area(&guard, code, form).map_err(SaveError::Invalid)?;
    let base: i32 = form.versao.trim().parse().unwrap_or(-1);
    let txn = db.begin_write().await?;
    let (latest_number, old, _) = latest(&txn, p.id).await?;
    let number =
        plan::next_version(latest_number, base).map_err(|StaleVersion { .. }| SaveError::Stale)?;
    if old.area(code).is_none() && new_area.demand.is_empty() {
        let mut errors = FieldErrors::default();
        errors.add("demanda", "Escreva a demanda: o que a pessoa precisa.");
        return Err(SaveError::Invalid(errors));
    }
    let new = old.with_area(new_area);
    let changes = plan::changes(&old, &new);
    if changes.is_empty() {
        return Ok(Saved::NothingChanged);
    }
    let content = serde_json::to_string(&new)
        .map_err(|e| WebError::Internal(format!("plan not serialisable: {e}")))?;
    let inserted = plan_version::ActiveModel {
        person_id: Set(p.id),
        unit_id: Set(me.unit_id),
        number: Set(number),
        open_deadline: Set(new.earliest_open_deadline().unwrap_or_default()),
        content: Set(content),
        changes: Set(changes.join("\n")),
        created_by: Set(me.actor.user_id),
        created_at: Set(now()),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    match inserted {
        Ok(_) => {}
        Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            return Err(SaveError::Stale);
        }
        Err(e) => return Err(e.into()),
    }
    log_read(&txn, me, p.id, "plan_saved", "plano").await?;
    txn.commit().await?;
    Ok(Saved::Version(number))
}

/// One version in the plan's history.
pub struct VersionLine {
    pub number: i32,
    pub author: String,
    pub at: i64,
    pub changes: Vec<String>,
}

/// Every version of the plan of a person of *my* unit, newest first (a logged read).
pub async fn history(
    db: &DatabaseConnection,
    me: &StaffActor,
    person_id: i32,
) -> Result<(person::Model, Vec<VersionLine>), WebError> {
    let p = unit_person(db, me, person_id).await?;
    let rows = plan_version::Entity::find()
        .filter(plan_version::Column::PersonId.eq(p.id))
        .order_by_desc(plan_version::Column::Number)
        .all(db)
        .await?;
    let authors = account_names(db, rows.iter().map(|r| r.created_by).collect()).await?;
    log_read(db, me, p.id, "plan_history_viewed", "plano").await?;
    let lines = rows
        .into_iter()
        .map(|r| VersionLine {
            number: r.number,
            author: authors.of(r.created_by),
            at: r.created_at,
            changes: r.changes.lines().map(str::to_string).collect(),
        })
        .collect();
    Ok((p, lines))
}

/// Fills `open_deadline` of versions written before it existed (start-up; a no-op after).
pub async fn backfill_open_deadlines(db: &DatabaseConnection) -> Result<u64, WebError> {
    let pending = plan_version::Entity::find()
        .filter(plan_version::Column::OpenDeadline.eq(plan_version::UNKNOWN_DEADLINE));
    crate::server::services::case::backfill::fill(db, pending, |v: plan_version::Model| {
        // An unreadable plan has no deadline to show; it must not be read again forever.
        let deadline = serde_json::from_str::<Plan>(&v.content)
            .ok()
            .and_then(|p| p.earliest_open_deadline())
            .unwrap_or_default();
        let mut row: plan_version::ActiveModel = v.into();
        row.open_deadline = Set(deadline);
        row
    })
    .await
}
