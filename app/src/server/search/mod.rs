//! The job board's search engine: an inverted index of the open vacancies, held in memory by
//! every server process and built from the database, which stays the only source of truth.
//!
//! Why this and not the databases' own full-text search (measured in docs/PERFORMANCE.md):
//! FTS5 and PostgreSQL's `tsvector` rank every hit before they can return the best twenty,
//! rank differently from each other, and know nothing of pt-BR inflections, related trades or
//! typos. Here a query costs set operations on compressed bitmaps (roaring) — proportional
//! to the words asked, not to the vacancies matched — plus sorting one page; the count is
//! exact; and the same code answers on SQLite and PostgreSQL, so both give the same results.
//!
//! Never lost on a crash: nothing here is persisted. Start-up reads every open vacancy;
//! every write reloads the vacancies it touched (`refresh`), on the server that made it at
//! once, and on PostgreSQL on every other server through LISTEN/NOTIFY (`listen`).

pub mod index;
pub mod listen;

pub use index::{Listing, VacancyIndex};
