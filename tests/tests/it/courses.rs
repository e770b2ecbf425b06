//! Courses: the public catalogue, "Quero me inscrever", and who sees a request (the provider,
//! the person's unit) — and who does not.

use esv_tests::{DEMO_EGRESSO_CPF, DEMO_PASSWORD, TestApp, on_both_databases};

on_both_databases!(
    courses_are_browsable_without_an_account,
    egresso_asks_for_a_place_and_both_sides_see_it,
    nobody_sees_requests_outside_their_scope,
    admin_keeps_the_catalogue,
);

/// Demo course 1: Coletivo Recomeço (the demo partner), presencial in Brasília, free, remição.
const PARTNER_COURSE: &str = "/cursos/1";
/// Demo course 2: another provider, EAD.
const OTHER_PROVIDER_COURSE: &str = "/cursos/2";

fn count_items(body: &str) -> usize {
    body.matches(r#"<li class="item">"#).count()
}

async fn courses_are_browsable_without_an_account(app: TestApp) {
    let all = app.get("/cursos", None).await;
    assert_eq!(all.status, 200);
    // 36 demo courses, 4 of them closed.
    assert!(all.body.contains("32 cursos encontrados."), "{}", all.body);
    assert_eq!(count_items(&all.body), 20);
    let page2 = app.get("/cursos?pagina=2", None).await;
    assert_eq!(count_items(&page2.body), 12);

    // Accent- and case-insensitive.
    let motos = app.get("/cursos?q=MANUTENCAO", None).await;
    assert!(motos.body.contains("Manutenção de motos"), "{}", motos.body);
    assert!(!motos.body.contains("Informática básica"));

    let remicao = app.get("/cursos?remicao=1", None).await;
    let n = count_items(&remicao.body);
    assert!(n > 0);
    assert_eq!(
        remicao
            .body
            .matches("Conta para remição pelo estudo")
            .count(),
        n
    );

    let free = app.get("/cursos?gratuito=1", None).await;
    assert!(count_items(&free.body) > 0);
    assert!(
        !free.body.contains("R$"),
        "a paid course in the free filter"
    );
    assert!(all.body.contains("Gratuito"));

    let ead = app.get("/cursos?modalidade=ead", None).await;
    let n = count_items(&ead.body);
    assert!(n > 0);
    assert_eq!(ead.body.matches("Pela internet").count(), n);

    // In a city: its presencial courses and every EAD course, nothing from other cities.
    let bh = app.get("/cursos?cidade=3106200", None).await;
    let results = bh
        .body
        .split(r#"<ul class="items">"#)
        .nth(1)
        .unwrap_or_default();
    assert!(results.contains("Belo Horizonte – MG"));
    assert!(results.contains("Pela internet"));
    assert!(!results.contains("Campinas – SP"));

    let detail = app.get(PARTNER_COURSE, None).await;
    assert_eq!(detail.status, 200);
    assert!(detail.body.contains("Eletricista instalador predial"));
    assert!(detail.body.contains("Coletivo Recomeço"));
    assert!(detail.body.contains("160 horas"));
    assert!(detail.body.contains("até 13 dias a menos de pena"));
    assert!(detail.body.contains("Entrar para se inscrever"));
    assert_eq!(
        detail.headers.get("x-esv-offline").map(|v| v.as_bytes()),
        Some(&b"public"[..])
    );
    // Demo course 9 is closed: readable, but no way to ask for a place.
    let closed = app.get("/cursos/9", None).await;
    assert_eq!(closed.status, 200);
    assert!(
        closed
            .body
            .contains("As inscrições deste curso estão encerradas.")
    );
    assert!(!closed.body.contains("Entrar para se inscrever"));
    assert_eq!(app.get("/cursos/9999", None).await.status, 404);
}

async fn egresso_asks_for_a_place_and_both_sides_see_it(app: TestApp) {
    let (maria, _) = app.login(DEMO_EGRESSO_CPF, DEMO_PASSWORD).await;
    let page = app.get(PARTNER_COURSE, Some(&maria)).await;
    assert!(page.body.contains("Quero me inscrever"));

    // Without the consent box: an error beside it, nothing sent.
    let refused = app.post("/cursos/1/inscricao", &[], Some(&maria)).await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("marque a autorização"));
    let mine = app.get("/inicio/cursos", Some(&maria)).await;
    assert!(mine.body.contains("Você ainda não pediu inscrição"));
    let (partner, _) = app.login("parceiro@exemplo.org", DEMO_PASSWORD).await;
    assert!(
        !app.get("/parceiro/inscricoes", Some(&partner))
            .await
            .body
            .contains("Maria")
    );

    let sent = app
        .post(
            "/cursos/1/inscricao",
            &[("consentimento", "1")],
            Some(&maria),
        )
        .await;
    assert_eq!(sent.location(), Some("/inicio/cursos?enviado=1"));
    let mine = app.get("/inicio/cursos?enviado=1", Some(&maria)).await;
    assert!(mine.body.contains("Eletricista instalador predial"));
    assert!(mine.body.contains("Pedido enviado"));
    // Asking twice changes nothing.
    app.post(
        "/cursos/1/inscricao",
        &[("consentimento", "1")],
        Some(&maria),
    )
    .await;
    assert_eq!(
        app.get("/inicio/cursos", Some(&maria))
            .await
            .body
            .matches("Cancelar inscrição")
            .count(),
        1
    );

    // The provider sees name, course and contact; the unit's caseworker sees the request.
    let requests = app.get("/parceiro/inscricoes", Some(&partner)).await;
    assert!(requests.body.contains("Maria Aparecida dos Santos"));
    assert!(requests.body.contains("Eletricista instalador predial"));
    assert!(requests.body.contains("Combinar pelo Escritório Social"));
    let (tecnica, _) = app.login("tecnica@exemplo.org", DEMO_PASSWORD).await;
    let unit = app.get("/equipe/inscricoes", Some(&tecnica)).await;
    assert!(unit.body.contains("Maria Aparecida dos Santos"));
    assert!(unit.body.contains("Coletivo Recomeço"));

    // The provider answers; the person sees the answer.
    let answered = app
        .post(
            "/parceiro/inscricoes/1/responder",
            &[("resposta", "confirmada")],
            Some(&partner),
        )
        .await;
    assert_eq!(
        answered.location(),
        Some("/parceiro/inscricoes?respondido=1")
    );
    assert!(
        app.get("/inicio/cursos", Some(&maria))
            .await
            .body
            .contains("Vaga confirmada")
    );

    // Meus dados: the consent, who saw the request, and the file.
    let data = app.get("/inicio/meus-dados", Some(&maria)).await;
    assert!(
        data.body
            .contains("Enviar meu nome e contato para Coletivo Recomeço (curso)"),
        "{}",
        data.body
    );
    assert!(
        data.body
            .contains("Paulo Nascimento (Coletivo Recomeço) viu seu pedido de inscrição em curso")
    );
    assert!(
        data.body
            .contains("Carla Mendes (Equipe técnica) viu seus pedidos de inscrição em cursos")
    );
    let file = app.get("/inicio/meus-dados/baixar", Some(&maria)).await;
    assert!(file.body.contains("inscricoes_em_cursos"));
    assert!(file.body.contains("Eletricista instalador predial"));

    // Withdrawing the consent ends the request: the provider stops seeing her.
    let revoked = app
        .post(
            "/inicio/meus-dados/autorizacoes/2/retirar",
            &[("finalidade", "curso")],
            Some(&maria),
        )
        .await;
    assert_eq!(revoked.location(), Some("/inicio/meus-dados?retirada=1"));
    assert!(
        app.get("/inicio/cursos", Some(&maria))
            .await
            .body
            .contains("Cancelada")
    );
    assert!(
        !app.get("/parceiro/inscricoes", Some(&partner))
            .await
            .body
            .contains("Maria")
    );
    // She can ask again; then cancel it herself.
    app.post(
        "/cursos/1/inscricao",
        &[("consentimento", "1")],
        Some(&maria),
    )
    .await;
    assert!(
        app.get("/parceiro/inscricoes", Some(&partner))
            .await
            .body
            .contains("Maria")
    );
    let cancelled = app
        .post("/inicio/cursos/1/cancelar", &[], Some(&maria))
        .await;
    assert_eq!(cancelled.location(), Some("/inicio/cursos?cancelado=1"));
    assert!(
        !app.get("/parceiro/inscricoes", Some(&partner))
            .await
            .body
            .contains("Maria")
    );
}

async fn nobody_sees_requests_outside_their_scope(app: TestApp) {
    let (maria, _) = app.login(DEMO_EGRESSO_CPF, DEMO_PASSWORD).await;
    let sent = app
        .post(
            "/cursos/2/inscricao",
            &[("consentimento", "1")],
            Some(&maria),
        )
        .await;
    assert_eq!(sent.status, 303);
    assert!(
        app.get(OTHER_PROVIDER_COURSE, Some(&maria))
            .await
            .body
            .contains("Pedido enviado")
    );
    // Another provider neither sees nor answers it.
    let (partner, _) = app.login("parceiro@exemplo.org", DEMO_PASSWORD).await;
    assert!(
        !app.get("/parceiro/inscricoes", Some(&partner))
            .await
            .body
            .contains("Maria")
    );
    let foreign = app
        .post(
            "/parceiro/inscricoes/1/responder",
            &[("resposta", "sem_vaga")],
            Some(&partner),
        )
        .await;
    assert_eq!(foreign.status, 404);

    // A caseworker of another unit does not see her.
    let (admin, _) = app.login("admin@exemplo.org", DEMO_PASSWORD).await;
    let unit = app
        .post(
            "/admin/unidades",
            &[
                ("nome", "Escritório Social de BH"),
                ("uf", "MG"),
                ("municipio", "3106200"),
            ],
            Some(&admin),
        )
        .await;
    assert_eq!(unit.status, 303);
    let other = app
        .create_account(
            &[
                ("papel", "caseworker"),
                ("nome", "Técnico de BH"),
                ("email", "bh@exemplo.org"),
                ("unidade", "2"),
            ],
            "bh@exemplo.org",
            "senha-do-tecnico-bh",
        )
        .await;
    let theirs = app.get("/equipe/inscricoes", Some(&other)).await;
    assert_eq!(theirs.status, 200);
    assert!(!theirs.body.contains("Maria"));

    // Another person cannot cancel her request.
    let jose = app
        .create_account(
            &[
                ("papel", "egresso"),
                ("nome", "José Lima"),
                ("cpf", "111.444.777-35"),
                ("unidade", "1"),
            ],
            "11144477735",
            "senha-do-jose",
        )
        .await;
    let steal = app
        .post("/inicio/cursos/1/cancelar", &[], Some(&jose))
        .await;
    assert_eq!(steal.status, 404);
    assert!(
        app.get("/inicio/cursos", Some(&maria))
            .await
            .body
            .contains("Pedido enviado")
    );
    // Companies and the admin have no way in.
    let (company, _) = app.login("rh@exemplo.org", DEMO_PASSWORD).await;
    for path in [
        "/parceiro/inscricoes",
        "/equipe/inscricoes",
        "/inicio/cursos",
    ] {
        assert_eq!(app.get(path, Some(&company)).await.status, 403, "{path}");
        assert_eq!(app.get(path, Some(&admin)).await.status, 403, "{path}");
    }
}

async fn admin_keeps_the_catalogue(app: TestApp) {
    let (admin, _) = app.login("admin@exemplo.org", DEMO_PASSWORD).await;
    let list = app.get("/admin/cursos", Some(&admin)).await;
    assert_eq!(list.status, 200);
    assert_eq!(count_items(&list.body), 36);

    let bad = app
        .post(
            "/admin/cursos/novo",
            &[
                ("fornecedor", "2"),
                ("titulo", "Padeiro e confeiteiro"),
                ("descricao", "curto"),
                ("modalidade", "presencial"),
                ("horas", "0"),
                ("inicio", "2027-02-30"),
                ("cidade", "Brasília"),
                ("uf", "DF"),
                ("municipio", "3106200"),
                ("preco", "abc"),
                ("aberto", "1"),
            ],
            Some(&admin),
        )
        .await;
    assert_eq!(bad.status, 422);
    for message in [
        "Conte em poucas frases",
        "de 1 a 3000",
        "Escolha a data de início.",
        "Este código IBGE é de outro estado",
        "deixe vazio se for gratuito",
    ] {
        assert!(bad.body.contains(message), "{message}");
    }
    assert!(bad.body.contains(r#"value="Padeiro e confeiteiro""#));
    assert_eq!(
        count_items(&app.get("/admin/cursos", Some(&admin)).await.body),
        36
    );

    let good = [
        ("fornecedor", "2"),
        ("titulo", "Padeiro e confeiteiro"),
        (
            "descricao",
            "Pães, bolos e salgados para vender ou trabalhar em padaria.",
        ),
        ("modalidade", "presencial"),
        ("horas", "96"),
        ("inicio", "2027-02-01"),
        ("cidade", "Brasília"),
        ("uf", "DF"),
        ("municipio", "5300108"),
        ("preco", ""),
        ("remicao", "1"),
        ("aberto", "1"),
    ];
    let created = app.post("/admin/cursos/novo", &good, Some(&admin)).await;
    assert_eq!(created.location(), Some("/admin/cursos?salvo=1"));
    let found = app.get("/cursos?q=padeiro", None).await;
    assert!(found.body.contains("1 curso encontrado."), "{}", found.body);
    assert!(found.body.contains("01/02/2027"));
    assert!(found.body.contains("até 8 dias a menos de pena"));

    // Closing it takes it out of the catalogue.
    let closed: Vec<(&str, &str)> = good
        .iter()
        .copied()
        .filter(|(k, _)| *k != "aberto")
        .collect();
    let edited = app
        .post("/admin/cursos/37/editar", &closed, Some(&admin))
        .await;
    assert_eq!(edited.status, 303, "{}", edited.body);
    assert!(
        app.get("/cursos?q=padeiro", None)
            .await
            .body
            .contains("Nenhum curso encontrado")
    );
    assert_eq!(
        app.get("/admin/cursos/999/editar", Some(&admin))
            .await
            .status,
        404
    );
}
