//! A company's public contracts and what each must reserve under its quota rule set
//! (`domain::quota`). Each company sees and changes only its own contracts.

use crate::domain::quota::{Rounding, RuleSet, parse_tiers};
use crate::domain::{FieldErrors, dates, money};
use crate::server::BeginWrite;
use crate::server::actor::CompanyActor;
use crate::server::entities::{public_contract, quota_rule_set};
use crate::server::error::WebError;
use crate::server::now;
use crate::server::services::directory::network::CreateError;
use crate::server::services::input::validate::text_field;
use crate::server::services::privacy::audit::{self, Entry};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ContractForm {
    pub orgao: String,
    pub numero: String,
    pub objeto: String,
    pub valor_anual: String,
    pub trabalhadores: String,
    /// `AAAA-MM-DD`
    pub inicio: String,
    pub fim: String,
    pub regra: String,
}

/// A rule set as stored, ready for the engine, with its legal basis to show.
pub struct StoredRule {
    pub rule: RuleSet,
    pub legal_basis: String,
}

fn to_rule(r: quota_rule_set::Model) -> Option<StoredRule> {
    Some(StoredRule {
        rule: RuleSet {
            tiers: parse_tiers(&r.tiers)?,
            rounding: Rounding::parse(&r.rounding)?,
            code: r.code,
            name: r.name,
            above_annual_cents: r.above_annual_cents,
        },
        legal_basis: r.legal_basis,
    })
}

/// The active rule sets (a row that does not parse is left out rather than misapplied).
pub async fn rule_sets(db: &DatabaseConnection) -> Result<Vec<StoredRule>, WebError> {
    Ok(quota_rule_set::Entity::find()
        .filter(quota_rule_set::Column::Active.eq(true))
        .order_by_asc(quota_rule_set::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter_map(to_rule)
        .collect())
}

pub async fn my_contracts(
    db: &DatabaseConnection,
    me: &CompanyActor,
) -> Result<Vec<public_contract::Model>, WebError> {
    Ok(public_contract::Entity::find()
        .filter(public_contract::Column::OrganizationId.eq(me.organization_id))
        .order_by_desc(public_contract::Column::StartsOn)
        .all(db)
        .await?)
}

pub async fn my_contract(
    db: &DatabaseConnection,
    me: &CompanyActor,
    id: i32,
) -> Result<public_contract::Model, WebError> {
    public_contract::Entity::find_by_id(id)
        .filter(public_contract::Column::OrganizationId.eq(me.organization_id))
        .one(db)
        .await?
        .ok_or(WebError::NotFound)
}

/// Creates (`id` None) or changes one of my contracts: checked first, one transaction.
pub async fn save(
    db: &DatabaseConnection,
    me: &CompanyActor,
    id: Option<i32>,
    form: &ContractForm,
) -> Result<i32, CreateError> {
    let existing = match id {
        Some(id) => Some(my_contract(db, me, id).await?),
        None => None,
    };
    let guard = crate::server::services::input::language::guard(db).await?;
    let mut errors = FieldErrors::default();
    let body = text_field(
        &guard,
        &mut errors,
        "orgao",
        &form.orgao,
        3,
        200,
        "Digite o órgão que contratou. Exemplo: Ministério da Saúde.",
    );
    let number = text_field(
        &guard,
        &mut errors,
        "numero",
        &form.numero,
        1,
        60,
        "Digite o número do contrato.",
    );
    let object = text_field(
        &guard,
        &mut errors,
        "objeto",
        &form.objeto,
        5,
        2000,
        "Descreva o serviço contratado.",
    );
    let value = money::parse_reais(&form.valor_anual).filter(|v| *v > 0);
    if value.is_none() {
        errors.add(
            "valor_anual",
            "Digite o valor anual em reais. Exemplo: 450.000,00",
        );
    }
    let workers = form
        .trabalhadores
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|w| (1..=1_000_000).contains(w));
    if workers.is_none() {
        errors.add(
            "trabalhadores",
            "Digite quantos trabalhadores o contrato exige (só números).",
        );
    }
    let start = dates::end_of_day_from_iso(&form.inicio);
    let end = dates::end_of_day_from_iso(&form.fim);
    if start.is_none() {
        errors.add("inicio", "Escolha o início do contrato.");
    }
    match (start, end) {
        (_, None) => errors.add("fim", "Escolha o fim do contrato."),
        (Some(s), Some(e)) if e < s => errors.add("fim", "O fim precisa ser depois do início."),
        _ => {}
    }
    let rules = rule_sets(db).await?;
    if !rules.iter().any(|r| r.rule.code == form.regra.trim()) {
        errors.add("regra", "Escolha a regra de cota do contrato.");
    }
    let (Some(value), Some(workers), Some(start), Some(end), true) =
        (value, workers, start, end, errors.is_empty())
    else {
        return Err(CreateError::Invalid(errors));
    };
    let now = now();
    let txn = db.begin_write().await?;
    let mut row = match existing {
        Some(c) => c.into(),
        None => public_contract::ActiveModel {
            organization_id: Set(me.organization_id),
            created_by: Set(me.actor.user_id),
            created_at: Set(now),
            ..Default::default()
        },
    };
    row.contracting_body = Set(body);
    row.number = Set(number);
    row.object = Set(object);
    row.annual_value_cents = Set(value);
    row.workers = Set(workers);
    row.starts_on = Set(dates::iso_date(start));
    row.ends_on = Set(dates::iso_date(end));
    row.rule_set = Set(form.regra.trim().to_string());
    row.updated_at = Set(now);
    let saved = row.save(&txn).await?;
    let saved_id = match saved.id {
        sea_orm::ActiveValue::Set(v) | sea_orm::ActiveValue::Unchanged(v) => v,
        sea_orm::ActiveValue::NotSet => {
            return Err(CreateError::Internal(WebError::Internal(
                "contract saved without id".into(),
            )));
        }
    };
    audit::record(
        &txn,
        Entry {
            actor_user_id: Some(me.actor.user_id),
            action: "contract_saved",
            subject_kind: "public_contract",
            subject_id: Some(saved_id),
            unit_id: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(saved_id)
}

/// A confirmed hire under a contract, as the nominal list shows it.
pub struct QuotaWorker {
    pub person_id: i32,
    pub unit_id: i32,
    pub name: String,
    pub job: String,
    pub started: String,
    pub ended: Option<String>,
}

/// The confirmed hires that serve one of my contracts (only the ES-confirmed ones count).
pub async fn quota_workers(
    db: &DatabaseConnection,
    me: &CompanyActor,
    contract: &public_contract::Model,
) -> Result<Vec<QuotaWorker>, WebError> {
    use crate::server::entities::{hire, person};
    let hires = hire::Entity::find()
        .filter(hire::Column::ContractId.eq(contract.id))
        .filter(hire::Column::OrganizationId.eq(me.organization_id))
        .filter(hire::Column::Status.eq("confirmada"))
        .order_by_asc(hire::Column::StartedOn)
        .all(db)
        .await?;
    let names: std::collections::HashMap<i32, String> = person::Entity::find()
        .filter(person::Column::Id.is_in(hires.iter().map(|h| h.person_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.social_name.unwrap_or(p.full_name)))
        .collect();
    Ok(hires
        .into_iter()
        .map(|h| QuotaWorker {
            person_id: h.person_id,
            unit_id: h.unit_id,
            name: names.get(&h.person_id).cloned().unwrap_or_default(),
            job: h.job_title,
            started: h.started_on,
            ended: h.ended_on,
        })
        .collect())
}

/// The nominal list of a month (`AAAA-MM`) for the execution court and the contract
/// inspector: the confirmed quota workers who held the job on some day of that month. Each
/// person listed is told in "Quem viu meus dados".
pub async fn nominal_list(
    db: &DatabaseConnection,
    me: &CompanyActor,
    id: i32,
    month: &str,
) -> Result<(public_contract::Model, Vec<QuotaWorker>), WebError> {
    let contract = my_contract(db, me, id).await?;
    if !crate::domain::quota::months(&contract.starts_on, &contract.ends_on)
        .iter()
        .any(|m| m == month)
    {
        return Err(WebError::NotFound);
    }
    let workers: Vec<QuotaWorker> = quota_workers(db, me, &contract)
        .await?
        .into_iter()
        .filter(|w| crate::domain::quota::active_in_month(&w.started, w.ended.as_deref(), month))
        .collect();
    audit::record_person_reads(
        db,
        me.actor.user_id,
        "quota_list_viewed",
        workers.iter().map(|w| (w.person_id, w.unit_id)),
    )
    .await?;
    Ok((contract, workers))
}

/// One contract across companies, for the coordination's quota overview.
pub struct QuotaOverviewLine {
    pub company: String,
    pub contract: String,
    pub required: u32,
    pub hired_now: u32,
}

/// Every current contract of every company, with the posts required and the confirmed quota
/// workers this month (coordination only; numbers and company names, no people).
pub async fn quota_overview(
    db: &DatabaseConnection,
    me: &crate::server::actor::StaffActor,
) -> Result<Vec<QuotaOverviewLine>, WebError> {
    use crate::domain::quota::{Applies, active_in_month, requirement};
    use crate::server::entities::{hire, organization};
    if !me.coordinator {
        return Err(WebError::Forbidden);
    }
    let today = dates::iso_date(now());
    let month = today.get(..7).unwrap_or_default().to_string();
    let contracts = public_contract::Entity::find()
        .filter(public_contract::Column::EndsOn.gte(today.clone()))
        .filter(public_contract::Column::StartsOn.lte(today))
        .all(db)
        .await?;
    let companies: std::collections::HashMap<i32, String> = organization::Entity::find()
        .filter(organization::Column::Id.is_in(contracts.iter().map(|c| c.organization_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let hires = hire::Entity::find()
        .filter(hire::Column::ContractId.is_in(contracts.iter().map(|c| c.id)))
        .filter(hire::Column::Status.eq("confirmada"))
        .all(db)
        .await?;
    let rules = rule_sets(db).await?;
    let mut out: Vec<QuotaOverviewLine> = contracts
        .into_iter()
        .map(|c| {
            let applies = rules.iter().find(|r| r.rule.code == c.rule_set).map(|r| {
                requirement(
                    &r.rule,
                    c.annual_value_cents,
                    u32::try_from(c.workers).unwrap_or(0),
                )
            });
            let hired_now = hires
                .iter()
                .filter(|h| {
                    h.contract_id == Some(c.id)
                        && h.organization_id == Some(c.organization_id)
                        && active_in_month(&h.started_on, h.ended_on.as_deref(), &month)
                })
                .count() as u32;
            QuotaOverviewLine {
                company: companies
                    .get(&c.organization_id)
                    .cloned()
                    .unwrap_or_default(),
                contract: format!("Contrato {} · {}", c.number, c.contracting_body),
                required: match applies {
                    Some(Applies::Yes(r)) => r.required,
                    _ => 0,
                },
                hired_now,
            }
        })
        .collect();
    // Furthest from the quota first.
    out.sort_by_key(|l| std::cmp::Reverse(i64::from(l.required) - i64::from(l.hired_now)));
    Ok(out)
}
