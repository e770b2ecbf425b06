use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261125_000003_create_person::Person;

/// Requests a person makes about their data (LGPD art. 18), recorded for staff to fulfil.
/// `kind`: deletion. `status`: open | done.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum DataRequest {
    Table,
    Id,
    PersonId,
    Kind,
    Status,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(DataRequest::Table)
                    .col(pk_auto(DataRequest::Id))
                    .col(integer(DataRequest::PersonId))
                    .col(string_len(DataRequest::Kind, 20))
                    .col(string_len(DataRequest::Status, 20))
                    .col(big_integer(DataRequest::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_data_request_person")
                            .from(DataRequest::Table, DataRequest::PersonId)
                            .to(Person::Table, Person::Id),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(DataRequest::Table).to_owned())
            .await
    }
}
