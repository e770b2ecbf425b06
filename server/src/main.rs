//! `esv-server`: reads the configuration from the environment and serves. See `server::cli`.

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    server::cli(std::env::args().skip(1).collect()).await
}
