//! Jobs the person got and the retention check-ins after each (30, 90, 180 days; see
//! `domain::retention`). Recording a hire plans its check-ins in the same transaction; a
//! check-in that finds the job lost ends the hire and cancels the later ones.

use crate::domain::retention::check_in_dates;
use crate::domain::{FieldErrors, dates};
use crate::server::BeginWrite;
use crate::server::actor::{EgressoActor, StaffActor};
use crate::server::entities::{hire, person, retention_check};
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
pub struct CheckInForm {
    /// `sim` | `nao`
    pub trabalhando: String,
    pub nota: String,
}

#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct HireForm {
    pub empresa: String,
    pub funcao: String,
    /// `AAAA-MM-DD`
    pub inicio: String,
}

pub struct Employment {
    pub person: person::Model,
    pub hires: Vec<(hire::Model, Vec<retention_check::Model>)>,
}

/// The person's jobs with their check-ins, newest first (a logged read).
pub async fn employment(
    db: &DatabaseConnection,
    me: &StaffActor,
    person_id: i32,
) -> Result<Employment, WebError> {
    let p = unit_person(db, me, person_id).await?;
    let hires = hire::Entity::find()
        .filter(hire::Column::PersonId.eq(p.id))
        .filter(hire::Column::UnitId.eq(me.unit_id))
        .order_by_desc(hire::Column::StartedOn)
        .all(db)
        .await?;
    let checks = retention_check::Entity::find()
        .filter(retention_check::Column::PersonId.eq(p.id))
        .order_by_asc(retention_check::Column::DayMark)
        .all(db)
        .await?;
    log_read(db, me, p.id, "employment_viewed", "emprego").await?;
    Ok(Employment {
        hires: hires
            .into_iter()
            .map(|h| {
                let mine = checks
                    .iter()
                    .filter(|c| c.hire_id == h.id)
                    .cloned()
                    .collect();
                (h, mine)
            })
            .collect(),
        person: p,
    })
}

/// Records a hire and plans its three check-ins (one transaction).
pub async fn record_hire(
    db: &DatabaseConnection,
    me: &StaffActor,
    person_id: i32,
    form: &HireForm,
) -> Result<(), CreateError> {
    let p = unit_person(db, me, person_id).await?;
    let guard = crate::server::services::input::language::guard(db).await?;
    let mut errors = FieldErrors::default();
    let employer = text_field(
        &guard,
        &mut errors,
        "empresa",
        &form.empresa,
        2,
        200,
        "Digite o nome da empresa ou de quem contratou.",
    );
    let title = text_field(
        &guard,
        &mut errors,
        "funcao",
        &form.funcao,
        2,
        200,
        "Digite a função. Exemplo: auxiliar de cozinha.",
    );
    let now = now();
    // A start up to a year back (recorded late) or up to 60 days ahead (already agreed).
    let start = dates::end_of_day_from_iso(&form.inicio);
    let checks = match start {
        Some(t) if t >= now - 366 * 86_400 && t <= now + 61 * 86_400 => {
            check_in_dates(&dates::iso_date(t))
        }
        Some(_) => {
            errors.add(
                "inicio",
                "Escolha uma data do último ano ou dos próximos 60 dias.",
            );
            None
        }
        None => {
            errors.add("inicio", "Escolha o primeiro dia de trabalho.");
            None
        }
    };
    let (Some(checks), Some(start), true) = (checks, start, errors.is_empty()) else {
        return Err(CreateError::Invalid(errors));
    };
    let txn = db.begin_write().await?;
    let created = hire::ActiveModel {
        person_id: Set(p.id),
        unit_id: Set(me.unit_id),
        employer: Set(employer),
        job_title: Set(title),
        started_on: Set(dates::iso_date(start)),
        ended_on: Set(None),
        recorded_by: Set(me.actor.user_id),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    plan_check_ins(&txn, &created, checks).await?;
    log_read(&txn, me, p.id, "hire_recorded", "emprego").await?;
    txn.commit().await?;
    Ok(())
}

/// The retention check-ins of a hire (dates from `domain::retention::check_in_dates`).
async fn plan_check_ins(
    txn: &impl sea_orm::ConnectionTrait,
    h: &hire::Model,
    checks: Vec<(i32, String)>,
) -> Result<(), sea_orm::DbErr> {
    for (mark, due) in checks {
        retention_check::ActiveModel {
            hire_id: Set(h.id),
            person_id: Set(h.person_id),
            unit_id: Set(h.unit_id),
            day_mark: Set(mark),
            due_on: Set(due),
            status: Set("pendente".into()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

/// Records a check-in: still working or not, and a note. Not working ends the job on that day
/// and cancels the check-ins still ahead.
pub async fn record_check_in(
    db: &DatabaseConnection,
    me: &StaffActor,
    person_id: i32,
    check_id: i32,
    form: &CheckInForm,
) -> Result<(), CreateError> {
    let p = unit_person(db, me, person_id).await?;
    let check = retention_check::Entity::find_by_id(check_id)
        .filter(retention_check::Column::PersonId.eq(p.id))
        .filter(retention_check::Column::UnitId.eq(me.unit_id))
        .one(db)
        .await?
        .ok_or(WebError::NotFound)?;
    let guard = crate::server::services::input::language::guard(db).await?;
    let mut errors = FieldErrors::default();
    let field = "trabalhando";
    let still = match form.trabalhando.as_str() {
        "sim" => Some(true),
        "nao" => Some(false),
        _ => {
            errors.add(field, "Diga se a pessoa ainda está no trabalho.");
            None
        }
    };
    let note = text_field(&guard, &mut errors, "nota", &form.nota, 0, 2000, "");
    if check.status != "pendente" {
        errors.add(field, "Esta conversa já foi registrada.");
    }
    let (Some(still), true) = (still, errors.is_empty()) else {
        return Err(CreateError::Invalid(errors));
    };
    let now = now();
    let txn = db.begin_write().await?;
    let hire_id = check.hire_id;
    let mut row: retention_check::ActiveModel = check.into();
    row.status = Set("feito".into());
    row.still_employed = Set(Some(still));
    row.note = Set(Some(note).filter(|s| !s.is_empty()));
    row.done_by = Set(Some(me.actor.user_id));
    row.done_at = Set(Some(now));
    row.update(&txn).await?;
    if !still {
        if let Some(h) = hire::Entity::find_by_id(hire_id).one(&txn).await? {
            let mut h: hire::ActiveModel = h.into();
            h.ended_on = Set(Some(dates::iso_date(now)));
            h.update(&txn).await?;
        }
        retention_check::Entity::update_many()
            .col_expr(
                retention_check::Column::Status,
                sea_orm::sea_query::Expr::value("cancelado"),
            )
            .filter(retention_check::Column::HireId.eq(hire_id))
            .filter(retention_check::Column::Status.eq("pendente"))
            .exec(&txn)
            .await?;
    }
    log_read(&txn, me, p.id, "check_in_recorded", "emprego").await?;
    txn.commit().await?;
    Ok(())
}

/// The person's own jobs for "Baixar meus dados" (check-in notes are the team's follow-up).
pub async fn export(
    db: &DatabaseConnection,
    me: &EgressoActor,
) -> Result<Vec<serde_json::Value>, WebError> {
    Ok(hire::Entity::find()
        .filter(hire::Column::PersonId.eq(me.person_id))
        .filter(hire::Column::UnitId.eq(me.unit_id))
        .all(db)
        .await?
        .into_iter()
        .map(|h| {
            serde_json::json!({
                "empresa": h.employer, "funcao": h.job_title, "inicio": h.started_on,
                "fim": h.ended_on,
            })
        })
        .collect())
}

/// A hire a company reported, as the coordination checks it.
pub struct ReportedHire {
    pub hire: hire::Model,
    pub person: String,
    pub contract: Option<String>,
}

fn coordination(me: &StaffActor) -> Result<(), WebError> {
    if me.coordinator {
        Ok(())
    } else {
        Err(WebError::Forbidden)
    }
}

/// Hires reported by companies for people of *my* unit, still to confirm (oldest first).
pub async fn to_confirm(
    db: &DatabaseConnection,
    me: &StaffActor,
) -> Result<Vec<ReportedHire>, WebError> {
    coordination(me)?;
    let rows = hire::Entity::find()
        .filter(hire::Column::UnitId.eq(me.unit_id))
        .filter(hire::Column::Status.eq("a_confirmar"))
        .order_by_asc(hire::Column::CreatedAt)
        .all(db)
        .await?;
    reported(db, rows).await
}

/// Names and contracts of reported hires, in two queries whatever their number.
async fn reported(
    db: &DatabaseConnection,
    hires: Vec<hire::Model>,
) -> Result<Vec<ReportedHire>, WebError> {
    use crate::server::entities::public_contract;
    let names: std::collections::HashMap<i32, String> = person::Entity::find()
        .filter(person::Column::Id.is_in(hires.iter().map(|h| h.person_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, crate::server::services::case::people::name_of(&p)))
        .collect();
    let contracts: std::collections::HashMap<i32, String> = public_contract::Entity::find()
        .filter(public_contract::Column::Id.is_in(hires.iter().filter_map(|h| h.contract_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|c| {
            (
                c.id,
                format!("Contrato {} · {}", c.number, c.contracting_body),
            )
        })
        .collect();
    Ok(hires
        .into_iter()
        .map(|h| ReportedHire {
            person: names.get(&h.person_id).cloned().unwrap_or_default(),
            contract: h.contract_id.and_then(|c| contracts.get(&c).cloned()),
            hire: h,
        })
        .collect())
}

/// One reported hire of *my* unit (a logged read of the person's file).
pub async fn reported_hire(
    db: &DatabaseConnection,
    me: &StaffActor,
    id: i32,
) -> Result<ReportedHire, WebError> {
    coordination(me)?;
    let h = hire::Entity::find_by_id(id)
        .filter(hire::Column::UnitId.eq(me.unit_id))
        .filter(hire::Column::OrganizationId.is_not_null())
        .one(db)
        .await?
        .ok_or(WebError::NotFound)?;
    log_read(db, me, h.person_id, "employment_viewed", "emprego").await?;
    reported(db, vec![h]).await?.pop().ok_or(WebError::NotFound)
}

/// Confirms (with the person) or refuses a reported hire. Confirming plans the retention
/// check-ins and makes the hire count for its contract's quota and the company's seal.
pub async fn decide_hire(
    db: &DatabaseConnection,
    me: &StaffActor,
    id: i32,
    confirm: bool,
    reason: &str,
) -> Result<(), CreateError> {
    let reported = reported_hire(db, me, id).await?;
    let h = reported.hire;
    let reason = reason.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut errors = FieldErrors::default();
    if h.status != "a_confirmar" {
        errors.add("motivo", "Esta contratação já foi respondida.");
    }
    if !confirm && reason.chars().count() < 10 {
        errors.add(
            "motivo",
            "Escreva por que não confirma (pelo menos 10 letras). A empresa vai ler.",
        );
    }
    let checks = check_in_dates(&h.started_on);
    if confirm && checks.is_none() {
        errors.add("motivo", "A data de início desta contratação não é válida.");
    }
    if !errors.is_empty() {
        return Err(CreateError::Invalid(errors));
    }
    let now = now();
    let txn = db.begin_write().await?;
    let person_id = h.person_id;
    let mut row: hire::ActiveModel = h.into();
    row.status = Set(if confirm { "confirmada" } else { "recusada" }.into());
    row.confirmed_by = Set(Some(me.actor.user_id));
    row.confirmed_at = Set(Some(now));
    row.decision_note = Set(Some(reason).filter(|r| !r.is_empty()));
    let confirmed = row.update(&txn).await?;
    if confirm {
        plan_check_ins(&txn, &confirmed, checks.unwrap_or_default()).await?;
    }
    log_read(
        &txn,
        me,
        person_id,
        if confirm {
            "hire_confirmed"
        } else {
            "hire_not_confirmed"
        },
        "emprego",
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
