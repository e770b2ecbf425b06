//! Pessoas atendidas: registration (egressa, pré-egressa, familiar), search by name or CPF,
//! the record, access at the office — scoped to the unit and logged for the person.

use esv_tests::{DEMO_EGRESSO_CPF, DEMO_PASSWORD, TestApp, iso_in_days, on_both_databases};

on_both_databases!(
    caseworker_registers_and_finds_people,
    access_is_created_at_the_office,
    other_units_see_nothing,
);

fn code_on(body: &str) -> String {
    body.split(r#"class="code">"#)
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .expect("code shown")
        .trim()
        .to_string()
}

async fn caseworker_registers_and_finds_people(app: TestApp) {
    let (tecnica, _) = app.login("tecnica@exemplo.org", DEMO_PASSWORD).await;
    let far = iso_in_days(400);
    let bad = app
        .post(
            "/equipe/pessoas/nova",
            &[
                ("nome", "Jo"),
                ("categoria", "pre_egresso"),
                ("cpf", "123"),
                ("saida_prevista", &far),
                ("genero", "homem cis"),
            ],
            Some(&tecnica),
        )
        .await;
    assert_eq!(bad.status, 422);
    for message in [
        "Digite o nome completo.",
        "Pré-egressa é quem sai em até 6 meses.",
        "Digite a unidade prisional",
        "Escolha o regime atual.",
    ] {
        assert!(bad.body.contains(message), "{message}");
    }
    assert!(
        bad.body.contains(r#"value="homem cis""#),
        "what was typed is kept"
    );
    assert!(
        app.get("/equipe/pessoas?q=Jo", Some(&tecnica))
            .await
            .body
            .contains("Ninguém encontrado")
    );

    let soon = iso_in_days(60);
    let created = app
        .post(
            "/equipe/pessoas/nova",
            &[
                ("nome", "José Carlos Pereira"),
                ("categoria", "pre_egresso"),
                ("cpf", "111.444.777-35"),
                ("unidade_prisional", "Penitenciária do Distrito Federal I"),
                ("saida_prevista", &soon),
                ("regime", "semiaberto"),
                ("raca", "parda"),
                ("genero", "homem cis"),
            ],
            Some(&tecnica),
        )
        .await;
    assert_eq!(
        created.location(),
        Some("/equipe/pessoas/2"),
        "{}",
        created.body
    );
    let record = app.get("/equipe/pessoas/2", Some(&tecnica)).await;
    for text in [
        "José Carlos Pereira",
        "Pessoa pré-egressa",
        "Penitenciária do Distrito Federal I",
        "Semiaberto",
        "Parda",
        "444.777",
    ] {
        assert!(record.body.contains(text), "{text}");
    }
    assert!(
        !record.body.contains("111.444.777-35"),
        "CPF masked for staff"
    );

    let family = app
        .post(
            "/equipe/pessoas/nova",
            &[
                ("nome", "Ana Paula Souza"),
                ("nome_social", "Paula Souza"),
                ("categoria", "familiar"),
                ("familiar_de", "1"),
            ],
            Some(&tecnica),
        )
        .await;
    assert_eq!(family.status, 303);
    let maria = app.get("/equipe/pessoas/1", Some(&tecnica)).await;
    assert!(maria.body.contains("Paula Souza"));
    let paula = app.get("/equipe/pessoas/3", Some(&tecnica)).await;
    assert!(
        paula.body.contains("<h1>Paula Souza</h1>"),
        "social name first"
    );
    assert!(paula.body.contains("Maria Aparecida dos Santos"));

    let dup = app
        .post(
            "/equipe/pessoas/nova",
            &[
                ("nome", "Outro José"),
                ("categoria", "egresso"),
                ("cpf", "111.444.777-35"),
            ],
            Some(&tecnica),
        )
        .await;
    assert!(
        dup.body
            .contains("Já existe uma pessoa cadastrada com este CPF.")
    );

    for (query, expected) in [
        ("jose", "José Carlos Pereira"),
        ("MARIA aparecida", "Maria Aparecida dos Santos"),
        ("529.982.247-25", "Maria Aparecida dos Santos"),
        ("paula", "Paula Souza"),
    ] {
        let found = app
            .get(
                &format!("/equipe/pessoas?q={}", query.replace(' ', "+")),
                Some(&tecnica),
            )
            .await;
        assert!(found.body.contains(expected), "{query}");
    }
    assert!(
        app.get("/equipe/pessoas?q=zzz", Some(&tecnica))
            .await
            .body
            .contains("Ninguém encontrado na sua unidade")
    );

    // Maria sees who read her record and found her.
    let (me, _) = app.login(DEMO_EGRESSO_CPF, DEMO_PASSWORD).await;
    let data = app.get("/inicio/meus-dados", Some(&me)).await;
    assert!(
        data.body
            .contains("Carla Mendes (Equipe técnica) viu seu cadastro")
    );
    assert!(
        data.body
            .contains("Carla Mendes (Equipe técnica) encontrou você numa busca da equipe")
    );
}

async fn access_is_created_at_the_office(app: TestApp) {
    let (tecnica, _) = app.login("tecnica@exemplo.org", DEMO_PASSWORD).await;
    for form in [
        vec![
            ("nome", "Pedro Alves Lima"),
            ("categoria", "egresso"),
            ("cpf", "111.444.777-35"),
        ],
        vec![("nome", "Sem Documento Silva"), ("categoria", "egresso")],
    ] {
        let done = app
            .post("/equipe/pessoas/nova", &form, Some(&tecnica))
            .await;
        assert_eq!(done.status, 303, "{}", done.body);
    }
    let given = app
        .post("/equipe/pessoas/2/acesso", &[], Some(&tecnica))
        .await;
    assert_eq!(given.status, 201, "{}", given.body);
    let code = code_on(&given.body);
    let set = app
        .post(
            "/definir-senha",
            &[
                ("identificador", "111.444.777-35"),
                ("codigo", &code),
                ("senha", "senha-do-pedro-2026"),
                ("confirmacao", "senha-do-pedro-2026"),
            ],
            None,
        )
        .await;
    assert_eq!(set.status, 303, "{}", set.body);
    let (_, home) = app.login("111.444.777-35", "senha-do-pedro-2026").await;
    assert_eq!(home, "/inicio");

    let again = app
        .post("/equipe/pessoas/2/acesso", &[], Some(&tecnica))
        .await;
    assert_eq!(again.status, 422);
    assert!(again.body.contains("Esta pessoa já tem acesso."));
    let no_cpf = app
        .post("/equipe/pessoas/3/acesso", &[], Some(&tecnica))
        .await;
    assert_eq!(no_cpf.status, 422);
    assert!(no_cpf.body.contains("cadastre antes o CPF"));
}

async fn other_units_see_nothing(app: TestApp) {
    let other = app.other_unit_caseworker().await;
    assert_eq!(app.get("/equipe/pessoas/1", Some(&other)).await.status, 404);
    assert!(
        app.get("/equipe/pessoas?q=maria", Some(&other))
            .await
            .body
            .contains("Ninguém encontrado")
    );
    assert!(
        app.get("/equipe/pessoas?q=529.982.247-25", Some(&other))
            .await
            .body
            .contains("Ninguém encontrado")
    );
    assert_eq!(
        app.post("/equipe/pessoas/1/acesso", &[], Some(&other))
            .await
            .status,
        404
    );
    let linked = app
        .post(
            "/equipe/pessoas/nova",
            &[
                ("nome", "Parente de Fora"),
                ("categoria", "familiar"),
                ("familiar_de", "1"),
            ],
            Some(&other),
        )
        .await;
    assert_eq!(linked.status, 422);
    assert!(linked.body.contains("Escolha de quem a pessoa é familiar."));
    // No other role gets in.
    for who in [
        "rh@exemplo.org",
        "parceiro@exemplo.org",
        "admin@exemplo.org",
        DEMO_EGRESSO_CPF,
    ] {
        let (cookie, _) = app.login(who, DEMO_PASSWORD).await;
        for path in [
            "/equipe/pessoas",
            "/equipe/pessoas/1",
            "/equipe/pessoas/nova",
        ] {
            assert_eq!(
                app.get(path, Some(&cookie)).await.status,
                403,
                "{who} {path}"
            );
        }
    }
}
