//! Checks shared by every form that saves what a person typed.

pub mod language;
pub mod validate;
