use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261125_000019_create_service_at_location::ServiceAtLocation;

/// HSDS 3 `schedule` (freq WEEKLY): one row per weekday opening. `byday` is MO..SU;
/// `opens_at`/`closes_at` are minutes since midnight in Brasília (closes up to 1440).
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Schedule {
    Table,
    Id,
    ServiceAtLocationId,
    Byday,
    OpensAt,
    ClosesAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Schedule::Table)
                    .col(pk_auto(Schedule::Id))
                    .col(integer(Schedule::ServiceAtLocationId))
                    .col(string_len(Schedule::Byday, 2))
                    .col(integer(Schedule::OpensAt))
                    .col(integer(Schedule::ClosesAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_schedule_sal")
                            .from(Schedule::Table, Schedule::ServiceAtLocationId)
                            .to(ServiceAtLocation::Table, ServiceAtLocation::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_schedule_sal")
                    .table(Schedule::Table)
                    .col(Schedule::ServiceAtLocationId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Schedule::Table).to_owned())
            .await
    }
}
