use sea_orm_migration::prelude::*;

use crate::m20261125_000018_create_location::Location;

/// "Perto de mim" at national scale (issue 12): the directory search asks for the entries in a
/// box around the person, found through this index on latitude (then longitude), and computes
/// exact distances only for those.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
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

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_location_position")
                    .table(Location::Table)
                    .to_owned(),
            )
            .await
    }
}
