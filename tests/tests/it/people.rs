//! Pessoas atendidas: registration (egressa, pré-egressa, familiar), search by name or CPF,
//! the record, access at the office — scoped to the unit and logged for the person.

use esv_tests::{DEMO_EGRESSO_CPF, DEMO_PASSWORD, TestApp, iso_in_days, on_both_databases};

on_both_databases!(
    caseworker_registers_and_finds_people,
    access_is_created_at_the_office,
    other_units_see_nothing,
    a_large_unit_is_searched_page_by_page,
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

/// The search runs in the database and pages: 130 people with the same names in the unit
/// (and one more in another unit) come 50 at a time, by name, none twice, accents ignored.
async fn a_large_unit_is_searched_page_by_page(app: TestApp) {
    use app::server::entities::person;
    use app::server::services::case::people::search_name;
    use sea_orm::{EntityTrait, Set};
    // Unit 2, another Escritório Social.
    app.other_unit_caseworker().await;
    let other_unit = 2;
    let rows = (0..131).map(|n| {
        let name = format!("José da Conceição {n:03}");
        person::ActiveModel {
            unit_id: Set(if n == 130 { other_unit } else { 1 }),
            search_name: Set(search_name(&name, None)),
            full_name: Set(name),
            social_name: Set(None),
            cpf: Set(None),
            status: Set("egresso".into()),
            created_at: Set(0),
            ..Default::default()
        }
    });
    person::Entity::insert_many(rows)
        .exec(&app.db)
        .await
        .unwrap();
    let (tecnica, _) = app.login("tecnica@exemplo.org", DEMO_PASSWORD).await;
    let names = |body: &str| -> Vec<String> {
        body.split(r#"<p class="item-title"><a href="/equipe/pessoas/"#)
            .skip(1)
            .map(|s| {
                s.split('>')
                    .nth(1)
                    .and_then(|t| t.split('<').next())
                    .unwrap_or_default()
                    .to_string()
            })
            .collect()
    };
    let mut seen = Vec::new();
    for page in 1..=3 {
        let body = app
            .get(
                &format!("/equipe/pessoas?q=jose+conceicao&pagina={page}"),
                Some(&tecnica),
            )
            .await
            .body;
        assert!(body.contains("130 pessoas encontradas."), "{body}");
        assert!(body.contains(&format!("Página {page} de 3")));
        let found = names(&body);
        assert_eq!(found.len(), if page == 3 { 30 } else { 50 }, "page {page}");
        seen.extend(found);
    }
    let mut sorted = seen.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), 130, "none twice");
    assert_eq!(seen, sorted, "by name");
    assert!(
        !seen.iter().any(|n| n.ends_with("130")),
        "not another unit's"
    );

    // The forms that choose a person list nobody until asked, then the first 20 matches of
    // this unit only; a person of another unit cannot be slipped in as the chosen one.
    let other_id: i32 = person::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.full_name.ends_with("130"))
        .map(|p| p.id)
        .unwrap();
    let before = person::Entity::find().all(&app.db).await.unwrap().len();
    for (form, path, search, button) in [
        (
            "referral",
            "/equipe/encaminhamentos/novo",
            "busca_pessoa",
            "buscar_pessoa",
        ),
        ("agenda", "/equipe/agenda", "busca_pessoa", "buscar_pessoa"),
        (
            "familiar",
            "/equipe/pessoas/nova",
            "busca_familiar",
            "buscar_familiar",
        ),
    ] {
        let empty = app.get(path, Some(&tecnica)).await;
        assert_eq!(empty.status, 200, "{form}");
        assert!(!empty.body.contains("Conceição 0"), "{form}: nobody listed");
        let other = other_id.to_string();
        let found = app
            .post(
                path,
                &[
                    (search, "josé conceicao"),
                    ("acao", button),
                    (
                        if form == "familiar" {
                            "familiar_de"
                        } else {
                            "pessoa"
                        },
                        &other,
                    ),
                    ("nome", "Kept as typed"),
                    ("demanda", "Kept as typed"),
                    ("local", "Kept as typed"),
                ],
                Some(&tecnica),
            )
            .await;
        assert_eq!(found.status, 200, "{form}: {}", found.body);
        assert!(
            found
                .body
                .contains("130 pessoas encontradas. Mostrando as 20 primeiras"),
            "{form}: {}",
            found.body
        );
        assert_eq!(
            found.body.matches("José da Conceição 0").count(),
            20,
            "{form}"
        );
        assert!(
            !found.body.contains("Conceição 130"),
            "{form}: not another unit's"
        );
        assert!(
            found.body.contains("Kept as typed"),
            "{form}: what was typed stays"
        );
    }
    // Nothing was saved by a search.
    assert_eq!(
        person::Entity::find().all(&app.db).await.unwrap().len(),
        before,
        "no one registered"
    );
}
