//! Exactly once with several servers: two real server processes (`esv-node`, the same command
//! as `esv-server`) share one PostgreSQL and 1,000 due reminders × 2 devices. Every (reminder,
//! device) reaches the local push service exactly once, and both processes take part. Then one
//! process is killed mid-run: the other finishes the work; nothing is lost, and a repeat can
//! only be a message the dead process had already posted but not yet recorded (at most its
//! batches in flight) — carrying the same `Topic`, so a push service collapses it.

use app::server::entities::{push_delivery, push_event};
use esv_tests::push_service::PushService;
use esv_tests::{Backend, DEMO_EGRESSO_CPF, DEMO_PASSWORD, Node, TestApp, spawn_app};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

const ANDROID: &str = "Mozilla/5.0 (Linux; Android 10; K) Chrome/156.0.0.0 Mobile Safari/537.36";
/// Messages a worker loop claims at once, and loops per process: a killed process can leave
/// at most `BATCH × LOOPS` messages posted but not recorded.
const BATCH: usize = 50;
const LOOPS: usize = 2;

/// A server process running this test's push settings.
fn start_node(app: &TestApp, name: &str) -> Node {
    Node::start(
        env!("CARGO_BIN_EXE_esv-node"),
        app,
        name,
        &[
            ("ESV_PUSH_INTERVALO_MS", "50".into()),
            ("ESV_PUSH_PRAZO_S", "5".into()),
            ("ESV_PUSH_ESPERA_S", "1".into()),
            ("ESV_PUSH_LOTE", BATCH.to_string()),
            ("ESV_PUSH_LACOS", LOOPS.to_string()),
        ],
    )
}

/// `count` reminders of Maria due now; their push topics.
async fn due_now(app: &TestApp, count: usize) -> HashSet<String> {
    let now = app::server::now();
    esv_tests::due_reminders(app, count, |_| now - 1)
        .await
        .into_keys()
        .collect()
}

/// How many times each (topic, device) arrived.
fn tally(service: &PushService) -> HashMap<(String, String), Vec<String>> {
    let mut seen: HashMap<(String, String), Vec<String>> = HashMap::new();
    for r in service.received() {
        seen.entry((r.topic.clone().expect("topic"), r.device.clone()))
            .or_default()
            .push(r.plaintext.clone());
    }
    seen
}

async fn wait_until_all_sent(app: &TestApp, seconds: u64) {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    loop {
        let pending = push_delivery::Entity::find()
            .filter(push_delivery::Column::Status.ne("enviada"))
            .count(&app.db)
            .await
            .expect("count");
        let events_left = push_event::Entity::find()
            .filter(push_event::Column::Status.eq("planejado"))
            .count(&app.db)
            .await
            .expect("count");
        if pending == 0 && events_left == 0 {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{pending} deliveries and {events_left} events still waiting"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_deliver_each_reminder_exactly_once_even_when_one_dies() {
    // Several processes on one database is what PostgreSQL is for (SQLite has one writer).
    let Some(app) = spawn_app(Backend::Postgres).await else {
        return;
    };
    let service = PushService::start(&app.state.push.vapid_public_key).await;
    let (maria, _) = app.login(DEMO_EGRESSO_CPF, DEMO_PASSWORD).await;
    let devices = [service.new_device(), service.new_device()];
    for d in &devices {
        let page = app
            .post_json("/conta/dispositivos", &d.json, &maria, ANDROID)
            .await;
        assert_eq!(page.status, 201, "{}", page.body);
    }
    let a = start_node(&app, "a");
    let b = start_node(&app, "b");
    a.wait_healthy().await;
    b.wait_healthy().await;

    // Round 1: 1,000 reminders × 2 devices, exactly once.
    let topics = due_now(&app, 1000).await;
    let got = service.wait_for(2000, 240).await;
    assert_eq!(service.refused(), Vec::<String>::new());
    assert_eq!(got.len(), 2000, "all delivered");
    wait_until_all_sent(&app, 60).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(service.refused(), Vec::<String>::new());
    let seen = tally(&service);
    assert_eq!(seen.len(), 2000, "every (reminder, device) arrived");
    assert!(
        seen.values().all(|copies| copies.len() == 1),
        "no (reminder, device) arrived twice"
    );
    let arrived: HashSet<String> = seen.keys().map(|(t, _)| t.clone()).collect();
    assert_eq!(arrived, topics);
    // Both processes took part.
    let owners: HashSet<String> = push_delivery::Entity::find()
        .all(&app.db)
        .await
        .expect("deliveries")
        .into_iter()
        .filter_map(|d| d.lease_owner)
        .map(|o| o.split('-').next().unwrap_or_default().to_string())
        .collect();
    assert_eq!(owners.len(), 2, "both servers sent: {owners:?}");

    // Round 2: kill one process mid-run; the other finishes.
    service.set_delay(30);
    let before = service.received_count();
    let topics2 = due_now(&app, 1000).await;
    let deadline = Instant::now() + Duration::from_secs(120);
    while service.received_count() < before + 200 {
        assert!(Instant::now() < deadline, "round 2 did not start");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let killed_prefix = a.owner_prefix();
    drop(a);
    let at_kill = service.received_count() - before;
    assert!(at_kill < 2000, "killed mid-run ({at_kill} of 2000 were in)");
    wait_until_all_sent(&app, 240).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(service.refused(), Vec::<String>::new());
    let seen = tally(&service);
    let round2: HashMap<_, _> = seen
        .into_iter()
        .filter(|((t, _), _)| topics2.contains(t))
        .collect();
    assert_eq!(round2.len(), 2000, "nothing lost when a server dies");
    let repeats: Vec<_> = round2.values().filter(|c| c.len() > 1).collect();
    assert!(
        repeats.len() <= BATCH * LOOPS,
        "{} repeats: more than the dead server's batches in flight",
        repeats.len()
    );
    for copies in &repeats {
        assert!(
            copies.iter().all(|c| c == &copies[0]),
            "a repeat is the same message"
        );
    }
    // The survivor did the rest.
    let survivors: HashSet<String> = push_delivery::Entity::find()
        .all(&app.db)
        .await
        .expect("deliveries")
        .into_iter()
        .filter_map(|d| d.lease_owner)
        .filter(|o| !o.starts_with(&killed_prefix))
        .map(|o| o.split('-').next().unwrap_or_default().to_string())
        .collect();
    assert_eq!(survivors.len(), 1, "one surviving process: {survivors:?}");
    eprintln!(
        "exactly-once: round 1 2000/2000 once; round 2 killed at {at_kill}/2000, {} repeat(s) after the kill",
        repeats.len()
    );
    drop(b);
}
