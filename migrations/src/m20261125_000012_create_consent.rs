use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261125_000003_create_person::Person;

/// The consent ledger (LGPD art. 8): one row per grant or revocation, never updated, so the
/// history of every purpose is kept. `purpose`: share_profile_with_employer, …; `target_kind` /
/// `target_id` name whom it is about (e.g. the organization).
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Consent {
    Table,
    Id,
    PersonId,
    Purpose,
    TargetKind,
    TargetId,
    Granted,
    RecordedAt,
    RecordedBy,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Consent::Table)
                    .col(pk_auto(Consent::Id))
                    .col(integer(Consent::PersonId))
                    .col(string_len(Consent::Purpose, 60))
                    .col(string_len(Consent::TargetKind, 40))
                    .col(integer_null(Consent::TargetId))
                    .col(boolean(Consent::Granted))
                    .col(big_integer(Consent::RecordedAt))
                    .col(integer(Consent::RecordedBy))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_consent_person")
                            .from(Consent::Table, Consent::PersonId)
                            .to(Person::Table, Person::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_consent_person")
                    .table(Consent::Table)
                    .col(Consent::PersonId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Consent::Table).to_owned())
            .await
    }
}
