use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261125_000003_create_person::Person;

/// An agendamento: the unit schedules a meeting with a person (date and time in Brasília,
/// place, with whom). `status`: agendado | cancelado. `sequence` counts changes (for calendar
/// files and reminders, which come later).
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Appointment {
    Table,
    Id,
    PersonId,
    UnitId,
    StartsAt,
    Place,
    WithWhom,
    Note,
    Status,
    Sequence,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Appointment::Table)
                    .col(pk_auto(Appointment::Id))
                    .col(integer(Appointment::PersonId))
                    .col(integer(Appointment::UnitId))
                    .col(big_integer(Appointment::StartsAt))
                    .col(string_len(Appointment::Place, 200))
                    .col(string_len(Appointment::WithWhom, 200))
                    .col(string_len_null(Appointment::Note, 500))
                    .col(string_len(Appointment::Status, 20))
                    .col(integer(Appointment::Sequence))
                    .col(integer(Appointment::CreatedBy))
                    .col(big_integer(Appointment::CreatedAt))
                    .col(big_integer(Appointment::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_appointment_person")
                            .from(Appointment::Table, Appointment::PersonId)
                            .to(Person::Table, Person::Id),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, col) in [
            ("idx_appointment_unit_starts", Appointment::UnitId),
            ("idx_appointment_person", Appointment::PersonId),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Appointment::Table)
                        .col(col)
                        .col(Appointment::StartsAt)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Appointment::Table).to_owned())
            .await
    }
}
