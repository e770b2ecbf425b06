use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

use crate::m20261125_000008_create_vacancy::{POSTGRES_TSVECTOR, SQLITE_FTS};

/// Job search moves into the application (issue 12, `app::server::search`): the databases'
/// full-text indexes go (every vacancy write paid for them), and on PostgreSQL every vacancy
/// change notifies the other servers (`NOTIFY esv_vacancy, '<id>'`, delivered at commit) so
/// their in-memory indexes follow within milliseconds.
#[derive(DeriveMigrationName)]
pub struct Migration;

const POSTGRES_NOTIFY: [&str; 2] = [
    "CREATE OR REPLACE FUNCTION esv_vacancy_changed() RETURNS trigger AS $$ \
     BEGIN \
       IF TG_OP = 'DELETE' THEN \
         PERFORM pg_notify('esv_vacancy', OLD.id::text); \
       ELSE \
         PERFORM pg_notify('esv_vacancy', NEW.id::text); \
       END IF; \
       RETURN NULL; \
     END $$ LANGUAGE plpgsql",
    "CREATE TRIGGER vacancy_changed AFTER INSERT OR UPDATE OR DELETE ON vacancy \
     FOR EACH ROW EXECUTE FUNCTION esv_vacancy_changed()",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let statements: &[&str] = match manager.get_database_backend() {
            DatabaseBackend::Sqlite => &[
                "DROP TRIGGER IF EXISTS vacancy_fts_insert",
                "DROP TRIGGER IF EXISTS vacancy_fts_delete",
                "DROP TRIGGER IF EXISTS vacancy_fts_update",
                "DROP TABLE IF EXISTS vacancy_fts",
            ],
            _ => &[
                "ALTER TABLE vacancy DROP COLUMN IF EXISTS search_vector",
                POSTGRES_NOTIFY[0],
                POSTGRES_NOTIFY[1],
            ],
        };
        for sql in statements {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DatabaseBackend::Sqlite => {
                for sql in SQLITE_FTS {
                    db.execute_unprepared(sql).await?;
                }
                db.execute_unprepared("INSERT INTO vacancy_fts(vacancy_fts) VALUES ('rebuild')")
                    .await?;
            }
            _ => {
                db.execute_unprepared("DROP TRIGGER IF EXISTS vacancy_changed ON vacancy")
                    .await?;
                db.execute_unprepared("DROP FUNCTION IF EXISTS esv_vacancy_changed()")
                    .await?;
                for sql in POSTGRES_TSVECTOR {
                    db.execute_unprepared(sql).await?;
                }
            }
        }
        Ok(())
    }
}
