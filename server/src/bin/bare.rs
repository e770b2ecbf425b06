//! `esv-bare FILE ADDR [--middleware]`: a bare axum handler that answers every GET with
//! FILE's bytes as HTML. Benchmarks compare the real server's pages against it (same bytes,
//! same machine, same run). With `--middleware` the handler sits behind the layers every
//! response of the real server passes (`server::middleware::common`: security headers,
//! compression, timeout, request id, trace): the most a page can reach with no database and
//! no rendering at all.

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
    let mut app = Router::new().fallback(get(move || {
        let body = body.clone();
        async move { ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body) }
    }));
    if args.get(2).map(String::as_str) == Some("--middleware") {
        app = server::middleware::common(app);
    }
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
