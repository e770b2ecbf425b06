use sea_orm_migration::prelude::*;

use crate::m20261201_000048_directory_listing::DirectoryWord;

/// A search with many matches walks the listing in page or position order and asks, for each
/// entry it meets, "has it a word starting with this term?" (`EXISTS … w.sal_id = d.sal_id
/// AND w.word >= …`). An index on the entry then the word answers that with one seek; the
/// index on the entry alone (migration 48) read all of the entry's words. It still serves
/// the rewrite of one entry's words.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// Create and drop on one connection, whole or not at all (see migration 51).
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("idx_directory_word_entry")
                    .table(DirectoryWord::Table)
                    .col(DirectoryWord::SalId)
                    .col(DirectoryWord::Word)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("idx_directory_word_sal")
                    .table(DirectoryWord::Table)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("idx_directory_word_sal")
                    .table(DirectoryWord::Table)
                    .col(DirectoryWord::SalId)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("idx_directory_word_entry")
                    .table(DirectoryWord::Table)
                    .to_owned(),
            )
            .await
    }
}
