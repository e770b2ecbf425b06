use sea_orm_migration::{prelude::*, schema::*};

/// Imported HSDS records keep their own UUIDs (issue 14): the UUID a file gave a service or
/// organisation, and the row it became, so importing the same file again updates, not adds.
/// Rows made here need none: their UUID is derived from the installation and the row.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum HsdsIdentity {
    Table,
    Kind,
    Uuid,
    LocalId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(HsdsIdentity::Table)
                    .col(string_len(HsdsIdentity::Kind, 30))
                    .col(string_len(HsdsIdentity::Uuid, 36))
                    .col(integer(HsdsIdentity::LocalId))
                    .primary_key(
                        Index::create()
                            .col(HsdsIdentity::Kind)
                            .col(HsdsIdentity::Uuid),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(HsdsIdentity::Table).to_owned())
            .await
    }
}
