use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261125_000003_create_person::Person;

/// What the unit records at registration beyond the `person` row (one row per person): the
/// pré-egresso's prison unit, expected release and regime; the familiar's link; contacts;
/// schooling; self-declared race (IBGE) and gender identity, both optional.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum PersonDetail {
    Table,
    PersonId,
    RelatedPersonId,
    PrisonUnit,
    ExpectedRelease,
    Regime,
    Phone,
    Email,
    Schooling,
    Race,
    GenderIdentity,
    UpdatedBy,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PersonDetail::Table)
                    .col(integer(PersonDetail::PersonId).primary_key())
                    .col(integer_null(PersonDetail::RelatedPersonId))
                    .col(string_len_null(PersonDetail::PrisonUnit, 200))
                    .col(big_integer_null(PersonDetail::ExpectedRelease))
                    .col(string_len_null(PersonDetail::Regime, 20))
                    .col(string_len_null(PersonDetail::Phone, 13))
                    .col(string_len_null(PersonDetail::Email, 254))
                    .col(string_len_null(PersonDetail::Schooling, 30))
                    .col(string_len_null(PersonDetail::Race, 20))
                    .col(string_len_null(PersonDetail::GenderIdentity, 60))
                    .col(integer(PersonDetail::UpdatedBy))
                    .col(big_integer(PersonDetail::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_person_detail_person")
                            .from(PersonDetail::Table, PersonDetail::PersonId)
                            .to(Person::Table, Person::Id),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PersonDetail::Table).to_owned())
            .await
    }
}
