use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261125_000004_create_user_account::UserAccount;

/// The partner API's keys (issue 14, point 6). An organisation creates and revokes them in
/// its own area. Each key acts through an account of its own (`user_account.integration`),
/// so every read it makes is logged under its name in the person's "Quem viu meus dados"
/// and scoped exactly like the organisation's pages. Only the SHA-256 of the key is kept.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum ApiToken {
    Table,
    Id,
    OrganizationId,
    AccountId,
    Name,
    TokenHash,
    Hint,
    CreatedBy,
    CreatedAt,
    LastUsedAt,
    RevokedAt,
    RevokedBy,
}

#[derive(DeriveIden)]
enum Extra {
    Integration,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(UserAccount::Table)
                    .add_column(boolean(Extra::Integration).default(false))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ApiToken::Table)
                    .col(pk_auto(ApiToken::Id))
                    .col(integer(ApiToken::OrganizationId))
                    .col(integer(ApiToken::AccountId).unique_key())
                    .col(string_len(ApiToken::Name, 80))
                    .col(string_len(ApiToken::TokenHash, 64).unique_key())
                    .col(string_len(ApiToken::Hint, 8))
                    .col(integer(ApiToken::CreatedBy))
                    .col(big_integer(ApiToken::CreatedAt))
                    .col(big_integer_null(ApiToken::LastUsedAt))
                    .col(big_integer_null(ApiToken::RevokedAt))
                    .col(integer_null(ApiToken::RevokedBy))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_api_token_organization")
                    .table(ApiToken::Table)
                    .col(ApiToken::OrganizationId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ApiToken::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(UserAccount::Table)
                    .drop_column(Extra::Integration)
                    .to_owned(),
            )
            .await
    }
}
