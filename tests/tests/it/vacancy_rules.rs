//! Vacancy rules for companies: a request for a criminal-record certificate is refused unless
//! the law or the job requires it and the company says why (TST Tema 1); a vacancy can be
//! paused (off the public board, candidaturas kept) and resumed — only by its company.

use esv_tests::{DEMO_PASSWORD, TestApp, iso_in_days, on_both_databases};

on_both_databases!(
    a_quota_vacancy_names_its_contract,
    a_criminal_record_request_needs_a_reason,
    a_vacancy_is_paused_and_resumed,
);

fn form(requirements: &str, why: &str, closes: &str) -> Vec<(&'static str, String)> {
    [
        ("titulo", "Vigilante patrimonial"),
        ("cbo", "5143-20"),
        ("descricao", "Rondas no canteiro de obras à noite."),
        ("requisitos", requirements),
        ("horas", "44"),
        ("turno", "noite"),
        ("contrato", "clt"),
        ("cidade", "Brasília"),
        ("uf", "DF"),
        ("municipio", "5300108"),
        ("salario_min", "2.100"),
        ("salario_max", ""),
        ("encerra", closes),
        ("justificativa", why),
    ]
    .iter()
    .map(|(k, v)| (*k, v.to_string()))
    .collect()
}

async fn post(
    app: &TestApp,
    path: &str,
    form: &[(&'static str, String)],
    cookie: &str,
) -> esv_tests::Page {
    let borrowed: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.post(path, &borrowed, Some(cookie)).await
}

async fn a_criminal_record_request_needs_a_reason(app: TestApp) {
    let (rh, _) = app.login("rh@exemplo.org", DEMO_PASSWORD).await;
    let closes = iso_in_days(20);
    let asks = "Curso de vigilante e CERTIDÃO DE ANTECEDENTES CRIMINAIS.";
    let refused = post(&app, "/empresa/vagas/nova", &form(asks, "", &closes), &rh).await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("TST, Tema 1, 2017"));
    assert!(
        refused.body.contains("Curso de vigilante e CERTIDÃO"),
        "typed text kept"
    );
    let too_short = post(
        &app,
        "/empresa/vagas/nova",
        &form(asks, "É a regra.", &closes),
        &rh,
    )
    .await;
    assert_eq!(too_short.status, 422);
    let why = "A Lei 7.102/1983 (art. 16) exige de vigilantes não ter antecedentes criminais registrados.";
    let published = post(&app, "/empresa/vagas/nova", &form(asks, why, &closes), &rh).await;
    assert_eq!(published.location(), Some("/empresa/vagas?salva=1"));
    // Without the request, no reason is needed (and none is kept).
    let plain = post(
        &app,
        "/empresa/vagas/nova",
        &form("Curso de vigilante em dia.", "", &closes),
        &rh,
    )
    .await;
    assert_eq!(plain.location(), Some("/empresa/vagas?salva=1"));
}

async fn a_vacancy_is_paused_and_resumed(app: TestApp) {
    let (rh, _) = app.login("rh@exemplo.org", DEMO_PASSWORD).await;
    assert_eq!(app.get("/vagas/1", None).await.status, 200);
    let paused = app.post("/empresa/vagas/1/pausar", &[], Some(&rh)).await;
    assert_eq!(paused.location(), Some("/empresa/vagas?pausada=1"));
    assert_eq!(
        app.get("/vagas/1", None).await.status,
        404,
        "off the public board"
    );
    assert!(
        app.get("/empresa/vagas", Some(&rh))
            .await
            .body
            .contains("Pausada: não aparece na página de vagas")
    );
    let other = app.other_company().await;
    assert_eq!(
        app.post("/empresa/vagas/1/retomar", &[], Some(&other))
            .await
            .status,
        404
    );
    assert_eq!(app.get("/vagas/1", None).await.status, 404, "still paused");
    let resumed = app.post("/empresa/vagas/1/retomar", &[], Some(&rh)).await;
    assert_eq!(resumed.location(), Some("/empresa/vagas?retomada=1"));
    assert_eq!(app.get("/vagas/1", None).await.status, 200);
    for who in [
        "tecnica@exemplo.org",
        "parceiro@exemplo.org",
        "admin@exemplo.org",
    ] {
        let (cookie, _) = app.login(who, DEMO_PASSWORD).await;
        assert_eq!(
            app.post("/empresa/vagas/1/pausar", &[], Some(&cookie))
                .await
                .status,
            403
        );
    }
}

async fn a_quota_vacancy_names_its_contract(app: TestApp) {
    use app::server::entities::vacancy;
    use sea_orm::{EntityTrait, QueryOrder};
    let (rh, _) = app.login("rh@exemplo.org", DEMO_PASSWORD).await;
    let contract = esv_tests::QUOTA_CONTRACT;
    assert_eq!(
        app.post("/empresa/contratos/novo", &contract, Some(&rh))
            .await
            .status,
        303
    );
    let closes = iso_in_days(20);
    let mut with = form("Curso de vigilante em dia.", "", &closes);
    with.push(("contrato_cota", "1".into()));
    let unticked = post(&app, "/empresa/vagas/nova", &with, &rh).await;
    assert_eq!(unticked.status, 422);
    assert!(unticked.body.contains("Marque “Vaga com cota legal”"));
    let mut foreign = form("Curso de vigilante em dia.", "", &closes);
    foreign.push(("cota", "1".into()));
    foreign.push(("contrato_cota", "99".into()));
    let refused = post(&app, "/empresa/vagas/nova", &foreign, &rh).await;
    assert!(
        refused
            .body
            .contains("Escolha um dos seus contratos, ou nenhum.")
    );
    with.push(("cota", "1".into()));
    let saved = post(&app, "/empresa/vagas/nova", &with, &rh).await;
    assert_eq!(saved.location(), Some("/empresa/vagas?salva=1"));
    let newest = vacancy::Entity::find()
        .order_by_desc(vacancy::Column::Id)
        .one(&app.db)
        .await
        .expect("db")
        .expect("vacancy");
    assert_eq!(newest.contract_id, Some(1));
    assert!(newest.quota);
    let edit = app
        .get(&format!("/empresa/vagas/{}/editar", newest.id), Some(&rh))
        .await;
    assert!(edit.body.contains(r#"<option value="1" selected>"#));
}
