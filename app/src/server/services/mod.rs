//! The only code that touches the database. Every function takes the actor kind it serves
//! (see `actor.rs`) and scopes its queries by it. Services own their input and result types;
//! pages use them, never the other way round. Grouped by who they serve:

/// Accounts, login, one-time codes, password hashing.
pub mod access;
/// The case file a unit keeps with a person: registration, interview, plan, follow-ups, stigma
/// episodes, appointments, referrals, and the team's dashboards over them.
pub mod case;
/// Courses: catalogue, enrolment requests, the provider's and the unit's views.
pub mod courses;
/// The network (units, partner organisations) and the public service directory (HSDS 3).
pub mod directory;
/// Shared checks of what people type: field rules and the language guard's terms.
pub mod input;
/// Work: the public job board, candidaturas, companies and their vacancies, hires and
/// retention, quota contracts.
pub mod jobs;
/// The programme's indicators by race, gender and the other published cuts, small cells
/// hidden: for a unit's coordination and the administration.
pub mod monitoring;
/// What reaches people outside the app: Web Push notices and calendar files.
pub mod notify;
/// The person's own data (LGPD): consents, who saw it, export, deletion; the audit log.
pub mod privacy;
/// Demo and benchmark data.
pub mod seed;
