//! Escritório Social Virtual: the UI shared by server and browser.
//!
//! - `domain`: pure rules (identifiers, roles, passwords), unit-tested, no I/O.
//! - `components`, `pages` (ssr only): server-rendered views (pt-BR). Each page's HTTP
//!   handlers sit in the same file; pages use the services, never the other way round.
//! - `islands`: the only code that ships to the browser as WASM.
//! - `server` (ssr only): state, the `Actor`, services (the only code that touches the
//!   database), the page renderer and the router.
#![recursion_limit = "256"]

pub mod actions;
pub mod components;
pub mod domain;
pub mod islands;
/// Server-rendered only (islands mode ships `islands` alone), so pages may use the services'
/// types: the direction is one-way, pages → services.
#[cfg(feature = "ssr")]
pub mod pages;

#[cfg(feature = "ssr")]
pub mod server;
