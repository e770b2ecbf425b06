//! Counting login (and code) attempts per IP and per account, to slow down guessing, and
//! partner API calls per key (issue 14), so one partner's runaway loop cannot starve others.
//!
//! The counters live in the database (`rate_counter`, issue 15): every server process on one
//! database counts against the same limit, so adding servers does not multiply anyone's
//! allowance. Each count is one statement (an upsert that starts a new window when the old one
//! is over), atomic on SQLite and PostgreSQL alike. Keys carry no personal data: an account's
//! login identifier is stored as its SHA-256.

use super::seal::sha256_hex;
use super::sql::Sql;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr};
use std::net::IpAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Attempts from one IP address (any account) per window.
    pub per_ip: u32,
    pub ip_window: Duration,
    /// Failed attempts on one account per window.
    pub per_account: u32,
    pub account_window: Duration,
    /// Partner API calls per key per minute.
    pub api_per_minute: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            per_ip: 30,
            ip_window: Duration::from_secs(10 * 60),
            per_account: 5,
            account_window: Duration::from_secs(15 * 60),
            // One a second on average: a partner system syncing every few minutes needs far
            // less; a loop gone wrong is stopped within the minute.
            api_per_minute: 60,
        }
    }
}

const MINUTE: i64 = 60;
/// Expired rows are swept once every this many counts (by whichever server makes it).
const SWEEP_EVERY: u64 = 1_000;

pub struct AttemptLimiter {
    limits: Limits,
    db: DatabaseConnection,
    counted: AtomicU64,
}

impl AttemptLimiter {
    pub fn new(limits: Limits, db: DatabaseConnection) -> Self {
        AttemptLimiter {
            limits,
            db,
            counted: AtomicU64::new(0),
        }
    }

    /// Adds one to `key`'s count in its current window (a new window when the last one is
    /// over) and gives the count and when the window started.
    async fn count(&self, key: &str, window: i64) -> Result<(i64, i64), DbErr> {
        let now = super::now();
        let mut sql = Sql::new(
            self.db.get_database_backend(),
            "INSERT INTO rate_counter (key, window_start, count) VALUES (",
        );
        sql.bind(key.to_string())
            .push(", ")
            .bind(now)
            .push(", 1) ON CONFLICT (key) DO UPDATE SET count = CASE WHEN rate_counter.window_start <= ")
            .bind(now - window)
            .push(" THEN 1 ELSE rate_counter.count + 1 END, window_start = CASE WHEN rate_counter.window_start <= ")
            .bind(now - window)
            .push(" THEN ")
            .bind(now)
            .push(" ELSE rate_counter.window_start END RETURNING count, window_start");
        let row = self
            .db
            .query_one_raw(sql.statement())
            .await?
            .ok_or_else(|| DbErr::RecordNotFound("rate_counter".into()))?;
        let count: i64 = row
            .try_get::<i32>("", "count")
            .map(i64::from)
            .or_else(|_| row.try_get::<i64>("", "count"))?;
        let started: i64 = row.try_get("", "window_start")?;
        if self.counted.fetch_add(1, Ordering::Relaxed) % SWEEP_EVERY == SWEEP_EVERY - 1 {
            self.sweep(now).await?;
        }
        Ok((count, started))
    }

    /// `key`'s count in its current window, without adding to it (0 when none).
    async fn current(&self, key: &str, window: i64) -> Result<i64, DbErr> {
        let mut sql = Sql::new(
            self.db.get_database_backend(),
            "SELECT CAST(count AS BIGINT) AS n FROM rate_counter WHERE key = ",
        );
        sql.bind(key.to_string())
            .push(" AND window_start > ")
            .bind(super::now() - window);
        Ok(sql.count(&self.db).await? as i64)
    }

    /// Rows whose longest window is over count for nothing any more.
    async fn sweep(&self, now: i64) -> Result<(), DbErr> {
        let longest = self
            .limits
            .ip_window
            .max(self.limits.account_window)
            .as_secs() as i64;
        let mut sql = Sql::new(
            self.db.get_database_backend(),
            "DELETE FROM rate_counter WHERE window_start <= ",
        );
        sql.bind(now - longest.max(MINUTE));
        self.db.execute_raw(sql.statement()).await.map(|_| ())
    }

    /// Counts one attempt from `ip`; false when the IP has used up its window.
    pub async fn allow_ip(&self, ip: IpAddr) -> Result<bool, DbErr> {
        let window = self.limits.ip_window.as_secs() as i64;
        let (count, _) = self.count(&format!("ip:{ip}"), window).await?;
        Ok(count <= i64::from(self.limits.per_ip))
    }

    fn account_key(account: &str) -> String {
        format!("conta:{}", sha256_hex(account))
    }

    /// Whether `account` (a normalised login identifier) may try again.
    pub async fn account_blocked(&self, account: &str) -> Result<bool, DbErr> {
        let window = self.limits.account_window.as_secs() as i64;
        let failures = self.current(&Self::account_key(account), window).await?;
        Ok(failures >= i64::from(self.limits.per_account))
    }

    pub async fn record_account_failure(&self, account: &str) -> Result<(), DbErr> {
        let window = self.limits.account_window.as_secs() as i64;
        self.count(&Self::account_key(account), window)
            .await
            .map(|_| ())
    }

    pub async fn clear_account(&self, account: &str) -> Result<(), DbErr> {
        let mut sql = Sql::new(
            self.db.get_database_backend(),
            "DELETE FROM rate_counter WHERE key = ",
        );
        sql.bind(Self::account_key(account));
        self.db.execute_raw(sql.statement()).await.map(|_| ())
    }

    /// Counts one API call with key `key`: `Ok(Ok(()))` when allowed, else `Ok(Err(seconds))`
    /// until the key's minute ends (for `Retry-After`).
    pub async fn allow_api_call(&self, key: i32) -> Result<Result<(), u64>, DbErr> {
        let (count, started) = self.count(&format!("api:{key}"), MINUTE).await?;
        if count <= i64::from(self.limits.api_per_minute) {
            return Ok(Ok(()));
        }
        let left = (started + MINUTE - super::now()).clamp(1, MINUTE);
        Ok(Err(left as u64))
    }
}
