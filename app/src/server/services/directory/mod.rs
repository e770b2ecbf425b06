//! Who is in the network and what services exist near a person.

pub mod index;
pub mod network;
pub mod service_directory;
