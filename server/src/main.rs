//! `esv-server`: reads the configuration from the environment and serves. See `server::run`.

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("ESV_LOG")
                .unwrap_or_else(|_| "info,sqlx=warn,sea_orm=warn,tower_http=info".into()),
        )
        .init();
    let config = match server::config::Config::from_env() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("esv-server: configuração inválida: {e}");
            return ExitCode::from(2);
        }
    };
    match server::run(config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("{e}");
            ExitCode::FAILURE
        }
    }
}
