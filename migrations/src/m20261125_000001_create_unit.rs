use sea_orm_migration::{prelude::*, schema::*};

/// An Escritório Social office. IBGE municipality code: 7 digits, the first 2 are the UF code.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Unit {
    Table,
    Id,
    Name,
    Uf,
    IbgeMunicipality,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Unit::Table)
                    .col(pk_auto(Unit::Id))
                    .col(string_len(Unit::Name, 200))
                    .col(char_len(Unit::Uf, 2))
                    .col(char_len(Unit::IbgeMunicipality, 7))
                    .col(big_integer(Unit::CreatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Unit::Table).to_owned())
            .await
    }
}
