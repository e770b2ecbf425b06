//! Web Push benchmark (`bench/push.sh`; release build). Prints figures only; nothing passes or
//! fails on a time.
//!
//! 1. The sender alone on one core: encrypt (aes128gcm) + VAPID header per message, with the
//!    token reused per push-service origin, and signing a fresh token every time.
//! 2. End to end: due reminders in the database → worker (claim, encrypt, sign, POST, record)
//!    → the local push service (verify, decrypt), sender and service sharing this machine.
//! 3. Scheduler lag: 100,000 reminders due "within one hour", compressed into 60 seconds (60×
//!    the real rate); lag = arrival at the push service − due time.
//!
//! Database: SQLite, or PostgreSQL when `ESV_TEST_POSTGRES_URL` is set.

use esv_tests::push_service::PushService;
use esv_tests::{Backend, DEMO_EGRESSO_CPF, DEMO_PASSWORD, TestApp, spawn_app};
use std::time::{Duration, Instant};

const ANDROID: &str = "Mozilla/5.0 (Linux; Android 10; K) Chrome/156.0.0.0 Mobile Safari/537.36";

fn arg(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let backend = if std::env::var("ESV_TEST_POSTGRES_URL").is_ok() {
        Backend::Postgres
    } else {
        Backend::Sqlite
    };
    let sender_n = arg("SENDER_MESSAGES", 20_000);
    let e2e_n = arg("E2E_REMINDERS", 10_000);
    let lag_n = arg("LAG_REMINDERS", 100_000);
    let lag_window = arg("LAG_WINDOW_S", 60) as i64;
    println!(
        "backend: {backend:?}; cores: {}",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );

    sender_alone(sender_n).await;
    end_to_end(backend, e2e_n).await;
    scheduler_lag(backend, lag_n, lag_window).await;
}

async fn setup(backend: Backend, devices: usize) -> (TestApp, PushService) {
    let app = spawn_app(backend).await.expect("database");
    let service = PushService::start(&app.state.push.vapid_public_key).await;
    let (maria, _) = app.login(DEMO_EGRESSO_CPF, DEMO_PASSWORD).await;
    for _ in 0..devices {
        let d = service.new_device();
        let page = app
            .post_json("/conta/dispositivos", &d.json, &maria, ANDROID)
            .await;
        assert_eq!(page.status, 201);
    }
    (app, service)
}

async fn sender_alone(n: usize) {
    let (app, service) = setup(Backend::Sqlite, 1).await;
    let device = service.new_device();
    let claimed = app::server::services::notify::push::Claimed {
        id: 1,
        subscription_id: 1,
        endpoint: device.json["endpoint"].as_str().unwrap_or_default().into(),
        p256dh: device.json["keys"]["p256dh"].as_str().unwrap_or_default().into(),
        auth: device.json["keys"]["auth"].as_str().unwrap_or_default().into(),
        payload: r#"{"title":"Lembrete","body":"Você tem um compromisso amanhã às 14h. Toque para ver.","url":"/inicio/agenda#compromisso-1","tag":"compromisso-1"}"#.into(),
        topic: "e1".into(),
        urgency: "high".into(),
        ttl: 3600,
        attempts: 0,
        expires_at: i64::MAX,
    };
    let now = app::server::now();
    let sender = app.sender.clone();
    let c = claimed.clone();
    let (cached, fresh) = tokio::task::spawn_blocking(move || {
        let started = Instant::now();
        for _ in 0..n {
            assert!(sender.prepare(&c, now).is_some());
        }
        let cached = n as f64 / started.elapsed().as_secs_f64();
        // A new push-service origin each time (another port): a fresh VAPID token each.
        let m = (n / 10).max(100);
        let messages: Vec<_> = (0..m)
            .map(|i| {
                let mut other = c.clone();
                other.endpoint = format!("http://127.0.0.1:{}/push/d1", 20_000 + i);
                other
            })
            .collect();
        let started = Instant::now();
        for other in &messages {
            assert!(sender.prepare(other, now).is_some());
        }
        (cached, m as f64 / started.elapsed().as_secs_f64())
    })
    .await
    .expect("bench thread");
    println!("| sender alone, one core, token reused per origin | {cached:.0} messages/s |");
    println!("| sender alone, one core, signing every message | {fresh:.0} messages/s |");
}

fn worker_config() -> server::config::PushWorkerConfig {
    server::config::PushWorkerConfig {
        poll_ms: 100,
        batch: 500,
        concurrency: 128,
        ..Default::default()
    }
}

async fn end_to_end(backend: Backend, reminders: usize) {
    let (mut app, service) = setup(backend, 2).await;
    let now = app::server::now();
    esv_tests::due_reminders(&app, reminders, |_| now - 1).await;
    let expected = reminders * 2;
    let started = Instant::now();
    app.start_push_worker(worker_config());
    let got = service.wait_for(expected, 600).await;
    let seconds = started.elapsed().as_secs_f64();
    assert_eq!(got.len(), expected, "all delivered");
    assert!(service.refused().is_empty());
    println!(
        "| end to end ({backend:?}): {reminders} reminders × 2 devices, verified and decrypted by the local push service | {:.0} pushes/s ({expected} in {seconds:.1} s) |",
        expected as f64 / seconds
    );
}

async fn scheduler_lag(backend: Backend, reminders: usize, window: i64) {
    let (mut app, service) = setup(backend, 1).await;
    // Due from 5 s from now, spread evenly over `window` seconds.
    let start = app::server::now() + 5;
    let topics = esv_tests::due_reminders(&app, reminders, |i| {
        start + (i as i64 * window) / reminders as i64
    })
    .await;
    app.start_push_worker(worker_config());
    let got = service.wait_for(reminders, (window as u64) + 600).await;
    assert_eq!(got.len(), reminders, "all delivered");
    let mut lags: Vec<i64> = got
        .iter()
        .filter_map(|r| {
            let due = topics.get(r.topic.as_deref()?)?;
            Some(r.at_ms - due * 1000)
        })
        .collect();
    lags.sort_unstable();
    let pct = |p: f64| lags[((lags.len() as f64 - 1.0) * p) as usize];
    println!(
        "| scheduler lag ({backend:?}): {reminders} reminders due over {window} s ({:.0}/s, {}× the rate of {reminders} in one hour) | p50 {} ms, p99 {} ms, max {} ms |",
        reminders as f64 / window as f64,
        3600 / window,
        pct(0.5),
        pct(0.99),
        lags.last().copied().unwrap_or(0)
    );
    tokio::time::sleep(Duration::from_millis(10)).await;
}
