//! Accounts and sessions: who may log in, as what.

pub mod accounts;
pub mod api_tokens;
pub mod auth;
pub mod login_id;
pub mod passwords;
