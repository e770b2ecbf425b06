use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261125_000017_create_service::Service;
use crate::m20261125_000018_create_location::Location;

/// HSDS 3 `service_at_location`: a service delivered at a location. Schedules and phones hang
/// from it.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum ServiceAtLocation {
    Table,
    Id,
    ServiceId,
    LocationId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ServiceAtLocation::Table)
                    .col(pk_auto(ServiceAtLocation::Id))
                    .col(integer(ServiceAtLocation::ServiceId))
                    .col(integer(ServiceAtLocation::LocationId))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_sal_service")
                            .from(ServiceAtLocation::Table, ServiceAtLocation::ServiceId)
                            .to(Service::Table, Service::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_sal_location")
                            .from(ServiceAtLocation::Table, ServiceAtLocation::LocationId)
                            .to(Location::Table, Location::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_sal_service")
                    .table(ServiceAtLocation::Table)
                    .col(ServiceAtLocation::ServiceId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ServiceAtLocation::Table).to_owned())
            .await
    }
}
