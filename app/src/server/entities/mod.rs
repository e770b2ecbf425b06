//! sea-orm entities, one per table (see `migrations/`). Times are Unix seconds.

pub mod application;
pub mod appointment;
pub mod audit_log;
pub mod consent;
pub mod course;
pub mod course_enrolment;
pub mod data_request;
pub mod location;
pub mod organization;
pub mod password_code;
pub mod person;
pub mod person_detail;
pub mod phone;
pub mod professional_profile;
pub mod referral;
pub mod referral_event;
pub mod saved_vacancy;
pub mod schedule;
pub mod service;
pub mod service_at_location;
pub mod service_report;
pub mod session;
pub mod unit;
pub mod user_account;
pub mod vacancy;
