use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261125_000003_create_person::Person;
use crate::m20261125_000004_create_user_account::UserAccount;

/// Web Push and calendars.
///
/// - `push_subscription`: one browser/device of one account (RFC 8030 endpoint). `p256dh` and
///   `auth` are sealed with the data key (AES-256-GCM): with them anyone could write to the
///   device.
/// - `push_event`: something to tell someone at `due_at` (an appointment reminder, a change, a
///   referral or candidacy update). Planned with the write that causes it; moving or cancelling
///   an appointment cancels its planned events and plans new ones.
/// - `push_delivery`: the durable outbox. A due event becomes one row per device of its
///   recipient, *once* (`UNIQUE (event_id, subscription_id)`); workers claim rows with a lease.
/// - `push_attempt`: every HTTP attempt, kept even after the device is removed.
/// - `calendar_feed`: a person's private, revocable calendar address (`/agenda/{secret}.ics`);
///   the secret is found by its SHA-256 and kept sealed to be shown again.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PushSubscription {
    Table,
    Id,
    AccountId,
    Endpoint,
    P256dh,
    Auth,
    Device,
    CreatedAt,
    LastSentAt,
}

#[derive(DeriveIden)]
enum PushEvent {
    Table,
    Id,
    Kind,
    PersonId,
    AccountId,
    AppointmentId,
    RefId,
    Sequence,
    DueAt,
    ExpiresAt,
    Status,
    CreatedAt,
}

#[derive(DeriveIden)]
enum PushDelivery {
    Table,
    Id,
    EventId,
    SubscriptionId,
    Payload,
    Topic,
    Urgency,
    Ttl,
    ExpiresAt,
    Status,
    Attempts,
    NextAttemptAt,
    LeaseOwner,
    LeaseUntil,
    SentAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum PushAttempt {
    Table,
    Id,
    DeliveryId,
    SubscriptionId,
    At,
    StatusCode,
    Outcome,
}

#[derive(DeriveIden)]
enum CalendarFeed {
    Table,
    Id,
    PersonId,
    TokenHash,
    TokenSealed,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PushSubscription::Table)
                    .col(pk_auto(PushSubscription::Id))
                    .col(integer(PushSubscription::AccountId))
                    .col(text(PushSubscription::Endpoint).unique_key())
                    .col(string_len(PushSubscription::P256dh, 200))
                    .col(string_len(PushSubscription::Auth, 200))
                    .col(string_len(PushSubscription::Device, 100))
                    .col(big_integer(PushSubscription::CreatedAt))
                    .col(big_integer_null(PushSubscription::LastSentAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_push_subscription_account")
                            .from(PushSubscription::Table, PushSubscription::AccountId)
                            .to(UserAccount::Table, UserAccount::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_push_subscription_account")
                    .table(PushSubscription::Table)
                    .col(PushSubscription::AccountId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(PushEvent::Table)
                    .col(pk_auto(PushEvent::Id))
                    .col(string_len(PushEvent::Kind, 30))
                    .col(integer_null(PushEvent::PersonId))
                    .col(integer_null(PushEvent::AccountId))
                    .col(integer_null(PushEvent::AppointmentId))
                    .col(integer_null(PushEvent::RefId))
                    .col(integer(PushEvent::Sequence))
                    .col(big_integer(PushEvent::DueAt))
                    .col(big_integer(PushEvent::ExpiresAt))
                    .col(string_len(PushEvent::Status, 20))
                    .col(big_integer(PushEvent::CreatedAt))
                    .to_owned(),
            )
            .await?;
        for (name, cols) in [
            (
                "idx_push_event_due",
                vec![PushEvent::Status, PushEvent::DueAt],
            ),
            ("idx_push_event_appointment", vec![PushEvent::AppointmentId]),
        ] {
            let mut index = Index::create();
            index.name(name).table(PushEvent::Table);
            for c in cols {
                index.col(c);
            }
            manager.create_index(index.to_owned()).await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(PushDelivery::Table)
                    .col(pk_auto(PushDelivery::Id))
                    .col(integer(PushDelivery::EventId))
                    .col(integer(PushDelivery::SubscriptionId))
                    .col(text(PushDelivery::Payload))
                    .col(string_len(PushDelivery::Topic, 32))
                    .col(string_len(PushDelivery::Urgency, 10))
                    .col(integer(PushDelivery::Ttl))
                    .col(big_integer(PushDelivery::ExpiresAt))
                    .col(string_len(PushDelivery::Status, 20))
                    .col(integer(PushDelivery::Attempts))
                    .col(big_integer(PushDelivery::NextAttemptAt))
                    .col(string_len_null(PushDelivery::LeaseOwner, 64))
                    .col(big_integer_null(PushDelivery::LeaseUntil))
                    .col(big_integer_null(PushDelivery::SentAt))
                    .col(big_integer(PushDelivery::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_push_delivery_subscription")
                            .from(PushDelivery::Table, PushDelivery::SubscriptionId)
                            .to(PushSubscription::Table, PushSubscription::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_push_delivery_once")
                    .table(PushDelivery::Table)
                    .col(PushDelivery::EventId)
                    .col(PushDelivery::SubscriptionId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        for (name, cols) in [
            (
                "idx_push_delivery_due",
                vec![PushDelivery::Status, PushDelivery::NextAttemptAt],
            ),
            (
                "idx_push_delivery_subscription",
                vec![PushDelivery::SubscriptionId],
            ),
        ] {
            let mut index = Index::create();
            index.name(name).table(PushDelivery::Table);
            for c in cols {
                index.col(c);
            }
            manager.create_index(index.to_owned()).await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(PushAttempt::Table)
                    .col(pk_auto(PushAttempt::Id))
                    .col(integer(PushAttempt::DeliveryId))
                    .col(integer(PushAttempt::SubscriptionId))
                    .col(big_integer(PushAttempt::At))
                    .col(integer_null(PushAttempt::StatusCode))
                    .col(string_len(PushAttempt::Outcome, 20))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_push_attempt_delivery")
                    .table(PushAttempt::Table)
                    .col(PushAttempt::DeliveryId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(CalendarFeed::Table)
                    .col(pk_auto(CalendarFeed::Id))
                    .col(integer(CalendarFeed::PersonId).unique_key())
                    .col(string_len(CalendarFeed::TokenHash, 64).unique_key())
                    .col(string_len(CalendarFeed::TokenSealed, 200))
                    .col(big_integer(CalendarFeed::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_calendar_feed_person")
                            .from(CalendarFeed::Table, CalendarFeed::PersonId)
                            .to(Person::Table, Person::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            CalendarFeed::Table.into_iden(),
            PushAttempt::Table.into_iden(),
            PushDelivery::Table.into_iden(),
            PushEvent::Table.into_iden(),
            PushSubscription::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
