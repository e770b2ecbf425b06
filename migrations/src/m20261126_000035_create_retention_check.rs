use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261126_000034_create_hire::Hire;

/// Retention check-ins 30, 90 and 180 days after a hire. `status`: pendente | feito |
/// cancelado (the job ended before its date).
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum RetentionCheck {
    Table,
    Id,
    HireId,
    PersonId,
    UnitId,
    DayMark,
    DueOn,
    Status,
    StillEmployed,
    Note,
    DoneBy,
    DoneAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RetentionCheck::Table)
                    .col(pk_auto(RetentionCheck::Id))
                    .col(integer(RetentionCheck::HireId))
                    .col(integer(RetentionCheck::PersonId))
                    .col(integer(RetentionCheck::UnitId))
                    .col(integer(RetentionCheck::DayMark))
                    .col(string_len(RetentionCheck::DueOn, 10))
                    .col(string_len(RetentionCheck::Status, 20))
                    .col(boolean_null(RetentionCheck::StillEmployed))
                    .col(text_null(RetentionCheck::Note))
                    .col(integer_null(RetentionCheck::DoneBy))
                    .col(big_integer_null(RetentionCheck::DoneAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_retention_check_hire")
                            .from(RetentionCheck::Table, RetentionCheck::HireId)
                            .to(Hire::Table, Hire::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_retention_check_unit_due")
                    .table(RetentionCheck::Table)
                    .col(RetentionCheck::UnitId)
                    .col(RetentionCheck::Status)
                    .col(RetentionCheck::DueOn)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(RetentionCheck::Table).to_owned())
            .await
    }
}
