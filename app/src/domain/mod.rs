//! Pure rules: no I/O, compiled for server and browser, unit-tested.

pub mod cbo;
pub mod cep;
pub mod cnae;
pub mod cnpj;
pub mod courses;
pub mod cpf;
pub mod dates;
pub mod devices;
pub mod email;
pub mod follow_up;
pub mod form;
pub mod ics;
pub mod interview;
pub mod jobs;
pub mod language;
pub mod money;
pub mod monitoring;
pub mod notifications;
pub mod password;
pub mod people;
pub mod pipeline;
pub mod place;
pub mod plan;
pub mod quota;
pub mod referrals;
pub mod reminders;
pub mod retention;
pub mod role;
pub mod search;
pub mod services;
pub mod services_taxonomy;
pub mod stigma;
pub mod text;

/// The parsers' promises, checked by the property tests and the fuzz targets (`fuzz/`).
pub mod invariants;
#[cfg(test)]
mod properties;

pub use cep::Cep;
pub use cnpj::Cnpj;
pub use cpf::Cpf;
pub use email::Email;
pub use form::FieldErrors;
pub use role::Role;
