//! The caseload dashboard (`/equipe`): my people (I am their técnica de referência), their
//! overdue plan actions, referrals still waiting for an answer, and the next appointments.
//! A coordinator sees the whole unit. Each person shown is a logged read.

use super::audit;
use super::people::name_of;
use crate::domain::dates;
use crate::domain::plan::Plan;
use crate::pages::caseload::{Awaiting, Caseload, CheckIn, Overdue, Upcoming};
use crate::server::actor::StaffActor;
use crate::server::entities::{
    appointment, hire, person, person_detail, plan_version, referral, retention_check, service,
};
use crate::server::error::WebError;
use crate::server::now;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use std::collections::{BTreeSet, HashMap};

/// How far ahead "next appointments" look.
const UPCOMING_DAYS: i64 = 7;

pub async fn caseload(db: &DatabaseConnection, me: &StaffActor) -> Result<Caseload, WebError> {
    let now = now();
    let today = dates::iso_date(now);
    let unit_people: HashMap<i32, person::Model> = person::Entity::find()
        .filter(person::Column::UnitId.eq(me.unit_id))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let mine: BTreeSet<i32> = if me.coordinator {
        unit_people.keys().copied().collect()
    } else {
        person_detail::Entity::find()
            .filter(person_detail::Column::ReferenceUserId.eq(me.actor.user_id))
            .all(db)
            .await?
            .into_iter()
            .map(|d| d.person_id)
            .filter(|id| unit_people.contains_key(id))
            .collect()
    };
    let name = |id: i32| unit_people.get(&id).map(name_of).unwrap_or_default();

    // Overdue actions, from each person's latest plan version.
    let mut latest: HashMap<i32, plan_version::Model> = HashMap::new();
    for v in plan_version::Entity::find()
        .filter(plan_version::Column::UnitId.eq(me.unit_id))
        .filter(plan_version::Column::PersonId.is_in(mine.iter().copied()))
        .order_by_asc(plan_version::Column::Number)
        .all(db)
        .await?
    {
        latest.insert(v.person_id, v);
    }
    let mut overdue = Vec::new();
    for (person_id, v) in &latest {
        let plan: Plan = serde_json::from_str(&v.content)
            .map_err(|e| WebError::Internal(format!("plan version {} unreadable: {e}", v.id)))?;
        for a in &plan.areas {
            for x in a.actions.iter().filter(|x| x.is_overdue(&today)) {
                overdue.push(Overdue {
                    person_id: *person_id,
                    person: name(*person_id),
                    area: crate::domain::plan::area_name(&a.area),
                    what: x.what.clone(),
                    deadline: x.deadline.clone(),
                });
            }
        }
    }
    overdue.sort_by(|a, b| a.deadline.cmp(&b.deadline));

    let waiting = referral::Entity::find()
        .filter(referral::Column::UnitId.eq(me.unit_id))
        .filter(referral::Column::Status.eq("solicitado"))
        .filter(referral::Column::PersonId.is_in(mine.iter().copied()))
        .order_by_asc(referral::Column::CreatedAt)
        .all(db)
        .await?;
    let services: HashMap<i32, String> = service::Entity::find()
        .filter(service::Column::Id.is_in(waiting.iter().map(|r| r.service_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let awaiting = waiting
        .iter()
        .map(|r| Awaiting {
            id: r.id,
            person: name(r.person_id),
            service: services.get(&r.service_id).cloned().unwrap_or_default(),
            days: (now - r.created_at).max(0) / 86_400,
        })
        .collect::<Vec<_>>();

    let upcoming = appointment::Entity::find()
        .filter(appointment::Column::UnitId.eq(me.unit_id))
        .filter(appointment::Column::Status.eq("agendado"))
        .filter(appointment::Column::PersonId.is_in(mine.iter().copied()))
        .filter(appointment::Column::StartsAt.gte(now))
        .filter(appointment::Column::StartsAt.lt(now + UPCOMING_DAYS * 86_400))
        .order_by_asc(appointment::Column::StartsAt)
        .all(db)
        .await?
        .into_iter()
        .map(|a| Upcoming {
            person_id: a.person_id,
            person: name(a.person_id),
            when: dates::br_datetime(a.starts_at),
            place: a.place,
        })
        .collect::<Vec<_>>();

    let pending: Vec<retention_check::Model> = retention_check::Entity::find()
        .filter(retention_check::Column::UnitId.eq(me.unit_id))
        .filter(retention_check::Column::Status.eq("pendente"))
        .filter(retention_check::Column::PersonId.is_in(mine.iter().copied()))
        .order_by_asc(retention_check::Column::DueOn)
        .all(db)
        .await?
        .into_iter()
        .filter(|c| crate::domain::retention::is_due(&c.due_on, &today))
        .collect();
    let employers: HashMap<i32, String> = hire::Entity::find()
        .filter(hire::Column::Id.is_in(pending.iter().map(|c| c.hire_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|h| (h.id, h.employer))
        .collect();
    let check_ins = pending
        .into_iter()
        .map(|c| CheckIn {
            person_id: c.person_id,
            person: name(c.person_id),
            mark: c.day_mark,
            employer: employers.get(&c.hire_id).cloned().unwrap_or_default(),
            due: c.due_on,
        })
        .collect::<Vec<_>>();

    let mut people: Vec<(i32, String)> = mine.iter().map(|id| (*id, name(*id))).collect();
    people.sort_by(|a, b| a.1.cmp(&b.1));
    let shown: BTreeSet<i32> = people
        .iter()
        .map(|(id, _)| *id)
        .chain(waiting.iter().map(|r| r.person_id))
        .collect();
    audit::record_person_reads(
        db,
        me.actor.user_id,
        "caseload_listed",
        shown.into_iter().map(|id| (id, me.unit_id)),
    )
    .await?;
    Ok(Caseload {
        whole_unit: me.coordinator,
        people,
        overdue,
        awaiting,
        upcoming,
        check_ins,
    })
}
