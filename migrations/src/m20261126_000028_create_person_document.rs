use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261125_000003_create_person::Person;

/// The documents checklist: one row per (person, document) with its status
/// (tem | providenciando | nao_tem | nao_se_aplica). No row = not asked yet.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum PersonDocument {
    Table,
    Id,
    PersonId,
    UnitId,
    Kind,
    Status,
    UpdatedBy,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PersonDocument::Table)
                    .col(pk_auto(PersonDocument::Id))
                    .col(integer(PersonDocument::PersonId))
                    .col(integer(PersonDocument::UnitId))
                    .col(string_len(PersonDocument::Kind, 20))
                    .col(string_len(PersonDocument::Status, 20))
                    .col(integer(PersonDocument::UpdatedBy))
                    .col(big_integer(PersonDocument::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_person_document_person")
                            .from(PersonDocument::Table, PersonDocument::PersonId)
                            .to(Person::Table, Person::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_person_document_person_kind")
                    .table(PersonDocument::Table)
                    .col(PersonDocument::PersonId)
                    .col(PersonDocument::Kind)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PersonDocument::Table).to_owned())
            .await
    }
}
