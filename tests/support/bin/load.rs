//! `esv-load SERVER [PEOPLE] [SECONDS]` (issue 15, point 6; `make load`): starts the server
//! command `SERVER` (the release `esv-server`) on a new PostgreSQL database
//! (`ESV_TEST_POSTGRES_URL`) with the demo year, makes PEOPLE accounts of every role (default
//! 200) and runs their usual visits for SECONDS (default 300) on loopback. Prints each page
//! type's percentiles, the errors, and the server's memory and CPU; stops by itself, removes
//! the database, and fails if any request failed. Figures go to docs/PERFORMANCE.md.

use esv_tests::load::{self, Settings};
use esv_tests::{Backend, Node};
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// The server's resident memory (KiB) and CPU time so far (clock ticks), from /proc.
fn server_usage(pid: u32) -> Option<(u64, u64)> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let rss = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command's closing parenthesis; utime and stime are the 14th and
    // 15th of the whole line.
    let rest: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks = rest.get(11)?.parse::<u64>().ok()? + rest.get(12)?.parse::<u64>().ok()?;
    Some((rss, ticks))
}

fn mib(kib: u64) -> String {
    format!("{:.0} MiB", kib as f64 / 1024.0)
}

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(exe) = args.first() else {
        eprintln!("uso: esv-load SERVIDOR [PESSOAS] [SEGUNDOS]");
        return ExitCode::from(2);
    };
    let number = |i: usize, default: u64| {
        args.get(i)
            .map_or(Ok(default), |a| a.parse::<u64>())
            .map_err(|_| format!("esv-load: '{}' não é um número", args[i]))
    };
    let (people, seconds) = match (number(1, 200), number(2, 300)) {
        (Ok(p), Ok(s)) => (p as usize, s),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    if people < load::cast::MIN_PEOPLE {
        eprintln!(
            "esv-load: são necessárias pelo menos {} pessoas (uma de cada papel)",
            load::cast::MIN_PEOPLE
        );
        return ExitCode::from(2);
    }
    let Some(db) = esv_tests::empty_database(Backend::Postgres).await else {
        eprintln!("esv-load: defina ESV_TEST_POSTGRES_URL (o PostgreSQL do teste de carga)");
        return ExitCode::FAILURE;
    };
    let node = Node::start_on(
        exe,
        &db.url,
        Some(db.data_dir.clone()),
        "load",
        &[("ESV_DEMO_DATA", "1".to_string())],
    );
    node.wait_healthy().await;
    let pid = node.pid();
    let connection = match sea_orm::Database::connect(db.url.as_str()).await {
        Ok(c) => c,
        Err(e) => {
            eprintln!("esv-load: {e}");
            return ExitCode::FAILURE;
        }
    };
    let cast = match load::cast::prepare(&connection, people).await {
        Ok(cast) => cast,
        Err(e) => {
            eprintln!("esv-load: não consegui criar as contas: {e}");
            return ExitCode::FAILURE;
        }
    };
    let Some((at_rest, ticks_before)) = server_usage(pid) else {
        eprintln!("esv-load: o servidor parou");
        return ExitCode::FAILURE;
    };
    let settings = Settings {
        base: node.origin(),
        duration: Duration::from_secs(seconds),
        ramp: Duration::from_secs((seconds / 10).min(30)),
        think_ms: (500, 2500),
    };
    eprintln!(
        "esv-load: {people} pessoas por {seconds} s em {} (servidor com {} em repouso)",
        settings.base,
        mib(at_rest)
    );
    // Memory sampled twice a second while the load runs.
    let sampling = tokio::spawn(async move {
        let mut peak = 0;
        loop {
            match server_usage(pid) {
                Some((rss, _)) => peak = peak.max(rss),
                None => return peak,
            }
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
    });
    let started = Instant::now();
    let report = load::run(&cast, &settings).await;
    let wall = started.elapsed();
    let end = server_usage(pid);
    sampling.abort();
    let peak = end.map_or(0, |(rss, _)| rss);
    let peak = match sampling.await {
        Ok(p) => p.max(peak),
        Err(_) => peak,
    };
    drop(node);
    let Some((rss_end, ticks_after)) = end else {
        eprintln!("esv-load: o servidor parou durante a carga");
        return ExitCode::FAILURE;
    };
    // /proc counts CPU time in USER_HZ ticks, 100 a second on Linux.
    let cpu = (ticks_after - ticks_before) as f64 / 100.0;
    println!(
        "{people} people, {seconds} s, pause {}–{} ms between pages, logins spread over {} s: \
         {} requests ({:.0}/s), {} errors. Server: {} at rest after start, peak {}, {} at the \
         end; CPU {:.0} s in {:.0} s ({:.2} cores).\n",
        settings.think_ms.0,
        settings.think_ms.1,
        settings.ramp.as_secs(),
        report.requests(),
        report.requests() as f64 / wall.as_secs_f64(),
        report.errors(),
        mib(at_rest),
        mib(peak),
        mib(rss_end),
        cpu,
        wall.as_secs_f64(),
        cpu / wall.as_secs_f64(),
    );
    println!("{}", report.table());
    println!(
        "Answers over 250 ms, by when in the run: {}\n",
        report.slow_by_time()
    );
    for failure in &report.failures {
        println!("FAILED {} {}: {}", failure.page, failure.path, failure.what);
    }
    if report.errors() == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
