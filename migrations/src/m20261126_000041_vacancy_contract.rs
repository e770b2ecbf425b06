use sea_orm_migration::{prelude::*, schema::*};

/// The public contract whose quota a "vaga com cota legal" serves (optional).
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Vacancy {
    Table,
    ContractId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Vacancy::Table)
                    .add_column(integer_null(Vacancy::ContractId))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Vacancy::Table)
                    .drop_column(Vacancy::ContractId)
                    .to_owned(),
            )
            .await
    }
}
