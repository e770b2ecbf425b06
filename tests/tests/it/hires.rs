//! A company reports a hire (optionally under a public contract's quota); the coordination of
//! the person's unit confirms it with the person; only then it plans the retention check-ins
//! and counts for the contract.

use esv_tests::{DEMO_EGRESSO_CPF, DEMO_PASSWORD, TestApp, iso_in_days, on_both_databases};

on_both_databases!(
    a_reported_hire_is_confirmed_by_the_persons_unit,
    only_the_persons_unit_coordination_confirms,
);

/// Maria applies to vacancy 1; the demo company registers a contract and hires her under it.
async fn company_hires_maria(app: &TestApp) -> (String, String) {
    let me = esv_tests::maria_applies(app).await;
    let (rh, _) = app.login("rh@exemplo.org", DEMO_PASSWORD).await;
    let contract = app
        .post(
            "/empresa/contratos/novo",
            &esv_tests::QUOTA_CONTRACT,
            Some(&rh),
        )
        .await;
    assert_eq!(contract.status, 303);
    assert_eq!(
        app.post("/empresa/candidaturas/1/em_analise", &[], Some(&rh))
            .await
            .status,
        303
    );
    let start = iso_in_days(-2);
    let hired = app
        .post(
            "/empresa/candidaturas/1/contratar",
            &[("inicio", &start), ("contrato", "1")],
            Some(&rh),
        )
        .await;
    assert_eq!(
        hired.location(),
        Some("/empresa/vagas/1/candidatos?contratada=1")
    );
    (me, rh)
}

fn this_month() -> String {
    iso_in_days(0)[..7].to_string()
}

async fn a_reported_hire_is_confirmed_by_the_persons_unit(app: TestApp) {
    let (me, rh) = company_hires_maria(&app).await;
    let month = this_month();
    // Not yet confirmed: it does not count.
    let contract = app.get("/empresa/contratos/1", Some(&rh)).await;
    assert!(
        contract
            .body
            .contains("Este mês: 0 de 4 contratadas · Faltam 4")
    );
    let list = app
        .get(&format!("/empresa/contratos/1/lista/{month}"), Some(&rh))
        .await;
    assert!(!list.body.contains("Maria Aparecida dos Santos"));
    let (tecnica, _) = app.login("tecnica@exemplo.org", DEMO_PASSWORD).await;
    assert_eq!(
        app.get("/equipe/contratacoes", Some(&tecnica)).await.status,
        403
    );
    let work = app.get("/equipe/pessoas/1/emprego", Some(&tecnica)).await;
    assert!(work.body.contains("Registrada pela empresa"));
    assert!(
        !work.body.contains("30 dias"),
        "no check-ins before confirmation"
    );

    let (coord, _) = app.login("coordenacao@exemplo.org", DEMO_PASSWORD).await;
    let list = app.get("/equipe/contratacoes", Some(&coord)).await;
    assert!(list.body.contains("Maria Aparecida dos Santos"));
    assert!(list.body.contains("Construtora Horizonte Ltda."));
    assert!(
        list.body
            .contains("Cota: Contrato 12/2026 · Ministério da Saúde")
    );
    let short = app
        .post(
            "/equipe/contratacoes/1/recusar",
            &[("motivo", "Não")],
            Some(&coord),
        )
        .await;
    assert_eq!(short.status, 422);
    // No seal yet (the tests' server asks 1 confirmed hire in 12 months).
    assert!(
        !app.get("/vagas/1", None)
            .await
            .body
            .contains("Selo Empresa Parceira")
    );
    assert!(
        !app.get("/vagas", None)
            .await
            .body
            .contains("Selo Empresa Parceira")
    );
    let overview = app.get("/equipe/cotas", Some(&coord)).await;
    assert!(
        overview
            .body
            .contains("1 contratação esperando confirmação.")
    );
    assert!(
        overview
            .body
            .contains("<td>4</td><td>0</td><td>Faltam 4</td>")
    );
    assert_eq!(app.get("/equipe/cotas", Some(&tecnica)).await.status, 403);
    let confirmed = app
        .post("/equipe/contratacoes/1/confirmar", &[], Some(&coord))
        .await;
    assert_eq!(
        confirmed.location(),
        Some("/equipe/contratacoes?confirmada=1")
    );
    let again = app
        .post("/equipe/contratacoes/1/confirmar", &[], Some(&coord))
        .await;
    assert_eq!(again.status, 422, "one answer per hire");

    let work = app.get("/equipe/pessoas/1/emprego", Some(&tecnica)).await;
    assert!(work.body.contains("Desde"));
    assert!(work.body.contains("Conversa dos 30 dias"));
    // Confirmed: the company's vacancies carry the seal at once.
    assert!(
        app.get("/vagas/1", None)
            .await
            .body
            .contains("Selo Empresa Parceira")
    );
    assert!(
        app.get("/vagas", None)
            .await
            .body
            .contains("Selo Empresa Parceira")
    );
    let overview = app.get("/equipe/cotas", Some(&coord)).await;
    assert!(overview.body.contains("Construtora Horizonte Ltda."));
    assert!(
        overview
            .body
            .contains("<td>4</td><td>1</td><td>Faltam 3</td>")
    );
    // Confirmed: it counts for the contract, month by month, and goes on the nominal list.
    let contract = app.get("/empresa/contratos/1", Some(&rh)).await;
    assert!(
        contract
            .body
            .contains("Este mês: 1 de 4 contratadas · Faltam 3")
    );
    let list = app
        .get(&format!("/empresa/contratos/1/lista/{month}"), Some(&rh))
        .await;
    assert_eq!(list.status, 200);
    assert!(list.body.contains("Maria Aparecida dos Santos"));
    assert!(
        list.body
            .contains("Vagas reservadas: 4. Pessoas na lista: 1.")
    );
    let csv = app
        .get(
            &format!("/empresa/contratos/1/lista/{month}/csv"),
            Some(&rh),
        )
        .await;
    assert_eq!(csv.status, 200);
    assert!(csv.body.contains("Nome;Função;Admissão;Desligamento"));
    assert!(
        csv.body
            .contains("\"Maria Aparecida dos Santos\";\"Pedreiro\"")
    );
    assert_eq!(
        csv.headers
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("text/csv; charset=utf-8")
    );
    // A month outside the contract has no list.
    assert_eq!(
        app.get("/empresa/contratos/1/lista/2031-01", Some(&rh))
            .await
            .status,
        404
    );
    let data = app.get("/inicio/meus-dados", Some(&me)).await;
    assert!(
        data.body
            .contains("Joana Ribeiro (Coordenação) confirmou sua contratação")
    );
    assert!(
        data.body
            .contains("pôs seu nome na lista mensal do contrato com cota")
    );
    // Another company reaches neither the contract nor its list.
    let other = app.other_company().await;
    for path in [
        format!("/empresa/contratos/1/lista/{month}"),
        format!("/empresa/contratos/1/lista/{month}/csv"),
    ] {
        assert_eq!(app.get(&path, Some(&other)).await.status, 404, "{path}");
    }
}

async fn only_the_persons_unit_coordination_confirms(app: TestApp) {
    let _ = company_hires_maria(&app).await;
    let other = app
        .other_unit_staff("coordinator", "coord-bh@exemplo.org")
        .await;
    assert!(
        app.get("/equipe/contratacoes", Some(&other))
            .await
            .body
            .contains("Nenhuma contratação esperando confirmação.")
    );
    assert_eq!(
        app.get("/equipe/contratacoes/1", Some(&other)).await.status,
        404
    );
    assert_eq!(
        app.post("/equipe/contratacoes/1/confirmar", &[], Some(&other))
            .await
            .status,
        404
    );
    for who in [
        "rh@exemplo.org",
        "parceiro@exemplo.org",
        "admin@exemplo.org",
        DEMO_EGRESSO_CPF,
    ] {
        let (cookie, _) = app.login(who, DEMO_PASSWORD).await;
        assert_eq!(
            app.post("/equipe/contratacoes/1/confirmar", &[], Some(&cookie))
                .await
                .status,
            403,
            "{who}"
        );
    }
    let (coord, _) = app.login("coordenacao@exemplo.org", DEMO_PASSWORD).await;
    assert!(
        app.get("/equipe/contratacoes", Some(&coord))
            .await
            .body
            .contains("Maria Aparecida dos Santos"),
        "still waiting"
    );
}
