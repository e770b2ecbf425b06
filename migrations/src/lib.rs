//! Database schema, one file per step (sea-orm names each migration after its file).
//! The same statements run on SQLite and PostgreSQL. Times are stored as Unix seconds (BIGINT)
//! so that comparisons behave the same on both backends.

pub use sea_orm_migration::prelude::*;

mod m20261125_000001_create_unit;
mod m20261125_000002_create_organization;
mod m20261125_000003_create_person;
mod m20261125_000004_create_user_account;
mod m20261125_000005_create_session;
mod m20261125_000006_create_password_code;
mod m20261125_000007_create_audit_log;
mod m20261125_000008_create_vacancy;
mod m20261125_000009_create_professional_profile;
mod m20261125_000010_create_application;
mod m20261125_000011_create_saved_vacancy;
mod m20261125_000012_create_consent;
mod m20261125_000013_create_data_request;
mod m20261125_000014_index_vacancy_listing;
mod m20261125_000015_create_course;
mod m20261125_000016_create_course_enrolment;
mod m20261125_000017_create_service;
mod m20261125_000018_create_location;
mod m20261125_000019_create_service_at_location;
mod m20261125_000020_create_phone;
mod m20261125_000021_create_schedule;
mod m20261125_000022_create_service_report;
mod m20261125_000023_create_referral;
mod m20261125_000024_create_referral_event;
mod m20261125_000025_create_person_detail;
mod m20261125_000026_create_appointment;
mod m20261126_000027_create_interview_area;
mod m20261126_000028_create_person_document;
mod m20261126_000029_create_plan_version;
mod m20261126_000030_create_follow_up;
mod m20261126_000031_add_reference_worker;
mod m20261126_000032_create_language_term;
mod m20261126_000033_create_stigma_episode;
mod m20261126_000034_create_hire;
mod m20261126_000035_create_retention_check;
mod m20261126_000036_company_onboarding;
mod m20261126_000037_create_quota_rule_set;
mod m20261126_000038_create_public_contract;
mod m20261126_000039_hire_from_companies;
mod m20261126_000040_vacancy_record_justification;
mod m20261126_000041_vacancy_contract;
mod m20261126_000042_quota_eligibility;
mod m20261126_000043_create_push;
mod m20261201_000044_search_in_app;
mod m20261201_000045_index_location_position;
mod m20261201_000046_person_search_name;
mod m20261201_000047_plan_open_deadline;
mod m20261201_000048_directory_listing;
mod m20261201_000049_drop_location_position;
mod m20261201_000050_directory_word_entry;
mod m20261201_000051_listing_position_covering;
mod m20261201_000052_monitoring_cuts;
mod m20261201_000053_create_hsds_identity;
mod m20261201_000054_create_service_attribute;
mod m20261201_000055_create_api_token;
mod m20261201_000056_create_rate_counter;
mod m20261203_000057_offline_writes;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261125_000001_create_unit::Migration),
            Box::new(m20261125_000002_create_organization::Migration),
            Box::new(m20261125_000003_create_person::Migration),
            Box::new(m20261125_000004_create_user_account::Migration),
            Box::new(m20261125_000005_create_session::Migration),
            Box::new(m20261125_000006_create_password_code::Migration),
            Box::new(m20261125_000007_create_audit_log::Migration),
            Box::new(m20261125_000008_create_vacancy::Migration),
            Box::new(m20261125_000009_create_professional_profile::Migration),
            Box::new(m20261125_000010_create_application::Migration),
            Box::new(m20261125_000011_create_saved_vacancy::Migration),
            Box::new(m20261125_000012_create_consent::Migration),
            Box::new(m20261125_000013_create_data_request::Migration),
            Box::new(m20261125_000014_index_vacancy_listing::Migration),
            Box::new(m20261125_000015_create_course::Migration),
            Box::new(m20261125_000016_create_course_enrolment::Migration),
            Box::new(m20261125_000017_create_service::Migration),
            Box::new(m20261125_000018_create_location::Migration),
            Box::new(m20261125_000019_create_service_at_location::Migration),
            Box::new(m20261125_000020_create_phone::Migration),
            Box::new(m20261125_000021_create_schedule::Migration),
            Box::new(m20261125_000022_create_service_report::Migration),
            Box::new(m20261125_000023_create_referral::Migration),
            Box::new(m20261125_000024_create_referral_event::Migration),
            Box::new(m20261125_000025_create_person_detail::Migration),
            Box::new(m20261125_000026_create_appointment::Migration),
            Box::new(m20261126_000027_create_interview_area::Migration),
            Box::new(m20261126_000028_create_person_document::Migration),
            Box::new(m20261126_000029_create_plan_version::Migration),
            Box::new(m20261126_000030_create_follow_up::Migration),
            Box::new(m20261126_000031_add_reference_worker::Migration),
            Box::new(m20261126_000032_create_language_term::Migration),
            Box::new(m20261126_000033_create_stigma_episode::Migration),
            Box::new(m20261126_000034_create_hire::Migration),
            Box::new(m20261126_000035_create_retention_check::Migration),
            Box::new(m20261126_000036_company_onboarding::Migration),
            Box::new(m20261126_000037_create_quota_rule_set::Migration),
            Box::new(m20261126_000038_create_public_contract::Migration),
            Box::new(m20261126_000039_hire_from_companies::Migration),
            Box::new(m20261126_000040_vacancy_record_justification::Migration),
            Box::new(m20261126_000041_vacancy_contract::Migration),
            Box::new(m20261126_000042_quota_eligibility::Migration),
            Box::new(m20261126_000043_create_push::Migration),
            Box::new(m20261201_000044_search_in_app::Migration),
            Box::new(m20261201_000045_index_location_position::Migration),
            Box::new(m20261201_000046_person_search_name::Migration),
            Box::new(m20261201_000047_plan_open_deadline::Migration),
            Box::new(m20261201_000048_directory_listing::Migration),
            Box::new(m20261201_000049_drop_location_position::Migration),
            Box::new(m20261201_000050_directory_word_entry::Migration),
            Box::new(m20261201_000051_listing_position_covering::Migration),
            Box::new(m20261201_000052_monitoring_cuts::Migration),
            Box::new(m20261201_000053_create_hsds_identity::Migration),
            Box::new(m20261201_000054_create_service_attribute::Migration),
            Box::new(m20261201_000055_create_api_token::Migration),
            Box::new(m20261201_000056_create_rate_counter::Migration),
            Box::new(m20261203_000057_offline_writes::Migration),
        ]
    }
}
