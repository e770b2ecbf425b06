use sea_orm_migration::{prelude::*, schema::*};

/// Company self-registration: trade name, CNAE, contact, and the coordinator's decision.
/// `status`: pendente | aprovada | recusada. Organisations that existed before (created by the
/// admin) stay `aprovada`. SQLite alters one column per statement.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organization {
    Table,
    TradeName,
    Cnae,
    ContactEmail,
    ContactPhone,
    Status,
    DecidedBy,
    DecidedAt,
    DecisionNote,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let columns = [
            string_len_null(Organization::TradeName, 200),
            string_len_null(Organization::Cnae, 7),
            string_len_null(Organization::ContactEmail, 254),
            string_len_null(Organization::ContactPhone, 11),
            string_len(Organization::Status, 20)
                .default("aprovada")
                .to_owned(),
            integer_null(Organization::DecidedBy),
            big_integer_null(Organization::DecidedAt),
            text_null(Organization::DecisionNote),
        ];
        for mut column in columns {
            manager
                .alter_table(
                    Table::alter()
                        .table(Organization::Table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            Organization::TradeName,
            Organization::Cnae,
            Organization::ContactEmail,
            Organization::ContactPhone,
            Organization::Status,
            Organization::DecidedBy,
            Organization::DecidedAt,
            Organization::DecisionNote,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Organization::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
