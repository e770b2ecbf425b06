use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261125_000003_create_person::Person;

/// Acompanhamento: each contact with the person (how, when, what was talked about). A
/// `confidential` note is a technical note for the unit's staff only: it never reaches the
/// person's download, partners or companies.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum FollowUp {
    Table,
    Id,
    PersonId,
    UnitId,
    ContactKind,
    HappenedOn,
    Summary,
    Confidential,
    CreatedBy,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(FollowUp::Table)
                    .col(pk_auto(FollowUp::Id))
                    .col(integer(FollowUp::PersonId))
                    .col(integer(FollowUp::UnitId))
                    .col(string_len(FollowUp::ContactKind, 20))
                    .col(string_len(FollowUp::HappenedOn, 10))
                    .col(text(FollowUp::Summary))
                    .col(boolean(FollowUp::Confidential))
                    .col(integer(FollowUp::CreatedBy))
                    .col(big_integer(FollowUp::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_follow_up_person")
                            .from(FollowUp::Table, FollowUp::PersonId)
                            .to(Person::Table, Person::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_follow_up_person")
                    .table(FollowUp::Table)
                    .col(FollowUp::PersonId)
                    .col(FollowUp::HappenedOn)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(FollowUp::Table).to_owned())
            .await
    }
}
