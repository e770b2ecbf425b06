//! argon2id with the crate's defaults (OWASP-recommended parameters: 19 MiB, 2 passes), run
//! on the blocking thread pool so hashing never stalls the async workers.
//!
//! At most half the cores hash at once (`HASHING`); other logins wait their turn. The load
//! test (docs/PERFORMANCE.md) showed why: 200 people logging in within a few seconds ran
//! ~100 hashes at once, each with its own 19 MiB, and the server went from 32 MiB to 2.2 GiB
//! (kept by the allocator after the burst), while the hashing threads took the CPU from
//! every page (a home page's p99 was 4 s).

use argon2::Argon2;
use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};
use std::sync::{LazyLock, OnceLock};
use tokio::sync::Semaphore;

/// Hashes running at once: half the cores (at least one), so pages keep the other half and
/// memory stays at a few times 19 MiB however many people log in together.
static HASHING: LazyLock<Semaphore> = LazyLock::new(|| {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    Semaphore::new(cores.div_ceil(2))
});

/// Runs one hash or verification when a turn is free.
async fn in_turn<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    // The semaphore is never closed, so acquiring only waits.
    let _turn = HASHING.acquire().await.ok()?;
    tokio::task::spawn_blocking(work).await.ok()
}

#[derive(Debug, thiserror::Error)]
#[error("password hashing failed: {0}")]
pub struct HashError(String);

pub async fn hash(secret: String) -> Result<String, HashError> {
    in_turn(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(secret.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| HashError(e.to_string()))
    })
    .await
    .unwrap_or_else(|| Err(HashError("the hashing task stopped".into())))
}

/// Verifies `secret` against `stored`, or — when there is no stored hash (unknown account,
/// no password yet) — against a fixed dummy hash, so both cases take the same time.
pub async fn verify(secret: String, stored: Option<String>) -> bool {
    in_turn(move || {
        let real = stored.is_some();
        let stored = stored.unwrap_or_else(|| dummy_hash().to_string());
        let Ok(parsed) = PasswordHash::new(&stored) else {
            return false;
        };
        let ok = Argon2::default()
            .verify_password(secret.as_bytes(), &parsed)
            .is_ok();
        ok && real
    })
    .await
    .unwrap_or(false)
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(b"no account has this password", &salt)
            .map(|h| h.to_string())
            .unwrap_or_default()
    })
}
