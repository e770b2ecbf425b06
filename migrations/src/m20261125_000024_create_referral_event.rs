use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261125_000023_create_referral::Referral;

/// The history of a referral: every status change, by whom, when, with its note.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum ReferralEvent {
    Table,
    Id,
    ReferralId,
    FromStatus,
    ToStatus,
    Note,
    ActorUserId,
    At,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ReferralEvent::Table)
                    .col(pk_auto(ReferralEvent::Id))
                    .col(integer(ReferralEvent::ReferralId))
                    .col(string_len_null(ReferralEvent::FromStatus, 20))
                    .col(string_len(ReferralEvent::ToStatus, 20))
                    .col(text_null(ReferralEvent::Note))
                    .col(integer(ReferralEvent::ActorUserId))
                    .col(big_integer(ReferralEvent::At))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_referral_event_referral")
                            .from(ReferralEvent::Table, ReferralEvent::ReferralId)
                            .to(Referral::Table, Referral::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_referral_event_referral")
                    .table(ReferralEvent::Table)
                    .col(ReferralEvent::ReferralId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ReferralEvent::Table).to_owned())
            .await
    }
}
