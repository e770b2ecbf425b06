//! "Elegível para cota" on a candidate card: only when the person asked for it and her
//! Escritório Social confirmed it; revoking the consent removes it at once; never the reason.

use esv_tests::{DEMO_EGRESSO_CPF, DEMO_PASSWORD, TestApp, on_both_databases};

on_both_databases!(the_company_sees_eligibility_only_with_consent_and_confirmation);

const TAG: &str = "Elegível para cota";

async fn card(app: &TestApp, rh: &str) -> String {
    app.get("/empresa/vagas/1/candidatos", Some(rh)).await.body
}

async fn the_company_sees_eligibility_only_with_consent_and_confirmation(app: TestApp) {
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
    let (rh, _) = app.login("rh@exemplo.org", DEMO_PASSWORD).await;
    let (tecnica, _) = app.login("tecnica@exemplo.org", DEMO_PASSWORD).await;
    assert!(!card(&app, &rh).await.contains(TAG));

    // Confirmed by the unit but not asked: still nothing.
    let confirmed = app
        .post(
            "/equipe/pessoas/1/cota",
            &[("confirmar", "1")],
            Some(&tecnica),
        )
        .await;
    assert_eq!(confirmed.location(), Some("/equipe/pessoas/1?cota=1"));
    assert!(!card(&app, &rh).await.contains(TAG));
    let withdrawn = app
        .post(
            "/equipe/pessoas/1/cota",
            &[("confirmar", "0")],
            Some(&tecnica),
        )
        .await;
    assert_eq!(withdrawn.status, 303);

    // Asked but not confirmed: nothing yet, and she reads why.
    let asked = app
        .post("/inicio/perfil/cota", &[("quero", "1")], Some(&me))
        .await;
    assert_eq!(asked.status, 303);
    assert!(
        app.get("/inicio/perfil", Some(&me))
            .await
            .body
            .contains("Falta o Escritório Social confirmar")
    );
    assert!(!card(&app, &rh).await.contains(TAG));
    assert!(
        app.get("/equipe/pessoas/1", Some(&tecnica))
            .await
            .body
            .contains("A pessoa pediu que as empresas saibam.")
    );

    // Both: the company sees the line, and only the line.
    assert_eq!(
        app.post(
            "/equipe/pessoas/1/cota",
            &[("confirmar", "1")],
            Some(&tecnica)
        )
        .await
        .status,
        303
    );
    let body = card(&app, &rh).await;
    assert!(body.contains(TAG));
    let lower = body.to_lowercase();
    for word in ["egress", "pris", "regime", "pena"] {
        assert!(!lower.contains(word), "the card says '{word}'");
    }
    let data = app.get("/inicio/meus-dados", Some(&me)).await;
    assert!(
        data.body
            .contains("Dizer às empresas em que me candidato que posso ocupar vaga de cota legal")
    );
    assert!(
        data.body
            .contains("confirmou que você pode ocupar vaga de cota legal")
    );

    // She withdraws the consent in "Meus dados": gone at once.
    let revoked = app
        .post(
            "/inicio/meus-dados/autorizacoes/0/retirar",
            &[("finalidade", "cota")],
            Some(&me),
        )
        .await;
    assert_eq!(revoked.location(), Some("/inicio/meus-dados?retirada=1"));
    assert!(!card(&app, &rh).await.contains(TAG));

    // Only her unit's staff answer.
    let other = app.other_unit_caseworker().await;
    assert_eq!(
        app.post(
            "/equipe/pessoas/1/cota",
            &[("confirmar", "1")],
            Some(&other)
        )
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
            app.post(
                "/equipe/pessoas/1/cota",
                &[("confirmar", "1")],
                Some(&cookie)
            )
            .await
            .status,
            403,
            "{who}"
        );
    }
}
