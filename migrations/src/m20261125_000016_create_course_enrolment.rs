use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261125_000003_create_person::Person;
use crate::m20261125_000015_create_course::Course;

/// "Quero me inscrever": one person asks for a place in one course. The person's caseworkers
/// (same unit) and the provider see it. `status`: solicitada | confirmada | sem_vaga | cancelada.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum CourseEnrolment {
    Table,
    Id,
    CourseId,
    PersonId,
    UnitId,
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
                    .table(CourseEnrolment::Table)
                    .col(pk_auto(CourseEnrolment::Id))
                    .col(integer(CourseEnrolment::CourseId))
                    .col(integer(CourseEnrolment::PersonId))
                    .col(integer(CourseEnrolment::UnitId))
                    .col(string_len(CourseEnrolment::Status, 20))
                    .col(big_integer(CourseEnrolment::CreatedAt))
                    .col(big_integer(CourseEnrolment::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_enrolment_course")
                            .from(CourseEnrolment::Table, CourseEnrolment::CourseId)
                            .to(Course::Table, Course::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_enrolment_person")
                            .from(CourseEnrolment::Table, CourseEnrolment::PersonId)
                            .to(Person::Table, Person::Id),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, col) in [
            ("uq_enrolment_course_person", None),
            ("idx_enrolment_person", Some(CourseEnrolment::PersonId)),
            ("idx_enrolment_unit", Some(CourseEnrolment::UnitId)),
        ] {
            let mut index = Index::create();
            index.name(name).table(CourseEnrolment::Table);
            match col {
                None => {
                    index
                        .col(CourseEnrolment::CourseId)
                        .col(CourseEnrolment::PersonId)
                        .unique();
                }
                Some(col) => {
                    index.col(col);
                }
            }
            manager.create_index(index.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CourseEnrolment::Table).to_owned())
            .await
    }
}
