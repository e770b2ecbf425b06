use sea_orm_migration::{prelude::*, schema::*};

/// The person's técnica de referência: the staff member who follows the case (the caseload
/// dashboard's "minhas pessoas"). Null = nobody assigned yet.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PersonDetail {
    Table,
    ReferenceUserId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(PersonDetail::Table)
                    .add_column(integer_null(PersonDetail::ReferenceUserId))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(PersonDetail::Table)
                    .drop_column(PersonDetail::ReferenceUserId)
                    .to_owned(),
            )
            .await
    }
}
