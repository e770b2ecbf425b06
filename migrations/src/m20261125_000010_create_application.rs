use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261125_000003_create_person::Person;
use crate::m20261125_000008_create_vacancy::Vacancy;

/// A candidatura: one person, one vacancy, once. `status`: enviada | em_analise | entrevista |
/// contratada | nao_selecionada | desistiu.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Application {
    Table,
    Id,
    VacancyId,
    PersonId,
    Status,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Application::Table)
                    .col(pk_auto(Application::Id))
                    .col(integer(Application::VacancyId))
                    .col(integer(Application::PersonId))
                    .col(string_len(Application::Status, 20))
                    .col(big_integer(Application::CreatedAt))
                    .col(big_integer(Application::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_application_vacancy")
                            .from(Application::Table, Application::VacancyId)
                            .to(Vacancy::Table, Vacancy::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_application_person")
                            .from(Application::Table, Application::PersonId)
                            .to(Person::Table, Person::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_application_vacancy_person")
                    .table(Application::Table)
                    .col(Application::VacancyId)
                    .col(Application::PersonId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_application_person")
                    .table(Application::Table)
                    .col(Application::PersonId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Application::Table).to_owned())
            .await
    }
}
