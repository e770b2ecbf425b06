//! `esv-search-bench DATABASE_URL [WORKLOAD]`: the job board's index alone, without HTTP or
//! page rendering — builds it from the database (as the server does at start) and answers
//! every request of the workload file (default `bench/search-workload.txt`) five times.
//! Prints the build time, the index's share of the process memory and microseconds per search
//! (p50 / p99 / mean). Figures only; part of `make bench` (bench/search.sh).

use app::server::search::VacancyIndex;
use app::server::services::jobs::vacancies::{Filters, search};
use std::process::ExitCode;
use std::time::Instant;

fn resident_mib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .unwrap_or(0)
        / 1024
}

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(url) = args.first() else {
        eprintln!("uso: esv-search-bench URL_DO_BANCO [ARQUIVO_DE_BUSCAS]");
        return ExitCode::from(2);
    };
    let workload = args
        .get(1)
        .cloned()
        .unwrap_or_else(|| "bench/search-workload.txt".into());
    let Ok(text) = std::fs::read_to_string(&workload) else {
        eprintln!("esv-search-bench: não consegui ler {workload}");
        return ExitCode::FAILURE;
    };
    let db = match sea_orm::Database::connect(url.as_str()).await {
        Ok(db) => db,
        Err(e) => {
            eprintln!("esv-search-bench: {e}");
            return ExitCode::FAILURE;
        }
    };
    let before = resident_mib();
    let index = VacancyIndex::default();
    let started = Instant::now();
    let indexed = match index.reload(&db).await {
        Ok(n) => n,
        Err(e) => {
            eprintln!("esv-search-bench: {e}");
            return ExitCode::FAILURE;
        }
    };
    let build = started.elapsed();
    let memory = resident_mib().saturating_sub(before);
    let paths: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
    let filters: Vec<Filters> = paths
        .iter()
        .map(|l| Filters::parse(&esv_tests::vacancy_query(l)).0)
        .collect();
    // ESV_BENCH_ROUNDS: more rounds for a profiler to look at (default 5).
    let rounds: usize = std::env::var("ESV_BENCH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .filter(|r| *r > 0)
        .unwrap_or(5);
    let mut times = Vec::with_capacity(filters.len() * rounds);
    let mut per_request = vec![0.0; filters.len()];
    for _ in 0..rounds {
        for (n, f) in filters.iter().enumerate() {
            let t = Instant::now();
            std::hint::black_box(search(&index, f));
            let micros = t.elapsed().as_secs_f64() * 1e6;
            times.push(micros);
            per_request[n] += micros / rounds as f64;
        }
    }
    // What dominates: the slowest requests of the workload, by their mean.
    let mut slowest: Vec<(f64, &str)> = per_request.iter().copied().zip(paths).collect();
    slowest.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (micros, path) in slowest.iter().take(5) {
        eprintln!("esv-search-bench: {micros:.0} µs {path}");
    }
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() as f64 - 1.0) * q) as usize];
    let mean = times.iter().sum::<f64>() / times.len() as f64;
    println!(
        "index: {indexed} vacancies built in {:.1} s, ~{memory} MiB; search alone over {} requests: p50 {:.0} µs, p99 {:.0} µs, mean {:.0} µs",
        build.as_secs_f64(),
        times.len(),
        at(0.5),
        at(0.99),
        mean
    );
    ExitCode::SUCCESS
}
