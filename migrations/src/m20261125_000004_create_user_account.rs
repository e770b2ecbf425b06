use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261125_000001_create_unit::Unit;
use crate::m20261125_000002_create_organization::Organization;
use crate::m20261125_000003_create_person::Person;

/// A login. Staff and egressos belong to a unit; companies and partners to an organization;
/// an egresso's account points at their `person` (they log in with that person's CPF).
/// `password_hash` is NULL until the person sets a password with a one-time code.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum UserAccount {
    Table,
    Id,
    Role,
    DisplayName,
    Email,
    PersonId,
    UnitId,
    OrganizationId,
    PasswordHash,
    Active,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(UserAccount::Table)
                    .col(pk_auto(UserAccount::Id))
                    .col(string_len(UserAccount::Role, 20))
                    .col(string_len(UserAccount::DisplayName, 200))
                    .col(string_len_null(UserAccount::Email, 254).unique_key())
                    .col(integer_null(UserAccount::PersonId).unique_key())
                    .col(integer_null(UserAccount::UnitId))
                    .col(integer_null(UserAccount::OrganizationId))
                    .col(string_len_null(UserAccount::PasswordHash, 200))
                    .col(boolean(UserAccount::Active))
                    .col(big_integer(UserAccount::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_user_person")
                            .from(UserAccount::Table, UserAccount::PersonId)
                            .to(Person::Table, Person::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_user_unit")
                            .from(UserAccount::Table, UserAccount::UnitId)
                            .to(Unit::Table, Unit::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_user_organization")
                            .from(UserAccount::Table, UserAccount::OrganizationId)
                            .to(Organization::Table, Organization::Id),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(UserAccount::Table).to_owned())
            .await
    }
}
