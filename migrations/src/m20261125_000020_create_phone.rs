use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261125_000019_create_service_at_location::ServiceAtLocation;

/// HSDS 3 `phone` of a service at a location. `number` holds digits only (DDD + number).
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Phone {
    Table,
    Id,
    ServiceAtLocationId,
    Number,
    Description,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Phone::Table)
                    .col(pk_auto(Phone::Id))
                    .col(integer(Phone::ServiceAtLocationId))
                    .col(string_len(Phone::Number, 13))
                    .col(string_len_null(Phone::Description, 100))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_phone_sal")
                            .from(Phone::Table, Phone::ServiceAtLocationId)
                            .to(ServiceAtLocation::Table, ServiceAtLocation::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_phone_sal")
                    .table(Phone::Table)
                    .col(Phone::ServiceAtLocationId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Phone::Table).to_owned())
            .await
    }
}
