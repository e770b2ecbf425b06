//! Server-only code (feature `ssr`). Handlers live beside their pages in `crate::pages`;
//! everything they need is here.

pub mod actor;
pub mod api;
pub mod cache;
pub mod entities;
pub mod error;
pub mod forms;
pub mod limiter;
pub mod offline;
pub mod render;
pub mod router;
pub mod seal;
pub mod search;
pub mod server_fns;
pub mod services;
pub mod sql;
pub mod state;
pub mod tokens;

/// Seconds since the Unix epoch: how every time is stored.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Every write transaction starts here. On SQLite it is `BEGIN IMMEDIATE`: it takes the write
/// lock at once (waiting up to `busy_timeout`), so a transaction that reads and then writes
/// cannot fail with SQLITE_BUSY_SNAPSHOT when another connection — a request, or the push
/// worker — committed in between. PostgreSQL ignores the mode.
pub trait BeginWrite {
    fn begin_write(
        &self,
    ) -> impl std::future::Future<Output = Result<sea_orm::DatabaseTransaction, sea_orm::DbErr>> + Send;
}

impl BeginWrite for sea_orm::DatabaseConnection {
    fn begin_write(
        &self,
    ) -> impl std::future::Future<Output = Result<sea_orm::DatabaseTransaction, sea_orm::DbErr>> + Send
    {
        use sea_orm::TransactionTrait;
        self.begin_with_options(sea_orm::TransactionOptions {
            sqlite_transaction_mode: Some(sea_orm::SqliteTransactionMode::Immediate),
            ..Default::default()
        })
    }
}
