use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261125_000003_create_person::Person;
use crate::m20261125_000025_create_person_detail::PersonDetail;

/// Monitoring by age band, gender and first-contact source (issue 14; domain.md,
/// "Monitoring"): the birth date, the self-described gender grouped into the published
/// categories (filled by the application, which owns the grouping rule, for rows that exist),
/// and how the person first reached the office.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Extra {
    BirthDate,
    GenderGroup,
    FirstContact,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one column at a time.
        manager
            .alter_table(
                Table::alter()
                    .table(PersonDetail::Table)
                    .add_column(string_len_null(Extra::BirthDate, 10))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(PersonDetail::Table)
                    .add_column(string_len_null(Extra::GenderGroup, 20))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Person::Table)
                    .add_column(string_len_null(Extra::FirstContact, 20))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_person_unit_created")
                    .table(Person::Table)
                    .col(Person::UnitId)
                    .col(Person::CreatedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_person_unit_created")
                    .table(Person::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Person::Table)
                    .drop_column(Extra::FirstContact)
                    .to_owned(),
            )
            .await?;
        for column in [Extra::GenderGroup, Extra::BirthDate] {
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
