//! Pages, grouped by who uses them. Each file holds the view and, behind `ssr`, its handlers.

pub mod account;
pub mod admin_accounts;
pub mod admin_courses;
pub mod admin_directory;
pub mod admin_language;
pub mod admin_services;
pub mod agenda;
pub mod caseload;
pub mod company_jobs;
pub mod courses;
pub mod enrolments;
pub mod errors;
pub mod follow_up;
pub mod homes;
pub mod interview;
pub mod login;
pub mod my_jobs;
pub mod my_referrals;
pub mod people;
pub mod plan;
pub mod profile;
pub mod referrals;
pub mod referrals_partner;
pub mod services;
pub mod set_password;
pub mod vacancies;
