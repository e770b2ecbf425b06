//! Job search at the level a person meets it (issue 12): the relevance set on the demo data,
//! the same answers from SQLite and PostgreSQL for the benchmark's 1,200 requests, a change on
//! one server seen by another within a second, and bad input that never breaks the page.

use app::server::services::jobs::vacancies::VacancyQuery;
use app::server::services::jobs::vacancies::{self, Filters, Listing};
use esv_tests::{Backend, DEMO_PASSWORD, Node, TestApp, iso_in_days, on_both_databases, spawn_app};
use std::time::{Duration, Instant};

on_both_databases!(the_relevance_set_holds, bad_input_never_breaks_the_board);

/// Every result of a query, all pages, through the same service the page uses.
fn all_results(app: &TestApp, query: &VacancyQuery) -> (Vec<Listing>, u64) {
    let (mut filters, _) = Filters::parse(query);
    let mut found = Vec::new();
    let mut total = 0;
    for page in 1.. {
        filters.page = page;
        let results = vacancies::search(&app.state.search, &filters);
        total = results.total;
        if results.cards.is_empty() {
            break;
        }
        found.extend(results.cards);
    }
    (found, total)
}

struct Case {
    line: usize,
    query: String,
    expected: Vec<String>,
    forbidden: Vec<String>,
}

fn relevance_cases() -> Vec<Case> {
    let text = include_str!("../../data/search-relevance.txt");
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|(n, l)| {
            let (query, right) = l.split_once("=>").expect("query => titles");
            let (expected, forbidden) = right.split_once('!').unwrap_or((right, ""));
            let titles = |s: &str| -> Vec<String> {
                s.split('|')
                    .map(|t| t.trim().to_string())
                    .filter(|t| !t.is_empty())
                    .collect()
            };
            Case {
                line: n + 1,
                query: query.trim().to_string(),
                expected: titles(expected),
                forbidden: titles(forbidden),
            }
        })
        .collect()
}

async fn the_relevance_set_holds(app: TestApp) {
    let cases = relevance_cases();
    assert!(cases.len() >= 100, "at least 100 cases: {}", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let query = VacancyQuery {
            q: case.query.clone(),
            ..Default::default()
        };
        let (found, total) = all_results(&app, &query);
        assert_eq!(found.len() as u64, total, "{}: pages add up", case.query);
        let titles: Vec<&str> = found.iter().map(|l| l.title.as_str()).collect();
        let mut problems = Vec::new();
        if case.expected.is_empty() && !titles.is_empty() {
            problems.push(format!("expected nothing, found {}", titles.len()));
        }
        // `Auxiliar*` stands for every title that starts so.
        let matches = |pattern: &str, title: &str| match pattern.strip_suffix('*') {
            Some(prefix) => title.starts_with(prefix),
            None => pattern == title,
        };
        for want in &case.expected {
            if !titles.iter().any(|t| matches(want, t)) {
                problems.push(format!("missing '{want}'"));
            }
        }
        for (rank, title) in titles.iter().take(5).enumerate() {
            if !case.expected.iter().any(|e| matches(e, title)) {
                problems.push(format!("result {} is '{title}'", rank + 1));
            }
        }
        for not in &case.forbidden {
            if titles.contains(&not.as_str()) {
                problems.push(format!("found '{not}'"));
            }
        }
        if !problems.is_empty() {
            failures.push(format!(
                "line {} '{}': {} (first: {:?})",
                case.line,
                case.query,
                problems.join("; "),
                titles.iter().take(8).collect::<Vec<_>>()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// The benchmark's requests and the relevance set, answered by a SQLite server and a
/// PostgreSQL server holding the same demo data: the same vacancies in the same order, the
/// same totals.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_databases_give_the_same_results() {
    let Some(sqlite) = spawn_app(Backend::Sqlite).await else {
        return;
    };
    let Some(postgres) = spawn_app(Backend::Postgres).await else {
        return;
    };
    let workload = include_str!("../../../bench/search-workload.txt");
    let mut queries: Vec<VacancyQuery> = workload
        .lines()
        .filter(|l| !l.is_empty())
        .map(esv_tests::vacancy_query)
        .collect();
    queries.extend(relevance_cases().into_iter().map(|c| VacancyQuery {
        q: c.query,
        ..Default::default()
    }));
    assert!(queries.len() >= 1_200);
    // Each server seeded the demo at its own second: closing times differ by that much.
    let shown = |cards: &[Listing]| -> Vec<Listing> {
        cards
            .iter()
            .map(|l| Listing {
                closes_at: 0,
                ..l.clone()
            })
            .collect()
    };
    let mut non_empty = 0;
    for query in &queries {
        let (filters, _) = Filters::parse(query);
        let a = vacancies::search(&sqlite.state.search, &filters);
        let b = vacancies::search(&postgres.state.search, &filters);
        assert_eq!(a.total, b.total, "{query:?}");
        assert_eq!(shown(&a.cards), shown(&b.cards), "{query:?}");
        if !a.cards.is_empty() {
            non_empty += 1;
        }
    }
    assert!(
        non_empty > queries.len() / 3,
        "{non_empty} of {}",
        queries.len()
    );
    // And through the page, for a few: the same bytes of results.
    for path in workload.lines().take(20) {
        let a = sqlite.get(path, None).await;
        let b = postgres.get(path, None).await;
        assert_eq!(a.status, b.status, "{path}");
        let ids = |body: &str| -> Vec<String> {
            body.split(r#"<a href="/vagas/"#)
                .skip(1)
                .map(|s| s.split('"').next().unwrap_or_default().to_string())
                .collect()
        };
        assert_eq!(ids(&a.body), ids(&b.body), "{path}");
    }
}

/// Two server processes on one PostgreSQL: a vacancy published on one is found on the other
/// within a second, and gone from it within a second of being closed — with the other
/// server's caches on, and after it has already answered the same search.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_on_one_server_reaches_the_other_within_a_second() {
    let Some(app) = spawn_app(Backend::Postgres).await else {
        return;
    };
    let other = Node::start(
        env!("CARGO_BIN_EXE_esv-node"),
        &app,
        "search",
        &[("ESV_PUSH_WORKER", "0".into())],
    );
    other.wait_healthy().await;
    let client = reqwest::Client::new();
    let search_other = |q: &'static str| {
        let client = client.clone();
        let url = format!("{}/vagas?q={q}", other.origin());
        async move {
            client
                .get(&url)
                .send()
                .await
                .expect("other server answers")
                .text()
                .await
                .expect("body")
        }
    };
    // The other server answers (and keeps) the search before the vacancy exists.
    assert!(
        search_other("marceneiro")
            .await
            .contains("Nenhuma vaga encontrada")
    );

    let (company, _) = app.login("rh@exemplo.org", DEMO_PASSWORD).await;
    let closes = iso_in_days(20);
    let form = [
        ("titulo", "Marceneiro de móveis planejados"),
        ("cbo", "7155-05"),
        (
            "descricao",
            "Montar e instalar móveis planejados em apartamentos.",
        ),
        ("requisitos", "Ensino fundamental."),
        ("horas", "44"),
        ("turno", "manha"),
        ("contrato", "clt"),
        ("cidade", "Brasília"),
        ("uf", "DF"),
        ("municipio", "5300108"),
        ("salario_min", "2.500"),
        ("salario_max", ""),
        ("encerra", closes.as_str()),
    ];
    let saved = app.post("/empresa/vagas/nova", &form, Some(&company)).await;
    assert_eq!(
        saved.location(),
        Some("/empresa/vagas?salva=1"),
        "{}",
        saved.body
    );
    let published = Instant::now();
    let seen = wait_for(
        || search_other("marceneiro"),
        |body| body.contains("Marceneiro de móveis planejados"),
    )
    .await;
    assert!(
        seen < Duration::from_secs(1),
        "published, seen after {seen:?}"
    );

    let body = search_other("marceneiro").await;
    let id = body
        .split(r#"<a href="/vagas/"#)
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a result")
        .to_string();
    let closed = app
        .post(
            &format!("/empresa/vagas/{id}/encerrar"),
            &[],
            Some(&company),
        )
        .await;
    assert_eq!(closed.location(), Some("/empresa/vagas?encerrada=1"));
    let gone = wait_for(
        || search_other("marceneiro"),
        |body| body.contains("Nenhuma vaga encontrada"),
    )
    .await;
    assert!(gone < Duration::from_secs(1), "closed, gone after {gone:?}");
    eprintln!(
        "seen on the other server after {seen:?}; gone after {gone:?} (published {published:?} ago)"
    );
}

/// How long until `check` holds for what `fetch` returns (gives up after 10 s).
async fn wait_for<F, Fut>(fetch: F, check: impl Fn(&str) -> bool) -> Duration
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = String>,
{
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10) {
        if check(&fetch().await) {
            return start.elapsed();
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("not within 10 s");
}

async fn bad_input_never_breaks_the_board(app: TestApp) {
    let long = "pedreiro ".repeat(600);
    for (path, status) in [
        ("/vagas?pagina=-1".to_string(), 200),
        ("/vagas?pagina=0".to_string(), 200),
        ("/vagas?pagina=99999999999999999999".to_string(), 200),
        ("/vagas?pagina=abc".to_string(), 200),
        (format!("/vagas?q={}", long.replace(' ', "+")), 200),
        ("/vagas?q=%00%FF%FE".to_string(), 200),
        ("/vagas?uf=ZZ".to_string(), 422),
        ("/vagas?cidade=12&cbo=x&turno=madrugada".to_string(), 200),
        ("/vagas?salario=-5".to_string(), 422),
    ] {
        let page = app.get(&path, None).await;
        assert_eq!(page.status, status, "{}", &path[..path.len().min(80)]);
        assert!(
            page.body.contains("result-count") || status == 422,
            "{path}"
        );
    }
    let bad_uf = app.get("/vagas?uf=ZZ&q=pedreiro", None).await;
    assert!(bad_uf.body.contains("Escolha um estado da lista."));
    assert!(
        bad_uf.body.contains(r#"value="pedreiro""#),
        "what was typed stays"
    );
    // A page past the last one says so and links back.
    let far = app.get("/vagas?q=pedreiro&pagina=50", None).await;
    assert_eq!(far.status, 200);
    assert!(far.body.contains("Esta página não existe"), "{}", far.body);
}
