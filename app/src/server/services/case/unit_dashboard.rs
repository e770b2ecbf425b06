//! The coordinator's unit dashboard: counts only, no names (so no case file is read), for
//! managing the office and for the data Res. CNJ 307/2019 asks to publish by race and gender.

use crate::domain::people::{CATEGORIES, RACES, label};
use crate::domain::referrals;
use crate::domain::stigma::{KINDS, SETTINGS, kind_name};
use crate::domain::text::fold;
#[derive(Clone, Debug)]
pub struct Count {
    pub label: String,
    pub value: usize,
}

#[derive(Clone, Debug, Default)]
pub struct UnitDashboard {
    pub people: usize,
    pub categories: Vec<Count>,
    pub races: Vec<Count>,
    pub genders: Vec<Count>,
    pub pre_release: usize,
    pub pre_release_with_plan: usize,
    pub with_plan: usize,
    pub referrals: Vec<Count>,
    pub documents_obtained: usize,
    pub hires: usize,
    pub hires_active: usize,
    pub retention: Vec<Count>,
    pub stigma_kinds: Vec<Count>,
    pub stigma_settings: Vec<Count>,
}
use crate::server::actor::StaffActor;
use crate::server::entities::{
    hire, person, person_detail, person_document, plan_version, referral, retention_check,
    stigma_episode,
};
use crate::server::error::WebError;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Counts per code, in the order of `list`, with a final "not informed" line when some have none.
fn by_list(
    list: &[(&'static str, &'static str)],
    values: impl Iterator<Item = Option<String>>,
    none: &'static str,
) -> Vec<Count> {
    let mut counts: HashMap<Option<String>, usize> = HashMap::new();
    for v in values {
        *counts.entry(v).or_default() += 1;
    }
    let mut out: Vec<Count> = list
        .iter()
        .map(|(code, name)| Count {
            label: name.to_string(),
            value: counts.get(&Some(code.to_string())).copied().unwrap_or(0),
        })
        .collect();
    if let Some(n) = counts.get(&None) {
        out.push(Count {
            label: none.to_string(),
            value: *n,
        });
    }
    out
}

fn percent(part: usize, whole: usize) -> String {
    match (part * 100 + whole / 2).checked_div(whole) {
        Some(p) => format!("{p}%"),
        None => "—".to_string(),
    }
}

pub async fn dashboard(
    db: &DatabaseConnection,
    me: &StaffActor,
) -> Result<UnitDashboard, WebError> {
    if !me.coordinator {
        return Err(WebError::Forbidden);
    }
    let people = person::Entity::find()
        .filter(person::Column::UnitId.eq(me.unit_id))
        .all(db)
        .await?;
    let ids: Vec<i32> = people.iter().map(|p| p.id).collect();
    let details: HashMap<i32, person_detail::Model> = person_detail::Entity::find()
        .filter(person_detail::Column::PersonId.is_in(ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|d| (d.person_id, d))
        .collect();
    let categories = by_list(
        &CATEGORIES,
        people.iter().map(|p| Some(p.status.clone())),
        "—",
    );
    let races = by_list(
        &RACES,
        people
            .iter()
            .map(|p| details.get(&p.id).and_then(|d| d.race.clone())),
        "Não perguntado",
    );
    // Gender identity is self-described text: grouped by its folded form, shown as first typed.
    let mut genders: BTreeMap<String, (String, usize)> = BTreeMap::new();
    for p in &people {
        let typed = details
            .get(&p.id)
            .and_then(|d| d.gender_identity.clone())
            .unwrap_or_else(|| "Não informada".to_string());
        genders.entry(fold(&typed)).or_insert((typed, 0)).1 += 1;
    }
    let genders = genders
        .into_values()
        .map(|(label, value)| Count { label, value })
        .collect();

    let with_plan: HashSet<i32> = plan_version::Entity::find()
        .filter(plan_version::Column::UnitId.eq(me.unit_id))
        .all(db)
        .await?
        .into_iter()
        .map(|v| v.person_id)
        .collect();
    let pre: Vec<&person::Model> = people
        .iter()
        .filter(|p| p.status == "pre_egresso")
        .collect();
    let pre_with_plan = pre.iter().filter(|p| with_plan.contains(&p.id)).count();

    let referral_rows = referral::Entity::find()
        .filter(referral::Column::UnitId.eq(me.unit_id))
        .all(db)
        .await?;
    let referrals = by_list(
        &referrals::STATUSES,
        referral_rows.iter().map(|r| Some(r.status.clone())),
        "—",
    );
    let documents = person_document::Entity::find()
        .filter(person_document::Column::UnitId.eq(me.unit_id))
        .filter(person_document::Column::Status.eq("tem"))
        .all(db)
        .await?
        .len();

    let hires = hire::Entity::find()
        .filter(hire::Column::UnitId.eq(me.unit_id))
        .filter(hire::Column::Status.eq("confirmada"))
        .all(db)
        .await?;
    let checks = retention_check::Entity::find()
        .filter(retention_check::Column::UnitId.eq(me.unit_id))
        .filter(retention_check::Column::Status.eq("feito"))
        .all(db)
        .await?;
    let retention = crate::domain::retention::CHECK_IN_DAYS
        .iter()
        .map(|mark| {
            let done = checks.iter().filter(|c| c.day_mark == *mark).count();
            let kept = checks
                .iter()
                .filter(|c| c.day_mark == *mark && c.still_employed == Some(true))
                .count();
            Count {
                label: format!(
                    "{mark} dias: {kept} de {done} conversas ({})",
                    percent(kept, done)
                ),
                value: kept,
            }
        })
        .collect();

    let episodes = stigma_episode::Entity::find()
        .filter(stigma_episode::Column::UnitId.eq(me.unit_id))
        .all(db)
        .await?;
    let stigma_kinds = KINDS
        .iter()
        .map(|(code, _)| Count {
            label: kind_name(code).to_string(),
            value: episodes.iter().filter(|e| e.kind == *code).count(),
        })
        .collect();
    let stigma_settings = SETTINGS
        .iter()
        .map(|(code, _)| Count {
            label: label(&SETTINGS, code).to_string(),
            value: episodes.iter().filter(|e| e.setting == *code).count(),
        })
        .collect();

    Ok(UnitDashboard {
        people: people.len(),
        categories,
        races,
        genders,
        pre_release: pre.len(),
        pre_release_with_plan: pre_with_plan,
        with_plan: with_plan.len(),
        referrals,
        documents_obtained: documents,
        hires: hires.len(),
        hires_active: hires.iter().filter(|h| h.ended_on.is_none()).count(),
        retention,
        stigma_kinds,
        stigma_settings,
    })
}
