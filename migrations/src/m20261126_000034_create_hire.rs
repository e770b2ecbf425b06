use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261125_000003_create_person::Person;

/// A job the person got (recorded by the team; company-recorded hires come with the partner
/// companies' pipeline). `ended_on` is set when a check-in finds the job lost.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Hire {
    Table,
    Id,
    PersonId,
    UnitId,
    Employer,
    JobTitle,
    StartedOn,
    EndedOn,
    RecordedBy,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Hire::Table)
                    .col(pk_auto(Hire::Id))
                    .col(integer(Hire::PersonId))
                    .col(integer(Hire::UnitId))
                    .col(string_len(Hire::Employer, 200))
                    .col(string_len(Hire::JobTitle, 200))
                    .col(string_len(Hire::StartedOn, 10))
                    .col(string_len_null(Hire::EndedOn, 10))
                    .col(integer(Hire::RecordedBy))
                    .col(big_integer(Hire::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_hire_person")
                            .from(Hire::Table, Hire::PersonId)
                            .to(Person::Table, Person::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_hire_person")
                    .table(Hire::Table)
                    .col(Hire::PersonId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Hire::Table).to_owned())
            .await
    }
}
