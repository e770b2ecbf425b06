use sea_orm_migration::prelude::*;

use crate::m20261125_000008_create_vacancy::Vacancy;

/// Indexes measured with 100,000 vacancies (bench/search.sh): the newest open vacancies read
/// in index order (no sort of the whole table), and the list of places answered from a
/// covering index.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("idx_vacancy_recent")
                    .table(Vacancy::Table)
                    .col(Vacancy::Status)
                    .col(Vacancy::PostedAt)
                    .col(Vacancy::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_vacancy_places")
                    .table(Vacancy::Table)
                    .col(Vacancy::Status)
                    .col(Vacancy::Uf)
                    .col(Vacancy::City)
                    .col(Vacancy::IbgeMunicipality)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_vacancy_places")
                    .table(Vacancy::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("idx_vacancy_recent")
                    .table(Vacancy::Table)
                    .to_owned(),
            )
            .await
    }
}
