//! Several servers on one PostgreSQL: a trigger on `vacancy` sends `NOTIFY esv_vacancy, '<id>'`
//! with every insert, update and delete (delivered when the writing transaction commits), and
//! every server listens, reloads those vacancies into its index and drops its public caches.
//! A change made on one server is gone from search on the others within milliseconds.
//! Notifications are not stored: after a lost connection the listener reloads the whole index.
//! SQLite is one process: its writes refresh the index directly (`AppState::vacancy_changed`).

use super::VacancyIndex;
use crate::server::cache::PublicCache;
use sea_orm::DatabaseConnection;
use sea_orm::sqlx::postgres::{PgListener, PgPool};
use std::sync::Arc;
use tokio::sync::mpsc;

/// The channel the trigger (migration `m20261201_000044`) notifies on.
pub const CHANNEL: &str = "esv_vacancy";

enum Event {
    Changed(i32),
    /// The connection dropped: some notifications may be lost.
    Lost,
}

/// Starts listening before the index is loaded (so nothing written in between is missed);
/// `run` then applies what arrives. `None` on SQLite.
pub async fn connect(db: &DatabaseConnection) -> Result<Option<PgListener>, sea_orm::DbErr> {
    if db.get_database_backend() != sea_orm::DbBackend::Postgres {
        return Ok(None);
    }
    listen_on(db.get_postgres_connection_pool())
        .await
        .map(Some)
        .map_err(|e| sea_orm::DbErr::Custom(format!("listen: {e}")))
}

async fn listen_on(pool: &PgPool) -> Result<PgListener, sea_orm::sqlx::Error> {
    let mut listener = PgListener::connect_with(pool).await?;
    listener.listen(CHANNEL).await?;
    Ok(listener)
}

/// Applies notifications until the pool closes: one task reads them, another reloads the
/// vacancies in batches (whatever arrived while the last batch was read).
pub fn run(
    listener: PgListener,
    db: DatabaseConnection,
    index: Arc<VacancyIndex>,
    public: Arc<PublicCache>,
) -> tokio::task::JoinHandle<()> {
    let (tx, mut rx) = mpsc::unbounded_channel::<Event>();
    let pool = db.get_postgres_connection_pool().clone();
    let closed = pool.clone();
    tokio::spawn(async move {
        let mut listener = Some(listener);
        loop {
            let Some(l) = listener.as_mut() else {
                // The listener holds a pooled connection: it is dropped on any error so that
                // closing the pool (shutdown) never waits for it.
                if pool.is_closed() {
                    return;
                }
                tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                match listen_on(&pool).await {
                    Ok(l) => {
                        listener = Some(l);
                        if tx.send(Event::Lost).is_err() {
                            return;
                        }
                    }
                    Err(e) => tracing::warn!(error = %e, "vacancy notifications: cannot listen"),
                }
                continue;
            };
            let event = match l.try_recv().await {
                Ok(Some(n)) => match n.payload().parse::<i32>() {
                    Ok(id) => Event::Changed(id),
                    Err(_) => Event::Lost,
                },
                Ok(None) => Event::Lost,
                Err(e) => {
                    listener = None;
                    if !pool.is_closed() {
                        tracing::warn!(error = %e, "vacancy notifications: connection failed");
                    }
                    continue;
                }
            };
            if tx.send(event).is_err() {
                return;
            }
        }
    });
    tokio::spawn(async move {
        let mut batch = Vec::new();
        while rx.recv_many(&mut batch, 1_000).await > 0 {
            let lost = batch.iter().any(|e| matches!(e, Event::Lost));
            let result = if lost {
                index.reload(&db).await.map(|_| ())
            } else {
                let ids: Vec<i32> = batch
                    .iter()
                    .filter_map(|e| match e {
                        Event::Changed(id) => Some(*id),
                        Event::Lost => None,
                    })
                    .collect();
                index.refresh(&db, &ids).await
            };
            batch.clear();
            if let Err(e) = result {
                // Until the database answers again, the index may miss a change: reload whole.
                tracing::warn!(error = %e, "vacancy notifications: reload failed, retrying");
                loop {
                    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                    if closed.is_closed() {
                        return;
                    }
                    match index.reload(&db).await {
                        Ok(_) => break,
                        Err(e) => tracing::warn!(error = %e, "vacancy index: reload failed"),
                    }
                }
            }
            public.vacancies_changed();
        }
    })
}
