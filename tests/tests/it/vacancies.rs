//! The public job board: search, filters, ranking, pages, JSON-LD, on SQLite and PostgreSQL.

use esv_tests::{TestApp, on_both_databases};

on_both_databases!(
    search_ignores_accents_and_case,
    each_filter_narrows_the_results,
    title_matches_rank_first,
    results_are_paginated_without_overlap,
    no_results_and_bad_input_are_explained,
    closed_vacancies_are_not_public,
    vacancy_page_has_a_valid_job_posting,
    public_pages_say_nothing_about_anyones_past,
    benchmark_seeding_adds_searchable_vacancies,
);

async fn benchmark_seeding_adds_searchable_vacancies(app: TestApp) {
    // The real command seeds before the server starts, and the server builds its index at
    // start: here the running server reloads it instead. Each search below is one the server
    // has not answered yet (its caches hold nothing for it).
    assert_eq!(count(&app.get("/vagas?q=teste", None).await.body), 0);
    app::server::services::seed::seed_benchmark_vacancies(&app.db, 1000)
        .await
        .unwrap();
    app.state.search.reload(&app.db).await.unwrap();
    let generated = count(&app.get("/vagas?q=empresa+teste", None).await.body);
    assert_eq!(generated, 960, "1000 generated, every 25th closed");
    let found = app.get("/vagas?cbo=7152&q=empresa+teste", None).await;
    // Every 34th is a pedreiro job (34 occupations); one of those 30 is closed.
    assert_eq!(count(&found.body), 29, "all open pedreiro jobs");
}

/// The result items of a `/vagas` page, as text without tags.
fn items(body: &str) -> Vec<String> {
    body.split(r#"<li class="item">"#)
        .skip(1)
        .map(|chunk| {
            let chunk = chunk.split("</li>").next().unwrap_or_default();
            let mut text = String::new();
            let mut in_tag = false;
            for c in chunk.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => {
                        in_tag = false;
                        text.push(' ');
                    }
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect()
}

fn ids(body: &str) -> Vec<String> {
    body.split(r#"<a href="/vagas/"#)
        .skip(1)
        .map(|s| s.split('"').next().unwrap_or_default().to_string())
        .collect()
}

fn count(body: &str) -> u64 {
    let marker = r#"class="result-count">"#;
    let start = body
        .find(marker)
        .map(|i| i + marker.len())
        .unwrap_or_else(|| panic!("no count: {body}"));
    let text = &body[start..];
    if text.starts_with("Nenhuma") {
        return 0;
    }
    text.split(' ').next().unwrap().parse().unwrap()
}

async fn search_ignores_accents_and_case(app: TestApp) {
    let plain = app.get("/vagas?q=manutencao", None).await;
    assert_eq!(plain.status, 200);
    let total = count(&plain.body);
    assert!(total > 0, "demo data has maintenance jobs");
    for q in ["MANUTEN%C3%87%C3%83O", "Manuten%C3%A7%C3%A3o", "manuten"] {
        let page = app.get(&format!("/vagas?q={q}"), None).await;
        assert_eq!(count(&page.body), total, "q={q}");
    }
    // Titles with the word come first; then trades whose CBO occupation names it
    // ("Auxiliar de mecânico" is CBO 9144-05, Mecânico de manutenção de automóveis).
    let found = items(&plain.body);
    assert!(found[0].to_lowercase().contains("manutenção"), "{found:?}");
    // Two words must both match.
    let both = app.get("/vagas?q=manutencao+automoveis", None).await;
    let n = count(&both.body);
    assert!(n > 0 && n < total);
    assert!(
        items(&both.body)
            .iter()
            .all(|i| i.contains("automóveis") || i.contains("mecânico")),
        "{:?}",
        items(&both.body)
    );
}

async fn each_filter_narrows_the_results(app: TestApp) {
    let all = count(&app.get("/vagas", None).await.body);
    let check = |path: &'static str, want: &'static str| {
        let app = &app;
        async move {
            let page = app.get(path, None).await;
            assert_eq!(page.status, 200, "{path}");
            let n = count(&page.body);
            assert!(n > 0 && n < all, "{path}: {n} of {all}");
            for item in items(&page.body) {
                assert!(item.contains(want), "{path}: {item}");
            }
        }
    };
    check("/vagas?uf=MG", "– MG").await;
    check("/vagas?cidade=3118601", "Contagem – MG").await;
    check("/vagas?cbo=7152", "Pedreir").await;
    check("/vagas?cota=1", "Vaga com cota legal").await;
    check("/vagas?turno=noite", "· Noite").await;
    // Salary: every result pays at least R$ 2.500 at the top of its range.
    let page = app.get("/vagas?salario=2500", None).await;
    let n = count(&page.body);
    assert!(n > 0 && n < all);
    for item in items(&page.body) {
        let top = item
            .split("R$ ")
            .skip(1)
            .filter_map(|s| s.split(' ').next())
            .filter_map(|v| v.replace('.', "").replace(',', ".").parse::<f64>().ok())
            .fold(0.0, f64::max);
        assert!(top >= 2500.0, "{item}");
    }
    // Filters combine with text.
    let combined = app.get("/vagas?q=manutencao&uf=SP&turno=manha", None).await;
    for item in items(&combined.body) {
        assert!(item.contains("– SP") && item.contains("· Manhã"), "{item}");
    }
}

async fn title_matches_rank_first(app: TestApp) {
    use app::server::entities::vacancy;
    use app::server::services::jobs::vacancies::search_text;
    use sea_orm::{ActiveModelTrait, Set};
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    // The older vacancy has the word in its title; the newer only in its description.
    for (title, description, posted) in [
        (
            "Auxiliar de marcenaria",
            "Trabalho em equipe na oficina.",
            now - 5 * 86_400,
        ),
        (
            "Auxiliar de cozinha",
            "Ajudar a marcenaria do hotel nos fins de semana.",
            now,
        ),
    ] {
        let (search_title, search_body) = search_text(
            title,
            description,
            "",
            "513205",
            "Empresa Teste",
            "Brasília",
        );
        vacancy::ActiveModel {
            organization_id: Set(1),
            title: Set(title.into()),
            description: Set(description.into()),
            requirements: Set(String::new()),
            cbo_code: Set("513205".into()),
            salary_min_cents: Set(Some(160_000)),
            salary_max_cents: Set(None),
            weekly_hours: Set(44),
            shift: Set("manha".into()),
            employment_type: Set("clt".into()),
            city: Set("Brasília".into()),
            uf: Set("DF".into()),
            ibge_municipality: Set("5300108".into()),
            quota: Set(false),
            status: Set("open".into()),
            posted_at: Set(posted),
            closes_at: Set(now + 30 * 86_400),
            search_title: Set(search_title),
            search_body: Set(search_body),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
    }
    // Written behind the server's back: it reloads its index as after a restart.
    app.state.search.reload(&app.db).await.unwrap();
    let page = app.get("/vagas?q=marcenaria", None).await;
    let found = items(&page.body);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found[0].starts_with("Auxiliar de marcenaria"),
        "title match first: {found:?}"
    );
}

async fn results_are_paginated_without_overlap(app: TestApp) {
    let first = app.get("/vagas?q=manutencao", None).await;
    let total = count(&first.body) as usize;
    assert!(total > 20, "enough for two pages: {total}");
    let page1 = ids(&first.body);
    assert_eq!(page1.len(), 20);
    assert!(first.body.contains("Página 1 de 2"));
    assert!(
        first
            .body
            .contains(r#"href="/vagas?q=manutencao&amp;pagina=2""#),
        "next link keeps the search"
    );
    let second = app.get("/vagas?q=manutencao&pagina=2", None).await;
    let page2 = ids(&second.body);
    assert_eq!(page1.len() + page2.len(), total);
    assert!(page2.iter().all(|id| !page1.contains(id)));
    assert!(second.body.contains("Página 2 de 2"));
}

async fn no_results_and_bad_input_are_explained(app: TestApp) {
    let none = app.get("/vagas?q=astronauta", None).await;
    assert_eq!(none.status, 200);
    assert!(
        none.body
            .contains("Nenhuma vaga encontrada. Tente outras palavras ou tire algum filtro.")
    );
    let bad = app.get("/vagas?salario=muito", None).await;
    assert_eq!(bad.status, 422);
    assert!(bad.body.contains("Digite só números, em reais."));
    assert!(bad.body.contains(r#"value="muito""#));
    // Characters that mean something to full-text engines are just text here.
    for q in ["%22%2A%28OR", "a%27%3B--", "%26%7C%21%3A"] {
        assert_eq!(
            app.get(&format!("/vagas?q={q}"), None).await.status,
            200,
            "q={q}"
        );
    }
}

async fn closed_vacancies_are_not_public(app: TestApp) {
    // Demo vacancy 25 (every 25th) is closed.
    let page = app.get("/vagas/25", None).await;
    assert_eq!(page.status, 404);
    assert!(page.body.contains("Página não encontrada"));
    let all = app.get("/vagas?pagina=1", None).await;
    assert_eq!(count(&all.body), 408 - 16, "408 demo vacancies, 16 closed");
    assert_eq!(app.get("/vagas/999999", None).await.status, 404);
}

async fn vacancy_page_has_a_valid_job_posting(app: TestApp) {
    let page = app.get("/vagas/1", None).await;
    assert_eq!(page.status, 200);
    let start = page
        .body
        .find(r#"type="application/ld+json""#)
        .expect("JSON-LD present");
    let json = &page.body[start..];
    let json = &json[json.find('>').unwrap() + 1..json.find("</script>").unwrap()];
    let posting: serde_json::Value = serde_json::from_str(json).expect("valid JSON");
    assert_eq!(posting["@context"], "https://schema.org/");
    assert_eq!(posting["@type"], "JobPosting");
    for field in [
        "title",
        "description",
        "datePosted",
        "validThrough",
        "employmentType",
        "occupationalCategory",
    ] {
        assert!(
            posting[field].as_str().is_some_and(|s| !s.is_empty()),
            "{field}"
        );
    }
    assert_eq!(
        posting["hiringOrganization"]["name"],
        "Construtora Horizonte Ltda."
    );
    assert_eq!(posting["jobLocation"]["address"]["addressCountry"], "BR");
    assert_eq!(posting["baseSalary"]["currency"], "BRL");
    assert!(posting["baseSalary"]["value"]["minValue"].as_f64().unwrap() > 1000.0);
    assert_eq!(posting["occupationalCategory"], "7152-10");
    assert!(posting["datePosted"].as_str().unwrap().len() == 10);
    // What a person reads first: the title, the company, the salary.
    assert!(page.body.contains("<h1>Pedreiro</h1>"));
    assert!(page.body.contains("R$ 1.518,00"));
}

async fn public_pages_say_nothing_about_anyones_past(app: TestApp) {
    let mut pages = vec![
        app.get("/vagas", None).await,
        app.get("/vagas?q=pedreiro", None).await,
    ];
    for id in ids(&pages[0].body).into_iter().take(5) {
        pages.push(app.get(&format!("/vagas/{id}"), None).await);
    }
    // The other public pages: courses and every service area's entries.
    for path in [
        "/cursos",
        "/cursos?remicao=1",
        "/servicos",
        "/servicos?pagina=2",
    ] {
        pages.push(app.get(path, None).await);
    }
    for id in 1..=13 {
        pages.push(app.get(&format!("/cursos/{id}"), None).await);
        pages.push(app.get(&format!("/servicos/{id}"), None).await);
    }
    for page in pages {
        assert_eq!(page.status, 200);
        let text = page.body.to_lowercase();
        for word in [
            "egress",
            "presidi",
            "detento",
            "apenad",
            "condenad",
            "prisional",
            "privada de liberdade",
        ] {
            assert!(!text.contains(word), "public page mentions '{word}'");
        }
    }
}
