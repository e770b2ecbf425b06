//! For benchmarks only: a large unit. `count` more people in the demo unit, as a busy
//! Escritório Social would hold them: half followed by the demo técnica, each with a plan
//! (a third overdue, a third due later, a third with no open action), every tenth with an
//! appointment in the next days and every 25th with a referral waiting for an answer.
//! Deterministic, in batches of 500 (one transaction each). Never run it on real data.

use crate::domain::dates;
use crate::server::entities::{
    appointment, person, person_detail, plan_version, referral, service, unit, user_account,
};
use crate::server::services::case::people::search_name;
use crate::server::services::seed::SeedError;
use crate::server::{BeginWrite, now};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

const FIRST: [&str; 20] = [
    "Ana",
    "Antônio",
    "Bruna",
    "Carlos",
    "Cláudia",
    "Daniel",
    "Edson",
    "Fernanda",
    "Francisco",
    "Gabriela",
    "João",
    "José",
    "Juliana",
    "Luiz",
    "Márcia",
    "Maria",
    "Paulo",
    "Raimunda",
    "Sebastião",
    "Vanessa",
];
const LAST: [&str; 20] = [
    "Almeida",
    "Alves",
    "Araújo",
    "Barbosa",
    "Cardoso",
    "Conceição",
    "Costa",
    "Ferreira",
    "Gomes",
    "Lima",
    "Nascimento",
    "Oliveira",
    "Pereira",
    "Ribeiro",
    "Rocha",
    "Santos",
    "Silva",
    "Soares",
    "Souza",
    "Teixeira",
];

/// The `n`th generated name: first name, two surnames and a number, so names repeat as
/// real ones do while every person stays distinguishable.
pub fn benchmark_name(n: i64) -> String {
    let first = FIRST[(n % 20) as usize];
    let middle = LAST[((n / 20) % 20) as usize];
    let last = LAST[((n / 400) % 20) as usize];
    format!("{first} {middle} {last} {n}")
}

pub async fn seed_benchmark_people(db: &DatabaseConnection, count: i64) -> Result<(), SeedError> {
    let missing = || SeedError::Db(sea_orm::DbErr::Custom("run with the demo data".into()));
    let unit = unit::Entity::find()
        .order_by_asc(unit::Column::Id)
        .one(db)
        .await?
        .ok_or_else(missing)?;
    let caseworker = user_account::Entity::find()
        .filter(user_account::Column::Email.eq("tecnica@exemplo.org"))
        .one(db)
        .await?
        .ok_or_else(missing)?;
    let service = service::Entity::find()
        .order_by_asc(service::Column::Id)
        .one(db)
        .await?;
    let now = now();
    let day = 86_400;
    let mut n = 0;
    while n < count {
        let end = (n + 500).min(count);
        let txn = db.begin_write().await?;
        let last_id: i32 = person::Entity::find()
            .select_only()
            .column_as(person::Column::Id.max(), "m")
            .into_tuple::<Option<i32>>()
            .one(&txn)
            .await?
            .flatten()
            .unwrap_or(0);
        person::Entity::insert_many((n..end).map(|i| {
            let name = benchmark_name(i);
            person::ActiveModel {
                unit_id: Set(unit.id),
                search_name: Set(search_name(&name, None)),
                full_name: Set(name),
                social_name: Set(None),
                cpf: Set(None),
                status: Set(if i % 5 == 0 { "pre_egresso" } else { "egresso" }.into()),
                created_at: Set(now - (i % 365) * day),
                ..Default::default()
            }
        }))
        .exec(&txn)
        .await?;
        let ids: Vec<i32> = person::Entity::find()
            .select_only()
            .column(person::Column::Id)
            .filter(person::Column::Id.gt(last_id))
            .order_by_asc(person::Column::Id)
            .into_tuple()
            .all(&txn)
            .await?;
        let people: Vec<(i64, i32)> = (n..end).zip(ids).collect();
        person_detail::Entity::insert_many(people.iter().map(|&(i, id)| {
            person_detail::ActiveModel {
                person_id: Set(id),
                related_person_id: Set(None),
                prison_unit: Set(None),
                expected_release: Set(None),
                regime: Set(None),
                phone: Set(None),
                email: Set(None),
                schooling: Set(None),
                race: Set(None),
                gender_identity: Set(None),
                birth_date: Set(None),
                gender_group: Set(None),
                reference_user_id: Set((i % 2 == 0).then_some(caseworker.id)),
                quota_confirmed_by: Set(None),
                quota_confirmed_at: Set(None),
                updated_by: Set(caseworker.id),
                updated_at: Set(now),
            }
        }))
        .exec(&txn)
        .await?;
        plan_version::Entity::insert_many(people.iter().map(|&(i, id)| {
            let open_deadline = match i % 3 {
                0 => dates::iso_date(now - (1 + i % 90) * day),
                1 => dates::iso_date(now + (1 + i % 90) * day),
                _ => String::new(),
            };
            plan_version::ActiveModel {
                person_id: Set(id),
                unit_id: Set(unit.id),
                number: Set(1),
                content: Set("{\"areas\":[]}".into()),
                changes: Set(String::new()),
                created_by: Set(caseworker.id),
                created_at: Set(now),
                open_deadline: Set(open_deadline),
                ..Default::default()
            }
        }))
        .exec(&txn)
        .await?;
        let soon: Vec<_> = people.iter().filter(|(i, _)| i % 10 == 0).collect();
        if !soon.is_empty() {
            appointment::Entity::insert_many(soon.iter().map(|&&(i, id)| {
                appointment::ActiveModel {
                    person_id: Set(id),
                    unit_id: Set(unit.id),
                    starts_at: Set(now + day / 2 + (i % 6) * day),
                    place: Set(unit.name.clone()),
                    with_whom: Set("Carla Mendes".into()),
                    note: Set(None),
                    status: Set("agendado".into()),
                    sequence: Set(0),
                    created_by: Set(caseworker.id),
                    created_at: Set(now),
                    updated_at: Set(now),
                    ..Default::default()
                }
            }))
            .exec(&txn)
            .await?;
        }
        let waiting: Vec<_> = people.iter().filter(|(i, _)| i % 25 == 0).collect();
        if let (Some(service), false) = (&service, waiting.is_empty()) {
            referral::Entity::insert_many(waiting.iter().map(|&&(_, id)| referral::ActiveModel {
                person_id: Set(id),
                unit_id: Set(unit.id),
                service_id: Set(service.id),
                organization_id: Set(service.organization_id),
                demand: Set("Cesta básica nesta semana.".into()),
                shares_case: Set(false),
                override_justification: Set(None),
                status: Set("solicitado".into()),
                status_note: Set(None),
                created_by: Set(caseworker.id),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }))
            .exec(&txn)
            .await?;
        }
        txn.commit().await?;
        n = end;
    }
    Ok(())
}
