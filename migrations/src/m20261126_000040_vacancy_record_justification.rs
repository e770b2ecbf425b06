use sea_orm_migration::{prelude::*, schema::*};

/// Why a vacancy asks for a criminal-record certificate, when the law or the job requires it
/// (TST Tema 1): without this text such a vacancy is not published.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Vacancy {
    Table,
    RecordCheckJustification,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Vacancy::Table)
                    .add_column(text_null(Vacancy::RecordCheckJustification))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Vacancy::Table)
                    .drop_column(Vacancy::RecordCheckJustification)
                    .to_owned(),
            )
            .await
    }
}
