use sea_orm_migration::{prelude::*, schema::*};

/// Who did what to whom, and when. Never holds secrets, passwords, codes or CPFs: `detail` is
/// a short fixed phrase chosen by the code, not user input.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum AuditLog {
    Table,
    Id,
    At,
    ActorUserId,
    Action,
    SubjectKind,
    SubjectId,
    UnitId,
    Detail,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(pk_auto(AuditLog::Id))
                    .col(big_integer(AuditLog::At))
                    .col(integer_null(AuditLog::ActorUserId))
                    .col(string_len(AuditLog::Action, 60))
                    .col(string_len(AuditLog::SubjectKind, 40))
                    .col(integer_null(AuditLog::SubjectId))
                    .col(integer_null(AuditLog::UnitId))
                    .col(string_len_null(AuditLog::Detail, 200))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_audit_subject")
                    .table(AuditLog::Table)
                    .col(AuditLog::SubjectKind)
                    .col(AuditLog::SubjectId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AuditLog::Table).to_owned())
            .await
    }
}
