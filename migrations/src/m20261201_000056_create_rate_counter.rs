use sea_orm_migration::{prelude::*, schema::*};

/// Rate limits shared by every server on one database (issue 15, point 3): login and code
/// attempts per address and per account, partner API calls per key. One row per counted
/// thing and its current window. Keys name what is counted without personal data (an
/// account's identifier is stored as its SHA-256).
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum RateCounter {
    Table,
    Key,
    WindowStart,
    Count,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RateCounter::Table)
                    .col(string_len(RateCounter::Key, 100).primary_key())
                    .col(big_integer(RateCounter::WindowStart))
                    .col(integer(RateCounter::Count))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_rate_counter_window")
                    .table(RateCounter::Table)
                    .col(RateCounter::WindowStart)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(RateCounter::Table).to_owned())
            .await
    }
}
