use sea_orm_migration::prelude::*;

use crate::m20261125_000018_create_location::Location;

/// The directory's nearest-first search reads `directory_listing`'s own position indexes
/// (migration 48); nothing reads `location` by position any more, so migration 45's index
/// only cost writes.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_location_position")
                    .table(Location::Table)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("idx_location_position")
                    .table(Location::Table)
                    .col(Location::Latitude)
                    .col(Location::Longitude)
                    .to_owned(),
            )
            .await
    }
}
