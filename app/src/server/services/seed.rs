//! Demo data for trying the app (`make run`). Deterministic, seeded once into an empty
//! database, all in one transaction. Documented in the README. Never seeded unless asked.

use super::passwords;
use crate::domain::Role;
use crate::server::entities::{organization, person, unit, user_account};
use crate::server::now;
use sea_orm::{
    ActiveModelTrait, DatabaseConnection, EntityTrait, PaginatorTrait, Set, TransactionTrait,
};

pub const DEMO_PASSWORD: &str = "esv-demo-2026";

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("database: {0}")]
    Db(#[from] sea_orm::DbErr),
    #[error("{0}")]
    Hash(#[from] passwords::HashError),
}

/// Seeds the demo data if the database has no unit yet. Returns whether it seeded.
pub async fn seed_demo_if_empty(db: &DatabaseConnection) -> Result<bool, SeedError> {
    if unit::Entity::find().count(db).await? > 0 {
        return Ok(false);
    }
    // One hash for all demo accounts: they share the documented demo password anyway.
    let hash = passwords::hash(DEMO_PASSWORD.to_string()).await?;
    let now = now();
    let txn = db.begin().await?;
    let unit = unit::ActiveModel {
        name: Set("Escritório Social de Brasília".into()),
        uf: Set("DF".into()),
        ibge_municipality: Set("5300108".into()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let company = organization::ActiveModel {
        kind: Set("company".into()),
        name: Set("Construtora Horizonte Ltda.".into()),
        cnpj: Set(Some("11444777000161".into())),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let partner = organization::ActiveModel {
        kind: Set("partner".into()),
        name: Set("Coletivo Recomeço".into()),
        cnpj: Set(Some("12ABC34501DE35".into())),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let maria = person::ActiveModel {
        unit_id: Set(unit.id),
        full_name: Set("Maria Aparecida dos Santos".into()),
        social_name: Set(None),
        cpf: Set(Some("52998224725".into())),
        status: Set("egresso".into()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;

    let staff =
        |role: Role, name: &str, email: &str| (role, name.to_string(), Some(email.to_string()));
    let accounts = [
        (
            staff(Role::Admin, "Administração ESV", "admin@exemplo.org"),
            None,
            None,
            None,
        ),
        (
            staff(
                Role::Coordinator,
                "Joana Ribeiro",
                "coordenacao@exemplo.org",
            ),
            Some(unit.id),
            None,
            None,
        ),
        (
            staff(Role::Caseworker, "Carla Mendes", "tecnica@exemplo.org"),
            Some(unit.id),
            None,
            None,
        ),
        (
            staff(Role::Company, "Roberto Lima", "rh@exemplo.org"),
            None,
            Some(company.id),
            None,
        ),
        (
            staff(Role::Partner, "Paulo Nascimento", "parceiro@exemplo.org"),
            None,
            Some(partner.id),
            None,
        ),
        (
            (Role::Egresso, maria.full_name.clone(), None),
            Some(unit.id),
            None,
            Some(maria.id),
        ),
    ];
    for ((role, name, email), unit_id, organization_id, person_id) in accounts {
        user_account::ActiveModel {
            role: Set(role.as_str().into()),
            display_name: Set(name),
            email: Set(email),
            person_id: Set(person_id),
            unit_id: Set(unit_id),
            organization_id: Set(organization_id),
            password_hash: Set(Some(hash.clone())),
            active: Set(true),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(true)
}
