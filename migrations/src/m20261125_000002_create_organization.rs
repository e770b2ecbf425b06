use sea_orm_migration::{prelude::*, schema::*};

/// Partner companies (by CNPJ, numeric or alphanumeric — stored as text) and RAESP partner
/// organisations (which may have no CNPJ: collectives, ministries).
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Organization {
    Table,
    Id,
    Kind,
    Name,
    Cnpj,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Organization::Table)
                    .col(pk_auto(Organization::Id))
                    .col(string_len(Organization::Kind, 20))
                    .col(string_len(Organization::Name, 200))
                    .col(string_len_null(Organization::Cnpj, 14).unique_key())
                    .col(big_integer(Organization::CreatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Organization::Table).to_owned())
            .await
    }
}
