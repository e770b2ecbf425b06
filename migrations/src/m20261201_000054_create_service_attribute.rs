use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261125_000017_create_service::Service;

/// Whom a service is for and its kind (issue 14): HSDS `attribute` rows linking a service to a
/// term of a taxonomy kept as data (`reference/taxonomias/`). The index serves "Para quem" and
/// "Tipo" on `/servicos`: from a term to its services.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum ServiceAttribute {
    Table,
    ServiceId,
    Taxonomy,
    Code,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ServiceAttribute::Table)
                    .col(integer(ServiceAttribute::ServiceId))
                    .col(string_len(ServiceAttribute::Taxonomy, 20))
                    .col(string_len(ServiceAttribute::Code, 40))
                    .primary_key(
                        Index::create()
                            .col(ServiceAttribute::ServiceId)
                            .col(ServiceAttribute::Taxonomy)
                            .col(ServiceAttribute::Code),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ServiceAttribute::Table, ServiceAttribute::ServiceId)
                            .to(Service::Table, Service::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_service_attribute_term")
                    .table(ServiceAttribute::Table)
                    .col(ServiceAttribute::Taxonomy)
                    .col(ServiceAttribute::Code)
                    .col(ServiceAttribute::ServiceId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ServiceAttribute::Table).to_owned())
            .await
    }
}
