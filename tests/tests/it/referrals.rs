//! Encaminhamentos: the consent gate, the receiver's answers, the person following them, and
//! who sees what.

use esv_tests::{DEMO_EGRESSO_CPF, DEMO_PASSWORD, TestApp, on_both_databases};

on_both_databases!(
    caseworker_refers_with_consent_and_the_partner_answers,
    consent_gate_and_logged_override,
    nobody_sees_referrals_outside_their_scope,
    the_service_is_found_by_a_search_that_keeps_what_was_typed,
);

/// Demo service 11: the family service of Coletivo Recomeço (the demo partner) in Brasília.
const PARTNER_SERVICE: &str = "11";
const MARIA: &str = "1";
const DEMAND: &str = "Quer retomar contato com a filha; precisa de mediação familiar.";

async fn refer(app: &TestApp, staff: &str, extra: &[(&str, &str)]) -> esv_tests::Page {
    let mut form = vec![
        ("pessoa", MARIA),
        ("servico", PARTNER_SERVICE),
        ("demanda", DEMAND),
    ];
    form.extend_from_slice(extra);
    app.post("/equipe/encaminhamentos/novo", &form, Some(staff))
        .await
}

async fn caseworker_refers_with_consent_and_the_partner_answers(app: TestApp) {
    let (tecnica, _) = app.login("tecnica@exemplo.org", DEMO_PASSWORD).await;
    let form = app
        .get("/equipe/encaminhamentos/novo", Some(&tecnica))
        .await;
    assert!(
        !form.body.contains("Maria Aparecida dos Santos"),
        "no list of the whole unit"
    );
    assert!(
        !form.body.contains("Coletivo Recomeço"),
        "no list of the whole directory"
    );
    // The person is found by name, as typed, and stays chosen.
    let found = app
        .post(
            "/equipe/encaminhamentos/novo",
            &[("busca_pessoa", "maria santos"), ("acao", "buscar_pessoa")],
            Some(&tecnica),
        )
        .await;
    assert_eq!(found.status, 200);
    assert!(
        found.body.contains("1 pessoa encontrada."),
        "{}",
        found.body
    );
    assert!(found.body.contains("Maria Aparecida dos Santos"));
    let sent = refer(
        &app,
        &tecnica,
        &[("compartilhar", "1"), ("consentimento", "1")],
    )
    .await;
    assert_eq!(
        sent.location(),
        Some("/equipe/encaminhamentos?enviado=1"),
        "{}",
        sent.body
    );
    let list = app.get("/equipe/encaminhamentos", Some(&tecnica)).await;
    assert!(list.body.contains("Maria Aparecida dos Santos"));
    assert!(list.body.contains("Enviado, esperando resposta"));

    // The partner sees it, with the demand (consent given), and answers.
    let (partner, _) = app.login("parceiro@exemplo.org", DEMO_PASSWORD).await;
    let inbox = app.get("/parceiro/encaminhamentos", Some(&partner)).await;
    assert!(inbox.body.contains("Maria Aparecida dos Santos"));
    let page = app.get("/parceiro/encaminhamentos/1", Some(&partner)).await;
    assert!(page.body.contains(DEMAND));
    assert!(page.body.contains("Escritório Social de Brasília"));
    assert!(!page.body.contains("529.982.247-25") && !page.body.contains("52998224725"));
    assert!(
        !page.body.contains(r#"value="cancelado""#),
        "only the unit cancels"
    );
    let accepted = app
        .post(
            "/parceiro/encaminhamentos/1",
            &[("situacao", "aceito")],
            Some(&partner),
        )
        .await;
    assert_eq!(
        accepted.location(),
        Some("/parceiro/encaminhamentos/1?salvo=1")
    );
    let cancel = app
        .post(
            "/parceiro/encaminhamentos/1",
            &[("situacao", "cancelado")],
            Some(&partner),
        )
        .await;
    assert_eq!(cancel.status, 422);
    assert!(
        cancel
            .body
            .contains("Só a equipe do Escritório Social pode cancelar")
    );
    let no_outcome = app
        .post(
            "/parceiro/encaminhamentos/1",
            &[("situacao", "concluido"), ("observacao", "")],
            Some(&partner),
        )
        .await;
    assert_eq!(no_outcome.status, 422);
    assert!(
        no_outcome
            .body
            .contains("Conte como terminou o atendimento.")
    );
    let done = app
        .post(
            "/parceiro/encaminhamentos/1",
            &[
                ("situacao", "concluido"),
                (
                    "observacao",
                    "Três encontros de mediação; voltaram a se falar.",
                ),
            ],
            Some(&partner),
        )
        .await;
    assert_eq!(done.status, 303);
    let backwards = app
        .post(
            "/parceiro/encaminhamentos/1",
            &[("situacao", "aceito")],
            Some(&partner),
        )
        .await;
    assert_eq!(backwards.status, 422);
    assert!(
        backwards
            .body
            .contains("não pode passar de “Concluído” para “Aceito”")
    );

    // The unit sees the history; the person sees the outcome and who looked.
    let detail = app.get("/equipe/encaminhamentos/1", Some(&tecnica)).await;
    assert!(
        detail
            .body
            .contains("Aceito → Concluído: Três encontros de mediação")
    );
    assert!(detail.body.contains("Paulo Nascimento"));
    let (maria, _) = app.login(DEMO_EGRESSO_CPF, DEMO_PASSWORD).await;
    let mine = app.get("/inicio/encaminhamentos", Some(&maria)).await;
    assert!(
        mine.body
            .contains("Apoio a familiares e mediação de vínculos")
    );
    assert!(mine.body.contains("Concluído"));
    assert!(mine.body.contains("voltaram a se falar"));
    let data = app.get("/inicio/meus-dados", Some(&maria)).await;
    for text in [
        "Compartilhar meu caso com Coletivo Recomeço (encaminhamento)",
        "Carla Mendes (Equipe técnica) encaminhou você para um serviço",
        "Paulo Nascimento (Coletivo Recomeço) viu seu encaminhamento",
        "Paulo Nascimento (Coletivo Recomeço) registrou uma resposta ao seu encaminhamento",
    ] {
        assert!(data.body.contains(text), "{text}");
    }
    let file = app.get("/inicio/meus-dados/baixar", Some(&maria)).await;
    assert!(file.body.contains("\"encaminhamentos\"") && file.body.contains(DEMAND));

    // Withdrawing the consent: the partner stops seeing the demand at once.
    let revoked = app
        .post(
            "/inicio/meus-dados/autorizacoes/2/retirar",
            &[("finalidade", "caso")],
            Some(&maria),
        )
        .await;
    assert_eq!(revoked.location(), Some("/inicio/meus-dados?retirada=1"));
    let page = app.get("/parceiro/encaminhamentos/1", Some(&partner)).await;
    assert!(!page.body.contains(DEMAND));
    assert!(page.body.contains("A pessoa não autorizou enviar o caso."));
}

async fn consent_gate_and_logged_override(app: TestApp) {
    let (tecnica, _) = app.login("tecnica@exemplo.org", DEMO_PASSWORD).await;
    let refused = refer(&app, &tecnica, &[("compartilhar", "1")]).await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("marque que a pessoa autorizou"));
    assert!(refused.body.contains(DEMAND), "what was typed is kept");
    let short = refer(
        &app,
        &tecnica,
        &[("compartilhar", "1"), ("justificativa", "urgente")],
    )
    .await;
    assert_eq!(short.status, 422);
    assert!(short.body.contains("Explique em pelo menos 20 caracteres."));
    assert!(
        app.get("/equipe/encaminhamentos", Some(&tecnica))
            .await
            .body
            .contains("Nenhum encaminhamento ainda."),
        "nothing was created"
    );

    let justification = "Risco de rua hoje à noite; a pessoa não pôde vir assinar.";
    let sent = refer(
        &app,
        &tecnica,
        &[("compartilhar", "1"), ("justificativa", justification)],
    )
    .await;
    assert_eq!(sent.status, 303);
    let staff_view = app.get("/equipe/encaminhamentos/1", Some(&tecnica)).await;
    assert!(staff_view.body.contains(justification));
    let (partner, _) = app.login("parceiro@exemplo.org", DEMO_PASSWORD).await;
    let partner_view = app.get("/parceiro/encaminhamentos/1", Some(&partner)).await;
    assert!(partner_view.body.contains(DEMAND));
    assert!(!partner_view.body.contains(justification));
    let (maria, _) = app.login(DEMO_EGRESSO_CPF, DEMO_PASSWORD).await;
    assert!(
        app.get("/inicio/meus-dados", Some(&maria))
            .await
            .body
            .contains("enviou seu caso sem sua autorização, com justificativa")
    );

    // Not shared: the partner gets the referral without the demand.
    let plain = refer(&app, &tecnica, &[]).await;
    assert_eq!(plain.status, 303);
    let page = app.get("/parceiro/encaminhamentos/2", Some(&partner)).await;
    assert!(!page.body.contains(DEMAND));
    assert!(page.body.contains("A pessoa não autorizou enviar o caso."));
    // The unit cancels it.
    let cancelled = app
        .post(
            "/equipe/encaminhamentos/2",
            &[("situacao", "cancelado")],
            Some(&tecnica),
        )
        .await;
    assert_eq!(cancelled.status, 303);
    assert!(
        app.get("/inicio/encaminhamentos", Some(&maria))
            .await
            .body
            .contains("Cancelado")
    );
}

async fn nobody_sees_referrals_outside_their_scope(app: TestApp) {
    let (tecnica, _) = app.login("tecnica@exemplo.org", DEMO_PASSWORD).await;
    assert_eq!(
        refer(
            &app,
            &tecnica,
            &[("compartilhar", "1"), ("consentimento", "1")]
        )
        .await
        .status,
        303
    );
    // Another partner organisation (a course provider of the demo data).
    let other_partner = app
        .create_account(
            &[
                ("papel", "partner"),
                ("nome", "Ana Escola"),
                ("email", "ana@exemplo.org"),
                ("organizacao", "12"),
            ],
            "ana@exemplo.org",
            "senha-da-ana-escola",
        )
        .await;
    let inbox = app
        .get("/parceiro/encaminhamentos", Some(&other_partner))
        .await;
    assert!(inbox.body.contains("Nenhum encaminhamento recebido."));
    assert_eq!(
        app.get("/parceiro/encaminhamentos/1", Some(&other_partner))
            .await
            .status,
        404
    );
    let answer = app
        .post(
            "/parceiro/encaminhamentos/1",
            &[("situacao", "recusado"), ("observacao", "não é conosco")],
            Some(&other_partner),
        )
        .await;
    assert_eq!(answer.status, 404);

    // A caseworker of another unit: nothing to see, nothing to change, nobody to refer.
    let (admin, _) = app.login("admin@exemplo.org", DEMO_PASSWORD).await;
    app.post(
        "/admin/unidades",
        &[
            ("nome", "Escritório Social de BH"),
            ("uf", "MG"),
            ("municipio", "3106200"),
        ],
        Some(&admin),
    )
    .await;
    let other_unit = app
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
    let theirs = app.get("/equipe/encaminhamentos", Some(&other_unit)).await;
    assert!(theirs.body.contains("Nenhum encaminhamento ainda."));
    assert_eq!(
        app.get("/equipe/encaminhamentos/1", Some(&other_unit))
            .await
            .status,
        404
    );
    let cancel = app
        .post(
            "/equipe/encaminhamentos/1",
            &[("situacao", "cancelado")],
            Some(&other_unit),
        )
        .await;
    assert_eq!(cancel.status, 404);
    let form = app
        .get("/equipe/encaminhamentos/novo", Some(&other_unit))
        .await;
    assert!(!form.body.contains("Maria"));
    // Searching her by name, or posting her id as the chosen one, shows nothing of her.
    let searched = app
        .post(
            "/equipe/encaminhamentos/novo",
            &[
                ("busca_pessoa", "maria"),
                ("acao", "buscar_pessoa"),
                ("pessoa", "1"),
            ],
            Some(&other_unit),
        )
        .await;
    assert_eq!(searched.status, 200);
    assert!(!searched.body.contains("Maria"), "{}", searched.body);
    assert!(searched.body.contains("Nenhuma pessoa encontrada."));
    let foreign = refer(&app, &other_unit, &[]).await;
    assert_eq!(foreign.status, 422);
    assert!(foreign.body.contains("Escolha a pessoa."));

    // Companies, the admin and people attended have no way in.
    let (company, _) = app.login("rh@exemplo.org", DEMO_PASSWORD).await;
    let (maria, _) = app.login(DEMO_EGRESSO_CPF, DEMO_PASSWORD).await;
    for who in [&company, &admin, &maria] {
        for path in [
            "/equipe/encaminhamentos",
            "/equipe/encaminhamentos/1",
            "/parceiro/encaminhamentos",
            "/parceiro/encaminhamentos/1",
        ] {
            assert_eq!(app.get(path, Some(who)).await.status, 403, "{path}");
        }
    }
    // The person sees her own referrals only.
    assert_eq!(
        app.get("/inicio/encaminhamentos", Some(&company))
            .await
            .status,
        403
    );
}

/// The directory is searched, not listed: "Buscar serviço" posts the form, finds the services
/// by name, organisation or what they offer (accents ignored), keeps everything typed and
/// saves nothing; the chosen service stays chosen through another search.
async fn the_service_is_found_by_a_search_that_keeps_what_was_typed(app: TestApp) {
    let (tecnica, _) = app.login("tecnica@exemplo.org", DEMO_PASSWORD).await;
    let referrals = || async {
        app.get("/equipe/encaminhamentos", Some(&tecnica))
            .await
            .body
            .matches(r#"<li class="item""#)
            .count()
    };
    let before = referrals().await;
    let search = |words: &'static str, chosen: &'static str| {
        let (app, tecnica) = (&app, &tecnica);
        async move {
            app.post(
                "/equipe/encaminhamentos/novo",
                &[
                    ("pessoa", MARIA),
                    ("servico", chosen),
                    ("demanda", DEMAND),
                    ("busca", words),
                    ("acao", "buscar"),
                ],
                Some(tecnica),
            )
            .await
        }
    };
    let found = search("recomeco", "").await;
    assert_eq!(found.status, 200);
    assert!(
        found
            .body
            .contains("Apoio a familiares e mediação de vínculos – Coletivo Recomeço")
    );
    assert!(
        found
            .body
            .contains(&format!(r#"value="{PARTNER_SERVICE}""#))
    );
    assert!(found.body.contains(DEMAND), "the demand typed stays");
    assert!(
        found.body.contains(r#"value="recomeco""#),
        "the words typed stay"
    );
    // By what the service offers, in several cities: each line names its place.
    let documents = search("documentos", "").await;
    assert!(documents.body.contains("serviços encontrados."));
    assert!(documents.body.contains("Brasília, DF") && documents.body.contains("São Paulo, SP"));
    // Nothing found is said; the service already chosen stays chosen.
    let none = search("astronauta", PARTNER_SERVICE).await;
    assert!(
        none.body
            .contains("Nenhum serviço encontrado. Tente outras palavras.")
    );
    assert!(
        none.body.contains("Coletivo Recomeço"),
        "the chosen one is still offered"
    );
    assert!(none.body.contains("checked"));
    // No referral was made by searching.
    assert_eq!(referrals().await, before);
}
