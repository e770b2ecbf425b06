use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261125_000017_create_service::Service;

/// "Informar erro": anyone flags stale directory data; the admin reviews it. `status`: open |
/// resolved. No personal data is asked for.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum ServiceReport {
    Table,
    Id,
    ServiceId,
    Message,
    Status,
    CreatedAt,
    ResolvedBy,
    ResolvedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ServiceReport::Table)
                    .col(pk_auto(ServiceReport::Id))
                    .col(integer(ServiceReport::ServiceId))
                    .col(text(ServiceReport::Message))
                    .col(string_len(ServiceReport::Status, 20))
                    .col(big_integer(ServiceReport::CreatedAt))
                    .col(integer_null(ServiceReport::ResolvedBy))
                    .col(big_integer_null(ServiceReport::ResolvedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_report_service")
                            .from(ServiceReport::Table, ServiceReport::ServiceId)
                            .to(Service::Table, Service::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_report_status")
                    .table(ServiceReport::Table)
                    .col(ServiceReport::Status)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ServiceReport::Table).to_owned())
            .await
    }
}
