//! The person's rights over their data (LGPD) and the log of every change.

pub mod audit;
pub mod my_data;
