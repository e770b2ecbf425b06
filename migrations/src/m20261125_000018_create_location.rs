use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261125_000002_create_organization::Organization;

/// HSDS 3 `location` with its `address` folded in (one physical address per location) and
/// WGS 84 coordinates for sorting by distance.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Location {
    Table,
    Id,
    OrganizationId,
    Name,
    Address1,
    City,
    Uf,
    IbgeMunicipality,
    PostalCode,
    Latitude,
    Longitude,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Location::Table)
                    .col(pk_auto(Location::Id))
                    .col(integer(Location::OrganizationId))
                    .col(string_len(Location::Name, 200))
                    .col(string_len(Location::Address1, 200))
                    .col(string_len(Location::City, 100))
                    .col(string_len(Location::Uf, 2))
                    .col(string_len(Location::IbgeMunicipality, 7))
                    .col(string_len(Location::PostalCode, 8))
                    .col(double(Location::Latitude))
                    .col(double(Location::Longitude))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_location_organization")
                            .from(Location::Table, Location::OrganizationId)
                            .to(Organization::Table, Organization::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_location_municipality")
                    .table(Location::Table)
                    .col(Location::IbgeMunicipality)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Location::Table).to_owned())
            .await
    }
}
