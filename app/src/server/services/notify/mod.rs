//! Reminders that reach people outside the app.

pub mod calendar;
pub mod push;
