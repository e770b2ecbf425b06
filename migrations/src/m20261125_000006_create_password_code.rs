use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261125_000004_create_user_account::UserAccount;

/// One-time codes an admin hands to a person so they can set (or reset) their password.
/// Only a hash of the code is stored; a code works once and expires.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum PasswordCode {
    Table,
    Id,
    UserId,
    CodeHash,
    CreatedBy,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PasswordCode::Table)
                    .col(pk_auto(PasswordCode::Id))
                    .col(integer(PasswordCode::UserId))
                    .col(string_len(PasswordCode::CodeHash, 200))
                    .col(integer(PasswordCode::CreatedBy))
                    .col(big_integer(PasswordCode::CreatedAt))
                    .col(big_integer(PasswordCode::ExpiresAt))
                    .col(big_integer_null(PasswordCode::UsedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_password_code_user")
                            .from(PasswordCode::Table, PasswordCode::UserId)
                            .to(UserAccount::Table, UserAccount::Id),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PasswordCode::Table).to_owned())
            .await
    }
}
