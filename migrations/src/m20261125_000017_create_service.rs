use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261125_000002_create_organization::Organization;

/// HSDS 3 `service`: what an organisation offers. `area` is the taxonomy term (see
/// `domain::services::AREAS`); `status` is active | inactive; `search_text` is folded for LIKE search.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Service {
    Table,
    Id,
    OrganizationId,
    Name,
    Description,
    Area,
    Email,
    Url,
    Status,
    SearchText,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Service::Table)
                    .col(pk_auto(Service::Id))
                    .col(integer(Service::OrganizationId))
                    .col(string_len(Service::Name, 200))
                    .col(text(Service::Description))
                    .col(string_len(Service::Area, 40))
                    .col(string_len_null(Service::Email, 200))
                    .col(string_len_null(Service::Url, 300))
                    .col(string_len(Service::Status, 20))
                    .col(text(Service::SearchText))
                    .col(big_integer(Service::CreatedAt))
                    .col(big_integer(Service::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_service_organization")
                            .from(Service::Table, Service::OrganizationId)
                            .to(Organization::Table, Organization::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_service_area")
                    .table(Service::Table)
                    .col(Service::Area)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Service::Table).to_owned())
            .await
    }
}
