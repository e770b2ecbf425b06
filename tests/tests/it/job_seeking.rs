//! Applying to jobs: profile, consent, candidaturas, saved vacancies; what companies see.

use esv_tests::{DEMO_EGRESSO_CPF, DEMO_PASSWORD, TestApp, on_both_databases};

on_both_databases!(
    egresso_applies_with_a_profile_and_consent,
    saved_vacancies_come_and_go,
    nobody_touches_another_persons_candidaturas,
    companies_see_the_professional_profile_and_nothing_else,
);

const PROFILE: [(&str, &str); 7] = [
    ("escolaridade", "medio"),
    ("habilidades", "Assentar piso e azulejo; ler planta baixa"),
    ("experiencia", "Cinco anos em obras residenciais"),
    ("cursos", "NR-35 trabalho em altura"),
    ("disponibilidade", "Manhã e tarde"),
    ("contato", "whatsapp"),
    ("telefone", "(61) 99876-5432"),
];

async fn fill_profile(app: &TestApp, cookie: &str) {
    let saved = app.post("/inicio/perfil", &PROFILE, Some(cookie)).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
}

async fn egresso_applies_with_a_profile_and_consent(app: TestApp) {
    let (me, _) = app.login(DEMO_EGRESSO_CPF, DEMO_PASSWORD).await;
    // Without a profile, the vacancy page asks for one and applying leads there.
    let page = app.get("/vagas/1", Some(&me)).await;
    assert!(page.body.contains("Preencher meu perfil"));
    let early = app
        .post("/vagas/1/candidatura", &[("consentimento", "1")], Some(&me))
        .await;
    assert_eq!(early.location(), Some("/inicio/perfil?vaga=1"));
    // Bad profile input: errors beside the fields, values kept, nothing saved.
    let bad = app
        .post(
            "/inicio/perfil",
            &[
                ("escolaridade", ""),
                ("habilidades", "Pintura"),
                ("contato", "whatsapp"),
                ("telefone", "9999"),
                ("vaga", "1"),
            ],
            Some(&me),
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.body.contains("Escolha sua escolaridade."));
    assert!(bad.body.contains("Digite o telefone com DDD."));
    assert!(bad.body.contains(r#"value="9999""#) && bad.body.contains("Pintura"));
    assert!(
        app.get("/vagas/1", Some(&me))
            .await
            .body
            .contains("Preencher meu perfil")
    );
    // A good profile sends the person back to the vacancy.
    let mut with_back = PROFILE.to_vec();
    with_back.push(("vaga", "1"));
    let saved = app.post("/inicio/perfil", &with_back, Some(&me)).await;
    assert_eq!(saved.location(), Some("/vagas/1"));
    // Consent is required, and its absence is explained beside the checkbox.
    let page = app.get("/vagas/1", Some(&me)).await;
    assert!(
        page.body
            .contains("Autorizo enviar meu perfil profissional para Construtora Horizonte Ltda.")
    );
    let no_consent = app.post("/vagas/1/candidatura", &[], Some(&me)).await;
    assert_eq!(no_consent.status, 422);
    assert!(
        no_consent
            .body
            .contains("marque que autoriza enviar seu perfil")
    );
    let sent = app
        .post("/vagas/1/candidatura", &[("consentimento", "1")], Some(&me))
        .await;
    assert_eq!(sent.location(), Some("/inicio/candidaturas?enviada=1"));
    let list = app.get("/inicio/candidaturas?enviada=1", Some(&me)).await;
    assert!(list.body.contains("Candidatura enviada."));
    assert!(list.body.contains("Pedreiro") && list.body.contains("Enviada"));
    assert!(
        app.get("/vagas/1", Some(&me))
            .await
            .body
            .contains("Você já se candidatou a esta vaga")
    );
    // Applying twice does not create a second candidatura.
    app.post("/vagas/1/candidatura", &[("consentimento", "1")], Some(&me))
        .await;
    let list = app.get("/inicio/candidaturas", Some(&me)).await;
    assert_eq!(list.body.matches(r#"<li class="item">"#).count(), 1);
    // Withdrawing.
    let id = list
        .body
        .split("/inicio/candidaturas/")
        .nth(1)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_string();
    let out = app
        .post(
            &format!("/inicio/candidaturas/{id}/desistir"),
            &[],
            Some(&me),
        )
        .await;
    assert_eq!(out.location(), Some("/inicio/candidaturas?desistiu=1"));
    let list = app.get("/inicio/candidaturas", Some(&me)).await;
    assert!(list.body.contains("Você desistiu"));
    // A closed vacancy cannot be applied to.
    assert_eq!(
        app.post(
            "/vagas/25/candidatura",
            &[("consentimento", "1")],
            Some(&me)
        )
        .await
        .status,
        404
    );
}

async fn saved_vacancies_come_and_go(app: TestApp) {
    let (me, _) = app.login(DEMO_EGRESSO_CPF, DEMO_PASSWORD).await;
    assert!(
        app.get("/inicio/salvas", Some(&me))
            .await
            .body
            .contains("Nenhuma vaga salva.")
    );
    let saved = app
        .post("/vagas/3/salvar", &[("salvar", "1")], Some(&me))
        .await;
    assert_eq!(saved.location(), Some("/vagas/3"));
    app.post("/vagas/3/salvar", &[("salvar", "1")], Some(&me))
        .await; // twice is fine
    let list = app.get("/inicio/salvas", Some(&me)).await;
    assert_eq!(list.body.matches(r#"<li class="item">"#).count(), 1);
    assert!(
        app.get("/vagas/3", Some(&me))
            .await
            .body
            .contains("Tirar das salvas")
    );
    app.post("/vagas/3/salvar", &[("salvar", "0")], Some(&me))
        .await;
    assert!(
        app.get("/inicio/salvas", Some(&me))
            .await
            .body
            .contains("Nenhuma vaga salva.")
    );
    // Only people attended have candidaturas and saved vacancies.
    let (staff, _) = app.login("tecnica@exemplo.org", DEMO_PASSWORD).await;
    assert_eq!(
        app.post("/vagas/3/salvar", &[("salvar", "1")], Some(&staff))
            .await
            .status,
        403
    );
    assert_eq!(app.get("/inicio/salvas", Some(&staff)).await.status, 403);
}

/// A second person attended, created the real way (admin account + one-time code).
async fn second_egresso(app: &TestApp) -> String {
    app.create_account(
        &[
            ("papel", "egresso"),
            ("nome", "José Lima"),
            ("cpf", "111.444.777-35"),
            ("unidade", "1"),
        ],
        "11144477735",
        "senha-do-jose",
    )
    .await
}

async fn nobody_touches_another_persons_candidaturas(app: TestApp) {
    let (maria, _) = app.login(DEMO_EGRESSO_CPF, DEMO_PASSWORD).await;
    fill_profile(&app, &maria).await;
    app.post(
        "/vagas/1/candidatura",
        &[("consentimento", "1")],
        Some(&maria),
    )
    .await;
    let list = app.get("/inicio/candidaturas", Some(&maria)).await;
    let id = list
        .body
        .split("/inicio/candidaturas/")
        .nth(1)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_string();
    let jose = second_egresso(&app).await;
    // José sees none of Maria's candidaturas, cannot withdraw hers, and sees his own empty profile.
    assert!(
        app.get("/inicio/candidaturas", Some(&jose))
            .await
            .body
            .contains("ainda não se candidatou")
    );
    let attempt = app
        .post(
            &format!("/inicio/candidaturas/{id}/desistir"),
            &[],
            Some(&jose),
        )
        .await;
    assert_eq!(attempt.status, 404);
    assert!(
        app.get("/inicio/candidaturas", Some(&maria))
            .await
            .body
            .contains("Enviada")
    );
    let profile = app.get("/inicio/perfil", Some(&jose)).await;
    assert!(
        !profile.body.contains("Assentar piso"),
        "another person's profile must not show"
    );
    assert!(
        !app.get("/inicio/meus-dados", Some(&jose))
            .await
            .body
            .contains("529.982.247-25")
    );
}

/// Every page a company account can reach by following links from its home.
async fn crawl(app: &TestApp, cookie: &str, start: &[&str]) -> Vec<(String, String)> {
    let mut queue: Vec<String> = start.iter().map(|s| s.to_string()).collect();
    let mut seen = std::collections::HashSet::new();
    let mut pages = Vec::new();
    while let Some(path) = queue.pop() {
        if !seen.insert(path.clone()) || seen.len() > 400 {
            continue;
        }
        let page = app.get(&path, Some(cookie)).await;
        // Still logged in as the company on every page (a dropped session would hide leaks).
        assert!(
            page.status == 200 || page.status == 404 || page.status == 403,
            "{path}: {}",
            page.status
        );
        assert!(
            page.body.contains("Sair de todos os dispositivos"),
            "{path} is not a logged-in page"
        );
        for link in page.body.split(r#"href=""#).skip(1) {
            let href = link
                .split('"')
                .next()
                .unwrap_or_default()
                .replace("&amp;", "&");
            if href.starts_with('/')
                && !href.starts_with("//")
                && !href.starts_with("/pkg/")
                && !href.starts_with("/icons/")
                && href != "/manifest.webmanifest"
            {
                // Job-board result pages are public and identical for everyone: one is enough.
                // Downloads (the nominal list's CSV) are checked on their own, and so is the
                // API (`partner_api.rs`: every answer against its closed schema); the page
                // links only its public description.
                if href.starts_with("/vagas?")
                    || href.ends_with("/csv")
                    || href.starts_with("/api/")
                {
                    continue;
                }
                queue.push(href);
            }
        }
        pages.push((path, page.body));
    }
    pages
}

async fn companies_see_the_professional_profile_and_nothing_else(app: TestApp) {
    use app::server::entities::{person, unit, user_account};
    use sea_orm::{EntityTrait, Iterable, ModelTrait};
    let (maria, _) = app.login(DEMO_EGRESSO_CPF, DEMO_PASSWORD).await;
    fill_profile(&app, &maria).await;
    app.post(
        "/vagas/1/candidatura",
        &[("consentimento", "1")],
        Some(&maria),
    )
    .await;
    // The company hires her under a quota contract, confirmed by her unit, so the crawl also
    // walks the contract, its months and the nominal list with her name on it.
    let (rh, _) = app.login("rh@exemplo.org", DEMO_PASSWORD).await;
    let contract = esv_tests::QUOTA_CONTRACT;
    assert_eq!(
        app.post("/empresa/contratos/novo", &contract, Some(&rh))
            .await
            .status,
        303
    );
    app.post("/empresa/candidaturas/1/em_analise", &[], Some(&rh))
        .await;
    let start = esv_tests::iso_in_days(-1);
    let hired = app
        .post(
            "/empresa/candidaturas/1/contratar",
            &[("inicio", &start), ("contrato", "1")],
            Some(&rh),
        )
        .await;
    assert_eq!(hired.status, 303);
    let (coord, _) = app.login("coordenacao@exemplo.org", DEMO_PASSWORD).await;
    assert_eq!(
        app.post("/equipe/contratacoes/1/confirmar", &[], Some(&coord))
            .await
            .status,
        303
    );

    // What the model holds about Maria beyond what a company may see (her name), enumerated
    // from the entity's columns, so a new column is covered without touching this test.
    let me = person::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.cpf.as_deref() == Some("52998224725"))
        .unwrap();
    let mut forbidden: Vec<String> = vec![
        "egress".into(),
        "529.982.247-25".into(),
        "***.982.247-**".into(),
    ];
    // The search name is the name folded (no accents, lower case): the same fact as the name.
    let allowed = |c: &person::Column| {
        matches!(
            c,
            person::Column::FullName | person::Column::SocialName | person::Column::SearchName
        )
    };
    for column in person::Column::iter().filter(|c| !allowed(c)) {
        match column {
            // Numbers (ids, times) are too short to search for; follow the unit instead.
            person::Column::Id | person::Column::CreatedAt => {}
            person::Column::UnitId => {
                let unit = unit::Entity::find_by_id(me.unit_id)
                    .one(&app.db)
                    .await
                    .unwrap()
                    .unwrap();
                // The unit's name ties the person to the Escritório Social. (Its municipality
                // code is public and shared by every job in that city: not a leak.)
                forbidden.push(unit.name);
            }
            other => {
                let value = me.get(other);
                let text = value
                    .to_string()
                    .trim_matches('\'')
                    .trim_matches('"')
                    .to_string();
                if text.len() >= 4 && text != "NULL" {
                    forbidden.push(text);
                }
            }
        }
    }
    assert!(
        forbidden.contains(&"52998224725".to_string()),
        "the CPF column is enumerated"
    );
    let account = user_account::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .find(|a| a.person_id == Some(me.id))
        .unwrap();
    assert!(account.email.is_none());

    let (company, _) = app.login("rh@exemplo.org", DEMO_PASSWORD).await;
    let pages = crawl(&app, &company, &["/empresa", "/empresa/vagas/1/candidatos"]).await;
    assert!(pages.len() >= 4, "crawled {} pages", pages.len());
    let candidates = &pages
        .iter()
        .find(|(p, _)| p == "/empresa/vagas/1/candidatos")
        .unwrap()
        .1;
    // The professional profile does reach the company…
    assert!(candidates.contains("Maria Aparecida dos Santos"));
    assert!(candidates.contains("Assentar piso e azulejo"));
    assert!(candidates.contains("(61) 99876-5432"));
    // The crawl reached the quota pages, where her name is on the month's nominal list.
    let month = esv_tests::iso_in_days(0)[..7].to_string();
    let list_path = format!("/empresa/contratos/1/lista/{month}");
    let list = &pages
        .iter()
        .find(|(p, _)| *p == list_path)
        .expect("the nominal list was crawled")
        .1;
    assert!(list.contains("Maria Aparecida dos Santos"));
    let csv = app
        .get(&format!("{list_path}/csv"), Some(&company))
        .await
        .body;
    assert!(csv.contains("Maria Aparecida dos Santos"));
    let mut pages = pages;
    pages.push((format!("{list_path}/csv"), csv));
    // …and nothing else about her, on any page the company can open.
    for (path, body) in &pages {
        let lower = body.to_lowercase();
        for value in &forbidden {
            assert!(
                !lower.contains(&value.to_lowercase()),
                "{path} leaks '{value}'"
            );
        }
    }
    // Another company's candidates are not reachable.
    assert_eq!(
        app.get("/empresa/vagas/2/candidatos", Some(&company))
            .await
            .status,
        404
    );
    // After Maria withdraws, the company no longer sees her profile.
    let list = app.get("/inicio/candidaturas", Some(&maria)).await;
    let id = list
        .body
        .split("/inicio/candidaturas/")
        .nth(1)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_string();
    app.post(
        &format!("/inicio/candidaturas/{id}/desistir"),
        &[],
        Some(&maria),
    )
    .await;
    let after = app.get("/empresa/vagas/1/candidatos", Some(&company)).await;
    assert!(!after.body.contains("Assentar piso"));
}
