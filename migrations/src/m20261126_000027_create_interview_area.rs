use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261125_000003_create_person::Person;

/// Acolhimento e entrevista: one row per (person, service area) with what the person told
/// (situation), what they ask for (demands) and whether it is an emergency.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum InterviewArea {
    Table,
    Id,
    PersonId,
    UnitId,
    Area,
    Situation,
    Demands,
    Emergency,
    UpdatedBy,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(InterviewArea::Table)
                    .col(pk_auto(InterviewArea::Id))
                    .col(integer(InterviewArea::PersonId))
                    .col(integer(InterviewArea::UnitId))
                    .col(string_len(InterviewArea::Area, 30))
                    .col(text_null(InterviewArea::Situation))
                    .col(text_null(InterviewArea::Demands))
                    .col(boolean(InterviewArea::Emergency))
                    .col(integer(InterviewArea::UpdatedBy))
                    .col(big_integer(InterviewArea::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_interview_area_person")
                            .from(InterviewArea::Table, InterviewArea::PersonId)
                            .to(Person::Table, Person::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_interview_area_person_area")
                    .table(InterviewArea::Table)
                    .col(InterviewArea::PersonId)
                    .col(InterviewArea::Area)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(InterviewArea::Table).to_owned())
            .await
    }
}
