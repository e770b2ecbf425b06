//! The candidate pipeline: the company moves a candidatura (recebida → em análise → entrevista
//! → contratada | não selecionada), only along allowed steps and only for its own vacancies;
//! the person reads each change in "Minhas candidaturas" and "Quem viu meus dados".

use esv_tests::{DEMO_EGRESSO_CPF, DEMO_PASSWORD, TestApp, maria_applies, on_both_databases};

on_both_databases!(
    the_company_moves_a_candidate_and_the_person_follows,
    another_company_cannot_move_it,
);

async fn the_company_moves_a_candidate_and_the_person_follows(app: TestApp) {
    let me = maria_applies(&app).await;
    let (rh, _) = app.login("rh@exemplo.org", DEMO_PASSWORD).await;
    let page = app.get("/empresa/vagas/1/candidatos", Some(&rh)).await;
    assert!(page.body.contains("Recebida"));
    assert!(
        page.body
            .contains("Chamar para entrevista: Maria Aparecida dos Santos")
    );
    assert!(
        !page.body.contains(">Contratar<"),
        "not straight from recebida"
    );

    // Not allowed from here: nothing changes.
    let early = app
        .post("/empresa/candidaturas/1/contratada", &[], Some(&rh))
        .await;
    assert_eq!(
        early.location(),
        Some("/empresa/vagas/1/candidatos?invalida=1")
    );
    let mine = app.get("/inicio/candidaturas", Some(&me)).await;
    assert!(mine.body.contains("Enviada"));

    for (to, person_reads) in [
        ("em_analise", "A empresa está analisando"),
        ("entrevista", "Chamada para entrevista"),
    ] {
        let moved = app
            .post(&format!("/empresa/candidaturas/1/{to}"), &[], Some(&rh))
            .await;
        assert_eq!(
            moved.location(),
            Some("/empresa/vagas/1/candidatos?movida=1"),
            "{to}"
        );
        let mine = app.get("/inicio/candidaturas", Some(&me)).await;
        assert!(mine.body.contains(person_reads), "{to}");
    }
    // Hiring goes through its own form (first day, contract) and the ES's confirmation.
    let direct = app
        .post("/empresa/candidaturas/1/contratada", &[], Some(&rh))
        .await;
    assert_eq!(
        direct.location(),
        Some("/empresa/vagas/1/candidatos?invalida=1")
    );
    let form = app
        .get("/empresa/candidaturas/1/contratar", Some(&rh))
        .await;
    assert!(form.body.contains("Primeiro dia de trabalho"));
    let far = esv_tests::iso_in_days(200);
    let bad = app
        .post(
            "/empresa/candidaturas/1/contratar",
            &[("inicio", &far)],
            Some(&rh),
        )
        .await;
    assert_eq!(bad.status, 422);
    let start = esv_tests::iso_in_days(3);
    let hired = app
        .post(
            "/empresa/candidaturas/1/contratar",
            &[("inicio", &start)],
            Some(&rh),
        )
        .await;
    assert_eq!(
        hired.location(),
        Some("/empresa/vagas/1/candidatos?contratada=1")
    );
    assert!(
        app.get("/inicio/candidaturas", Some(&me))
            .await
            .body
            .contains("Contratada")
    );
    // Final: no more moves, and the page offers none.
    let after = app
        .post("/empresa/candidaturas/1/nao_selecionada", &[], Some(&rh))
        .await;
    assert_eq!(
        after.location(),
        Some("/empresa/vagas/1/candidatos?invalida=1")
    );
    let page = app.get("/empresa/vagas/1/candidatos", Some(&rh)).await;
    assert!(page.body.contains("Contratada"));
    assert!(!page.body.contains("Não selecionar:"));
    // Unknown states are not moves either.
    let odd = app
        .post("/empresa/candidaturas/1/desistiu", &[], Some(&rh))
        .await;
    assert_eq!(
        odd.location(),
        Some("/empresa/vagas/1/candidatos?invalida=1")
    );

    let data = app.get("/inicio/meus-dados", Some(&me)).await;
    assert!(data.body.contains(
        "Roberto Lima (Construtora Horizonte Ltda.) mudou a situação da sua candidatura"
    ));
}

async fn another_company_cannot_move_it(app: TestApp) {
    let me = maria_applies(&app).await;
    let other = app.other_company().await;
    let tried = app
        .post("/empresa/candidaturas/1/em_analise", &[], Some(&other))
        .await;
    assert_eq!(tried.status, 404);
    assert_eq!(
        app.get("/empresa/candidaturas/1/contratar", Some(&other))
            .await
            .status,
        404
    );
    let start = esv_tests::iso_in_days(3);
    assert_eq!(
        app.post(
            "/empresa/candidaturas/1/contratar",
            &[("inicio", &start)],
            Some(&other)
        )
        .await
        .status,
        404
    );
    assert_eq!(
        app.post("/empresa/candidaturas/99/em_analise", &[], Some(&other))
            .await
            .status,
        404
    );
    assert!(
        app.get("/inicio/candidaturas", Some(&me))
            .await
            .body
            .contains("Enviada")
    );
    for who in [
        "tecnica@exemplo.org",
        "parceiro@exemplo.org",
        "admin@exemplo.org",
        DEMO_EGRESSO_CPF,
    ] {
        let (cookie, _) = app.login(who, DEMO_PASSWORD).await;
        assert_eq!(
            app.post("/empresa/candidaturas/1/em_analise", &[], Some(&cookie))
                .await
                .status,
            403,
            "{who}"
        );
    }
}
