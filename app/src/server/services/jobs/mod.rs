//! Work: vacancies, candidaturas, companies, hires and the quota contracts behind them.

pub mod applications;
pub mod check_in_answers;
pub mod companies;
pub mod contracts;
pub mod employment;
pub mod hiring;
pub mod quota_eligibility;
pub mod vacancies;
