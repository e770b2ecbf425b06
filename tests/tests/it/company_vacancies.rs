//! Companies publish, edit and close their own vacancies (and only theirs).

use esv_tests::{DEMO_PASSWORD, TestApp, on_both_databases};

on_both_databases!(
    a_company_publishes_edits_and_closes_a_vacancy,
    a_company_cannot_touch_another_companys_vacancy
);

fn in_days(days: i64) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    app::domain::dates::iso_date(now + days * 86_400)
}

async fn a_company_publishes_edits_and_closes_a_vacancy(app: TestApp) {
    let (company, _) = app.login("rh@exemplo.org", DEMO_PASSWORD).await;
    let before = app
        .get("/empresa/vagas", Some(&company))
        .await
        .body
        .matches(r#"<li class="item">"#)
        .count();
    let past = in_days(-1);
    let bad = app
        .post(
            "/empresa/vagas/nova",
            &[
                ("titulo", "Armador de ferragens"),
                ("cbo", ""),
                ("descricao", "Aceitamos ex-presidiários para a obra."),
                ("horas", "60"),
                ("turno", "manha"),
                ("contrato", "clt"),
                ("cidade", "Brasília"),
                ("uf", "DF"),
                ("municipio", "3106200"),
                ("salario_min", "dois mil"),
                ("encerra", &past),
            ],
            Some(&company),
        )
        .await;
    assert_eq!(bad.status, 422);
    for message in [
        "Escolha a ocupação.",
        "palavra que estigmatiza pessoas",
        "de 1 a 44",
        "Este código IBGE é de outro estado",
        "Digite só números, em reais.",
        "a partir de amanhã",
    ] {
        assert!(bad.body.contains(message), "missing: {message}");
    }
    assert!(bad.body.contains(r#"value="Armador de ferragens""#));
    let after_bad = app
        .get("/empresa/vagas", Some(&company))
        .await
        .body
        .matches(r#"<li class="item">"#)
        .count();
    assert_eq!(before, after_bad, "nothing was created");

    let closes = in_days(20);
    let good = [
        ("titulo", "Armador de ferragens"),
        ("cbo", "7152-10"),
        (
            "descricao",
            "Montar e amarrar armaduras de aço para lajes e pilares.",
        ),
        ("requisitos", "Ensino fundamental."),
        ("horas", "44"),
        ("turno", "manha"),
        ("contrato", "clt"),
        ("cidade", "Brasília"),
        ("uf", "DF"),
        ("municipio", "5300108"),
        ("salario_min", "2.300"),
        ("salario_max", ""),
        ("cota", "1"),
        ("encerra", closes.as_str()),
    ];
    // Asked before it exists (the answer is kept for a few seconds), then found at once after.
    assert!(
        app.get("/vagas?q=armador", None)
            .await
            .body
            .contains("Nenhuma vaga encontrada")
    );
    let created = app.post("/empresa/vagas/nova", &good, Some(&company)).await;
    assert_eq!(
        created.location(),
        Some("/empresa/vagas?salva=1"),
        "{}",
        created.body
    );
    let public = app.get("/vagas?q=armador", None).await;
    assert!(public.body.contains("Armador de ferragens") && public.body.contains("R$ 2.300,00"));
    let id = public
        .body
        .split(r#"<a href="/vagas/"#)
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();

    // Editing changes what the public board finds.
    let form = app
        .get(&format!("/empresa/vagas/{id}/editar"), Some(&company))
        .await;
    assert!(form.body.contains(r#"value="Armador de ferragens""#) && form.body.contains(&closes));
    let mut edited = good.to_vec();
    edited[0] = ("titulo", "Ferreiro armador");
    let saved = app
        .post(
            &format!("/empresa/vagas/{id}/editar"),
            &edited,
            Some(&company),
        )
        .await;
    assert_eq!(saved.status, 303);
    assert!(
        app.get("/vagas?q=ferreiro", None)
            .await
            .body
            .contains("Ferreiro armador")
    );
    assert!(
        app.get(&format!("/vagas/{id}"), None)
            .await
            .body
            .contains("<h1>Ferreiro armador</h1>")
    );

    // Closing takes it off the board at once.
    let closed = app
        .post(
            &format!("/empresa/vagas/{id}/encerrar"),
            &[],
            Some(&company),
        )
        .await;
    assert_eq!(closed.location(), Some("/empresa/vagas?encerrada=1"));
    assert_eq!(app.get(&format!("/vagas/{id}"), None).await.status, 404);
    assert!(
        app.get("/vagas?q=ferreiro", None)
            .await
            .body
            .contains("Nenhuma vaga encontrada")
    );
}

async fn a_company_cannot_touch_another_companys_vacancy(app: TestApp) {
    // An account for another demo company (organization 3), created the real way.
    let rita = app
        .create_account(
            &[
                ("papel", "company"),
                ("nome", "Rita Souza"),
                ("email", "rita@mercado.com.br"),
                ("organizacao", "3"),
            ],
            "rita@mercado.com.br",
            "senha-da-rita",
        )
        .await;
    // Vacancy 1 belongs to Construtora Horizonte (organization 1).
    assert_eq!(
        app.get("/empresa/vagas/1/editar", Some(&rita)).await.status,
        404
    );
    assert_eq!(
        app.post(
            "/empresa/vagas/1/editar",
            &[("titulo", "Sequestrada")],
            Some(&rita)
        )
        .await
        .status,
        404
    );
    assert_eq!(
        app.post("/empresa/vagas/1/encerrar", &[], Some(&rita))
            .await
            .status,
        404
    );
    assert_eq!(
        app.get("/empresa/vagas/1/candidatos", Some(&rita))
            .await
            .status,
        404
    );
    assert_eq!(app.get("/vagas/1", None).await.status, 200, "still open");
    let own = app.get("/empresa/vagas", Some(&rita)).await;
    assert!(own.body.contains("Publicar vaga"));
    assert!(
        !own.body.contains("Pedreiro"),
        "only Mercado Bom Preço's vacancies are listed"
    );
}
