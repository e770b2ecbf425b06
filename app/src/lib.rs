//! Escritório Social Virtual: the UI shared by server and browser.
//!
//! - `domain`: pure rules (identifiers, roles, passwords), unit-tested, no I/O.
//! - `components`, `pages`: server-rendered views (pt-BR). Each page's HTTP handlers sit in
//!   the same file behind `#[cfg(feature = "ssr")]`.
//! - `islands`: the only code that ships to the browser as WASM.
//! - `server` (ssr only): state, the `Actor`, services (the only code that touches the
//!   database), the page renderer and the router.
#![recursion_limit = "256"]

pub mod components;
pub mod domain;
pub mod islands;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod server;
