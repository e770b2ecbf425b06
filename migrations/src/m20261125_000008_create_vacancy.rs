use sea_orm_migration::sea_orm::DatabaseBackend;
use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261125_000002_create_organization::Organization;

/// Job vacancies posted by partner companies. Salaries in centavos; times in Unix seconds.
/// `search_title` / `search_body` hold the folded text (lower case, no accents) that the
/// full-text index covers: FTS5 on SQLite, a weighted `tsvector` with a GIN index on PostgreSQL.
#[derive(DeriveMigrationName)]
pub struct Migration;

/// External-content FTS5 index kept in step by triggers (the FTS5 manual's pattern). Replaced
/// by the application's own index in `m20261201_000044_search_in_app` (issue 12).
pub const SQLITE_FTS: [&str; 4] = [
    "CREATE VIRTUAL TABLE vacancy_fts USING fts5(search_title, search_body, \
     content='vacancy', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER vacancy_fts_insert AFTER INSERT ON vacancy BEGIN \
     INSERT INTO vacancy_fts(rowid, search_title, search_body) \
     VALUES (new.id, new.search_title, new.search_body); END",
    "CREATE TRIGGER vacancy_fts_delete AFTER DELETE ON vacancy BEGIN \
     INSERT INTO vacancy_fts(vacancy_fts, rowid, search_title, search_body) \
     VALUES ('delete', old.id, old.search_title, old.search_body); END",
    "CREATE TRIGGER vacancy_fts_update AFTER UPDATE ON vacancy BEGIN \
     INSERT INTO vacancy_fts(vacancy_fts, rowid, search_title, search_body) \
     VALUES ('delete', old.id, old.search_title, old.search_body); \
     INSERT INTO vacancy_fts(rowid, search_title, search_body) \
     VALUES (new.id, new.search_title, new.search_body); END",
];

/// A generated, weighted `tsvector` with a GIN index (replaced like `SQLITE_FTS`).
pub const POSTGRES_TSVECTOR: [&str; 2] = [
    "ALTER TABLE vacancy ADD COLUMN search_vector tsvector GENERATED ALWAYS AS \
     (setweight(to_tsvector('simple', search_title), 'A') || \
      setweight(to_tsvector('simple', search_body), 'B')) STORED",
    "CREATE INDEX idx_vacancy_search ON vacancy USING GIN (search_vector)",
];

#[derive(DeriveIden)]
pub enum Vacancy {
    Table,
    Id,
    OrganizationId,
    Title,
    Description,
    Requirements,
    CboCode,
    SalaryMinCents,
    SalaryMaxCents,
    WeeklyHours,
    Shift,
    EmploymentType,
    City,
    Uf,
    IbgeMunicipality,
    Quota,
    Status,
    PostedAt,
    ClosesAt,
    SearchTitle,
    SearchBody,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Vacancy::Table)
                    .col(pk_auto(Vacancy::Id))
                    .col(integer(Vacancy::OrganizationId))
                    .col(string_len(Vacancy::Title, 120))
                    .col(text(Vacancy::Description))
                    .col(text(Vacancy::Requirements))
                    .col(char_len(Vacancy::CboCode, 6))
                    .col(big_integer_null(Vacancy::SalaryMinCents))
                    .col(big_integer_null(Vacancy::SalaryMaxCents))
                    .col(integer(Vacancy::WeeklyHours))
                    .col(string_len(Vacancy::Shift, 20))
                    .col(string_len(Vacancy::EmploymentType, 20))
                    .col(string_len(Vacancy::City, 100))
                    .col(char_len(Vacancy::Uf, 2))
                    .col(char_len(Vacancy::IbgeMunicipality, 7))
                    .col(boolean(Vacancy::Quota))
                    .col(string_len(Vacancy::Status, 20))
                    .col(big_integer(Vacancy::PostedAt))
                    .col(big_integer(Vacancy::ClosesAt))
                    .col(text(Vacancy::SearchTitle))
                    .col(text(Vacancy::SearchBody))
                    .col(big_integer(Vacancy::CreatedAt))
                    .col(big_integer(Vacancy::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_vacancy_organization")
                            .from(Vacancy::Table, Vacancy::OrganizationId)
                            .to(Organization::Table, Organization::Id),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, cols) in [
            ("idx_vacancy_open", vec![Vacancy::Status, Vacancy::ClosesAt]),
            (
                "idx_vacancy_place",
                vec![Vacancy::Uf, Vacancy::IbgeMunicipality],
            ),
            ("idx_vacancy_organization", vec![Vacancy::OrganizationId]),
        ] {
            let mut index = Index::create();
            index.name(name).table(Vacancy::Table);
            for col in cols {
                index.col(col);
            }
            manager.create_index(index.to_owned()).await?;
        }
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DatabaseBackend::Sqlite => {
                // External-content FTS5 index kept in step by triggers (the FTS5 manual's pattern).
                for sql in SQLITE_FTS {
                    db.execute_unprepared(sql).await?;
                }
            }
            DatabaseBackend::Postgres => {
                for sql in POSTGRES_TSVECTOR {
                    db.execute_unprepared(sql).await?;
                }
            }
            _ => {
                return Err(DbErr::Migration(
                    "only SQLite and PostgreSQL are supported".into(),
                ));
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DatabaseBackend::Sqlite {
            manager
                .get_connection()
                .execute_unprepared("DROP TABLE IF EXISTS vacancy_fts")
                .await?;
        }
        manager
            .drop_table(Table::drop().table(Vacancy::Table).to_owned())
            .await
    }
}
