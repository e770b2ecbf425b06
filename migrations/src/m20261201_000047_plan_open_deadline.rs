use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261126_000029_create_plan_version::PlanVersion;

/// The dashboard finds overdue plans in the database at any size of unit (issue 12): each
/// version keeps the earliest deadline of its open actions ("" when none). Existing versions
/// get "?" here and are read and filled at start-up by the application, which owns the plan.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Extra {
    OpenDeadline,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(PlanVersion::Table)
                    .add_column(string_len(Extra::OpenDeadline, 10).default("?"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_plan_version_deadline")
                    .table(PlanVersion::Table)
                    .col(PlanVersion::UnitId)
                    .col(Extra::OpenDeadline)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_plan_version_deadline")
                    .table(PlanVersion::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(PlanVersion::Table)
                    .drop_column(Extra::OpenDeadline)
                    .to_owned(),
            )
            .await
    }
}
