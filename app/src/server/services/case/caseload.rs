//! The caseload dashboard (`/equipe`): my people (I am their técnica de referência), their
//! overdue plan actions, referrals still waiting for an answer, job check-ins and the next
//! appointments. A coordinator sees the whole unit. Every list is filtered, ordered and cut
//! in the database (a unit may hold tens of thousands of people); each person shown is a
//! logged read, and only those.

use crate::domain::dates;
use crate::domain::plan::Plan;
use crate::server::services::case::people::name_of;
use crate::server::services::privacy::audit;
#[derive(Clone, Debug)]
pub struct Awaiting {
    pub id: i32,
    pub person: String,
    pub service: String,
    pub days: i64,
}

#[derive(Clone, Debug, Default)]
pub struct Caseload {
    /// A coordinator's dashboard covers every person of the unit.
    pub whole_unit: bool,
    /// One page of the people, by name.
    pub people: Vec<(i32, String)>,
    pub people_total: u64,
    pub page: u64,
    pub overdue: Vec<Overdue>,
    pub awaiting: Vec<Awaiting>,
    pub upcoming: Vec<Upcoming>,
    pub check_ins: Vec<CheckIn>,
    /// How many there are of each list in all (each list shows the first `LIST_SIZE`).
    pub more: More,
}

#[derive(Clone, Debug)]
pub struct CheckIn {
    pub person_id: i32,
    pub person: String,
    pub mark: i32,
    pub due: String,
    pub employer: String,
    /// The person's own answer from their phone, in words, if they gave one.
    pub answer: Option<&'static str>,
}

/// Lines per list on the dashboard (people come in pages of this size).
pub const LIST_SIZE: u64 = 50;

#[derive(Clone, Debug, Default)]
pub struct More {
    pub overdue_people: u64,
    pub awaiting: u64,
    pub upcoming: u64,
    pub check_ins: u64,
}

#[derive(Clone, Debug)]
pub struct Overdue {
    pub person_id: i32,
    pub person: String,
    pub area: &'static str,
    pub what: String,
    pub deadline: String,
}

#[derive(Clone, Debug)]
pub struct Upcoming {
    pub person_id: i32,
    pub person: String,
    pub when: String,
    pub place: String,
}
use crate::server::actor::StaffActor;
use crate::server::entities::{
    appointment, hire, person, person_detail, plan_version, referral, retention_check, service,
};
use crate::server::error::WebError;
use crate::server::now;
use sea_orm::sea_query::{Expr, Query, SelectStatement};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Select,
};
use std::collections::{BTreeSet, HashMap};

/// How far ahead "next appointments" look.
const UPCOMING_DAYS: i64 = 7;

/// The people I follow as técnica de referência.
fn my_people(me: &StaffActor) -> SelectStatement {
    Query::select()
        .column(person_detail::Column::PersonId)
        .from(person_detail::Entity)
        .and_where(person_detail::Column::ReferenceUserId.eq(me.actor.user_id))
        .to_owned()
}

/// Rows of my unit, about my people (a coordinator: about anyone of the unit).
fn in_scope<E: EntityTrait>(
    query: Select<E>,
    unit: impl ColumnTrait,
    person: impl ColumnTrait,
    me: &StaffActor,
) -> Select<E> {
    let query = query.filter(unit.eq(me.unit_id));
    if me.coordinator {
        query
    } else {
        query.filter(person.in_subquery(my_people(me)))
    }
}

pub async fn caseload(
    db: &DatabaseConnection,
    me: &StaffActor,
    page: u64,
) -> Result<Caseload, WebError> {
    let now = now();
    let today = dates::iso_date(now);
    let mut more = More::default();

    // My people, one page by name.
    let people_query = in_scope(
        person::Entity::find(),
        person::Column::UnitId,
        person::Column::Id,
        me,
    );
    let people_total = people_query.clone().count(db).await?;
    let people: Vec<(i32, String)> = people_query
        .order_by_asc(person::Column::SearchName)
        .order_by_asc(person::Column::Id)
        .offset(page.saturating_sub(1).saturating_mul(LIST_SIZE))
        .limit(LIST_SIZE)
        .all(db)
        .await?
        .iter()
        .map(|p| (p.id, name_of(p)))
        .collect();

    // Overdue actions: the latest plan version of each person whose earliest open deadline
    // has passed, the most overdue first; only those plans are read.
    let overdue_query = in_scope(
        plan_version::Entity::find(),
        plan_version::Column::UnitId,
        plan_version::Column::PersonId,
        me,
    )
    .filter(plan_version::Column::OpenDeadline.ne(""))
    .filter(plan_version::Column::OpenDeadline.ne(plan_version::UNKNOWN_DEADLINE))
    .filter(plan_version::Column::OpenDeadline.lt(today.as_str()))
    .filter(Expr::cust(
        "NOT EXISTS (SELECT 1 FROM plan_version later \
         WHERE later.person_id = plan_version.person_id AND later.number > plan_version.number)",
    ));
    more.overdue_people = overdue_query.clone().count(db).await?;
    let overdue_plans = overdue_query
        .order_by_asc(plan_version::Column::OpenDeadline)
        .order_by_asc(plan_version::Column::PersonId)
        .limit(LIST_SIZE)
        .all(db)
        .await?;

    let waiting_query = in_scope(
        referral::Entity::find(),
        referral::Column::UnitId,
        referral::Column::PersonId,
        me,
    )
    .filter(referral::Column::Status.eq("solicitado"));
    more.awaiting = waiting_query.clone().count(db).await?;
    let waiting = waiting_query
        .order_by_asc(referral::Column::CreatedAt)
        .order_by_asc(referral::Column::Id)
        .limit(LIST_SIZE)
        .all(db)
        .await?;

    let upcoming_query = in_scope(
        appointment::Entity::find(),
        appointment::Column::UnitId,
        appointment::Column::PersonId,
        me,
    )
    .filter(appointment::Column::Status.eq("agendado"))
    .filter(appointment::Column::StartsAt.gte(now))
    .filter(appointment::Column::StartsAt.lt(now + UPCOMING_DAYS * 86_400));
    more.upcoming = upcoming_query.clone().count(db).await?;
    let appointments = upcoming_query
        .order_by_asc(appointment::Column::StartsAt)
        .order_by_asc(appointment::Column::Id)
        .limit(LIST_SIZE)
        .all(db)
        .await?;

    let shown_until = crate::domain::retention::shown_until(&today).unwrap_or_default();
    let check_in_query = in_scope(
        retention_check::Entity::find(),
        retention_check::Column::UnitId,
        retention_check::Column::PersonId,
        me,
    )
    .filter(retention_check::Column::Status.eq("pendente"))
    .filter(retention_check::Column::DueOn.lte(shown_until.as_str()));
    more.check_ins = check_in_query.clone().count(db).await?;
    let pending = check_in_query
        .order_by_asc(retention_check::Column::DueOn)
        .order_by_asc(retention_check::Column::Id)
        .limit(LIST_SIZE)
        .all(db)
        .await?;

    // Names of the people shown anywhere on the page, and nobody else.
    let shown: BTreeSet<i32> = people
        .iter()
        .map(|(id, _)| *id)
        .chain(overdue_plans.iter().map(|v| v.person_id))
        .chain(waiting.iter().map(|r| r.person_id))
        .chain(appointments.iter().map(|a| a.person_id))
        .chain(pending.iter().map(|c| c.person_id))
        .collect();
    let names: HashMap<i32, String> = person::Entity::find()
        .filter(person::Column::UnitId.eq(me.unit_id))
        .filter(person::Column::Id.is_in(shown.iter().copied()))
        .all(db)
        .await?
        .iter()
        .map(|p| (p.id, name_of(p)))
        .collect();
    let name = |id: i32| names.get(&id).cloned().unwrap_or_default();

    let mut overdue = Vec::new();
    for v in &overdue_plans {
        let plan: Plan = serde_json::from_str(&v.content)
            .map_err(|e| WebError::Internal(format!("plan version {} unreadable: {e}", v.id)))?;
        for a in &plan.areas {
            for x in a.actions.iter().filter(|x| x.is_overdue(&today)) {
                overdue.push(Overdue {
                    person_id: v.person_id,
                    person: name(v.person_id),
                    area: crate::domain::plan::area_name(&a.area),
                    what: x.what.clone(),
                    deadline: x.deadline.clone(),
                });
            }
        }
    }
    overdue.sort_by(|a, b| a.deadline.cmp(&b.deadline));

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

    let upcoming = appointments
        .into_iter()
        .map(|a| Upcoming {
            person_id: a.person_id,
            person: name(a.person_id),
            when: dates::br_datetime(a.starts_at),
            place: a.place,
        })
        .collect::<Vec<_>>();

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
            answer: c
                .person_answer
                .as_deref()
                .and_then(crate::domain::retention::answer_label),
        })
        .collect::<Vec<_>>();

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
        people_total,
        page,
        overdue,
        awaiting,
        upcoming,
        check_ins,
        more,
    })
}
