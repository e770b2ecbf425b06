use sea_orm_migration::prelude::*;

use crate::m20261201_000048_directory_listing::{DirectoryListing as L, index};

/// Nearest-first reads (entry, latitude, longitude) from a box. On PostgreSQL the position
/// indexes lacked the entry id, so each entry in the box was a heap read (1.1 ms for a box of
/// 188 entries); with the id in the index it is an index-only scan. (SQLite keeps the id in
/// every index already: it is the rowid.)
#[derive(DeriveMigrationName)]
pub struct Migration;

const POSITION: [(&str, &[L]); 2] = [
    (
        "idx_listing_position",
        &[L::LonCell, L::Latitude, L::Longitude],
    ),
    (
        "idx_listing_area_position",
        &[L::Area, L::LonCell, L::Latitude, L::Longitude],
    ),
];

async fn replace(manager: &SchemaManager<'_>, with_id: bool) -> Result<(), DbErr> {
    for (name, columns) in POSITION {
        manager
            .drop_index(
                Index::drop()
                    .name(name)
                    .table(L::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await?;
        let mut columns = columns.to_vec();
        if with_id {
            columns.push(L::SalId);
        }
        manager.create_index(index(name, &columns)).await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// Drop and create on one connection, whole or not at all. On SQLite the migrator runs
    /// each statement on any connection of the pool by default, and the create was refused
    /// ("already exists") by a connection that had not yet seen the drop.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        replace(manager, true).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        replace(manager, false).await
    }
}
