//! "Serviços e rede": the public directory (HSDS 3 model), distance sorting, opening hours,
//! "Informar erro" and the admin's editing.

use esv_tests::{DEMO_PASSWORD, TestApp, on_both_databases};

on_both_databases!(
    services_are_listed_and_sorted_by_distance,
    anyone_reports_an_error_and_the_admin_reviews_it,
    admin_edits_the_directory,
    people_find_services_by_whom_they_are_for_and_by_kind,
);

/// "Para quem" and the kinds people ask for by name (issue 14), on the demo directory.
async fn people_find_services_by_whom_they_are_for_and_by_kind(app: TestApp) {
    // Women: the CREAS and the shelter in each of the 7 cities.
    let women = app.get("/servicos?para=mulheres", None).await;
    assert!(
        women.body.contains("14 serviços encontrados."),
        "{}",
        women.body
    );
    assert!(women.body.contains("Casa-abrigo para mulheres"));
    // With words too (counted on the listing, not the word table alone).
    let shelters = app.get("/servicos?para=mulheres&q=abrigo", None).await;
    assert!(shelters.body.contains("7 serviços encontrados."));
    let migrants = app.get("/servicos?para=migrantes", None).await;
    assert!(migrants.body.contains("1 serviço encontrado."));
    assert!(
        migrants
            .body
            .contains("Atendimento a pessoas migrantes e refugiadas")
    );
    // A kind in a city: the CRAS of Brasília; every kind the programme names is there.
    let cras = app.get("/servicos?tipo=cras&cidade=5300108", None).await;
    assert!(cras.body.contains("1 serviço encontrado."), "{}", cras.body);
    for kind in [
        "escritorio_social",
        "conselho_comunidade",
        "patronato",
        "defensoria",
        "creas",
        "caps",
        "sine",
        "abrigo_mulheres",
    ] {
        let page = app.get(&format!("/servicos?tipo={kind}"), None).await;
        assert!(page.body.contains("7 serviços encontrados."), "{kind}");
    }
    // The search finds them by the name people use.
    let by_name = app.get("/servicos?q=patronato", None).await;
    assert!(by_name.body.contains("7 serviços encontrados."));
    // The page of a service says whom it is for and its kind; an unknown code filters nothing.
    let shelter_href = women
        .body
        .split("href=\"/servicos/")
        .skip(1)
        .find(|part| part.contains("Casa-abrigo para mulheres"))
        .and_then(|part| part.split('"').next())
        .expect("a link to a shelter")
        .to_string();
    let shelter = app.get(&format!("/servicos/{shelter_href}"), None).await;
    assert!(
        shelter.body.contains("Para quem: </strong>Mulheres"),
        "{}",
        shelter.body
    );
    assert!(
        shelter
            .body
            .contains("Tipo: </strong>Casa-abrigo para mulheres")
    );
    let unknown = app.get("/servicos?para=marcianos", None).await;
    assert!(unknown.body.contains("130 serviços encontrados."));
    // The form offers both choices, labelled.
    assert!(
        women.body.contains("<label for=\"campo-para\""),
        "{}",
        women.body
    );
    assert!(women.body.contains("Para todas as pessoas"));
}

fn items(body: &str) -> Vec<&str> {
    body.split(r#"<li class="item">"#).skip(1).collect()
}

/// "850 m" / "2,4 km" / "35 km" in a list item → kilometres.
fn distance(item: &str) -> f64 {
    let text = item
        .split("A ")
        .find_map(|s| {
            s.split(" de você")
                .next()
                .filter(|_| s.contains(" de você"))
        })
        .expect("distance shown");
    let (n, unit) = text.split_once(' ').expect("number and unit");
    let n: f64 = n.replace(',', ".").parse().expect("number");
    if unit == "m" { n / 1000.0 } else { n }
}

async fn services_are_listed_and_sorted_by_distance(app: TestApp) {
    let all = app.get("/servicos", None).await;
    assert_eq!(all.status, 200);
    assert!(
        all.body.contains("130 serviços encontrados."),
        "{}",
        all.body
    );
    let first_page = items(&all.body);
    assert_eq!(first_page.len(), 20);
    for item in &first_page {
        assert!(
            item.contains("Aberto agora") || item.contains("Fechado agora"),
            "{item}"
        );
        assert!(item.contains(r#"href="tel:+55"#), "{item}");
        assert!(item.contains("Como chegar"));
        assert!(item.contains("https://www.google.com/maps/dir/?api=1&amp;destination=-"));
    }

    let docs = app.get("/servicos?area=documentacao", None).await;
    assert!(docs.body.contains("8 serviços encontrados."));
    let brasilia = app.get("/servicos?cidade=5300108", None).await;
    assert!(brasilia.body.contains("18 serviços encontrados."));
    for item in items(&brasilia.body) {
        assert!(item.contains("Brasília, DF"), "{item}");
    }
    let found = app.get("/servicos?q=defensoria", None).await;
    assert!(found.body.contains("7 serviços encontrados."));
    // A word's beginning finds it, with or without accents; the middle of a word does not.
    for partial in ["defens", "DEFENSÓ", "Defensoria+Pública"] {
        let found = app.get(&format!("/servicos?q={partial}"), None).await;
        assert!(found.body.contains("7 serviços encontrados."), "{partial}");
    }
    // Several words: the same entries in the same order whichever word comes first (the
    // rarest word leads the query), also when one word is in almost every entry ("de").
    let one_way = app.get("/servicos?q=Defensoria+Pública", None).await;
    for other in ["Pública+Defensoria", "de+defensoria+publica"] {
        let other_way = app.get(&format!("/servicos?q={other}"), None).await;
        assert_eq!(items(&one_way.body), items(&other_way.body), "{other}");
    }
    let middle = app.get("/servicos?q=fensoria", None).await;
    assert!(middle.body.contains("Nenhum serviço encontrado."));

    // From the Esplanada in Brasília: the nearest first, never farther before nearer.
    let near = app.get("/servicos?lat=-15.799&lon=-47.864", None).await;
    assert!(near.body.contains("Do mais perto para o mais longe"));
    let listed = items(&near.body);
    assert!(listed[0].contains("Brasília, DF"), "{}", listed[0]);
    let distances: Vec<f64> = listed.iter().map(|i| distance(i)).collect();
    assert!(distances.windows(2).all(|w| w[0] <= w[1]), "{distances:?}");
    assert!(distances[0] < 10.0);
    // From Rio de Janeiro, Rio comes first; a bad position is ignored.
    let rio = app.get("/servicos?lat=-22.906&lon=-43.173", None).await;
    assert!(items(&rio.body)[0].contains("Rio de Janeiro, RJ"));
    let bad = app.get("/servicos?lat=999&lon=abc", None).await;
    assert_eq!(bad.status, 200);
    assert!(bad.body.contains("Por cidade e nome"));

    let detail = app.get("/servicos/1", None).await;
    assert_eq!(detail.status, 200);
    assert!(detail.body.contains("Emissão de documentos"));
    assert!(detail.body.contains("segunda a sexta das 08:00 às 17:00"));
    assert!(detail.body.contains("sábado das 08:00 às 12:00"));
    assert!(detail.body.contains("CEP 70"));
    assert!(detail.body.contains("Informar erro"));
    assert_eq!(
        detail.headers.get("x-esv-offline").map(|v| v.as_bytes()),
        Some(&b"public"[..])
    );
    // The demo RAESP partner's service is marked as part of the network.
    let family = app.get("/servicos?area=familia&cidade=5300108", None).await;
    assert!(family.body.contains("Coletivo Recomeço"));
    assert!(family.body.contains("Rede parceira (RAESP)"));
    assert_eq!(app.get("/servicos/9999", None).await.status, 404);
}

async fn anyone_reports_an_error_and_the_admin_reviews_it(app: TestApp) {
    let (admin, _) = app.login("admin@exemplo.org", DEMO_PASSWORD).await;
    let empty = app
        .post("/servicos/1/informar-erro", &[("mensagem", " ")], None)
        .await;
    assert_eq!(empty.status, 422);
    assert!(empty.body.contains("Conte o que está errado."));
    assert!(
        app.get("/admin/servicos", Some(&admin))
            .await
            .body
            .contains("Nenhum erro informado para conferir.")
    );
    let sent = app
        .post(
            "/servicos/1/informar-erro",
            &[("mensagem", "O telefone mudou para (61) 3333-0000.")],
            None,
        )
        .await;
    assert_eq!(sent.location(), Some("/servicos/1?enviado=1"));
    let thanks = app.get("/servicos/1?enviado=1", None).await;
    assert!(
        thanks
            .body
            .contains("Obrigado! A equipe vai conferir a informação.")
    );

    let review = app.get("/admin/servicos", Some(&admin)).await;
    assert!(
        review
            .body
            .contains("O telefone mudou para (61) 3333-0000.")
    );
    // Only the admin marks it as checked.
    let (tecnica, _) = app.login("tecnica@exemplo.org", DEMO_PASSWORD).await;
    let refused = app
        .post("/admin/servicos/relatos/1/resolver", &[], Some(&tecnica))
        .await;
    assert_eq!(refused.status, 403);
    let done = app
        .post("/admin/servicos/relatos/1/resolver", &[], Some(&admin))
        .await;
    assert_eq!(done.location(), Some("/admin/servicos?conferido=1"));
    assert!(
        !app.get("/admin/servicos", Some(&admin))
            .await
            .body
            .contains("O telefone mudou")
    );
    let again = app
        .post("/admin/servicos/relatos/1/resolver", &[], Some(&admin))
        .await;
    assert_eq!(again.status, 404);
}

async fn admin_edits_the_directory(app: TestApp) {
    let (admin, _) = app.login("admin@exemplo.org", DEMO_PASSWORD).await;
    let good = [
        ("organizacao", "2"),
        ("nome", "Roda de conversa para famílias"),
        ("area", "familia"),
        (
            "descricao",
            "Encontros semanais para familiares, com escuta e orientação.",
        ),
        ("telefone", "(61) 3322-1100"),
        ("endereco", "SCS Quadra 2, Bloco C – Asa Sul"),
        ("cidade", "Brasília"),
        ("uf", "DF"),
        ("municipio", "5300108"),
        ("cep", "70302-000"),
        ("latitude", "-15.7975"),
        ("longitude", "-47.8890"),
        ("horario", "qua 18:00-20:00"),
        ("ativo", "1"),
    ];
    let mut bad = good;
    bad[8] = ("municipio", "3106200");
    bad[9] = ("cep", "123");
    bad[10] = ("latitude", "abc");
    bad[12] = ("horario", "seg-sex 17:00-08:00");
    let refused = app.post("/admin/servicos/novo", &bad, Some(&admin)).await;
    assert_eq!(refused.status, 422);
    for message in [
        "Este código IBGE é de outro estado",
        "Digite o CEP com 8 números.",
        "Digite a coordenada em graus decimais.",
        "escreva o horário assim: 08:00-17:00.",
    ] {
        assert!(refused.body.contains(message), "{message}");
    }
    assert!(
        refused
            .body
            .contains(r#"value="Roda de conversa para famílias""#)
    );
    assert!(
        app.get("/servicos", None)
            .await
            .body
            .contains("130 serviços encontrados.")
    );

    let created = app.post("/admin/servicos/novo", &good, Some(&admin)).await;
    assert_eq!(created.location(), Some("/admin/servicos?salvo=1"));
    let found = app.get("/servicos?q=roda+de+conversa", None).await;
    assert!(
        found.body.contains("1 serviço encontrado."),
        "{}",
        found.body
    );
    let page = app.get("/servicos/131", None).await;
    assert!(page.body.contains("quarta das 18:00 às 20:00"));
    assert!(page.body.contains(r#"href="tel:+556133221100""#));
    let form = app.get("/admin/servicos/131/editar", Some(&admin)).await;
    assert!(form.body.contains(r#"value="qua 18:00-20:00""#));
    assert!(form.body.contains(r#"value="(61) 3322-1100""#));

    // Whom it is for and its kind: a wrong kind is refused beside its field, the boxes kept.
    let mut typed = good.to_vec();
    typed.push(("tipo", "presidio"));
    typed.push(("para_familias", "1"));
    let refused = app
        .post("/admin/servicos/131/editar", &typed, Some(&admin))
        .await;
    assert_eq!(refused.status, 422);
    assert!(
        refused
            .body
            .contains("Escolha um tipo da lista, ou deixe em branco.")
    );
    assert!(
        refused
            .body
            .contains(r#"name="para_familias" value="1" checked"#),
        "{}",
        refused.body
    );
    let at = typed.len() - 2;
    typed[at] = ("tipo", "creas");
    let saved = app
        .post("/admin/servicos/131/editar", &typed, Some(&admin))
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let families = app.get("/servicos?para=familias&tipo=creas", None).await;
    assert!(
        families.body.contains("1 serviço encontrado."),
        "{}",
        families.body
    );
    let form = app.get("/admin/servicos/131/editar", Some(&admin)).await;
    assert!(
        form.body
            .contains(r#"name="para_familias" value="1" checked"#)
    );
    assert!(form.body.contains(r#"<option value="creas" selected"#));

    // Editing replaces the entry's place instead of leaving the old one behind.
    let places = || async {
        use sea_orm::{EntityTrait, PaginatorTrait};
        app::server::entities::location::Entity::find()
            .count(&app.db)
            .await
            .expect("count")
    };
    let before = places().await;
    let mut moved = good.to_vec();
    moved[6] = ("cidade", "Belo Horizonte");
    moved[7] = ("uf", "MG");
    moved[8] = ("municipio", "3106200");
    let edited = app
        .post("/admin/servicos/131/editar", &moved, Some(&admin))
        .await;
    assert_eq!(edited.status, 303, "{}", edited.body);
    assert_eq!(places().await, before);
    assert!(
        app.get("/servicos?cidade=3106200&q=roda+de+conversa", None)
            .await
            .body
            .contains("1 serviço encontrado.")
    );
    // Gone from its old city.
    let old_city = app
        .get("/servicos?cidade=5300108&q=roda+de+conversa", None)
        .await;
    assert!(old_city.body.contains("Nenhum serviço encontrado."));

    // Deactivated: out of the public directory.
    let hidden: Vec<(&str, &str)> = good
        .iter()
        .copied()
        .filter(|(k, _)| *k != "ativo")
        .collect();
    let edited = app
        .post("/admin/servicos/131/editar", &hidden, Some(&admin))
        .await;
    assert_eq!(edited.status, 303, "{}", edited.body);
    assert_eq!(app.get("/servicos/131", None).await.status, 404);
    assert!(
        app.get("/servicos?q=roda+de+conversa", None)
            .await
            .body
            .contains("Nenhum serviço encontrado.")
    );
}
