use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261125_000003_create_person::Person;
use crate::m20261125_000008_create_vacancy::Vacancy;

/// Vacancies a person keeps to look at later ("Salvas").
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum SavedVacancy {
    Table,
    PersonId,
    VacancyId,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SavedVacancy::Table)
                    .col(integer(SavedVacancy::PersonId))
                    .col(integer(SavedVacancy::VacancyId))
                    .col(big_integer(SavedVacancy::CreatedAt))
                    .primary_key(
                        Index::create()
                            .col(SavedVacancy::PersonId)
                            .col(SavedVacancy::VacancyId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_saved_person")
                            .from(SavedVacancy::Table, SavedVacancy::PersonId)
                            .to(Person::Table, Person::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_saved_vacancy")
                            .from(SavedVacancy::Table, SavedVacancy::VacancyId)
                            .to(Vacancy::Table, Vacancy::Id),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SavedVacancy::Table).to_owned())
            .await
    }
}
