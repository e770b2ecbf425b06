//! The only code that touches the database. Every function takes the actor kind it serves
//! (see `actor.rs`) and scopes its queries by it.

pub mod accounts;
pub mod applications;
pub mod appointments;
pub mod audit;
pub mod auth;
pub mod backfill;
pub mod calendar;
pub mod caseload;
pub mod companies;
pub mod contracts;
pub mod courses;
pub mod directory;
pub mod directory_index;
pub mod employment;
pub mod follow_ups;
pub mod hiring;
pub mod interview;
pub mod language;
pub mod login_id;
pub mod my_data;
pub mod passwords;
pub mod people;
pub mod plans;
pub mod push;
pub mod quota_eligibility;
pub mod referrals;
pub mod seed;
pub mod seed_case;
pub mod seed_directory;
pub mod seed_people;
pub mod service_directory;
pub mod stigma_episodes;
pub mod unit_dashboard;
pub mod vacancies;
pub mod validate;
