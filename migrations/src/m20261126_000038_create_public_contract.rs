use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261125_000002_create_organization::Organization;

/// A company's public contract that may carry a hiring quota: who contracted, number, object,
/// annual value, workers the contract requires, period, and the quota rule set it follows.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum PublicContract {
    Table,
    Id,
    OrganizationId,
    ContractingBody,
    Number,
    Object,
    AnnualValueCents,
    Workers,
    StartsOn,
    EndsOn,
    RuleSet,
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
                    .table(PublicContract::Table)
                    .col(pk_auto(PublicContract::Id))
                    .col(integer(PublicContract::OrganizationId))
                    .col(string_len(PublicContract::ContractingBody, 200))
                    .col(string_len(PublicContract::Number, 60))
                    .col(text(PublicContract::Object))
                    .col(big_integer(PublicContract::AnnualValueCents))
                    .col(integer(PublicContract::Workers))
                    .col(string_len(PublicContract::StartsOn, 10))
                    .col(string_len(PublicContract::EndsOn, 10))
                    .col(string_len(PublicContract::RuleSet, 20))
                    .col(integer(PublicContract::CreatedBy))
                    .col(big_integer(PublicContract::CreatedAt))
                    .col(big_integer(PublicContract::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_public_contract_organization")
                            .from(PublicContract::Table, PublicContract::OrganizationId)
                            .to(Organization::Table, Organization::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_public_contract_organization")
                    .table(PublicContract::Table)
                    .col(PublicContract::OrganizationId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PublicContract::Table).to_owned())
            .await
    }
}
