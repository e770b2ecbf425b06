//! `esv-bare FILE ADDR`: a bare axum handler that answers every GET with FILE's bytes as HTML.
//! Benchmarks compare the real server's pages against it (same bytes, same machine, same run).

use axum::Router;
use axum::http::header;
use axum::routing::get;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(file), Some(addr)) = (args.first(), args.get(1)) else {
        eprintln!("uso: esv-bare ARQUIVO ENDEREÇO");
        return ExitCode::from(2);
    };
    let body = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("esv-bare: {file}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let app = Router::new().fallback(get(move || {
        let body = body.clone();
        async move { ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body) }
    }));
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("esv-bare: {addr}: {e}");
            return ExitCode::FAILURE;
        }
    };
    match axum::serve(listener, app).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("esv-bare: {e}");
            ExitCode::FAILURE
        }
    }
}
