use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261125_000001_create_unit::Unit;

/// A pessoa atendida (egressa, pré-egressa or familiar). Exists without an account: pré-egressos
/// usually have no phone, and caseworkers register them.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Person {
    Table,
    Id,
    UnitId,
    FullName,
    SocialName,
    Cpf,
    Status,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Person::Table)
                    .col(pk_auto(Person::Id))
                    .col(integer(Person::UnitId))
                    .col(string_len(Person::FullName, 200))
                    .col(string_len_null(Person::SocialName, 200))
                    .col(char_len_null(Person::Cpf, 11).unique_key())
                    .col(string_len(Person::Status, 20))
                    .col(big_integer(Person::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_person_unit")
                            .from(Person::Table, Person::UnitId)
                            .to(Unit::Table, Unit::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_person_unit")
                    .table(Person::Table)
                    .col(Person::UnitId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Person::Table).to_owned())
            .await
    }
}
