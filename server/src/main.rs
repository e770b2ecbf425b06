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
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        None => server::run(config).await,
        Some("seed-benchmark") => {
            let count = match args.get(1).map(|n| n.parse::<i64>()) {
                None => 100_000,
                Some(Ok(n)) if n > 0 => n,
                Some(_) => {
                    eprintln!("esv-server: uso: esv-server seed-benchmark [QUANTIDADE]");
                    return ExitCode::from(2);
                }
            };
            server::seed_benchmark(config, count).await
        }
        Some(other) => {
            eprintln!(
                "esv-server: comando desconhecido: {other}. Use: esv-server [seed-benchmark [QUANTIDADE]]"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("{e}");
            ExitCode::FAILURE
        }
    }
}
