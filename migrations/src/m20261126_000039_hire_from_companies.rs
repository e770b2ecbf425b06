use sea_orm_migration::{prelude::*, schema::*};

/// Hires recorded by a company (a candidatura moved to "contratada") wait for the person's
/// Escritório Social to confirm them; only confirmed hires count for a contract's quota, plan
/// retention check-ins and count toward the partner seal. Hires recorded by the team before
/// this step are `confirmada`. SQLite alters one column per statement.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Hire {
    Table,
    OrganizationId,
    VacancyId,
    ApplicationId,
    ContractId,
    Status,
    ConfirmedBy,
    ConfirmedAt,
    DecisionNote,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let columns = [
            integer_null(Hire::OrganizationId),
            integer_null(Hire::VacancyId),
            integer_null(Hire::ApplicationId),
            integer_null(Hire::ContractId),
            string_len(Hire::Status, 20)
                .default("confirmada")
                .to_owned(),
            integer_null(Hire::ConfirmedBy),
            big_integer_null(Hire::ConfirmedAt),
            text_null(Hire::DecisionNote),
        ];
        for mut column in columns {
            manager
                .alter_table(
                    Table::alter()
                        .table(Hire::Table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            Hire::OrganizationId,
            Hire::VacancyId,
            Hire::ApplicationId,
            Hire::ContractId,
            Hire::Status,
            Hire::ConfirmedBy,
            Hire::ConfirmedAt,
            Hire::DecisionNote,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Hire::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
