use sea_orm_migration::{prelude::*, schema::*};

/// The Escritório Social's confirmation that a person may fill a legal-quota post (Decreto
/// 9.450/2018). Companies see "Elegível para cota" only with this *and* the person's consent;
/// never why.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PersonDetail {
    Table,
    QuotaConfirmedBy,
    QuotaConfirmedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for mut column in [
            integer_null(PersonDetail::QuotaConfirmedBy),
            big_integer_null(PersonDetail::QuotaConfirmedAt),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(PersonDetail::Table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            PersonDetail::QuotaConfirmedBy,
            PersonDetail::QuotaConfirmedAt,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(PersonDetail::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
