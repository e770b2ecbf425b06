//! The real server command (`server::cli`), built inside the test package so integration tests
//! can start it as separate processes (`CARGO_BIN_EXE_esv-node`): several servers on one
//! PostgreSQL, one of them killed mid-run.

#[tokio::main]
async fn main() -> std::process::ExitCode {
    server::cli(std::env::args().skip(1).collect()).await
}
