//! Public contracts and the quota engine as a company sees them: how many posts each contract
//! reserves under its rule set, with the exact fraction; only the company's own contracts.

use esv_tests::{DEMO_PASSWORD, TestApp, on_both_databases};

on_both_databases!(
    a_company_learns_how_many_posts_each_contract_reserves,
    contracts_belong_to_their_company,
);

fn contract(
    value: &'static str,
    workers: &'static str,
    rule: &'static str,
) -> Vec<(&'static str, &'static str)> {
    vec![
        ("orgao", "Ministério da Saúde"),
        ("numero", "12/2026"),
        (
            "objeto",
            "Limpeza e conservação dos prédios do ministério em Brasília.",
        ),
        ("valor_anual", value),
        ("trabalhadores", workers),
        ("inicio", "2026-01-01"),
        ("fim", "2027-12-31"),
        ("regra", rule),
    ]
}

async fn a_company_learns_how_many_posts_each_contract_reserves(app: TestApp) {
    let (rh, _) = app.login("rh@exemplo.org", DEMO_PASSWORD).await;
    let mut bad = contract("muito", "muitos", "federal");
    bad[5].1 = "2027-01-01";
    bad[6].1 = "2026-01-01";
    let refused = app.post("/empresa/contratos/novo", &bad, Some(&rh)).await;
    assert_eq!(refused.status, 422);
    for message in [
        "Digite o valor anual em reais.",
        "Digite quantos trabalhadores o contrato exige",
        "O fim precisa ser depois do início.",
    ] {
        assert!(refused.body.contains(message), "{message}");
    }
    assert!(
        refused.body.contains("Limpeza e conservação"),
        "typed text kept"
    );

    let made = app
        .post(
            "/empresa/contratos/novo",
            &contract("450.000,00", "150", "federal"),
            Some(&rh),
        )
        .await;
    assert_eq!(made.location(), Some("/empresa/contratos/1"));
    let page = app.get("/empresa/contratos/1", Some(&rh)).await;
    assert!(
        page.body
            .contains("4 vagas reservadas (3% de 150 trabalhadores = 4,50 exatas)"),
        "federal rule, rounded down"
    );
    assert!(page.body.contains("Decreto 9.450/2018, art. 5º"));
    assert!(page.body.contains("Parecer AGU 00002/2018"));

    // Exactly R$ 330.000,00 is not above the threshold.
    let at = app
        .post(
            "/empresa/contratos/1/editar",
            &contract("330.000,00", "150", "federal"),
            Some(&rh),
        )
        .await;
    assert_eq!(at.status, 303);
    assert!(
        app.get("/empresa/contratos/1", Some(&rh))
            .await
            .body
            .contains("Sem cota: o valor anual não passa do mínimo da regra.")
    );
    let above = app
        .post(
            "/empresa/contratos/1/editar",
            &contract("330.000,01", "201", "federal"),
            Some(&rh),
        )
        .await;
    assert_eq!(above.status, 303);
    assert!(
        app.get("/empresa/contratos/1", Some(&rh))
            .await
            .body
            .contains("8 vagas reservadas (4% de 201 trabalhadores = 8,04 exatas)")
    );
    // A state rule set, rounding up: 5% of 45 = 2,25 → 3.
    let mt = app
        .post(
            "/empresa/contratos/novo",
            &contract("100.000,00", "45", "mt"),
            Some(&rh),
        )
        .await;
    assert_eq!(mt.status, 303);
    let list = app.get("/empresa/contratos", Some(&rh)).await;
    assert!(
        list.body
            .contains("3 vagas reservadas (5% de 45 trabalhadores = 2,25 exatas)")
    );
    assert!(list.body.contains("8 vagas reservadas"));
}

async fn contracts_belong_to_their_company(app: TestApp) {
    let (rh, _) = app.login("rh@exemplo.org", DEMO_PASSWORD).await;
    let made = app
        .post(
            "/empresa/contratos/novo",
            &contract("450.000,00", "150", "federal"),
            Some(&rh),
        )
        .await;
    assert_eq!(made.status, 303);
    let other = app.other_company().await;
    assert_eq!(
        app.get("/empresa/contratos/1", Some(&other)).await.status,
        404
    );
    assert_eq!(
        app.get("/empresa/contratos/1/editar", Some(&other))
            .await
            .status,
        404
    );
    let changed = app
        .post(
            "/empresa/contratos/1/editar",
            &contract("1,00", "1", "federal"),
            Some(&other),
        )
        .await;
    assert_eq!(changed.status, 404);
    assert!(
        app.get("/empresa/contratos", Some(&other))
            .await
            .body
            .contains("Nenhum contrato cadastrado.")
    );
    assert!(
        app.get("/empresa/contratos/1", Some(&rh))
            .await
            .body
            .contains("4 vagas reservadas"),
        "unchanged"
    );
    for who in [
        "tecnica@exemplo.org",
        "parceiro@exemplo.org",
        "admin@exemplo.org",
        "529.982.247-25",
    ] {
        let (cookie, _) = app.login(who, DEMO_PASSWORD).await;
        assert_eq!(
            app.get("/empresa/contratos", Some(&cookie)).await.status,
            403,
            "{who}"
        );
        assert_eq!(
            app.post(
                "/empresa/contratos/novo",
                &contract("450.000,00", "150", "federal"),
                Some(&cookie)
            )
            .await
            .status,
            403,
            "{who}"
        );
    }
}
