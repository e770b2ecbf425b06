//! Every company page and form, enumerated: company B gets 404 on each of company A's records
//! (vacancy, candidates, candidatura, contract, nominal list), its lists show nothing of A, and
//! afterwards not one row of A's data has changed.

use app::server::entities::{
    application, hire, organization, public_contract, user_account, vacancy,
};
use esv_tests::{DEMO_EGRESSO_CPF, DEMO_PASSWORD, TestApp, iso_in_days, on_both_databases};
use sea_orm::EntityTrait;

on_both_databases!(company_b_reaches_nothing_of_company_a);

async fn snapshot(app: &TestApp) -> String {
    let db = &app.db;
    format!(
        "{:?}",
        (
            vacancy::Entity::find().all(db).await.expect("db"),
            application::Entity::find().all(db).await.expect("db"),
            public_contract::Entity::find().all(db).await.expect("db"),
            hire::Entity::find().all(db).await.expect("db"),
            organization::Entity::find().all(db).await.expect("db"),
            user_account::Entity::find().all(db).await.expect("db"),
        )
    )
}

async fn company_b_reaches_nothing_of_company_a(app: TestApp) {
    // Company A (the demo company): a contract, and Maria's candidatura to its vacancy 1.
    let (a, _) = app.login("rh@exemplo.org", DEMO_PASSWORD).await;
    let contract = [
        ("orgao", "Ministério da Saúde"),
        ("numero", "77/2026"),
        ("objeto", "Limpeza e conservação dos prédios."),
        ("valor_anual", "450.000,00"),
        ("trabalhadores", "150"),
        ("inicio", "2026-01-01"),
        ("fim", "2027-12-31"),
        ("regra", "federal"),
    ];
    assert_eq!(
        app.post("/empresa/contratos/novo", &contract, Some(&a))
            .await
            .status,
        303
    );
    let (me, _) = app.login(DEMO_EGRESSO_CPF, DEMO_PASSWORD).await;
    let profile = [
        ("escolaridade", "medio"),
        ("habilidades", "Assentar piso"),
        ("contato", "whatsapp"),
        ("telefone", "(61) 99876-5432"),
    ];
    assert_eq!(
        app.post("/inicio/perfil", &profile, Some(&me)).await.status,
        303
    );
    assert_eq!(
        app.post("/vagas/1/candidatura", &[("consentimento", "1")], Some(&me))
            .await
            .status,
        303
    );
    // Company B: another approved demo company.
    let b = app.other_company().await;
    let before = snapshot(&app).await;
    let month = iso_in_days(0)[..7].to_string();
    let start = iso_in_days(1);
    let closes = iso_in_days(20);
    let reads = [
        "/empresa/vagas/1/editar".to_string(),
        "/empresa/vagas/1/candidatos".to_string(),
        "/empresa/candidaturas/1/contratar".to_string(),
        "/empresa/contratos/1".to_string(),
        "/empresa/contratos/1/editar".to_string(),
        format!("/empresa/contratos/1/lista/{month}"),
        format!("/empresa/contratos/1/lista/{month}/csv"),
    ];
    let vacancy_form = [
        ("titulo", "Intrusão"),
        ("cbo", "7152-10"),
        ("descricao", "Texto de outra empresa para a vaga."),
        ("horas", "44"),
        ("turno", "manha"),
        ("contrato", "clt"),
        ("cidade", "Brasília"),
        ("uf", "DF"),
        ("municipio", "5300108"),
        ("encerra", closes.as_str()),
    ];
    let writes: Vec<(&str, Vec<(&str, &str)>)> = vec![
        ("/empresa/vagas/1/editar", vacancy_form.to_vec()),
        ("/empresa/vagas/1/pausar", vec![]),
        ("/empresa/vagas/1/retomar", vec![]),
        ("/empresa/vagas/1/encerrar", vec![]),
        ("/empresa/candidaturas/1/em_analise", vec![]),
        ("/empresa/candidaturas/1/nao_selecionada", vec![]),
        (
            "/empresa/candidaturas/1/contratar",
            vec![("inicio", start.as_str())],
        ),
        ("/empresa/contratos/1/editar", contract.to_vec()),
    ];
    for path in &reads {
        let page = app.get(path, Some(&b)).await;
        assert_eq!(page.status, 404, "{path}");
        assert!(!page.body.contains("Maria"), "{path}");
    }
    for (path, form) in &writes {
        assert_eq!(app.post(path, form, Some(&b)).await.status, 404, "{path}");
    }
    for path in [
        "/empresa",
        "/empresa/vagas",
        "/empresa/contratos",
        "/empresa/equipe",
    ] {
        let page = app.get(path, Some(&b)).await;
        assert_eq!(page.status, 200, "{path}");
        for foreign in ["77/2026", "Roberto Lima", "Maria", "Construtora Horizonte"] {
            assert!(!page.body.contains(foreign), "{path} shows {foreign}");
        }
    }
    assert_eq!(before, snapshot(&app).await, "nothing of company A changed");
}
