//! The integration tests, one binary: each module is one area of the product, driving the real
//! server over HTTP against a fresh database per test. One binary links once (each test
//! binary is ~340 MB in a debug build; 28 of them filled the disk and the link time).

mod access;
mod agenda;
mod auth;
mod backup;
mod calendar;
mod case_file;
mod companies;
mod company_scope;
mod company_vacancies;
mod contracts;
mod courses;
mod durability;
mod first_install;
mod follow_up;
mod hires;
mod hostile_forms;
mod hsds;
mod job_seeking;
mod language;
mod load;
mod monitoring;
mod my_data;
mod offline_writes;
mod partner_api;
mod people;
mod pipeline;
mod platform;
mod push;
mod push_exactly_once;
mod quota_eligibility;
mod referrals;
mod search;
mod server_fns;
mod services;
mod stigma_and_work;
mod unit_scope;
mod vacancies;
mod vacancy_rules;
