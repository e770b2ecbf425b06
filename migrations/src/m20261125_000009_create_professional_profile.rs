use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261125_000003_create_person::Person;

/// What a person attended chooses to show employers: schooling, skills, experience, courses,
/// availability and how to be contacted. Nothing about their past in the prison system.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum ProfessionalProfile {
    Table,
    PersonId,
    Schooling,
    Skills,
    Experience,
    Courses,
    Availability,
    ContactPreference,
    Phone,
    Email,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ProfessionalProfile::Table)
                    .col(integer(ProfessionalProfile::PersonId).primary_key())
                    .col(string_len(ProfessionalProfile::Schooling, 40))
                    .col(text(ProfessionalProfile::Skills))
                    .col(text(ProfessionalProfile::Experience))
                    .col(text(ProfessionalProfile::Courses))
                    .col(string_len(ProfessionalProfile::Availability, 200))
                    .col(string_len(ProfessionalProfile::ContactPreference, 20))
                    .col(string_len_null(ProfessionalProfile::Phone, 20))
                    .col(string_len_null(ProfessionalProfile::Email, 254))
                    .col(big_integer(ProfessionalProfile::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_profile_person")
                            .from(ProfessionalProfile::Table, ProfessionalProfile::PersonId)
                            .to(Person::Table, Person::Id),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ProfessionalProfile::Table).to_owned())
            .await
    }
}
