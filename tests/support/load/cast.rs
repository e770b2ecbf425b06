//! Who takes part in a load run: one account per simulated person, of every role, made in
//! the database before the run on top of the demo year (which has one login per role).
//!
//! Accounts are written directly, with the demo password's hash copied from the demo admin:
//! creating 200 accounts through the admin's one-time codes would hash 200 passwords and
//! measure the set-up, not the use. Egressos get a CPF (the demo year's people have none)
//! so they log in as a real egresso does.

use app::domain::Role;
use app::server::entities::{organization, person, referral, unit, user_account, vacancy};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set, TransactionTrait,
};

/// One simulated person: how they log in and what their work touches.
#[derive(Debug, Clone)]
pub struct Member {
    pub role: Role,
    /// CPF (egressos) or e-mail.
    pub login: String,
    /// Egresso: their own person. Caseworker: the people of their unit they follow (no
    /// two simulated caseworkers share one, so plan saves never race on a version).
    pub people: Vec<i32>,
    /// Company: its own vacancies. Partner: the referrals it received.
    pub items: Vec<i32>,
}

/// Everyone in the run, and what any of them may open.
#[derive(Debug, Clone)]
pub struct Cast {
    pub members: Vec<Member>,
    /// Open vacancies (an egresso opens and saves them).
    pub open_vacancies: Vec<i32>,
}

/// Shares of each role among `users` (an office's usual day: mostly egressos on their
/// phones, then caseworkers); from `MIN_PEOPLE` on, every role has at least one member and
/// the shares add up to `users`.
pub const MIN_PEOPLE: usize = 12;

pub fn role_counts(users: usize) -> Vec<(Role, usize)> {
    let share = |percent: usize| (users * percent).div_ceil(100).max(1);
    let staff = [
        (Role::Caseworker, share(25)),
        (Role::Coordinator, share(6)),
        (Role::Company, share(8)),
        (Role::Partner, share(4)),
        (Role::Admin, share(2)),
    ];
    let taken: usize = staff.iter().map(|(_, n)| n).sum();
    let mut counts = vec![(Role::Egresso, users.saturating_sub(taken).max(1))];
    counts.extend(staff);
    counts
}

/// A valid CPF from a 9-digit base: the check digits the app itself accepts.
pub fn cpf_from_base(base: u32) -> String {
    (0..100)
        .map(|check| format!("{base:09}{check:02}"))
        .find(|cpf| app::domain::Cpf::parse(cpf).is_ok())
        .unwrap_or_default()
}

/// Makes `users` accounts (see `role_counts`) on a database that holds the demo year.
pub async fn prepare(db: &DatabaseConnection, users: usize) -> Result<Cast, DbErr> {
    let hash = user_account::Entity::find()
        .filter(user_account::Column::Email.eq("admin@exemplo.org"))
        .one(db)
        .await?
        .and_then(|a| a.password_hash)
        .ok_or_else(|| DbErr::Custom("the demo data is missing (no demo admin)".into()))?;
    let units: Vec<i32> = unit::Entity::find()
        .order_by_asc(unit::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|u| u.id)
        .collect();
    let with_account: std::collections::HashSet<i32> = user_account::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|a| a.person_id)
        .collect();
    let people: Vec<person::Model> = person::Entity::find()
        .order_by_asc(person::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter(|p| !with_account.contains(&p.id))
        .collect();
    let organizations = |kind: &'static str| {
        organization::Entity::find()
            .filter(organization::Column::Kind.eq(kind))
            .filter(organization::Column::Status.eq("aprovada"))
            .order_by_asc(organization::Column::Id)
            .all(db)
    };
    let companies = organizations("company").await?;
    let partners = organizations("partner").await?;
    let vacancies = vacancy::Entity::find().all(db).await?;
    let referrals = referral::Entity::find().all(db).await?;
    let now = app::server::now();
    let open_vacancies = vacancies
        .iter()
        .filter(|v| v.status == "open" && v.closes_at > now)
        .map(|v| v.id)
        .collect();
    // Partners that received referrals first: their pages have something to open.
    let mut partners: Vec<(usize, i32)> = partners
        .iter()
        .map(|p| {
            let received = referrals
                .iter()
                .filter(|r| r.organization_id == p.id)
                .count();
            (received, p.id)
        })
        .collect();
    partners.sort_by(|a, b| b.cmp(a));

    let txn = db.begin().await?;
    let mut members = Vec::new();
    for (role, count) in role_counts(users) {
        for n in 0..count {
            let mut account = user_account::ActiveModel {
                role: Set(role.as_str().into()),
                display_name: Set(format!("Carga {} {n}", role.as_str())),
                email: Set(Some(format!("carga.{}.{n}@exemplo.org", role.as_str()))),
                password_hash: Set(Some(hash.clone())),
                active: Set(true),
                created_at: Set(now),
                ..Default::default()
            };
            let login = format!("carga.{}.{n}@exemplo.org", role.as_str());
            let member = match role {
                Role::Egresso => {
                    let person = people.get(n).ok_or_else(|| {
                        DbErr::Custom(format!("only {} people without an account", people.len()))
                    })?;
                    let cpf = cpf_from_base(900_000_000 + n as u32);
                    let mut with_cpf: person::ActiveModel = person.clone().into();
                    with_cpf.cpf = Set(Some(cpf.clone()));
                    with_cpf.update(&txn).await?;
                    account.email = Set(None);
                    account.display_name = Set(person.full_name.clone());
                    account.person_id = Set(Some(person.id));
                    account.unit_id = Set(Some(person.unit_id));
                    Member {
                        role,
                        login: cpf,
                        people: vec![person.id],
                        items: Vec::new(),
                    }
                }
                Role::Caseworker | Role::Coordinator => {
                    let unit_id = units[n % units.len()];
                    account.unit_id = Set(Some(unit_id));
                    // The unit's people, dealt out among its simulated caseworkers.
                    let colleagues = count.div_ceil(units.len()).max(1);
                    let mine = people
                        .iter()
                        .filter(|p| p.unit_id == unit_id)
                        .skip(n / units.len())
                        .step_by(colleagues)
                        .take(30)
                        .map(|p| p.id)
                        .collect();
                    Member {
                        role,
                        login,
                        people: if role == Role::Caseworker {
                            mine
                        } else {
                            Vec::new()
                        },
                        items: Vec::new(),
                    }
                }
                Role::Company => {
                    let company = &companies[n % companies.len()];
                    account.organization_id = Set(Some(company.id));
                    Member {
                        role,
                        login,
                        people: Vec::new(),
                        items: vacancies
                            .iter()
                            .filter(|v| v.organization_id == company.id)
                            .map(|v| v.id)
                            .collect(),
                    }
                }
                Role::Partner => {
                    let (_, partner) = partners[n % partners.len()];
                    account.organization_id = Set(Some(partner));
                    Member {
                        role,
                        login,
                        people: Vec::new(),
                        items: referrals
                            .iter()
                            .filter(|r| r.organization_id == partner)
                            .map(|r| r.id)
                            .collect(),
                    }
                }
                Role::Admin => Member {
                    role,
                    login,
                    people: Vec::new(),
                    items: Vec::new(),
                },
            };
            account.insert(&txn).await?;
            members.push(member);
        }
    }
    txn.commit().await?;
    Ok(Cast {
        members,
        open_vacancies,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_cpfs_pass_the_apps_own_check() {
        for base in [900_000_000, 900_000_001, 900_000_199, 123_456_789] {
            let cpf = cpf_from_base(base);
            assert!(app::domain::Cpf::parse(&cpf).is_ok(), "{cpf}");
        }
        assert_eq!(cpf_from_base(529_982_247), "52998224725");
    }

    #[test]
    fn every_role_takes_part_and_the_total_is_kept() {
        for users in [MIN_PEOPLE, 13, 24, 200, 1000] {
            let counts = role_counts(users);
            assert_eq!(counts.iter().map(|(_, n)| n).sum::<usize>(), users);
            assert!(counts.iter().all(|(_, n)| *n >= 1), "{users}");
        }
    }
}
