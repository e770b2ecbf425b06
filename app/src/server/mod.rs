//! Server-only code (feature `ssr`). Handlers live beside their pages in `crate::pages`;
//! everything they need is here.

pub mod actor;
pub mod cache;
pub mod entities;
pub mod error;
pub mod forms;
pub mod limiter;
pub mod render;
pub mod router;
pub mod seal;
pub mod services;
pub mod state;
pub mod tokens;

/// Seconds since the Unix epoch: how every time is stored.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}
