//! The load tool (issue 15, point 6) on a short run (20 s): people of every role, each logged in
//! from an address of their own, go through their usual visits at once (reads and writes,
//! searches from the long-tail workloads) and no page fails. `esv-load` runs the same
//! visits with 200 people for 5 minutes (docs/PERFORMANCE.md); this keeps them working.

use esv_tests::Backend;
use esv_tests::load::{self, Settings};
use std::time::Duration;

async fn everyone_is_served_under_a_mixed_load(backend: Backend) {
    let Some(app) = esv_tests::spawn_app_with_demo_year(backend).await else {
        return;
    };
    let people = 24;
    let cast = load::cast::prepare(&app.db, people)
        .await
        .expect("accounts");
    let report = load::run(
        &cast,
        &Settings {
            base: app.origin.clone(),
            // Long enough that every role's rarer writes (a new vacancy is one visit in four)
            // come up even when the machine is busy with other tests (logins then queue for
            // seconds); short pauses give many visits.
            duration: Duration::from_secs(20),
            ramp: Duration::from_secs(1),
            think_ms: (5, 40),
        },
    )
    .await;
    assert_eq!(
        report.errors(),
        0,
        "{:#?}\n{}",
        report.failures,
        report.table()
    );
    let served = |page: &str| report.pages.get(page).map_or(0, |t| t.micros.len());
    // Everyone logged in, each from their own address (the per-address limit is 30).
    assert_eq!(served("POST /entrar"), people, "{}", report.table());
    // Every role's pages and every kind of write were reached.
    for page in [
        "GET /inicio",
        "GET /vagas?…",
        "POST /vagas/{id}/salvar",
        "GET /equipe/pessoas/{id}",
        "POST /equipe/pessoas/{id}/plano/area",
        "POST /equipe/agenda",
        "GET /monitoramento?…",
        "GET /empresa/vagas",
        "POST /empresa/vagas/nova",
        "GET /parceiro/encaminhamentos/{id}",
        "GET /monitoramento/relatorio",
    ] {
        assert!(served(page) > 0, "{page} not reached:\n{}", report.table());
    }
    println!("{} requests\n{}", report.requests(), report.table());
}

mod sqlite {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn everyone_is_served_under_a_mixed_load() {
        super::everyone_is_served_under_a_mixed_load(esv_tests::Backend::Sqlite).await;
    }
}

mod postgres {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn everyone_is_served_under_a_mixed_load() {
        super::everyone_is_served_under_a_mixed_load(esv_tests::Backend::Postgres).await;
    }
}
