use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261125_000003_create_person::Person;

/// The unit's people search runs in the database at any size of unit (issue 12): the name as
/// searched (folded: no accents, lower case; the shown name first), indexed with the unit.
/// Existing rows are filled at start-up by the application (`people::backfill_search_names`),
/// which owns the folding rule.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Extra {
    SearchName,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Person::Table)
                    .add_column(string_len(Extra::SearchName, 420).default(""))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_person_unit_search_name")
                    .table(Person::Table)
                    .col(Person::UnitId)
                    .col(Extra::SearchName)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_person_unit_search_name")
                    .table(Person::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Person::Table)
                    .drop_column(Extra::SearchName)
                    .to_owned(),
            )
            .await
    }
}
