use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261125_000003_create_person::Person;

/// Plano singular: every save is a new row holding the whole plan (JSON, a few KiB) with the
/// plain-language list of what changed. (person_id, number) is unique, so two people saving on
/// top of the same version cannot both win.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum PlanVersion {
    Table,
    Id,
    PersonId,
    UnitId,
    Number,
    Content,
    Changes,
    CreatedBy,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PlanVersion::Table)
                    .col(pk_auto(PlanVersion::Id))
                    .col(integer(PlanVersion::PersonId))
                    .col(integer(PlanVersion::UnitId))
                    .col(integer(PlanVersion::Number))
                    .col(text(PlanVersion::Content))
                    .col(text(PlanVersion::Changes))
                    .col(integer(PlanVersion::CreatedBy))
                    .col(big_integer(PlanVersion::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_plan_version_person")
                            .from(PlanVersion::Table, PlanVersion::PersonId)
                            .to(Person::Table, Person::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_plan_version_person_number")
                    .table(PlanVersion::Table)
                    .col(PlanVersion::PersonId)
                    .col(PlanVersion::Number)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PlanVersion::Table).to_owned())
            .await
    }
}
