//! The case file a unit keeps with a person (Res. CNJ 307/2019's attendance method), and the
//! team's views over it.

pub mod appointments;
pub mod backfill;
pub mod caseload;
pub mod follow_ups;
pub mod interview;
pub mod people;
pub mod plans;
pub mod referrals;
pub mod stigma_episodes;
pub mod unit_dashboard;
