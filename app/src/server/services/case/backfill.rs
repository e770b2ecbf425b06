//! Columns added after rows existed, whose value only the application can compute (a folded
//! name, a deadline read from a plan): filled at start-up, 500 rows per transaction, until no
//! row is left without one. A no-op once done.

use crate::server::BeginWrite;
use crate::server::error::WebError;
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, DatabaseConnection, EntityTrait, IntoActiveModel,
    QuerySelect, Select,
};

/// Fills every row `pending` selects with `fill`; `fill` must make the row leave `pending`.
pub async fn fill<E, A>(
    db: &DatabaseConnection,
    pending: Select<E>,
    fill: impl Fn(E::Model) -> A,
) -> Result<u64, WebError>
where
    E: EntityTrait,
    A: ActiveModelTrait<Entity = E> + ActiveModelBehavior + Send,
    E::Model: IntoActiveModel<A>,
{
    let mut done = 0;
    loop {
        let batch = pending.clone().limit(500).all(db).await?;
        if batch.is_empty() {
            return Ok(done);
        }
        let txn = db.begin_write().await?;
        for row in batch {
            fill(row).update(&txn).await?;
            done += 1;
        }
        txn.commit().await?;
    }
}
