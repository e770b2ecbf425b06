use sea_orm_migration::{prelude::*, schema::*};

/// Writes a phone kept offline and sends later (issue 15, point 8; `app::server::offline`):
/// the profile's version, so a profile typed on a phone against an older copy is shown to the
/// person as a conflict instead of silently overwriting a newer one; and the person's own
/// answer to a check-in about their job (the team still records the conversation itself).
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ProfessionalProfile {
    Table,
    Version,
}

#[derive(DeriveIden)]
enum RetentionCheck {
    Table,
    PersonAnswer,
    PersonNote,
    PersonAnsweredAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one column at a time.
        manager
            .alter_table(
                Table::alter()
                    .table(ProfessionalProfile::Table)
                    .add_column(integer(ProfessionalProfile::Version).default(0))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(RetentionCheck::Table)
                    .add_column(string_len_null(RetentionCheck::PersonAnswer, 20))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(RetentionCheck::Table)
                    .add_column(text_null(RetentionCheck::PersonNote))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(RetentionCheck::Table)
                    .add_column(big_integer_null(RetentionCheck::PersonAnsweredAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, column) in [
            (
                ProfessionalProfile::Table.into_iden(),
                ProfessionalProfile::Version.into_iden(),
            ),
            (
                RetentionCheck::Table.into_iden(),
                RetentionCheck::PersonAnswer.into_iden(),
            ),
            (
                RetentionCheck::Table.into_iden(),
                RetentionCheck::PersonNote.into_iden(),
            ),
            (
                RetentionCheck::Table.into_iden(),
                RetentionCheck::PersonAnsweredAt.into_iden(),
            ),
        ] {
            manager
                .alter_table(Table::alter().table(table).drop_column(column).to_owned())
                .await?;
        }
        Ok(())
    }
}
