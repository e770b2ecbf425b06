//! Who is in the network and what services exist near a person.

/// The public directory as Open Referral HSDS 3 (export).
pub mod hsds;
pub mod index;
pub mod network;
pub mod service_directory;
