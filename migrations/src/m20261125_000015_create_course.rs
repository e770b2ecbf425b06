use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261125_000002_create_organization::Organization;

/// A course in the catalogue (`/cursos`), offered by a partner organisation. `modality`:
/// presencial | ead. `remicao`: counts for remição by study (LEP art. 126; Res. CNJ 391/2021).
/// `city`/`uf`/`ibge_municipality` are empty for EAD courses. `status`: open | closed.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Course {
    Table,
    Id,
    ProviderId,
    Title,
    Description,
    Modality,
    Hours,
    StartsAt,
    City,
    Uf,
    IbgeMunicipality,
    PriceCents,
    Remicao,
    Status,
    SearchText,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Course::Table)
                    .col(pk_auto(Course::Id))
                    .col(integer(Course::ProviderId))
                    .col(string_len(Course::Title, 120))
                    .col(text(Course::Description))
                    .col(string_len(Course::Modality, 20))
                    .col(integer(Course::Hours))
                    .col(big_integer(Course::StartsAt))
                    .col(string_len(Course::City, 100))
                    .col(string_len(Course::Uf, 2))
                    .col(string_len(Course::IbgeMunicipality, 7))
                    .col(big_integer_null(Course::PriceCents))
                    .col(boolean(Course::Remicao))
                    .col(string_len(Course::Status, 20))
                    // Accent-folded title + description + provider + city (see domain::text::fold):
                    // a LIKE over a few thousand rows is enough for a course catalogue.
                    .col(text(Course::SearchText))
                    .col(big_integer(Course::CreatedAt))
                    .col(big_integer(Course::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_course_provider")
                            .from(Course::Table, Course::ProviderId)
                            .to(Organization::Table, Organization::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_course_status_starts")
                    .table(Course::Table)
                    .col(Course::Status)
                    .col(Course::StartsAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Course::Table).to_owned())
            .await
    }
}
