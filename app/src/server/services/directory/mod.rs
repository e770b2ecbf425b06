//! Who is in the network and what services exist near a person.

/// The public directory as Open Referral HSDS 3 (export).
pub mod hsds;
/// HSDS 3 files into the directory (`esv-server importar-servicos`).
pub mod hsds_import;
/// The same directory as HSDS 3 CSV files with their data package descriptor, zipped.
pub mod hsds_tabular;
pub mod index;
pub mod network;
pub mod service_directory;
