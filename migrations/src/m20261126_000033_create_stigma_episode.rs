use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261125_000003_create_person::Person;

/// Stigma episodes (Metodologia de Enfrentamento ao Estigma, CNJ 2023): kind, where, what
/// happened, what the team did and how it ended.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum StigmaEpisode {
    Table,
    Id,
    PersonId,
    UnitId,
    Kind,
    Setting,
    HappenedOn,
    WhatHappened,
    ActionTaken,
    Outcome,
    CreatedBy,
    CreatedAt,
    UpdatedBy,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(StigmaEpisode::Table)
                    .col(pk_auto(StigmaEpisode::Id))
                    .col(integer(StigmaEpisode::PersonId))
                    .col(integer(StigmaEpisode::UnitId))
                    .col(string_len(StigmaEpisode::Kind, 20))
                    .col(string_len(StigmaEpisode::Setting, 20))
                    .col(string_len(StigmaEpisode::HappenedOn, 10))
                    .col(text(StigmaEpisode::WhatHappened))
                    .col(text_null(StigmaEpisode::ActionTaken))
                    .col(text_null(StigmaEpisode::Outcome))
                    .col(integer(StigmaEpisode::CreatedBy))
                    .col(big_integer(StigmaEpisode::CreatedAt))
                    .col(integer(StigmaEpisode::UpdatedBy))
                    .col(big_integer(StigmaEpisode::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_stigma_episode_person")
                            .from(StigmaEpisode::Table, StigmaEpisode::PersonId)
                            .to(Person::Table, Person::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_stigma_episode_person")
                    .table(StigmaEpisode::Table)
                    .col(StigmaEpisode::PersonId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(StigmaEpisode::Table).to_owned())
            .await
    }
}
