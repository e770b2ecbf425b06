use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261125_000002_create_organization::Organization;
use crate::m20261125_000003_create_person::Person;
use crate::m20261125_000017_create_service::Service;

/// An encaminhamento: one person referred by their unit to one service of the directory (and so
/// to the organisation that runs it). `shares_case` says whether the receiver sees the demand
/// text (case data): that needs the person's consent to that organisation, or a written
/// justification (`override_justification`, logged). `status`: see `domain::referrals`;
/// `status_note` holds the refusal reason or the outcome.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Referral {
    Table,
    Id,
    PersonId,
    UnitId,
    ServiceId,
    OrganizationId,
    Demand,
    SharesCase,
    OverrideJustification,
    Status,
    StatusNote,
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
                    .table(Referral::Table)
                    .col(pk_auto(Referral::Id))
                    .col(integer(Referral::PersonId))
                    .col(integer(Referral::UnitId))
                    .col(integer(Referral::ServiceId))
                    .col(integer(Referral::OrganizationId))
                    .col(text(Referral::Demand))
                    .col(boolean(Referral::SharesCase))
                    .col(text_null(Referral::OverrideJustification))
                    .col(string_len(Referral::Status, 20))
                    .col(text_null(Referral::StatusNote))
                    .col(integer(Referral::CreatedBy))
                    .col(big_integer(Referral::CreatedAt))
                    .col(big_integer(Referral::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_referral_person")
                            .from(Referral::Table, Referral::PersonId)
                            .to(Person::Table, Person::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_referral_service")
                            .from(Referral::Table, Referral::ServiceId)
                            .to(Service::Table, Service::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_referral_organization")
                            .from(Referral::Table, Referral::OrganizationId)
                            .to(Organization::Table, Organization::Id),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, col) in [
            ("idx_referral_unit", Referral::UnitId),
            ("idx_referral_person", Referral::PersonId),
            ("idx_referral_organization", Referral::OrganizationId),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Referral::Table)
                        .col(col)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Referral::Table).to_owned())
            .await
    }
}
